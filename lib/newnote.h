/* newnote.h: a new note's first text: the program template with the
 * program's name, the day it was created and any first answers filled in.
 * rf-new makes one note from it, rf-import one per new row of a sheet, so
 * the template is read once. */
#ifndef RF_NEWNOTE_H
#define RF_NEWNOTE_H

#include "edit.h"
#include "template.h"
#include "util.h"

struct rf_newnote {
	struct rf_template t;	/* the template's schema: questions and vocabularies */
	struct rf_buf text;	/* the template's bytes */
	char today[11];		/* YYYY-MM-DD: GIT_AUTHOR_DATE's day, else the clock's */
};

/* Read the template at path (NULL: the shipped program.ini) and today's
 * date.  Free with rf_newnote_free, also after a failure. */
int rf_newnote_load(struct rf_newnote *nn, const char *path);
void rf_newnote_free(struct rf_newnote *nn);

/* The first text of the note of the program called name, into out:
 * program.name and program.created set, then the n answers of more (which
 * win over both).  label names the note in messages. */
int rf_newnote_text(const struct rf_newnote *nn, const char *label, const char *name,
		    const struct rf_edit_kv *more, size_t n, struct rf_buf *out);

#endif
