/* explain.h: one program's risk, contribution by contribution, as
 * rf-score --explain prints it.  The values shown always sum exactly to the
 * risk: the unknowns of a domain are summed in one row ("12 keys unknown"),
 * every row of its own with verbose. */
#ifndef RF_EXPLAIN_H
#define RF_EXPLAIN_H

#include "output.h"
#include "score.h"

/* Fill t (columns domain, key, answer, rule, points, weight, value) with
 * the contributions of sc and a last total row.  Without verbose, two or
 * more unknowns of a domain become one row after the domain's last: key
 * "N keys", points per key when they agree (else empty), value their sum. */
void rf_explain_table(const struct rf_score *sc, int verbose, struct rf_table *t);

/* What the text format prints under the table: how much of the stake is
 * known, and the deal-breaker when there is one.  Caller frees. */
char *rf_explain_footer(const struct rf_score *sc);

#endif
