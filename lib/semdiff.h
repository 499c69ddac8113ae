/* semdiff.h: what changed between two versions of a note, key by key. */
#ifndef RF_SEMDIFF_H
#define RF_SEMDIFF_H

#include <stddef.h>

#include "note.h"

enum rf_change_kind { RF_CHANGE_ADDED, RF_CHANGE_REMOVED, RF_CHANGE_CHANGED };

struct rf_change {
	enum rf_change_kind kind;
	char *section, *key;
	char *old_value, *new_value;	/* NULL when absent */
};

struct rf_changes {
	struct rf_change *v;
	size_t n;
	int layout_only;	/* bytes differ, answers do not (comments, spacing) */
};

/* Compare the answers of two notes (either may be NULL: no such note).
 * Values are read as iniparser reads them, duplicates last-wins; lines
 * iniparser would reject are left out, so a broken note still compares.
 * Order: the new note's keys in file order, then removed keys. */
void rf_semdiff(const struct rf_note *old_note, const struct rf_note *new_note, struct rf_changes *out);
void rf_changes_free(struct rf_changes *c);

/* One change as a phrase: "visa.h1b unknown → no", "visa.j1 (none) → yes",
 * values over 40 bytes cut with "…".  Caller frees. */
char *rf_change_phrase(const struct rf_change *c);

#endif
