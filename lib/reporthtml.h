/* reporthtml.h: rf-report's page: one self-contained HTML5 document (inline
 * CSS and SVG, no script, a Content-Security-Policy that forbids loading
 * anything, no external URL) with the season's summary, the heat map of
 * programs by domain, each program's risk over the season and a section per
 * program.  Every word that came from a note, a commit or the rules is
 * escaped (html.h); anchors are rf's own ("p1"), never note text.  A print
 * stylesheet fits A4 and US Letter and keeps a program's section on one
 * page where it fits. */
#ifndef RF_REPORTHTML_H
#define RF_REPORTHTML_H

#include "season.h"
#include "util.h"

/* Append the whole document to out. */
void rf_reporthtml_write(const struct rf_season *season, struct rf_buf *out);

#endif
