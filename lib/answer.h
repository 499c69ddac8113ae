/* answer.h: a spreadsheet cell read as the answer to one template key.
 * People type "Yes", "Y", "TRUE", "✓", "case by case", "85%" or "n/a"
 * where a note says yes, case-by-case, 85 or unknown: each is brought to
 * the key's vocabulary, and what fits none is refused with the answers
 * the key takes.  Free text keeps its words. */
#ifndef RF_ANSWER_H
#define RF_ANSWER_H

#include "template.h"

/* How the sheet writes numbers: a sheet separated by ';' comes from a
 * locale whose decimal mark is a comma (87,5). */
enum { RF_ANSWER_DECIMAL_POINT = 0, RF_ANSWER_DECIMAL_COMMA = 1 };

/* The value that cell means for field f (NULL: a key the template lacks,
 * read as text), in *out (caller frees; "" for a blank cell, which changes
 * nothing).  Returns 0, or -1 with *problem saying why and listing the
 * answers f takes (caller frees; name is the key as it names it, since a
 * free section's field is "*"); nothing is reported. */
int rf_answer_normalize(const struct rf_field *f, const char *name, const char *cell, int decimal, char **out,
			char **problem);

/* cell with every line break (CRLF, LF or CR, and runs of them) turned
 * into one space: a note's answer is one line.  *joined is set when any
 * was.  Caller frees. */
char *rf_answer_join_lines(const char *cell, int *joined);

/* The answers f takes, for messages: "yes, no, vague, unknown", "a number",
 * "a date (YYYY-MM-DD)".  Caller frees. */
char *rf_answer_allowed(const struct rf_field *f);

#endif
