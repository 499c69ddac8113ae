/* fuzz-edit: the line editor.  Input: "section.key=value\n" then a note.
 * When rf_edit_set succeeds, the guarantee must hold: iniparser reads the
 * value back exactly, no other answer changes, and every byte outside the
 * one rewritten line is kept (an insertion adds, never replaces). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
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

/* The bytes that differ between a and b, after the longest common prefix
 * and suffix: [*from, a_len - *tail) in a. */
static void diff_span(const char *a, size_t alen, const char *b, size_t blen, size_t *from, size_t *tail)
{
	size_t p = 0, s = 0;
	while (p < alen && p < blen && a[p] == b[p])
		p++;
	while (s < alen - p && s < blen - p && a[alen - 1 - s] == b[blen - 1 - s])
		s++;
	*from = p;
	*tail = s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *nl = memchr(data, '\n', size);
	if (!nl)
		return 0;
	size_t hlen = (size_t)(nl - (const char *)data);
	const char *text = nl + 1;
	size_t len = size - hlen - 1;
	char *head = strndup((const char *)data, hlen);
	if (!head || strlen(head) != hlen) {	/* NUL in the assignment */
		free(head);
		return 0;
	}
	char *eq = strchr(head, '='), *section = NULL, *key = NULL;
	struct rf_note old, new;
	struct rf_buf out = RF_BUF_INIT;
	if (!eq)
		goto done;
	*eq = '\0';
	if (rf_note_split_key(head, &section, &key) < 0)
		goto done;
	const char *value = eq + 1;
	if (rf_note_parse(&old, "fuzz.ini", text, len, 0) < 0) {
		rf_note_free(&old);
		goto done;
	}
	if (rf_edit_set("fuzz.ini", text, len, section, key, value, &out) == 0) {
		RF_FUZZ_ASSERT(rf_note_parse(&new, "fuzz.ini", out.buf, out.len, 0) == 0);
		const char *got = rf_note_get(&new, section, key);
		RF_FUZZ_ASSERT(got && strcmp(got, value) == 0);

		struct rf_changes ch;
		rf_semdiff(&old, &new, &ch);
		for (size_t i = 0; i < ch.n; i++)
			RF_FUZZ_ASSERT(!strcmp(ch.v[i].section, section) && !strcmp(ch.v[i].key, key));
		rf_changes_free(&ch);

		size_t from, tail;
		diff_span(text, len, out.buf, out.len, &from, &tail);
		if (from < len - tail) {
			/* Something was replaced: it must lie within one line. */
			const struct rf_line *l = rf_ini_find(&old.ini, section, key);
			RF_FUZZ_ASSERT(l && l->start <= from && len - tail <= l->end);
		}
		rf_note_free(&new);
	}
	rf_note_free(&old);
done:
	rf_buf_free(&out);
	free(section);
	free(key);
	free(head);
	return 0;
}
