/* import.h: a sheet of programs as changes to notes, planned in full
 * before anything is written.  Each row is matched to a note (by its slug
 * column, else the slug of its name, else the exact program.name) or makes
 * a new one from the template; each cell is mapped to its key
 * (sheetmap.h), brought to the key's vocabulary (answer.h) and checked to
 * be storable, so that a plan either holds every note's new text or the
 * import is refused with every problem listed. */
#ifndef RF_IMPORT_H
#define RF_IMPORT_H

#include <stdio.h>

#include "newnote.h"
#include "notesdir.h"
#include "semdiff.h"
#include "sheet.h"
#include "sheetmap.h"
#include "store.h"

/* At most this many problems are listed, then how many there were. */
#define RF_IMPORT_MAX_PROBLEMS 20

struct rf_import_note {
	char *file, *slug;	/* "mercy-general.ini", "mercy-general" */
	char *name;		/* program.name after the import ("" if none) */
	unsigned line;		/* the row's first line in the sheet */
	int created;		/* a new note */
	struct rf_buf text;	/* the note after the import */
	struct rf_changes changes;	/* before -> after, key by key; empty when created */
};

struct rf_import {
	char *label;		/* the sheet in messages: the path given, or "stdin" */
	char *title;		/* in the commit subject: the file's base name */
	struct rf_import_note *v;	/* the notes that change, in sheet order */
	size_t n;
	size_t created, changed, unchanged, answers;
	struct rf_strv joined;	/* "LABEL:LINE:COLUMN" of cells whose line breaks were joined */
};

struct rf_import_input {
	const struct rf_sheet *sheet;
	const struct rf_sheetmap *map;	/* NULL: none */
	const struct rf_newnote *nn;	/* the template, for new notes and the keys */
	const struct rf_notesdir *nd;	/* NULL: no notes directory yet */
	int force;			/* take keys and answers the template does not know */
};

/* Plan the import (im is the caller's; free with rf_import_free, also
 * after a failure).  Every problem is reported as "LABEL:LINE[:COLUMN]:
 * ..." (the first RF_IMPORT_MAX_PROBLEMS, then how many in all) and -1
 * returned. */
int rf_import_plan(struct rf_import *im, const char *label, const char *title, const struct rf_import_input *in);
void rf_import_free(struct rf_import *im);

/* "import programs.csv: 12 new, 3 changed (41 answers), 45 unchanged".
 * Caller frees. */
char *rf_import_subject(const struct rf_import *im);
/* The commit message: the subject, then a line per new note and per
 * changed answer, then the cells joined.  Caller frees. */
char *rf_import_message(const struct rf_import *im);

/* What the import changes, per program and key, for --dry-run. */
void rf_import_print(const struct rf_import *im, FILE *out, int colour);

/* Warn about each note the import changes whose work-tree text differs
 * from HEAD's: those edits are committed with it. */
void rf_import_warn_uncommitted(const struct rf_import *im, const struct rf_notesdir *nd, struct rf_store *st);

#endif
