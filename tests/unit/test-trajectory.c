/* Risk over versions: the sparkline, and scoring a text with the notes
 * directory's own rules. */
#include <stdio.h>
#include <stdlib.h>

#include "trajectory.h"
#include "unit.h"

static void sparkline(struct unit *u)
{
	const double v[] = { 0, 12, 20, 35, 35 };
	char *s = rf_sparkline(v, 5);
	CHECK_STR(u, s, "▁▃▅██");
	free(s);
	const double flat[] = { 7, 7 };
	s = rf_sparkline(flat, 2);
	CHECK_STR(u, s, "▄▄");
	free(s);
	s = rf_sparkline(v, 0);
	CHECK_STR(u, s, "");
	free(s);
}

static void text_risk(struct unit *u)
{
	char dir[] = "/tmp/rf-test-trajectory-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	struct rf_notesdir nd;
	rf_notesdir_open(&nd, dir);
	const char *rules = "[defaults]\nunknown = 0\nvague = 4\nred = 5\n[visa]\nh1b = no:12, yes:0\n";
	rf_notesdir_write(&nd, "rules.ini", rules, strlen(rules), 0);
	/* tests/run-all runs from the source tree: the shipped profile. */
	setenv("RF_SHARE", "templates", 0);
	struct rf_trajectory *t;
	CHECK(u, rf_trajectory_new(&t, NULL, &nd) == 0);
	char buf[32];
	double v = -1;
	struct rf_note note;
	const char *a = "[visa]\nh1b = no\n";
	rf_note_parse(&note, "a.ini", a, strlen(a), 0);
	CHECK(u, rf_trajectory_note_risk(t, &note, buf, &v) == 1);
	CHECK_STR(u, buf, "12");
	CHECK(u, v == 12);
	rf_note_free(&note);
	CHECK(u, rf_trajectory_note_risk(t, NULL, buf, NULL) == 0);
	CHECK_STR(u, buf, "-");
	const char *broken = "[visa]\nno equals sign\n";
	rf_note_parse(&note, "b.ini", broken, strlen(broken), 0);
	CHECK(u, rf_trajectory_note_risk(t, &note, buf, NULL) == 0);
	CHECK_STR(u, buf, "?");
	rf_note_free(&note);
	rf_trajectory_free(t);
	rf_notesdir_close(&nd);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, sparkline);
	RUN(&u, text_risk);
	return UNIT_DONE(&u);
}
