/* notesdir.h: the notes directory: where it is, which notes it holds, how a
 * program argument names one, and safe reads and writes of its files. */
#ifndef RF_NOTESDIR_H
#define RF_NOTESDIR_H

#include <stddef.h>
#include <sys/stat.h>

#include "util.h"

struct rf_notesdir {
	char *path;	/* as the user gave it, for messages and libgit2 */
	int fd;		/* every file is opened relative to this */
};

/* Which directory: -C DIR, else $RF_DIR, else $HOME/rf.  Caller frees. */
char *rf_notesdir_locate(const char *opt_dir);

/* Create path and its missing parents, each with mode 0700 (one that
 * exists is left as it is). */
int rf_notesdir_mkdirs(const char *path);

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
/* Open it as rf_notesdir_read would read it: *fd (caller closes) and its
 * fstat in *st, or *fd -1 and *missing set when it does not exist. */
int rf_notesdir_open_file(const struct rf_notesdir *nd, const char *name, int *fd, struct stat *st, int *missing);

/* Write a file durably: temporary file in the directory, fsync, rename,
 * fsync the directory.  With create_only, fail if the name exists. */
int rf_notesdir_write(const struct rf_notesdir *nd, const char *name, const char *data, size_t len,
		      int create_only);

/* One file of rf_notesdir_write_many. */
struct rf_notesdir_file {
	const char *name;
	const char *data;
	size_t len;
	int create_only;	/* a new note: fail rather than replace a file */
};

/* Write n files durably as rf_notesdir_write does, with one sync of the
 * file system for all the temporary files instead of an fsync each, then
 * the renames and one fsync of the directory.  A create_only name that
 * exists is refused before anything is renamed. */
int rf_notesdir_write_many(const struct rf_notesdir *nd, const struct rf_notesdir_file *files, size_t n);
/* The same write in steps, so that a commit can be made between writing
 * the bytes and putting them in place, and undone after: stage writes and
 * fsyncs a temporary file (a full disk fails here, with nothing changed);
 * place renames it over name (or links it, with create_only), keeping the
 * previous file under a temporary name; restore puts the previous file
 * back (or removes a file that was new) and done forgets it.  restore and
 * done are safe at any step and end the pending write; nd must outlive
 * it. */
struct rf_notesdir_pending {
	const struct rf_notesdir *nd;	/* NULL once done */
	char *name;			/* owned */
	char tmp[64];			/* the new bytes before place, "" after */
	char backup[64];		/* the previous file after place, "" when none */
	int create_only, placed;
};
int rf_notesdir_stage(const struct rf_notesdir *nd, const char *name, const char *data, size_t len,
		      int create_only, struct rf_notesdir_pending *p);
int rf_notesdir_place(struct rf_notesdir_pending *p);
void rf_notesdir_restore(struct rf_notesdir_pending *p);
void rf_notesdir_done(struct rf_notesdir_pending *p);

#endif
