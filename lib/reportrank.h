/* reportrank.h: the rank list section of rf-report's page: every list (the
 * primary one, then the supplemental ones) as rf-rank shows it, each
 * finding of rf-rank check in the row of the program it is about, and the
 * findings about a list as a whole under it; each finding carries the
 * sentence behind its rule.  Escaped as the rest of the page (html.h). */
#ifndef RF_REPORTRANK_H
#define RF_REPORTRANK_H

#include "season.h"
#include "util.h"

/* Append the section (<section id="ranklist">) to out. */
void rf_reportrank_html(const struct rf_season *season, struct rf_buf *out);

/* One line for the terminal's summary: "rank list: 3 programs, 1 error,
 * 2 warnings (rf-rank)"; caller frees. */
char *rf_reportrank_summary(const struct rf_season *season);

#endif
