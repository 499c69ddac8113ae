#include "ask.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "applies.h"

struct keyed {
	struct rf_ask_item item;
	long domain_stake;
	size_t order;
};

static int cmp_keyed(const void *pa, const void *pb)
{
	const struct keyed *a = pa, *b = pb;
	if (a->domain_stake != b->domain_stake)
		return a->domain_stake < b->domain_stake ? 1 : -1;
	if (a->item.domain != b->item.domain)
		return a->item.domain - b->item.domain;
	if (a->item.stake != b->item.stake)
		return a->item.stake < b->item.stake ? 1 : -1;
	return (a->order > b->order) - (a->order < b->order);
}

void rf_ask_open(const struct rf_scorer *s, const struct rf_note *note, unsigned char *open)
{
	const struct rf_rules *rules = &s->rules;
	for (size_t i = 0; i < rules->nrules; i++) {
		const struct rf_rule *rule = &rules->rules[i];
		open[i] = RF_OPEN_NO;
		if (rule->derived || !rf_applies_when(rule->when, &s->profile))
			continue;
		/* The answer as rf_strstrip would leave it, without a copy:
		 * this runs for every rule of every note scored. */
		const char *a = rf_note_get_key(note, &rule->lookup);
		if (!a)
			a = "";
		size_t n = strlen(a);
		while (n && isspace((unsigned char)a[n - 1]))
			n--;
		size_t lead = strspn(a, " \t\r\n\v\f");
		a += lead;
		n = n > lead ? n - lead : 0;
		if (!n || (n == 7 && !strncasecmp(a, "unknown", 7)))
			open[i] = RF_OPEN_UNKNOWN;
		else if (n == 5 && !strncasecmp(a, "vague", 5))
			open[i] = RF_OPEN_VAGUE;
	}
}

void rf_ask_from_open(const struct rf_scorer *s, const struct rf_template *t, const unsigned char *open,
		      struct rf_ask *out)
{
	const struct rf_rules *rules = &s->rules;
	struct keyed *k = rf_xcalloc(rules->nrules ? rules->nrules : 1, sizeof(*k));
	size_t n = 0;
	long domain_stake[RF_NDOMAINS] = { 0 };
	for (size_t i = 0; i < rules->nrules; i++) {
		const struct rf_rule *rule = &rules->rules[i];
		if (open[i] == RF_OPEN_NO)
			continue;
		int d = rule->domain;
		const struct rf_field *f = rf_template_field(t, rule->section, rule->key);
		struct keyed *x = &k[n++];
		x->item.domain = d;
		x->item.key = rf_xstrdup(rule->path);
		x->item.answer = rf_xstrdup(open[i] == RF_OPEN_VAGUE ? "vague" : "unknown");
		x->item.stake = (rule->max * s->profile.weight[d] + 50) / 100;
		x->item.question = f ? f->question : "";
		x->order = f ? rf_template_rank(t, rule->section, rule->key) : t->n + i;
		if (x->item.stake > domain_stake[d])
			domain_stake[d] = x->item.stake;
	}
	for (size_t i = 0; i < n; i++)
		k[i].domain_stake = domain_stake[k[i].item.domain];
	qsort(k, n, sizeof(*k), cmp_keyed);
	out->v = rf_xcalloc(n ? n : 1, sizeof(*out->v));
	out->n = n;
	for (size_t i = 0; i < n; i++)
		out->v[i] = k[i].item;
	free(k);
}

void rf_ask_build(const struct rf_scorer *s, const struct rf_template *t, const struct rf_note *note,
		  struct rf_ask *out)
{
	unsigned char *open = rf_xmalloc(s->rules.nrules ? s->rules.nrules : 1);
	rf_ask_open(s, note, open);
	rf_ask_from_open(s, t, open, out);
	free(open);
}

void rf_ask_free(struct rf_ask *a)
{
	for (size_t i = 0; i < a->n; i++) {
		free(a->v[i].key);
		free(a->v[i].answer);
	}
	free(a->v);
	memset(a, 0, sizeof(*a));
}
