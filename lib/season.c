#include "season.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "applies.h"
#include "date.h"
#include "history.h"
#include "notefile.h"
#include "noteset.h"
#include "parallel.h"
#include "revision.h"
#include "revnote.h"
#include "slug.h"
#include "trajectory.h"
#include "worktree.h"

void rf_season_domains(const struct rf_score *sc, long domain[RF_NDOMAINS], long *pattern)
{
	memset(domain, 0, RF_NDOMAINS * sizeof(*domain));
	*pattern = 0;
	for (size_t i = 0; i < sc->n; i++) {
		const struct rf_contribution *c = &sc->v[i];
		if (c->domain >= 0 && c->domain < RF_NDOMAINS)
			domain[c->domain] += c->value;
		else
			*pattern += c->value;
	}
}

static int ranked(const struct rf_ranked *r, double *rank)
{
	return *r->rank && rf_parse_number(r->rank, rank) == 0;
}

void rf_season_order(struct rf_ranking *r)
{
	rf_ranking_sort(r, NULL);
	/* Stable: the ranked ones move to the front in rank order (ties keep
	 * rf-score's order), the rest keep it. */
	for (size_t i = 1; i < r->n; i++) {
		struct rf_ranked cur = r->v[i];
		double k, kj;
		if (!ranked(&cur, &k))
			continue;
		size_t j = i;
		for (; j > 0 && (!ranked(&r->v[j - 1], &kj) || kj > k); j--)
			r->v[j] = r->v[j - 1];
		r->v[j] = cur;
	}
}

unsigned rf_season_known_pct(const struct rf_season *S)
{
	if (S->stake <= 0 || S->known >= S->stake)
		return 100;
	return (unsigned)(S->known * 100 / S->stake);
}

long rf_season_top(long max, const struct rf_rules *rules)
{
	for (size_t i = 0; i < rules->ntiers; i++)
		if (rules->tiers[i].from > max && rules->tiers[i].from >= 1000)
			return rules->tiers[i].from;
	long top = (max / 1000 + 1) * 1000;
	return top < 1000 ? 1000 : top;
}

/* ---- one program's note: name, quotes, conflicts, open questions ---- */

/* The quote line of the note that the scorer found phrase in: the first
 * [quotes] line with that key holding it. */
static const char *quote_text(const struct rf_note *note, const char *key, const char *phrase)
{
	const char *any = NULL;
	for (size_t i = 0; i < note->ini.n; i++) {
		const struct rf_line *l = &note->ini.lines[i];
		if (l->kind != RF_LINE_VALUE || strcmp(l->section, "quotes") || strcmp(l->key, key))
			continue;
		if (strcasestr(l->value, phrase))
			return l->value;
		if (!any)
			any = l->value;
	}
	return any ? any : "";
}

static void describe(struct rf_season_program *p, const struct rf_session *s, const struct rf_note *note)
{
	const char *name = rf_note_get(note, "program", "name");
	p->name = rf_xstrdup(name && *name ? name : p->r->slug);
	rf_season_domains(&p->r->score, p->domain, &p->pattern);
	for (size_t i = 0; i < p->r->score.n; i++) {
		const struct rf_contribution *c = &p->r->score.v[i];
		if (c->kind == RF_CONTRIB_VAGUE)
			p->vague++;
		if (c->kind != RF_CONTRIB_PHRASE)
			continue;
		const char *key = strncmp(c->key, "quotes.", 7) ? c->key : c->key + 7;
		p->quotes = rf_xrealloc(p->quotes, (p->nquotes + 1) * sizeof(*p->quotes));
		struct rf_season_quote *q = &p->quotes[p->nquotes++];
		q->key = rf_xstrdup(key);
		q->text = rf_xstrdup(quote_text(note, key, c->answer));
		q->phrase = rf_xstrdup(c->answer);
		q->value = c->value;
	}
	for (size_t i = 0; i < note->ini.n; i++)
		p->conflicts += note->ini.lines[i].kind == RF_LINE_VALUE && !strcmp(note->ini.lines[i].section, "conflicts");
	rf_ask_build(s->scorer, &s->t, note, &p->ask);
}

/* ---- risk over the season ---- */

/* Which program a history entry belongs to, by the name its note has at
 * that point of the walk (newest first: a rename maps the name back). */
struct name {
	char *file;
	size_t program;
};

struct names {
	struct name *v;
	size_t n;
};

static int cmp_name(const void *a, const void *b)
{
	return strcmp(((const struct name *)a)->file, ((const struct name *)b)->file);
}

