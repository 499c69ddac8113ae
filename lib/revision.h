/* revision.h: what a revision argument names: a git revision (HEAD~2, a
 * short id, a branch), a day YYYY-MM-DD, or "N days ago" (weeks, months,
 * years; yesterday, today): for dates, the last commit at or before it. */
#ifndef RF_REVISION_H
#define RF_REVISION_H

#include <git2.h>

#include "store.h"

/* Resolve spec to a commit reachable from HEAD (dates) or anywhere (git
 * revisions).  *out is the caller's (git_commit_free).  Reports the
 * revision as given ("HEAD~9: ...") and returns -1 when it names no
 * commit. */
int rf_revision_resolve(struct rf_store *st, const char *spec, git_commit **out);

#endif
