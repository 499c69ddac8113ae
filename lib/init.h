/* init.h: creating a notes directory: git repository, profile, attributes,
 * and making a clone of one private. */
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

#endif
