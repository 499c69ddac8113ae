/* diffview.h: rf-diff's view: what changed in a note between two versions
 * (the last commit, a revision or the work tree), or how two programs'
 * notes differ, key by key and with the risk of each side, for people or
 * as a table for scripts. */
#ifndef RF_DIFFVIEW_H
#define RF_DIFFVIEW_H

#include "output.h"
#include "session.h"

/* args: PROGRAM [REV [REV]], or (cross) PROGRAM PROGRAM.  Prints to the
 * session's output (the pager for text) when the sides differ, or always
 * for a machine format.  Returns 1 when they differ, 0 when not, -1 after
 * reporting an error. */
int rf_diffview_run(struct rf_session *s, int cross, enum rf_format format, char *const *args, int nargs);

#endif
