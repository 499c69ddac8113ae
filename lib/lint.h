/* lint.h: checking a note against its template (rf-check, rf-set). */
#ifndef RF_LINT_H
#define RF_LINT_H

#include "note.h"
#include "template.h"
#include "util.h"

/* Every problem of note as "LABEL:LINE: message", in line order: lines
 * iniparser rejects, duplicate sections and keys, keys not in the template
 * (with "did you mean"), values outside a key's answers, and each open
 * entry of [conflicts] (lib/conflicts.h), which the template does not
 * check: "conflict: visa.h1b is 'yes' here, 'no' from origin".  Returns how many
 * were added to problems. */
size_t rf_lint_note(const struct rf_note *note, const struct rf_template *t, struct rf_strv *problems);

/* Check one answer about to be written: NULL when section.key exists in the
 * template and takes value, else the problem (caller frees). */
char *rf_lint_answer(const struct rf_template *t, const char *section, const char *key, const char *value);

#endif
