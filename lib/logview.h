/* logview.h: rf-log's view of history: the changes to one note (or every
 * note), uncommitted ones first, filtered by date and count, each with its
 * risk before and after under today's rules, printed for people (with the
 * per-key changes under -p and a sparkline on a terminal) or as a table
 * for scripts. */
#ifndef RF_LOGVIEW_H
#define RF_LOGVIEW_H

#include "output.h"
#include "session.h"

struct rf_logview_opts {
	const char *program;		/* a program argument, or NULL: every note */
	const char *since, *until;	/* dates as rf_date_parse_approx reads them, or NULL */
	int patch, reverse;
	unsigned max;			/* at most this many entries, when have_max */
	int have_max;
	enum rf_format format;		/* RF_FORMAT_TEXT, TSV or JSON */
};

/* Print the log to the session's output (the pager for text).  Opens what
 * it needs in s; reports and returns -1. */
int rf_logview_run(struct rf_session *s, const struct rf_logview_opts *o);

#endif
