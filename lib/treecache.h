/* treecache.h: commits' root trees for a history walk, each read once.
 *
 * libgit2 1.5 keeps only trees of up to 4 KB in its own cache and
 * re-applies a tree's whole delta chain on every read, so reading root
 * trees is nearly all of a walk's time: the cache keeps the last few, and
 * for a long walk after one note the entries of every commit are read
 * ahead on several threads, each with its own repository handle. */
#ifndef RF_TREECACHE_H
#define RF_TREECACHE_H

#include <stddef.h>

#include <git2.h>

#include "store.h"

/* Root trees kept loaded: a commit's tree is first needed as its child's
 * parent tree, then as its own; a few slots cover branches and merges. */
#define RF_TREECACHE_SLOTS 16

struct rf_treecache;

/* A cache over st's repository (st must outlive it); free with
 * rf_treecache_free. */
struct rf_treecache *rf_treecache_new(struct rf_store *st);
void rf_treecache_free(struct rf_treecache *tc);

/* The tree with id, lent by the cache until RF_TREECACHE_SLOTS more trees
 * are loaded; NULL after reporting. */
git_tree *rf_treecache_tree(struct rf_treecache *tc, const git_oid *id);

/* The root tree id of a commit. */
int rf_treecache_commit_tree(struct rf_treecache *tc, const git_oid *commit, git_oid *tree_id);

/* The blob of the top-level file name in commit's tree: 1 and *out, 0 when
 * absent, -1 on error; *tree_id gets the commit's root tree. */
int rf_treecache_entry(struct rf_treecache *tc, const git_oid *commit, const char *name, git_oid *tree_id,
		       git_oid *out);

/* Read the entries of name for commits (in walk order, so each thread gets
 * a stretch of neighbouring history) ahead on several threads, when there
 * are enough commits to be worth it; what an earlier call read ahead is
 * dropped.  A commit a thread could not read is looked up later as usual,
 * so this never changes a result.  name is lent and must outlive tc. */
void rf_treecache_prefetch(struct rf_treecache *tc, const char *name, const git_oid *commits, size_t n);

/* The blob id of the top-level file name in t (NULL: no tree): 1 and *out,
 * 0 when absent or not a file. */
int rf_treecache_blob_id(const git_tree *t, const char *name, git_oid *out);

/* 1 when a tree entry (may be NULL) is a note: a file rf_notefile_is_note
 * accepts. */
int rf_treecache_is_note(const git_tree_entry *e);

#endif
