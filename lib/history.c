#include "history.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notefile.h"
#include "util.h"

/* git's rename threshold: half the lines in common. */
#define RENAME_MIN_SIMILARITY 50
/* Root trees kept loaded: a commit's tree is first needed as its child's
 * parent tree, then as its own; a few slots cover branches and merges. */
#define TREE_CACHE 16
/* Long histories read their root trees on several threads first: libgit2
 * re-applies a tree's whole delta chain on every read, so reading trees is
 * nearly all of the time, and each thread has its own repository handle. */
#define PREFETCH_MIN_COMMITS 256
#define PREFETCH_MAX_THREADS 8

void rf_history_free(struct rf_history *h)
{
	for (size_t i = 0; i < h->n; i++) {
		free(h->v[i].path);
		free(h->v[i].old_path);
		free(h->v[i].subject);
	}
	free(h->v);
	memset(h, 0, sizeof(*h));
}

static struct rf_history_entry *push_entry(struct rf_history *h)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->v = rf_xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	struct rf_history_entry *e = &h->v[h->n++];
	memset(e, 0, sizeof(*e));
	return e;
}

/* ---- similarity ---- */

struct span {
	const char *p;
	size_t n;
};

static int cmp_span(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;
	size_t n = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->p, b->p, n);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

static size_t split_lines(const char *s, size_t len, struct span **out)
{
	size_t n = 0, cap = 0, pos = 0;
	*out = NULL;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (s + pos)) : len - pos;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = rf_xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[n].p = s + pos;
		(*out)[n++].n = l;
		pos += l + 1;
	}
	if (n)
		qsort(*out, n, sizeof(**out), cmp_span);
	return n;
}

int rf_history_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && (alen == 0 || !memcmp(a, b, alen)))
		return 100;
	struct span *la, *lb;
	size_t na = split_lines(a, alen, &la), nb = split_lines(b, blen, &lb), common = 0;
	for (size_t i = 0, j = 0; i < na && j < nb;) {
		int c = cmp_span(&la[i], &lb[j]);
		if (c == 0) {
			common++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	free(la);
	free(lb);
	return na + nb ? (int)(200 * common / (na + nb)) : 100;
}

/* ---- trees ---- */

/* One commit's tree and the followed note's entry in it, read ahead. */
struct pre {
	git_oid commit, tree, entry;
	int have;	/* the note is in the tree */
	int ok;		/* read (else look it up the slow way) */
};

struct walk {
	struct rf_store *st;
	git_repository *repo;
	struct pre *pre;	/* sorted by commit, or NULL */
	size_t npre;
	const char *pre_name;	/* the name the entries are for */
	struct {
		git_oid id;
		git_tree *tree;
		unsigned long used;
	} cache[TREE_CACHE];
	unsigned long clock;
};

static void walk_free(struct walk *w)
{
	free(w->pre);
	for (size_t i = 0; i < TREE_CACHE; i++)
		git_tree_free(w->cache[i].tree);
}

/* The tree with id, lent by the cache until TREE_CACHE more are loaded. */
static git_tree *tree_get(struct walk *w, const git_oid *id)
{
	size_t victim = 0;
	for (size_t i = 0; i < TREE_CACHE; i++) {
		if (w->cache[i].tree && git_oid_equal(&w->cache[i].id, id)) {
			w->cache[i].used = ++w->clock;
			return w->cache[i].tree;
		}
		if (!w->cache[i].tree || (w->cache[victim].tree && w->cache[i].used < w->cache[victim].used))
			victim = i;
	}
	git_tree *t;
	if (git_tree_lookup(&t, w->repo, id) < 0) {
		rf_git_error("tree");
		return NULL;
	}
	git_tree_free(w->cache[victim].tree);
	git_oid_cpy(&w->cache[victim].id, id);
	w->cache[victim].tree = t;
	w->cache[victim].used = ++w->clock;
	return t;
}

/* The blob id of a top-level note in tree; 0 when absent. */
static int entry_id(const git_tree *t, const char *name, git_oid *out)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, name) : NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	git_oid_cpy(out, git_tree_entry_id(e));
	return 1;
}

static int cmp_pre(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct pre *)a)->commit, &((const struct pre *)b)->commit);
}

