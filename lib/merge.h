/* merge.h: a three-way merge of a note's texts, answer by answer.
 *
 * Two changes made to one base (an editor session and a commit made while
 * it was open; two laptops' histories) are merged per key: a key one side
 * changed takes that side's answer, a key both changed the same way takes
 * it, and a key both changed differently is a conflict, settled by the
 * policy and listed with all three values so that the caller can say so
 * (and later record the loser).
 *
 * The merged text keeps both sides' comments and layout when git's line
 * merge (through libgit2) merges cleanly to exactly those answers.
 * Otherwise it is the winning side's text (the policy's) with the other
 * side's answers written in by the line editor (edit.h), and whether the
 * other side changed comments or layout that the text does not have is
 * reported.  libgit2 must be initialised (a store is open). */
#ifndef RF_MERGE_H
#define RF_MERGE_H

#include <stddef.h>

#include "note.h"
#include "util.h"

enum rf_merge_outcome {
	RF_MERGE_OURS,		/* only ours changed it */
	RF_MERGE_THEIRS,	/* only theirs changed it */
	RF_MERGE_BOTH,		/* both changed it to the same answer */
	RF_MERGE_CONFLICT,	/* both changed it, differently: the policy chose */
};

/* Who wins a key both sides changed differently; the winner's text is
 * also the layout the other side's answers are written into. */
enum rf_merge_policy {
	RF_MERGE_KEEP_OURS,
	RF_MERGE_KEEP_THEIRS,
};

/* One key either side changed.  Values are as iniparser reads them; NULL
 * where the key is absent (removed, or never there). */
struct rf_merge_key {
	char *section, *key;
	char *base, *ours, *theirs;
	const char *result;	/* ours or theirs: the merged answer (NULL: absent) */
	enum rf_merge_outcome outcome;
};

/* The merge; owned, free with rf_merge_free. */
struct rf_merge {
	struct rf_buf text;		/* the merged note */
	struct rf_merge_key *keys;	/* ours' changes in its order, then theirs' others */
	size_t n;
	size_t conflicts;		/* keys with outcome RF_MERGE_CONFLICT */
	int line_merged;		/* text is git's line merge: both sides' comments kept */
	int lost_layout;		/* the losing side changed comments or layout, not in text */
};

/* Merge ours and theirs, two versions of base (NULL: no common version,
 * both created the note), into out.  label names the note in messages.
 * The three must parse (no line iniparser rejects, no conflict marker):
 * otherwise the first problem is reported as "LABEL:LINE: problem; ..."
 * and -1 returned, out left empty. */
int rf_merge_notes(const char *label, const struct rf_note *base, const struct rf_note *ours,
		   const struct rf_note *theirs, enum rf_merge_policy policy, struct rf_merge *out);

/* git's line merge alone (clean or not): 1 and *out when it merged
 * cleanly, 0 when it has conflicts, -1 on error.  For notes that cannot be
 * merged per key.  base may be NULL (empty). */
int rf_merge_lines(const char *base, size_t blen, const char *ours, size_t olen, const char *theirs,
		   size_t tlen, struct rf_buf *out);

void rf_merge_free(struct rf_merge *m);

#endif
