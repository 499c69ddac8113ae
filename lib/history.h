/* history.h: which commits changed a note, in one pass over git history.
 *
 * libgit2 has no changed-path Bloom filters, so a pathspec diff per commit
 * would be slow: instead each commit's root tree is loaded once
 * (treecache.h), the note's tree-entry id is compared with the parents', a
 * commit whose root tree equals its parent's is passed without looking
 * inside, and the timeline of every note comes from the same single pass.
 * Every commit reachable from HEAD is visited (both sides of a merge), like
 * `git log -- FILE`.  Renames are found as git finds them (rename.h); the
 * uncommitted changes come from worktree.h, a side's text from revnote.h. */
#ifndef RF_HISTORY_H
#define RF_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "store.h"

/* One change to one note. */
struct rf_history_entry {
	int worktree;		/* uncommitted: commit is zero, the new side is the file */
	git_oid commit;
	char *path;		/* the note's file name after the change ("mercy.ini") */
	char *old_path;		/* its name before: NULL when created, != path when renamed */
	git_oid old_blob;	/* valid when old_path is set */
	git_oid new_blob;	/* valid when has_new (for the work tree: as git would hash it) */
	int has_new;		/* 0: deleted */
	int merge;		/* a merge, compared with its first parent */
	int64_t time;		/* author date (0 for the work tree) */
	int offset;		/* its UTC offset in minutes */
	char *subject;		/* the message's summary line ("" for the work tree) */
};

/* Entries newest first; owned, free with rf_history_free.  In a shallow
 * clone the history may end at the clone's boundary (walk.h): cut is set
 * when the note (or, for the timeline, any note) is in a boundary commit,
 * whose changes are not known and give no entry. */
struct rf_history {
	struct rf_history_entry *v;
	size_t n, cap;
	int cut;
	git_oid cut_at;		/* the newest such boundary commit */
	int64_t cut_time;	/* its author date */
};

/* Append the commits reachable from HEAD that changed path, following it
 * back through renames, or (path NULL) every note's changes; newest first
 * (commit time, parents after children).  A merge is listed only where the
 * note differs from every parent, and then compared with its first parent,
 * so a change brought in from the other side shows up there too.  An
 * unborn HEAD gives nothing. */
int rf_history_walk(struct rf_store *st, const char *path, struct rf_history *out);

/* Called after each commit's entries are appended; nonzero stops the walk
 * there (rf-log -n: the entries it will show are known). */
typedef int rf_history_enough_fn(const struct rf_history *h, void *arg);

/* rf_history_walk, stopping as soon as enough(out, arg) says so: from the
 * history index when it is current (or only new commits need reading),
 * else by walking history only as far as needed. */
int rf_history_walk_until(struct rf_store *st, const char *path, rf_history_enough_fn *enough, void *arg,
			  struct rf_history *out);

/* Append an entry: path (copied) changed from old_path (copied) with
 * old_blob, to new_blob.  old_path NULL: created (old_blob unread);
 * new_blob NULL: deleted.  The commit fields are left zero for the caller
 * to fill.  The entry is lent until the next append. */
struct rf_history_entry *rf_history_add(struct rf_history *h, const char *path, const char *old_path,
				       const git_oid *old_blob, const git_oid *new_blob);
void rf_history_free(struct rf_history *h);

/* The name the note called path at HEAD had in commit at, following renames
 * back (path itself when it never was renamed).  Caller frees *name. */
int rf_history_name_at(struct rf_store *st, const char *path, const git_commit *at, char **name);

#endif
