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

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_vocabularies);
	return UNIT_DONE(&u);
}
