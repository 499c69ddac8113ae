/* record.h: recording changed notes as commits with messages that say what
 * changed per key ("set mercy-general: visa.h1b unknown → no"). */
#ifndef RF_RECORD_H
#define RF_RECORD_H

#include "notesdir.h"
#include "semdiff.h"
#include "store.h"

/* One file's change, described: subject phrase parts for the message. */
struct rf_record_item {
	char *file;			/* "mercy-general.ini" */
	struct rf_changes changes;
	int created, deleted;
	char *name;			/* [program] name when created */
	char *renamed_from;		/* its file name at HEAD when renamed (git mv), else NULL */
	unsigned broken_line;		/* first line iniparser rejects, 0 if none */
	struct rf_strv moves;		/* the rank list's moves (ranklist.h) instead of changes */
};

/* The message for a set of items: "VERB SLUG: phrase, phrase" when it fits
 * in 72 columns, else "VERB SLUG: N changes" (or "VERB N notes") and a body
 * listing one phrase per line.  extra (may be NULL) is appended to the
 * body. Caller frees. */
char *rf_record_message(const char *verb, const struct rf_record_item *items, size_t n);

/* Write text to file in the notes directory (create_only for a new note)
 * and commit it with a message made from its changes since HEAD.  A file
 * HEAD does not have, renamed from a note gone from the work tree (a
 * staged git mv), is committed as that rename.  The caller holds the
 * store open for writing.  *committed says whether a commit was made (no
 * commit when nothing changed). */
int rf_record_text(struct rf_store *st, const struct rf_notesdir *nd, const char *verb, const char *file,
		   const char *text, size_t len, int create_only, int *committed);

/* Write the n files and commit them as one commit with message: their
 * blobs first (rf_store_write_blobs: a full disk fails before any note
 * changes), then the files (rf_notesdir_write_many), then the commit.  The
 * caller holds the store open for writing and has checked every text.
 * *committed as for rf_record_text. */
int rf_record_files(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_notesdir_file *files,
		    size_t n, const char *message, int *committed);
/* What rf-edit handed the editor: the note's bytes in the work tree then,
 * and its blob at HEAD then.  Owned; free with rf_record_snapshot_free. */
struct rf_record_snapshot {
	char *file;
	struct rf_buf given;
	int head_missing;
	git_oid head_blob;
};
int rf_record_snapshot(struct rf_store *st, const struct rf_notesdir *nd, const char *file,
		       struct rf_record_snapshot *snap);
void rf_record_snapshot_free(struct rf_record_snapshot *snap);

/* Record the editor's version of snap->file, as rf_record_worktree does,
 * unless HEAD's version of the note moved while the editor was open
 * (another rf command, a git pull): then the editor's changes are merged
 * key by key onto HEAD's version (merge.h) and the result put in the work
 * tree and committed, so nothing committed meanwhile is undone.  A key
 * both changed keeps the editor's answer; each is named, with both values,
 * on stderr and in the commit message.  Notes that do not parse are merged
 * line by line, or not committed at all when that conflicts. */
int rf_record_edited(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_record_snapshot *snap,
		     int *committed);

/* The files a plain rf-commit looks at: every note in the work tree or at
 * HEAD (so that deleted ones are recorded too), and profile.ini, rules.ini
 * and the rank list when either has them; appended to files, sorted. */
int rf_record_worktree_files(struct rf_store *st, const struct rf_notesdir *nd, struct rf_strv *files);

/* Commit the work-tree state of files (deleted files are removed) with msg,
 * or with a message made from their changes (verb "edit"); renames as in
 * rf_record_text.  Notes that do
 * not parse are committed too, each with a warning: the user's words are
 * never held back.  During a merge (a store opened with RF_STORE_CONCLUDE)
 * the files conclude it instead, refused while one still holds a conflict
 * marker.  *committed as above. */
int rf_record_worktree(struct rf_store *st, const struct rf_notesdir *nd, const char *verb,
		       const struct rf_strv *files, const char *msg, int *committed);

#endif
