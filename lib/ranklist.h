/* ranklist.h: the rank order list, one plain-text file in the notes
 * directory (RF_NOTEFILE_RANKS): its format, read keeping every byte, edits
 * that move whole lines so comments stay byte for byte, and the list at
 * any version (rankmoves.h says how two versions differ).
 *
 * The file, as rf-rank(1) describes it: one program (its note's slug) per
 * line in rank order, "# comment" lines and blank lines anywhere, and an
 * optional "# comment" after a slug, which moves with it.  A line
 * "[supplemental NAME] for ADV, ADV" begins a supplemental list of PGY-1
 * programs attached to the advanced programs named; the lines before the
 * first such header are the primary list. */
#ifndef RF_RANKLIST_H
#define RF_RANKLIST_H

#include <stddef.h>

#include <git2.h>

#include "notesdir.h"
#include "noteset.h"
#include "store.h"
#include "util.h"

enum rf_rankline_kind { RF_RANKLINE_BLANK, RF_RANKLINE_COMMENT, RF_RANKLINE_PROGRAM, RF_RANKLINE_HEADER };

/* One physical line, as read. */
struct rf_rankline {
	enum rf_rankline_kind kind;
	char *text;		/* its bytes with the line ending (the last line may have none) */
	size_t len;
	unsigned lineno;
	char *slug;		/* PROGRAM: the program */
	char *list;		/* HEADER: the supplemental list's name */
	size_t close;		/* HEADER: bytes up to and including ']' */
	size_t tail;		/* HEADER: where the comment (and the blanks before it) or the line end starts */
};

/* A program's place on a list. */
struct rf_rankentry {
	const char *slug;	/* lent by its line */
	size_t line;		/* index in lines */
};

/* The primary list (name NULL) or a supplemental list. */
struct rf_ranklist_list {
	const char *name;		/* lent by the header line; NULL for the primary list */
	size_t header;			/* index of the header line (supplemental lists) */
	struct rf_strv attached;	/* the advanced programs it serves, in file order */
	struct rf_rankentry *v;		/* in rank order */
	size_t n;
};

/* A rank list; owned, free with rf_ranklist_free (safe on a struct set to
 * { 0 } and after a failed parse). */
struct rf_ranklist {
	char *label;			/* "ranks.txt", "ranks.txt@abc1234" in messages */
	struct rf_rankline *lines;
	size_t nlines;
	int crlf;			/* lines rf adds end in CRLF, as the first line does */
	struct rf_ranklist_list *lists;	/* lists[0] is the primary list, then the supplemental ones in file order */
	size_t nlists;
	int exists;			/* read from a file (else empty or derived) */
	int derived;			/* made from the notes' program.rank (no file yet) */
	struct rf_strv skipped;		/* derived: "FILE: program.rank 'x' is not a number" */
};

/* The most programs one list may hold (the NRMP's limit). */
#define RF_RANKLIST_MAX 300

/* The comment block rf writes at the top of a new list. */
extern const char rf_ranklist_skeleton[];

/* Read text (not NUL-terminated) as a rank list.  Reports the first
 * malformed line as "LABEL:LINE: problem" and returns -1. */
int rf_ranklist_parse(struct rf_ranklist *rl, const char *label, const char *text, size_t len);
/* The same without reporting: on -1, *why is "LABEL:LINE: problem" and
 * *line the line (caller frees *why; rl is empty). */
int rf_ranklist_try_parse(struct rf_ranklist *rl, const char *label, const char *text, size_t len, char **why,
			  unsigned *line);
void rf_ranklist_free(struct rf_ranklist *rl);

/* The file's bytes (the lines joined), into out (appended). */
void rf_ranklist_text(const struct rf_ranklist *rl, struct rf_buf *out);

/* The list file at commit, or in the work tree when commit is NULL (st may
 * be NULL then).  An absent file gives an empty list with exists 0; a
 * malformed one is reported and -1 returned. */
int rf_ranklist_read(struct rf_ranklist *rl, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit);

/* A note's old program.rank value, for the list made before the file exists. */
struct rf_rank_legacy {
	const char *slug;
	const char *rank;	/* as the note has it ("" when unset) */
	const char *file;	/* for messages */
};

/* The primary list program.rank values make: the numbers in increasing
 * order (ties by slug), renumbered from 1; notes without one are left
 * out, and values that are no number are listed in rl->skipped.  The text
 * is the skeleton and those lines, ready to be written. */
void rf_ranklist_derive(struct rf_ranklist *rl, const struct rf_rank_legacy *v, size_t n);

/* The list at a version as every command sees it: the file there, else
 * (no file at that version) the list derived from the program.rank of
 * every note there. */
int rf_ranklist_load(struct rf_ranklist *rl, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit);
/* The same through ns (its notes directory, store and commit), which
 * keeps the notes read for whatever reads them next. */
int rf_ranklist_load_notes(struct rf_ranklist *rl, struct rf_noteset *ns);

/* The list called name (NULL or "": the primary list), or NULL. */
const struct rf_ranklist_list *rf_ranklist_find(const struct rf_ranklist *rl, const char *name);
/* slug's first place on list (from 1), or 0 when it is not there. */
size_t rf_ranklist_place(const struct rf_ranklist_list *list, const char *slug);
/* rf_ranklist_place of each of slugs[0..n) into place[0..n) (list may be
 * NULL: all 0), for a whole ranking at once. */
void rf_ranklist_place_all(const struct rf_ranklist_list *list, char *const *slugs, size_t n, size_t *place);
/* The supplemental list that names adv among its advanced programs first, or NULL. */
const struct rf_ranklist_list *rf_ranklist_attached_to(const struct rf_ranklist *rl, const char *adv);

/* Edits.  Each changes the lines of rl so that only the lines it is about
 * change (a slug's line moves whole, its "# comment" with it), then reads
 * the result again.  They report what cannot be done ("rank 9 is out of
 * range ...") and return -1, leaving rl as it was. */

/* Put slug at place pos (1 .. n+1; 0 appends) of the list called list
 * (NULL: the primary list), which is made at the end of the file when it
 * does not exist yet.  A program already on that list is refused. */
int rf_ranklist_insert(struct rf_ranklist *rl, const char *list, const char *slug, size_t pos);
/* Move slug (which must be on that list once) to place pos (1 .. n). */
int rf_ranklist_move(struct rf_ranklist *rl, const char *list, const char *slug, size_t pos);
/* Take slug off that list (every time it is there); removing it from the
 * primary list also detaches it from any supplemental list. */
int rf_ranklist_remove(struct rf_ranklist *rl, const char *list, const char *slug);
/* Attach (or detach) supplemental list list to (from) the advanced program
 * adv, rewriting only its header line.  Attaching first detaches adv from
 * any other list: R3 links one supplemental list to an advanced program. */
int rf_ranklist_attach(struct rf_ranklist *rl, const char *list, const char *adv);
int rf_ranklist_detach(struct rf_ranklist *rl, const char *list, const char *adv);

/* Once nd holds a rank list, program.rank is no longer read: setting it
 * would change nothing the user could see.  -1 (reported, naming the
 * rf-rank command for slug) when one of assigns ("section.key=value")
 * sets it and the list exists; 0 otherwise. */
int rf_ranklist_refuse_rank(const struct rf_notesdir *nd, char *const *assigns, size_t n, const char *slug);

#endif
