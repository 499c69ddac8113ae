/* gitdiff.h: plain `git log -p` and `git diff` in a notes directory show
 * rf's per-key changes: the repository's attributes send *.ini through the
 * "rf" diff driver, and its config makes `rf-diff --textconv` that driver's
 * textconv (a note printed as "section.key = value" lines).  The same for
 * `git pull` and `git merge`: "*.ini merge=rf" and merge.rf.driver run
 * `rf-sync --merge-driver` (lib/gitmerge.h); merge.renames is off and
 * `git pull` uses the recursive strategy, which honours it: notes made
 * from one template look like renames of each other.  Both live in
 * .git (info/attributes, config), not in a committed .gitattributes: the
 * driver is configured per clone anyway, and a notes directory's history
 * then holds only the applicant's own commits. */
#ifndef RF_GITDIFF_H
#define RF_GITDIFF_H

#include <stdio.h>

#include "store.h"

/* The textconv command: the rf-diff beside the running binary, by absolute
 * path and quoted for the shell git runs it with ("rf-diff" from PATH when
 * there is none).  Caller frees. */
char *rf_gitdiff_textconv(void);

/* The merge driver's command: rf-sync beside the running binary, as above,
 * with git's placeholders.  Caller frees. */
char *rf_gitdiff_merge_driver(void);

/* Set diff.rf.textconv and merge.rf.driver in the repository's config (on
 * every run, so that a moved rf is found again) and add "*.ini diff=rf"
 * and "*.ini merge=rf" to .git/info/attributes unless it names each driver
 * already.  The caller holds the store open for
 * writing. */
int rf_gitdiff_setup(struct rf_store *st);

/* 1 when the repository's config has the driver's textconv already. */
int rf_gitdiff_configured(struct rf_store *st);

/* git's textconv for a note: the file at path as "section.key = value"
 * lines in template order (rf_semdiff_normalize) on out.  Reports and
 * returns -1 when path cannot be read. */
int rf_gitdiff_print(const char *path, FILE *out);

#endif
