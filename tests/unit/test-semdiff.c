/* The semantic diff: kinds, order, multi-line values, layout-only changes,
 * sections, and the normalized form git's textconv shows. */
#include <stdlib.h>
#include <string.h>

#include "semdiff.h"
#include "unit.h"

/* A two-section template: [program] name, status; [visa] h1b, j1. */
static void tmpl(struct rf_template *t)
{
	static const char *const f[][2] = { { "program", "name" }, { "program", "status" },
					    { "visa", "h1b" }, { "visa", "j1" } };
	memset(t, 0, sizeof(*t));
	t->n = 4;
	t->fields = calloc(4, sizeof(*t->fields));
	for (size_t i = 0; i < 4; i++) {
		t->fields[i].section = rf_xstrdup(f[i][0]);
		t->fields[i].key = rf_xstrdup(f[i][1]);
		t->fields[i].question = rf_xstrdup("?");
		t->fields[i].lineno = (unsigned)i;
	}
	rf_template_index(t);
}

/* All changes as "kind key old new" lines. */
static char *diff(const char *a, const char *b, const struct rf_template *t, int *layout)
{
	struct rf_note na, nb;
	struct rf_changes c;
	struct rf_buf out = RF_BUF_INIT;
	if (a)
		rf_note_parse(&na, "a.ini", a, strlen(a), 0);
	if (b)
		rf_note_parse(&nb, "b.ini", b, strlen(b), 0);
	rf_semdiff_full(a ? &na : NULL, b ? &nb : NULL, t, &c);
	for (size_t i = 0; i < c.n; i++) {
		char *line = rf_change_line(&c.v[i]);
		rf_buf_addf(&out, "%s %s\n", rf_change_kind_name(c.v[i].kind), line);
		free(line);
	}
	if (layout)
		*layout = c.layout_only;
	rf_changes_free(&c);
	if (a)
		rf_note_free(&na);
	if (b)
		rf_note_free(&nb);
	return rf_buf_detach(&out);
}

static void kinds(struct unit *u)
{
	int layout;
	char *s = diff("[visa]\nh1b = unknown\nj1 = yes\n", "[visa]\nh1b = no\nx = 1\n", NULL, &layout);
	CHECK_STR(u, s, "changed visa.h1b: unknown → no\nadded visa.x: 1\nremoved visa.j1: yes\n");
	CHECK(u, !layout);
	free(s);
	s = diff("[visa]\nh1b = no\n", "[visa]\nh1b = \"\"\n", NULL, NULL);
	CHECK_STR(u, s, "changed visa.h1b: no → \"\"\n");
	free(s);
}

static void template_order(struct unit *u)
{
	struct rf_template t;
	tmpl(&t);
	/* File order is j1, zz (free), h1b, then [program]: the template's
	 * order wins, unknown keys after known ones in their section. */
	char *s = diff(NULL, "[visa]\nj1 = yes\nzz = 1\nh1b = no\n[program]\nstatus = applied\nname = M\n", &t, NULL);
	CHECK_STR(u, s,
		  "added program.name: M\nadded program.status: applied\nadded visa.h1b: no\nadded visa.j1: yes\n"
		  "added visa.zz: 1\n");
	free(s);
	/* Without a template: sections in order of appearance, keys as found. */
	s = diff(NULL, "[visa]\nj1 = yes\nh1b = no\n[program]\nname = M\n", NULL, NULL);
	CHECK_STR(u, s, "added visa.j1: yes\nadded visa.h1b: no\nadded program.name: M\n");
	free(s);
	rf_template_free(&t);
}

static void multi_line(struct unit *u)
{
	/* A continued value is one value, joined as iniparser joins it. */
	char *s = diff("[notes]\ntext = first \\\nsecond\n", "[notes]\ntext = first \\\nthird\n", NULL, NULL);
	CHECK_STR(u, s, "changed notes.text: first second → first third\n");
	free(s);
	int layout;
	/* Moving the break without changing the joined value: layout only. */
	s = diff("[notes]\ntext = ab\\\ncd\n", "[notes]\ntext = a\\\nbcd\n", NULL, &layout);
	CHECK_STR(u, s, "");
	CHECK(u, layout);
	free(s);
}

static void layout_only(struct unit *u)
{
	int layout;
	char *s = diff("[visa]\n; q\nh1b = no\n", "[visa]\n; asked twice\nh1b   =   no ; ok\n\n", NULL, &layout);
	CHECK_STR(u, s, "");
	CHECK(u, layout);
	free(s);
	s = diff("[visa]\nh1b = no\n", "[visa]\nh1b = no\n", NULL, &layout);
	CHECK(u, !layout);
	free(s);
}

static void sections(struct unit *u)
{
	struct rf_template t;
	tmpl(&t);
	int layout;
	char *s = diff("[visa]\nh1b = no\n", "[program]\nname = M\n[visa]\nh1b = no\n[img]\n", &t, &layout);
	CHECK_STR(u, s, "section-added [program]\nadded program.name: M\nsection-added [img]\n");
	CHECK(u, !layout);
	free(s);
	s = diff("[visa]\nh1b = no\n[img]\nx = 1\n[img]\ny = 2\n", "[visa]\nh1b = no\n", &t, NULL);
	CHECK_STR(u, s, "section-removed [img]\nremoved img.x: 1\nremoved img.y: 2\n");
	free(s);
	/* A whole new note is not told section by section. */
	s = diff(NULL, "[visa]\nh1b = no\n", &t, NULL);
	CHECK_STR(u, s, "added visa.h1b: no\n");
	free(s);
	rf_template_free(&t);
}

