/* rankchange.h: changing the rank list.  Every change is one commit of the
 * list file whose message names its moves ("rank: mercy-general 4 → 1"),
 * followed by the check's findings on the session's output.  Before the
 * first change, a notes directory without the file has the program.rank
 * values of its notes taken into it, in a commit of its own, once: from
 * then on only the file counts. */
#ifndef RF_RANKCHANGE_H
#define RF_RANKCHANGE_H

#include "session.h"

enum rf_rankop { RF_RANKOP_ADD, RF_RANKOP_MOVE, RF_RANKOP_REMOVE, RF_RANKOP_ATTACH, RF_RANKOP_DETACH };

struct rf_rankchange {
	enum rf_rankop op;
	const char *list;	/* add, move, remove: a supplemental list (NULL: the primary list) */
	char *const *args;	/* add: PROGRAM [N]; move: PROGRAM N; remove: PROGRAM;
				 * attach, detach: LIST ADVANCED... */
	int nargs;
};

/* Make the change and commit it, then print its moves and the findings.
 * Opens the session for writing.  Refused with nothing written (reported,
 * -1): an unknown program, a rank out of range, a program a list cannot
 * take, a list file that does not parse. */
int rf_rankchange_run(struct rf_session *s, const struct rf_rankchange *c);

/* Open the list file in the user's editor (made first when missing), then
 * commit what changed, naming the moves, and print the findings.  A list
 * that no longer parses is committed too, with a warning: the user's
 * words are never held back. */
int rf_rankchange_edit(struct rf_session *s);

#endif
