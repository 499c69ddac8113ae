/* rf-check's reading of a note: the template's problems, and the open
 * entries of [conflicts], which the template does not judge. */
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

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, conflicts);
	return UNIT_DONE(&u);
}