static const struct pre *pre_find(const struct walk *w, const git_oid *commit)
{
	struct pre key;
	if (!w->pre)
		return NULL;
	git_oid_cpy(&key.commit, commit);
	const struct pre *p = bsearch(&key, w->pre, w->npre, sizeof(*w->pre), cmp_pre);
	return p && p->ok ? p : NULL;
}

static int commit_tree(struct walk *w, const git_oid *commit, git_oid *tree_id);

/* The entry of name in a commit's tree: 1 and *out, 0 when absent, -1 on
 * error; *tree_id gets the commit's tree. */
static int lookup_entry(struct walk *w, const git_oid *commit, const char *name, git_oid *tree_id, git_oid *out)
{
	const struct pre *p = pre_find(w, commit);
	if (p && !strcmp(name, w->pre_name)) {
		git_oid_cpy(tree_id, &p->tree);
		if (p->have)
			git_oid_cpy(out, &p->entry);
		return p->have;
	}
	if (p)
		git_oid_cpy(tree_id, &p->tree);
	else if (commit_tree(w, commit, tree_id) < 0)
		return -1;
	git_tree *t = tree_get(w, tree_id);
	return t ? entry_id(t, name, out) : -1;
}

struct prefetch_job {
	const char *gitdir, *name;
	struct pre *v;
	size_t lo, hi;
};

static void *prefetch_run(void *arg)
{
	struct prefetch_job *j = arg;
	git_repository *repo = NULL;
	git_oid last_tree;
	int last_have = 0, have_last = 0;
	git_oid last_entry;
	if (git_repository_open(&repo, j->gitdir) < 0)
		return NULL;
	for (size_t i = j->lo; i < j->hi; i++) {
		struct pre *p = &j->v[i];
		git_commit *c = NULL;
		git_tree *t = NULL;
		if (git_commit_lookup(&c, repo, &p->commit) < 0)
			continue;
		git_oid_cpy(&p->tree, git_commit_tree_id(c));
		git_commit_free(c);
		if (have_last && git_oid_equal(&p->tree, &last_tree)) {
			p->have = last_have;
			p->entry = last_entry;
			p->ok = 1;
			continue;
		}
		if (git_tree_lookup(&t, repo, &p->tree) < 0)
			continue;
		p->have = entry_id(t, j->name, &p->entry);
		p->ok = 1;
		git_tree_free(t);
		last_tree = p->tree;
		last_have = p->have;
		last_entry = p->entry;
		have_last = 1;
	}
	git_repository_free(repo);
	return NULL;
}

/* Read the entries of name for commits (in walk order, so each thread gets
 * a stretch of neighbouring history) on several threads; w->pre is then
 * sorted for lookups.  A thread that fails leaves its commits to the slow
 * path, so this never changes the result. */
static void prefetch(struct walk *w, const char *gitdir, const char *name, const git_oid *commits, size_t n)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t nthreads = cpus < 1 ? 1 : cpus > PREFETCH_MAX_THREADS ? PREFETCH_MAX_THREADS : (size_t)cpus;
	if (n < PREFETCH_MIN_COMMITS)
		return;
	w->pre = rf_xcalloc(n, sizeof(*w->pre));
	w->npre = n;
	w->pre_name = name;
	for (size_t i = 0; i < n; i++)
		git_oid_cpy(&w->pre[i].commit, &commits[i]);
	struct prefetch_job jobs[PREFETCH_MAX_THREADS];
	pthread_t tids[PREFETCH_MAX_THREADS];
	int started[PREFETCH_MAX_THREADS] = { 0 };
	for (size_t k = 0; k < nthreads; k++) {
		jobs[k] = (struct prefetch_job){ gitdir, name, w->pre, n * k / nthreads, n * (k + 1) / nthreads };
		started[k] = k > 0 && pthread_create(&tids[k], NULL, prefetch_run, &jobs[k]) == 0;
	}
	prefetch_run(&jobs[0]);
	for (size_t k = 1; k < nthreads; k++) {
		if (started[k])
			pthread_join(tids[k], NULL);
		else
			prefetch_run(&jobs[k]);
	}
	qsort(w->pre, n, sizeof(*w->pre), cmp_pre);
}

/* ---- renames ---- */

/* A note that appeared (added) or disappeared (gone) between two states. */
struct cand {
	const char *name;
	git_oid id;
	struct rf_buf text;
	int have_text;	/* text holds the content (work-tree files are not blobs) */
	int taken;
};

