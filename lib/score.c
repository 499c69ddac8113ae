#include "score.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "applies.h"
#include "cachefile.h"
#include "template.h"

static int load_file(const struct rf_notesdir *nd, const char *name, struct rf_buf *text, char **label)
{
	int missing = 1;
	if (nd && rf_notesdir_read(nd, name, text, &missing) < 0)
		return -1;
	if (!missing) {
		*label = rf_xstrdup(name);
		return 0;
	}
	*label = rf_share_path(name);
	if (!*label)
		return -1;
	return rf_read_file(*label, text);
}

int rf_scorer_load(struct rf_scorer **out, const struct rf_notesdir *nd)
{
	struct rf_scorer *s = rf_xcalloc(1, sizeof(*s));
	struct rf_buf text = RF_BUF_INIT, both = RF_BUF_INIT;
	char *label = NULL;
	int r = -1;
	if (load_file(nd, "rules.ini", &text, &label) < 0 ||
	    rf_rules_parse(&s->rules, label, text.buf, text.len) < 0)
		goto out;
	rf_buf_add(&both, label, strlen(label) + 1);
	rf_buf_add(&both, text.buf, text.len);
	free(label);
	label = NULL;
	if (load_file(nd, "profile.ini", &text, &label) < 0 ||
	    rf_profile_parse(&s->profile, label, text.buf, text.len) < 0) {
		rf_rules_free(&s->rules);
		goto out;
	}
	rf_buf_add(&both, "", 1);
	rf_buf_add(&both, label, strlen(label) + 1);
	rf_buf_add(&both, text.buf, text.len);
	s->key = rf_cachefile_checksum(both.buf, both.len);
	r = 0;
out:
	free(label);
	rf_buf_free(&text);
	rf_buf_free(&both);
	if (r < 0)
		free(s);
	else
		*out = s;
	return r;
}

void rf_scorer_free(struct rf_scorer *s)
{
	if (!s)
		return;
	rf_rules_free(&s->rules);
	rf_profile_free(&s->profile);
	free(s);
}

static void add(struct rf_score *sc, size_t *cap, const struct rf_scorer *s, enum rf_contrib_kind kind,
		int domain, const char *key, const char *answer, const char *rule, long points)
{
	if (points <= 0)
		return;
	if (sc->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		sc->v = rf_xrealloc(sc->v, *cap * sizeof(*sc->v));
	}
	struct rf_contribution *c = &sc->v[sc->n++];
	c->kind = kind;
	c->domain = domain;
	c->key = rf_xstrdup(key);
	c->answer = rf_xstrdup(answer);
	c->rule = rf_xstrdup(rule);
	c->points = points;
	c->weight = domain >= 0 ? s->profile.weight[domain] : 100;
	/* Round each contribution once, so the shown values sum to the risk. */
	c->value = (points * c->weight + 50) / 100;
	c->outweighed = NULL;
	sc->risk += c->value;
}

/* The value rules see for section.key: typed, or derived from others. */
static char *answer_of(const struct rf_note *note, const struct rf_rule *rule)
{
	const struct rf_derived *d = rule->derived;
	if (!d) {
		const char *v = rf_note_get_key(note, &rule->lookup);
		return rf_strstrip(rf_xstrdup(v ? v : ""));
	}
	const char *a = rf_note_get(note, d->num_section, d->num_key);
	const char *b = rf_note_get(note, d->den_section, d->den_key);
	double x, y;
	if (!a || !b || rf_parse_number(a, &x) < 0 || rf_parse_number(b, &y) < 0 || y <= 0)
		return rf_xstrdup("");
	return rf_xasprintf("%.0f", floor(x / y));
}

static int part_matches(const struct rf_rule_part *p, const char *answer, int is_number, double num)
{
	switch (p->op) {
	case RF_MATCH_ANSWER: return !strcasecmp(p->answer, answer);
	case RF_MATCH_LT: return is_number && num < p->number;
	case RF_MATCH_LE: return is_number && num <= p->number;
	case RF_MATCH_GT: return is_number && num > p->number;
	case RF_MATCH_GE: return is_number && num >= p->number;
	}
	return 0;
}

