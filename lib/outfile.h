/* outfile.h: a file the user names for a command's output (rf-report -o
 * FILE), written so that it is never seen half-written: a temporary file in
 * the target's own directory, fsync, rename over the target, fsync of the
 * directory.  An existing target keeps its permission bits (a new one gets
 * the umask's, 0600 under rf); a symbolic link is followed and its target
 * replaced, so the link stays; a target that is not a regular file (a
 * FIFO, /dev/null, a terminal) is written in place, since it cannot be
 * renamed over.  The notes directory has its own writer (notesdir.h). */
#ifndef RF_OUTFILE_H
#define RF_OUTFILE_H

#include <stddef.h>

/* Refuse a target inside the notes directory dir (its files or its .git):
 * read-only commands never write there, whatever -o says.  A target whose
 * directory does not exist passes (writing it fails clearly).  Reports and
 * returns -1. */
int rf_outfile_check(const char *path, const char *dir);

/* Replace path with data[0..len).  On failure nothing is left behind and
 * an existing file is unchanged.  Reports and returns -1. */
int rf_outfile_write(const char *path, const char *data, size_t len);

#endif
