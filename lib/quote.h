/* quote.h: keys of the [quotes] section ("DATE WHO", then " 2", " 3"...)
 * and the text of a quote as it arrives from a paste. */
#ifndef RF_QUOTE_H
#define RF_QUOTE_H

#include "date.h"
#include "note.h"
#include "util.h"

/* The next free [quotes] key in note for a quote made at when by who (may
 * be NULL).  Reports a WHO that cannot be a key and returns NULL. */
char *rf_quote_key(const struct rf_note *note, const struct rf_when *when, const char *who);

/* Drop the line breaks (LF, CRLF, CR) and blank lines (nothing but spaces
 * and tabs) that end text, in place: what a paste or a file adds after the
 * words.  The words' own trailing spaces stay. */
void rf_quote_trim_end(struct rf_buf *text);

/* How many lines s holds: 1 plus its line breaks (CRLF counts once). */
size_t rf_quote_lines(const char *s);

#endif
