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
void rf_ask_free(struct rf_ask *a);

#endif
