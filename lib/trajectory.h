/* trajectory.h: a note's risk version by version, for rf-log and rf-diff.
 * Today's rules and profile score every version, so a trajectory compares
 * like with like (the rules' own history is in git too); each blob is
 * scored once, ever (scorecache.h). */
#ifndef RF_TRAJECTORY_H
#define RF_TRAJECTORY_H

#include <stddef.h>

#include "history.h"
#include "note.h"
#include "notesdir.h"
#include "store.h"

struct rf_trajectory;

/* Load the scorer (rules and profile of the notes directory) and the score
 * cache of st (which may be closed: then the cache is in memory only).
 * Reports and returns -1 when they cannot be read.  Free with
 * rf_trajectory_free, which saves what was scored. */
int rf_trajectory_new(struct rf_trajectory **out, struct rf_store *st, const struct rf_notesdir *nd);
void rf_trajectory_free(struct rf_trajectory *t);

/* Risk of one side of an entry (new_side 1: after the change) as
 * rf_risk_format writes it into buf: "-" when that side has no note, "?"
 * when it cannot be scored (a note iniparser rejects).  *value (may be NULL)
 * gets the number; returns 1 when there is one, 0 when not, -1 on error. */
int rf_trajectory_risk(struct rf_trajectory *t, const struct rf_history_entry *e, int new_side, char buf[32],
		       double *value);

/* How many versions rf_trajectory_risk could not score because a partial
 * clone lacks them. */
size_t rf_trajectory_absent(const struct rf_trajectory *t);

/* Score on threads, before rf_trajectory_risk asks for them one by one,
 * the versions of the entries h->v[idx[0..n)] the score cache does not
 * know yet. */
void rf_trajectory_prepare(struct rf_trajectory *t, const struct rf_history *h, const size_t *idx, size_t n);

/* Risk of a parsed note (NULL: no note), as above. */
int rf_trajectory_note_risk(struct rf_trajectory *t, const struct rf_note *note, char buf[32], double *value);

/* v[0..n) as a sparkline, one of ▁▂▃▄▅▆▇█ per value, lowest to highest;
 * all equal gives ▄s.  Caller frees. */
char *rf_sparkline(const double *v, size_t n);

#endif
