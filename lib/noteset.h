/* noteset.h: the notes one command looks at, each read and parsed once.
 * rf-report ranks the notes, checks the rank list against them and
 * describes each: reading every note three or four times was most of a
 * season's page.  Notes are those of the work tree, or of one commit. */
#ifndef RF_NOTESET_H
#define RF_NOTESET_H

#include <git2.h>

#include "notesdir.h"
#include "revnote.h"
#include "store.h"

struct rf_noteset_slot;

struct rf_noteset {
	const struct rf_notesdir *nd;
	struct rf_store *st;
	const git_commit *commit;	/* NULL: the work tree */
	struct rf_noteset_slot **slots;	/* open addressing by file name */
	size_t n, cap;
};

/* Lends nd, st and commit (st open, or commit NULL and nd open) for the
 * set's life. */
void rf_noteset_init(struct rf_noteset *ns, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit);

/* The note called file: read and parsed the first time it is asked for
 * (rf_revnote_worktree, or rf_revnote_at the set's commit), lent until
 * rf_noteset_free.  Returns -1 when it cannot be read; that is reported
 * once, at the first asking, and every later one returns -1 quietly. */
int rf_noteset_get(struct rf_noteset *ns, const char *file, const struct rf_revnote **out);

/* Read and parse the work-tree notes files[0..n) on several threads now,
 * for the askings to come (nothing at a commit: those are read from the
 * repository one by one).  What rf_revnote_worktree would refuse (a
 * link, an odd or unreadable file) is left to the first asking, which
 * reports it. */
void rf_noteset_prefetch(struct rf_noteset *ns, char *const *files, size_t n);

void rf_noteset_free(struct rf_noteset *ns);

#endif