static int cand_text(struct rf_store *st, struct cand *c)
{
	if (!c->have_text && rf_store_blob(st, &c->id, "blob", &c->text) < 0)
		return -1;
	c->have_text = 1;
	return 0;
}

/* Index in gone of the note that became added: the same blob, else the
 * most similar at or above the threshold; -1 when none, -2 on error. */
static long rename_source(struct rf_store *st, struct cand *added, struct cand *gone, size_t ngone)
{
	for (size_t i = 0; i < ngone; i++)
		if (!gone[i].taken && git_oid_equal(&gone[i].id, &added->id))
			return (long)i;
	long best = -1;
	int best_score = RENAME_MIN_SIMILARITY - 1;
	for (size_t i = 0; i < ngone; i++) {
		if (gone[i].taken)
			continue;
		if (cand_text(st, added) < 0 || cand_text(st, &gone[i]) < 0)
			return -2;
		int s = rf_history_similarity(gone[i].text.buf, gone[i].text.len, added->text.buf, added->text.len);
		if (s > best_score) {
			best_score = s;
			best = (long)i;
		}
	}
	return best;
}

static void cands_free(struct cand *v, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rf_buf_free(&v[i].text);
	free(v);
}

/* ---- one path ---- */

/* Names to follow for commits not yet visited (set by their children). */
struct frontier {
	struct {
		git_oid id;
		const char *name;
	} *v;
	size_t n, cap;
};

static const char *frontier_take(struct frontier *f, const git_oid *id)
{
	for (size_t i = 0; i < f->n; i++)
		if (git_oid_equal(&f->v[i].id, id)) {
			const char *name = f->v[i].name;
			f->v[i] = f->v[--f->n];
			return name;
		}
	return NULL;
}

static void frontier_put(struct frontier *f, const git_oid *id, const char *name)
{
	for (size_t i = 0; i < f->n; i++)
		if (git_oid_equal(&f->v[i].id, id))
			return;	/* the first child to get there decides */
	if (f->n == f->cap) {
		f->cap = f->cap ? 2 * f->cap : 16;
		f->v = rf_xrealloc(f->v, f->cap * sizeof(*f->v));
	}
	git_oid_cpy(&f->v[f->n].id, id);
	f->v[f->n++].name = name;
}

static void fill_commit(struct rf_history_entry *e, const git_commit *c)
{
	const git_signature *a = git_commit_author(c);
	git_oid_cpy(&e->commit, git_commit_id(c));
	e->time = a->when.time;
	e->offset = a->when.offset;
	const char *s = git_commit_summary((git_commit *)c);
	e->subject = rf_xstrdup(s ? s : "");
	e->merge = git_commit_parentcount(c) > 1;
}

/* The name note had in parent tree p when it appeared as name in tree t. */
static int find_rename(struct walk *w, const git_tree *t, const git_tree *p, const char *name, const git_oid *id,
		       char **from, git_oid *from_id)
{
	struct cand added = { name, *id, RF_BUF_INIT, 0, 0 };
	struct cand *gone = NULL;
	size_t n = 0;
	int r = 0;
	*from = NULL;
	for (size_t i = 0; i < git_tree_entrycount(p); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(p, i);
		const char *nm = git_tree_entry_name(e);
		if (git_tree_entry_type(e) != GIT_OBJECT_BLOB || !rf_notefile_is_note(nm) ||
		    git_tree_entry_byname(t, nm))
			continue;
		gone = rf_xrealloc(gone, (n + 1) * sizeof(*gone));
		memset(&gone[n], 0, sizeof(*gone));
		gone[n].name = nm;
		git_oid_cpy(&gone[n++].id, git_tree_entry_id(e));
	}
	long k = n ? rename_source(w->st, &added, gone, n) : -1;
	if (k == -2) {
		r = -1;
	} else if (k >= 0) {
		*from = rf_xstrdup(gone[k].name);
		git_oid_cpy(from_id, &gone[k].id);
	}
	rf_buf_free(&added.text);
	cands_free(gone, n);
	return r;
}

static int commit_tree(struct walk *w, const git_oid *commit, git_oid *tree_id)
{
	git_commit *c;
	if (git_commit_lookup(&c, w->repo, commit) < 0)
		return rf_git_error("commit");
	git_oid_cpy(tree_id, git_commit_tree_id(c));
	git_commit_free(c);
	return 0;
}

