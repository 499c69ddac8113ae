/* template.h: the shipped templates (program.ini, profile.ini), where they
 * live, and the schema they carry: for every key, the question to ask and the
 * answers it takes, written as "; QUESTION [VOCAB]" right above the key. */
#ifndef RF_TEMPLATE_H
#define RF_TEMPLATE_H

#include "util.h"

enum rf_vocab {
	RF_VOCAB_CHOICE,	/* [yes|no|vague|unknown] */
	RF_VOCAB_NUMBER,	/* [number] */
	RF_VOCAB_POSITION,	/* [position]: a whole number from 1 (a rank) */
	RF_VOCAB_DATE,		/* [date]: YYYY-MM-DD */
	RF_VOCAB_TEXT,		/* [text] */
	RF_VOCAB_SEVERITY,	/* [severity]: low|medium|high or 1-10 */
	RF_VOCAB_NRMP_CODE,	/* [nrmp-code]: 1234420A0 */
};

struct rf_field {
	char *section, *key;	/* key "*" for a section of free keys */
	char *question;
	enum rf_vocab vocab;
	struct rf_strv choices;	/* RF_VOCAB_CHOICE */
	char *default_value;	/* as written in the template */
	unsigned lineno;
};

struct rf_template {
	char *path;
	struct rf_field *fields;	/* in template order */
	size_t n;
	size_t *by_name;		/* fields' indices by section, key, then index */
};

/* Path of a shipped file: $RF_SHARE/NAME, else ../share/rf/NAME or
 * ../templates/NAME beside the running binary.  Caller frees; reports and
 * returns NULL when none exists. */
char *rf_share_path(const char *name);

/* Load and parse a template.  Reports "PATH:LINE: problem" and returns -1. */
int rf_template_load(struct rf_template *t, const char *path);
void rf_template_free(struct rf_template *t);
/* Index the fields by name for the lookups below, which rf-ask and the
 * report make for every rule of every note (rf_template_load does it; a
 * template built by hand calls it after its last field). */
void rf_template_index(struct rf_template *t);

/* The field for section.key (a free section's "*" field when the section
 * takes free keys), or NULL. */
const struct rf_field *rf_template_field(const struct rf_template *t, const char *section, const char *key);
/* 1 when the template has the section. */
int rf_template_has_section(const struct rf_template *t, const char *section);
/* Nearest "section.key" to a misspelt one, or NULL; caller frees. */
char *rf_template_suggest(const struct rf_template *t, const char *section, const char *key);
/* Position of a field in template order (for sorting), or t->n. */
size_t rf_template_rank(const struct rf_template *t, const char *section, const char *key);

/* NULL when value fits the field, else what is wrong (caller frees).
 * Empty, "unknown" and "vague" fit every field. */
char *rf_field_check(const struct rf_field *f, const char *value);

/* The position an NRMP program code names by its type letter: a code is
 * the institution's 4 digits, the specialty's 3, the letter and a track
 * number of 1 to 3 digits (1234420A0).  "advanced" (A), "categorical" (C,
 * and M for primary care), "preliminary" (P; "transitional" for the
 * transitional-year specialty 999), "physician" (R); NULL when code has
 * not that shape. */
const char *rf_field_nrmp_position(const char *code);

#endif
