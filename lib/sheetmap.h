/* sheetmap.h: which note key each column of a sheet fills.  A heading
 * names its key as section.key ("visa.h1b"), as a key the template has in
 * one section only ("H1B", "Interview date"), as the program's name
 * ("Name", "Program", "Program name"), as "slug", or through a mapping
 * file that gives a sheet's own headings their keys:
 *
 *	[columns]
 *	"H1B sponsor?" = visa.h1b
 *	Notes = -		; a column to leave out
 */
#ifndef RF_SHEETMAP_H
#define RF_SHEETMAP_H

#include "sheet.h"
#include "template.h"
#include "util.h"

enum rf_column_kind {
	RF_COLUMN_IGNORE,	/* mapped to "-" */
	RF_COLUMN_UNNAMED,	/* no heading: must stay empty */
	RF_COLUMN_SLUG,		/* the note's slug */
	RF_COLUMN_KEY,		/* an answer */
};

struct rf_column {
	enum rf_column_kind kind;
	char *section, *key;		/* RF_COLUMN_KEY: lowercase, owned */
	const struct rf_field *field;	/* the template's field, NULL for a key it lacks */
};

struct rf_sheetmap_entry {
	char *heading;		/* as iniparser reads the key: lowercase, quotes gone */
	char *target;		/* as written: section.key, a bare key, "slug" or "-" */
	unsigned lineno;
};

struct rf_sheetmap {
	char *path;
	struct rf_sheetmap_entry *v;
	size_t n;
};

/* Read a mapping file (INI as iniparser reads it; only [columns]).  Reports
 * "PATH:LINE: problem" and returns -1; free with rf_sheetmap_free always. */
int rf_sheetmap_load(struct rf_sheetmap *m, const char *path);
void rf_sheetmap_free(struct rf_sheetmap *m);

/* Map the header row to cols (header->n entries, caller frees with
 * rf_sheetmap_columns_free).  m may be NULL.  A section.key the template
 * lacks is taken when known holds it ("section.key" names that notes
 * already have, so an exported sheet comes back) or with force.  Every
 * problem is appended to problems as "LABEL:LINE:COLUMN: ..." or
 * "MAP:LINE: ...": unmapped headings (with "did you mean"), two columns
 * for one key.  Returns how many were added. */
size_t rf_sheetmap_columns(const struct rf_sheetmap *m, const struct rf_template *t, const struct rf_strv *known,
			   int force, const char *label, const struct rf_sheet_row *header, struct rf_column *cols,
			   struct rf_strv *problems);
void rf_sheetmap_columns_free(struct rf_column *cols, size_t n);

/* The keys nearest a heading, by their names and the words of their
 * questions: "visa.h1b" or "visa.h1b or visa.h1b_for_ir_before"; NULL
 * when none is near.  Caller frees. */
char *rf_sheetmap_suggest(const struct rf_template *t, const char *heading);

#endif
