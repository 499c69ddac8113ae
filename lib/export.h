/* export.h: the notes as one table for a spreadsheet: a row per program,
 * the columns slug, every key of the template in template order
 * (section.key), then every other key some note has (quotes, flags, notes,
 * sections of your own) in template section order, then by name.  A cell
 * holds the value as iniparser reads it; a key a note lacks is an empty
 * cell (null in JSON).  rf-import reads such a sheet back unchanged. */
#ifndef RF_EXPORT_H
#define RF_EXPORT_H

#include <stdio.h>

#include <git2.h>

#include "notesdir.h"
#include "output.h"
#include "revnote.h"
#include "store.h"
#include "template.h"

struct rf_export {
	struct rf_revnote *v;	/* the notes, by slug */
	size_t n;
};

/* Read the notes named by slugs (all when empty) from the work tree, or as
 * they were at commit when it is not NULL (st open; a note renamed since is
 * found under the name it had).  A note missing there or that does not
 * parse is reported ("FILE:LINE: problem") and -1 returned.  Free with
 * rf_export_free, also after a failure. */
int rf_export_load(struct rf_export *ex, const struct rf_notesdir *nd, struct rf_store *st, const git_commit *commit,
		   const struct rf_strv *slugs);
void rf_export_free(struct rf_export *ex);

/* The table of the notes read (out is initialised here). */
void rf_export_table(const struct rf_export *ex, const struct rf_template *t, struct rf_table *out);

/* Print for a spreadsheet: CSV (RFC 4180, CRLF line ends), TSV (tabs,
 * quoted as spreadsheets quote, LF) or JSON (an array with one object per
 * program); bom puts a UTF-8 byte order mark first, which Excel needs to
 * read UTF-8.  Write errors are left in ferror(out). */
void rf_export_print(const struct rf_table *t, enum rf_format f, int bom, FILE *out);

#endif