static struct name *name_find(struct names *nm, const char *file)
{
	struct name key = { (char *)file, 0 };
	return bsearch(&key, nm->v, nm->n, sizeof(*nm->v), cmp_name);
}

/* The commits reachable from at, sorted, for entries newer than --at to be
 * left out. */
struct oidset {
	git_oid *v;
	size_t n;
};

static int cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

static int reachable(struct rf_store *st, const git_commit *at, struct oidset *set)
{
	git_revwalk *w = NULL;
	git_oid id;
	size_t cap = 0;
	int e;
	if (git_revwalk_new(&w, st->repo) < 0 || git_revwalk_push(w, git_commit_id(at)) < 0) {
		git_revwalk_free(w);
		return rf_git_error("history");
	}
	while ((e = git_revwalk_next(&id, w)) == 0) {
		if (set->n == cap) {
			cap = cap ? 2 * cap : 1024;
			set->v = rf_xrealloc(set->v, cap * sizeof(*set->v));
		}
		git_oid_cpy(&set->v[set->n++], &id);
	}
	git_revwalk_free(w);
	if (e != GIT_ITEROVER)
		return rf_git_error("history");
	qsort(set->v, set->n, sizeof(*set->v), cmp_oid);
	return 0;
}

/* One history entry's point, when the risk moved. */
static int add_point(struct rf_season *S, struct rf_trajectory *traj, const struct rf_history_entry *e,
		     struct rf_season_program *p)
{
	char buf[32];
	double before, after;
	int hb = rf_trajectory_risk(traj, e, 0, buf, &before), ha;
	if (hb < 0 || (ha = rf_trajectory_risk(traj, e, 1, buf, &after)) < 0)
		return -1;
	long b = hb ? lround(before * 100) : -1, a = ha ? lround(after * 100) : -1;
	if (!ha || (hb && a == b))
		return 0;
	p->points = rf_xrealloc(p->points, (p->npoints + 1) * sizeof(*p->points));
	struct rf_season_point *pt = &p->points[p->npoints++];
	memset(pt, 0, sizeof(*pt));
	pt->worktree = e->worktree;
	pt->time = e->worktree ? S->when : e->time;
	if (!e->worktree)
		git_oid_tostr(pt->id, sizeof(pt->id), &e->commit);
	pt->subject = rf_xstrdup(e->worktree ? "uncommitted changes" : e->subject);
	pt->before = b;
	pt->after = a;
	return 0;
}

/* Entries of one program, newest first, as indexes into the history. */
struct picks {
	size_t *v;
	size_t n, cap;
};

static int trajectories(struct rf_season *S, struct rf_session *s, const git_commit *at)
{
	struct rf_history h = { 0 };
	struct names nm = { rf_xcalloc(S->n ? S->n : 1, sizeof(struct name)), S->n };
	struct picks *picks = rf_xcalloc(S->n ? S->n : 1, sizeof(*picks));
	struct oidset set = { NULL, 0 };
	struct rf_trajectory *traj = NULL;
	int r = -1;
	for (size_t i = 0; i < S->n; i++) {
		nm.v[i].file = rf_notefile_name(S->v[i].r->slug);
		nm.v[i].program = i;
	}
	qsort(nm.v, nm.n, sizeof(*nm.v), cmp_name);
	/* Uncommitted changes first, as rf-log shows them: they are the newest. */
	if ((!at && rf_worktree_changes(&s->st, &s->nd, NULL, &h, NULL) < 0) ||
	    rf_history_walk(&s->st, NULL, &h) < 0 || (at && reachable(&s->st, at, &set) < 0))
		goto out;
	for (size_t i = 0; i < h.n; i++) {
		const struct rf_history_entry *e = &h.v[i];
		if (at && !bsearch(&e->commit, set.v, set.n, sizeof(*set.v), cmp_oid))
			continue;
		struct name *x = name_find(&nm, e->path);
		if (!x)
			continue;
		if (!e->worktree && e->time > S->end)
			S->end = e->time;	/* the charts reach the last change shown, risk or not */
		struct picks *pk = &picks[x->program];
		if (pk->n == pk->cap) {
			pk->cap = pk->cap ? 2 * pk->cap : 16;
			pk->v = rf_xrealloc(pk->v, pk->cap * sizeof(*pk->v));
		}
		pk->v[pk->n++] = i;
		if (e->old_path && strcmp(e->old_path, e->path) != 0) {
			/* Older entries know the note by its old name. */
			free(x->file);
			x->file = rf_xstrdup(e->old_path);
			qsort(nm.v, nm.n, sizeof(*nm.v), cmp_name);
		}
	}
	if (rf_trajectory_new(&traj, &s->st, &s->nd) < 0)
		goto out;
	for (size_t i = 0; i < S->n; i++)
		for (size_t k = picks[i].n; k-- > 0;)
			if (add_point(S, traj, &h.v[picks[i].v[k]], &S->v[i]) < 0)
				goto out;
	r = 0;
out:
	rf_trajectory_free(traj);
	for (size_t i = 0; i < S->n; i++) {
		free(nm.v[i].file);
		free(picks[i].v);
	}
	free(nm.v);
	free(picks);
	free(set.v);
	rf_history_free(&h);
	return r;
}

