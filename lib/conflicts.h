/* conflicts.h: the [conflicts] section of a note, where a merge (rf-sync,
 * or git's merge through rf's driver) keeps the other side's answer to a
 * key both sides changed differently, while the note keeps this side's.
 *
 *     [conflicts]
 *     ; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)
 *     visa.h1b = no
 *
 * The key names the answer it is about; a second open entry for the same
 * answer is "visa.h1b 2", and so on.  An empty value records that the other
 * side removed the answer ("; visa.h1b: removed on origin, ...").  The
 * comment line above an entry says where and when it came from.  An entry
 * stays until the applicant decides: rf-set on the answer resolves it (the
 * entry goes in the same commit), and so does deleting it in an editor. */
#ifndef RF_CONFLICTS_H
#define RF_CONFLICTS_H

#include <stddef.h>

#include "note.h"
#include "util.h"

#define RF_CONFLICTS_SECTION "conflicts"

/* One open entry. */
struct rf_conflict {
	char *section, *key;	/* the answer it is about ("visa", "h1b") */
	char *name;		/* its key in [conflicts]: "visa.h1b", "visa.h1b 2" */
	char *value;		/* the other side's answer; "" when removed there */
	char *from;		/* where it came from ("origin"), or NULL when no comment says */
	int removed;		/* the other side removed the answer */
	unsigned lineno;	/* the entry's line */
};

/* The entries of note's [conflicts] section in file order (the last of
 * duplicate names, as iniparser reads them), into *out (free with
 * rf_conflicts_free).  Keys that name no answer ("x", ".h1b") are skipped. */
void rf_conflicts_list(const struct rf_note *note, struct rf_conflict **out, size_t *n);
void rf_conflicts_free(struct rf_conflict *v, size_t n);

/* Where an entry came from: what its comment says after "from" or
 * "removed on" up to the first comma (or all of it); the comment is the
 * text after ';' or '#'. */
struct rf_conflict_origin {
	const char *from;	/* "origin" */
	const char *when;	/* "2026-12-05 09:00 +0000" */
	const char *commit;	/* "1a2b3c4" */
};

/* Record in text (into out, replacing it) that section.key is value on the
 * side named in origin (value NULL: removed there), under the next free
 * name, after the last entry of [conflicts] (added at the end of the note
 * when missing), with the comment line above it.  Line endings follow the
 * note's.  The result is read back through iniparser and refused (-1,
 * reported with label) unless it holds exactly that entry. */
int rf_conflicts_record(const char *label, const char *text, size_t len, const char *section, const char *key,
			const char *value, const struct rf_conflict_origin *origin, struct rf_buf *out);

/* Remove from text every entry about section.key, each with the comment
 * line right above it, and the section header when nothing is left under
 * it; *removed counts the entries.  Every other byte stays. */
void rf_conflicts_resolve(struct rf_buf *text, const char *section, const char *key, size_t *removed);

/* After rf-set's "section.key=value" assignments (already checked by
 * lib/edit.h), remove every entry about the answers they set: setting an
 * answer is deciding it.  Returns how many entries went. */
size_t rf_conflicts_resolve_assigned(struct rf_buf *text, char *const *assigns, size_t n);

#endif
