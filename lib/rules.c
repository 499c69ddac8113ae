#include "rules.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "note.h"

const char *const rf_domains[RF_NDOMAINS] = {
	"visa", "outcomes", "workload", "supervision", "education",
	"culture", "img", "sources", "quotes", "red_flags",
};

/* Domains whose rules are answers to template keys. */
enum { ANSWER_DOMAINS = 8 };

int rf_domain_index(const char *name)
{
	for (int i = 0; i < RF_NDOMAINS; i++)
		if (!strcmp(rf_domains[i], name))
			return i;
	return -1;
}

int rf_hundredths_parse(const char *s, long *out)
{
	const char *p = s;
	long whole = 0, frac = 0;
	if (!isdigit((unsigned char)*p))
		return -1;
	for (; isdigit((unsigned char)*p); p++) {
		whole = whole * 10 + (*p - '0');
		if (whole > 100000000L)
			return -1;
	}
	if (*p == '.') {
		p++;
		int digits = 0;
		for (; isdigit((unsigned char)*p); p++, digits++) {
			if (digits == 2)
				return -1;
			frac = frac * 10 + (*p - '0');
		}
		if (!digits)
			return -1;
		if (digits == 1)
			frac *= 10;
	}
	if (*p)
		return -1;
	*out = whole * 100 + frac;
	return 0;
}

void rf_hundredths_format(long v, char buf[32])
{
	/* Without snprintf: the report prints one for every cell and point. */
	unsigned long a = v < 0 ? 0UL - (unsigned long)v : (unsigned long)v;
	char *p = buf;
	if (v < 0)
		*p++ = '-';
	p += rf_fmt_ulong(p, a / 100);
	if (a % 100) {
		*p++ = '.';
		*p++ = (char)('0' + a % 100 / 10);
		if (a % 10)
			*p++ = (char)('0' + a % 10);
		*p = '\0';
	}
}

static int parse_part(const char *label, unsigned lineno, const char *text, struct rf_rule_part *part)
{
	memset(part, 0, sizeof(*part));
	const char *colon = strrchr(text, ':');
	if (!colon || colon == text)
		return rf_error("%s:%u: '%s': expected ANSWER:POINTS", label, lineno, text);
	char *answer = rf_strstrip(rf_xstrndup(text, (size_t)(colon - text)));
	char *points = rf_strstrip(rf_xstrdup(colon + 1));
	int r = 0;
	if (rf_hundredths_parse(points, &part->points) < 0)
		r = rf_error("%s:%u: '%s': points must be a number like 6 or 0.25", label, lineno, text);
	const char *num = answer;
	part->op = RF_MATCH_ANSWER;
	if (!strncmp(answer, "<=", 2))
		part->op = RF_MATCH_LE, num += 2;
	else if (!strncmp(answer, ">=", 2))
		part->op = RF_MATCH_GE, num += 2;
	else if (answer[0] == '<')
		part->op = RF_MATCH_LT, num += 1;
	else if (answer[0] == '>')
		part->op = RF_MATCH_GT, num += 1;
	if (r == 0 && part->op != RF_MATCH_ANSWER && rf_parse_number(num, &part->number) < 0)
		r = rf_error("%s:%u: '%s': expected a number after the comparison", label, lineno, text);
	if (r == 0 && part->op == RF_MATCH_ANSWER && !*answer)
		r = rf_error("%s:%u: '%s': empty answer", label, lineno, text);
	if (r == 0) {
		part->answer = rf_strlower(answer);
		part->text = rf_strstrip(rf_xstrdup(text));
		answer = NULL;
	}
	free(answer);
	free(points);
	return r;
}

static int parse_rule(const char *label, const struct rf_line *l, struct rf_rule *rule)
{
	memset(rule, 0, sizeof(*rule));
	rule->section = rf_xstrdup(l->section);
	rule->key = rf_xstrdup(l->key);
	rule->lineno = l->lineno;
	char *copy = rf_xstrdup(l->value), *save = NULL;
	size_t cap = 0;
	int r = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok && r == 0; tok = strtok_r(NULL, ",", &save)) {
		if (rule->nparts == cap) {
			cap = cap ? 2 * cap : 4;
			rule->parts = rf_xrealloc(rule->parts, cap * sizeof(*rule->parts));
		}
		r = parse_part(label, l->lineno, rf_strstrip(tok), &rule->parts[rule->nparts]);
		if (r == 0)
			rule->nparts++;
	}
	if (r == 0 && !rule->nparts)
		r = rf_error("%s:%u: %s.%s: no ANSWER:POINTS", label, l->lineno, l->section, l->key);
	free(copy);
	return r;
}

