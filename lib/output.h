/* output.h: how rf prints tables for people and for scripts.
 *
 * One table type, four renderings: aligned columns (by display width, so
 * UTF-8 program names line up), TSV, CSV (RFC 4180) and JSON (an array of
 * objects keyed by the column names).  Commands fill a table and print it;
 * none formats rows by hand. */
#ifndef RF_OUTPUT_H
#define RF_OUTPUT_H

#include <stdio.h>

#include "util.h"

enum rf_format { RF_FORMAT_TEXT, RF_FORMAT_TSV, RF_FORMAT_CSV, RF_FORMAT_JSON };

/* Parse --format's argument; allowed is a NULL-terminated subset of
 * "text", "tsv", "csv", "json" (NULL: all).  Reports and returns -1. */
int rf_format_parse(const char *s, const char *const *allowed, enum rf_format *out);

/* A number column's cells are right-aligned and bare in JSON; a cell that
 * is not a number there (a rank typed with --force) is JSON null, so that
 * every field holds one type.  A percent column holds numbers shown with
 * '%' in the aligned text only. */
enum rf_col_kind { RF_COL_TEXT, RF_COL_NUMBER, RF_COL_PERCENT };

struct rf_table;
struct rf_table_text;
/* The escape sequence to write before a cell of the aligned text (the
 * reset follows it), or NULL; set style only when colour is wanted. */
typedef const char *rf_table_style_fn(const struct rf_table *t, size_t row, size_t col, const void *ctx);

struct rf_table {
	size_t ncols, nrows, cap;
	char **names;			/* column names: table header, JSON keys */
	enum rf_col_kind *kinds;
	char **cells;			/* nrows * ncols, in text */
	struct rf_table_text *text;	/* blocks the cells' strings live in */
	rf_table_style_fn *style;	/* NULL: no colour */
	const void *style_ctx;
};

/* names: ncols column names (copied). */
void rf_table_init(struct rf_table *t, size_t ncols, const char *const *names);
void rf_table_set_kind(struct rf_table *t, size_t col, enum rf_col_kind kind);
/* Append a row of ncols cells (copied; NULL is an empty cell, JSON null). */
void rf_table_add(struct rf_table *t, const char *const *cells);
void rf_table_free(struct rf_table *t);

/* Print in the given format.  For RF_FORMAT_TEXT, a header line and
 * columns separated by two spaces, the last column not padded, control
 * characters shown as '?'.  Write errors are left in ferror(out). */
void rf_table_print(const struct rf_table *t, enum rf_format f, FILE *out);

/* Columns a UTF-8 string takes on a terminal (wide East Asian characters
 * and emoji count 2, combining marks 0); invalid bytes count 1.  The same in
 * every locale. */
size_t rf_display_width(const char *s);

/* Write s as a JSON string literal (with quotes); control characters are
 * escaped and bytes that are not UTF-8 become U+FFFD. */
void rf_json_string(FILE *out, const char *s);
/* Write s as one CSV field (quoted when needed). */
void rf_csv_field(FILE *out, const char *s);
/* The same for a sheet whose cells are separated by sep (a TSV for
 * spreadsheets: quoted when it holds sep, a quote or a line break). */
void rf_csv_field_sep(FILE *out, const char *s, char sep);
/* Write s for TSV: tabs, newlines and backslashes escaped as \t \n \\. */
void rf_tsv_field(FILE *out, const char *s);

#endif
