/* The template's schema: "; QUESTION [VOCAB]" above each key, and the
 * answers each vocabulary takes. */
#include <stdlib.h>
#include <unistd.h>

#include "template.h"
#include "unit.h"

static int load(struct rf_template *t, const char *text)
{
	char path[] = "/tmp/rf-test-template-XXXXXX";
	int fd = mkstemp(path);
	if (fd < 0 || write(fd, text, strlen(text)) != (ssize_t)strlen(text))
		return -1;
	close(fd);
	int r = rf_template_load(t, path);
	unlink(path);
	return r;
}

/* NULL when value fits, else the problem; compared with want (NULL: fits). */
static void check(struct unit *u, const struct rf_field *f, const char *value, const char *want)
{
	char *got = rf_field_check(f, value);
	if (want)
		CHECK_STR(u, got, want);
	else if (got) {
		printf("# '%s' refused: %s\n", value, got);
		u->bad++;
	}
	free(got);
}

static void test_vocabularies(struct unit *u)
{
	struct rf_template t;
	CHECK(u, load(&t, "[program]\n; Rank? [position]\nrank =\n; Pass rate? [number]\npct =\n"
			  "; Sponsors? [yes|no|vague|unknown]\nh1b = unknown\n[red_flags]\n"
			  "; (free keys) how bad [severity]\n") == 0);
	if (u->bad)
		return;
	const struct rf_field *rank = rf_template_field(&t, "program", "rank");
	const struct rf_field *pct = rf_template_field(&t, "program", "pct");
	const struct rf_field *h1b = rf_template_field(&t, "program", "h1b");
	const struct rf_field *flag = rf_template_field(&t, "red_flags", "anything");
	CHECK(u, rank && rank->vocab == RF_VOCAB_POSITION);
	CHECK(u, pct && h1b && flag && flag->vocab == RF_VOCAB_SEVERITY);
	if (u->bad) {
		rf_template_free(&t);
		return;
	}
	CHECK_STR(u, rank->question, "Rank?");
	check(u, rank, "1", NULL);
	check(u, rank, "300", NULL);
	check(u, rank, "", NULL);
	check(u, rank, "unknown", NULL);
	static const char *const bad[] = { "0", "-1", "+1", "02", "2.5", "1e2", "first", " 3", "3 ", "1234567" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++) {
		char *want = rf_xasprintf("'%s' is not a whole number from 1", bad[i]);
		check(u, rank, bad[i], want);
		free(want);
	}
	check(u, pct, "87.5", NULL);
	check(u, pct, "87%", "'87%' is not a number");
	check(u, h1b, "case-by-case", "'case-by-case' is not one of: yes, no, vague, unknown");
	check(u, flag, "7 ; comment", NULL);
	check(u, flag, "11", "'11' is not a severity (low, medium, high or 1-10)");
	rf_template_free(&t);
}

/* What the lookups mean, along the template: the first field of that
 * name, else the section's last free-key field; its place, else the place
 * of the section's last field, else the end. */
static const struct rf_field *field_along(const struct rf_template *t, const char *section, const char *key)
{
	const struct rf_field *wild = NULL;
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->fields[i].section, section))
			continue;
		if (!strcmp(t->fields[i].key, key))
			return &t->fields[i];
		if (!strcmp(t->fields[i].key, "*"))
			wild = &t->fields[i];
	}
	return wild;
}

static size_t rank_along(const struct rf_template *t, const char *section, const char *key)
{
	size_t end = t->n;
	for (size_t i = 0; i < t->n; i++) {
		if (strcmp(t->fields[i].section, section))
			continue;
		if (!strcmp(t->fields[i].key, key))
			return i;
		end = i;
	}
	return end;
}

/* The shipped template and one whose sections come back: every field,
 * names it does not have, and a free section, by the index as along. */
static void test_lookups(struct unit *u)
{
	struct rf_template t, odd;
	CHECK(u, rf_template_load(&t, "templates/program.ini") == 0);
	CHECK(u, load(&odd, "[b]\n; B? [text]\nz =\n[a]\n; A? [text]\ny =\n[b]\n; B2? [text]\na =\n"
			    "[free]\n; (free keys) any [text]\n[a]\n; A2? [text]\nx =\n") == 0);
	if (u->bad)
		return;
	const struct rf_template *ts[] = { &t, &odd };
	static const char *const extra[][2] = { { "visa", "nosuch" }, { "nosuch", "h1b" }, { "free", "anything" },
						{ "free", "*" }, { "a", "w" }, { "b", "zz" }, { "", "" }, { "red_flags", "x" } };
	for (size_t k = 0; k < 2; k++) {
		const struct rf_template *x = ts[k];
		CHECK(u, x->n > 0);
		for (size_t i = 0; i < x->n; i++) {
			const char *sec = x->fields[i].section, *key = x->fields[i].key;
			CHECK(u, rf_template_field(x, sec, key) == field_along(x, sec, key));
			CHECK(u, rf_template_rank(x, sec, key) == rank_along(x, sec, key));
			CHECK(u, rf_template_rank(x, sec, "zzz-none") == rank_along(x, sec, "zzz-none"));
		}
		for (size_t i = 0; i < sizeof(extra) / sizeof(*extra); i++) {
			CHECK(u, rf_template_field(x, extra[i][0], extra[i][1]) == field_along(x, extra[i][0], extra[i][1]));
			CHECK(u, rf_template_rank(x, extra[i][0], extra[i][1]) == rank_along(x, extra[i][0], extra[i][1]));
		}
	}
	CHECK(u, rf_template_rank(&odd, "b", "none") == 2 && rf_template_rank(&odd, "a", "none") == 4);
	rf_template_free(&t);
	rf_template_free(&odd);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_vocabularies);
	RUN(&u, test_lookups);
	return UNIT_DONE(&u);
}