static void rule_free(struct rf_rule *rule)
{
	for (size_t i = 0; i < rule->nparts; i++) {
		free(rule->parts[i].answer);
		free(rule->parts[i].text);
	}
	free(rule->parts);
	free(rule->section);
	free(rule->key);
	free(rule->path);
	rf_note_key_free(&rule->lookup);
}

/* "section.key" -> parts; reports against the line. */
static int split_ref(const char *label, unsigned lineno, const char *ref, char **section, char **key)
{
	char *s = rf_strstrip(rf_xstrdup(ref));
	char *dot = strchr(s, '.');
	if (!dot || dot == s || !dot[1]) {
		free(s);
		return rf_error("%s:%u: '%s': expected section.key", label, lineno, ref);
	}
	*section = rf_xstrndup(s, (size_t)(dot - s));
	*key = rf_xstrdup(dot + 1);
	free(s);
	return 0;
}

static int parse_derived(const char *label, const struct rf_line *l, struct rf_derived *d)
{
	memset(d, 0, sizeof(*d));
	const char *slash = strchr(l->value, '/');
	if (!slash)
		return rf_error("%s:%u: expected section.key / section.key", label, l->lineno);
	char *num = rf_xstrndup(l->value, (size_t)(slash - l->value));
	int r = split_ref(label, l->lineno, l->key, &d->section, &d->key);
	if (r == 0)
		r = split_ref(label, l->lineno, num, &d->num_section, &d->num_key);
	if (r == 0)
		r = split_ref(label, l->lineno, slash + 1, &d->den_section, &d->den_key);
	free(num);
	return r;
}

static void derived_free(struct rf_derived *d)
{
	free(d->section);
	free(d->key);
	free(d->num_section);
	free(d->num_key);
	free(d->den_section);
	free(d->den_key);
}

#define GROW(arr, n, cap)                                                         \
	do {                                                                      \
		if ((n) == (cap)) {                                               \
			(cap) = (cap) ? 2 * (cap) : 8;                            \
			(arr) = rf_xrealloc((arr), (cap) * sizeof(*(arr)));      \
		}                                                                 \
	} while (0)

static void add_dealbreaker(struct rf_dealbreaker **v, size_t *n, size_t *cap, const char *section,
			    const char *key, const char *answers, unsigned lineno)
{
	GROW(*v, *n, *cap);
	struct rf_dealbreaker *d = &(*v)[(*n)++];
	memset(d, 0, sizeof(*d));
	d->section = rf_xstrdup(section);
	d->key = rf_xstrdup(key);
	d->lineno = lineno;
	char *copy = rf_xstrdup(answers), *save = NULL;
	for (char *tok = strtok_r(copy, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
		if (*rf_strstrip(tok))
			rf_strv_push(&d->answers, rf_strlower(rf_xstrdup(tok)));
	free(copy);
}

static void dealbreakers_free(struct rf_dealbreaker *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].section);
		free(v[i].key);
		rf_strv_free(&v[i].answers);
	}
	free(v);
}

/* The answers of applicant.visa_needed and applicant.img. */
static const char *const visa_needs[] = { "h1b", "j1", "either", "none", NULL };

static int one_of(const char *const *v, const char *s)
{
	for (size_t i = 0; v[i]; i++)
		if (!strcmp(v[i], s))
			return 1;
	return 0;
}

/* visa_needed:h1b, img:yes, ... */
static int parse_when(const char *label, const struct rf_line *l, struct rf_rule_when *w)
{
	static const char *const yes_no[] = { "yes", "no", NULL };
	memset(w, 0, sizeof(*w));
	w->lineno = l->lineno;
	if (split_ref(label, l->lineno, l->key, &w->section, &w->key) < 0)
		return -1;
	char *copy = rf_strlower(rf_xstrdup(l->value)), *save = NULL;
	int r = 0;
	for (char *tok = strtok_r(copy, ",", &save); tok && r == 0; tok = strtok_r(NULL, ",", &save)) {
		char *c = rf_strstrip(tok), *colon = strchr(c, ':');
		int ok = colon && ((colon - c == 11 && !strncmp(c, "visa_needed", 11) && one_of(visa_needs, colon + 1)) ||
				   (colon - c == 3 && !strncmp(c, "img", 3) && one_of(yes_no, colon + 1)));
		if (ok)
			rf_strv_push(&w->conds, rf_xstrdup(c));
		else
			r = rf_error("%s:%u: '%s': expected visa_needed:h1b|j1|either|none or img:yes|no", label,
				     l->lineno, c);
	}
	if (r == 0 && !w->conds.n)
		r = rf_error("%s:%u: when.%s.%s: no condition", label, l->lineno, w->section, w->key);
	free(copy);
	return r;
}

