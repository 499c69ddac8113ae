/* semdiff.h: what changed between two versions of a note, key by key. */
#ifndef RF_SEMDIFF_H
#define RF_SEMDIFF_H

#include <stddef.h>
#include <stdio.h>

#include "note.h"
#include "template.h"

/* The SECTION kinds come only from rf_semdiff_full (key is NULL for them). */
enum rf_change_kind {
	RF_CHANGE_ADDED,
	RF_CHANGE_REMOVED,
	RF_CHANGE_CHANGED,
	RF_CHANGE_SECTION_ADDED,
	RF_CHANGE_SECTION_REMOVED,
	RF_CHANGE_CONFLICT,	/* the new note holds an unresolved git conflict over the key */
};

struct rf_change {
	enum rf_change_kind kind;
	char *section, *key;
	char *old_value, *new_value;	/* NULL when absent; for CONFLICT, yours and theirs */
};

struct rf_changes {
	struct rf_change *v;
	size_t n;
	int layout_only;	/* bytes differ, answers do not (comments, spacing) */
};

/* Compare the answers of two notes (either may be NULL: no such note).
 * Values are read as iniparser reads them, duplicates last-wins; lines
 * iniparser would reject are left out, so a broken note still compares.
 * Keys the new note holds inside an unresolved git conflict, where its
 * sides answer differently, are CONFLICT changes naming both sides, never
 * one side taken for the answer.  Order: the new note's keys in file
 * order, then removed keys. */
void rf_semdiff(const struct rf_note *old_note, const struct rf_note *new_note, struct rf_changes *out);
void rf_changes_free(struct rf_changes *c);

/* What rf-diff and rf-log show: rf_semdiff's key changes plus sections that
 * only one note has, each section before its keys, sorted in template order
 * (t may be NULL: sections in order of appearance, keys in file order);
 * keys and sections the template lacks follow the known ones. */
void rf_semdiff_full(const struct rf_note *old_note, const struct rf_note *new_note, const struct rf_template *t,
		     struct rf_changes *out);

/* 1 when a change carries no answer: a key added with an empty or
 * "unknown" value (a fresh note's unanswered questions). */
int rf_change_is_unanswered(const struct rf_change *c);

/* The kind as machine formats name it: "added", "removed", "changed",
 * "section-added", "section-removed". */
const char *rf_change_kind_name(enum rf_change_kind kind);

/* One change as a line for people, values whole: "visa.h1b: unknown → no",
 * "visa.j1: yes" (added or removed: the caller marks which), "[img]".
 * Caller frees. */
char *rf_change_line(const struct rf_change *c);

/* Print changes for people, one per line after indent: "+ visa.j1: yes"
 * (added, green), "- visa.j1: yes" (removed, red), "~ visa.h1b: unknown →
 * no" (changed, yellow), "! visa.h1b: unresolved git conflict: 'no' (yours)
 * vs 'yes' (theirs)", "+ [img]" / "- [img]" for sections, or "layout
 * only (comments or spacing)".  A note that is new (no old side) lists only
 * its answered keys, then "(N questions unanswered)"; colour adds ANSI
 * escapes. */
void rf_changes_print(FILE *out, const struct rf_changes *c, const char *indent, int created, int colour);

/* A note as normalized lines, "section.key = value" in template order (t
 * may be NULL: file order), one per answer iniparser reads, so that a line
 * diff of two outputs is a per-key diff (git's textconv); then, in file
 * order, what the note says besides its answers, so that a change there
 * shows too: comment lines ("[visa] ; asked the PD"), comments after
 * answers ("visa.j1 ; PD") and lines iniparser rejects ("! does not parse:
 * LINE").  Caller frees. */
char *rf_semdiff_normalize(const struct rf_note *note, const struct rf_template *t);

/* One change as a phrase: "visa.h1b unknown → no", "visa.j1 (none) → yes",
 * values over 40 bytes cut with "…".  Caller frees. */
char *rf_change_phrase(const struct rf_change *c);

#endif
