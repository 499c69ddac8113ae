/* [quotes]: the text of a paste made one line, or counted as lines. */
#include <stdlib.h>

#include "quote.h"
#include "unit.h"

static void check_trim(struct unit *u, const char *in, const char *want)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_adds(&b, in);
	rf_quote_trim_end(&b);
	CHECK_STR(u, b.buf, want);
	CHECK(u, b.len == strlen(want));
	rf_buf_free(&b);
}

static void test_trim_end(struct unit *u)
{
	check_trim(u, "service comes first\n", "service comes first");
	check_trim(u, "service comes first\r\n", "service comes first");
	check_trim(u, "service comes first\r\n\r\n\r\n", "service comes first");
	check_trim(u, "service comes first\n\n  \n\t\n", "service comes first");
	check_trim(u, "service comes first\r", "service comes first");
	check_trim(u, "ends in spaces  \n", "ends in spaces  ");	/* the words' own */
	check_trim(u, "two\nlines\n\n", "two\nlines");
	check_trim(u, "\n\n", "");
	check_trim(u, "  ", "  ");
	check_trim(u, "", "");
}

static void test_lines(struct unit *u)
{
	CHECK(u, rf_quote_lines("") == 1);
	CHECK(u, rf_quote_lines("one line") == 1);
	CHECK(u, rf_quote_lines("two\nlines") == 2);
	CHECK(u, rf_quote_lines("two\r\nlines") == 2);
	CHECK(u, rf_quote_lines("old\rmac\rthree") == 3);
	CHECK(u, rf_quote_lines("\n\n") == 3);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_trim_end);
	RUN(&u, test_lines);
	return UNIT_DONE(&u);
}
