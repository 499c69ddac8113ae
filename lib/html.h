/* html.h: text made safe for an HTML document.  Everything rf puts in a
 * page that came from a note (program names, answers, quotes, keys) is the
 * applicant's own words and may hold '<', '&', quotes or a whole script:
 * it goes through here, so it is shown as written and never read as markup.
 * Bytes that are not UTF-8 become U+FFFD and control characters their
 * visible Unicode pictures (U+2400...), so the page stays valid HTML while
 * the note itself is never touched. */
#ifndef RF_HTML_H
#define RF_HTML_H

#include "util.h"

/* Append s as HTML text or as an attribute value between double quotes:
 * & < > " ' escaped, tab and newline kept, other controls as pictures. */
void rf_html_text(struct rf_buf *out, const char *s);

/* Append "<tag>text</tag>" with the text escaped; tag is rf's own. */
void rf_html_elem(struct rf_buf *out, const char *tag, const char *text);

/* Append printf-style markup whose %s arguments are escaped as text; the
 * format itself is rf's own markup.  Only %s, %d, %u, %ld, %lu, %zu and %%
 * are understood, without flags, width or precision. */
void rf_html_addf(struct rf_buf *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