/* ---- the season ---- */

/* The slugs to show.  At a past revision a note may be gone today, so a
 * valid slug is taken as given (as rf-score does). */
static int programs(struct rf_session *s, const git_commit *at, const struct rf_season_opts *o,
		    struct rf_strv *slugs)
{
	for (int i = 0; i < o->nprograms; i++) {
		if (at && rf_slug_valid(o->programs[i]))
			rf_strv_push(slugs, rf_xstrdup(o->programs[i]));
		else if (rf_session_resolve(s, &o->programs[i], 1, slugs) < 0)
			return -1;
	}
	return 0;
}

struct describe_job {
	struct rf_season_program *v;
	const struct rf_revnote *const *notes;
	const struct rf_session *s;
	size_t lo, hi;
};

static void *describe_run(void *arg)
{
	const struct describe_job *j = arg;
	for (size_t i = j->lo; i < j->hi; i++)
		describe(&j->v[i], j->s, &j->notes[i]->note);
	return NULL;
}

static int notes(struct rf_season *S, struct rf_session *s, struct rf_noteset *ns)
{
	S->v = rf_xcalloc(S->ranking.n ? S->ranking.n : 1, sizeof(*S->v));
	const struct rf_revnote **rns = rf_xmalloc((S->ranking.n ? S->ranking.n : 1) * sizeof(*rns));
	int e = 0;
	for (size_t i = 0; e == 0 && i < S->ranking.n; i++) {
		struct rf_season_program *p = &S->v[S->n++];
		p->r = &S->ranking.v[i];
		snprintf(p->id, sizeof(p->id), "p%zu", i + 1);
		char *file = rf_notefile_name(p->r->slug);
		e = rf_noteset_get(ns, file, &rns[i]);
		if (e == 0 && (rns[i]->missing || rns[i]->broken))
			e = rns[i]->broken ? rf_note_report(&rns[i]->note) : rf_error("%s: gone while reading", file);
		free(file);
	}
	/* The programs described on threads: their questions and quotes are
	 * looked up rule by rule. */
	if (e == 0) {
		size_t nthreads = rf_parallel_threads(S->n, 16);
		struct describe_job jobs[RF_PARALLEL_MAX];
		for (size_t k = 0; k < nthreads; k++)
			jobs[k] = (struct describe_job){ S->v, rns, s, S->n * k / nthreads, S->n * (k + 1) / nthreads };
		rf_parallel_run(describe_run, jobs, sizeof(*jobs), nthreads);
	}
	free(rns);
	return e;
}

static void summary(struct rf_season *S, const struct rf_scorer *sc)
{
	const struct rf_rules *rules = &sc->rules;
	for (size_t i = 0; i < rules->nrules; i++)
		S->questions += !rf_rules_derived(rules, rules->rules[i].section, rules->rules[i].key) &&
				rf_applies_rule(rules, &sc->profile, rules->rules[i].section, rules->rules[i].key);
	S->tiers = rf_xcalloc(rules->ntiers ? rules->ntiers : 1, sizeof(*S->tiers));
	S->start = S->when;
	if (S->end < S->when)
		S->end = S->when;
	long max = 0;
	for (size_t i = 0; i < S->n; i++) {
		const struct rf_season_program *p = &S->v[i];
		const struct rf_score *score = &p->r->score;
		for (size_t t = 0; t < rules->ntiers; t++)
			S->tiers[t] += score->tier == rules->tiers[t].name;
		S->patterns += score->pattern != 0;
		S->dealbreakers += score->dealbreaker != NULL;
		S->conflicts += p->conflicts;
		S->asked += S->questions;
		S->unknown += score->unknowns;
		S->vague += p->vague;
		S->stake += score->stake;
		S->known += score->known;
		if (score->risk > max)
			max = score->risk;
		for (size_t k = 0; k < p->npoints; k++) {
			if (p->points[k].time < S->start)
				S->start = p->points[k].time;
			if (p->points[k].time > S->end)
				S->end = p->points[k].time;
			if (p->points[k].after > max)
				max = p->points[k].after;
		}
	}
	S->top = rf_season_top(max, rules);
}

