/* Properties of scoring under the shipped rules.ini, over generated notes:
 * a red answer or a red_flags entry never lowers risk, contributions sum to
 * the risk exactly, and scoring is deterministic. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "applies.h"
#include "score.h"
#include "unit.h"

/* A local xorshift: reproducible, no global state. */
static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static char *shipped(const char *name)
{
	const char *share = getenv("RF_SHARE");
	char *path = rf_xasprintf("templates/%s", name);
	if (access(path, R_OK) != 0 && share) {
		free(path);
		path = rf_xasprintf("%s/%s", share, name);
	}
	return path;
}

/* The applicants the properties are checked for: every visa_needed, an
 * IMG and a US graduate, plain and unequal weights. */
static const char *const profiles[] = {
	"[applicant]\nvisa_needed = h1b\ntracks_wanted =\n",
	"[applicant]\nvisa_needed = j1\n[weights]\nvisa = 2\nculture = 0.33\n",
	"[applicant]\nvisa_needed = either\n[weights]\nvisa = 1.5\n",
	"[applicant]\nvisa_needed = none\n",
	"[applicant]\nvisa_needed = none\nimg = no\n",
};
enum { NPROFILES = sizeof(profiles) / sizeof(profiles[0]) };

static int load_for(struct rf_scorer *s, const char *profile)
{
	struct rf_buf text = RF_BUF_INIT;
	char *path = shipped("rules.ini");
	int r = rf_read_file(path, &text);
	if (r == 0)
		r = rf_rules_parse(&s->rules, path, text.buf, text.len);
	free(path);
	rf_buf_free(&text);
	if (r == 0 && rf_profile_parse(&s->profile, "profile", profile, strlen(profile)) < 0) {
		rf_rules_free(&s->rules);
		r = -1;
	}
	return r;
}

static int load(struct rf_scorer *s)
{
	return load_for(s, profiles[0]);
}

/* Candidate answers of a rule, with the points each gets when alone. */
struct cand {
	char *value;
	long points;
};

static int is_answer_rule(const struct rf_rule *rule)
{
	for (size_t i = 0; i < rule->nparts; i++)
		if (rule->parts[i].op == RF_MATCH_ANSWER && strcmp(rule->parts[i].answer, "unknown") != 0)
			return 1;
	return 0;
}

/* A note with values[i] for rule i (NULL leaves the key out), and extra lines at the end. */
static char *note_text(const struct rf_rules *r, char *const *values, const char *extra)
{
	struct rf_buf b = RF_BUF_INIT;
	for (int d = 0; d < RF_NDOMAINS; d++) {
		int header = 0;
		for (size_t i = 0; i < r->nrules; i++) {
			if (strcmp(r->rules[i].section, rf_domains[d]) != 0 || !values[i])
				continue;
			if (!header)
				rf_buf_addf(&b, "[%s]\n", rf_domains[d]);
			header = 1;
			rf_buf_addf(&b, "%s = %s\n", r->rules[i].key, values[i]);
		}
	}
	rf_buf_adds(&b, extra ? extra : "");
	return rf_buf_detach(&b);
}

static void score_text(const struct rf_scorer *s, const char *text, struct rf_score *sc)
{
	struct rf_note note;
	rf_note_parse(&note, "gen.ini", text, strlen(text), 1);
	rf_score_note(s, &note, sc);
	rf_note_free(&note);
}

static int same_score(const struct rf_score *a, const struct rf_score *b)
{
	if (a->risk != b->risk || a->n != b->n || a->flagged != b->flagged || a->pattern != b->pattern ||
	    a->unknowns != b->unknowns || a->green != b->green || strcmp(a->tier, b->tier) != 0 ||
	    !a->dealbreaker != !b->dealbreaker)
		return 0;
	for (size_t i = 0; i < a->n; i++)
		if (a->v[i].value != b->v[i].value || strcmp(a->v[i].key, b->v[i].key) != 0 ||
		    strcmp(a->v[i].rule, b->v[i].rule) != 0 || strcmp(a->v[i].answer, b->v[i].answer) != 0)
			return 0;
	return 1;
}

/* (c) and (d) on every note scored. */
static long checked_risk(struct unit *u, const struct rf_scorer *s, const char *text, size_t *notes)
{
	struct rf_score a, b;
	long sum = 0;
	score_text(s, text, &a);
	score_text(s, text, &b);
	for (size_t i = 0; i < a.n; i++)
		sum += a.v[i].value;
	if (sum != a.risk) {
		printf("# contributions sum to %ld, risk %ld for:\n%s", sum, a.risk, text);
		u->bad++;
	}
	if (!same_score(&a, &b)) {
		printf("# two scorings differ for:\n%s", text);
		u->bad++;
	}
	long risk = a.risk;
	rf_score_free(&a);
	rf_score_free(&b);
	(*notes)++;
	return risk;
}