static void score_rule(const struct rf_scorer *s, const struct rf_note *note, const struct rf_rule *rule,
		       struct rf_score *sc, size_t *cap)
{
	int domain = rule->domain;
	char *answer = answer_of(note, rule);
	double num = 0;
	int is_number = rf_parse_number(answer, &num) == 0;
	int unknown = !*answer || !strcasecmp(answer, "unknown");
	int vague = !strcasecmp(answer, "vague");
	const char *shown = unknown ? "unknown" : answer;
	const struct rf_rule_part *hit = NULL;
	for (size_t i = 0; i < rule->nparts && !hit; i++)
		if (part_matches(&rule->parts[i], shown, is_number, num))
			hit = &rule->parts[i];
	/* A derived value is not a question: its inputs are counted instead. */
	if (unknown && !rule->derived)
		sc->unknowns++;
	long stake = (rule->max * s->profile.weight[domain] + 50) / 100;
	sc->stake += stake;
	if (!unknown && !vague)
		sc->known += stake;
	if (hit) {
		enum rf_contrib_kind kind = unknown ? RF_CONTRIB_UNKNOWN : vague ? RF_CONTRIB_VAGUE : RF_CONTRIB_ANSWER;
		add(sc, cap, s, kind, domain, rule->path, shown, hit->text, hit->points);
	} else if (unknown) {
		add(sc, cap, s, RF_CONTRIB_UNKNOWN, domain, rule->path, shown, "default unknown", s->rules.unknown);
	} else if (vague) {
		add(sc, cap, s, RF_CONTRIB_VAGUE, domain, rule->path, shown, "default vague", s->rules.vague);
	}
	free(answer);
}

/* Lowercase, with typographic apostrophes made plain, for phrase search. */
static char *fold(const char *s)
{
	struct rf_buf b = RF_BUF_INIT;
	for (const char *p = s; *p; p++) {
		if (!strncmp(p, "\xE2\x80\x99", 3) || !strncmp(p, "\xE2\x80\x98", 3)) {
			rf_buf_addc(&b, '\'');
			p += 2;
		} else {
			rf_buf_addc(&b, (char)(*p >= 'A' && *p <= 'Z' ? *p - 'A' + 'a' : *p));
		}
	}
	return rf_buf_detach(&b);
}

/* Each quote folded once, then searched for every phrase: the
 * contributions come phrase by phrase, each at its first quote. */
static void score_quotes(const struct rf_scorer *s, const struct rf_note *note, struct rf_score *sc, size_t *cap)
{
	int domain = rf_domain_index("quotes");
	const struct rf_line **quote = rf_xmalloc((note->ini.n ? note->ini.n : 1) * sizeof(*quote));
	char **said = rf_xmalloc((note->ini.n ? note->ini.n : 1) * sizeof(*said));
	size_t n = 0;
	for (size_t i = 0; i < note->ini.n; i++) {
		const struct rf_line *l = &note->ini.lines[i];
		if (l->kind == RF_LINE_VALUE && !strcmp(l->section, "quotes")) {
			quote[n] = l;
			said[n++] = fold(l->value);
		}
	}
	for (size_t k = 0; n && k < s->rules.nphrases; k++) {
		const struct rf_phrase *ph = &s->rules.phrases[k];
		if (!rf_applies_rule(&s->rules, &s->profile, "quotes", ph->text))
			continue;
		for (size_t i = 0; i < n; i++) {
			if (!strstr(said[i], ph->text))
				continue;
			char *key = rf_xasprintf("quotes.%s", quote[i]->key);
			char *rule = rf_xasprintf("\"%s\"", ph->text);
			add(sc, cap, s, RF_CONTRIB_PHRASE, domain, key, ph->text, rule, ph->points);
			free(key);
			free(rule);
			break;	/* a phrase counts once per program */
		}
	}
	for (size_t i = 0; i < n; i++)
		free(said[i]);
	free(said);
	free(quote);
}

static long severity_points(const struct rf_rules *r, const char *value, const char **rule)
{
	char *word = rf_strlower(rf_xstrndup(value, strcspn(value, " \t;#")));
	unsigned n;
	long pts = r->severity_medium;
	*rule = "medium";
	if (!strcmp(word, "low"))
		pts = r->severity_low, *rule = "low";
	else if (!strcmp(word, "high"))
		pts = r->severity_high, *rule = "high";
	else if (rf_parse_uint(word, &n) == 0 && n >= 1 && n <= 10)
		pts = (long)n * 100, *rule = "1-10";
	free(word);
	return pts;
}

static void score_flags(const struct rf_scorer *s, const struct rf_note *note, struct rf_score *sc, size_t *cap)
{
	int domain = rf_domain_index("red_flags");
	for (size_t i = 0; i < note->ini.n; i++) {
		const struct rf_line *l = &note->ini.lines[i];
		if (l->kind != RF_LINE_VALUE)
			continue;
		if (!strcmp(l->section, "green_flags")) {
			sc->green++;
		} else if (!strcmp(l->section, "red_flags")) {
			const char *rule;
			long pts = severity_points(&s->rules, l->value, &rule);
			char *key = rf_xasprintf("red_flags.%s", l->key);
			add(sc, cap, s, RF_CONTRIB_FLAG, domain, key, l->value, rule, pts);
			free(key);
		}
	}
}

