/* The line scanner must read every line exactly as iniparser 4.1 does:
 * same verdict (readable or not), same section, key and value. */
#include <stdlib.h>

#include "iniline.h"
#include "note.h"
#include "unit.h"
#include "util.h"

/* Scan "[s]\n" LINE "\n" and compare with iniparser's reading. */
static void agree(struct unit *u, const char *line)
{
	char *text = rf_xasprintf("[s]\n%s\n", line);
	struct rf_ini ini;
	rf_ini_scan(text, strlen(text), &ini);
	dictionary *d = rf_ini_load_buffer(text, strlen(text));
	const struct rf_line *bad = rf_ini_first_error(&ini);
	if ((bad != NULL) != (d == NULL)) {
		printf("# '%s': scanner says %s, iniparser %s\n", line, bad ? bad->error : "fine",
		       d ? "reads it" : "rejects it");
		u->bad++;
	}
	for (size_t i = 0; d && i < ini.n; i++) {
		const struct rf_line *l = &ini.lines[i];
		if (l->kind != RF_LINE_VALUE)
			continue;
		char *full = rf_xasprintf("%s:%s", l->section, l->key);
		const char *v = iniparser_getstring(d, full, NULL);
		if (!v || strcmp(v, l->value) != 0) {
			printf("# '%s': scanner %s = [%s], iniparser [%s]\n", line, full, l->value, v ? v : "(absent)");
			u->bad++;
		}
		free(full);
	}
	/* Every key iniparser has, the scanner has too (nothing dropped). */
	int keys = iniparser_getsecnkeys(d ? d : NULL, "s");
	size_t values = 0;
	for (size_t i = 0; i < ini.n; i++)
		values += ini.lines[i].kind == RF_LINE_VALUE;
	if (d && (size_t)keys != values) {
		printf("# '%s': iniparser has %d keys, scanner %zu\n", line, keys, values);
		u->bad++;
	}
	if (d)
		iniparser_freedict(d);
	rf_ini_free(&ini);
	free(text);
}

