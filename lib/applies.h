/* applies.h: which rules apply to the applicant.  rules.ini's [when] names
 * the profiles a rule (or a warning phrase) counts for, its [best_of]
 * groups of which only the better counts when several do (the two visas of
 * visa_needed = either); the applicant's own deal-breakers may contradict
 * them.  rules.h parses both files; this is how they meet. */
#ifndef RF_APPLIES_H
#define RF_APPLIES_H

#include <stddef.h>

#include "rules.h"

/* 1 when the rule or phrase section.key ("quotes" and the phrase) counts
 * for the applicant: [when] names none of it, or one of its conditions
 * matches the profile. */
int rf_applies_rule(const struct rf_rules *r, const struct rf_profile *p, const char *section, const char *key);
/* The same for a rule's resolved [when] entry (NULL: none). */
int rf_applies_when(const struct rf_rule_when *w, const struct rf_profile *p);

/* 1 when group g of b counts for the applicant: one of its rules does. */
int rf_applies_group(const struct rf_rules *r, const struct rf_profile *p, const struct rf_best_of *b, size_t g);

/* How many groups of b count for the applicant. */
size_t rf_applies_groups(const struct rf_rules *r, const struct rf_profile *p, const struct rf_best_of *b);

/* The applicant's own deal-breakers that contradict the rules (one on a key
 * that does not count for them, or on one group of a [best_of] whose other
 * groups count too), each as "LABEL:LINE: problem" appended to problems
 * (owned by it).  Returns how many. */
size_t rf_applies_contradictions(const struct rf_rules *r, const struct rf_profile *p, struct rf_strv *problems);

/* Each of rf_applies_contradictions' problems as a warning on stderr
 * (after a change to the profile has been committed). */
void rf_applies_warn(const struct rf_rules *r, const struct rf_profile *p);

#endif
