/* Regressions for what the fuzzers (tests/fuzz) found: each input once
 * made the line scanner and iniparser disagree. */
#include <stdlib.h>

#include "edit.h"
#include "note.h"
#include "unit.h"

/* iniparser drops a last line that ends in '\' (the continuation never
 * ends), so the scanner must call it an error rather than read a value. */
static void dangling_backslash_on_last_line(struct unit *u)
{
	static const char *const bad[] = { "d] sg=b\\", "[s]\nk = b\\\n", "[s]\nk = a \\\nb \\", "[s]\\" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct rf_note n;
		CHECK(u, rf_note_parse(&n, "t.ini", bad[i], strlen(bad[i]), 0) == -1);
		const struct rf_line *l = rf_ini_first_error(&n.ini);
		CHECK(u, l && strstr(l->error, "end of the last line"));
		rf_note_free(&n);
	}
	/* Comments and blank lines lose nothing: still fine. */
	static const char *const ok[] = { "[s]\nk = v\n; c \\", "[s]\nk = v\n\\\n", "[s]\nk = b\\\n\n" };
	for (size_t i = 0; i < sizeof(ok) / sizeof(*ok); i++) {
		struct rf_note n;
		CHECK(u, rf_note_parse(&n, "t.ini", ok[i], strlen(ok[i]), 0) == 0);
		rf_note_free(&n);
	}
}

/* The edit that once changed another key: appending a section after a
 * dangling '\' turned the dropped line into a key.  Now refused earlier,
 * at parse time, so rf never edits such a note. */
static void no_edit_after_dangling_backslash(struct unit *u)
{
	const char *text = " \"q\"=  b; c\nn= b bin= \"q\" ; b; c\nn= b bin= \"q\"  \"\\";
	struct rf_note n;
	CHECK(u, rf_note_parse(&n, "t.ini", text, strlen(text), 0) == -1);
	rf_note_free(&n);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, dangling_backslash_on_last_line);
	RUN(&u, no_edit_after_dangling_backslash);
	return UNIT_DONE(&u);
}
