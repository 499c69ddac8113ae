/* The moves between two versions of the rank list: the fewest that explain
 * the new order, the hint for a swap of neighbours, the phrases, the
 * commit message, and rf-commit's description of a change. */
#include <stdlib.h>

#include "rankmoves.h"
#include "unit.h"

static int parse(struct rf_ranklist *rl, const char *text)
{
	return rf_ranklist_parse(rl, "ranks.txt", text, strlen(text));
}

/* The phrases of the moves from text a to text b, hint as given. */
static char *moves(const char *a, const char *b, const char *hint)
{
	struct rf_ranklist la, lb;
	struct rf_rankmoves m;
	struct rf_buf out = RF_BUF_INIT;
	if (parse(&la, a) < 0 || parse(&lb, b) < 0)
		abort();
	rf_rankmoves_diff(&la, &lb, hint, &m);
	for (size_t i = 0; i < m.n; i++) {
		char *p = rf_rankmoves_phrase(&m.v[i]);
		rf_buf_addf(&out, "%s%s", i ? ", " : "", p);
		free(p);
	}
	if (m.layout_only)
		rf_buf_adds(&out, "(layout)");
	rf_rankmoves_free(&m);
	rf_ranklist_free(&la);
	rf_ranklist_free(&lb);
	return rf_buf_detach(&out);
}

static void check_moves(struct unit *u, const char *a, const char *b, const char *hint, const char *want)
{
	char *got = moves(a, b, hint);
	CHECK_STR(u, got, want);
	free(got);
}

static void test_diff(struct unit *u)
{
	check_moves(u, "a\nb\nc\nmercy\n", "mercy\na\nb\nc\n", NULL, "mercy 4 → 1");
	check_moves(u, "crest\na\nb\nc\n", "a\nb\nc\ncrest\n", NULL, "crest 1 → 4");
	/* Neighbours swapped: the one that went up, unless the hint says. */
	check_moves(u, "a\nb\nc\n", "b\na\nc\n", NULL, "b 2 → 1");
	check_moves(u, "a\nb\nc\n", "b\na\nc\n", "a", "a 1 → 2");
	check_moves(u, "a\nb\nc\n", "b\na\nc\n", "b", "b 2 → 1");
	check_moves(u, "a\nb\nc\nd\ne\n", "a\nlake\nc\nb\nd\n", NULL, "b 2 → 4, + lake at 2, - e (was 5)");
	check_moves(u, "a\nb\n", "# new comment\na\n\nb\n", NULL, "(layout)");
	check_moves(u, "a\n", "a\n", NULL, "");
	check_moves(u, "a\n[supplemental p] for a\nx\ny\n", "a\n[supplemental p]\ny\nx\nz\n[supplemental q] for a\n", NULL,
		    "p: y 2 → 1, p: + z at 3, p detached from a, new supplemental list q, q attached to a");
	check_moves(u, "a\n[supplemental p]\nx\n", "a\n", NULL, "supplemental list p removed");
	check_moves(u, "", "a\nb\n", NULL, "+ a at 1, + b at 2");
}

static void test_message(struct unit *u)
{
	struct rf_ranklist la, lb;
	struct rf_rankmoves m;
	parse(&la, "a\nb\nc\n");
	parse(&lb, "c\na\nb\n");
	rf_rankmoves_diff(&la, &lb, NULL, &m);
	char *msg = rf_rankmoves_message(&m);
	CHECK_STR(u, msg, "rank: c 3 → 1\n");
	free(msg);
	rf_rankmoves_free(&m);
	rf_ranklist_free(&lb);
	parse(&lb, "alpha-program\nbeta-program\ngamma-program\ndelta-program\nepsilon-program\n");
	rf_rankmoves_diff(&la, &lb, NULL, &m);
	msg = rf_rankmoves_message(&m);
	CHECK_STR(u, msg, "rank: 8 changes\n\n+ alpha-program at 1\n+ beta-program at 2\n+ gamma-program at 3\n"
			  "+ delta-program at 4\n+ epsilon-program at 5\n- a (was 1)\n- b (was 2)\n- c (was 3)\n");
	free(msg);
	rf_rankmoves_free(&m);
	rf_ranklist_free(&la);
	rf_ranklist_free(&lb);

	struct rf_strv ph = RF_STRV_INIT;
	rf_rankmoves_describe("a\nb\n", 4, "b\na\n", 4, NULL, &ph);
	rf_rankmoves_describe(NULL, 0, "a\n", 2, NULL, &ph);
	rf_rankmoves_describe("a\n", 2, "a\nBad Line\n", 11, NULL, &ph);
	rf_rankmoves_describe("a\n", 2, NULL, 0, NULL, &ph);
	rf_rankmoves_describe("a\n", 2, "# c\na\n", 6, NULL, &ph);
	CHECK(u, ph.n == 5);
	if (ph.n == 5) {
		CHECK_STR(u, ph.v[0], "b 2 → 1");
		CHECK_STR(u, ph.v[1], "+ a at 1");
		CHECK_STR(u, ph.v[2], "does not parse (line 2)");
		CHECK_STR(u, ph.v[3], "deleted");
		CHECK_STR(u, ph.v[4], "comments and layout only");
	}
	rf_strv_free(&ph);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	RUN(&u, test_diff);
	RUN(&u, test_message);
	return UNIT_DONE(&u);
}
