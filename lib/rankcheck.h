/* rankcheck.h: the rank list checked against the NRMP's rules and the
 * article's advice.  What each listed program's note says at one version
 * (track, position, status, risk, marks, open questions, conflicts), and
 * the findings: each names its list, rank, program and rule, and each
 * rule has the sentence behind it (the article's words, or the NRMP's
 * rule as the NRMP's applicant pages state it). */
#ifndef RF_RANKCHECK_H
#define RF_RANKCHECK_H

#include <stddef.h>

#include <git2.h>

#include "noteset.h"
#include "ranklist.h"
#include "score.h"
#include "template.h"

/* A program on the list, as its note has it at the version checked. */
struct rf_rankprog {
	char *slug;
	int missing;		/* no note */
	char *broken;		/* "FILE:LINE: problem" when iniparser rejects the note, else NULL */
	char *track, *status;	/* "" when unset */
	char *position;		/* program.position, else the one program.nrmp_code's letter names, else "" */
	char *nrmp_code;
	struct rf_score score;	/* zero unless the note parses */
	unsigned conflicts;	/* answers in [conflicts] still to decide */
	unsigned open;		/* open questions at stake (rf-ask's, each able to flag a domain) */
};

enum rf_rank_severity { RF_RANK_WARNING, RF_RANK_ERROR };

struct rf_rankfinding {
	enum rf_rank_severity severity;
	char *list;		/* NULL: the primary list */
	size_t rank;		/* place on that list from 1; 0: the list as a whole */
	char *program;		/* the program it is about, or NULL */
	const char *rule;	/* rf_rankcheck_rules' id */
	char *message;
};

/* Everything owned; free with rf_rankcheck_free (safe on { 0 }). */
struct rf_rankcheck {
	struct rf_rankprog *progs;	/* every program on a list or attached to one, sorted by slug */
	size_t nprogs;
	struct rf_rankfinding *v;	/* by list (primary first), then rank */
	size_t n, errors, warnings;
};

/* A rule: its id, where it comes from ("NRMP", "article", "rf") and the
 * sentence behind it (the article's words exactly). */
struct rf_rankrule {
	const char *id, *source, *text;
};

/* Every rule, in the order rf-rank(1) lists them; ended by { NULL }. */
extern const struct rf_rankrule rf_rankcheck_rules[];
/* The rule with that id, or NULL. */
const struct rf_rankrule *rf_rankcheck_rule(const char *id);

/* Read what the notes say at commit (the work tree when NULL) about every
 * program of rl, and check rl.  s gives the risk, the profile's
 * rank.fee_covered and rank.open_questions; t the questions.  A note that
 * does not parse is a finding, not an error; -1 only when a note cannot be
 * read at all (reported). */
int rf_rankcheck_run(struct rf_rankcheck *out, const struct rf_ranklist *rl, const struct rf_scorer *s,
		     const struct rf_template *t, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit);
/* The same through ns (its notes directory, store and commit), which
 * keeps the notes read for whatever reads them next. */
int rf_rankcheck_run_notes(struct rf_rankcheck *out, const struct rf_ranklist *rl, const struct rf_scorer *s,
			   const struct rf_template *t, struct rf_noteset *ns);
void rf_rankcheck_free(struct rf_rankcheck *c);

/* What the note of slug says at commit (the work tree when NULL), into p
 * (free with rf_rankprog_free).  Reports and returns -1 only when the note
 * cannot be read at all. */
int rf_rankprog_read(struct rf_rankprog *p, const char *slug, const struct rf_scorer *s,
		     const struct rf_template *t, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit);
void rf_rankprog_free(struct rf_rankprog *p);

/* The facts about slug, or NULL when it is on no list. */
const struct rf_rankprog *rf_rankcheck_prog(const struct rf_rankcheck *c, const char *slug);

/* "pattern,dealbreaker,conflict" (those that apply, or ""); caller frees. */
char *rf_rankprog_marks(const struct rf_rankprog *p);

/* A finding as one line: "rank 1 crestview: warning: MESSAGE [RULE]",
 * "prelims rank 2 st-joe: ...", "prelims: ..." for a list as a whole.
 * Caller frees. */
char *rf_rankfinding_line(const struct rf_rankfinding *f);

#endif
