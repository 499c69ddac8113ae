#include "explain.h"

#include <stdlib.h>
#include <string.h>

/* The unknowns of one domain, summed. */
struct fold {
	size_t n, last;		/* how many; index of the domain's last contribution */
	long points, value, weight;
	const char *rule;	/* NULL when the rows disagree */
	int mixed;		/* points differ from row to row */
};

static int foldable(const struct rf_contribution *c)
{
	return c->kind == RF_CONTRIB_UNKNOWN && !c->outweighed && c->domain >= 0;
}

static void add_row(struct rf_table *t, const char *domain, const char *key, const char *answer, const char *rule,
		    const long *points, long weight, long value)
{
	char p[32], w[32], v[32];
	if (points)
		rf_hundredths_format(*points, p);
	rf_hundredths_format(weight, w);
	rf_hundredths_format(value, v);
	const char *cells[] = { domain, key, answer, rule, points ? p : NULL, w, v };
	rf_table_add(t, cells);
}

void rf_explain_table(const struct rf_score *sc, int verbose, struct rf_table *t)
{
	static const char *const cols[] = { "domain", "key", "answer", "rule", "points", "weight", "value" };
	struct fold fold[RF_NDOMAINS];
	memset(fold, 0, sizeof(fold));
	rf_table_init(t, 7, cols);
	for (size_t c = 4; c < 7; c++)
		rf_table_set_kind(t, c, RF_COL_NUMBER);
	for (size_t i = 0; i < sc->n; i++) {
		const struct rf_contribution *c = &sc->v[i];
		if (c->domain < 0)
			continue;
		struct fold *f = &fold[c->domain];
		f->last = i;
		if (!foldable(c))
			continue;
		if (f->n++ == 0) {
			f->points = c->points;
			f->rule = c->rule;
			f->weight = c->weight;
		}
		f->mixed |= c->points != f->points;
		if (f->rule && strcmp(f->rule, c->rule) != 0)
			f->rule = NULL;
		f->value += c->value;
	}
	for (size_t i = 0; i < sc->n; i++) {
		const struct rf_contribution *c = &sc->v[i];
		const char *domain = c->domain >= 0 ? rf_domains[c->domain] : "pattern";
		struct fold *f = c->domain >= 0 ? &fold[c->domain] : NULL;
		int folded = !verbose && f && f->n >= 2;
		if (!(folded && foldable(c))) {
			char *rule = c->outweighed ? rf_xasprintf("%s, outweighed: best_of.%s", c->rule, c->outweighed)
						   : rf_xstrdup(c->rule);
			add_row(t, domain, c->key, c->answer, rule, &c->points, c->weight, c->value);
			free(rule);
		}
		if (folded && i == f->last) {
			char key[32];
			snprintf(key, sizeof(key), "%zu keys", f->n);
			add_row(t, domain, key, "unknown", f->rule ? f->rule : "", f->mixed ? NULL : &f->points, f->weight,
				f->value);
		}
	}
	char total[32];
	rf_hundredths_format(sc->risk, total);
	const char *last[] = { "total", "", "", "", NULL, NULL, total };
	rf_table_add(t, last);
}

char *rf_explain_footer(const struct rf_score *sc)
{
	char known[32], stake[32];
	rf_hundredths_format(sc->known, known);
	rf_hundredths_format(sc->stake, stake);
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_addf(&b, "known %u%%: %s of the %s points at stake are answered\n", rf_score_known_pct(sc), known, stake);
	if (sc->dealbreaker)
		rf_buf_addf(&b, "deal-breaker: %s\n", sc->dealbreaker);
	return rf_buf_detach(&b);
}