/* The rank list as every command sees it (rf_ranklist_load).  A list file
 * that does not parse has been reported by the ranking already, which
 * kept the scores without ranks: the page keeps its problem to show in
 * place of the list instead of reporting it twice. */
static int ranks(struct rf_season *S, struct rf_session *s, const git_commit *at, struct rf_noteset *ns)
{
	struct rf_buf text = RF_BUF_INIT;
	char *label;
	int missing = 0, r;
	if (at) {
		char id[8];
		git_oid_tostr(id, sizeof(id), git_commit_id(at));
		label = rf_xasprintf("%s@%s", RF_NOTEFILE_RANKS, id);
		r = rf_store_read(&s->st, at, RF_NOTEFILE_RANKS, &text, &missing);
	} else {
		label = rf_xstrdup(RF_NOTEFILE_RANKS);
		r = rf_notesdir_read(&s->nd, RF_NOTEFILE_RANKS, &text, &missing);
	}
	if (r == 0 && missing)
		r = rf_ranklist_load_notes(&S->ranks, ns);
	else if (r == 0 && rf_ranklist_try_parse(&S->ranks, label, text.buf ? text.buf : "", text.len,
					       &S->ranks_problem, &(unsigned){ 0 }) < 0)
		rf_ranklist_free(&S->ranks);
	free(label);
	rf_buf_free(&text);
	return r;
}

int rf_season_build(struct rf_season *S, struct rf_session *s, const struct rf_season_opts *o)
{
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_noteset ns = { 0 };
	git_commit *at = NULL;
	int r = -1;
	memset(S, 0, sizeof(*S));
	if (rf_session_open(s, RF_SESSION_READ | RF_SESSION_SCORER | RF_SESSION_TEMPLATE) < 0 ||
	    (o->at && rf_revision_resolve(&s->st, o->at, &at) < 0) || programs(s, at, o, &slugs) < 0)
		goto out;
	S->rules = &s->scorer->rules;
	if (at) {
		const git_signature *a = git_commit_author(at);
		S->when = a->when.time;
		S->offset = a->when.offset;
		git_oid_tostr(S->at, sizeof(S->at), git_commit_id(at));
	} else {
		struct rf_when now;
		if (rf_date_now(&now) < 0)
			goto out;
		S->when = now.time;
		S->offset = now.offset;
	}
	/* A note that does not parse is reported by the ranking; a page without
	 * it would look whole, so there is no page (rf-report.1). */
	/* The heat map and the contributions need every score whole: the
	 * score cache keeps them without (ranking.h).  The ranking, the rank
	 * list, its check and the programs' descriptions read each note once,
	 * through ns. */
	rf_noteset_init(&ns, &s->nd, &s->st, at);
	if (rf_ranking_build_notes(&S->ranking, s->scorer, &ns, &slugs) < 0 || S->ranking.nbroken)
		goto out;
	rf_season_order(&S->ranking);
	if (ranks(S, s, at, &ns) < 0 ||
	    (!S->ranks_problem && rf_rankcheck_run_notes(&S->check, &S->ranks, s->scorer, &s->t, &ns) < 0))
		goto out;
	S->end = S->when;
	if (notes(S, s, &ns) < 0 || trajectories(S, s, at) < 0)
		goto out;
	summary(S, s->scorer);
	r = 0;
out:
	rf_noteset_free(&ns);
	git_commit_free(at);
	rf_strv_free(&slugs);
	return r;
}

void rf_season_free(struct rf_season *S)
{
	for (size_t i = 0; i < S->n; i++) {
		struct rf_season_program *p = &S->v[i];
		free(p->name);
		for (size_t k = 0; k < p->nquotes; k++) {
			free(p->quotes[k].key);
			free(p->quotes[k].text);
			free(p->quotes[k].phrase);
		}
		free(p->quotes);
		rf_ask_free(&p->ask);
		for (size_t k = 0; k < p->npoints; k++)
			free(p->points[k].subject);
		free(p->points);
	}
	free(S->v);
	free(S->tiers);
	rf_ranking_free(&S->ranking);
	rf_rankcheck_free(&S->check);
	rf_ranklist_free(&S->ranks);
	free(S->ranks_problem);
	memset(S, 0, sizeof(*S));
}
