/* notesdir.h: the notes directory: where it is, which notes it holds, how a
 * program argument names one, and safe reads and writes of its files. */
#ifndef RF_NOTESDIR_H
#define RF_NOTESDIR_H

#include <stddef.h>

#include "util.h"

struct rf_notesdir {
	char *path;	/* as the user gave it, for messages and libgit2 */
	int fd;		/* every file is opened relative to this */
};

/* Which directory: -C DIR, else $RF_DIR, else $HOME/rf.  Caller frees. */
char *rf_notesdir_locate(const char *opt_dir);

/* Open an existing notes directory.  Reports and returns -1. */
int rf_notesdir_open(struct rf_notesdir *nd, const char *path);
/* Create it (and missing parents) with mode 0700, or tighten an existing
 * one to 0700, then open it. */
int rf_notesdir_create(struct rf_notesdir *nd, const char *path);
void rf_notesdir_close(struct rf_notesdir *nd);

/* The slugs of every note rf can name (rf_notefile_valid_slug), sorted:
 * regular files, and symbolic links so that naming one gets the refusal
 * of rf_notesdir_read; never directories. */
int rf_notesdir_list(const struct rf_notesdir *nd, struct rf_strv *slugs);

/* Resolve a program argument: slug, file name, exact [program] name
 * (case-insensitive) or unique slug prefix.  Sets *slug (caller frees).
 * An ambiguous argument is reported with the candidates, an unknown one
 * with "did you mean" and its near misses: the slug, the name or the start
 * of the slug mistyped, or the name spelt another way with the same slug. */
int rf_notesdir_resolve(const struct rf_notesdir *nd, const char *arg, char **slug);

/* Read a file of the notes directory, refusing symbolic links and anything
 * that is not a regular file.  *missing (if given) is set instead of an error
 * when the file does not exist. */
int rf_notesdir_read(const struct rf_notesdir *nd, const char *name, struct rf_buf *out, int *missing);

/* Write a file durably: temporary file in the directory, fsync, rename,
 * fsync the directory.  With create_only, fail if the name exists. */
int rf_notesdir_write(const struct rf_notesdir *nd, const char *name, const char *data, size_t len,
		      int create_only);

#endif
