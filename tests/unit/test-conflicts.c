/* The [conflicts] section: entries recorded with their comment, read back
 * with where they came from, resolved with every other byte kept. */
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "unit.h"

static const struct rf_conflict_origin from = { "origin", "2026-12-05 09:00 +0000", "1a2b3c4" };

static char *record(const char *text, const char *section, const char *key, const char *value)
{
	struct rf_buf out = RF_BUF_INIT;
	if (rf_conflicts_record("n.ini", text, strlen(text), section, key, value, &from, &out) < 0) {
		rf_buf_free(&out);
		return rf_xstrdup("(refused)");
	}
	return rf_buf_detach(&out);
}

static void recorded(struct unit *u)
{
	char *s = record("[visa]\nh1b = yes\n", "visa", "h1b", "no");
	CHECK_STR(u, s, "[visa]\nh1b = yes\n\n[conflicts]\n; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\n"
			"visa.h1b = no\n");
	/* A second entry for the same answer, one for another, a removal. */
	char *t = record(s, "visa", "h1b", "vague");
	char *v = record(t, "notes", "x", "a; b # c");
	char *w = record(v, "visa", "j1", NULL);
	CHECK_STR(u, w,
		  "[visa]\nh1b = yes\n\n[conflicts]\n"
		  "; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\nvisa.h1b = no\n"
		  "; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\nvisa.h1b 2 = vague\n"
		  "; notes.x: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\nnotes.x = \"a; b # c\"\n"
		  "; visa.j1: removed on origin, 2026-12-05 09:00 +0000 (1a2b3c4)\nvisa.j1 =\n");
	struct rf_note n;
	CHECK(u, rf_note_parse(&n, "n.ini", w, strlen(w), 0) == 0);
	struct rf_conflict *c;
	size_t k;
	rf_conflicts_list(&n, &c, &k);
	CHECK(u, k == 4);
	if (k == 4) {
		CHECK_STR(u, c[0].name, "visa.h1b");
		CHECK_STR(u, c[1].name, "visa.h1b 2");
		CHECK_STR(u, c[1].key, "h1b");
		CHECK_STR(u, c[1].value, "vague");
		CHECK_STR(u, c[2].value, "a; b # c");
		CHECK_STR(u, c[2].section, "notes");
		CHECK(u, c[3].removed && !*c[3].value);
		CHECK_STR(u, c[0].from, "origin");
		CHECK(u, c[0].lineno == 6 && c[3].lineno == 12);
	}
	rf_conflicts_free(c, k);
	rf_note_free(&n);
	free(s);
	free(t);
	free(v);
	free(w);
	/* CRLF notes get CRLF lines; a note without a final newline gets one. */
	s = record("[visa]\r\nh1b = yes\r\n", "visa", "h1b", "no");
	CHECK_STR(u, s, "[visa]\r\nh1b = yes\r\n\r\n[conflicts]\r\n; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\r\n"
			"visa.h1b = no\r\n");
	free(s);
	s = record("[visa]\nh1b = yes", "visa", "h1b", "no");
	CHECK(u, !strncmp(s, "[visa]\nh1b = yes\n\n[conflicts]\n", 30));
	free(s);
	/* An existing section in the middle: the entry goes after its last. */
	s = record("[conflicts]\n; old\nvisa.h1b = no\n\n[visa]\nh1b = yes\n", "visa", "j1", "yes");
	CHECK_STR(u, s, "[conflicts]\n; old\nvisa.h1b = no\n; visa.j1: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\n"
			"visa.j1 = yes\n\n[visa]\nh1b = yes\n");
	free(s);
	/* What iniparser cannot read back is refused. */
	s = record("[visa]\n", "visa", "h1b", "a\nb");
	CHECK_STR(u, s, "(refused)");
	free(s);
	char big[1100];
	memset(big, 'x', sizeof(big) - 1);
	big[sizeof(big) - 1] = '\0';
	big[1010] = '\0';
	s = record("[notes]\n", "notes", "long", big);
	CHECK_STR(u, s, "(refused)");
	free(s);
}

static char *resolved(const char *text, const char *section, const char *key, size_t *n)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_adds(&b, text);
	rf_conflicts_resolve(&b, section, key, n);
	return rf_buf_detach(&b);
}

static void resolution(struct unit *u)
{
	const char *text = "[visa]\nh1b = yes\n\n[conflicts]\n"
			   "; visa.h1b: from origin, x (y)\nvisa.h1b = no\n"
			   "; visa.j1: from origin, x (y)\nvisa.j1 = no\n"
			   "visa.h1b 2 = vague\n";
	size_t n;
	char *s = resolved(text, "visa", "h1b", &n);
	CHECK(u, n == 2);
	CHECK_STR(u, s, "[visa]\nh1b = yes\n\n[conflicts]\n; visa.j1: from origin, x (y)\nvisa.j1 = no\n");
	char *t = resolved(s, "visa", "j1", &n);
	CHECK(u, n == 1);
	CHECK_STR(u, t, "[visa]\nh1b = yes\n");
	free(t);
	t = resolved(s, "visa", "nothing", &n);
	CHECK(u, n == 0);
	CHECK_STR(u, t, s);
	free(t);
	free(s);
	/* Entries edited by hand, without comments, are read too. */
	struct rf_note note;
	const char *hand = "[conflicts]\nvisa.h1b = no\nnonsense = 1\nculture.staff_tone 3 = hostile\n";
	rf_note_parse(&note, "n.ini", hand, strlen(hand), 0);
	struct rf_conflict *c;
	rf_conflicts_list(&note, &c, &n);
	CHECK(u, n == 2);
	if (n == 2) {
		CHECK(u, c[0].from == NULL);
		CHECK_STR(u, c[1].section, "culture");
		CHECK_STR(u, c[1].key, "staff_tone");
	}
	rf_conflicts_free(c, n);
	rf_note_free(&note);
}

static void assigned(struct unit *u)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_adds(&b, "[visa]\nh1b = no\n\n[conflicts]\n; x\nvisa.h1b = yes\nculture.tone = ok\n");
	char *assigns[] = { "VISA.H1B=no", "program.rank=2", "bogus" };
	CHECK(u, rf_conflicts_resolve_assigned(&b, assigns, 3) == 1);
	CHECK_STR(u, b.buf, "[visa]\nh1b = no\n\n[conflicts]\nculture.tone = ok\n");
	rf_buf_free(&b);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, recorded);
	RUN(&u, resolution);
	RUN(&u, assigned);
	return UNIT_DONE(&u);
}
