/* sync.h: one notes directory brought in step with a remote, as rf-sync
 * does it.
 *
 * In order: edits not committed yet are committed (as rf-commit would), so
 * they are safe whatever happens next; the remote is fetched; the branch
 * is fast-forwarded when it can be, else the two histories are merged note
 * by note (lib/treemerge.h) in one merge commit with both parents; then
 * what the remote lacks is pushed.  When the push is refused because the
 * remote moved since the fetch, the sync fetches and merges again, up to
 * RF_SYNC_RETRIES times.  A failure leaves the branch, the work tree and
 * the notes as the committed edits left them (the fetched objects and
 * tracking branches stay, as git fetch leaves them); only a remote that
 * kept moving leaves the local merge in place, which is then complete and
 * pushed by the next sync. */
#ifndef RF_SYNC_H
#define RF_SYNC_H

#include <stdio.h>

#include "notesdir.h"
#include "store.h"

enum { RF_SYNC_RETRIES = 3 };

struct rf_sync_result {
	size_t conflicts;	/* answers recorded in [conflicts] by the merge */
};

/* Sync the notes directory (store open for writing) with remote (a name or
 * URL, NULL: the upstream, else origin), saying on out what it did.
 * Reports and returns -1. */
int rf_sync_run(struct rf_store *st, const struct rf_notesdir *nd, const char *remote, FILE *out,
		struct rf_sync_result *res);

#endif
