/* fuzz-semdiff: the semantic diff on two notes (the input split at the
 * first NUL, or in half).  Never crash; a note compared with itself has no
 * changes; every change names a real difference; phrases always format. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "note.h"
#include "semdiff.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rf_fuzz_quiet();
	return 0;
}

static void check(const struct rf_note *a, const struct rf_note *b, int same)
{
	struct rf_changes ch;
	rf_semdiff(a, b, &ch);
	if (same)
		RF_FUZZ_ASSERT(ch.n == 0 && !ch.layout_only);
	for (size_t i = 0; i < ch.n; i++) {
		const struct rf_change *c = &ch.v[i];
		RF_FUZZ_ASSERT(c->section && c->key);
		if (c->kind == RF_CHANGE_CONFLICT) {
			/* A side without the key is a NULL value, never both. */
			RF_FUZZ_ASSERT(c->old_value || c->new_value);
		} else {
			RF_FUZZ_ASSERT((c->kind == RF_CHANGE_ADDED) == (c->old_value == NULL));
			RF_FUZZ_ASSERT((c->kind == RF_CHANGE_REMOVED) == (c->new_value == NULL));
		}
		if (c->kind == RF_CHANGE_CHANGED)
			RF_FUZZ_ASSERT(strcmp(c->old_value, c->new_value) != 0);
		char *p = rf_change_phrase(c);
		RF_FUZZ_ASSERT(p && *p);
		free(p);
	}
	rf_changes_free(&ch);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	const char *nul = memchr(text, '\0', size);
	size_t alen = nul ? (size_t)(nul - text) : size / 2;
	size_t boff = nul ? alen + 1 : alen;
	struct rf_note a, b;
	rf_note_parse(&a, "a.ini", text, alen, 0);
	rf_note_parse(&b, "b.ini", text + boff, size - boff, 0);
	check(&a, &b, 0);
	check(&b, &a, 0);
	check(&a, &a, 1);
	check(NULL, &b, 0);
	check(&a, NULL, 0);
	rf_note_free(&a);
	rf_note_free(&b);
	return 0;
}
