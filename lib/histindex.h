/* histindex.h: the history index, .git/rf/history: for every commit
 * reachable from HEAD, in the order of a history walk, its parents, date,
 * subject and the notes it changed (old and new blob, renames, merges
 * compared with their first parent) exactly as history.h's walk lists
 * them, so that a note's history or the timeline is read instead of
 * walked.
 *
 * The index is kept for the commit it was built up to.  When HEAD has
 * moved on, only the new commits are read and put in front; when that
 * commit is no longer an ancestor of HEAD (a rebase, a reset, a forced
 * pull) or the new commits would mix with the old in the walk's order (a
 * merge of a branch older than it), the walk is done again, reusing what
 * is known of every commit (a commit's changes never change).  A cold
 * build reads root trees on several threads and compares them by their
 * bytes (rawtree.h).  The file is a cache (cachefile.h): deleting it
 * changes nothing but speed, and anything wrong with it is a rebuild. */
#ifndef RF_HISTINDEX_H
#define RF_HISTINDEX_H

#include "history.h"
#include "store.h"

struct rf_histindex;

enum {
	/* Only an index that is current or can be brought up to date by
	 * reading new commits: no build, no rebuild. */
	RF_HISTINDEX_NO_BUILD = 1u << 0,
};

/* The index for st's HEAD, read, brought up to date and saved when it
 * changed.  *out is NULL when there is none to use: the caches are off, the
 * repository is shallow, HEAD is unborn, RF_HISTINDEX_NO_BUILD and a build
 * would be needed, or it could not be built (then the caller's own walk
 * finds and reports what is wrong).  Nothing is reported.  Free with
 * rf_histindex_free. */
void rf_histindex_open(struct rf_histindex **out, struct rf_store *st, unsigned flags);
void rf_histindex_free(struct rf_histindex *hx);

/* The index a payload of .git/rf/history (after its header) holds, every
 * reference in it checked: NULL when anything is off.  (For the fuzzer:
 * rf_histindex_open reads the file itself.) */
struct rf_histindex *rf_histindex_parse(const unsigned char *payload, size_t len);

/* How many commits rf_histindex_open read from git to bring the index up
 * to date (0 when it was current). */
size_t rf_histindex_read_count(const struct rf_histindex *hx);

/* Append what rf_history_walk_until appends for path (NULL: every note),
 * stopping when enough (may be NULL) says so. */
void rf_histindex_query(const struct rf_histindex *hx, const char *path, rf_history_enough_fn *enough, void *arg,
			struct rf_history *out);

#endif
