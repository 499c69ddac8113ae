/* The line editor: what it keeps, what it writes, what it refuses. */
#include <stdlib.h>

#include "edit.h"
#include "note.h"
#include "unit.h"

static char *set(const char *text, const char *section, const char *key, const char *value)
{
	struct rf_buf out = RF_BUF_INIT;
	if (rf_edit_set("t.ini", text, strlen(text), section, key, value, &out) < 0) {
		rf_buf_free(&out);
		return NULL;
	}
	return rf_buf_detach(&out);
}

static void replaces_in_place(struct unit *u)
{
	const char *in = "; top\n[visa]\n; q?\nh1b = unknown ; ask PD\n\nj1=yes\n[x]\n";
	char *s = set(in, "visa", "h1b", "no");
	CHECK_STR(u, s, "; top\n[visa]\n; q?\nh1b = no ; ask PD\n\nj1=yes\n[x]\n");
	free(s);
	s = set(in, "visa", "j1", "no");
	CHECK_STR(u, s, "; top\n[visa]\n; q?\nh1b = unknown ; ask PD\n\nj1= no\n[x]\n");
	free(s);
}

static void case_and_duplicates(struct unit *u)
{
	/* iniparser lowercases names and keeps the last duplicate. */
	char *s = set("[Visa]\nH1B = yes\nh1b = no\n", "visa", "h1b", "vague");
	CHECK_STR(u, s, "[Visa]\nH1B = yes\nh1b = vague\n");
	free(s);
}

static void adds_missing_key_and_section(struct unit *u)
{
	char *s = set("[visa]\nh1b = no\n; next section\n\n[img]\nx = 1\n", "visa", "j1", "yes");
	CHECK_STR(u, s, "[visa]\nh1b = no\nj1 = yes\n; next section\n\n[img]\nx = 1\n");
	free(s);
	s = set("[visa]\nh1b = no", "notes", "a", "b");
	CHECK_STR(u, s, "[visa]\nh1b = no\n\n[notes]\na = b\n");
	free(s);
	s = set("[visa]\r\nh1b = no\r\n", "visa", "j1", "yes");
	CHECK_STR(u, s, "[visa]\r\nh1b = no\r\nj1 = yes\r\n");
	free(s);
}

