#include "answer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "date.h"

/* Words for yes and no that sheets use (check marks, booleans, 1/0). */
static const char *const yes_words[] = { "yes", "y", "true", "1", "\u2713", "\u2714", "\u2611", "\u2705", NULL };
static const char *const no_words[] = { "no", "n", "false", "0", "\u2717", "\u2718", "\u274C", NULL };
/* "Not asked yet" in a sheet. */
static const char *const unknown_words[] = { "unknown", "?", "??", "n/a", "na", "tbd", "not asked", NULL };

static int in_list(const char *const *list, const char *w)
{
	for (size_t i = 0; list[i]; i++)
		if (!strcmp(list[i], w))
			return 1;
	return 0;
}

/* The cell without surrounding spaces (also U+00A0, which sheets keep
 * from web pages), lowercased when lower is set. */
static char *trimmed(const char *cell, int lower)
{
	const char *s = cell, *e = cell + strlen(cell);
	for (;;) {
		if (s < e && strchr(" \t\r\n", *s))
			s++;
		else if (e - s >= 2 && !memcmp(s, "\xC2\xA0", 2))
			s += 2;
		else
			break;
	}
	for (;;) {
		if (e > s && strchr(" \t\r\n", e[-1]))
			e--;
		else if (e - s >= 2 && !memcmp(e - 2, "\xC2\xA0", 2))
			e -= 2;
		else
			break;
	}
	char *t = rf_xstrndup(s, (size_t)(e - s));
	return lower ? rf_strlower(t) : t;
}

/* Choices compare with '-', '_' and spaces alike ("case by case",
 * "blames residents", "IR Integrated"). */
static int same_choice(const char *typed, const char *choice)
{
	for (;; typed++, choice++) {
		int a = *typed == ' ' || *typed == '_' ? '-' : *typed;
		int b = *choice == ' ' || *choice == '_' ? '-' : *choice;
		if (a != b)
			return 0;
		if (!a)
			return 1;
	}
}

char *rf_answer_allowed(const struct rf_field *f)
{
	struct rf_buf b = RF_BUF_INIT;
	switch (f->vocab) {
	case RF_VOCAB_CHOICE:
		for (size_t i = 0; i < f->choices.n; i++)
			rf_buf_addf(&b, "%s%s", i ? ", " : "", f->choices.v[i]);
		if (!rf_strv_contains(&f->choices, "vague"))
			rf_buf_adds(&b, ", vague");
		if (!rf_strv_contains(&f->choices, "unknown"))
			rf_buf_adds(&b, ", unknown");
		break;
	case RF_VOCAB_NUMBER: rf_buf_adds(&b, "a number (85, 87.5 or 85%), unknown or vague"); break;
	case RF_VOCAB_DATE: rf_buf_adds(&b, "a date YYYY-MM-DD, unknown or vague"); break;
	case RF_VOCAB_SEVERITY: rf_buf_adds(&b, "low, medium, high or 1-10, then an optional '; comment'"); break;
	case RF_VOCAB_TEXT: rf_buf_adds(&b, "any text"); break;
	case RF_VOCAB_POSITION: rf_buf_adds(&b, "a whole number from 1 (1 = first choice), unknown or vague"); break;
	case RF_VOCAB_NRMP_CODE: rf_buf_adds(&b, "an NRMP program code (1234420A0), unknown or vague"); break;
	}
	return rf_buf_detach(&b);
}

static const char digits[] = "0123456789";

/* 1,234,567.5: digit groups of three after each comma; into b without
 * the commas. */
static int thousands(const char *s, struct rf_buf *b)
{
	size_t lead = strspn(s, digits);
	if (lead < 1 || lead > 3 || s[lead] != ',')
		return 0;
	rf_buf_add(b, s, lead);
	for (s += lead; *s == ','; s += 4) {
		if (strspn(s + 1, digits) != 3)
			return 0;
		rf_buf_add(b, s + 1, 3);
	}
	if (*s == '.' && strspn(s + 1, digits) && !s[1 + strspn(s + 1, digits)]) {
		rf_buf_adds(b, s);
		return 1;
	}
	return *s == '\0';
}

/* A plain decimal as rf_parse_number reads it, without strtod's hex,
 * infinities and NaN. */
static int plain_number(const char *s)
{
	double v;
	return *s && s[strspn(s, "0123456789.-+eE")] == '\0' && rf_parse_number(s, &v) == 0;
}

/* t (trimmed) as a number: "85%" is 85; "9,200" is 9200, or in a
 * decimal-comma sheet "87,5" is 87.5.  NULL when it is none. */