/* [best_of]: when two groups or more count, only the one with the fewest
 * points does (the first on a tie); the others' contributions stay, for
 * --explain, at 0. */
static void apply_best_of(const struct rf_scorer *s, struct rf_score *sc)
{
	for (size_t i = 0; i < s->rules.nbest_of; i++) {
		const struct rf_best_of *b = &s->rules.best_of[i];
		if (rf_applies_groups(&s->rules, &s->profile, b) < 2)
			continue;
		long best = -1;
		size_t winner = 0;
		for (size_t g = 0; g < b->ngroups; g++) {
			long sum = 0;
			if (!rf_applies_group(&s->rules, &s->profile, b, g))
				continue;	/* adds nothing, and is no alternative */
			for (size_t k = 0; k < sc->n; k++)
				if (rf_strv_contains(&b->groups[g], sc->v[k].key))
					sum += sc->v[k].value;
			if (best < 0 || sum < best)
				best = sum, winner = g;
		}
		for (size_t k = 0; k < sc->n; k++) {
			struct rf_contribution *c = &sc->v[k];
			for (size_t g = 0; g < b->ngroups; g++)
				if (g != winner && rf_strv_contains(&b->groups[g], c->key)) {
					sc->risk -= c->value;
					c->value = 0;
					free(c->outweighed);
					c->outweighed = rf_xstrdup(b->name);
				}
		}
	}
}

/* Red answers and phrases flag their domain, any red flag its own; a vague
 * answer marks its domain for the pattern. */
static void flag_domains(const struct rf_scorer *s, struct rf_score *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		const struct rf_contribution *c = &sc->v[i];
		if (c->outweighed || c->domain < 0)
			continue;
		if (((c->kind == RF_CONTRIB_ANSWER || c->kind == RF_CONTRIB_PHRASE) && c->points >= s->rules.red) ||
		    c->kind == RF_CONTRIB_FLAG)
			sc->flagged |= 1u << c->domain;
		if (c->kind == RF_CONTRIB_VAGUE)
			sc->vague |= 1u << c->domain;
	}
}

static unsigned popcount(unsigned bits)
{
	unsigned n = 0;
	for (; bits; bits >>= 1)
		n += bits & 1u;
	return n;
}

static int matches(const struct rf_note *note, const struct rf_dealbreaker *d, char **answer)
{
	const char *v = rf_note_get(note, d->section, d->key);
	if (!v)
		return 0;
	char *lv = rf_strlower(rf_strstrip(rf_xstrdup(v)));
	int hit = *lv && rf_strv_contains(&d->answers, lv);
	if (hit)
		*answer = lv;
	else
		free(lv);
	return hit;
}

/* rules.ini's deal-breakers on rules that count for the applicant; one in
 * a [best_of] whose other groups count too needs a hit in every group
 * ("either" visa: neither is sponsored). */
static char *rules_dealbreaker(const struct rf_scorer *s, const struct rf_note *note)
{
	const struct rf_rules *r = &s->rules;
	char **hit = rf_xcalloc(r->ndealbreakers + 1, sizeof(*hit));
	char *found = NULL;
	for (size_t i = 0; i < r->ndealbreakers; i++)
		if (rf_applies_rule(r, &s->profile, r->dealbreakers[i].section, r->dealbreakers[i].key))
			matches(note, &r->dealbreakers[i], &hit[i]);
	for (size_t i = 0; i < r->ndealbreakers && !found; i++) {
		const struct rf_dealbreaker *d = &r->dealbreakers[i];
		size_t g;
		const struct rf_best_of *b = hit[i] ? rf_rules_best_of(r, d->section, d->key, &g) : NULL;
		if (!hit[i])
			continue;
		if (!b || rf_applies_groups(r, &s->profile, b) < 2) {
			found = rf_xasprintf("%s.%s = %s", d->section, d->key, hit[i]);
			continue;
		}
		/* Every group of b that counts must have a hit: list them. */
		struct rf_buf all = RF_BUF_INIT;
		size_t groups = 0;
		for (size_t h = 0; h < b->ngroups; h++) {
			int here = 0;
			for (size_t j = 0; j < r->ndealbreakers && !here; j++) {
				size_t gj;
				if (hit[j] && rf_rules_best_of(r, r->dealbreakers[j].section, r->dealbreakers[j].key, &gj) == b &&
				    gj == h) {
					rf_buf_addf(&all, "%s%s.%s = %s", all.len ? ", " : "", r->dealbreakers[j].section,
						    r->dealbreakers[j].key, hit[j]);
					here = 1;
				}
			}
			groups += here;
		}
		if (groups >= rf_applies_groups(r, &s->profile, b))
			found = rf_buf_detach(&all);
		rf_buf_free(&all);
	}
	for (size_t i = 0; i < r->ndealbreakers; i++)
		free(hit[i]);
	free(hit);
	return found;
}

