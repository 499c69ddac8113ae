/* rules.h: the scoring rules (rules.ini) and the applicant's profile
 * (profile.ini), parsed and checked.  Points and weights are kept in
 * hundredths (integers) so that sums shown to the user add up exactly. */
#ifndef RF_RULES_H
#define RF_RULES_H

#include <stddef.h>

#include "note.h"
#include "util.h"

/* The domains a risk is made of, in display order. */
enum { RF_NDOMAINS = 10 };
extern const char *const rf_domains[RF_NDOMAINS];
/* Index of a domain name, or -1. */
int rf_domain_index(const char *name);

enum rf_match { RF_MATCH_ANSWER, RF_MATCH_LT, RF_MATCH_LE, RF_MATCH_GT, RF_MATCH_GE };

struct rf_rule_part {
	enum rf_match op;
	char *answer;	/* RF_MATCH_ANSWER: lowercase answer */
	double number;	/* comparisons */
	long points;	/* hundredths */
	char *text;	/* as written: "<80:8" */
};

struct rf_rule {
	char *section, *key;
	struct rf_rule_part *parts;
	size_t nparts;
	unsigned lineno;
	/* Resolved by rf_rules_parse once the whole file is read: scoring
	 * asks for every rule of every note, and looks nothing up by name. */
	char *path;				/* "section.key" */
	int domain;				/* rf_domain_index(section) */
	long max;				/* rf_rule_max */
	const struct rf_rule_when *when;	/* its [when] entry, or NULL */
	const struct rf_derived *derived;	/* its derived value, or NULL */
	struct rf_note_key lookup;		/* section:key, to ask each note for */
};

struct rf_phrase {
	char *text;	/* lowercase */
	long points;
};

/* section.key = num_section.num_key / den_section.den_key */
struct rf_derived {
	char *section, *key, *num_section, *num_key, *den_section, *den_key;
};

struct rf_tier {
	char *name;
	long from;	/* hundredths */
};

/* A deal-breaker: section.key = answer[,answer...] (rules.ini or the
 * profile's own). */
struct rf_dealbreaker {
	char *section, *key;
	struct rf_strv answers;	/* lowercase */
	unsigned lineno;
};

/* [when] section.key = visa_needed:h1b, img:yes, ...: the rule (or the
 * warning phrase, section "quotes") counts only for a profile that matches
 * one of the conditions. */
struct rf_rule_when {
	char *section, *key;
	struct rf_strv conds;	/* "visa_needed:h1b", "img:yes" */
	unsigned lineno;
};

/* [best_of] name = a.b c.d | e.f: when the rules of two or more groups
 * count, only the group with the fewest points does, and a deal-breaker
 * needs one in every such group. */
struct rf_best_of {
	char *name;
	struct rf_strv *groups;	/* each a list of "section.key" */
	size_t ngroups;
	unsigned lineno;
};

struct rf_rules {
	char *label;
	long unknown, vague, red;	/* hundredths */
	struct rf_rule *rules;
	size_t nrules;
	struct rf_phrase *phrases;
	size_t nphrases;
	struct rf_derived *derived;
	size_t nderived;
	long severity_low, severity_medium, severity_high;
	unsigned pattern_domains;
	long pattern_points;
	int pattern_vague;	/* a domain with a vague answer counts toward the pattern */
	struct rf_tier *tiers;
	size_t ntiers;
	struct rf_rule_when *when;
	size_t nwhen;
	struct rf_best_of *best_of;
	size_t nbest_of;
	struct rf_dealbreaker *dealbreakers;	/* [dealbreakers]: when their rule counts */
	size_t ndealbreakers;
};

/* Parse rules text; label names it in "LABEL:LINE: problem" reports.
 * Returns -1 after reporting the first problem.  Free with rf_rules_free. */
int rf_rules_parse(struct rf_rules *r, const char *label, const char *text, size_t len);
void rf_rules_free(struct rf_rules *r);
/* The rule for section.key, or NULL. */
const struct rf_rule *rf_rules_find(const struct rf_rules *r, const char *section, const char *key);
/* The [when] entry of section.key (a rule, or "quotes" and a phrase), or NULL. */
const struct rf_rule_when *rf_rules_when(const struct rf_rules *r, const char *section, const char *key);
/* The derived value definition for section.key, or NULL. */
const struct rf_derived *rf_rules_derived(const struct rf_rules *r, const char *section, const char *key);
/* Highest points a rule can give for any answer (unknown and vague included). */
long rf_rule_max(const struct rf_rules *r, const struct rf_rule *rule);

struct rf_profile {
	char *label;
	long weight[RF_NDOMAINS];	/* hundredths; 100 when not set */
	char *visa_needed;		/* h1b, j1, either, none (also when empty) */
	int img;			/* applicant.img: 1 unless "no" */
	struct rf_strv tracks;		/* empty: every track */
	struct rf_dealbreaker *dealbreakers;	/* the applicant's own */
	size_t ndealbreakers;
	unsigned rank_fee_covered;	/* [rank] fee_covered: unique programs the fee covers (20) */
	unsigned rank_open_questions;	/* [rank] open_questions: most open in your top 3 (10) */
};

/* Parse profile text as rf_rules_parse does.  Its [dealbreakers] are the
 * applicant's own: those that follow from visa_needed are rules.ini's. */
int rf_profile_parse(struct rf_profile *p, const char *label, const char *text, size_t len);
void rf_profile_free(struct rf_profile *p);
/* 0 when text reads as a profile the way rf-score reads one, else -1
 * (reported by rf_profile_parse, naming label and the line). */
int rf_profile_check(const char *label, const char *text, size_t len);

/* The [best_of] holding section.key and its group there (*group), or NULL. */
const struct rf_best_of *rf_rules_best_of(const struct rf_rules *r, const char *section, const char *key,
					  size_t *group);

/* Parse "12", "0.25", "1.5" (at most two decimals, not negative) into
 * hundredths; returns 0 or -1. */
int rf_hundredths_parse(const char *s, long *out);
/* Format hundredths as the shortest exact decimal: 1200 -> "12", 25 -> "0.25". */
void rf_hundredths_format(long v, char buf[32]);

#endif
