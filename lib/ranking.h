/* ranking.h: every program scored and ordered, from the work tree or from
 * the notes as they were at a commit. */
#ifndef RF_RANKING_H
#define RF_RANKING_H

#include <git2.h>

#include "noteset.h"
#include "output.h"
#include "score.h"
#include "store.h"

struct rf_ranked {
	char *slug, *track, *status;	/* "" when not set */
	char *rank;			/* the place on the rank list (ranklist.h), "" when not on it */
	struct rf_score score;
	size_t conflicts;	/* open entries of its [conflicts] (lib/conflicts.h) */
};

struct rf_ranking {
	struct rf_ranked *v;
	size_t n;
	size_t nbroken;		/* notes left out because they do not parse */
};

/* The columns rf-score shows and sorts by, in order. */
extern const char *const rf_ranking_columns[];
enum { RF_RANKING_NCOLS = 11 };

/* Score the notes named by slugs (all notes when slugs is empty) from the
 * work tree, or as they were at commit when it is not NULL (st must be
 * open then): a note renamed since is found, and listed, under the name it
 * had at commit.  A note that does not parse is reported as
 * "FILE:LINE: problem", counted in nbroken and left out, so one broken
 * note never hides the others.  Returns -1 (after reporting) only when the
 * notes cannot be read at all.  Scores come from the score cache of st
 * when st is open (scorecache.h), so their contributions are not listed
 * (score.v is NULL). */
int rf_ranking_build(struct rf_ranking *out, const struct rf_scorer *s, const struct rf_notesdir *nd,
		     struct rf_store *st, const git_commit *commit, const struct rf_strv *slugs);
/* The same with every note parsed and each score's contributions kept,
 * for --explain. */
int rf_ranking_build_full(struct rf_ranking *out, const struct rf_scorer *s, const struct rf_notesdir *nd,
			  struct rf_store *st, const git_commit *commit, const struct rf_strv *slugs);
/* rf_ranking_build_full of the notes of ns (its notes directory, store and
 * commit), which keeps them for whatever reads them next. */
int rf_ranking_build_notes(struct rf_ranking *out, const struct rf_scorer *s, struct rf_noteset *ns,
			   const struct rf_strv *slugs);
void rf_ranking_free(struct rf_ranking *r);

/* Order by column (an rf_ranking_columns name; "risk" by default), ties by
 * risk then slug; deal-breakers always last.  Reports an unknown column. */
int rf_ranking_sort(struct rf_ranking *r, const char *column);

/* Fill a table with rf_ranking_columns. */
void rf_ranking_table(const struct rf_ranking *r, struct rf_table *t);


#endif
