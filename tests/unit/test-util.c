/* Small helpers of lib/util.c with logic: the edit distance behind every
 * "did you mean". */
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

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_edit_distance);
	return UNIT_DONE(&u);
}
