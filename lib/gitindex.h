/* gitindex.h: which work-tree files are as git last recorded them, so
 * that their blob ids are known without reading and hashing them: git's
 * index is read (never written) and a file whose stat data matches its
 * entry, written before the index was (not "racily clean"), whose blob
 * has as many bytes as the file (no filter such as autocrlf, eol or ident
 * came between them), has the entry's id, as `git status` decides. */
#ifndef RF_GITINDEX_H
#define RF_GITINDEX_H

#include <sys/stat.h>

#include <git2.h>

#include "store.h"

struct rf_gitindex;

/* git's index of st's repository (st must outlive it), or NULL when there
 * is none to trust; nothing is reported.  Free with rf_gitindex_free. */
struct rf_gitindex *rf_gitindex_open(struct rf_store *st);
void rf_gitindex_free(struct rf_gitindex *gi);

/* The blob id of the top-level work-tree file name, whose lstat is *sb,
 * when the index vouches for it: 1 and *id; 0 when it must be read and
 * hashed (gi may be NULL). */
int rf_gitindex_id(struct rf_gitindex *gi, const char *name, const struct stat *sb, git_oid *id);

#endif