static void when_free(struct rf_rule_when *w)
{
	free(w->section);
	free(w->key);
	rf_strv_free(&w->conds);
}

/* name = a.b c.d | e.f */
static int parse_best_of(const char *label, const struct rf_line *l, struct rf_best_of *b)
{
	memset(b, 0, sizeof(*b));
	b->name = rf_xstrdup(l->key);
	b->lineno = l->lineno;
	char *copy = rf_strlower(rf_xstrdup(l->value)), *save = NULL;
	for (char *g = strtok_r(copy, "|", &save); g; g = strtok_r(NULL, "|", &save)) {
		b->groups = rf_xrealloc(b->groups, (b->ngroups + 1) * sizeof(*b->groups));
		struct rf_strv *grp = &b->groups[b->ngroups++];
		*grp = (struct rf_strv)RF_STRV_INIT;
		char *gsave = NULL;
		for (char *ref = strtok_r(g, " \t,", &gsave); ref; ref = strtok_r(NULL, " \t,", &gsave))
			rf_strv_push(grp, rf_xstrdup(ref));
	}
	free(copy);
	for (size_t i = 0; i < b->ngroups; i++)
		if (!b->groups[i].n)
			return rf_error("%s:%u: best_of.%s: an empty group", label, l->lineno, b->name);
	if (b->ngroups < 2)
		return rf_error("%s:%u: best_of.%s: expected two groups or more, separated by '|'", label, l->lineno,
				b->name);
	return 0;
}

static void best_of_free(struct rf_best_of *b)
{
	for (size_t i = 0; i < b->ngroups; i++)
		rf_strv_free(&b->groups[i]);
	free(b->groups);
	free(b->name);
}

static int has_phrase(const struct rf_rules *r, const char *text)
{
	for (size_t i = 0; i < r->nphrases; i++)
		if (!strcmp(r->phrases[i].text, text))
			return 1;
	return 0;
}

/* Once every line is read: what [when] and [best_of] name must exist, and
 * a rule is in one [best_of] at most. */
static int check_refs(const struct rf_rules *r, const char *label)
{
	for (size_t i = 0; i < r->nwhen; i++) {
		const struct rf_rule_when *w = &r->when[i];
		int found = !strcmp(w->section, "quotes") ? has_phrase(r, w->key) : !!rf_rules_find(r, w->section, w->key);
		if (!found)
			return rf_error("%s:%u: when: no rule %s.%s in this file", label, w->lineno, w->section,
					w->key);
	}
	for (size_t i = 0; i < r->nbest_of; i++) {
		const struct rf_best_of *b = &r->best_of[i];
		for (size_t g = 0; g < b->ngroups; g++) {
			for (size_t k = 0; k < b->groups[g].n; k++) {
				const char *ref = b->groups[g].v[k];
				const char *dot = strchr(ref, '.');
				char *sec = dot ? rf_xstrndup(ref, (size_t)(dot - ref)) : NULL;
				const struct rf_rule *rule = sec ? rf_rules_find(r, sec, dot + 1) : NULL;
				size_t other;
				const struct rf_best_of *first = rule ? rf_rules_best_of(r, sec, dot + 1, &other) : NULL;
				free(sec);
				if (!rule)
					return rf_error("%s:%u: best_of.%s: no rule %s in this file", label, b->lineno,
							b->name, ref);
				if (first != b || other != g)
					return rf_error("%s:%u: best_of.%s: %s is in another group already", label,
							b->lineno, b->name, ref);
			}
		}
	}
	return 0;
}

static int points_value(const char *label, const struct rf_line *l, long *out)
{
	if (rf_hundredths_parse(l->value, out) < 0)
		return rf_error("%s:%u: %s.%s: '%s' is not a number like 6 or 0.25", label, l->lineno, l->section,
				l->key, l->value);
	return 0;
}