static void values_agree_with_iniparser(struct unit *u)
{
	static const char *const lines[] = {
		"k = v", "K = V", "k=v", "  k   =   v  ", "k\t=\tv\t", "Weird Key Name = Mixed Case",
		"k = v ; c", "k = v # c", "k = v;c", "k = v#c", "k = a = b", "k = http://x.org/#frag",
		"k = \"a;b\"", "k = 'a#b'", "k = \"a'b\" ; c", "k = 'a\"b' # c", "k = \"\"", "k = ''",
		"k = \"\" ; c", "k =", "k = ", "k = ;c", "k = #c", "k = \"unclosed ; x", "k = 'unclosed # y",
		"k = \"a\" tail", "k = \"\"x", "k = '", "k = \"", "k = \"  padded  \"", "k = it's",
		"k = ünïcödé — “x”", "k = tab\there", "k = trailing backslash \\x", "k = v\r",
		"; comment", "# comment", "   ; indented comment", "",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		agree(u, lines[i]);
}

static void errors_agree_with_iniparser(struct unit *u)
{
	static const char *const lines[] = {
		"no equals sign", "=v", "[unclosed", "[t] ; comment after header", "\xEF\xBB\xBFk = v",
	};
	for (size_t i = 0; i < sizeof(lines) / sizeof(lines[0]); i++)
		agree(u, lines[i]);
}

static void sections_agree(struct unit *u)
{
	const char *text = "top = 1\n[ Spaced Name ]\nk = v\n[UPPER]\nk = w\n[spaced name]\nj = x\n";
	struct rf_ini ini;
	rf_ini_scan(text, strlen(text), &ini);
	dictionary *d = rf_ini_load_buffer(text, strlen(text));
	CHECK(u, d != NULL && rf_ini_first_error(&ini) == NULL);
	CHECK_STR(u, ini.lines[0].section, "");
	CHECK_STR(u, ini.lines[1].section, "spaced name");
	CHECK_STR(u, ini.lines[4].section, "upper");
	CHECK_STR(u, iniparser_getstring(d, ":top", NULL), "1");
	CHECK_STR(u, iniparser_getstring(d, "spaced name:k", NULL), "v");
	CHECK_STR(u, iniparser_getstring(d, "spaced name:j", NULL), "x");
	CHECK_STR(u, iniparser_getstring(d, "upper:k", NULL), "w");
	const struct rf_line *l = rf_ini_find(&ini, "spaced name", "j");
	CHECK(u, l && l->lineno == 7);
	iniparser_freedict(d);
	rf_ini_free(&ini);
}

static void duplicates_keep_the_last(struct unit *u)
{
	const char *text = "[s]\nk = first\nK = second\n";
	struct rf_ini ini;
	rf_ini_scan(text, strlen(text), &ini);
	dictionary *d = rf_ini_load_buffer(text, strlen(text));
	const struct rf_line *l = rf_ini_find(&ini, "s", "k");
	CHECK(u, l && l->lineno == 3);
	CHECK_STR(u, l ? l->value : NULL, iniparser_getstring(d, "s:k", ""));
	iniparser_freedict(d);
	rf_ini_free(&ini);
}

static void continuation_lines(struct unit *u)
{
	const char *text = "[s]\nk = one \\\n  two\\\nthree\nj = x\n";
	struct rf_ini ini;
	rf_ini_scan(text, strlen(text), &ini);
	dictionary *d = rf_ini_load_buffer(text, strlen(text));
	const struct rf_line *l = rf_ini_find(&ini, "s", "k");
	CHECK(u, l && l->lineno == 2 && l->nphys == 3);
	CHECK_STR(u, l ? l->value : NULL, iniparser_getstring(d, "s:k", ""));
	l = rf_ini_find(&ini, "s", "j");
	CHECK(u, l && l->lineno == 5);
	iniparser_freedict(d);
	rf_ini_free(&ini);
}

/* Each physical line of text shorter than n bytes, then one of n. */
static void line_length_limit(struct unit *u)
{
	for (size_t n = 1020; n <= 1025; n++) {
		char *line = rf_xmalloc(n + 1);
		memcpy(line, "k = ", 4);
		memset(line + 4, 'x', n - 4);
		line[n] = '\0';
		agree(u, line);
		char *text = rf_xasprintf("[s]\n%s\n", line);
		struct rf_ini ini;
		rf_ini_scan(text, strlen(text), &ini);
		const struct rf_line *bad = rf_ini_first_error(&ini);
		/* 1022 bytes plus the newline fit in iniparser's 1024-byte buffer. */
		CHECK(u, (n >= 1023) == (bad != NULL));
		if (bad) {
			CHECK_STR(u, bad->error, "line longer than 1023 bytes");
			CHECK(u, bad->lineno == 2);
		}
		rf_ini_free(&ini);
		free(text);
		free(line);
	}
}

static void positions_and_line_endings(struct unit *u)
{
	const char *text = "[s]\r\nk = v ; c\r\n\r\nbad line\r\n";
	struct rf_ini ini;
	rf_ini_scan(text, strlen(text), &ini);
	CHECK(u, ini.crlf == 1);
	CHECK(u, ini.n == 4);
	CHECK(u, ini.lines[1].kind == RF_LINE_VALUE && ini.lines[1].start == 5 && ini.lines[1].end == 16);
	CHECK(u, ini.lines[1].eol == 14);
	CHECK_STR(u, ini.lines[1].value, "v");
	CHECK(u, ini.lines[2].kind == RF_LINE_BLANK);
	CHECK(u, ini.lines[3].kind == RF_LINE_ERROR && ini.lines[3].lineno == 4);
	rf_ini_free(&ini);
	/* NUL bytes are an error, not the end of the text. */
	rf_ini_scan("[s]\nk = a\0b\n", 12, &ini);
	const struct rf_line *bad = rf_ini_first_error(&ini);
	CHECK(u, bad && bad->lineno == 2);
	rf_ini_free(&ini);
}

/* "[]" is the one line rf reads more strictly than iniparser, which keeps
 * the previous section for it: rf calls it an error instead of guessing. */
static void empty_section_is_an_error(struct unit *u)
{
	struct rf_ini ini;
	rf_ini_scan("[a]\n[]\nk = v\n", 13, &ini);
	const struct rf_line *bad = rf_ini_first_error(&ini);
	CHECK(u, bad && bad->lineno == 2);
	CHECK_STR(u, bad ? bad->error : NULL, "empty section name '[]' (iniparser would put its keys in the section above)");
	rf_ini_free(&ini);
}

/* A broken header is named by what is wrong with it, so the user knows
 * whether to add the ']' or move the comment. */
static void malformed_headers_say_what_is_wrong(struct unit *u)
{
	static const struct {
		const char *text, *error;
	} cases[] = {
		{ "[visa\nk = v\n", "section header without its closing ']'" },
		{ "[visa ; note\nk = v\n", "section header without its closing ']'" },
		{ "[visa] ; note\nk = v\n", "malformed section header (a comment after ']' is not allowed)" },
		{ "[visa] x\nk = v\n", "malformed section header (a comment after ']' is not allowed)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rf_ini ini;
		rf_ini_scan(cases[i].text, strlen(cases[i].text), &ini);
		const struct rf_line *bad = rf_ini_first_error(&ini);
		CHECK(u, bad && bad->lineno == 1);
		CHECK_STR(u, bad ? bad->error : NULL, cases[i].error);
		rf_ini_free(&ini);
	}
}

/* git's conflict markers: the marker lines are errors (iniparser rejects
 * them), the lines between belong to a side, and no side is the answer. */
static void git_conflicts_have_no_answer(struct unit *u)
{
	const char *text = "[visa]\nj1 = yes\n<<<<<<< HEAD\nh1b = no\n; asked the PD\n"
			   "||||||| base\nh1b = unknown\n=======\nh1b = yes\n"
			   "[img]\naccent_comments = no\n>>>>>>> theirs\nexcluded_for_visa = no\n";
	struct rf_ini ini;
	rf_ini_scan(text, strlen(text), &ini);
	const struct rf_line *c = rf_ini_first_conflict(&ini);
	CHECK(u, c && c->lineno == 3 && c->marker == '<' && c->kind == RF_LINE_ERROR);
	CHECK(u, rf_ini_first_error(&ini) == c);
	CHECK(u, ini.lines[3].conflict == RF_CONFLICT_OURS && !strcmp(ini.lines[3].value, "no"));
	CHECK(u, ini.lines[6].conflict == RF_CONFLICT_BASE);
	CHECK(u, ini.lines[8].conflict == RF_CONFLICT_THEIRS && !strcmp(ini.lines[8].section, "visa"));
	CHECK(u, ini.lines[10].conflict == RF_CONFLICT_THEIRS && !strcmp(ini.lines[10].section, "img"));
	CHECK(u, ini.lines[11].marker == '>');
	/* After the conflict, theirs' section is in effect. */
	CHECK(u, !ini.lines[12].conflict && !strcmp(ini.lines[12].section, "img"));
	CHECK(u, rf_ini_find(&ini, "visa", "h1b") == NULL);
	CHECK(u, rf_ini_find(&ini, "visa", "j1") == &ini.lines[1]);
	char *sides = rf_ini_conflict_sides(&ini, c);
	CHECK_STR(u, sides, "visa.h1b: 'no' (yours) vs 'yes' (theirs); img.accent_comments: (none) (yours) vs 'no' (theirs)");
	free(sides);
	char *problem = rf_ini_problem(&ini, c);
	CHECK_STR(u, problem, "unresolved git conflict marker: visa.h1b: 'no' (yours) vs 'yes' (theirs); "
			      "img.accent_comments: (none) (yours) vs 'no' (theirs)");
	free(problem);
	rf_ini_free(&ini);

	/* Sides that differ in comments only; markers outside a conflict or of
	 * another size are ordinary lines. */
	text = "[visa]\n<<<<<<< HEAD\n; mine\n=======\n; yours\n>>>>>>> x\n=======\n<<<<<<<< long\n";
	rf_ini_scan(text, strlen(text), &ini);
	c = rf_ini_first_conflict(&ini);
	CHECK(u, c && c->lineno == 2);
	CHECK(u, rf_ini_conflict_sides(&ini, c) == NULL);
	problem = rf_ini_problem(&ini, c);
	CHECK_STR(u, problem, "unresolved git conflict marker (the two sides differ only in comments; keep one and "
			      "delete the marker lines)");
	free(problem);
	CHECK(u, ini.lines[6].marker == 0 && ini.lines[6].kind == RF_LINE_ERROR);
	CHECK(u, ini.lines[7].marker == 0 && ini.lines[7].kind == RF_LINE_ERROR);
	rf_ini_free(&ini);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, values_agree_with_iniparser);
	RUN(&u, errors_agree_with_iniparser);
	RUN(&u, sections_agree);
	RUN(&u, duplicates_keep_the_last);
	RUN(&u, continuation_lines);
	RUN(&u, line_length_limit);
	RUN(&u, positions_and_line_endings);
	RUN(&u, empty_section_is_an_error);
	RUN(&u, malformed_headers_say_what_is_wrong);
	RUN(&u, git_conflicts_have_no_answer);
	return UNIT_DONE(&u);
}
