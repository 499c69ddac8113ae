/* lint.h: checking notes against their template, and the files beside
 * them that scoring and ranking read (rf-check, rf-set). */
#ifndef RF_LINT_H
#define RF_LINT_H

#include "note.h"
#include "notesdir.h"
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

/* The note file of notes directory nd (work tree) as rf_lint_note judges
 * it; a file that is gone has no problems.  Returns how many were added,
 * -1 when it cannot be read (reported). */
long rf_lint_file(const struct rf_notesdir *nd, const char *file, const struct rf_template *t,
		  struct rf_strv *problems);

/* What scoring reads: profile.ini against the shipped profile template;
 * then rules and profile by the parser that scores with them (which
 * reports FILE:LINE itself: counted as one problem); then the applicant's
 * own deal-breakers that contradict the visa they need.  Returns how
 * many, -1 on a failure to read. */
long rf_lint_scoring(const struct rf_notesdir *nd, struct rf_strv *problems);

/* The lines of the rank list, when there is one (what it ranks is
 * rf-rank check's to judge): 0 or 1 problem, -1 on a failure to read. */
long rf_lint_ranks(const struct rf_notesdir *nd, struct rf_strv *problems);

#endif