static void unanswered_and_phrases(struct unit *u)
{
	struct rf_change c = { RF_CHANGE_ADDED, "visa", "h1b", NULL, "unknown" };
	CHECK(u, rf_change_is_unanswered(&c));
	c.new_value = "";
	CHECK(u, rf_change_is_unanswered(&c));
	c.new_value = "no";
	CHECK(u, !rf_change_is_unanswered(&c));
	struct rf_change sec = { RF_CHANGE_SECTION_ADDED, "img", NULL, NULL, NULL };
	char *p = rf_change_phrase(&sec);
	CHECK_STR(u, p, "[img] added");
	free(p);
}

static void prints(struct unit *u)
{
	struct rf_note a, b;
	struct rf_changes c;
	const char *ta = "[visa]\nh1b = unknown\n", *tb = "[visa]\nh1b = no\nj1 = unknown\n";
	rf_note_parse(&a, "a", ta, strlen(ta), 0);
	rf_note_parse(&b, "b", tb, strlen(tb), 0);
	rf_semdiff_full(&a, &b, NULL, &c);
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	rf_changes_print(f, &c, "  ", 0, 0);
	rf_changes_print(f, &c, "", 1, 0);
	rf_changes_print(f, &c, "", 0, 1);
	fclose(f);
	CHECK_STR(u, buf,
		  "  ~ visa.h1b: unknown → no\n  + visa.j1: unknown\n"
		  "~ visa.h1b: unknown → no\n(1 question unanswered)\n"
		  "\033[33m~ visa.h1b: unknown → no\033[m\n\033[32m+ visa.j1: unknown\033[m\n");
	free(buf);
	rf_changes_free(&c);
	rf_note_free(&a);
	rf_note_free(&b);
}

static void normalize(struct unit *u)
{
	struct rf_template t;
	tmpl(&t);
	struct rf_note n;
	const char *text = "; c\nk0 = top\n[visa]\nj1 = yes ; x\nh1b = a\\\nb\nh1b = no\n[empty]\n[program]\nname = M\n";
	rf_note_parse(&n, "n", text, strlen(text), 0);
	char *s = rf_semdiff_normalize(&n, &t);
	CHECK_STR(u, s, "program.name = M\nvisa.h1b = no\nvisa.j1 = yes\nk0 = top\n[empty]\n; c\nvisa.j1 ; x\n");
	free(s);
	rf_note_free(&n);
	/* Lines iniparser rejects and conflicts show too. */
	text = "[visa]\n  # asked\nh1b = \"a;b\" # PD\nno equals sign\n<<<<<<< HEAD\nj1 = no\n=======\nj1 = yes\n>>>>>>> x\n";
	rf_note_parse(&n, "n", text, strlen(text), 0);
	s = rf_semdiff_normalize(&n, &t);
	CHECK_STR(u, s, "visa.h1b = a;b\nvisa.j1: unresolved git conflict: 'no' (yours) vs 'yes' (theirs)\n"
			"[visa] # asked\nvisa.h1b # PD\n! does not parse: no equals sign\n! does not parse: <<<<<<< HEAD\n"
			"! does not parse: =======\n! does not parse: >>>>>>> x\n");
	free(s);
	rf_note_free(&n);
	rf_template_free(&t);
}

/* A note holding git's conflict markers: the keys in conflict are their
 * own kind of change, both sides named; agreeing sides are an answer. */
static void conflicts(struct unit *u)
{
	const char *a = "[visa]\nh1b = unknown\nj1 = unknown\nx = 1\n";
	const char *b = "[visa]\n<<<<<<< HEAD\nh1b = no\nj1 = yes\n=======\nh1b = yes\nj1 = yes\n"
			">>>>>>> theirs\nx = 1\n";
	char *d = diff(a, b, NULL, NULL);
	CHECK_STR(u, d, "conflict visa.h1b: unresolved git conflict: 'no' (yours) vs 'yes' (theirs)\n"
			"changed visa.j1: unknown → yes\n");
	free(d);
	/* A key only one side has is in conflict too, never "removed". */
	b = "[visa]\n<<<<<<< HEAD\nh1b = no\n=======\n>>>>>>> theirs\nj1 = unknown\nx = 1\n";
	d = diff(a, b, NULL, NULL);
	CHECK_STR(u, d, "conflict visa.h1b: unresolved git conflict: 'no' (yours) vs (none) (theirs)\n");
	free(d);
	struct rf_change c = { RF_CHANGE_CONFLICT, "visa", "h1b", "no", "yes" };
	char *p = rf_change_phrase(&c);
	CHECK_STR(u, p, "visa.h1b in conflict: no vs yes");
	free(p);
	CHECK_STR(u, rf_change_kind_name(RF_CHANGE_CONFLICT), "conflict");
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, kinds);
	RUN(&u, template_order);
	RUN(&u, multi_line);
	RUN(&u, layout_only);
	RUN(&u, sections);
	RUN(&u, unanswered_and_phrases);
	RUN(&u, prints);
	RUN(&u, normalize);
	RUN(&u, conflicts);
	return UNIT_DONE(&u);
}