static int parse_line(struct rf_rules *r, const char *label, const struct rf_line *l, size_t caps[7])
{
	const char *sec = l->section, *key = l->key;
	if (!strcmp(sec, "defaults")) {
		long *dst = !strcmp(key, "unknown") ? &r->unknown
			  : !strcmp(key, "vague")   ? &r->vague
			  : !strcmp(key, "red")     ? &r->red
						    : NULL;
		if (!dst)
			return rf_error("%s:%u: unknown key defaults.%s (expected unknown, vague or red)", label,
					l->lineno, key);
		return points_value(label, l, dst);
	}
	if (!strcmp(sec, "red_flags")) {
		long *dst = !strcmp(key, "low") ? &r->severity_low
			  : !strcmp(key, "medium") ? &r->severity_medium
			  : !strcmp(key, "high")   ? &r->severity_high
						   : NULL;
		if (!dst)
			return rf_error("%s:%u: unknown key red_flags.%s (expected low, medium or high)", label,
					l->lineno, key);
		return points_value(label, l, dst);
	}
	if (!strcmp(sec, "pattern")) {
		long v;
		if (!strcmp(key, "points"))
			return points_value(label, l, &r->pattern_points);
		if (!strcmp(key, "vague")) {
			if (strcasecmp(l->value, "yes") && strcasecmp(l->value, "no"))
				return rf_error("%s:%u: pattern.vague: '%s' is not yes or no", label, l->lineno,
						l->value);
			r->pattern_vague = !strcasecmp(l->value, "yes");
			return 0;
		}
		if (strcmp(key, "domains") != 0)
			return rf_error("%s:%u: unknown key pattern.%s (expected domains, points or vague)", label,
					l->lineno, key);
		if (points_value(label, l, &v) < 0 || v % 100)
			return rf_error("%s:%u: pattern.domains must be a whole number", label, l->lineno);
		r->pattern_domains = (unsigned)(v / 100);
		return 0;
	}
	if (!strcmp(sec, "tiers")) {
		GROW(r->tiers, r->ntiers, caps[3]);
		struct rf_tier *t = &r->tiers[r->ntiers];
		if (points_value(label, l, &t->from) < 0)
			return -1;
		if (r->ntiers && t->from <= r->tiers[r->ntiers - 1].from)
			return rf_error("%s:%u: tiers must be in increasing order", label, l->lineno);
		t->name = rf_xstrdup(key);
		r->ntiers++;
		return 0;
	}
	if (!strcmp(sec, "quotes")) {
		GROW(r->phrases, r->nphrases, caps[1]);
		struct rf_phrase *p = &r->phrases[r->nphrases];
		if (points_value(label, l, &p->points) < 0)
			return -1;
		p->text = rf_xstrdup(key);
		r->nphrases++;
		return 0;
	}
	if (!strcmp(sec, "when")) {
		GROW(r->when, r->nwhen, caps[4]);
		if (parse_when(label, l, &r->when[r->nwhen]) < 0) {
			when_free(&r->when[r->nwhen]);
			return -1;
		}
		r->nwhen++;
		return 0;
	}
	if (!strcmp(sec, "best_of")) {
		GROW(r->best_of, r->nbest_of, caps[5]);
		if (parse_best_of(label, l, &r->best_of[r->nbest_of]) < 0) {
			best_of_free(&r->best_of[r->nbest_of]);
			return -1;
		}
		r->nbest_of++;
		return 0;
	}
	if (!strcmp(sec, "dealbreakers")) {
		char *dsec, *dkey;
		if (split_ref(label, l->lineno, key, &dsec, &dkey) < 0)
			return -1;
		add_dealbreaker(&r->dealbreakers, &r->ndealbreakers, &caps[6], dsec, dkey, l->value, l->lineno);
		free(dsec);
		free(dkey);
		return 0;
	}
	if (!strcmp(sec, "derived")) {
		GROW(r->derived, r->nderived, caps[2]);
		if (parse_derived(label, l, &r->derived[r->nderived]) < 0) {
			derived_free(&r->derived[r->nderived]);
			return -1;
		}
		r->nderived++;
		return 0;
	}
	int d = rf_domain_index(sec);
	if (d < 0 || d >= ANSWER_DOMAINS)
		return rf_error("%s:%u: unknown section [%s]", label, l->lineno, sec);
	GROW(r->rules, r->nrules, caps[0]);
	if (parse_rule(label, l, &r->rules[r->nrules]) < 0) {
		rule_free(&r->rules[r->nrules]);
		return -1;
	}
	r->nrules++;
	return 0;
}