static void properties_for(struct unit *u, const char *profile, size_t *notes_out, size_t *transitions_out)
{
	struct rf_scorer s;
	memset(&s, 0, sizeof(s));
	CHECK(u, load_for(&s, profile) == 0);
	if (u->bad)
		return;
	const struct rf_rules *r = &s.rules;
	size_t n = r->nrules, notes = 0, transitions = 0;
	struct cand **cands = calloc(n, sizeof(*cands));
	size_t *ncands = calloc(n, sizeof(*ncands));
	char **zero = calloc(n, sizeof(*zero));
	char **base = calloc(n, sizeof(*base));

	/* Each rule's candidates: its answers, unknown, vague, empty; points as the scorer gives them alone. */
	for (size_t i = 0; i < n; i++) {
		const struct rf_rule *rule = &r->rules[i];
		cands[i] = calloc(rule->nparts + 3, sizeof(**cands));
		const char *extra[] = { "unknown", "vague", "" };
		for (size_t k = 0; k < rule->nparts + 3; k++) {
			const char *v = k < rule->nparts ? rule->parts[k].answer : extra[k - rule->nparts];
			if (k < rule->nparts && rule->parts[k].op != RF_MATCH_ANSWER)
				continue;
			struct cand *c = &cands[i][ncands[i]++];
			c->value = rf_xstrdup(v);
			char **one = calloc(n, sizeof(*one));
			one[i] = c->value;
			char *text = note_text(r, one, NULL);
			struct rf_score sc;
			score_text(&s, text, &sc);
			char *key = rf_xasprintf("%s.%s", rule->section, rule->key);
			c->points = 0;
			for (size_t j = 0; j < sc.n; j++)
				if (!strcmp(sc.v[j].key, key))
					c->points = sc.v[j].points;
			free(key);
			rf_score_free(&sc);
			free(text);
			free(one);
			if (!zero[i] && c->points == 0)
				zero[i] = c->value;
		}
	}
	/* Bases: all unknown, all at a 0-point answer, and seeded mixes. */
	enum { MIXES = 4 };
	uint64_t seed = 0x9E3779B97F4A7C15ull;
	for (int b = 0; b < 2 + MIXES; b++) {
		for (size_t i = 0; i < n; i++) {
			if (b == 0)
				base[i] = NULL;
			else if (b == 1)
				base[i] = zero[i];
			else
				base[i] = cands[i][next(&seed) % ncands[i]].value;
		}
		for (size_t i = 0; i < n; i++) {
			if (!is_answer_rule(&r->rules[i]))
				continue;
			/* The base with key i at each non-red value, then at each red value. */
			for (size_t from = 0; from < ncands[i]; from++) {
				if (cands[i][from].points >= r->red)
					continue;
				char *saved = base[i];
				base[i] = cands[i][from].value;
				char *text = note_text(r, base, NULL);
				long before = checked_risk(u, &s, text, &notes);
				free(text);
				for (size_t to = 0; to < ncands[i]; to++) {
					if (cands[i][to].points < r->red)
						continue;
					base[i] = cands[i][to].value;
					text = note_text(r, base, NULL);
					long after = checked_risk(u, &s, text, &notes);
					transitions++;
					if (after < before) {
						printf("# %s.%s %s -> %s lowers risk %ld -> %ld\n", r->rules[i].section,
						       r->rules[i].key, cands[i][from].value, cands[i][to].value,
						       before, after);
						u->bad++;
					}
					free(text);
					base[i] = cands[i][from].value;
				}
				base[i] = saved;
			}
		}
		/* a warning phrase found in a quote never lowers risk, and adds
		 * exactly its points when it counts for the applicant */
		char *text = note_text(r, base, NULL);
		long plain = checked_risk(u, &s, text, &notes);
		free(text);
		for (size_t k = 0; b < 3 && k < r->nphrases; k++) {
			char *extra = rf_xasprintf("[quotes]\n2026-12-05 pd = \"so, %s!\"\n", r->phrases[k].text);
			text = note_text(r, base, extra);
			struct rf_score sc;
			score_text(&s, text, &sc);
			long found = 0;
			for (size_t j = 0; j < sc.n; j++)
				if (sc.v[j].kind == RF_CONTRIB_PHRASE && !strcmp(sc.v[j].answer, r->phrases[k].text))
					found = sc.v[j].value;
			long want = rf_applies_rule(r, &s.profile, "quotes", r->phrases[k].text)
					    ? (r->phrases[k].points * s.profile.weight[rf_domain_index("quotes")] + 50) / 100
					    : 0;
			if (checked_risk(u, &s, text, &notes) < plain || found != want) {
				printf("# phrase '%s': risk %ld -> %ld, adds %ld, want %ld\n", r->phrases[k].text, plain,
				       sc.risk, found, want);
				u->bad++;
			}
			rf_score_free(&sc);
			free(extra);
			free(text);
		}
		/* (b) a red_flags entry of each severity never lowers risk. */
		text = note_text(r, base, "[quotes]\n2026-12-05 pd = \"service comes first\"\n");
		long before = checked_risk(u, &s, text, &notes);
		free(text);
		static const char *const sev[] = { "low", "medium", "high", "7", "1", "10", "junk" };
		for (size_t k = 0; k < sizeof(sev) / sizeof(*sev); k++) {
			char *extra = rf_xasprintf("[quotes]\n2026-12-05 pd = \"service comes first\"\n"
						   "[red_flags]\nmine = %s ; comment\n", sev[k]);
			text = note_text(r, base, extra);
			long after = checked_risk(u, &s, text, &notes);
			if (after <= before) {
				printf("# red_flags.mine = %s: risk %ld -> %ld\n", sev[k], before, after);
				u->bad++;
			}
			free(extra);
			free(text);
		}
	}
	*notes_out += notes;
	*transitions_out += transitions;
	for (size_t i = 0; i < n; i++) {
		for (size_t k = 0; k < ncands[i]; k++)
			free(cands[i][k].value);
		free(cands[i]);
	}
	free(cands);
	free(ncands);
	free(zero);
	free(base);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

/* (a) to (d) over generated notes, for every applicant of profiles[]. */
static void test_properties(struct unit *u)
{
	size_t notes = 0, transitions = 0;
	for (size_t i = 0; i < NPROFILES; i++)
		properties_for(u, profiles[i], &notes, &transitions);
	printf("# %zu notes scored, %zu red transitions checked\n", notes, transitions);
	CHECK(u, transitions > 100 * NPROFILES);
}

/* The shipped program template as a note: every key unknown, no red flags. */
static void test_template_note(struct unit *u)
{
	struct rf_scorer s;
	memset(&s, 0, sizeof(s));
	CHECK(u, load(&s) == 0);
	if (u->bad)
		return;
	struct rf_buf text = RF_BUF_INIT;
	char *path = shipped("program.ini");
	CHECK(u, rf_read_file(path, &text) == 0);
	struct rf_note note;
	CHECK(u, rf_note_parse(&note, path, text.buf ? text.buf : "", text.len, 1) == 0);
	struct rf_score sc;
	rf_score_note(&s, &note, &sc);
	long sum = 0;
	for (size_t i = 0; i < sc.n; i++) {
		sum += sc.v[i].value;
		CHECK(u, sc.v[i].kind == RF_CONTRIB_UNKNOWN);
	}
	CHECK(u, sum == sc.risk);
	CHECK(u, sc.flagged == 0 && !sc.pattern && sc.green == 0 && !sc.dealbreaker);
	CHECK(u, sc.unknowns >= sc.n && sc.risk > 0);
	/* every rule names a key of the template (derived ones excepted) */
	for (size_t i = 0; i < s.rules.nrules; i++) {
		const struct rf_rule *rule = &s.rules.rules[i];
		if (!rf_rules_derived(&s.rules, rule->section, rule->key) &&
		    !rf_note_get(&note, rule->section, rule->key)) {
			printf("# rule %s.%s is not in program.ini\n", rule->section, rule->key);
			u->bad++;
		}
	}
	rf_score_free(&sc);
	rf_note_free(&note);
	rf_buf_free(&text);
	free(path);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

/* Weights multiply, rounding each contribution once, and still sum exactly. */
static void test_weights(struct unit *u)
{
	struct rf_scorer s;
	static const char rules[] = "[defaults]\nunknown = 0.25\n[visa]\nh1b = no:12, yes:0\nj1 = no:0.33\n"
				    "[culture]\nretaliation = yes:12, no:0\n[pattern]\ndomains = 2\npoints = 10\n";
	static const char profile[] = "[weights]\nvisa = 1.5\nculture = 0.33\n[dealbreakers]\nvisa.h1b = no\n";
	CHECK(u, rf_rules_parse(&s.rules, "r", rules, strlen(rules)) == 0);
	CHECK(u, rf_profile_parse(&s.profile, "p", profile, strlen(profile)) == 0);
	if (u->bad)
		return;
	struct rf_score sc;
	score_text(&s, "[visa]\nh1b = No\nj1 = no\n[culture]\nretaliation = yes\n", &sc);
	/* 12x1.5 = 18, 0.33x1.5 = 0.495 -> 0.50, 12x0.33 = 3.96, pattern 10 */
	CHECK(u, sc.n == 4);
	if (sc.n == 4) {
		CHECK(u, sc.v[0].value == 1800 && sc.v[1].value == 50 && sc.v[2].value == 396);
		CHECK(u, sc.v[3].kind == RF_CONTRIB_PATTERN && sc.v[3].value == 1000);
	}
	CHECK(u, sc.risk == 1800 + 50 + 396 + 1000);
	CHECK(u, sc.pattern && sc.nflagged == 2);
	CHECK_STR(u, sc.dealbreaker, "visa.h1b = no");
	char *list = rf_score_flagged_list(&sc);
	CHECK_STR(u, list, "visa,culture");
	free(list);
	rf_score_free(&sc);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

/* Warning phrases: each counts once, at the first quote that has it
 * (apostrophes and case folded), in the order of the rules' phrases. */
static void test_phrases(struct unit *u)
{
	struct rf_scorer s;
	static const char rules[] = "[quotes]\nwe are a family = 4\nit's a marathon = 3\nnot found here = 9\n";
	CHECK(u, rf_rules_parse(&s.rules, "r", rules, strlen(rules)) == 0);
	CHECK(u, rf_profile_parse(&s.profile, "p", "", 0) == 0);
	if (u->bad)
		return;
	struct rf_score sc;
	score_text(&s, "[quotes]\n2026-11-02 pd = It\xE2\x80\x99s A Marathon\n"
		       "2026-11-03 chief = we are a family, it's a marathon\n"
		       "2026-11-04 resident = We Are A Family\n", &sc);
	CHECK(u, sc.n == 2);
	if (sc.n == 2) {
		CHECK_STR(u, sc.v[0].key, "quotes.2026-11-03 chief");
		CHECK_STR(u, sc.v[0].answer, "we are a family");
		CHECK(u, sc.v[0].kind == RF_CONTRIB_PHRASE && sc.v[0].value == 400);
		CHECK_STR(u, sc.v[1].key, "quotes.2026-11-02 pd");
		CHECK_STR(u, sc.v[1].rule, "\"it's a marathon\"");
	}
	CHECK(u, sc.risk == 700);
	rf_score_free(&sc);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

/* The shipped rules for each visa_needed: which sponsorship answers
 * count, the better of two for "either", and the deal-breaker. */
static void test_visa_needed(struct unit *u)
{
	static const char *const notes[] = {
		"[visa]\nh1b = yes\nj1 = no\nh1b_for_ir_before = yes\n",	/* H-1B only */
		"[visa]\nh1b = no\nj1 = yes\nh1b_for_ir_before = no\n",	/* J-1 only */
		"[visa]\nh1b = no\nj1 = no\nh1b_for_ir_before = no\n",	/* neither */
	};
	static const struct {
		const char *profile;
		long sponsorship[3];	/* hundredths the three notes' h1b, j1, h1b_for_ir_before add */
		const char *dealbreaker[3];
	} cases[] = {
		{ "[applicant]\nvisa_needed = h1b\n", { 0, 2000, 2000 },
		  { NULL, "visa.h1b = no", "visa.h1b = no" } },
		{ "[applicant]\nvisa_needed = j1\n", { 600, 0, 600 }, { "visa.j1 = no", NULL, "visa.j1 = no" } },
		{ "[applicant]\nvisa_needed = either\n", { 0, 0, 600 }, { NULL, NULL, "visa.h1b = no, visa.j1 = no" } },
		{ "[applicant]\nvisa_needed = none\n", { 0, 0, 0 }, { NULL, NULL, NULL } },
	};
	for (size_t c = 0; c < sizeof(cases) / sizeof(*cases); c++) {
		struct rf_scorer s;
		memset(&s, 0, sizeof(s));
		CHECK(u, load_for(&s, cases[c].profile) == 0);
		if (u->bad)
			return;
		for (size_t n = 0; n < 3; n++) {
			struct rf_score sc;
			score_text(&s, notes[n], &sc);
			long sum = 0, all = 0;
			for (size_t i = 0; i < sc.n; i++) {
				all += sc.v[i].value;
				if (!strcmp(sc.v[i].key, "visa.h1b") || !strcmp(sc.v[i].key, "visa.j1") ||
				    !strcmp(sc.v[i].key, "visa.h1b_for_ir_before"))
					sum += sc.v[i].value;
			}
			if (sum != cases[c].sponsorship[n] || all != sc.risk) {
				printf("# %s note %zu: sponsorship adds %ld, want %ld\n", cases[c].profile, n, sum,
				       cases[c].sponsorship[n]);
				u->bad++;
			}
			if (cases[c].dealbreaker[n])
				CHECK_STR(u, sc.dealbreaker, cases[c].dealbreaker[n]);
			else
				CHECK(u, sc.dealbreaker == NULL);
			rf_score_free(&sc);
		}
		rf_rules_free(&s.rules);
		rf_profile_free(&s.profile);
	}
}

/* The known share: 0 for the template, growing as answers are set, 100
 * only when every rule that counts is answered; vague is not known. */
static void test_coverage(struct unit *u)
{
	struct rf_scorer s;
	memset(&s, 0, sizeof(s));
	CHECK(u, load(&s) == 0);
	if (u->bad)
		return;
	const struct rf_rules *r = &s.rules;
	char **values = calloc(r->nrules, sizeof(*values));
	struct rf_score sc;
	char *text = note_text(r, values, NULL);
	score_text(&s, text, &sc);
	free(text);
	CHECK(u, sc.known == 0 && sc.stake > 0 && rf_score_known_pct(&sc) == 0);
	long stake = sc.stake, known = 0;
	unsigned pct = 0;
	rf_score_free(&sc);
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rf_rule *rule = &r->rules[i];
		/* the first answer the rule names, or a number (a comparison, the
		 * inputs of a derived value) */
		const char *a = rule->parts[0].answer;
		int word = rule->parts[0].op == RF_MATCH_ANSWER && strcmp(a, "unknown") && strcmp(a, "vague");
		values[i] = word ? rule->parts[0].answer : "50";
		text = note_text(r, values, NULL);
		score_text(&s, text, &sc);
		if (sc.stake != stake || sc.known < known || rf_score_known_pct(&sc) < pct) {
			printf("# %s.%s: known %ld -> %ld of %ld\n", rule->section, rule->key, known, sc.known, sc.stake);
			u->bad++;
		}
		known = sc.known;
		pct = rf_score_known_pct(&sc);
		rf_score_free(&sc);
		free(text);
	}
	CHECK(u, known == stake && pct == 100);
	/* vague is asked, not known */
	for (size_t i = 0; i < r->nrules; i++)
		values[i] = "vague";
	text = note_text(r, values, NULL);
	score_text(&s, text, &sc);
	CHECK(u, sc.known == 0);
	rf_score_free(&sc);
	free(text);
	free(values);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

/* A group that does not count is no alternative: with three groups of
 * which one is off for the applicant, the better of the other two counts. */
static void test_best_of_skips_groups_off(struct unit *u)
{
	struct rf_scorer s;
	static const char rules[] = "[defaults]\nunknown = 0\n[visa]\nh1b = no:12\nj1 = no:6\npolicy_written = no:9\n"
				    "[when]\nvisa.policy_written = img:no\n"
				    "[best_of]\nv = visa.h1b | visa.j1 | visa.policy_written\n";
	CHECK(u, rf_rules_parse(&s.rules, "r", rules, strlen(rules)) == 0);
	CHECK(u, rf_profile_parse(&s.profile, "p", "", 0) == 0);
	if (u->bad)
		return;
	struct rf_score sc;
	score_text(&s, "[visa]\nh1b = no\nj1 = no\npolicy_written = no\n", &sc);
	CHECK(u, sc.risk == 600);
	CHECK(u, sc.n == 2 && sc.v[0].outweighed && !sc.v[1].outweighed);
	rf_score_free(&sc);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_properties);
	RUN(&u, test_template_note);
	RUN(&u, test_weights);
	RUN(&u, test_phrases);
	RUN(&u, test_visa_needed);
	RUN(&u, test_coverage);
	RUN(&u, test_best_of_skips_groups_off);
	return UNIT_DONE(&u);
}
