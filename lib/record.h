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
	unsigned broken_line;		/* first line iniparser rejects, 0 if none */
	struct rf_strv moves;		/* the rank list's moves (ranklist.h) instead of changes */
};

/* The message for a set of items: "VERB SLUG: phrase, phrase" when it fits
 * in 72 columns, else "VERB SLUG: N changes" (or "VERB N notes") and a body
 * listing one phrase per line.  extra (may be NULL) is appended to the
 * body. Caller frees. */
char *rf_record_message(const char *verb, const struct rf_record_item *items, size_t n);

/* Write text to file in the notes directory (create_only for a new note)
 * and commit it with a message made from its changes since HEAD.  The
 * caller holds the store open for writing.  *committed says whether a
 * commit was made (no commit when nothing changed). */
int rf_record_text(struct rf_store *st, const struct rf_notesdir *nd, const char *verb, const char *file,
		   const char *text, size_t len, int create_only, int *committed);

/* The files a plain rf-commit looks at: every note in the work tree or at
 * HEAD (so that deleted ones are recorded too), and profile.ini, rules.ini
 * and the rank list when either has them; appended to files, sorted. */
int rf_record_worktree_files(struct rf_store *st, const struct rf_notesdir *nd, struct rf_strv *files);

/* Commit the work-tree state of files (deleted files are removed) with msg,
 * or with a message made from their changes (verb "edit").  Notes that do
 * not parse are committed too, each with a warning: the user's words are
 * never held back.  *committed as above. */
int rf_record_worktree(struct rf_store *st, const struct rf_notesdir *nd, const char *verb,
		       const struct rf_strv *files, const char *msg, int *committed);

#endif
