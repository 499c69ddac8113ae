/* gitdiff.h: plain `git log -p` and `git diff` in a notes directory show
 * rf's per-key changes: the repository's attributes send *.ini through the
 * "rf" diff driver, and its config makes `rf-diff --textconv` that driver's
 * textconv (a note printed as "section.key = value" lines).  Both live in
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

/* Set diff.rf.textconv in the repository's config (on every run, so that
 * a moved rf is found again) and add "*.ini diff=rf" to .git/info/attributes
 * unless it names the driver already.  The caller holds the store open for
 * writing. */
int rf_gitdiff_setup(struct rf_store *st);

/* 1 when the repository's config has the driver's textconv already. */
int rf_gitdiff_configured(struct rf_store *st);

/* git's textconv for a note: the file at path as "section.key = value"
 * lines in template order (rf_semdiff_normalize) on out.  Reports and
 * returns -1 when path cannot be read. */
int rf_gitdiff_print(const char *path, FILE *out);

#endif