static void encodes_for_iniparser(struct unit *u)
{
	struct { const char *in, *want; } cases[] = {
		{ "plain words", "plain words" },
		{ "a;b", "\"a;b\"" },
		{ "#1 program", "\"#1 program\"" },
		{ "she said \"no\"; then left", "'she said \"no\"; then left'" },
		{ "it's fine", "it's fine" },
		{ " padded ", "\" padded \"" },
		{ "ends with \\", "\"ends with \\\"" },
		{ "", "" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct rf_buf b = RF_BUF_INIT;
		CHECK(u, rf_edit_encode_value(cases[i].in, &b) == 0);
		CHECK_STR(u, b.buf ? b.buf : "", cases[i].want);
		rf_buf_free(&b);
	}
	struct rf_buf b = RF_BUF_INIT;
	CHECK(u, rf_edit_encode_value("both \" and ' and ;", &b) < 0);
	CHECK(u, rf_edit_encode_value("two\nlines", &b) < 0);
	rf_buf_free(&b);
}

static void reads_back_exactly(struct unit *u)
{
	const char *values[] = { "We've never sponsored an H-1B for IR before, but we could try",
				 "a;b#c", "\"quoted\"", "'single'", "x = y", "tab\there", "ünïcödé" };
	for (size_t i = 0; i < sizeof(values) / sizeof(values[0]); i++) {
		char *s = set("[quotes]\n", "quotes", "2026-12-05 pd", values[i]);
		CHECK(u, s != NULL);
		if (!s)
			continue;
		dictionary *d = rf_ini_load_buffer(s, strlen(s));
		CHECK(u, d != NULL);
		if (d)
			CHECK_STR(u, iniparser_getstring(d, "quotes:2026-12-05 pd", NULL), values[i]);
		iniparser_freedict(d);
		free(s);
	}
}

static void refuses_long_lines(struct unit *u)
{
	char big[1100];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	CHECK(u, set("[notes]\n", "notes", "n", big) == NULL);
}

/* iniparser reads "<<<<<<< = x" as a key, but every rf command would take
 * the line for an unresolved git conflict and refuse the note. */
static void refuses_a_key_that_reads_as_a_conflict(struct unit *u)
{
	CHECK(u, set("[visa]\nh1b = no\n", "visa", "<<<<<<<", "x") == NULL);
	CHECK(u, set("[visa]\nh1b = no\n", "s", "<<<<<<<", "x") == NULL);
	char *s = set("[visa]\nh1b = no\n", "visa", "<<<<<<x", "y");
	CHECK_STR(u, s, "[visa]\nh1b = no\n<<<<<<x = y\n");
	free(s);
}

static void assign_is_all_or_nothing(struct unit *u)
{
	struct rf_buf text = RF_BUF_INIT;
	rf_buf_adds(&text, "[visa]\nh1b = unknown\n");
	char *ok[] = { "visa.h1b=no", "visa.j1=yes" };
	CHECK(u, rf_edit_assign("t.ini", &text, ok, 2, NULL) == 0);
	CHECK_STR(u, text.buf, "[visa]\nh1b = no\nj1 = yes\n");
	char *bad[] = { "visa.h1b=vague", "novalue" };
	CHECK(u, rf_edit_assign("t.ini", &text, bad, 2, NULL) < 0);
	CHECK_STR(u, text.buf, "[visa]\nh1b = no\nj1 = yes\n");
	rf_buf_free(&text);
}

/* The value iniparser reads from text for "section:key", or NULL. */
static char *read_back(const char *text, const char *full)
{
	dictionary *d = rf_ini_load_buffer(text, strlen(text));
	if (!d)
		return NULL;
	const char *v = iniparser_getstring(d, full, NULL);
	char *r = v ? strdup(v) : NULL;
	iniparser_freedict(d);
	return r;
}

static void continuation_lines(struct unit *u)
{
	/* iniparser reads "h1b = unknown" from the two lines; rewriting the
	 * key replaces both physical lines with one. */
	const char *in = "[visa]\nh1b = un\\\nknown\nj1 = yes\n";
	char *v = read_back(in, "visa:h1b");
	CHECK_STR(u, v, "unknown");
	free(v);
	char *s = set(in, "visa", "h1b", "no");
	CHECK_STR(u, s, "[visa]\nh1b = no\nj1 = yes\n");
	free(s);
	/* A continued line elsewhere is kept byte for byte. */
	s = set(in, "visa", "j1", "no");
	CHECK_STR(u, s, "[visa]\nh1b = un\\\nknown\nj1 = no\n");
	free(s);
	/* A missing key goes after the continued line, not inside it. */
	s = set(in, "visa", "legal_support", "vague");
	CHECK_STR(u, s, "[visa]\nh1b = un\\\nknown\nj1 = yes\nlegal_support = vague\n");
	free(s);
}

static void crlf_lines(struct unit *u)
{
	const char *in = "[visa]\r\nh1b = unknown ; ask\r\nj1 = yes\r\n\r\n[img]\r\n";
	char *s = set(in, "visa", "h1b", "no");
	CHECK_STR(u, s, "[visa]\r\nh1b = no ; ask\r\nj1 = yes\r\n\r\n[img]\r\n");
	free(s);
	s = set(in, "img", "accent_comments", "yes");
	CHECK_STR(u, s, "[visa]\r\nh1b = unknown ; ask\r\nj1 = yes\r\n\r\n[img]\r\naccent_comments = yes\r\n");
	free(s);
	s = set(in, "notes", "text", "hi");
	CHECK_STR(u, s, "[visa]\r\nh1b = unknown ; ask\r\nj1 = yes\r\n\r\n[img]\r\n\r\n[notes]\r\ntext = hi\r\n");
	free(s);
}

static void quoted_values_with_comments(struct unit *u)
{
	const char *in = "[quotes]\nq = \"a; b\" ; said twice\nr = 'x # y'   # hers\ns = \"open ; never closed\n";
	char *s = set(in, "quotes", "q", "plain");
	CHECK_STR(u, s, "[quotes]\nq = plain ; said twice\nr = 'x # y'   # hers\ns = \"open ; never closed\n");
	free(s);
	s = set(in, "quotes", "r", "it's; here");
	CHECK_STR(u, s, "[quotes]\nq = \"a; b\" ; said twice\nr = \"it's; here\"   # hers\ns = \"open ; never closed\n");
	free(s);
	/* An unclosed quote runs to the end of the line for iniparser: there
	 * is no comment to keep. */
	s = set(in, "quotes", "s", "closed");
	CHECK_STR(u, s, "[quotes]\nq = \"a; b\" ; said twice\nr = 'x # y'   # hers\ns = closed\n");
	free(s);
	s = set("[a]\nk = v;c\nm =\n", "a", "m", "w");
	CHECK_STR(u, s, "[a]\nk = v;c\nm = w\n");
	free(s);
	s = set("[a]\nk = v;c\n", "a", "k", "");
	CHECK_STR(u, s, "[a]\nk =;c\n");
	char *v = s ? read_back(s, "a:k") : NULL;
	CHECK_STR(u, v, "");
	free(v);
	free(s);
}

static void keys_before_any_section(struct unit *u)
{
	const char *in = "top = 1\n; c\n[visa]\nh1b = no\n";
	char *s = set(in, "visa", "h1b", "yes");
	CHECK_STR(u, s, "top = 1\n; c\n[visa]\nh1b = yes\n");
	free(s);
	s = set(in, "visa", "j1", "yes");
	CHECK_STR(u, s, "top = 1\n; c\n[visa]\nh1b = no\nj1 = yes\n");
	free(s);
	/* A file of top-level keys only gets the section appended. */
	s = set("top = 1\n", "visa", "h1b", "no");
	CHECK_STR(u, s, "top = 1\n\n[visa]\nh1b = no\n");
	free(s);
	s = set("", "visa", "h1b", "no");
	CHECK_STR(u, s, "[visa]\nh1b = no\n");
	free(s);
}

/* Many answers in one pass give the bytes that setting them one by one
 * gives, and a later answer for the same key wins. */
static void sets_many_as_one_by_one(struct unit *u)
{
	const char *in = "; top\n[visa]\nh1b = unknown ; ask\n\n; next\n[img]\nx = 1";
	struct rf_edit_kv kv[] = {
		{ "visa", "h1b", "no" }, { "notes", "a", "x;y" }, { "visa", "j1", "yes" },
		{ "img", "y", "2" }, { "notes", "b", "" }, { "quotes", "q", "z" }, { "visa", "j1", "vague" },
	};
	size_t n = sizeof(kv) / sizeof(kv[0]);
	struct rf_buf many = RF_BUF_INIT, one = RF_BUF_INIT, next = RF_BUF_INIT;
	CHECK(u, rf_edit_set_many("t.ini", in, strlen(in), kv, n, &many) == 0);
	rf_buf_adds(&one, in);
	for (size_t i = 0; i < n; i++) {
		CHECK(u, rf_edit_set("t.ini", one.buf, one.len, kv[i].section, kv[i].key, kv[i].value, &next) == 0);
		struct rf_buf tmp = one;
		one = next;
		next = tmp;
	}
	CHECK_STR(u, many.buf, one.buf);
	CHECK_STR(u, many.buf, "; top\n[visa]\nh1b = no ; ask\nj1 = vague\n\n; next\n[img]\nx = 1\ny = 2\n"
			       "\n[notes]\na = \"x;y\"\nb =\n\n[quotes]\nq = z\n");
	/* One that cannot be stored: nothing is. */
	struct rf_edit_kv bad[] = { { "visa", "h1b", "no" }, { "notes", "a", "two\nlines" } };
	CHECK(u, rf_edit_set_many("t.ini", in, strlen(in), bad, 2, &many) < 0);
	CHECK(u, rf_edit_value_problem("two\nlines") != NULL);
	CHECK(u, rf_edit_value_problem("she said \"no\"; it's final") != NULL);
	CHECK(u, rf_edit_value_problem("a;b") == NULL);
	rf_buf_free(&many);
	rf_buf_free(&one);
	rf_buf_free(&next);
}

static void unset_removes_every_line_of_a_key(struct unit *u)
{
	struct rf_buf out = RF_BUF_INIT;
	const char *t = "[visa]\nh1b = no ; said\nj1 = a \\\n  b\nh1b = yes\n[img]\nh1b = x\n";
	CHECK(u, rf_edit_unset("n.ini", t, strlen(t), "visa", "h1b", &out) == 0);
	CHECK_STR(u, out.buf, "[visa]\nj1 = a \\\n  b\n[img]\nh1b = x\n");
	CHECK(u, rf_edit_unset("n.ini", t, strlen(t), "visa", "j1", &out) == 0);
	CHECK_STR(u, out.buf, "[visa]\nh1b = no ; said\nh1b = yes\n[img]\nh1b = x\n");
	/* Absent already: nothing changes. */
	CHECK(u, rf_edit_unset("n.ini", t, strlen(t), "visa", "none", &out) == 0);
	CHECK_STR(u, out.buf, t);
	rf_buf_free(&out);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, sets_many_as_one_by_one);
	RUN(&u, replaces_in_place);
	RUN(&u, case_and_duplicates);
	RUN(&u, adds_missing_key_and_section);
	RUN(&u, encodes_for_iniparser);
	RUN(&u, reads_back_exactly);
	RUN(&u, refuses_long_lines);
	RUN(&u, refuses_a_key_that_reads_as_a_conflict);
	RUN(&u, assign_is_all_or_nothing);
	RUN(&u, continuation_lines);
	RUN(&u, crlf_lines);
	RUN(&u, quoted_values_with_comments);
	RUN(&u, keys_before_any_section);
	RUN(&u, unset_removes_every_line_of_a_key);
	return UNIT_DONE(&u);
}
