/* notemerge.h: one note (or profile.ini, rules.ini) changed on two devices,
 * merged as rf-sync and git's merge driver do it.
 *
 * The per-key merge of lib/merge.h, keeping this side's text and layout
 * (git's line merge when it reads as the per-key merge), and then what a
 * merge between devices adds to it:
 * - sections that only grow ([quotes], [conflicts]): an entry the other
 *   side added under a key this side added too, with other words, is kept
 *   under the next free counter ("2026-12-05 dr lee 2"), never lost;
 * - an answer both sides changed differently keeps this side's value and
 *   the other side's goes into the note's [conflicts] section
 *   (lib/conflicts.h), with where and when it came from.
 * libgit2 must be initialised. */
#ifndef RF_NOTEMERGE_H
#define RF_NOTEMERGE_H

#include <stddef.h>

#include "conflicts.h"
#include "util.h"

/* The merged note; owned, free with rf_notemerge_free. */
struct rf_notemerge {
	struct rf_buf text;
	size_t conflicts;	/* answers recorded in [conflicts] */
	size_t renumbered;	/* entries of the other side kept under a new key */
	int line_merged;	/* git's line merge: both sides' comments kept */
};

/* Merge ours and theirs, two versions of base (NULL: none, both created
 * the note), into out; origin says where theirs came from.  label names
 * the note in messages.  A side that does not parse is reported as
 * "LABEL:LINE: problem; ..." and -1 returned. */
int rf_notemerge_run(const char *label, const char *base, size_t blen, const char *ours, size_t olen,
		     const char *theirs, size_t tlen, const struct rf_conflict_origin *origin,
		     struct rf_notemerge *out);

/* The next free key of section in the notes (NULLs skipped) for an entry
 * under key: key's stem (key without a trailing " N") then " 2", " 3"...
 * Caller frees. */
char *rf_notemerge_free_key(const struct rf_note *const *notes, size_t n, const char *section, const char *key);

void rf_notemerge_free(struct rf_notemerge *m);

#endif
