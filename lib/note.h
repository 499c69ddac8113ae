/* note.h: a program note read through iniparser 4.1, with the scanner's map
 * of its lines for positions and file order. */
#ifndef RF_NOTE_H
#define RF_NOTE_H

#include <stddef.h>
#include <sys/stat.h>

#include <iniparser.h>

#include "iniline.h"

struct rf_note {
	char *label;		/* how messages name it: "mercy.ini" or "mercy.ini@abc123" */
	char *text;		/* the bytes, NUL-terminated for convenience */
	size_t len;
	struct rf_ini ini;	/* line map */
	dictionary *dict;	/* iniparser's reading; NULL when the file has errors */
	int *slots;		/* dict's entries by their hash, for rf_note_get */
	size_t nslots;
};

/* Read text (copied) as a note.  Always fills out (free with rf_note_free).
 * Returns 0 when iniparser reads it, -1 when it has errors; with report set,
 * the first error is printed as "LABEL:LINE: problem". */
int rf_note_parse(struct rf_note *out, const char *label, const char *text, size_t len, int report);
/* The same for text read from the file open as fd, whose fstat before the
 * read was *read_at: iniparser reads the file itself instead of a memfd
 * copy, unless it changed since. */
int rf_note_parse_file(struct rf_note *out, const char *label, const char *text, size_t len, int fd,
		       const struct stat *read_at, int report);
void rf_note_free(struct rf_note *note);
/* Report why iniparser rejects a parsed note, as rf_note_parse does with
 * report set ("LABEL:LINE: problem"); returns -1. */
int rf_note_report(const struct rf_note *note);

/* Value of "section.key" (or section and key apart) as iniparser reads it;
 * NULL when absent.  Lent by the note. */
const char *rf_note_get(const struct rf_note *note, const char *section, const char *key);

/* A name looked up in many notes (a rule's, asked of every note scored):
 * lowered and hashed once, as rf_note_get does on every call. */
struct rf_note_key {
	char *name;		/* "section:key", lowered */
	unsigned hash;		/* iniparser's hash of it */
};
void rf_note_key_init(struct rf_note_key *k, const char *section, const char *key);
void rf_note_key_free(struct rf_note_key *k);
/* rf_note_get of the name k holds. */
const char *rf_note_get_key(const struct rf_note *note, const struct rf_note_key *k);

/* Load text through iniparser (it only reads paths: the text goes through a
 * memfd).  Returns NULL when iniparser rejects it.  Caller frees with
 * iniparser_freedict. */
dictionary *rf_ini_load_buffer(const char *text, size_t len);

/* Split "section.key" at the first '.' into lowercased parts (caller frees
 * both).  Reports and returns -1 on a malformed name. */
int rf_note_split_key(const char *name, char **section, char **key);

#endif
