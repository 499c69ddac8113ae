/* The questions still open: which answers count as open (empty, missing,
 * "unknown", "vague", in any case and with spaces around, but not a word
 * that only begins so), the rules that do not count for the profile or
 * are derived left out, and the order rf-ask shows them in. */
#include <stdlib.h>
#include <unistd.h>

#include "ask.h"
#include "unit.h"

static const char RULES[] = "[defaults]\nunknown = 0.25\nvague = 4\nred = 5\n"
			    "[visa]\nh1b = no:12, yes:0\nj1 = no:6\n"
			    "[culture]\nstaff_tone = hostile:8\nhours = >80:5\nrounds = yes:2\ncalls = yes:1\n"
			    "[tiers]\nlow = 0\nhigh = 10\n"
			    "[when]\nvisa.j1 = visa_needed:j1\n";
static const char PROFILE[] = "[applicant]\nvisa_needed = h1b\n[weights]\nvisa = 1.5\n";
static const char TEMPLATE[] = "[visa]\n; Sponsors H-1B? [yes|no|vague|unknown]\nh1b = unknown\n"
			       "; Sponsors J-1? [yes|no|vague|unknown]\nj1 = unknown\n"
			       "[culture]\n; Hours a week? [number]\nhours =\n; Staff tone? [text]\nstaff_tone =\n"
			       "; Rounds? [text]\nrounds =\n; Calls? [text]\ncalls =\n";

static size_t rule_index(const struct rf_rules *r, const char *section, const char *key)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (!strcmp(r->rules[i].section, section) && !strcmp(r->rules[i].key, key))
			return i;
	abort();
}

static void open_answers(struct unit *u)
{
	char dir[] = "/tmp/rf-test-ask-XXXXXX", tpath[64];
	struct rf_notesdir nd;
	struct rf_scorer *s;
	struct rf_template t;
	if (!mkdtemp(dir) || rf_notesdir_open(&nd, dir) < 0)
		abort();
	rf_notesdir_write(&nd, "rules.ini", RULES, strlen(RULES), 0);
	rf_notesdir_write(&nd, "profile.ini", PROFILE, strlen(PROFILE), 0);
	rf_notesdir_write(&nd, "t.ini", TEMPLATE, strlen(TEMPLATE), 0);
	snprintf(tpath, sizeof(tpath), "%s/t.ini", dir);
	CHECK(u, rf_scorer_load(&s, &nd) == 0 && rf_template_load(&t, tpath) == 0);
	if (u->bad)
		return;
	static const char NOTE[] = "[visa]\nh1b = \t Unknown \nj1 =\n"
				   "[culture]\nstaff_tone = VAGUE\nhours = unknownish\nrounds = vague ; said twice\n";
	struct rf_note note;
	CHECK(u, rf_note_parse(&note, "n.ini", NOTE, strlen(NOTE), 1) == 0);
	unsigned char *open = rf_xcalloc(s->rules.nrules, 1);
	rf_ask_open(s, &note, open);
	const struct rf_rules *r = &s->rules;
	CHECK(u, open[rule_index(r, "visa", "h1b")] == RF_OPEN_UNKNOWN);
	CHECK(u, open[rule_index(r, "visa", "j1")] == RF_OPEN_NO);	/* not for an H-1B applicant */
	CHECK(u, open[rule_index(r, "culture", "staff_tone")] == RF_OPEN_VAGUE);
	CHECK(u, open[rule_index(r, "culture", "hours")] == RF_OPEN_NO);
	CHECK(u, open[rule_index(r, "culture", "rounds")] == RF_OPEN_VAGUE);
	CHECK(u, open[rule_index(r, "culture", "calls")] == RF_OPEN_UNKNOWN);	/* missing */
	struct rf_ask a;
	rf_ask_build(s, &t, &note, &a);
	/* visa's stake (12 x 1.5) before culture's; within culture, the
	 * highest stake first, then template order. */
	CHECK(u, a.n == 4);
	if (a.n == 4) {
		CHECK_STR(u, a.v[0].key, "visa.h1b");
		CHECK_STR(u, a.v[0].answer, "unknown");
		CHECK(u, a.v[0].stake == 1800);
		CHECK_STR(u, a.v[0].question, "Sponsors H-1B?");
		CHECK_STR(u, a.v[1].key, "culture.staff_tone");
		CHECK_STR(u, a.v[1].answer, "vague");
		CHECK_STR(u, a.v[2].key, "culture.rounds");
		CHECK_STR(u, a.v[3].key, "culture.calls");
	}
	rf_ask_free(&a);
	free(open);
	rf_note_free(&note);
	rf_template_free(&t);
	rf_scorer_free(s);
	rf_notesdir_close(&nd);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, open_answers);
	return UNIT_DONE(&u);
}