/* After the last line: the arrays pointed into no longer move. */
static void resolve(struct rf_rules *r)
{
	for (size_t i = 0; i < r->nrules; i++) {
		struct rf_rule *rule = &r->rules[i];
		rule->path = rf_xasprintf("%s.%s", rule->section, rule->key);
		rule->domain = rf_domain_index(rule->section);
		rule->max = rf_rule_max(r, rule);
		rule->when = rf_rules_when(r, rule->section, rule->key);
		rule->derived = rf_rules_derived(r, rule->section, rule->key);
		rf_note_key_init(&rule->lookup, rule->section, rule->key);
	}
}

int rf_rules_parse(struct rf_rules *r, const char *label, const char *text, size_t len)
{
	struct rf_note note;
	size_t caps[7] = { 0 };
	memset(r, 0, sizeof(*r));
	r->label = rf_xstrdup(label);
	r->unknown = 25;
	r->vague = 400;
	r->red = 500;
	r->severity_low = 300;
	r->severity_medium = 600;
	r->severity_high = 1000;
	r->pattern_domains = 3;
	r->pattern_points = 1000;
	int ret = rf_note_parse(&note, label, text, len, 1);
	for (size_t i = 0; ret == 0 && i < note.ini.n; i++) {
		const struct rf_line *l = &note.ini.lines[i];
		if (l->kind == RF_LINE_VALUE)
			ret = parse_line(r, label, l, caps);
	}
	rf_note_free(&note);
	if (ret == 0)
		ret = check_refs(r, label);
	if (ret == 0)
		resolve(r);
	if (ret < 0)
		rf_rules_free(r);
	return ret;
}

void rf_rules_free(struct rf_rules *r)
{
	for (size_t i = 0; i < r->nwhen; i++)
		when_free(&r->when[i]);
	for (size_t i = 0; i < r->nbest_of; i++)
		best_of_free(&r->best_of[i]);
	free(r->when);
	free(r->best_of);
	dealbreakers_free(r->dealbreakers, r->ndealbreakers);
	for (size_t i = 0; i < r->nrules; i++)
		rule_free(&r->rules[i]);
	for (size_t i = 0; i < r->nphrases; i++)
		free(r->phrases[i].text);
	for (size_t i = 0; i < r->nderived; i++)
		derived_free(&r->derived[i]);
	for (size_t i = 0; i < r->ntiers; i++)
		free(r->tiers[i].name);
	free(r->rules);
	free(r->phrases);
	free(r->derived);
	free(r->tiers);
	free(r->label);
	memset(r, 0, sizeof(*r));
}

const struct rf_rule *rf_rules_find(const struct rf_rules *r, const char *section, const char *key)
{
	for (size_t i = 0; i < r->nrules; i++)
		if (!strcmp(r->rules[i].section, section) && !strcmp(r->rules[i].key, key))
			return &r->rules[i];
	return NULL;
}

const struct rf_rule_when *rf_rules_when(const struct rf_rules *r, const char *section, const char *key)
{
	for (size_t i = 0; i < r->nwhen; i++)
		if (!strcmp(r->when[i].section, section) && !strcmp(r->when[i].key, key))
			return &r->when[i];
	return NULL;
}

const struct rf_derived *rf_rules_derived(const struct rf_rules *r, const char *section, const char *key)
{
	for (size_t i = 0; i < r->nderived; i++)
		if (!strcmp(r->derived[i].section, section) && !strcmp(r->derived[i].key, key))
			return &r->derived[i];
	return NULL;
}

long rf_rule_max(const struct rf_rules *r, const struct rf_rule *rule)
{
	long max = 0;
	int has_unknown = 0, has_vague = 0;
	for (size_t i = 0; i < rule->nparts; i++) {
		const struct rf_rule_part *p = &rule->parts[i];
		if (p->points > max)
			max = p->points;
		has_unknown |= p->op == RF_MATCH_ANSWER && !strcmp(p->answer, "unknown");
		has_vague |= p->op == RF_MATCH_ANSWER && !strcmp(p->answer, "vague");
	}
	if (!has_unknown && r->unknown > max)
		max = r->unknown;
	if (!has_vague && r->vague > max)
		max = r->vague;
	return max;
}

/* [rank]: the numbers rf-rank's checks take from the applicant (the fee's
 * coverage changes by year). */
static int rank_setting(struct rf_profile *p, const char *label, const struct rf_line *l)
{
	unsigned *to = !strcmp(l->key, "fee_covered") ? &p->rank_fee_covered
		       : !strcmp(l->key, "open_questions") ? &p->rank_open_questions : NULL;
	if (!to)
		return rf_error("%s:%u: unknown setting rank.%s (rank.fee_covered or rank.open_questions)", label,
				l->lineno, l->key);
	if (!*l->value)
		return 0;
	if (rf_parse_uint(l->value, to) < 0)
		return rf_error("%s:%u: rank.%s: '%s' is not a whole number", label, l->lineno, l->key, l->value);
	return 0;
}

