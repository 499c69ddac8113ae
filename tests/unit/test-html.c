/* Unit tests for lib/html.c: note text is shown as written and can never
 * become markup. */
#include <stdlib.h>

#include "html.h"
#include "unit.h"

static char *text(const char *s)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_html_text(&b, s);
	rf_buf_adds(&b, "");
	return rf_buf_detach(&b);
}

static void check_text(struct unit *u, const char *in, const char *want)
{
	char *got = text(in);
	CHECK_STR(u, got, want);
	free(got);
}

static void test_markup_escaped(struct unit *u)
{
	check_text(u, "", "");
	check_text(u, "Mercy General", "Mercy General");
	check_text(u, "<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;");
	check_text(u, "St. Mary's & \"Co\"", "St. Mary&#39;s &amp; &quot;Co&quot;");
	check_text(u, "&amp;", "&amp;amp;");
	check_text(u, "\" onmouseover=\"x", "&quot; onmouseover=&quot;x");
}

static void test_utf8_kept_and_repaired(struct unit *u)
{
	check_text(u, "Hôpital – IR ✓ 病院", "Hôpital – IR ✓ 病院");
	/* A stray byte, a truncated sequence, an overlong '<' and a surrogate. */
	check_text(u, "a\xff" "b", "a&#xFFFD;b");
	check_text(u, "\xe2\x80", "&#xFFFD;&#xFFFD;");
	check_text(u, "\xc0\xbc", "&#xFFFD;&#xFFFD;");
	check_text(u, "\xed\xa0\x80", "&#xFFFD;&#xFFFD;&#xFFFD;");
}

static void test_controls_visible(struct unit *u)
{
	check_text(u, "a\tb\nc", "a\tb\nc");
	check_text(u, "\x1b[31mred", "&#x241B;[31mred");
	check_text(u, "\r\x7f", "&#x240D;&#x2421;");
}

static void test_addf(struct unit *u)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_html_addf(&b, "<a href=\"#%s\">%s</a> %d %u %ld %lu %zu 100%%", "p1", "<b>", -1, 2u, 3L, 4UL, (size_t)5);
	CHECK_STR(u, b.buf, "<a href=\"#p1\">&lt;b&gt;</a> -1 2 3 4 5 100%");
	rf_buf_reset(&b);
	rf_html_elem(&b, "td class=\"n\"", "a<b");
	CHECK_STR(u, b.buf, "<td class=\"n\">a&lt;b</td>");
	rf_buf_free(&b);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_markup_escaped);
	RUN(&u, test_utf8_kept_and_repaired);
	RUN(&u, test_controls_visible);
	RUN(&u, test_addf);
	return UNIT_DONE(&u);
}