/* Visit one commit following the note called name; may add an entry. */
static int visit_path(struct walk *w, const git_commit *c, const char *name, struct rf_strv *names,
		      struct frontier *f, struct rf_history *out)
{
	size_t np = git_commit_parentcount(c);
	const git_oid *tid = git_commit_tree_id(c);
	git_tree *t;
	git_oid mine, first, ignored;
	int have = lookup_entry(w, git_commit_id(c), name, &ignored, &mine), have_first = 0, same_as_a_parent = 0;
	if (have < 0)
		return -1;
	for (size_t i = 0; i < np; i++) {
		git_oid ptid, pid;
		const struct pre *pp = pre_find(w, git_commit_parent_id(c, (unsigned)i));
		int have_p;
		if (pp)
			ptid = pp->tree;
		else if (commit_tree(w, git_commit_parent_id(c, (unsigned)i), &ptid) < 0)
			return -1;
		if (git_oid_equal(&ptid, tid)) {
			have_p = have;	/* same root tree: nothing to look at */
			pid = mine;
		} else if ((have_p = lookup_entry(w, git_commit_parent_id(c, (unsigned)i), name, &ptid, &pid)) < 0) {
			return -1;
		}
		if (i == 0) {
			have_first = have_p;
			first = pid;
		}
		if (have_p == have && (!have || git_oid_equal(&pid, &mine)))
			same_as_a_parent = 1;
	}
	const char *parent_name = name;
	if (np == 0 ? have : !same_as_a_parent) {
		struct rf_history_entry *e = push_entry(out);
		fill_commit(e, c);
		e->path = rf_xstrdup(name);
		e->has_new = have;
		if (have)
			git_oid_cpy(&e->new_blob, &mine);
		if (have_first) {
			e->old_path = rf_xstrdup(name);
			git_oid_cpy(&e->old_blob, &first);
		} else if (have && np == 1) {
			/* Appeared: renamed from a note its parent had?  Both
			 * trees are among the newest in the cache. */
			git_oid ptid;
			git_tree *pt;
			char *from;
			if (commit_tree(w, git_commit_parent_id(c, 0), &ptid) < 0 || !(pt = tree_get(w, &ptid)) ||
			    !(t = tree_get(w, tid)) || find_rename(w, t, pt, name, &mine, &from, &e->old_blob) < 0)
				return -1;
			if (from) {
				e->old_path = from;
				rf_strv_push(names, rf_xstrdup(from));
				parent_name = names->v[names->n - 1];
			}
		}
	}
	for (size_t i = 0; i < np; i++)
		frontier_put(f, git_commit_parent_id(c, (unsigned)i), parent_name);
	return 0;
}

/* ---- every note ---- */

/* git's tree order: names compared bytewise, a tree as if it ended in '/'. */
static int cmp_entries(const git_tree_entry *a, const git_tree_entry *b)
{
	const char *an = git_tree_entry_name(a), *bn = git_tree_entry_name(b);
	size_t al = strlen(an), bl = strlen(bn), n = al < bl ? al : bl;
	int c = memcmp(an, bn, n);
	if (c)
		return c;
	unsigned char ac = al > n ? (unsigned char)an[n] : git_tree_entry_type(a) == GIT_OBJECT_TREE ? '/' : 0;
	unsigned char bc = bl > n ? (unsigned char)bn[n] : git_tree_entry_type(b) == GIT_OBJECT_TREE ? '/' : 0;
	return (ac > bc) - (ac < bc);
}

static int is_note_entry(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB && rf_notefile_is_note(git_tree_entry_name(e));
}

/* 1 when some parent but the first has the same entry for name. */
static int other_parent_same(struct walk *w, const git_commit *c, const char *name, const git_oid *mine)
{
	for (unsigned i = 1; i < git_commit_parentcount(c); i++) {
		git_oid ptid, pid;
		git_tree *pt;
		if (commit_tree(w, git_commit_parent_id(c, i), &ptid) < 0 || !(pt = tree_get(w, &ptid)))
			return -1;
		int have = entry_id(pt, name, &pid);
		if (have == (mine != NULL) && (!have || git_oid_equal(&pid, mine)))
			return 1;
	}
	return 0;
}

