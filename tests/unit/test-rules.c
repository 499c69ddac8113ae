/* rules.ini and profile.ini parsing: hundredths, rule parts, defaults,
 * tiers, dealbreakers, [when] and [best_of], and errors reported as
 * LABEL:LINE; and lib/applies.c, who the parsed rules count for. */
#include <limits.h>
#include <stdlib.h>

#include "applies.h"
#include "rules.h"
#include "unit.h"

static int rules(struct rf_rules *r, const char *text)
{
	return rf_rules_parse(r, "rules.ini", text, strlen(text));
}

static int profile(struct rf_profile *p, const char *text)
{
	return rf_profile_parse(p, "profile.ini", text, strlen(text));
}

static void test_hundredths(struct unit *u)
{
	long v = -7;
	char buf[32];
	CHECK(u, rf_hundredths_parse("12", &v) == 0 && v == 1200);
	CHECK(u, rf_hundredths_parse("0.25", &v) == 0 && v == 25);
	CHECK(u, rf_hundredths_parse("1.5", &v) == 0 && v == 150);
	CHECK(u, rf_hundredths_parse("0", &v) == 0 && v == 0);
	v = -7;
	CHECK(u, rf_hundredths_parse("1.234", &v) == -1);
	CHECK(u, rf_hundredths_parse("-1", &v) == -1);
	CHECK(u, rf_hundredths_parse("abc", &v) == -1);
	CHECK(u, rf_hundredths_parse("", &v) == -1);
	CHECK(u, rf_hundredths_parse("1.", &v) == -1);
	CHECK(u, rf_hundredths_parse("1.5x", &v) == -1);
	CHECK(u, v == -7);	/* untouched on failure */
	rf_hundredths_format(1200, buf);
	CHECK_STR(u, buf, "12");
	rf_hundredths_format(25, buf);
	CHECK_STR(u, buf, "0.25");
	rf_hundredths_format(150, buf);
	CHECK_STR(u, buf, "1.5");
	rf_hundredths_format(5, buf);
	CHECK_STR(u, buf, "0.05");
	rf_hundredths_format(0, buf);
	CHECK_STR(u, buf, "0");
	rf_hundredths_format(-250, buf);
	CHECK_STR(u, buf, "-2.5");
	rf_hundredths_format(-7, buf);
	CHECK_STR(u, buf, "-0.07");
	rf_hundredths_format(LONG_MAX, buf);
	CHECK_STR(u, buf, "92233720368547758.07");
	rf_hundredths_format(LONG_MIN, buf);
	CHECK_STR(u, buf, "-92233720368547758.08");
	/* format then parse is the identity */
	for (long i = 0; i < 2000; i += 7) {
		rf_hundredths_format(i, buf);
		CHECK(u, rf_hundredths_parse(buf, &v) == 0 && v == i);
	}
}

