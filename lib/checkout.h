/* checkout.h: moving the branch and the work tree to another commit (a
 * fast-forward, a merge, or back), as a sync needs it.
 *
 * Every file that differs between the two commits must be in the work tree
 * as the first has it, so an edit not committed (or an untracked file in
 * the way) is never overwritten: the move is refused, naming the file,
 * before anything is written.  Top-level files (the notes) are then
 * written durably one by one (temporary file, fsync, rename), anything
 * else by libgit2's checkout, and only then does the branch move, by
 * compare-and-swap from the first commit, HEAD's reflog saying why; the
 * index follows.  A kill at any moment leaves every note whole: the old
 * version, or the new one while the branch is still at the old commit
 * (then `rf-commit` or the next sync records it). */
#ifndef RF_CHECKOUT_H
#define RF_CHECKOUT_H

#include <git2.h>

#include "notesdir.h"
#include "store.h"

/* Move HEAD's branch (branch: "refs/heads/main") from commit from (NULL:
 * the branch is unborn) to commit to.  *changed (if given) counts the
 * top-level files that changed.  Reports and returns -1 with the branch
 * and work tree as they were. */
int rf_checkout_move(struct rf_store *st, const struct rf_notesdir *nd, const char *branch, const git_oid *from,
		     const git_oid *to, const char *reflog, size_t *changed);

#endif
