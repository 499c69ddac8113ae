/* quote.h: keys of the [quotes] section: "DATE WHO", then " 2", " 3"... */
#ifndef RF_QUOTE_H
#define RF_QUOTE_H

#include "date.h"
#include "note.h"

/* The next free [quotes] key in note for a quote made at when by who (may
 * be NULL).  Reports a WHO that cannot be a key and returns NULL. */
char *rf_quote_key(const struct rf_note *note, const struct rf_when *when, const char *who);

#endif
