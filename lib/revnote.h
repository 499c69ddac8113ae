/* revnote.h: a note as it was at one version (the work tree, a commit, one
 * side of a history entry), read and parsed once, for the commands that
 * compare, score or describe versions. */
#ifndef RF_REVNOTE_H
#define RF_REVNOTE_H

#include <git2.h>

#include "history.h"
#include "note.h"
#include "notesdir.h"
#include "store.h"

/* Every field is owned; free with rf_revnote_free, which is also safe
 * after a failed load and on a struct set to { 0 }. */
struct rf_revnote {
	char *file;		/* its file name there: "mercy.ini", or the name it had before a rename */
	char *where;		/* "abc1234" (a commit), "abc1234^" (that commit's first parent),
				 * "working tree", "HEAD", or "(no commit)" when HEAD is unborn */
	char *label;		/* how messages name it: "mercy.ini@abc1234", "mercy.ini" in the work tree */
	int missing;		/* no such note there: note is empty */
	int broken;		/* iniparser rejects it: note.dict is NULL, rf_note_report says why */
	int absent;		/* a partial clone lacks this version (rf_revnote_entry): note is empty */
	struct rf_note note;	/* the bytes (note.text, note.len) and their reading */
};

/* The file of the notes directory as it is now. */
int rf_revnote_worktree(struct rf_revnote *rn, const struct rf_notesdir *nd, const char *file);

/* The same, as git would store it (rf_store_clean), for comparing with a
 * commit: CRLF line endings under autocrlf are not a change. */
int rf_revnote_worktree_clean(struct rf_revnote *rn, const struct rf_notesdir *nd, struct rf_store *st,
			      const char *file);

/* The note called file at HEAD as it was at commit (NULL: HEAD, where an
 * unborn branch has no note): file itself when commit has it, else the
 * name it had then, following `git mv` back through history. */
int rf_revnote_at(struct rf_revnote *rn, struct rf_store *st, const git_commit *commit, const char *file);

/* The same at a revision argument (rf_revision_resolve; NULL: HEAD). */
int rf_revnote_rev(struct rf_revnote *rn, struct rf_store *st, const char *rev, const char *file);

/* One side of a history entry: before the change (new_side 0) or after.
 * A version a partial clone lacks is absent, not an error. */
int rf_revnote_entry(struct rf_revnote *rn, struct rf_store *st, const struct rf_notesdir *nd,
		     const struct rf_history_entry *e, int new_side);

void rf_revnote_free(struct rf_revnote *rn);

#endif
