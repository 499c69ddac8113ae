#include "reporttext.h"

#include <stdlib.h>
#include <time.h>

#include "output.h"
#include "palette.h"
#include "reportrank.h"
#include "rules.h"

/* The heat map's columns: rank, program, marks, the domains, pattern,
 * risk, tier (last, so that no row ends in blanks). */
enum { COL_MARKS = 2, COL_DOMAIN, COL_PATTERN = COL_DOMAIN + RF_NDOMAINS, NCOLS = COL_PATTERN + 3 };

static const char *style(const struct rf_table *t, size_t row, size_t col, const void *ctx)
{
	const struct rf_season *S = ctx;
	(void)t;
	if (col < COL_DOMAIN || col > COL_PATTERN || row >= S->n)
		return NULL;
	const struct rf_season_program *p = &S->v[row];
	return rf_heat_bands[rf_heat_band(col == COL_PATTERN ? p->pattern : p->domain[col - COL_DOMAIN])].sgr;
}

static void names(FILE *out, const struct rf_season *S, int (*has)(const struct rf_season_program *))
{
	int first = 1;
	for (size_t i = 0; i < S->n; i++)
		if (has(&S->v[i])) {
			fprintf(out, "%s%s", first ? ": " : ", ", S->v[i].r->slug);
			first = 0;
		}
}

static int has_pattern(const struct rf_season_program *p)
{
	return p->r->score.pattern;
}

static int has_conflicts(const struct rf_season_program *p)
{
	return p->conflicts > 0;
}

static void summary(const struct rf_season *S, FILE *out)
{
	char when[32];
	time_t t = (time_t)S->when;
	struct tm tm;
	localtime_r(&t, &tm);
	strftime(when, sizeof(when), "%Y-%m-%d %H:%M", &tm);
	fprintf(out, "%zu program%s; the notes as of %s", S->n, S->n == 1 ? "" : "s", when);
	if (*S->at)
		fprintf(out, " (commit %.7s)\n", S->at);
	else
		fputs(" (the working tree)\n", out);
	fputs("tiers:", out);
	for (size_t i = 0; i < S->rules->ntiers; i++)
		fprintf(out, "%s %s %zu", i ? "," : "", S->rules->tiers[i].name, S->tiers[i]);
	fprintf(out, "\npattern (red answers in %u or more domains): %zu", S->rules->pattern_domains, S->patterns);
	names(out, S, has_pattern);
	fprintf(out, "\ndeal-breakers: %zu", S->dealbreakers);
	for (size_t i = 0, k = 0; i < S->n; i++)
		if (S->v[i].r->score.dealbreaker)
			fprintf(out, "%s%s (%s)", k++ ? ", " : ": ", S->v[i].r->slug, S->v[i].r->score.dealbreaker);
	fprintf(out, "\nopen conflicts: %zu", S->conflicts);
	names(out, S, has_conflicts);
	unsigned long answered = S->asked - S->unknown;
	fprintf(out, "\nquestions answered: %lu of %lu", answered, S->asked);
	if (S->asked)
		fprintf(out, " (%lu %%)", answered * 100 / S->asked);
	fprintf(out, "; %lu vague; %lu not asked yet\n", S->vague, S->unknown);
	char known[32], stake[32];
	rf_hundredths_format(S->known, known);
	rf_hundredths_format(S->stake, stake);
	fprintf(out, "known %u%%: %s of the %s points at stake are answered\n", rf_season_known_pct(S), known, stake);
	char *ranks = rf_reportrank_summary(S);
	fprintf(out, "%s\n", ranks);
	free(ranks);
}

void rf_reporttext_print(const struct rf_season *S, FILE *out, int colour)
{
	const char *cols[NCOLS] = { "rank", "program", "marks" };
	for (int d = 0; d < RF_NDOMAINS; d++)
		cols[COL_DOMAIN + d] = rf_domains[d];
	cols[COL_PATTERN] = "pattern";
	cols[COL_PATTERN + 1] = "risk";
	cols[COL_PATTERN + 2] = "tier";
	struct rf_table t;
	rf_table_init(&t, NCOLS, cols);
	rf_table_set_kind(&t, 0, RF_COL_NUMBER);
	for (int c = COL_DOMAIN; c <= COL_PATTERN + 1; c++)
		rf_table_set_kind(&t, (size_t)c, RF_COL_NUMBER);
	char num[NCOLS][32];
	for (size_t i = 0; i < S->n; i++) {
		const struct rf_season_program *p = &S->v[i];
		const struct rf_score *sc = &p->r->score;
		const char *cells[NCOLS];
		cells[0] = *p->r->rank ? p->r->rank : NULL;
		cells[1] = p->r->slug;
		for (int d = 0; d < RF_NDOMAINS; d++) {
			rf_hundredths_format(p->domain[d], num[COL_DOMAIN + d]);
			cells[COL_DOMAIN + d] = num[COL_DOMAIN + d];
		}
		rf_hundredths_format(p->pattern, num[COL_PATTERN]);
		cells[COL_PATTERN] = num[COL_PATTERN];
		rf_hundredths_format(sc->risk, num[COL_PATTERN + 1]);
		cells[COL_PATTERN + 1] = num[COL_PATTERN + 1];
		cells[COL_PATTERN + 2] = sc->tier;
		cells[COL_MARKS] = sc->dealbreaker ? (sc->pattern ? "pattern,dealbreaker" : "dealbreaker")
							 : (sc->pattern ? "pattern" : "");
		rf_table_add(&t, cells);
	}
	if (colour) {
		t.style = style;
		t.style_ctx = S;
	}
	summary(S, out);
	fputc('\n', out);
	rf_table_print(&t, RF_FORMAT_TEXT, out);
	rf_table_free(&t);
}
