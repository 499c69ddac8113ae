/* fuzz-ranklist: the rank list file.  Input: the list's bytes.  When it
 * parses, the guarantees must hold: its text is the input byte for byte;
 * a program put on the primary list is there once at the place asked, the
 * moves name it, and taking it off again gives back the input (when the
 * input ends with a line ending); a move keeps the same programs. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "ranklist.h"
#include "rankmoves.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	rf_fuzz_quiet();
	return 0;
}

static int same_text(const struct rf_ranklist *rl, const uint8_t *data, size_t size)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_ranklist_text(rl, &b);
	int same = b.len == size && (!size || !memcmp(b.buf, data, size));
	rf_buf_free(&b);
	return same;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct rf_ranklist rl, before;
	char *why;
	unsigned line;
	if (rf_ranklist_try_parse(&rl, "ranks.txt", (const char *)data, size, &why, &line) < 0) {
		RF_FUZZ_ASSERT(why && line >= 1 && rl.nlines == 0);
		free(why);
		return 0;
	}
	RF_FUZZ_ASSERT(rl.nlists >= 1 && same_text(&rl, data, size));
	rf_ranklist_parse(&before, "ranks.txt", (const char *)data, size);
	const struct rf_ranklist_list *p = &rl.lists[0];
	size_t n = p->n, pos = size ? (size_t)data[0] % (n + 1) + 1 : 1;
	/* The sentinel program must be new to the file: taking it off the
	 * primary list would detach it from headers naming it too. */
	if (!memmem(data, size, "zz-fuzz", 7) && n < RF_RANKLIST_MAX) {
		RF_FUZZ_ASSERT(rf_ranklist_insert(&rl, NULL, "zz-fuzz", pos) == 0);
		p = &rl.lists[0];
		RF_FUZZ_ASSERT(p->n == n + 1 && rf_ranklist_place(p, "zz-fuzz") == pos);
		struct rf_rankmoves m;
		rf_rankmoves_diff(&before, &rl, "zz-fuzz", &m);
		int named = 0;
		for (size_t i = 0; i < m.n; i++)
			named |= m.v[i].kind == RF_RANKMOVE_ADDED && !strcmp(m.v[i].slug, "zz-fuzz") && m.v[i].to == pos;
		RF_FUZZ_ASSERT(named && m.n == 1);
		rf_rankmoves_free(&m);
		if (n) {
			size_t to = (size_t)data[size - 1] % (n + 1) + 1;
			RF_FUZZ_ASSERT(rf_ranklist_move(&rl, NULL, "zz-fuzz", to) == 0);
			RF_FUZZ_ASSERT(rl.lists[0].n == n + 1 && rf_ranklist_place(&rl.lists[0], "zz-fuzz") == to);
		}
		RF_FUZZ_ASSERT(rf_ranklist_remove(&rl, NULL, "zz-fuzz") == 0);
		if (!size || data[size - 1] == '\n')
			RF_FUZZ_ASSERT(same_text(&rl, data, size));
	}
	rf_ranklist_free(&before);
	rf_ranklist_free(&rl);
	return 0;
}
