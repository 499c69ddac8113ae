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

/* Where a line stands in a git conflict ("<<<<<<< HEAD", "|||||||",
 * "=======", ">>>>>>> theirs", as git merge writes them into the file).
 * The marker lines are ERROR lines (iniparser rejects them); the lines
 * between keep their kind but belong to one side, and no side is the
 * note's answer: rf_ini_find never returns them. */
enum rf_conflict_part {
	RF_CONFLICT_NONE,
	RF_CONFLICT_OURS,	/* after <<<<<<<: yours (HEAD) */
	RF_CONFLICT_BASE,	/* after ||||||| (diff3 style): the common version */
	RF_CONFLICT_THEIRS,	/* after =======: theirs */
	RF_CONFLICT_MARKER,	/* a marker line; its character in rf_line.marker */
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
	enum rf_conflict_part conflict;
	char marker;		/* '<', '|', '=' or '>' for a conflict marker, else 0 */
};

struct rf_ini_block;

struct rf_ini {
	struct rf_line *lines;
	size_t n;
	int crlf;		/* the first line ends in CRLF: new lines follow suit */
	struct rf_ini_block *blocks;	/* where the lines' strings are kept */
};

/* Scan text (not NUL-terminated; may contain NULs, which are reported).  Never
 * fails: problems become RF_LINE_ERROR lines.  Free with rf_ini_free. */
void rf_ini_scan(const char *text, size_t len, struct rf_ini *out);
void rf_ini_free(struct rf_ini *ini);
/* The first ERROR line, or NULL. */
const struct rf_line *rf_ini_first_error(const struct rf_ini *ini);

/* Find the last VALUE line for section/key (lowercase), or NULL: iniparser
 * keeps the last of duplicate keys.  Lines inside a git conflict are
 * skipped: neither side is the answer. */
const struct rf_line *rf_ini_find(const struct rf_ini *ini, const char *section, const char *key);

/* The first "<<<<<<<" line of an unresolved git conflict, or NULL. */
const struct rf_line *rf_ini_first_conflict(const struct rf_ini *ini);

/* What the two sides of the conflict that starts at line start (a '<'
 * marker) answer where they differ: "visa.h1b: 'no' (yours) vs 'yes'
 * (theirs)", several keys joined by "; ", "(none)" for a side without the
 * key; NULL when they differ only in comments or layout.  Caller frees. */
char *rf_ini_conflict_sides(const struct rf_ini *ini, const struct rf_line *start);

/* The problem a report gives for an ERROR line: its error, or for a
 * conflict marker "unresolved git conflict marker: " and the sides.
 * Caller frees. */
char *rf_ini_problem(const struct rf_ini *ini, const struct rf_line *l);

#endif
