/* ask.h: the questions still open for a program (unknown, empty or vague
 * answers), most points at stake first, each with the template's wording. */
#ifndef RF_ASK_H
#define RF_ASK_H

#include "note.h"
#include "score.h"
#include "template.h"

struct rf_ask_item {
	int domain;		/* index in rf_domains */
	char *key;		/* "visa.h1b" */
	char *answer;		/* "unknown" or "vague" */
	long stake;		/* hundredths: most points the answer could add, weighted */
	const char *question;	/* lent by the template */
};

struct rf_ask {
	struct rf_ask_item *v;
	size_t n;
};

/* The open items of note: one per rule whose answer is unknown or vague,
 * grouped by domain (the domain with the highest stake first), within a
 * domain highest stake first, then template order.  Derived values are left
 * out (their inputs are asked instead), and so are the rules that do not
 * count for the profile (an H-1B question for a J-1 applicant). */
void rf_ask_build(const struct rf_scorer *s, const struct rf_template *t, const struct rf_note *note,
		  struct rf_ask *out);

/* How a note answers a rule, as far as asking goes. */
enum { RF_OPEN_NO = 0, RF_OPEN_UNKNOWN = 1, RF_OPEN_VAGUE = 2 };

/* open[i] for each rule i of s (s->rules.nrules of them): RF_OPEN_UNKNOWN
 * for an empty, missing or unknown answer, RF_OPEN_VAGUE, or RF_OPEN_NO
 * (answered, or a derived value, whose inputs are asked instead). */
void rf_ask_open(const struct rf_scorer *s, const struct rf_note *note, unsigned char *open);

/* rf_ask_build from what rf_ask_open found (as the score cache keeps it). */
void rf_ask_from_open(const struct rf_scorer *s, const struct rf_template *t, const unsigned char *open,
		      struct rf_ask *out);
void rf_ask_free(struct rf_ask *a);

#endif