static void test_rules_parts(struct unit *u)
{
	struct rf_rules r;
	CHECK(u, rules(&r, "[visa]\nh1b = no:12, Case-By-Case:6, yes:0\n"
			   "[outcomes]\nabr_core_pass_pct = <80:8, <=90:4, >95:0, >=0:1\n") == 0);
	CHECK(u, r.nrules == 2);
	const struct rf_rule *h = rf_rules_find(&r, "visa", "h1b");
	CHECK(u, h && h->nparts == 3 && h->lineno == 2);
	if (h && h->nparts == 3) {
		CHECK(u, h->parts[0].op == RF_MATCH_ANSWER);
		CHECK_STR(u, h->parts[0].answer, "no");
		CHECK(u, h->parts[0].points == 1200);
		CHECK_STR(u, h->parts[1].answer, "case-by-case");
		CHECK(u, h->parts[1].points == 600);
		CHECK_STR(u, h->parts[2].text, "yes:0");
	}
	const struct rf_rule *a = rf_rules_find(&r, "outcomes", "abr_core_pass_pct");
	CHECK(u, a && a->nparts == 4);
	if (a && a->nparts == 4) {
		CHECK(u, a->parts[0].op == RF_MATCH_LT && a->parts[0].number == 80 && a->parts[0].points == 800);
		CHECK(u, a->parts[1].op == RF_MATCH_LE && a->parts[1].number == 90);
		CHECK(u, a->parts[2].op == RF_MATCH_GT && a->parts[2].number == 95);
		CHECK(u, a->parts[3].op == RF_MATCH_GE && a->parts[3].number == 0);
		CHECK_STR(u, a->parts[0].text, "<80:8");
	}
	CHECK(u, rf_rules_find(&r, "visa", "j1") == NULL);
	/* defaults when not written */
	CHECK(u, r.unknown == 25 && r.vague == 400 && r.red == 500);
	CHECK(u, r.pattern_domains == 3 && r.pattern_points == 1000);
	CHECK(u, r.severity_low == 300 && r.severity_medium == 600 && r.severity_high == 1000);
	/* max: 12 from no, above the vague default */
	CHECK(u, h && rf_rule_max(&r, h) == 1200);
	rf_rules_free(&r);
}

static void test_rules_sections(struct unit *u)
{
	struct rf_rules r;
	CHECK(u, rules(&r, "[defaults]\nunknown = 0.5\nvague = 3\nred = 6\n"
			   "[visa]\nj1 = no:2\n"
			   "[red_flags]\nlow = 1\nmedium = 2\nhigh = 9.5\n"
			   "[pattern]\ndomains = 2\npoints = 7\n"
			   "[quotes]\nService Comes First = 6\n"
			   "[derived]\nworkload.ppr = workload.procs / workload.residents\n"
			   "[tiers]\nlow = 0\nmid = 10\nhigh = 20.5\n") == 0);
	CHECK(u, r.unknown == 50 && r.vague == 300 && r.red == 600);
	CHECK(u, r.severity_low == 100 && r.severity_medium == 200 && r.severity_high == 950);
	CHECK(u, r.pattern_domains == 2 && r.pattern_points == 700);
	CHECK(u, r.nphrases == 1 && r.phrases[0].points == 600);
	if (r.nphrases == 1)
		CHECK_STR(u, r.phrases[0].text, "service comes first");	/* iniparser lowercases keys */
	const struct rf_derived *d = rf_rules_derived(&r, "workload", "ppr");
	CHECK(u, d != NULL);
	if (d) {
		CHECK_STR(u, d->num_section, "workload");
		CHECK_STR(u, d->num_key, "procs");
		CHECK_STR(u, d->den_key, "residents");
	}
	CHECK(u, r.ntiers == 3);
	if (r.ntiers == 3) {
		CHECK_STR(u, r.tiers[2].name, "high");
		CHECK(u, r.tiers[1].from == 1000 && r.tiers[2].from == 2050);
	}
	/* no rule for j1 vague: the vague default (3) is above no:2 */
	const struct rf_rule *j = rf_rules_find(&r, "visa", "j1");
	CHECK(u, j && rf_rule_max(&r, j) == 300);
	rf_rules_free(&r);
}

/* What scoring reads of each rule without a lookup is what the lookups
 * give: its path, domain, highest points, [when] entry and derived value. */
