/* edit.h: change one answer in a note's text, line by line, so that every
 * other byte (comments, blank lines, order, spacing, line endings) stays. */
#ifndef RF_EDIT_H
#define RF_EDIT_H

#include <stddef.h>

#include "util.h"

/* Write value as it must appear after "key = " for iniparser 4.1 to read it
 * back byte for byte: bare when that is safe, else in "..." or '...'.
 * Reports and returns -1 for what cannot round-trip (line breaks, NUL, or
 * both kinds of quote together with ';', '#' or surrounding spaces). */
int rf_edit_encode_value(const char *value, struct rf_buf *out);

/* What stops value from being stored exactly (a static phrase, as
 * rf_edit_encode_value would report it), or NULL when it can be. */
const char *rf_edit_value_problem(const char *value);

/* Set section.key (lowercase names) to value in text, into out.  The last
 * occurrence of the key is rewritten in place, keeping its "key =" spelling
 * and any trailing comment; a missing key is added after the last key of
 * its section; a missing section is appended.  The result is read back
 * through iniparser and refused unless it yields exactly value.  label names
 * the note in messages.  The input must already be free of errors. */
int rf_edit_set(const char *label, const char *text, size_t len, const char *section, const char *key,
		const char *value, struct rf_buf *out);

/* One answer to set: lowercase names, the value as iniparser must read it. */
struct rf_edit_kv {
	const char *section, *key, *value;
};

/* rf_edit_set for n answers at once, in one pass over the text and one
 * read-back through iniparser (a sheet sets dozens per note); keys missing
 * from a section are added in the order given, after its last key.  When
 * the same key comes twice, the later value wins. */
int rf_edit_set_many(const char *label, const char *text, size_t len, const struct rf_edit_kv *kv, size_t n,
		     struct rf_buf *out);
/* Remove section.key from text, into out: every line that sets it (a
 * duplicate too), each with its continuation lines; every other byte
 * stays.  The result is read back through iniparser and refused unless the
 * key is gone.  The input must be free of errors. */
int rf_edit_unset(const char *label, const char *text, size_t len, const char *section, const char *key,
		  struct rf_buf *out);

struct rf_template;

/* Apply "section.key=value" assignments to text in place, all or nothing:
 * each is checked against the template first (unless t is NULL: --force),
 * and nothing changes when any is malformed, unknown or not storable. */
int rf_edit_assign(const char *label, struct rf_buf *text, char *const *assigns, size_t n,
		   const struct rf_template *t);

#endif
