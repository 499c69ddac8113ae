/* rankmoves.h: what changed between two versions of the rank list, told
 * as moves ("summit 4 → 1", "+ lakeside at 2"): the fewest programs whose
 * order changed against the others, then additions, removals and
 * attachments.  Commit messages, rf-rank log and rf-rank diff all tell a
 * change this way. */
#ifndef RF_RANKMOVES_H
#define RF_RANKMOVES_H

#include "ranklist.h"

enum rf_rankmove_kind {
	RF_RANKMOVE_MOVED,	/* from -> to */
	RF_RANKMOVE_ADDED,	/* at to */
	RF_RANKMOVE_REMOVED,	/* was from */
	RF_RANKMOVE_LIST_ADDED,
	RF_RANKMOVE_LIST_REMOVED,
	RF_RANKMOVE_ATTACHED,	/* list attached to slug */
	RF_RANKMOVE_DETACHED,
};

struct rf_rankmove {
	enum rf_rankmove_kind kind;
	char *list;		/* NULL: the primary list */
	char *slug;		/* NULL for a list added or removed */
	size_t from, to;	/* places from 1; 0 when none */
};

/* Owned; free with rf_rankmoves_free. */
struct rf_rankmoves {
	struct rf_rankmove *v;
	size_t n;
	int layout_only;	/* the bytes differ, the lists do not */
};

/* What changed from a to b: programs whose order changed against the
 * others (the fewest that explain the new order), added and removed, per
 * list, then lists added or removed and attachments.  When two readings
 * explain it equally (two neighbours swapped), hint (may be NULL) is the
 * one said to move.  Within a list: moves by new place, then additions,
 * then removals by old place. */
void rf_rankmoves_diff(const struct rf_ranklist *a, const struct rf_ranklist *b, const char *hint,
		      struct rf_rankmoves *out);
void rf_rankmoves_free(struct rf_rankmoves *m);

/* "crestview 1 → 4", "+ lakeside at 2", "- summit (was 5)", "prelims: + st-joe
 * at 1", "new supplemental list prelims", "prelims attached to lakeside-ir".
 * Caller frees. */
char *rf_rankmoves_phrase(const struct rf_rankmove *m);

/* The commit message for moves: "rank: PHRASE, PHRASE" when it fits in 72
 * columns, else "rank: N changes" and one phrase per line of the body;
 * "rank: comments and layout only" when only bytes moved.  Caller frees. */
char *rf_rankmoves_message(const struct rf_rankmoves *m);

/* The phrases of the change from text a (NULL: no file) to text b (NULL:
 * deleted), for rf-commit's message; a new side that does not parse gives
 * "does not parse (line N)", an old one is taken as empty.  hint as for
 * rf_rankmoves_diff.  Appended to out. */
void rf_rankmoves_describe(const char *a, size_t alen, const char *b, size_t blen, const char *hint,
			  struct rf_strv *out);

#endif