static char *number(const char *t, int decimal)
{
	char *s = rf_xstrdup(t);
	size_t n = strlen(s);
	if (n && s[n - 1] == '%') {
		s[--n] = '\0';
		while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
			s[--n] = '\0';
	}
	char *comma = strchr(s, ',');
	struct rf_buf b = RF_BUF_INIT;
	if (comma && decimal == RF_ANSWER_DECIMAL_COMMA && !strchr(comma + 1, ',') && !strchr(s, '.')) {
		*comma = '.';
	} else if (comma && decimal == RF_ANSWER_DECIMAL_POINT && thousands(s, &b)) {
		free(s);
		s = rf_buf_detach(&b);
	}
	rf_buf_free(&b);
	if (plain_number(s))
		return s;
	free(s);
	return NULL;
}

/* YYYY-MM-DD, also with the midnight time a sheet adds to a date cell. */
static char *date(const char *t)
{
	static const char *const midnight[] = { "", " 00:00", " 00:00:00", "T00:00", "T00:00:00", NULL };
	if (strlen(t) < 10)
		return NULL;
	char *d = rf_xstrndup(t, 10);
	if (rf_date_is_ymd(d) && in_list(midnight, t + 10))
		return d;
	free(d);
	return NULL;
}

int rf_answer_normalize(const struct rf_field *f, const char *name, const char *cell, int decimal, char **out,
			char **problem)
{
	*out = NULL;
	*problem = NULL;
	if (!f || f->vocab == RF_VOCAB_TEXT) {
		/* Free text keeps its words; a cell of spaces says nothing. */
		char *t = trimmed(cell, 0);
		*out = rf_xstrdup(*t ? cell : "");
		free(t);
		return 0;
	}
	char *t = trimmed(cell, 0), *low = rf_strlower(rf_xstrdup(t)), *v = NULL;
	if (!*t || in_list(unknown_words, low))
		v = rf_xstrdup(*t ? "unknown" : "");
	else if (!strcmp(low, "vague"))
		v = rf_xstrdup("vague");
	else if (f->vocab == RF_VOCAB_CHOICE) {
		for (size_t i = 0; !v && i < f->choices.n; i++)
			if (same_choice(low, f->choices.v[i]))
				v = rf_xstrdup(f->choices.v[i]);
		if (!v && rf_strv_contains(&f->choices, "yes") && in_list(yes_words, low))
			v = rf_xstrdup("yes");
		if (!v && rf_strv_contains(&f->choices, "no") && in_list(no_words, low))
			v = rf_xstrdup("no");
	} else if (f->vocab == RF_VOCAB_NUMBER) {
		v = number(t, decimal);
	} else if (f->vocab == RF_VOCAB_DATE) {
		v = date(t);
	} else if (f->vocab == RF_VOCAB_POSITION) {
		v = rf_xstrdup(t);
	} else if (f->vocab == RF_VOCAB_NRMP_CODE) {
		/* Sheets often lower-case the type letter; R3 prints it capital. */
		v = rf_xstrdup(t);
		for (char *c = v; *c; c++)
			*c = (char)toupper((unsigned char)*c);
	} else if (f->vocab == RF_VOCAB_SEVERITY) {
		/* "High ; comment": the level is a word, the comment stays. */
		size_t w = strcspn(low, " \t;#");
		struct rf_buf b = RF_BUF_INIT;
		rf_buf_add(&b, low, w);
		rf_buf_adds(&b, t + w);
		v = rf_buf_detach(&b);
	}
	char *bad = v ? rf_field_check(f, v) : NULL;
	if (!v || bad) {
		char *allowed = rf_answer_allowed(f);
		*problem = rf_xasprintf("'%s' is not an answer %s takes: %s", t, name, allowed);
		free(allowed);
		free(bad);
		free(v);
		v = NULL;
	}
	free(t);
	free(low);
	*out = v;
	return v ? 0 : -1;
}

char *rf_answer_join_lines(const char *cell, int *joined)
{
	struct rf_buf b = RF_BUF_INIT;
	*joined = 0;
	for (const char *p = cell; *p;) {
		if (*p == '\r' || *p == '\n') {
			p += strspn(p, "\r\n");
			rf_buf_addc(&b, ' ');
			*joined = 1;
		} else {
			rf_buf_addc(&b, *p++);
		}
	}
	if (!b.buf)
		rf_buf_adds(&b, "");
	return rf_buf_detach(&b);
}
