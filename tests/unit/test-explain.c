/* rf-score --explain over generated notes: the compact table sums exactly
 * to the risk, like the verbose one, and a fresh note's explanation is
 * short enough to read. */
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include "explain.h"
#include "unit.h"

static uint64_t next(uint64_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static char *shipped(const char *name)
{
	const char *share = getenv("RF_SHARE");
	char *path = rf_xasprintf("templates/%s", name);
	if (access(path, R_OK) != 0 && share) {
		free(path);
		path = rf_xasprintf("%s/%s", share, name);
	}
	return path;
}

static int load(struct rf_scorer *s, const char *profile)
{
	struct rf_buf text = RF_BUF_INIT;
	char *path = shipped("rules.ini");
	int r = rf_read_file(path, &text);
	if (r == 0)
		r = rf_rules_parse(&s->rules, path, text.buf, text.len);
	free(path);
	rf_buf_free(&text);
	if (r == 0 && rf_profile_parse(&s->profile, "profile", profile, strlen(profile)) < 0) {
		rf_rules_free(&s->rules);
		r = -1;
	}
	return r;
}

static void score(const struct rf_scorer *s, const char *text, struct rf_score *sc)
{
	struct rf_note note;
	rf_note_parse(&note, "gen.ini", text, strlen(text), 1);
	rf_score_note(s, &note, sc);
	rf_note_free(&note);
}

static char *render(const struct rf_table *t, enum rf_format f)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	rf_table_print(t, f, out);
	fclose(out);
	return buf;
}

/* The value column of every row but the total sums to the total, which is
 * the risk. */
static int sums_exactly(const struct rf_table *t, const struct rf_score *sc)
{
	long sum = 0, total = -1;
	for (size_t r = 0; r < t->nrows; r++) {
		long v;
		const char *cell = t->cells[r * t->ncols + 6];
		if (rf_hundredths_parse(cell, &v) < 0)
			return 0;
		if (!strcmp(t->cells[r * t->ncols], "total"))
			total = v;
		else
			sum += v;
	}
	return total == sum && total == sc->risk;
}

/* A note with each rule's key at a random answer of its own, a number, an
 * unknown or a vague, and sometimes a quote or a red flag. */
static char *generate(const struct rf_rules *r, uint64_t *seed)
{
	struct rf_buf b = RF_BUF_INIT;
	const char *section = "";
	for (size_t i = 0; i < r->nrules; i++) {
		const struct rf_rule *rule = &r->rules[i];
		if (strcmp(section, rule->section) != 0)
			rf_buf_addf(&b, "[%s]\n", section = rule->section);
		uint64_t k = next(seed) % (rule->nparts + 3);
		const char *v = k < rule->nparts ? (rule->parts[k].op == RF_MATCH_ANSWER ? rule->parts[k].answer : "42")
			      : k == rule->nparts ? "unknown" : k == rule->nparts + 1 ? "vague" : "";
		rf_buf_addf(&b, "%s = %s\n", rule->key, v);
	}
	if (next(seed) % 2)
		rf_buf_adds(&b, "[quotes]\n2026-12-05 pd = \"We can look into it after you match\"\n");
	if (next(seed) % 2)
		rf_buf_adds(&b, "[red_flags]\nmine = high\n");
	return rf_buf_detach(&b);
}

static void test_generated_notes(struct unit *u)
{
	static const char *const profiles[] = {
		"[applicant]\nvisa_needed = h1b\n",
		"[applicant]\nvisa_needed = either\n[weights]\nvisa = 1.5\nculture = 0.33\n",
		"[applicant]\nvisa_needed = none\nimg = no\n",
	};
	uint64_t seed = 0x2545F4914F6CDD1Dull;
	size_t notes = 0;
	for (size_t p = 0; p < sizeof(profiles) / sizeof(*profiles); p++) {
		struct rf_scorer s;
		memset(&s, 0, sizeof(s));
		CHECK(u, load(&s, profiles[p]) == 0);
		if (u->bad)
			return;
		for (int n = 0; n < 60; n++) {
			char *text = generate(&s.rules, &seed);
			struct rf_score sc;
			score(&s, text, &sc);
			struct rf_table compact, verbose;
			rf_explain_table(&sc, 0, &compact);
			rf_explain_table(&sc, 1, &verbose);
			if (!sums_exactly(&compact, &sc) || !sums_exactly(&verbose, &sc)) {
				printf("# the explanation does not sum to %ld for:\n%s", sc.risk, text);
				u->bad++;
			}
			/* verbose: one row per contribution and the total */
			CHECK(u, verbose.nrows == sc.n + 1);
			CHECK(u, compact.nrows <= verbose.nrows);
			rf_table_free(&compact);
			rf_table_free(&verbose);
			rf_score_free(&sc);
			free(text);
			notes++;
		}
		rf_rules_free(&s.rules);
		rf_profile_free(&s.profile);
	}
	printf("# %zu notes explained\n", notes);
}

