/* gitmerge.h: git's merge driver for notes, so that `git pull` and
 * `git merge` merge a note both sides changed as rf-sync does
 * (lib/notemerge.h).  lib/gitdiff.c configures it: "*.ini merge=rf" in
 * .git/info/attributes and merge.rf.driver running
 * `rf-sync --merge-driver %P %O %A %B`.
 *
 * git gives the driver no name for the other side, only the environment
 * variable GITHEAD_<id> of the commit being merged: the other side is the
 * remote whose tracking branch is at that commit ("origin"), else what git
 * called it, and the date and id in [conflicts] are that commit's, so a
 * pull writes the same bytes rf-sync would. */
#ifndef RF_GITMERGE_H
#define RF_GITMERGE_H

#include "conflicts.h"

/* Merge the files ancestor (empty: none), current and other, the versions
 * of the note at path, writing the result over current as git expects.
 * Returns 0 when merged (answers both sides changed differently recorded
 * in [conflicts], said on stderr), -1 when not: then current holds git's
 * line merge with its conflict markers, and the report names the note. */
int rf_gitmerge_run(const char *path, const char *ancestor, const char *current, const char *other);

/* Where the commit being merged came from, from the environment git gives
 * a driver and the repository at the current directory: *origin filled
 * with strings in buf (free with rf_buf_free).  A side with no name is
 * "the other side"; no date and id leave them "unknown". */
void rf_gitmerge_origin(struct rf_conflict_origin *origin, struct rf_buf *buf);

#endif
