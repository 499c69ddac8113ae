/* sheet.h: a spreadsheet saved as CSV or TSV, read through libcsv as
 * Excel, LibreOffice and Google Sheets write it (RFC 4180: quoted cells
 * holding delimiters, doubled quotes and line breaks; CRLF, LF or CR line
 * ends), with the line where every cell starts, so that a problem can be
 * reported as FILE:LINE:COLUMN. */
#ifndef RF_SHEET_H
#define RF_SHEET_H

#include <stddef.h>

struct rf_sheet_cell {
	char *text;	/* the cell's bytes, NUL-terminated (a cell holds no NUL) */
	size_t len;
	unsigned line;	/* the physical line where the cell starts, from 1 */
};

struct rf_sheet_row {
	struct rf_sheet_cell *cells;
	size_t n;
	unsigned line;	/* where the row starts */
};

struct rf_sheet {
	struct rf_sheet_row *rows;	/* rows[0] is the header row */
	size_t n;
	char delim;		/* ',', ';', '\t' or what was given */
	int bom;		/* the text began with a byte order mark */
};

/* Read data (len bytes) as a sheet; everything in out is owned by it (free
 * with rf_sheet_free, also after a failure).  A UTF-8 byte order mark is
 * skipped and UTF-16 with one is converted; Excel's first line "sep=X"
 * gives the delimiter; otherwise delim 0 takes whichever of ',', ';' and
 * tab the header row holds most of (',' when it holds none).  Cells are
 * kept byte for byte (spaces included); rows whose cells are all empty are
 * left out.  Reports "LABEL:LINE:COLUMN: problem" for a broken quote, a NUL
 * byte or text that is not UTF-8, and returns -1.  COLUMN counts cells
 * from 1. */
int rf_sheet_parse(struct rf_sheet *out, const char *label, const char *data, size_t len, char delim);
void rf_sheet_free(struct rf_sheet *c);

/* The delimiter an argument names: one byte (',', ';', '|'), "tab" or
 * "\t"; a quote or a line break cannot be one.  Reports and returns -1. */
int rf_sheet_delimiter(const char *arg, char *out);

/* 1 when a cell holds nothing but spaces, tabs and line breaks. */
int rf_sheet_blank(const char *s);

#endif
