/* season.h: what rf-report shows, gathered once: every program scored (as
 * rf-score does), its weighted points per domain for the heat map, its
 * risk over the season (as rf-log computes it, today's rules applied to
 * every version), its quotes that matched warning phrases and its open
 * questions (as rf-ask lists them), the rank list with rf-rank check's
 * findings, and the season's summary.  The HTML
 * page (reporthtml.h) and the terminal view (reporttext.h) only print it. */
#ifndef RF_SEASON_H
#define RF_SEASON_H

#include <stddef.h>
#include <stdint.h>

#include "ask.h"
#include "rankcheck.h"
#include "ranking.h"
#include "ranklist.h"
#include "session.h"

/* A version of a note whose risk differs from the version before it: one
 * point of the program's chart. */
struct rf_season_point {
	int64_t time;		/* author date; the report's moment for uncommitted changes */
	int worktree;		/* the uncommitted changes */
	char id[8];		/* the commit's short id ("" for the work tree) */
	char *subject;		/* the commit's summary line ("uncommitted changes") */
	long before, after;	/* risk in hundredths; before -1: no scored version before */
};

/* A quote that holds a warning phrase. */
struct rf_season_quote {
	char *key;		/* "2026-12-01 pd" */
	char *text;		/* the words as the note holds them */
	char *phrase;		/* the phrase of rules.ini found in them */
	long value;		/* its weighted points (hundredths) */
};

struct rf_season_program {
	const struct rf_ranked *r;	/* lent by the season's ranking */
	char *name;			/* program.name, else the slug */
	char id[24];			/* "p1", "p2"...: page anchors never come from note text */
	long domain[RF_NDOMAINS];	/* weighted points per domain (hundredths) */
	long pattern;			/* the pattern's points, 0 without one */
	unsigned vague;			/* answers that are vague */
	size_t conflicts;		/* entries of [conflicts] still open */
	struct rf_season_quote *quotes;
	size_t nquotes;
	struct rf_ask ask;		/* open questions, most at stake first */
	struct rf_season_point *points;	/* oldest first */
	size_t npoints;
};

struct rf_season {
	struct rf_ranking ranking;
	struct rf_ranklist ranks;	/* the rank list at the moment shown (ranklist.h) */
	struct rf_rankcheck check;	/* what rf-rank check finds in it */
	char *ranks_problem;		/* "ranks.txt:7: problem" when the list file does not
					 * parse (the ranks are then empty), else NULL */
	struct rf_season_program *v;	/* in the page's order (rf_season_order) */
	size_t n;
	const struct rf_rules *rules;	/* lent by the session's scorer: tiers, labels */
	int64_t when;			/* the moment shown: now, or the --at commit's date */
	int offset;			/* its UTC offset in minutes */
	char at[GIT_OID_HEXSZ + 1];	/* the --at commit's id, "" for the work tree */
	unsigned questions;		/* scored questions per note that count for the profile */
	size_t *tiers;			/* programs per tier of rules->tiers */
	size_t patterns, dealbreakers, conflicts;
	unsigned long asked, unknown, vague;	/* over every program: questions, unknown, vague */
	long stake, known;		/* over every program: rf_score's stake and known (hundredths) */
	int64_t start, end;		/* the earliest and latest point of any chart, or when;
					 * end is when at least */
	long top;			/* the risk the charts' shared scale reaches */
};

struct rf_season_opts {
	const char *at;			/* a revision or date (rf_revision_resolve), or NULL */
	char *const *programs;		/* program arguments; none: every note */
	int nprograms;
};

/* Gather the season from the session (opened here: repository read-only,
 * scorer, template); nothing is written.  A note that does not parse is
 * reported as "FILE:LINE: problem"; reports and returns -1.  Free with
 * rf_season_free, also after a failure. */
int rf_season_build(struct rf_season *out, struct rf_session *s, const struct rf_season_opts *o);
void rf_season_free(struct rf_season *season);

/* The weighted points of a score per domain, and the pattern's; the sum of
 * all of them is the risk. */
void rf_season_domains(const struct rf_score *sc, long domain[RF_NDOMAINS], long *pattern);

/* The page's order: the programs on the rank list (ranklist.h) in rank order,
 * then the others as rf-score lists them (risk, deal-breakers last). */
void rf_season_order(struct rf_ranking *r);

/* How much of the season's stake is answered, in whole percent rounded
 * down (100 only when all of it is, or nothing is at stake), as
 * rf_score_known_pct for one program. */
unsigned rf_season_known_pct(const struct rf_season *season);

/* The charts' shared top: the lowest tier edge above max (hundredths), else
 * max rounded up to a multiple of 10 points; at least 10 points. */
long rf_season_top(long max, const struct rf_rules *rules);

#endif
