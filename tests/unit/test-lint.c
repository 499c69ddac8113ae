/* rf-check's reading of a note: the template's problems, and the open
 * entries of [conflicts], which the template does not judge; and of the
 * files beside the notes: the profile, the rules, the rank list. */
#include <stdlib.h>
#include <string.h>

#include "lint.h"
#include "unit.h"

static void conflicts(struct unit *u)
{
	struct rf_template t;
	CHECK(u, rf_template_load(&t, "templates/program.ini") == 0);
	const char *text = "[visa]\nh1b = yes\nh1 = no\n\n[conflicts]\n"
			   "; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\nvisa.h1b = 'no # really'\n"
			   "; visa.j1: removed on usb, 2026-12-05 09:00 +0000 (1a2b3c4)\nvisa.j1 =\n"
			   "visa.h1b 2 = vague\n"
			   "stray = 1\n";
	struct rf_note n;
	CHECK(u, rf_note_parse(&n, "n.ini", text, strlen(text), 0) == 0);
	struct rf_strv p = RF_STRV_INIT;
	CHECK(u, rf_lint_note(&n, &t, &p) == 5);
	if (p.n == 5) {
		CHECK_STR(u, p.v[0], "n.ini:3: unknown key visa.h1 (did you mean visa.h1b?)");
		CHECK_STR(u, p.v[1], "n.ini:7: conflict: visa.h1b is 'yes' here, 'no # really' from origin");
		CHECK_STR(u, p.v[2], "n.ini:9: conflict: visa.j1 is not answered here, removed on usb");
		CHECK_STR(u, p.v[3], "n.ini:10: conflict: visa.h1b is 'yes' here, 'vague' from the other side");
		CHECK_STR(u, p.v[4], "n.ini:11: [conflicts] entry 'stray' names no answer (section.key); delete it");
	}
	rf_strv_free(&p);
	rf_note_free(&n);
	rf_template_free(&t);
}

static void put(struct rf_notesdir *nd, const char *name, const char *text)
{
	if (rf_notesdir_write(nd, name, text, strlen(text), 0) < 0)
		abort();
}

static void files_beside_the_notes(struct unit *u)
{
	char dir[] = "/tmp/rf-test-lint-XXXXXX";
	struct rf_notesdir nd;
	struct rf_template t;
	struct rf_strv p = RF_STRV_INIT;
	struct rf_buf rules = RF_BUF_INIT;
	if (!mkdtemp(dir) || rf_notesdir_open(&nd, dir) < 0 || rf_template_load(&t, "templates/program.ini") < 0 ||
	    rf_read_file("templates/rules.ini", &rules) < 0)
		abort();
	setenv("RF_SHARE", "templates", 1);

	/* A note that is gone has nothing wrong; one with a typo has one. */
	CHECK(u, rf_lint_file(&nd, "gone.ini", &t, &p) == 0 && p.n == 0);
	put(&nd, "a.ini", "[visa]\nh1 = no\n");
	CHECK(u, rf_lint_file(&nd, "a.ini", &t, &p) == 1 && p.n == 1);
	rf_strv_free(&p);

	/* No rank list is fine; one that does not parse is one problem. */
	CHECK(u, rf_lint_ranks(&nd, &p) == 0 && p.n == 0);
	put(&nd, "ranks.txt", "mercy 3\n");
	CHECK(u, rf_lint_ranks(&nd, &p) == 1 && p.n == 1);
	CHECK(u, p.n == 1 && !strncmp(p.v[0], "ranks.txt:1: ", 13));
	rf_strv_free(&p);
	put(&nd, "ranks.txt", "mercy\n");
	CHECK(u, rf_lint_ranks(&nd, &p) == 0 && p.n == 0);

	/* The applicant's own deal-breaker against the visa they need. */
	rf_notesdir_write(&nd, "rules.ini", rules.buf, rules.len, 0);
	put(&nd, "profile.ini", "[applicant]\nvisa_needed = h1b\n[dealbreakers]\nvisa.h1b = no\n");
	CHECK(u, rf_lint_scoring(&nd, &p) == 0 && p.n == 0);
	put(&nd, "profile.ini", "[applicant]\nvisa_needed = j1\n[dealbreakers]\nvisa.h1b = no\n");
	CHECK(u, rf_lint_scoring(&nd, &p) == 1 && p.n == 1);
	CHECK(u, p.n == 1 && strstr(p.v[0], "profile.ini:4: deal-breaker visa.h1b = no contradicts"));
	rf_strv_free(&p);
	/* Rules the scorer refuses: it names the line, counted as one. */
	printf("# an expected error follows\n");
	put(&nd, "rules.ini", "[visa]\nh1b = no:many\n");
	CHECK(u, rf_lint_scoring(&nd, &p) == 1 && p.n == 0);

	rf_buf_free(&rules);
	rf_template_free(&t);
	rf_notesdir_close(&nd);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, conflicts);
	RUN(&u, files_beside_the_notes);
	return UNIT_DONE(&u);
}
