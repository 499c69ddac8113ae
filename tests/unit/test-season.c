/* Unit tests for lib/season.c's pure parts: points per domain, the page's
 * order, the charts' shared top, the known share, the rank list's line. */
#include <stdlib.h>
#include <string.h>

#include "reportrank.h"
#include "season.h"
#include "unit.h"

static void test_domains(struct unit *u)
{
	struct rf_contribution c[] = {
		{ RF_CONTRIB_ANSWER, 0, "visa.h1b", "no", "no:12", 1200, 150, 1800, NULL },
		{ RF_CONTRIB_UNKNOWN, 0, "visa.j1", "unknown", "default unknown", 25, 150, 38, NULL },
		{ RF_CONTRIB_PHRASE, 8, "quotes.2026-12-01 pd", "after you match", "\"after you match\"", 300, 100, 300, NULL },
		{ RF_CONTRIB_PATTERN, -1, "pattern", "3 domains", ">=3 domains", 1000, 100, 1000, NULL },
		{ RF_CONTRIB_FLAG, 9, "red_flags.x", "high", "high", 1000, 100, 1000, NULL },
	};
	struct rf_score sc;
	memset(&sc, 0, sizeof(sc));
	sc.v = c;
	sc.n = 5;
	sc.risk = 1800 + 38 + 300 + 1000 + 1000;
	long d[RF_NDOMAINS], pattern, sum;
	rf_season_domains(&sc, d, &pattern);
	CHECK(u, d[0] == 1838);
	CHECK(u, d[8] == 300 && d[9] == 1000 && pattern == 1000);
	sum = pattern;
	for (int i = 0; i < RF_NDOMAINS; i++)
		sum += d[i];
	CHECK(u, sum == sc.risk);
	CHECK(u, d[1] == 0 && d[5] == 0);
	sc.n = 0;
	rf_season_domains(&sc, d, &pattern);
	CHECK(u, d[0] == 0 && pattern == 0);
}

static void ranked(struct rf_ranked *r, const char *slug, const char *rank, long risk, const char *db)
{
	memset(r, 0, sizeof(*r));
	r->slug = (char *)slug;
	r->rank = (char *)rank;
	r->track = r->status = (char *)"";
	r->score.risk = risk;
	r->score.dealbreaker = (char *)db;
}

static void test_order(struct unit *u)
{
	struct rf_ranked v[6];
	ranked(&v[0], "a-db", "", 100, "visa.h1b = no");
	ranked(&v[1], "b-ranked-2", "2", 9000, NULL);
	ranked(&v[2], "c-low", "", 500, NULL);
	ranked(&v[3], "d-ranked-1-db", "1", 200, "visa.h1b = no");
	ranked(&v[4], "e-high", "", 7000, NULL);
	ranked(&v[5], "f-ranked-10", "10", 100, NULL);
	struct rf_ranking r = { v, 6, 0 };
	rf_season_order(&r);
	const char *want[] = { "d-ranked-1-db", "b-ranked-2", "f-ranked-10", "c-low", "e-high", "a-db" };
	for (int i = 0; i < 6; i++)
		CHECK_STR(u, r.v[i].slug, want[i]);
}

static void test_top(struct unit *u)
{
	struct rf_tier t[] = { { "low", 0 }, { "guarded", 1000 }, { "elevated", 2500 }, { "high", 4000 },
			       { "severe", 6000 } };
	struct rf_rules rules;
	memset(&rules, 0, sizeof(rules));
	rules.tiers = t;
	rules.ntiers = 5;
	CHECK(u, rf_season_top(0, &rules) == 1000);
	CHECK(u, rf_season_top(850, &rules) == 1000);
	CHECK(u, rf_season_top(1000, &rules) == 2500);
	CHECK(u, rf_season_top(4250, &rules) == 6000);
	CHECK(u, rf_season_top(6000, &rules) == 7000);
	CHECK(u, rf_season_top(8575, &rules) == 9000);
	rules.ntiers = 0;
	CHECK(u, rf_season_top(0, &rules) == 1000);
	CHECK(u, rf_season_top(1234, &rules) == 2000);
}

static void test_known(struct unit *u)
{
	struct rf_season S;
	memset(&S, 0, sizeof(S));
	CHECK(u, rf_season_known_pct(&S) == 100);	/* nothing at stake */
	S.stake = 79400;
	S.known = 3400;
	CHECK(u, rf_season_known_pct(&S) == 4);
	S.known = 79399;
	CHECK(u, rf_season_known_pct(&S) == 99);	/* 100 only when all of it is */
	S.known = 79400;
	CHECK(u, rf_season_known_pct(&S) == 100);
}

static void test_rank_summary(struct unit *u)
{
	struct rf_season S;
	struct rf_ranklist_list lists[1];
	memset(&S, 0, sizeof(S));
	memset(lists, 0, sizeof(lists));
	char *line = rf_reportrank_summary(&S);
	CHECK_STR(u, line, "rank list: 0 programs, 0 errors, 0 warnings (rf-rank)");
	free(line);
	lists[0].n = 1;
	S.ranks.lists = lists;
	S.ranks.nlists = 1;
	S.check.errors = 1;
	S.check.warnings = 2;
	line = rf_reportrank_summary(&S);
	CHECK_STR(u, line, "rank list: 1 program, 1 error, 2 warnings (rf-rank)");
	free(line);
	char problem[] = "ranks.txt:3: bad";
	S.ranks_problem = problem;
	line = rf_reportrank_summary(&S);
	CHECK_STR(u, line, "rank list: does not parse: ranks.txt:3: bad");
	free(line);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_domains);
	RUN(&u, test_order);
	RUN(&u, test_top);
	RUN(&u, test_known);
	RUN(&u, test_rank_summary);
	return UNIT_DONE(&u);
}