int rf_profile_parse(struct rf_profile *p, const char *label, const char *text, size_t len)
{
	struct rf_note note;
	size_t cap = 0;
	int ret;
	memset(p, 0, sizeof(*p));
	p->label = rf_xstrdup(label);
	for (int i = 0; i < RF_NDOMAINS; i++)
		p->weight[i] = 100;
	p->visa_needed = rf_xstrdup("none");
	p->rank_fee_covered = 20;
	p->rank_open_questions = 10;
	p->img = 1;
	ret = rf_note_parse(&note, label, text, len, 1);
	for (size_t i = 0; ret == 0 && i < note.ini.n; i++) {
		const struct rf_line *l = &note.ini.lines[i];
		if (l->kind != RF_LINE_VALUE)
			continue;
		if (!strcmp(l->section, "weights")) {
			int d = rf_domain_index(l->key);
			if (d < 0)
				ret = rf_error("%s:%u: unknown domain weights.%s", label, l->lineno, l->key);
			else if (rf_hundredths_parse(l->value, &p->weight[d]) < 0)
				ret = rf_error("%s:%u: weights.%s: '%s' is not a number like 1 or 1.5", label,
					       l->lineno, l->key, l->value);
		} else if (!strcmp(l->section, "dealbreakers")) {
			char *section, *key;
			if (split_ref(label, l->lineno, l->key, &section, &key) < 0) {
				ret = -1;
				break;
			}
			add_dealbreaker(&p->dealbreakers, &p->ndealbreakers, &cap, section, key, l->value, l->lineno);
			free(section);
			free(key);
		} else if (!strcmp(l->section, "applicant") && !strcmp(l->key, "visa_needed")) {
			char *v = rf_strlower(rf_xstrdup(*l->value ? l->value : "none"));
			if (!one_of(visa_needs, v)) {
				ret = rf_error("%s:%u: applicant.visa_needed: '%s' is not one of h1b, j1, either, none",
					       label, l->lineno, l->value);
				free(v);
				break;
			}
			free(p->visa_needed);
			p->visa_needed = v;
		} else if (!strcmp(l->section, "rank")) {
			ret = rank_setting(p, label, l);
		} else if (!strcmp(l->section, "applicant") && !strcmp(l->key, "img")) {
			if (*l->value && strcasecmp(l->value, "yes") && strcasecmp(l->value, "no")) {
				ret = rf_error("%s:%u: applicant.img: '%s' is not yes or no", label, l->lineno, l->value);
				break;
			}
			/* rf is made for IMGs: only "no" says otherwise. */
			p->img = strcasecmp(l->value, "no") != 0;
		} else if (!strcmp(l->section, "applicant") && !strcmp(l->key, "tracks_wanted")) {
			char *copy = rf_xstrdup(l->value), *save = NULL;
			for (char *tok = strtok_r(copy, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save))
				rf_strv_push(&p->tracks, rf_strlower(rf_xstrdup(tok)));
			free(copy);
		}
	}
	rf_note_free(&note);
	if (ret < 0)
		rf_profile_free(p);
	return ret;
}

void rf_profile_free(struct rf_profile *p)
{
	dealbreakers_free(p->dealbreakers, p->ndealbreakers);
	free(p->visa_needed);
	free(p->label);
	rf_strv_free(&p->tracks);
	memset(p, 0, sizeof(*p));
}

const struct rf_best_of *rf_rules_best_of(const struct rf_rules *r, const char *section, const char *key,
					  size_t *group)
{
	size_t slen = strlen(section);
	for (size_t i = 0; i < r->nbest_of; i++)
		for (size_t g = 0; g < r->best_of[i].ngroups; g++)
			for (size_t k = 0; k < r->best_of[i].groups[g].n; k++) {
				const char *ref = r->best_of[i].groups[g].v[k];
				if (!strncmp(ref, section, slen) && ref[slen] == '.' && !strcmp(ref + slen + 1, key)) {
					*group = g;
					return &r->best_of[i];
				}
			}
	return NULL;
}

int rf_profile_check(const char *label, const char *text, size_t len)
{
	struct rf_profile p;
	if (rf_profile_parse(&p, label, text, len) < 0)
		return -1;
	rf_profile_free(&p);
	return 0;
}
