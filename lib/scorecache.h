/* scorecache.h: every version of a note scored once, ever.
 *
 * .git/rf/scores maps a blob id to what scoring that version gave: the
 * score (struct rf_score, without its list of contributions, which only
 * `--explain` shows and recomputes), the risk from each domain, the
 * [program] answers the ranking shows, the questions still open, or why
 * iniparser rejects the note; for versions only rf-log has shown, their
 * risk alone (thousands of them, read by every rf-log).  The file is for one set of rules and one
 * profile: it records a checksum of their texts (rf_scorer.key), and a
 * file written for others is started afresh.  It is a cache
 * (cachefile.h): deleting it changes nothing but speed.
 *
 * A version not in the cache is read and parsed (iniparser, as always)
 * once; many at once are parsed on several threads
 * (rf_scorecache_fill). */
#ifndef RF_SCORECACHE_H
#define RF_SCORECACHE_H

#include <stddef.h>
#include <sys/stat.h>

#include <git2.h>

#include "ask.h"
#include "gitindex.h"
#include "note.h"
#include "notesdir.h"
#include "score.h"
#include "store.h"

/* One version of a note, scored.  Owned by the cache that returns it. */
struct rf_scored {
	int broken;		/* iniparser rejects the note; only lineno and error are set */
	unsigned lineno;	/* the scanner's line for it (0: it cannot say) */
	char *error;		/* what is wrong there, or NULL */
	struct rf_score score;	/* its contributions left out: v NULL, n 0 */
	long domain[RF_NDOMAINS];	/* the risk from each domain (hundredths) */
	char *track, *status, *rank;	/* the [program] answers, "" when not set */
	size_t conflicts;	/* open entries of its [conflicts] (conflicts.h) */
	unsigned char *open;	/* per rule of the rules: RF_OPEN_* (ask.h) */
	size_t nopen;
};

struct rf_scorecache;

/* The cache of st's repository (st may be NULL: a cache in memory only)
 * for scorer s, which both must outlive it.  Never fails: a missing,
 * foreign or damaged file, or rf.cache = false, gives an empty cache. */
struct rf_scorecache *rf_scorecache_open(struct rf_store *st, const struct rf_scorer *s);

/* A cache in memory over a payload of .git/rf/scores (after its header),
 * as rf_scorecache_open would take it (for the fuzzer). */
struct rf_scorecache *rf_scorecache_parse(const struct rf_scorer *s, const unsigned char *payload, size_t len);

/* What version id gave, or NULL when it was never scored (or only its
 * risk is kept: the versions rf-log shows keep only that). */
const struct rf_scored *rf_scorecache_get(struct rf_scorecache *c, const git_oid *id);

/* The risk (hundredths) version id gave: 1 and *risk; 0 when iniparser
 * rejects it; -1 when it was never scored. */
int rf_scorecache_risk(struct rf_scorecache *c, const git_oid *id, long *risk);

/* Score note (version id, read by the caller) and keep the whole result. */
const struct rf_scored *rf_scorecache_put(struct rf_scorecache *c, const git_oid *id, const struct rf_note *note);

/* Score note and keep its risk alone: returns as rf_scorecache_risk. */
int rf_scorecache_put_risk(struct rf_scorecache *c, const git_oid *id, const struct rf_note *note, long *risk);

/* Score the versions ids[0..n) not in the cache yet (whole: as
 * rf_scorecache_get needs them, else their risks), reading their blobs
 * from st's repository on several threads.  A blob that cannot be read
 * is left out (whoever needs it reads it and reports why). */
void rf_scorecache_fill(struct rf_scorecache *c, const git_oid *ids, size_t n, int whole);

/* The work-tree note file scored: from the cache when git's index (gi, may
 * be NULL) vouches for its blob id, else read, parsed and kept.  NULL with
 * *missing set when there is no such file; NULL after reporting when it
 * cannot be read (a link, not a regular file). */
const struct rf_scored *rf_scorecache_worktree(struct rf_scorecache *c, struct rf_gitindex *gi,
					       const struct rf_notesdir *nd, const char *file, int *missing);

/* The blob ids git's index vouches for among work-tree files: what
 * rf_scorecache_fill can score from the repository, each file's state as
 * the index vouched for it, and where (at[i] in ids) files[i]'s id is
 * (RF_UNVOUCHED: not vouched for), so that a caller need not look at the
 * file again.  Free with rf_vouched_free. */
#define RF_UNVOUCHED ((size_t)-1)
struct rf_vouched {
	git_oid *ids;
	struct stat *seen;	/* per id: its file's fstat when vouched for */
	size_t n;
	size_t *at;		/* per file */
};
void rf_scorecache_vouched(struct rf_gitindex *gi, const struct rf_notesdir *nd, char *const *files, size_t n,
			   struct rf_vouched *v);
void rf_vouched_free(struct rf_vouched *v);

/* rf_scorecache_fill (whole) for what rf_scorecache_vouched found among
 * files[0..n): each version read from its work-tree file while that is
 * still in the state the index vouched for (as git trusts it: not hashed
 * again), else from the repository. */
void rf_scorecache_fill_worktree(struct rf_scorecache *c, const struct rf_notesdir *nd, char *const *files, size_t n,
				 const struct rf_vouched *v);

/* Write what was added to .git/rf/scores, then free. */
void rf_scorecache_close(struct rf_scorecache *c);

/* Report a broken version's problem as rf_note_report would: "LABEL:LINE:
 * problem"; returns -1. */
int rf_scored_report(const struct rf_scored *sc, const char *label);

#endif
