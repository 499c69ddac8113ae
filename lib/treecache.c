#include "treecache.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "notefile.h"
#include "parallel.h"
#include "util.h"

/* Below this many commits the threads cost more than they save. */
#define PREFETCH_MIN_COMMITS 256

/* One commit's tree and the followed note's entry in it, read ahead. */
struct pre {
	git_oid commit, tree, entry;
	int have;	/* the note is in the tree */
	int ok;		/* read (else look it up the slow way) */
};

struct rf_treecache {
	git_repository *repo;
	struct pre *pre;	/* sorted by commit, or NULL */
	size_t npre;
	const char *pre_name;	/* the name the entries are for */
	struct {
		git_oid id;
		git_tree *tree;
		unsigned long used;
	} slot[RF_TREECACHE_SLOTS];
	unsigned long clock;
};

struct rf_treecache *rf_treecache_new(struct rf_store *st)
{
	struct rf_treecache *tc = rf_xcalloc(1, sizeof(*tc));
	tc->repo = st->repo;
	return tc;
}

void rf_treecache_free(struct rf_treecache *tc)
{
	if (!tc)
		return;
	free(tc->pre);
	for (size_t i = 0; i < RF_TREECACHE_SLOTS; i++)
		git_tree_free(tc->slot[i].tree);
	free(tc);
}

git_tree *rf_treecache_tree(struct rf_treecache *tc, const git_oid *id)
{
	size_t victim = 0;
	for (size_t i = 0; i < RF_TREECACHE_SLOTS; i++) {
		if (tc->slot[i].tree && git_oid_equal(&tc->slot[i].id, id)) {
			tc->slot[i].used = ++tc->clock;
			return tc->slot[i].tree;
		}
		if (!tc->slot[i].tree || (tc->slot[victim].tree && tc->slot[i].used < tc->slot[victim].used))
			victim = i;
	}
	git_tree *t;
	if (git_tree_lookup(&t, tc->repo, id) < 0) {
		rf_git_error("tree");
		return NULL;
	}
	git_tree_free(tc->slot[victim].tree);
	git_oid_cpy(&tc->slot[victim].id, id);
	tc->slot[victim].tree = t;
	tc->slot[victim].used = ++tc->clock;
	return t;
}

int rf_treecache_blob_id(const git_tree *t, const char *name, git_oid *out)
{
	const git_tree_entry *e = t ? git_tree_entry_byname(t, name) : NULL;
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	git_oid_cpy(out, git_tree_entry_id(e));
	return 1;
}

int rf_treecache_is_note(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB && rf_notefile_is_note(git_tree_entry_name(e));
}

static int cmp_pre(const void *a, const void *b)
{
	return git_oid_cmp(&((const struct pre *)a)->commit, &((const struct pre *)b)->commit);
}

static const struct pre *pre_find(const struct rf_treecache *tc, const git_oid *commit)
{
	struct pre key;
	if (!tc->pre)
		return NULL;
	git_oid_cpy(&key.commit, commit);
	const struct pre *p = bsearch(&key, tc->pre, tc->npre, sizeof(*tc->pre), cmp_pre);
	return p && p->ok ? p : NULL;
}

int rf_treecache_commit_tree(struct rf_treecache *tc, const git_oid *commit, git_oid *tree_id)
{
	const struct pre *p = pre_find(tc, commit);
	git_commit *c;
	if (p) {
		git_oid_cpy(tree_id, &p->tree);
		return 0;
	}
	if (git_commit_lookup(&c, tc->repo, commit) < 0)
		return rf_git_error("commit");
	git_oid_cpy(tree_id, git_commit_tree_id(c));
	git_commit_free(c);
	return 0;
}

int rf_treecache_entry(struct rf_treecache *tc, const git_oid *commit, const char *name, git_oid *tree_id,
		       git_oid *out)
{
	const struct pre *p = pre_find(tc, commit);
	if (p && !strcmp(name, tc->pre_name)) {
		git_oid_cpy(tree_id, &p->tree);
		if (p->have)
			git_oid_cpy(out, &p->entry);
		return p->have;
	}
	if (rf_treecache_commit_tree(tc, commit, tree_id) < 0)
		return -1;
	git_tree *t = rf_treecache_tree(tc, tree_id);
	return t ? rf_treecache_blob_id(t, name, out) : -1;
}

struct prefetch_job {
	const char *gitdir, *name;
	struct pre *v;
	size_t lo, hi;
};

/* A thread reports nothing: what it cannot read stays !ok for the walk,
 * which reports it then if it is a real error. */
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
		p->have = rf_treecache_blob_id(t, j->name, &p->entry);
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

void rf_treecache_prefetch(struct rf_treecache *tc, const char *name, const git_oid *commits, size_t n)
{
	size_t nthreads = rf_parallel_threads(n, 1);
	const char *gitdir = git_repository_path(tc->repo);
	if (n < PREFETCH_MIN_COMMITS)
		return;
	free(tc->pre);
	tc->pre = rf_xcalloc(n, sizeof(*tc->pre));
	tc->npre = n;
	tc->pre_name = name;
	for (size_t i = 0; i < n; i++)
		git_oid_cpy(&tc->pre[i].commit, &commits[i]);
	struct prefetch_job jobs[RF_PARALLEL_MAX];
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct prefetch_job){ gitdir, name, tc->pre, n * k / nthreads, n * (k + 1) / nthreads };
	rf_parallel_run(prefetch_run, jobs, sizeof(*jobs), nthreads);
	qsort(tc->pre, n, sizeof(*tc->pre), cmp_pre);
}