static int visit_all(struct walk *w, const git_commit *c, struct rf_history *out)
{
	const git_oid *tid = git_commit_tree_id(c);
	git_oid ptid;
	git_tree *t, *p = NULL;
	size_t np = git_commit_parentcount(c);
	if (np && commit_tree(w, git_commit_parent_id(c, 0), &ptid) < 0)
		return -1;
	if (np && git_oid_equal(&ptid, tid))
		return 0;	/* nothing changed against the first parent */
	if (np && !(p = tree_get(w, &ptid)))
		return -1;
	if (!(t = tree_get(w, tid)))
		return -1;
	/* Both trees are the two newest in the cache: other_parent_same may
	 * evict them, so collect names first. */
	struct cand *added = NULL, *gone = NULL;
	struct rf_strv changed = RF_STRV_INIT, hold = RF_STRV_INIT;
	size_t na = 0, ng = 0, i = 0, j = 0;
	size_t tn = git_tree_entrycount(t), pn = p ? git_tree_entrycount(p) : 0;
	int r = -1;
	while (i < tn || j < pn) {
		const git_tree_entry *a = i < tn ? git_tree_entry_byindex(t, i) : NULL;
		const git_tree_entry *b = j < pn ? git_tree_entry_byindex(p, j) : NULL;
		int cmp = !a ? 1 : !b ? -1 : cmp_entries(a, b);
		if (cmp == 0) {
			if (is_note_entry(a) && is_note_entry(b) && !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)))
				rf_strv_push(&changed, rf_xstrdup(git_tree_entry_name(a)));
			i++;
			j++;
		} else if (cmp < 0) {
			if (is_note_entry(a)) {
				added = rf_xrealloc(added, (na + 1) * sizeof(*added));
				memset(&added[na], 0, sizeof(*added));
				rf_strv_push(&hold, rf_xstrdup(git_tree_entry_name(a)));
				added[na].name = hold.v[hold.n - 1];
				git_oid_cpy(&added[na++].id, git_tree_entry_id(a));
			}
			i++;
		} else {
			if (is_note_entry(b)) {
				gone = rf_xrealloc(gone, (ng + 1) * sizeof(*gone));
				memset(&gone[ng], 0, sizeof(*gone));
				rf_strv_push(&hold, rf_xstrdup(git_tree_entry_name(b)));
				gone[ng].name = hold.v[hold.n - 1];
				git_oid_cpy(&gone[ng++].id, git_tree_entry_id(b));
			}
			j++;
		}
	}
	/* Everything is now copied out of t and p. */
	size_t first = out->n;
	for (size_t k = 0; k < changed.n; k++) {
		git_oid now, before;
		if (!(t = tree_get(w, tid)) || !entry_id(t, changed.v[k], &now))
			goto out;
		if (!(p = tree_get(w, &ptid)) || !entry_id(p, changed.v[k], &before))
			goto out;
		if (np > 1) {
			int same = other_parent_same(w, c, changed.v[k], &now);
			if (same < 0)
				goto out;
			if (same)
				continue;
		}
		struct rf_history_entry *e = push_entry(out);
		e->path = rf_xstrdup(changed.v[k]);
		e->old_path = rf_xstrdup(changed.v[k]);
		git_oid_cpy(&e->old_blob, &before);
		git_oid_cpy(&e->new_blob, &now);
		e->has_new = 1;
	}
	for (size_t k = 0; k < na; k++) {
		if (np > 1) {
			int same = other_parent_same(w, c, added[k].name, &added[k].id);
			if (same < 0)
				goto out;
			if (same)
				continue;
		}
		long from = np == 1 ? rename_source(w->st, &added[k], gone, ng) : -1;
		if (from == -2)
			goto out;
		struct rf_history_entry *e = push_entry(out);
		e->path = rf_xstrdup(added[k].name);
		git_oid_cpy(&e->new_blob, &added[k].id);
		e->has_new = 1;
		if (from >= 0) {
			gone[from].taken = 1;
			e->old_path = rf_xstrdup(gone[from].name);
			git_oid_cpy(&e->old_blob, &gone[from].id);
		}
	}
	for (size_t k = 0; k < ng; k++) {
		if (gone[k].taken)
			continue;
		if (np > 1) {
			int same = other_parent_same(w, c, gone[k].name, NULL);
			if (same < 0)
				goto out;
			if (same)
				continue;
		}
		struct rf_history_entry *e = push_entry(out);
		e->path = rf_xstrdup(gone[k].name);
		e->old_path = rf_xstrdup(gone[k].name);
		git_oid_cpy(&e->old_blob, &gone[k].id);
	}
	for (size_t k = first; k < out->n; k++)
		fill_commit(&out->v[k], c);
	r = 0;
