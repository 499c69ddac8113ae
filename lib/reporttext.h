/* reporttext.h: rf-report --format text: the page's summary and heat map
 * for a terminal, the heat map as rf's aligned table (one row per program
 * in the page's order, one column per domain), its cells coloured on the
 * page's scale (palette.h) only when colour is allowed. */
#ifndef RF_REPORTTEXT_H
#define RF_REPORTTEXT_H

#include <stdio.h>

#include "season.h"

/* Print the summary, a blank line and the heat map to out; colour: escape
 * codes allowed (rf_session_colour).  Write errors are left in ferror(out). */
void rf_reporttext_print(const struct rf_season *season, FILE *out, int colour);

#endif