/* The shipped template, as rf-new makes it: under 30 lines of text, one
 * row of unknowns per domain, and the known share said. */
static void test_fresh_note(struct unit *u)
{
	struct rf_scorer s;
	memset(&s, 0, sizeof(s));
	CHECK(u, load(&s, "[applicant]\nvisa_needed = h1b\n") == 0);
	struct rf_buf text = RF_BUF_INIT;
	char *path = shipped("program.ini");
	CHECK(u, rf_read_file(path, &text) == 0);
	free(path);
	if (u->bad)
		return;
	struct rf_score sc;
	score(&s, text.buf, &sc);
	struct rf_table t;
	rf_explain_table(&sc, 0, &t);
	char *out = render(&t, RF_FORMAT_TEXT), *footer = rf_explain_footer(&sc);
	size_t lines = 0;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	for (const char *p = footer; *p; p++)
		lines += *p == '\n';
	CHECK(u, lines < 30);
	CHECK(u, sums_exactly(&t, &sc));
	CHECK(u, sc.known == 0 && sc.stake > 0);
	CHECK(u, !strncmp(footer, "known 0%: 0 of the ", 19));
	CHECK(u, strstr(out, "culture      ") && strstr(out, " keys   unknown  default unknown"));
	if (u->bad)
		printf("%s%s", out, footer);
	free(out);
	free(footer);
	rf_table_free(&t);
	rf_score_free(&sc);
	rf_buf_free(&text);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

/* Rows that differ are not folded: one unknown stays a row of its own,
 * and unknowns with different points keep their sum but lose "points". */
static void test_folding(struct unit *u)
{
	struct rf_scorer s;
	static const char rules[] = "[defaults]\nunknown = 0.25\n[visa]\nh1b = no:12, unknown:1\nj1 = no:6\n"
				    "[culture]\nretaliation = yes:12\nstaff_tone = hostile:8\nabusive_teaching = yes:10\n"
				    "[outcomes]\nforced_to_dr = yes:10\n";
	CHECK(u, rf_rules_parse(&s.rules, "r", rules, strlen(rules)) == 0);
	CHECK(u, rf_profile_parse(&s.profile, "p", "", 0) == 0);
	if (u->bad)
		return;
	struct rf_score sc;
	score(&s, "[culture]\nretaliation = yes\n", &sc);
	struct rf_table t;
	rf_explain_table(&sc, 0, &t);
	char *out = render(&t, RF_FORMAT_TSV);
	CHECK_STR(u, out, "domain\tkey\tanswer\trule\tpoints\tweight\tvalue\n"
			  "visa\t2 keys\tunknown\t\t\t1\t1.25\n"
			  "culture\tculture.retaliation\tyes\tyes:12\t12\t1\t12\n"
			  "culture\t2 keys\tunknown\tdefault unknown\t0.25\t1\t0.5\n"
			  "outcomes\toutcomes.forced_to_dr\tunknown\tdefault unknown\t0.25\t1\t0.25\n"
			  "total\t\t\t\t\t\t14\n");
	free(out);
	rf_table_free(&t);
	rf_score_free(&sc);
	rf_rules_free(&s.rules);
	rf_profile_free(&s.profile);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_generated_notes);
	RUN(&u, test_fresh_note);
	RUN(&u, test_folding);
	return UNIT_DONE(&u);
}