static void test_rules_resolved(struct unit *u)
{
	struct rf_rules r;
	CHECK(u, rules(&r, "[defaults]\nvague = 3\n"
			   "[visa]\nj1 = no:2\nh1b = no:12, yes:0\n"
			   "[workload]\nppr = >20:5\nhours = >80:4\n"
			   "[derived]\nworkload.ppr = workload.procs / workload.residents\n"
			   "[when]\nvisa.h1b = visa_needed:h1b\n") == 0);
	if (u->bad)
		return;
	CHECK(u, r.nrules == 4);
	for (size_t i = 0; i < r.nrules; i++) {
		const struct rf_rule *rule = &r.rules[i];
		char *path = rf_xasprintf("%s.%s", rule->section, rule->key);
		CHECK_STR(u, rule->path, path);
		free(path);
		CHECK(u, rule->domain == rf_domain_index(rule->section) && rule->domain >= 0);
		CHECK(u, rule->max == rf_rule_max(&r, rule));
		CHECK(u, rule->when == rf_rules_when(&r, rule->section, rule->key));
		CHECK(u, rule->derived == rf_rules_derived(&r, rule->section, rule->key));
		char *name = rf_xasprintf("%s:%s", rule->section, rule->key);
		CHECK_STR(u, rule->lookup.name, name);
		free(name);
	}
	const struct rf_rule *h = rf_rules_find(&r, "visa", "h1b"), *j = rf_rules_find(&r, "visa", "j1");
	const struct rf_rule *ppr = rf_rules_find(&r, "workload", "ppr");
	CHECK(u, h && h->when && h->when == &r.when[0] && h->max == 1200);
	CHECK(u, j && !j->when && j->max == 300 && !j->derived);
	CHECK(u, ppr && ppr->derived == &r.derived[0]);
	struct rf_profile p;
	CHECK(u, profile(&p, "[applicant]\nvisa_needed = j1\n") == 0);
	if (!u->bad && h && j) {
		CHECK(u, rf_applies_when(h->when, &p) == 0);
		CHECK(u, rf_applies_when(j->when, &p) == 1);
	}
	rf_profile_free(&p);
	rf_rules_free(&r);
}

static void test_rules_errors(struct unit *u)
{
	static const char *const bad[] = {
		"[visa]\nh1b = no:12\n[tiers]\nlow = 0\nhigh = 10\nmid = 5\n",	/* tiers not increasing */
		"[visa]\n\nh1b = no\n",				/* no points */
		"[visa]\nh1b = no:1.234\n",			/* three decimals */
		"[visa]\nh1b = no:-1\n",				/* negative */
		"[visa]\nh1b = <abc:3\n",			/* comparison without a number */
		"[visa]\nh1b = :3\n",				/* empty answer */
		"[nosuch]\nkey = yes:1\n",			/* unknown section */
		"[defaults]\nbogus = 1\n",			/* unknown default */
		"[pattern]\ndomains = 2.5\n",			/* not whole */
		"[red_flags]\nextreme = 12\n",			/* not a severity */
		"[derived]\nworkload.ppr = workload.procs\n",	/* no division */
		"[quotes]\nphrase = lots\n",			/* not a number */
		"[visa\nh1b = no:1\n",				/* iniparser syntax error */
	};
	static const unsigned lines[] = { 6, 3, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 1 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct rf_rules r;
		FILE *saved = stderr;
		char *msg = NULL;
		size_t msglen = 0;
		stderr = open_memstream(&msg, &msglen);
		int ret = rules(&r, bad[i]);
		fclose(stderr);
		stderr = saved;
		char want[32];
		snprintf(want, sizeof(want), "rules.ini:%u: ", lines[i]);
		if (ret != -1 || !msg || !strstr(msg, want)) {
			printf("# case %zu: ret %d, message '%s', want '%s'\n", i, ret, msg ? msg : "", want);
			u->bad++;
		}
		if (ret == 0)
			rf_rules_free(&r);
		free(msg);
	}
}

