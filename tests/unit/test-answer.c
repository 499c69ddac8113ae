/* Cells as answers: the words sheets use, brought to each vocabulary. */
#include <stdlib.h>

#include "answer.h"
#include "unit.h"

static struct rf_template t;

static const struct rf_field *field(const char *section, const char *key)
{
	return rf_template_field(&t, section, key);
}

/* The normalised value, or "!" followed by the problem. */
static char *norm(const char *section, const char *key, const char *cell, int decimal)
{
	char *out, *problem, *name = rf_xasprintf("%s.%s", section, key);
	int r = rf_answer_normalize(section ? field(section, key) : NULL, name, cell, decimal, &out, &problem);
	free(name);
	if (r < 0) {
		char *msg = rf_xasprintf("!%s", problem);
		free(problem);
		return msg;
	}
	return out;
}

#define NORM(u, s, k, cell, want)                                    \
	do {                                                         \
		char *got_ = norm(s, k, cell, RF_ANSWER_DECIMAL_POINT); \
		CHECK_STR(u, got_, want);                            \
		free(got_);                                          \
	} while (0)

static void yes_no_and_choices(struct unit *u)
{
	NORM(u, "visa", "h1b", "Yes", "yes");
	NORM(u, "visa", "h1b", " TRUE ", "yes");
	NORM(u, "visa", "h1b", "\u2713", "yes");
	NORM(u, "visa", "h1b", "1", "yes");
	NORM(u, "visa", "h1b", "N", "no");
	NORM(u, "visa", "h1b", "\u2717", "no");
	NORM(u, "visa", "h1b", "Case by case", "case-by-case");
	NORM(u, "visa", "h1b", "case_by_case", "case-by-case");
	NORM(u, "visa", "h1b", "?", "unknown");
	NORM(u, "visa", "h1b", "N/A", "unknown");
	NORM(u, "visa", "h1b", "Vague", "vague");
	NORM(u, "visa", "h1b", "   ", "");
	NORM(u, "culture", "response_to_concerns", "Blames residents", "blames_residents");
	NORM(u, "program", "track", "IR Integrated", "ir-integrated");
	/* yes and no only where the key takes them. */
	NORM(u, "program", "track", "yes",
	     "!'yes' is not an answer program.track takes: ir-integrated, ir-independent, dr, dr-esir, other, "
	     "vague, unknown");
	NORM(u, "visa", "h1b", "maybe", "!'maybe' is not an answer visa.h1b takes: yes, no, case-by-case, vague, unknown");
}

static void numbers_and_dates(struct unit *u)
{
	NORM(u, "outcomes", "abr_core_pass_pct", "85%", "85");
	NORM(u, "outcomes", "abr_core_pass_pct", "87.5 %", "87.5");
	NORM(u, "workload", "annual_ir_procedures", "9,200", "9200");
	NORM(u, "workload", "annual_ir_procedures", "1,234,567.5", "1234567.5");
	NORM(u, "workload", "annual_ir_procedures", "12,34",
	     "!'12,34' is not an answer workload.annual_ir_procedures takes: a number (85, 87.5 or 85%), unknown or vague");
	NORM(u, "workload", "annual_ir_procedures", "0x10",
	     "!'0x10' is not an answer workload.annual_ir_procedures takes: a number (85, 87.5 or 85%), unknown or vague");
	NORM(u, "workload", "annual_ir_procedures", "n/a", "unknown");
	char *g = norm("outcomes", "abr_core_pass_pct", "87,5", RF_ANSWER_DECIMAL_COMMA);
	CHECK_STR(u, g, "87.5");
	free(g);
	NORM(u, "program", "interview_date", "2026-12-05", "2026-12-05");
	NORM(u, "program", "interview_date", "2026-12-05 00:00:00", "2026-12-05");
	NORM(u, "program", "interview_date", "12/5/2026",
	     "!'12/5/2026' is not an answer program.interview_date takes: a date YYYY-MM-DD, unknown or vague");
	NORM(u, "program", "interview_date", "2026-12-05 10:30",
	     "!'2026-12-05 10:30' is not an answer program.interview_date takes: a date YYYY-MM-DD, unknown or vague");
}

static void severities_and_text(struct unit *u)
{
	NORM(u, "red_flags", "no_post_call", "High", "high");
	NORM(u, "red_flags", "no_post_call", "HIGH ; after call", "high ; after call");
	NORM(u, "red_flags", "no_post_call", "7", "7");
	NORM(u, "red_flags", "no_post_call", "11",
	     "!'11' is not an answer red_flags.no_post_call takes: low, medium, high or 1-10, then an optional '; comment'");
	/* Free text keeps its words, spaces and all; "?" is words too. */
	NORM(u, "notes", "tour", " Busy; but OK ", " Busy; but OK ");
	NORM(u, "notes", "tour", "?", "?");
	NORM(u, "notes", "tour", " \t", "");
	NORM(u, NULL, NULL, "Yes", "Yes");
}

static void positions_and_nrmp_codes(struct unit *u)
{
	NORM(u, "program", "rank", " 3 ", "3");
	NORM(u, "program", "rank", "2.5",
	     "!'2.5' is not an answer program.rank takes: a whole number from 1 (1 = first choice), unknown or vague");
	NORM(u, "program", "nrmp_code", " 1234420a0 ", "1234420A0");
	NORM(u, "program", "nrmp_code", "N/A", "unknown");
	NORM(u, "program", "nrmp_code", "12344",
	     "!'12344' is not an answer program.nrmp_code takes: an NRMP program code (1234420A0), unknown or vague");
}

static void joins_line_breaks(struct unit *u)
{
	int j;
	char *s = rf_answer_join_lines("a\r\nb\n\nc\rd", &j);
	CHECK_STR(u, s, "a b c d");
	CHECK(u, j == 1);
	free(s);
	s = rf_answer_join_lines("one line", &j);
	CHECK_STR(u, s, "one line");
	CHECK(u, j == 0);
	free(s);
	s = rf_answer_join_lines("", &j);
	CHECK_STR(u, s, "");
	free(s);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	if (rf_template_load(&t, "templates/program.ini") < 0)
		return 1;
	RUN(&u, yes_no_and_choices);
	RUN(&u, numbers_and_dates);
	RUN(&u, severities_and_text);
	RUN(&u, positions_and_nrmp_codes);
	RUN(&u, joins_line_breaks);
	rf_template_free(&t);
	return UNIT_DONE(&u);
}