static void find_dealbreaker(const struct rf_scorer *s, const struct rf_note *note, struct rf_score *sc)
{
	sc->dealbreaker = rules_dealbreaker(s, note);
	for (size_t i = 0; i < s->profile.ndealbreakers && !sc->dealbreaker; i++) {
		char *answer;
		const struct rf_dealbreaker *d = &s->profile.dealbreakers[i];
		if (matches(note, d, &answer)) {
			sc->dealbreaker = rf_xasprintf("%s.%s = %s", d->section, d->key, answer);
			free(answer);
		}
	}
	const char *track = rf_note_get(note, "program", "track");
	if (!sc->dealbreaker && track && *track && s->profile.tracks.n) {
		char *lt = rf_strlower(rf_xstrdup(track));
		if (!rf_strv_contains(&s->profile.tracks, lt))
			sc->dealbreaker = rf_xasprintf("program.track = %s (not in tracks_wanted)", lt);
		free(lt);
	}
}

void rf_score_note(const struct rf_scorer *s, const struct rf_note *note, struct rf_score *sc)
{
	size_t cap = 0;
	memset(sc, 0, sizeof(*sc));
	for (size_t i = 0; i < s->rules.nrules; i++)
		if (rf_applies_when(s->rules.rules[i].when, &s->profile))
			score_rule(s, note, &s->rules.rules[i], sc, &cap);
	apply_best_of(s, sc);
	score_quotes(s, note, sc, &cap);
	score_flags(s, note, sc, &cap);
	flag_domains(s, sc);
	sc->nflagged = popcount(sc->flagged);
	/* With pattern.vague a dodged domain counts like a red one (rules.ini
	 * quotes the sentence), so turning a vague answer red never lowers it. */
	unsigned issues = sc->flagged | (s->rules.pattern_vague ? sc->vague : 0u);
	unsigned nissues = popcount(issues);
	if (s->rules.pattern_domains && nissues >= s->rules.pattern_domains) {
		unsigned dodged = popcount(issues & ~sc->flagged);
		char *answer = dodged ? rf_xasprintf("%u domains (%u vague)", nissues, dodged)
				      : rf_xasprintf("%u domains", nissues);
		char *rule = rf_xasprintf(">=%u domains", s->rules.pattern_domains);
		sc->pattern = 1;
		add(sc, &cap, s, RF_CONTRIB_PATTERN, -1, "pattern", answer, rule, s->rules.pattern_points);
		free(rule);
		free(answer);
	}
	find_dealbreaker(s, note, sc);
	sc->tier = s->rules.ntiers ? s->rules.tiers[0].name : "";
	for (size_t i = 0; i < s->rules.ntiers; i++)
		if (sc->risk >= s->rules.tiers[i].from)
			sc->tier = s->rules.tiers[i].name;
}

void rf_score_free(struct rf_score *sc)
{
	for (size_t i = 0; i < sc->n; i++) {
		free(sc->v[i].key);
		free(sc->v[i].answer);
		free(sc->v[i].rule);
		free(sc->v[i].outweighed);
	}
	free(sc->v);
	free(sc->dealbreaker);
	memset(sc, 0, sizeof(*sc));
}

int rf_scorer_risk(const struct rf_scorer *s, const struct rf_note *note, double *risk)
{
	if (!note->dict)
		return -1;
	struct rf_score sc;
	rf_score_note(s, note, &sc);
	*risk = (double)sc.risk / 100.0;
	rf_score_free(&sc);
	return 0;
}

void rf_risk_format(double risk, char buf[32])
{
	rf_hundredths_format(lround(risk * 100.0), buf);
}

char *rf_score_flagged_list(const struct rf_score *sc)
{
	struct rf_buf b = RF_BUF_INIT;
	for (int d = 0; d < RF_NDOMAINS; d++)
		if ((sc->flagged >> d) & 1u) {
			if (b.len)
				rf_buf_addc(&b, ',');
			rf_buf_adds(&b, rf_domains[d]);
		}
	return rf_buf_detach(&b);
}

unsigned rf_score_known_pct(const struct rf_score *sc)
{
	if (sc->stake <= 0)
		return 100;
	return (unsigned)(sc->known * 100 / sc->stake);
}
