/* walk.h: the commits reachable from HEAD, in git log's order, and where
 * a shallow clone's history is cut.
 *
 * A clone made with --depth has the commits listed in .git/shallow without
 * their parents; libgit2 1.5 does not know that file, and its revision walk
 * fails with "object not found" at the first missing parent.  In a shallow
 * clone rf walks the history itself and stops there. */
#ifndef RF_WALK_H
#define RF_WALK_H

#include <stddef.h>

#include <git2.h>

#include "store.h"

/* Owned; free with rf_walk_free. */
struct rf_walk {
	git_oid *v;		/* children before parents, newest first */
	size_t n;
	git_oid *cut;		/* the clone's boundary: commits whose parents it lacks, sorted */
	size_t ncut;
};

/* The commits reachable from HEAD (none when unborn), as libgit2's
 * GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME orders them; in a shallow clone
 * the walk ends at the boundary. */
int rf_walk_head(struct rf_store *st, struct rf_walk *w);

/* 1 when id is a boundary commit: its parents are not in this clone, so
 * what it changed is not known. */
int rf_walk_is_cut(const struct rf_walk *w, const git_oid *id);

/* The boundary commits of the clone (none unless shallow), sorted; for
 * callers that do not walk.  Owned by w, free with rf_walk_free. */
int rf_walk_load_cut(struct rf_store *st, struct rf_walk *w);

void rf_walk_free(struct rf_walk *w);

#endif