out:
	rf_strv_free(&changed);
	rf_strv_free(&hold);
	cands_free(added, na);
	cands_free(gone, ng);
	return r;
}

int rf_history_walk(struct rf_store *st, const char *path, struct rf_history *out)
{
	struct walk w;
	struct frontier f = { NULL, 0, 0 };
	struct rf_strv names = RF_STRV_INIT;
	git_revwalk *rw = NULL;
	git_oid id, *commits = NULL;
	size_t n = 0, cap = 0;
	int r = -1, e;

	memset(&w, 0, sizeof(w));
	w.st = st;
	w.repo = st->repo;
	e = git_repository_head_unborn(st->repo);
	if (e == 1)
		return 0;
	if (e < 0)
		return rf_git_error("HEAD");
	if (git_revwalk_new(&rw, st->repo) < 0 || git_revwalk_push_head(rw) < 0) {
		rf_git_error("history");
		goto out;
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while ((e = git_revwalk_next(&id, rw)) == 0) {
		if (n == cap) {
			cap = cap ? 2 * cap : 1024;
			commits = rf_xrealloc(commits, cap * sizeof(*commits));
		}
		git_oid_cpy(&commits[n++], &id);
	}
	if (e != GIT_ITEROVER) {
		rf_git_error("history");
		goto out;
	}
	if (path)
		prefetch(&w, git_repository_path(st->repo), path, commits, n);
	for (size_t i = 0; i < n; i++) {
		git_commit *c;
		if (git_commit_lookup(&c, st->repo, &commits[i]) < 0) {
			rf_git_error("commit");
			goto out;
		}
		int v;
		if (path) {
			const char *name = frontier_take(&f, &commits[i]);
			v = visit_path(&w, c, name ? name : path, &names, &f, out);
		} else {
			v = visit_all(&w, c, out);
		}
		git_commit_free(c);
		if (v < 0)
			goto out;
	}
	r = 0;
out:
	free(commits);
	git_revwalk_free(rw);
	walk_free(&w);
	free(f.v);
	rf_strv_free(&names);
	return r;
}

/* ---- work tree ---- */

/* Add the work-tree entry for one changed note (text NULL: deleted). */
static void push_worktree(struct rf_history *out, const char *name, const char *old_name, const git_oid *old_id,
			  const git_oid *new_id)
{
	struct rf_history_entry *e = push_entry(out);
	e->worktree = 1;
	e->path = rf_xstrdup(name);
	e->subject = rf_xstrdup("");
	if (old_name) {
		e->old_path = rf_xstrdup(old_name);
		git_oid_cpy(&e->old_blob, old_id);
	}
	if (new_id) {
		e->has_new = 1;
		git_oid_cpy(&e->new_blob, new_id);
	}
}

int rf_history_worktree(struct rf_store *st, const struct rf_notesdir *nd, const char *path,
			struct rf_history *out, char **head_path)
{
	git_tree *head = NULL;
	struct rf_strv files = RF_STRV_INIT;
	struct cand *added = NULL, *gone = NULL;
	size_t na = 0, ng = 0;
	struct rf_buf text = RF_BUF_INIT;
	int r = -1;

	if (head_path)
		*head_path = path ? rf_xstrdup(path) : NULL;
	if (rf_store_head_tree(st, &head) < 0)
		return -1;
	/* The work-tree notes to look at: one, or all, plus HEAD's. */
	if (path) {
		rf_strv_push(&files, rf_xstrdup(path));
	} else {
		struct rf_strv slugs = RF_STRV_INIT;
		if (rf_notesdir_list(nd, &slugs) < 0)
			goto out;
		for (size_t i = 0; i < slugs.n; i++)
			rf_strv_push(&files, rf_notefile_name(slugs.v[i]));
		rf_strv_free(&slugs);
		for (size_t i = 0; head && i < git_tree_entrycount(head); i++) {
			const git_tree_entry *e = git_tree_entry_byindex(head, i);
			if (is_note_entry(e) && !rf_strv_contains(&files, git_tree_entry_name(e)))
				rf_strv_push(&files, rf_xstrdup(git_tree_entry_name(e)));
		}
	}
	for (size_t i = 0; i < files.n; i++) {
		int missing;
		git_oid now, before;
		if (rf_notesdir_read(nd, files.v[i], &text, &missing) < 0)
			goto out;
		int in_head = entry_id(head, files.v[i], &before);
		if (!missing && git_odb_hash(&now, text.buf, text.len, GIT_OBJECT_BLOB) < 0) {
			rf_git_error(files.v[i]);
			goto out;
		}
		if (!missing && in_head) {
			if (!git_oid_equal(&now, &before))
				push_worktree(out, files.v[i], files.v[i], &before, &now);
		} else if (!missing) {
			added = rf_xrealloc(added, (na + 1) * sizeof(*added));
			memset(&added[na], 0, sizeof(*added));
			added[na].name = files.v[i];
			added[na].id = now;
			added[na].text = text;
			added[na++].have_text = 1;
			memset(&text, 0, sizeof(text));
		} else if (in_head && !path) {
			gone = rf_xrealloc(gone, (ng + 1) * sizeof(*gone));
			memset(&gone[ng], 0, sizeof(*gone));
			gone[ng].name = files.v[i];
			gone[ng++].id = before;
		} else if (in_head) {
			push_worktree(out, files.v[i], files.v[i], &before, NULL);
		}
	}
	if (path && na) {
		/* One note new to the work tree: was it renamed from a HEAD
		 * note whose file is gone? */
		for (size_t i = 0; head && i < git_tree_entrycount(head); i++) {
			const git_tree_entry *e = git_tree_entry_byindex(head, i);
			int missing;
			if (!is_note_entry(e) || !strcmp(git_tree_entry_name(e), path))
				continue;
			if (rf_notesdir_read(nd, git_tree_entry_name(e), &text, &missing) < 0)
				goto out;
			if (!missing)
				continue;
			gone = rf_xrealloc(gone, (ng + 1) * sizeof(*gone));
			memset(&gone[ng], 0, sizeof(*gone));
			gone[ng].name = git_tree_entry_name(e);
			git_oid_cpy(&gone[ng++].id, git_tree_entry_id(e));
		}
	}
	for (size_t k = 0; k < na; k++) {
		long from = rename_source(st, &added[k], gone, ng);
		if (from == -2)
			goto out;
		if (from >= 0) {
			gone[from].taken = 1;
			push_worktree(out, added[k].name, gone[from].name, &gone[from].id, &added[k].id);
			if (path && head_path) {
				free(*head_path);
				*head_path = rf_xstrdup(gone[from].name);
			}
		} else {
			push_worktree(out, added[k].name, NULL, NULL, &added[k].id);
		}
	}
	for (size_t k = 0; !path && k < ng; k++)
		if (!gone[k].taken)
			push_worktree(out, gone[k].name, gone[k].name, &gone[k].id, NULL);
	r = 0;
out:
	cands_free(added, na);
	cands_free(gone, ng);
	rf_buf_free(&text);
	rf_strv_free(&files);
	git_tree_free(head);
	if (r < 0 && head_path) {
		free(*head_path);
		*head_path = NULL;
	}
	return r;
}

int rf_history_text(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_history_entry *e,
		    int new_side, struct rf_buf *out, int *missing)
{
	rf_buf_reset(out);
	*missing = 0;
	if (new_side ? !e->has_new : !e->old_path) {
		*missing = 1;
		return 0;
	}
	if (new_side && e->worktree)
		return rf_notesdir_read(nd, e->path, out, missing);
	return rf_store_blob(st, new_side ? &e->new_blob : &e->old_blob, "blob", out);
}

int rf_history_name_at(struct rf_store *st, const char *path, const git_commit *at, char **name)
{
	struct rf_history h = { NULL, 0, 0 };
	*name = NULL;
	if (rf_history_walk(st, path, &h) < 0)
		return -1;
	const char *cur = path;
	const git_oid *target = git_commit_id(at);
	/* Newest first: every rename made after `at` maps the name back. */
	for (size_t i = 0; i < h.n; i++) {
		const struct rf_history_entry *e = &h.v[i];
		if (!e->old_path || !strcmp(e->old_path, e->path) || strcmp(e->path, cur) != 0)
			continue;
		if (git_oid_equal(&e->commit, target))
			break;
		int after = git_graph_descendant_of(st->repo, &e->commit, target);
		if (after < 0) {
			rf_history_free(&h);
			return rf_git_error("history");
		}
		if (after)
			cur = e->old_path;
	}
	*name = rf_xstrdup(cur);
	rf_history_free(&h);
	return 0;
}
