/* pager.h: long output through a pager on a terminal, and whether to colour.
 *
 * As git does: only when stdout is a terminal, $RF_PAGER, else $PAGER, else
 * "less -FRX" (LESS=FRX is set when unset), run through /bin/sh; an empty
 * pager or "cat" means none.  The state lives in a struct rf_pager owned by
 * the caller, because the colour decision must remember that stdout was a
 * terminal once it has been replaced by the pager's pipe. */
#ifndef RF_PAGER_H
#define RF_PAGER_H

#include <stdio.h>
#include <sys/types.h>

struct rf_pager {
	FILE *out;	/* where the command writes: the pager's pipe, or stdout */
	pid_t pid;	/* the pager's shell, 0 when there is none */
	int tty;	/* stdout was a terminal when the pager was chosen */
};

/* Start the pager when stdout is a terminal; returns pg->out (stdout when no
 * pager runs, also when starting one failed: that is reported as a warning).
 * Call rf_pager_finish(pg) before rf_cli_finish. */
FILE *rf_pager_start(struct rf_pager *pg);
/* No pager: pg->out = stdout (for commands with --no-pager, or short output
 * that still wants rf_colour_wanted). */
void rf_pager_none(struct rf_pager *pg);
/* Close the pipe and wait for the pager (nothing to do without one).  A pager
 * quit early (EPIPE) is not an error; a write error or a pager that could not
 * run is reported and returns -1. */
int rf_pager_finish(struct rf_pager *pg);
/* 1 when escape codes may be written to pg->out: stdout is (or was, before the
 * pager) a terminal, NO_COLOR is unset or empty, TERM is set and not "dumb". */
int rf_colour_wanted(const struct rf_pager *pg);

#endif