static void test_profile(struct unit *u)
{
	struct rf_profile p;
	CHECK(u, profile(&p, "[applicant]\nvisa_needed = H1B\ntracks_wanted = ir-integrated, dr\n"
			     "[weights]\nvisa = 2\nculture = 0\nquotes = 1.5\n"
			     "[dealbreakers]\nsupervision.solo_high_risk = yes\n"
			     "culture.response_to_concerns = blames_residents, Vague\n") == 0);
	CHECK(u, p.weight[rf_domain_index("visa")] == 200);
	CHECK(u, p.weight[rf_domain_index("culture")] == 0);
	CHECK(u, p.weight[rf_domain_index("quotes")] == 150);
	CHECK(u, p.weight[rf_domain_index("workload")] == 100);	/* default */
	CHECK_STR(u, p.visa_needed, "h1b");
	CHECK(u, p.tracks.n == 2);
	CHECK(u, p.ndealbreakers == 2);	/* only the applicant's own */
	if (p.ndealbreakers == 2) {
		CHECK_STR(u, p.dealbreakers[0].section, "supervision");
		CHECK_STR(u, p.dealbreakers[0].key, "solo_high_risk");
		CHECK(u, p.dealbreakers[0].lineno == 9);
		CHECK(u, p.dealbreakers[1].answers.n == 2);
		CHECK(u, rf_strv_contains(&p.dealbreakers[1].answers, "vague"));
	}
	CHECK(u, p.img == 1);	/* not said: an IMG */
	rf_profile_free(&p);

	/* none (and empty) needs no visa */
	CHECK(u, profile(&p, "[applicant]\nvisa_needed =\nimg = No\n") == 0);
	CHECK_STR(u, p.visa_needed, "none");
	CHECK(u, p.ndealbreakers == 0 && p.img == 0);
	rf_profile_free(&p);
	CHECK(u, profile(&p, "[applicant]\nvisa_needed = j1\nimg =\n") == 0);
	CHECK(u, p.ndealbreakers == 0 && p.img == 1);
	CHECK_STR(u, p.visa_needed, "j1");
	rf_profile_free(&p);

	static const char *const bad[] = {
		"[weights]\nvisa = heavy\n",
		"[weights]\n\nvisa = -1\n",
		"[weights]\nnosuch = 1\n",
		"[applicant]\nvisa_needed = o1\n",
		"[dealbreakers]\nnodot = yes\n",
		"[applicant]\nimg = maybe\n",
	};
	static const unsigned lines[] = { 2, 3, 2, 2, 2, 2 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		FILE *saved = stderr;
		char *msg = NULL;
		size_t msglen = 0;
		stderr = open_memstream(&msg, &msglen);
		int ret = profile(&p, bad[i]);
		fclose(stderr);
		stderr = saved;
		char want[32];
		snprintf(want, sizeof(want), "profile.ini:%u: ", lines[i]);
		if (ret != -1 || !msg || !strstr(msg, want)) {
			printf("# case %zu: ret %d, message '%s', want '%s'\n", i, ret, msg ? msg : "", want);
			u->bad++;
		}
		if (ret == 0)
			rf_profile_free(&p);
		free(msg);
	}
}

/* Rules that say whom they count for, the better of two visas, and
 * deal-breakers that follow the profile. */
static const char personal[] =
	"[visa]\nh1b = no:12, yes:0\nh1b_for_ir_before = no:8\nj1 = no:6, yes:0\npolicy_written = no:6\n"
	"imgs_matched_ir_5y = <1:6\n"
	"[culture]\nretaliation = yes:12\n"
	"[quotes]\nvisa stuff = 6\n"
	"[when]\nvisa.h1b = visa_needed:h1b, visa_needed:either\nvisa.h1b_for_ir_before = visa_needed:h1b, visa_needed:either\n"
	"visa.j1 = visa_needed:j1, Visa_Needed:either\nvisa.policy_written = visa_needed:h1b,visa_needed:j1,visa_needed:either\n"
	"visa.imgs_matched_ir_5y = img:yes\nquotes.visa stuff = visa_needed:h1b\n"
	"[best_of]\nsponsorship = visa.h1b visa.h1b_for_ir_before | visa.j1\n"
	"[dealbreakers]\nvisa.h1b = no\nvisa.j1 = no\n";

