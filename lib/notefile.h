/* notefile.h: which file names are program notes, and how a note's file
 * name and its slug turn into each other.  Every listing of notes (the
 * notes directory, a commit's tree, history) decides through here. */
#ifndef RF_NOTEFILE_H
#define RF_NOTEFILE_H

/* The files beside the notes that are not notes: the applicant's profile
 * and the scoring rules. */
#define RF_NOTEFILE_PROFILE "profile.ini"
#define RF_NOTEFILE_RULES "rules.ini"
/* The rank order list (ranklist.h): committed like a note, never one. */
#define RF_NOTEFILE_RANKS "ranks.txt"

/* 1 when a top-level file name is a program note: NAME.ini with a
 * non-empty NAME, but not profile.ini or rules.ini.  A note added with git
 * under a name rf would not choose ("Mercy.ini") still counts. */
int rf_notefile_is_note(const char *name);

/* 1 for the files rf commits: the notes, profile.ini, rules.ini and the
 * rank list. */
int rf_notefile_is_recorded(const char *name);

/* The slug of a note that rf commands can name: NAME when name is NAME.ini
 * and NAME is a valid slug (which leaves out profile and rules), else NULL.
 * Caller frees. */
char *rf_notefile_valid_slug(const char *name);

/* file without its ".ini" (a name without one is copied).  Caller frees. */
char *rf_notefile_slug(const char *file);

/* The file name of the note with slug: "slug.ini".  Caller frees. */
char *rf_notefile_name(const char *slug);

#endif
