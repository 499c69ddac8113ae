/* treemerge.h: two commits of a notes directory merged file by file,
 * three-way against their merge base, into one tree and the message of
 * the merge commit that records it.
 *
 * A file changed on one side only takes that side's bytes (or its
 * deletion); changed the same way on both, either.  A note deleted on one
 * side and changed on the other is kept as changed, and the outcome says
 * so.  A file changed on both sides is merged (per note); a file that is
 * not a note, profile or rules goes through git's line merge and must
 * merge cleanly.  With no merge base (two notes directories started apart)
 * the base is empty. */
#ifndef RF_TREEMERGE_H
#define RF_TREEMERGE_H

#include <git2.h>

#include "store.h"

enum rf_treemerge_outcome {
	RF_TM_OURS,		/* changed here only: as it is here */
	RF_TM_THEIRS,		/* changed there only: taken from there */
	RF_TM_SAME,		/* the same change on both sides */
	RF_TM_MERGED,		/* changed on both sides, merged */
	RF_TM_KEPT_OURS,	/* deleted there, changed here: kept */
	RF_TM_KEPT_THEIRS,	/* deleted here, changed there: kept (theirs) */
};

struct rf_treemerge_item {
	char *path;
	enum rf_treemerge_outcome outcome;
	int created, deleted;	/* the result added or removed the file */
	size_t conflicts;	/* answers both sides changed differently */
	char *detail;		/* more for the message, or NULL */
};

/* The merge; owned, free with rf_treemerge_free. */
struct rf_treemerge {
	git_oid tree;			/* the merged tree, written */
	struct rf_treemerge_item *items;	/* every file either side changed, sorted */
	size_t n, conflicts;
	int fast;			/* nothing changed on our side: the tree is theirs' */
};

/* Merge commit theirs (from the remote called theirs_name) into ours.
 * Reports and returns -1 when a file cannot be merged, with nothing
 * written but objects. */
int rf_treemerge_run(struct rf_store *st, git_commit *ours, git_commit *theirs, const char *theirs_name,
		     struct rf_treemerge *out);

/* The merge commit's message: "sync with NAME: N notes merged" and one line
 * per file saying its outcome.  Caller frees. */
char *rf_treemerge_message(const struct rf_treemerge *m, const char *theirs_name);

void rf_treemerge_free(struct rf_treemerge *m);

#endif