static void test_when_and_best_of(struct unit *u)
{
	struct rf_rules r;
	CHECK(u, rules(&r, personal) == 0);
	if (u->bad)
		return;
	CHECK(u, r.nwhen == 6 && r.nbest_of == 1 && r.ndealbreakers == 2);
	static const struct {
		const char *profile;
		int h1b, j1, policy, imgs, retaliation, phrase;
		size_t counting;
	} cases[] = {
		{ "[applicant]\nvisa_needed = h1b\n", 1, 0, 1, 1, 1, 1, 1 },
		{ "[applicant]\nvisa_needed = j1\n", 0, 1, 1, 1, 1, 0, 1 },
		{ "[applicant]\nvisa_needed = either\n", 1, 1, 1, 1, 1, 0, 2 },
		{ "[applicant]\nvisa_needed = none\n", 0, 0, 0, 1, 1, 0, 0 },
		{ "[applicant]\nvisa_needed = none\nimg = no\n", 0, 0, 0, 0, 1, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct rf_profile p;
		CHECK(u, profile(&p, cases[i].profile) == 0);
		CHECK(u, rf_applies_rule(&r, &p, "visa", "h1b") == cases[i].h1b);
		CHECK(u, rf_applies_rule(&r, &p, "visa", "j1") == cases[i].j1);
		CHECK(u, rf_applies_rule(&r, &p, "visa", "policy_written") == cases[i].policy);
		CHECK(u, rf_applies_rule(&r, &p, "visa", "imgs_matched_ir_5y") == cases[i].imgs);
		CHECK(u, rf_applies_rule(&r, &p, "culture", "retaliation") == cases[i].retaliation);
		CHECK(u, rf_applies_rule(&r, &p, "quotes", "visa stuff") == cases[i].phrase);
		CHECK(u, rf_applies_groups(&r, &p, &r.best_of[0]) == cases[i].counting);
		rf_profile_free(&p);
	}
	size_t g = 9;
	CHECK(u, rf_rules_best_of(&r, "visa", "h1b_for_ir_before", &g) == &r.best_of[0] && g == 0);
	CHECK(u, rf_rules_best_of(&r, "visa", "j1", &g) == &r.best_of[0] && g == 1);
	CHECK(u, rf_rules_best_of(&r, "visa", "policy_written", &g) == NULL);
	CHECK(u, rf_rules_best_of(&r, "visa", "h1", &g) == NULL);
	rf_rules_free(&r);
}

static void test_contradictions(struct unit *u)
{
	struct rf_rules r;
	CHECK(u, rules(&r, personal) == 0);
	if (u->bad)
		return;
	static const struct {
		const char *profile;
		const char *want;	/* NULL: no contradiction */
	} cases[] = {
		{ "[applicant]\nvisa_needed = h1b\n[dealbreakers]\nvisa.h1b = no\n", NULL },
		{ "[applicant]\nvisa_needed = j1\n[dealbreakers]\nculture.retaliation = yes\n", NULL },
		{ "[applicant]\nvisa_needed = j1\n[dealbreakers]\nvisa.h1b = no\n",
		  "profile.ini:4: deal-breaker visa.h1b = no contradicts applicant.visa_needed = j1: "
		  "rules.ini counts visa.h1b only for visa_needed:h1b or visa_needed:either" },
		{ "[applicant]\nvisa_needed = none\n[dealbreakers]\n\nvisa.j1 = no, case-by-case\n",
		  "profile.ini:5: deal-breaker visa.j1 = no,case-by-case contradicts applicant.visa_needed = none: "
		  "rules.ini counts visa.j1 only for visa_needed:j1 or visa_needed:either" },
		{ "[applicant]\nimg = no\n[dealbreakers]\nvisa.imgs_matched_ir_5y = 0\n",
		  "profile.ini:4: deal-breaker visa.imgs_matched_ir_5y = 0 contradicts applicant.img = no: "
		  "rules.ini counts visa.imgs_matched_ir_5y only for img:yes" },
		{ "[applicant]\nvisa_needed = either\n[dealbreakers]\nvisa.h1b = no\n",
		  "profile.ini:4: deal-breaker visa.h1b = no contradicts applicant.visa_needed = either: rules.ini rules "
		  "a program out only when every group of best_of.sponsorship has a deal-breaker" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		struct rf_profile p;
		struct rf_strv problems = RF_STRV_INIT;
		CHECK(u, profile(&p, cases[i].profile) == 0);
		size_t n = rf_applies_contradictions(&r, &p, &problems);
		CHECK(u, n == (cases[i].want ? 1u : 0u) && problems.n == n);
		if (cases[i].want && n == 1)
			CHECK_STR(u, problems.v[0], cases[i].want);
		rf_strv_free(&problems);
		rf_profile_free(&p);
	}
	rf_rules_free(&r);
}

static void test_personal_errors(struct unit *u)
{
	static const char *const bad[] = {
		"[visa]\nh1b = no:1\n[when]\nvisa.h1b = visa_needed:o1\n",
		"[visa]\nh1b = no:1\n[when]\nvisa.h1b = citizen:yes\n",
		"[visa]\nh1b = no:1\n[when]\nvisa.h1c = img:yes\n",
		"[visa]\nh1b = no:1\n[when]\nvisa.h1b =\n",
		"[visa]\nh1b = no:1\n[when]\nquotes.nosuch phrase = img:yes\n",
		"[visa]\nh1b = no:1\nj1 = no:1\n[best_of]\nx = visa.h1b\n",
		"[visa]\nh1b = no:1\nj1 = no:1\n[best_of]\nx = visa.h1b | visa.j2\n",
		"[visa]\nh1b = no:1\nj1 = no:1\n[best_of]\nx = visa.h1b | visa.j1\ny = visa.j1 | visa.h1b\n",
		"[visa]\nh1b = no:1\nj1 = no:1\n[best_of]\nx = visa.h1b | | visa.j1\n",
		"[dealbreakers]\nnodot = yes\n",
		"[pattern]\nvague = maybe\n",
	};
	static const unsigned lines[] = { 4, 4, 4, 4, 4, 5, 5, 6, 5, 2, 2 };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		struct rf_rules r;
		FILE *saved = stderr;
		char *msg = NULL;
		size_t msglen = 0;
		stderr = open_memstream(&msg, &msglen);
		int ret = rules(&r, bad[i]);
		fclose(stderr);
		stderr = saved;
		char want[32];
		snprintf(want, sizeof(want), "rules.ini:%u: ", lines[i]);
		if (ret != -1 || !msg || !strstr(msg, want)) {
			printf("# case %zu: ret %d, message '%s', want '%s'\n", i, ret, msg ? msg : "", want);
			u->bad++;
		}
		if (ret == 0)
			rf_rules_free(&r);
		free(msg);
	}
}

static void test_domains(struct unit *u)
{
	CHECK(u, rf_domain_index("visa") == 0);
	CHECK(u, rf_domain_index("red_flags") == RF_NDOMAINS - 1);
	CHECK(u, rf_domain_index("nosuch") == -1);
}

/* rf-set profile's last check before it commits. */
static void test_profile_check(struct unit *u)
{
	const char *good = "[applicant]\nvisa_needed = j1\n[weights]\nvisa = 1.5\n";
	const char *bad = "[weights]\nvisa = heavy\n";
	CHECK(u, rf_profile_check("profile.ini", good, strlen(good)) == 0);
	printf("# an expected error follows\n");
	CHECK(u, rf_profile_check("profile.ini", bad, strlen(bad)) == -1);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_hundredths);
	RUN(&u, test_rules_parts);
	RUN(&u, test_rules_sections);
	RUN(&u, test_rules_resolved);
	RUN(&u, test_rules_errors);
	RUN(&u, test_profile);
	RUN(&u, test_when_and_best_of);
	RUN(&u, test_contradictions);
	RUN(&u, test_personal_errors);
	RUN(&u, test_domains);
	RUN(&u, test_profile_check);
	return UNIT_DONE(&u);
}
