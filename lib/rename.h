/* rename.h: telling a renamed note from a deleted one and a new one, as
 * git's rename detection does: the same blob, else the most similar note
 * with at least half of its lines in common. */
#ifndef RF_RENAME_H
#define RF_RENAME_H

#include <stddef.h>

#include <git2.h>

#include "store.h"
#include "util.h"

/* A note that appeared (added) or disappeared (gone) between two states. */
struct rf_rename_cand {
	const char *name;	/* lent by whoever filled the list */
	git_oid id;
	struct rf_buf text;	/* its content once read (owned) */
	int have_text;		/* text is set: a work-tree file is not a blob yet */
	int taken;		/* already matched with another note */
	int absent;		/* a partial clone lacks its blob: no similarity known */
};

/* Candidates; owned, free with rf_rename_cands_free. */
struct rf_rename_cands {
	struct rf_rename_cand *v;
	size_t n;
};

/* Append a candidate; name must outlive the list.  The candidate returned
 * is lent until the next append. */
struct rf_rename_cand *rf_rename_add(struct rf_rename_cands *c, const char *name, const git_oid *id);
void rf_rename_cands_free(struct rf_rename_cands *c);

/* Index in gone of the note that became added, among those not taken: the
 * same blob, else the most similar at or above the threshold; -1 when
 * none, -2 on error (reported). */
long rf_rename_source(struct rf_store *st, struct rf_rename_cand *added, struct rf_rename_cands *gone);

/* Fill c->text with the candidate's content; -1 on error (reported or not,
 * as the reader decides). */
typedef int rf_rename_text_fn(void *arg, struct rf_rename_cand *c);
/* rf_rename_source with texts read by text(arg, ...): for a reader that is
 * not the store (a thread's own repository). */
long rf_rename_pick(struct rf_rename_cand *added, struct rf_rename_cands *gone, rf_rename_text_fn *text, void *arg);

/* How alike two texts are, 0-100: the share of lines they have in common
 * (as git's rename detection, where 50 is the threshold). */
int rf_rename_similarity(const char *a, size_t alen, const char *b, size_t blen);

#endif
