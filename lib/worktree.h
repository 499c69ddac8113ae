/* worktree.h: the uncommitted changes of the notes against HEAD, as
 * history entries (worktree set), so that rf-log shows them first. */
#ifndef RF_WORKTREE_H
#define RF_WORKTREE_H

#include "history.h"
#include "notesdir.h"
#include "store.h"

/* Append the uncommitted change of path (a top-level file name), or of
 * every note when path is NULL, against HEAD; nothing is written (not even
 * the index).  A file missing under its HEAD name with a new name holding
 * the same or similar content is a rename.  For one path, *head_path
 * (caller frees) is the name to follow from HEAD on; head_path may be NULL
 * for the timeline. */
int rf_worktree_changes(struct rf_store *st, const struct rf_notesdir *nd, const char *path,
			struct rf_history *out, char **head_path);

#endif
