/* score.h: a note's risk under the rules and the profile, with every
 * contribution kept so that `rf-score --explain` can show its sum. */
#ifndef RF_SCORE_H
#define RF_SCORE_H

#include <stddef.h>
#include <stdint.h>

#include "note.h"
#include "notesdir.h"
#include "rules.h"

enum rf_contrib_kind { RF_CONTRIB_ANSWER, RF_CONTRIB_UNKNOWN, RF_CONTRIB_VAGUE, RF_CONTRIB_PHRASE,
		       RF_CONTRIB_FLAG, RF_CONTRIB_PATTERN };

struct rf_contribution {
	enum rf_contrib_kind kind;
	int domain;		/* index in rf_domains, -1 for the pattern */
	char *key;		/* "visa.h1b", a quote key, a red flag name */
	char *answer;		/* what the note says (or the phrase found) */
	char *rule;		/* the rule part that matched: "no:12", "default unknown" */
	long points, weight, value;	/* hundredths; value = points x weight, rounded */
	char *outweighed;	/* the [best_of] whose better group counts instead (value 0),
				 * NULL when the contribution counts */
};

/* A plain value: it owns its strings (but tier, lent by the rules) and
 * points into nothing of the note, so it can be kept apart from it. */
struct rf_score {
	long risk;		/* hundredths: exactly the sum of the values */
	struct rf_contribution *v;
	size_t n;
	unsigned flagged;	/* bit per domain with a red answer */
	unsigned vague;		/* bit per domain with a vague answer that counts */
	unsigned nflagged, unknowns, green;
	int pattern;
	long stake, known;	/* hundredths: the most the rules that count could add
				 * (weighted), and the part of it already answered */
	char *dealbreaker;	/* "visa.h1b = no", or NULL */
	const char *tier;	/* lent by the rules */
};

struct rf_scorer {
	struct rf_rules rules;
	struct rf_profile profile;
	uint64_t key;	/* a checksum of the rules' and the profile's names and texts:
			 * what a note's score depends on besides the note */
};

/* Load the rules (rules.ini in the notes directory, else the shipped one)
 * and the profile (profile.ini there, else the shipped template).  Reports
 * "FILE:LINE: problem" and returns -1.  Free with rf_scorer_free. */
int rf_scorer_load(struct rf_scorer **out, const struct rf_notesdir *nd);
void rf_scorer_free(struct rf_scorer *s);

/* Score a note read through iniparser under the rules that count for the
 * profile (rf_rules_counts), the better group of each [best_of] only.
 * Never fails.  Free with rf_score_free. */
void rf_score_note(const struct rf_scorer *s, const struct rf_note *note, struct rf_score *out);
void rf_score_free(struct rf_score *sc);

/* Just the risk (for history views); -1 when the note cannot be read. */
int rf_scorer_risk(const struct rf_scorer *s, const struct rf_note *note, double *risk);
/* How a risk is printed everywhere: the shortest exact decimal ("12.25"). */
void rf_risk_format(double risk, char buf[32]);
/* Comma list of the flagged domains ("visa,culture"), or "" ; caller frees. */
char *rf_score_flagged_list(const struct rf_score *sc);
/* How much of the stake is answered, in whole percent rounded down (100
 * only when all of it is; 100 when nothing is at stake). */
unsigned rf_score_known_pct(const struct rf_score *sc);

#endif
