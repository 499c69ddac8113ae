/* session.h: what a command opens on the notes directory, closed in one
 * call.  A command asks for what it needs (the repository for reading or
 * writing, the program template, the scorer) and ends with
 * rf_session_finish, which also closes the pager and stdout and folds their
 * errors into the exit status. */
#ifndef RF_SESSION_H
#define RF_SESSION_H

#include <stdio.h>

#include "notesdir.h"
#include "pager.h"
#include "revnote.h"
#include "score.h"
#include "store.h"
#include "template.h"

enum {
	RF_SESSION_DIR = 1u << 0,	/* the notes directory (implied by the others) */
	RF_SESSION_READ = 1u << 1,	/* its git repository, read only */
	RF_SESSION_WRITE = 1u << 2,	/* the repository with the writer lock held */
	RF_SESSION_TEMPLATE = 1u << 3,	/* the shipped program template */
	RF_SESSION_SCORER = 1u << 4,	/* rules and profile */
	RF_SESSION_CONCLUDE = 1u << 5,	/* with WRITE: a merge in progress is this command's to conclude */
	RF_SESSION_CACHE = 1u << 6,	/* the repository, read only, for rf's caches in it when
					 * there is one: nothing is said when there is not */
};

struct rf_session {
	char *dir;			/* the notes directory's path, as given */
	struct rf_notesdir nd;		/* fd -1 until opened */
	struct rf_store st;		/* st.repo NULL unless READ or WRITE */
	struct rf_template t;		/* empty unless TEMPLATE */
	struct rf_scorer *scorer;	/* NULL unless SCORER */
	struct rf_pager pg;		/* pg.out is stdout until rf_session_output */
	unsigned opened;
};

/* Locate the notes directory (-C DIR, else $RF_DIR, else ~/rf) and open
 * nothing yet: rf_session_finish is safe from here on. */
void rf_session_init(struct rf_session *s, const char *dir_opt);

/* Open what is asked and not open yet.  Reports and returns -1. */
int rf_session_open(struct rf_session *s, unsigned what);

/* Where output for people goes: the pager when stdout is a terminal (people
 * set), else stdout; started once. */
FILE *rf_session_output(struct rf_session *s, int people);

/* 1 when escape codes may be written to the output chosen. */
int rf_session_colour(const struct rf_session *s);

/* Resolve program arguments to slugs (appended to slugs).  Reports the
 * first that names no single note and returns -1. */
int rf_session_resolve(struct rf_session *s, char *const *args, int n, struct rf_strv *slugs);

/* The work-tree note of the program arg names, read and parsed into rn
 * (free with rf_revnote_free).  A note that does not parse is reported as
 * "FILE:LINE: problem" and -1 returned. */
int rf_session_note(struct rf_session *s, const char *arg, struct rf_revnote *rn);

/* The work-tree profile.ini read and parsed into rn (free with
 * rf_revnote_free), and the shipped profile template, the schema of its
 * answers, into t (free with rf_template_free).  A missing or broken
 * profile is reported and -1 returned. */
int rf_session_profile(struct rf_session *s, struct rf_revnote *rn, struct rf_template *t);

/* Close the pager, then everything opened, then stdout; a failure of the
 * pager or of a write turns status into RF_FAIL.  Returns the exit status. */
int rf_session_finish(struct rf_session *s, int status);

#endif
