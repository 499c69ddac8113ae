/* rankview.h: what rf-rank shows, given a session: the lists with each
 * program's track, position, risk and marks, and the findings (show,
 * check); every version of the list with its moves (log); two versions
 * side by side with the risk then and now (diff).  Read-only. */
#ifndef RF_RANKVIEW_H
#define RF_RANKVIEW_H

#include <stdio.h>

#include "output.h"
#include "rankcheck.h"
#include "session.h"

struct rf_rankview_opts {
	const char *at;		/* show, check: a revision or date, or NULL: the work tree */
	int explain;		/* the sentence behind each finding */
	enum rf_format format;
	char *const *revs;	/* diff: REV [REV] */
	int nrevs;
};

/* The lists, then the findings (check_only: the findings alone), on the
 * session's output.  Returns 1 when there are findings, 0 when none, -1
 * after reporting an error. */
int rf_rankview_show(struct rf_session *s, const struct rf_rankview_opts *o, int check_only);

/* Every version of the list, newest first (uncommitted changes first, as
 * "working tree"), each with its date and moves.  0, or -1. */
int rf_rankview_log(struct rf_session *s, const struct rf_rankview_opts *o);

/* REV (default HEAD) against REV or the work tree: every program with its
 * rank and risk on both sides and how it moved.  1 when the lists differ,
 * 0 when not, -1 on error. */
int rf_rankview_diff(struct rf_session *s, const struct rf_rankview_opts *o);

/* The findings, one line each (with the rule's source and sentence
 * indented below when explain), on out. */
void rf_rankview_findings(FILE *out, const struct rf_rankcheck *c, int explain);

/* Say on stderr that the list shown is made from program.rank (no list
 * file yet), and which values were left out; nothing for a list file. */
void rf_rankview_derived_note(const struct rf_ranklist *rl);

#endif
