/* history.h: which commits changed a note, in one pass over git history.
 *
 * As PITFALLS.md advises (libgit2 has no Bloom filters), no pathspec diff
 * per commit: each commit's root tree is loaded once, the note's tree-entry
 * id is compared with the parents', a commit whose root tree equals its
 * parent's is passed without looking inside, and the timeline of every note
 * comes from the same single pass.  Every commit reachable from HEAD is
 * visited (both sides of a merge), like `git log -- FILE`. */
#ifndef RF_HISTORY_H
#define RF_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

#include "notesdir.h"
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

/* Entries newest first; owned, free with rf_history_free. */
struct rf_history {
	struct rf_history_entry *v;
	size_t n, cap;
};

/* The uncommitted change of path (a top-level file name), or of every note
 * when path is NULL, against HEAD; nothing is written (not even the index).
 * A file missing under its HEAD name with a new name holding the same or
 * similar content is a rename.  For one path, *head_path (caller frees) is
 * the name to follow from HEAD on; may be NULL for the timeline. */
int rf_history_worktree(struct rf_store *st, const struct rf_notesdir *nd, const char *path,
			struct rf_history *out, char **head_path);

/* Append the commits reachable from HEAD that changed path, following it
 * back through renames, or (path NULL) every note's changes; newest first
 * (commit time, parents after children).  A merge is listed only where the
 * note differs from every parent, and then compared with its first parent,
 * so a change brought in from the other side shows up there too.  An
 * unborn HEAD gives nothing. */
int rf_history_walk(struct rf_store *st, const char *path, struct rf_history *out);

/* The text of an entry's old side (new_side 0) or new side (1): a blob, or
 * the work-tree file.  *missing is set when that side has no note. */
int rf_history_text(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_history_entry *e,
		    int new_side, struct rf_buf *out, int *missing);

void rf_history_free(struct rf_history *h);

/* The name the note called path at HEAD had in commit at, following renames
 * back (path itself when it never was renamed).  Caller frees *name. */
int rf_history_name_at(struct rf_store *st, const char *path, const git_commit *at, char **name);

/* How alike two texts are, 0-100: the share of lines they have in common
 * (as git's rename detection, where 50 is the threshold). */
int rf_history_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
