#include "applies.h"

#include <stdlib.h>
#include <string.h>

static int cond_matches(const struct rf_profile *p, const char *cond)
{
	const char *colon = strchr(cond, ':');
	if (!strncmp(cond, "visa_needed:", 12))
		return !strcmp(colon + 1, p->visa_needed);
	return !strcmp(colon + 1, p->img ? "yes" : "no");
}

int rf_applies_when(const struct rf_rule_when *w, const struct rf_profile *p)
{
	for (size_t i = 0; w && i < w->conds.n; i++)
		if (cond_matches(p, w->conds.v[i]))
			return 1;
	return !w;
}

int rf_applies_rule(const struct rf_rules *r, const struct rf_profile *p, const char *section, const char *key)
{
	return rf_applies_when(rf_rules_when(r, section, key), p);
}

int rf_applies_group(const struct rf_rules *r, const struct rf_profile *p, const struct rf_best_of *b, size_t g)
{
	for (size_t k = 0; k < b->groups[g].n; k++) {
		const char *ref = b->groups[g].v[k], *dot = strchr(ref, '.');
		char *sec = rf_xstrndup(ref, (size_t)(dot - ref));
		int c = rf_applies_rule(r, p, sec, dot + 1);
		free(sec);
		if (c)
			return 1;
	}
	return 0;
}

size_t rf_applies_groups(const struct rf_rules *r, const struct rf_profile *p, const struct rf_best_of *b)
{
	size_t n = 0;
	for (size_t g = 0; g < b->ngroups; g++)
		n += rf_applies_group(r, p, b, g);
	return n;
}

/* The conditions of w as "visa_needed:h1b or visa_needed:either". */
static char *conds_text(const struct rf_rule_when *w)
{
	struct rf_buf b = RF_BUF_INIT;
	for (size_t i = 0; i < w->conds.n; i++)
		rf_buf_addf(&b, "%s%s", i == 0 ? "" : i + 1 == w->conds.n ? " or " : ", ", w->conds.v[i]);
	return rf_buf_detach(&b);
}

/* The profile's keys w looks at, as they are: "applicant.visa_needed = j1". */
static char *profile_text(const struct rf_rule_when *w, const struct rf_profile *p)
{
	int visa = 0, img = 0;
	for (size_t i = 0; i < w->conds.n; i++) {
		visa |= !strncmp(w->conds.v[i], "visa_needed:", 12);
		img |= !strncmp(w->conds.v[i], "img:", 4);
	}
	struct rf_buf b = RF_BUF_INIT;
	if (visa)
		rf_buf_addf(&b, "applicant.visa_needed = %s", p->visa_needed);
	if (img)
		rf_buf_addf(&b, "%sapplicant.img = %s", visa ? " and " : "", p->img ? "yes" : "no");
	return rf_buf_detach(&b);
}

size_t rf_applies_contradictions(const struct rf_rules *r, const struct rf_profile *p, struct rf_strv *problems)
{
	const char *slash = strrchr(r->label, '/');
	const char *rules = slash ? slash + 1 : r->label;
	size_t before = problems->n;
	for (size_t i = 0; i < p->ndealbreakers; i++) {
		const struct rf_dealbreaker *d = &p->dealbreakers[i];
		struct rf_buf answers = RF_BUF_INIT;
		for (size_t k = 0; k < d->answers.n; k++)
			rf_buf_addf(&answers, "%s%s", k ? "," : "", d->answers.v[k]);
		size_t g;
		const struct rf_best_of *b = rf_rules_best_of(r, d->section, d->key, &g);
		if (!rf_applies_rule(r, p, d->section, d->key)) {
			const struct rf_rule_when *w = rf_rules_when(r, d->section, d->key);
			char *when = conds_text(w), *mine = profile_text(w, p);
			rf_strv_push(problems, rf_xasprintf("%s:%u: deal-breaker %s.%s = %s contradicts %s: %s counts "
							   "%s.%s only for %s", p->label, d->lineno, d->section,
							   d->key, answers.buf, mine, rules, d->section, d->key, when));
			free(when);
			free(mine);
		} else if (b && rf_applies_groups(r, p, b) > 1) {
			rf_strv_push(problems, rf_xasprintf("%s:%u: deal-breaker %s.%s = %s contradicts "
							   "applicant.visa_needed = %s: %s rules a program out only "
							   "when every group of best_of.%s has a deal-breaker",
							   p->label, d->lineno, d->section, d->key, answers.buf,
							   p->visa_needed, rules, b->name));
		}
		rf_buf_free(&answers);
	}
	return problems->n - before;
}

void rf_applies_warn(const struct rf_rules *r, const struct rf_profile *p)
{
	struct rf_strv problems = RF_STRV_INIT;
	rf_applies_contradictions(r, p, &problems);
	for (size_t i = 0; i < problems.n; i++)
		rf_warn("%s", problems.v[i]);
	rf_strv_free(&problems);
}
