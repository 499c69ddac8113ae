/* Small helpers of lib/util.c with logic: the edit distance behind every
 * "did you mean", shell quoting for the command lines messages suggest,
 * percent-decoding for URLs and git's credential store. */
#include "unit.h"
#include "util.h"

static void test_edit_distance(struct unit *u)
{
	CHECK(u, rf_edit_distance("", "") == 0);
	CHECK(u, rf_edit_distance("set", "set") == 0);
	CHECK(u, rf_edit_distance("", "abc") == 3);
	CHECK(u, rf_edit_distance("abc", "") == 3);
	CHECK(u, rf_edit_distance("sett", "set") == 1);
	CHECK(u, rf_edit_distance("nwe", "new") == 1);	/* a swap is one slip */
	CHECK(u, rf_edit_distance("mercy-genral", "mercy-general") == 1);
	CHECK(u, rf_edit_distance("sco", "set") == 2);
	CHECK(u, rf_edit_distance("kitten", "sitting") == 3);
	CHECK(u, rf_edit_distance("ca", "abc") == 3);	/* no edits of a swapped pair */
	CHECK(u, rf_edit_distance("visa.h1", "visa.h1b") == 1);
}

static void test_pct_decode(struct unit *u)
{
	char *s = rf_pct_decode("a%40b%3a%2Fc", 12);
	CHECK_STR(u, s, "a@b:/c");
	free(s);
	/* Not two hex digits, or cut off by n: the '%' stays. */
	s = rf_pct_decode("100%%zz%4", 9);
	CHECK_STR(u, s, "100%%zz%4");
	free(s);
	s = rf_pct_decode("x%41yz", 3);
	CHECK_STR(u, s, "x%4");
	free(s);
	s = rf_pct_decode("", 0);
	CHECK_STR(u, s, "");
	free(s);
}

static void test_shell_quote(struct unit *u)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_shell_quote(&b, "St. Mary's");
	CHECK_STR(u, b.buf, "'St. Mary'\\''s'");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "");
	CHECK_STR(u, b.buf, "''");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "mercy-general");
	CHECK_STR(u, b.buf, "mercy-general");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "Mercy General");
	CHECK_STR(u, b.buf, "'Mercy General'");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "東京");
	CHECK_STR(u, b.buf, "'東京'");
	rf_buf_free(&b);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_edit_distance);
	RUN(&u, test_shell_quote);
	RUN(&u, test_pct_decode);
	return UNIT_DONE(&u);
}
