/* init.h: creating a notes directory: git repository, profile, attributes. */
#ifndef RF_INIT_H
#define RF_INIT_H

/* Make path a notes directory (mode 0700, git repository, profile.ini from
 * the shipped template, first commit) unless it already is one.  *created is
 * set when anything was made. */
int rf_init_notes(const char *path, int *created);

#endif
