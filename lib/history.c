#include "history.h"

#include <stdlib.h>
#include <string.h>

#include "histindex.h"
#include "notefile.h"
#include "rename.h"
#include "treecache.h"
#include "util.h"
#include "walk.h"

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

struct rf_history_entry *rf_history_add(struct rf_history *h, const char *path, const char *old_path,
				       const git_oid *old_blob, const git_oid *new_blob)
{
	if (h->n == h->cap) {
		h->cap = h->cap ? 2 * h->cap : 16;
		h->v = rf_xrealloc(h->v, h->cap * sizeof(*h->v));
	}
	struct rf_history_entry *e = &h->v[h->n++];
	memset(e, 0, sizeof(*e));
	e->path = rf_xstrdup(path);
	if (old_path) {
		e->old_path = rf_xstrdup(old_path);
		git_oid_cpy(&e->old_blob, old_blob);
	}
	if (new_blob) {
		e->has_new = 1;
		git_oid_cpy(&e->new_blob, new_blob);
	}
	return e;
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

static int commit_changes(struct rf_store *st, struct rf_treecache *tc, const git_commit *c, struct rf_history *out);

/* The name the note called name in commit c (which added it, with one
 * parent) had in that parent, or NULL when it is new: the timeline's own
 * matching of the commit's added and gone notes, so that a note's history
 * and the timeline agree when several notes were renamed at once. */
static int renamed_from(struct rf_store *st, struct rf_treecache *tc, const git_commit *c, const char *name,
			char **from, git_oid *from_id)
{
	struct rf_history h = { 0 };
	*from = NULL;
	if (commit_changes(st, tc, c, &h) < 0)
		return -1;
	for (size_t i = 0; i < h.n; i++)
		if (!strcmp(h.v[i].path, name) && h.v[i].old_path && strcmp(h.v[i].old_path, name)) {
			*from = rf_xstrdup(h.v[i].old_path);
			git_oid_cpy(from_id, &h.v[i].old_blob);
		}
	rf_history_free(&h);
	return 0;
}

/* Visit one commit following the note called name; may add an entry. */
static int visit_path(struct rf_store *st, struct rf_treecache *tc, const git_commit *c, const char *name,
		      struct rf_strv *names, struct frontier *f, struct rf_history *out)
{
	size_t np = git_commit_parentcount(c);
	const git_oid *tid = git_commit_tree_id(c);
	git_oid mine, first, ignored;
	int have = rf_treecache_entry(tc, git_commit_id(c), name, &ignored, &mine), have_first = 0, same_as_a_parent = 0;
	if (have < 0)
		return -1;
	for (size_t i = 0; i < np; i++) {
		const git_oid *parent = git_commit_parent_id(c, (unsigned)i);
		git_oid ptid, pid;
		int have_p;
		if (rf_treecache_commit_tree(tc, parent, &ptid) < 0)
			return -1;
		if (git_oid_equal(&ptid, tid)) {
			have_p = have;	/* same root tree: nothing to look at */
			pid = mine;
		} else if ((have_p = rf_treecache_entry(tc, parent, name, &ptid, &pid)) < 0) {
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
		struct rf_history_entry *e = rf_history_add(out, name, have_first ? name : NULL, &first,
							    have ? &mine : NULL);
		fill_commit(e, c);
		if (!have_first && have && np == 1) {
			char *from;
			git_oid from_id;
			if (renamed_from(st, tc, c, name, &from, &from_id) < 0)
				return -1;
			/* out may have moved: the entry is the last one. */
			e = &out->v[out->n - 1];
			if (from) {
				e->old_path = from;
				git_oid_cpy(&e->old_blob, &from_id);
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

/* The notes that differ between tree t and its first parent's tree p
 * (NULL for a root commit), by one merge of the two sorted entry lists:
 * changed in place (now: new blob, was: old), added, gone.  Their names
 * are copied into hold, so nothing refers to the trees afterwards. */
struct tree_diff {
	struct rf_strv hold;
	struct rf_rename_cands now, was, added, gone;
};

static void tree_diff(const git_tree *t, const git_tree *p, struct tree_diff *d)
{
	size_t i = 0, j = 0, tn = git_tree_entrycount(t), pn = p ? git_tree_entrycount(p) : 0;
	while (i < tn || j < pn) {
		const git_tree_entry *a = i < tn ? git_tree_entry_byindex(t, i) : NULL;
		const git_tree_entry *b = j < pn ? git_tree_entry_byindex(p, j) : NULL;
		/* Most entries are the same in both: the ids tell, before the
		 * names are compared. */
		if (a && b && git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
		    git_tree_entry_filemode(a) == git_tree_entry_filemode(b) &&
		    !strcmp(git_tree_entry_name(a), git_tree_entry_name(b))) {
			i++;
			j++;
			continue;
		}
		int cmp = !a ? 1 : !b ? -1 : cmp_entries(a, b);
		const git_tree_entry *x = cmp <= 0 ? a : b;
		if (rf_treecache_is_note(x) && (cmp != 0 || (rf_treecache_is_note(b) &&
							    !git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b))))) {
			rf_strv_push(&d->hold, rf_xstrdup(git_tree_entry_name(x)));
			const char *name = d->hold.v[d->hold.n - 1];
			if (cmp == 0)
				rf_rename_add(&d->was, name, git_tree_entry_id(b));
			rf_rename_add(cmp == 0 ? &d->now : cmp < 0 ? &d->added : &d->gone, name, git_tree_entry_id(x));
		}
		i += cmp <= 0;
		j += cmp >= 0;
	}
}

static void tree_diff_free(struct tree_diff *d)
{
	rf_strv_free(&d->hold);
	rf_rename_cands_free(&d->now);
	rf_rename_cands_free(&d->was);
	rf_rename_cands_free(&d->added);
	rf_rename_cands_free(&d->gone);
}

/* Whether commit c's change of name (to blob mine; NULL: deleted) is
 * listed: a merge lists only what no parent but the first had already.
 * 1 or 0, -1 on error. */
static int listed(struct rf_treecache *tc, const git_commit *c, const char *name, const git_oid *mine)
{
	for (unsigned i = 1; i < git_commit_parentcount(c); i++) {
		git_oid ptid, pid;
		git_tree *pt;
		if (rf_treecache_commit_tree(tc, git_commit_parent_id(c, i), &ptid) < 0 ||
		    !(pt = rf_treecache_tree(tc, &ptid)))
			return -1;
		int have = rf_treecache_blob_id(pt, name, &pid);
		if (have == (mine != NULL) && (!have || git_oid_equal(&pid, mine)))
			return 0;
	}
	return 1;
}

/* The timeline's entries of one commit: what differs from its first
 * parent, as a merge lists it. */
static int commit_changes(struct rf_store *st, struct rf_treecache *tc, const git_commit *c, struct rf_history *out)
{
	const git_oid *tid = git_commit_tree_id(c);
	git_oid ptid;
	git_tree *t, *p = NULL;
	size_t np = git_commit_parentcount(c), first = out->n;
	if (np && rf_treecache_commit_tree(tc, git_commit_parent_id(c, 0), &ptid) < 0)
		return -1;
	if (np && git_oid_equal(&ptid, tid))
		return 0;	/* nothing changed against the first parent */
	if ((np && !(p = rf_treecache_tree(tc, &ptid))) || !(t = rf_treecache_tree(tc, tid)))
		return -1;
	/* listed() may evict both trees from the cache: diff them first. */
	struct tree_diff d;
	int r = -1, l;
	memset(&d, 0, sizeof(d));
	tree_diff(t, p, &d);
	for (size_t k = 0; k < d.now.n; k++) {
		if ((l = listed(tc, c, d.now.v[k].name, &d.now.v[k].id)) < 0)
			goto out;
		if (l)
			rf_history_add(out, d.now.v[k].name, d.now.v[k].name, &d.was.v[k].id, &d.now.v[k].id);
	}
	for (size_t k = 0; k < d.added.n; k++) {
		struct rf_rename_cand *a = &d.added.v[k];
		l = listed(tc, c, a->name, &a->id);
		long from = l > 0 && np == 1 ? rf_rename_source(st, a, &d.gone) : -1;
		if (l < 0 || from == -2)
			goto out;
		if (!l)
			continue;
		struct rf_rename_cand *g = from >= 0 ? &d.gone.v[from] : NULL;
		if (g)
			g->taken = 1;
		rf_history_add(out, a->name, g ? g->name : NULL, g ? &g->id : NULL, &a->id);
	}
	for (size_t k = 0; k < d.gone.n; k++) {
		const struct rf_rename_cand *g = &d.gone.v[k];
		if (g->taken)
			continue;
		if ((l = listed(tc, c, g->name, NULL)) < 0)
			goto out;
		if (l)
			rf_history_add(out, g->name, g->name, &g->id, NULL);
	}
	for (size_t k = first; k < out->n; k++)
		fill_commit(&out->v[k], c);
	r = 0;
out:
	tree_diff_free(&d);
	return r;
}

/* A shallow clone's boundary commit: what it changed is not known (its
 * parents are not in the clone), so it adds no entry; the history is
 * marked cut when the commit has the note (or, for the timeline, any). */
static int visit_cut(struct rf_treecache *tc, const git_commit *c, const char *name, struct rf_history *out)
{
	git_oid tid, blob;
	int have = 0;
	if (name) {
		have = rf_treecache_entry(tc, git_commit_id(c), name, &tid, &blob);
	} else {
		git_tree *t = rf_treecache_tree(tc, git_commit_tree_id(c));
		for (size_t i = 0; t && i < git_tree_entrycount(t) && !have; i++)
			have = rf_treecache_is_note(git_tree_entry_byindex(t, i));
		if (!t)
			have = -1;
	}
	if (have < 0)
		return -1;
	if (have && !out->cut) {
		out->cut = 1;
		git_oid_cpy(&out->cut_at, git_commit_id(c));
		out->cut_time = git_commit_author(c)->when.time;
	}
	return 0;
}

/* Visit commits [from, to) of the walk; stops early when enough says so
 * (*stop set). */
static int visit_range(struct rf_store *st, struct rf_treecache *tc, const char *path, const struct rf_walk *w,
		       size_t from, size_t to, struct frontier *f, struct rf_strv *names, rf_history_enough_fn *enough,
		       void *arg, struct rf_history *out, int *stop)
{
	const git_oid *commits = w->v;
	for (size_t i = from; i < to; i++) {
		git_commit *c;
		size_t before = out->n;
		if (git_commit_lookup(&c, st->repo, &commits[i]) < 0)
			return rf_git_error("commit");
		int v;
		if (path) {
			const char *name = frontier_take(f, &commits[i]);
			v = rf_walk_is_cut(w, &commits[i]) ? visit_cut(tc, c, name ? name : path, out)
							   : visit_path(st, tc, c, name ? name : path, names, f, out);
		} else {
			v = rf_walk_is_cut(w, &commits[i]) ? visit_cut(tc, c, NULL, out) : commit_changes(st, tc, c, out);
		}
		git_commit_free(c);
		if (v < 0)
			return -1;
		if (out->n > before && enough && enough(out, arg)) {
			*stop = 1;
			return 0;
		}
	}
	return 0;
}

/* The walk itself, without the index. */
static int live_walk(struct rf_store *st, const char *path, rf_history_enough_fn *enough, void *arg,
		     struct rf_history *out)
{
	struct rf_treecache *tc = NULL;
	struct frontier f = { NULL, 0, 0 };
	struct rf_strv names = RF_STRV_INIT;
	struct rf_walk w;
	size_t n;
	int r = -1, stop = 0;

	if (rf_walk_head(st, &w) < 0)
		goto out;
	n = w.n;
	tc = rf_treecache_new(st);
	/* Read ahead on threads in growing stretches when the walk may stop
	 * early, all at once when it will not. */
	for (size_t done = 0, chunk = enough ? 512 : n; done < n && !stop; done += chunk, chunk *= 2) {
		size_t to = done + chunk < n ? done + chunk : n;
		if (path)
			rf_treecache_prefetch(tc, path, w.v + done, to - done);
		if (visit_range(st, tc, path, &w, done, to, &f, &names, enough, arg, out, &stop) < 0)
			goto out;
	}
	r = 0;
out:
	rf_walk_free(&w);
	rf_treecache_free(tc);
	free(f.v);
	rf_strv_free(&names);
	return r;
}

int rf_history_walk_until(struct rf_store *st, const char *path, rf_history_enough_fn *enough, void *arg,
			  struct rf_history *out)
{
	struct rf_histindex *hx;
	int e = git_repository_head_unborn(st->repo);
	if (e == 1)
		return 0;
	if (e < 0)
		return rf_git_error("HEAD");
	/* The index keeps the notes' changes only: ranks.txt and the
	 * like are walked. */
	if (path && !rf_notefile_is_note(path))
		return live_walk(st, path, enough, arg, out);
	rf_histindex_open(&hx, st, enough ? RF_HISTINDEX_NO_BUILD : 0);
	if (hx) {
		rf_histindex_query(hx, path, enough, arg, out);
		rf_histindex_free(hx);
		return 0;
	}
	return live_walk(st, path, enough, arg, out);
}

int rf_history_walk(struct rf_store *st, const char *path, struct rf_history *out)
{
	return rf_history_walk_until(st, path, NULL, NULL, out);
}

int rf_history_name_at(struct rf_store *st, const char *path, const git_commit *at, char **name)
{
	struct rf_history h = { 0 };
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
