/* init.h: creating a notes directory (git repository, profile, drivers),
 * empty or as a clone of another device's, and making a git clone of one
 * private. */
#ifndef RF_INIT_H
#define RF_INIT_H

#include <stddef.h>

/* What rf_init_notes did. */
struct rf_init_report {
	int created;		/* a repository or the profile was made */
	int dir_was;		/* the directory's mode before it was made 0700, or -1 */
	size_t files_private;	/* notes, profile and rules made 0600 */
	int driver_set;		/* the diff driver was not set up before (a fresh git clone) */
};

/* Make path a notes directory (mode 0700, git repository, profile.ini from
 * the shipped template, first commit) unless it already is one; in any
 * case (a git clone, say) make the directory 0700 and its notes, profile
 * and rules 0600, and set up git's diff driver.  *rep says what was done. */
int rf_init_notes(const char *path, struct rf_init_report *rep);

/* What a clone brought. */
struct rf_init_clone {
	char *url;			/* as cloned, without a password; owned */
	size_t programs, commits;	/* notes at HEAD, commits reachable from it */
};

/* Make path (absent, or an empty directory) a notes directory cloned from
 * url through libgit2 (ssh, https, file:// or a path), then as
 * rf_init_notes would: mode 0700, profile.ini if the remote has none,
 * rf's drivers; the branch tracks origin.  The clone is made beside path
 * and renamed into place, so a failed one leaves nothing.  Free res with
 * rf_init_clone_free. */
int rf_init_clone(const char *path, const char *url, struct rf_init_clone *res);
void rf_init_clone_free(struct rf_init_clone *res);

#endif
