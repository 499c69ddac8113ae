/* iniline.h: an INI scanner that classifies lines exactly as iniparser 4.1
 * does, but keeps byte offsets and line numbers, so that rf can report
 * "FILE:LINE: problem" and edit a note line by line.  iniparser itself stays
 * the authority on values (see note.h); this scanner knows where they are. */
#ifndef RF_INILINE_H
#define RF_INILINE_H

#include <stddef.h>

/* iniparser 4.1 reads lines with fgets into 1024 bytes: a logical line
 * (continuations joined) of 1024 bytes or more, newline included, fails the
 * whole file. */
#define RF_INI_LINE_MAX 1023

enum rf_line_kind {
	RF_LINE_BLANK,
	RF_LINE_COMMENT,
	RF_LINE_SECTION,
	RF_LINE_VALUE,
	RF_LINE_ERROR,
};

/* One logical line: one physical line, or several joined by trailing '\'. */
struct rf_line {
	enum rf_line_kind kind;
	size_t start, end;	/* bytes [start, end) in the text, end after the newline */
	size_t eol;		/* where the last physical line's line ending begins */
	unsigned lineno;	/* first physical line, from 1 */
	unsigned nphys;		/* physical lines joined */
	char *section;		/* lowercased section in effect; for SECTION its name */
	char *key;		/* lowercased key (VALUE) */
	char *value;		/* value as iniparser returns it (VALUE) */
	const char *error;	/* what is wrong (ERROR) */
};

struct rf_ini {
	struct rf_line *lines;
	size_t n;
	int crlf;		/* the first line ends in CRLF: new lines follow suit */
};

/* Scan text (not NUL-terminated; may contain NULs, which are reported).  Never
 * fails: problems become RF_LINE_ERROR lines.  Free with rf_ini_free. */
void rf_ini_scan(const char *text, size_t len, struct rf_ini *out);
void rf_ini_free(struct rf_ini *ini);
/* The first ERROR line, or NULL. */
const struct rf_line *rf_ini_first_error(const struct rf_ini *ini);

/* Classify one logical line (continuations already joined, no newline) as
 * iniparser_line() does.  For VALUE, *key and *value are set (caller frees);
 * for SECTION, *key is the section name. */
enum rf_line_kind rf_ini_classify(const char *line, char **key, char **value);

/* Find the last VALUE line for section/key (lowercase), or NULL: iniparser
 * keeps the last of duplicate keys. */
const struct rf_line *rf_ini_find(const struct rf_ini *ini, const char *section, const char *key);

#endif
