/* Unit tests for lib/chart.c: the scale and the SVG of one program's risk. */
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "unit.h"

static size_t count(const char *hay, const char *needle)
{
	size_t n = 0;
	for (const char *p = hay; (p = strstr(p, needle)); p += strlen(needle))
		n++;
	return n;
}

static struct rf_rules tiers(void)
{
	static struct rf_tier t[] = { { "low", 0 }, { "guarded", 1000 }, { "elevated", 2500 }, { "high", 4000 } };
	struct rf_rules r;
	memset(&r, 0, sizeof(r));
	r.tiers = t;
	r.ntiers = 4;
	return r;
}

static void test_scale(struct unit *u)
{
	struct rf_chart_scale sc = { 1000, 2000, 5000 };
	CHECK(u, rf_chart_x(&sc, 1000) == RF_CHART_LEFT);
	CHECK(u, rf_chart_x(&sc, 2000) == RF_CHART_RIGHT);
	CHECK(u, rf_chart_x(&sc, 0) == RF_CHART_LEFT);
	CHECK(u, rf_chart_x(&sc, 9999) == RF_CHART_RIGHT);
	CHECK(u, rf_chart_x(&sc, 1500) == (RF_CHART_LEFT + RF_CHART_RIGHT) / 2.0);
	CHECK(u, rf_chart_y(&sc, 0) == RF_CHART_BOTTOM);
	CHECK(u, rf_chart_y(&sc, 5000) == RF_CHART_TOP);
	CHECK(u, rf_chart_y(&sc, 9000) == RF_CHART_TOP);
	CHECK(u, rf_chart_y(&sc, -1) == RF_CHART_BOTTOM);
}

static void test_scale_of_season(struct unit *u)
{
	struct rf_season s;
	memset(&s, 0, sizeof(s));
	s.start = 500000;
	s.end = 500100;
	s.top = 4000;
	struct rf_chart_scale sc;
	rf_chart_scale_of(&s, &sc);
	/* A day at least, ending at the last moment. */
	CHECK(u, sc.end == 500100 && sc.start == 500100 - 86400 && sc.top == 4000);
	s.end = 900000;
	rf_chart_scale_of(&s, &sc);
	CHECK(u, sc.start == 500000 && sc.end == 900000);
}

static void test_svg(struct unit *u)
{
	struct rf_rules r = tiers();
	struct rf_chart_scale sc = { 1790000000, 1800000000, 4000 };
	struct rf_season_point pts[3] = {
		{ 1790000000, 0, "abc1234", "new mercy: Mercy General", -1, 25 },
		{ 1795000000, 0, "bcd2345", "set mercy: visa.h1b <unknown> → \"no\"", 25, 1225 },
		{ 1800000000, 1, "", "uncommitted changes", 1225, 3000 },
	};
	struct rf_buf b = RF_BUF_INIT;
	rf_chart_svg(&b, &sc, &r, pts, 3, "Risk of <Mercy>", "Risk 0.25 & up");
	const char *head = "<svg viewBox=\"0 0 320 150\" role=\"img\" class=\"chart\"><title>Risk of &lt;Mercy&gt;</title>"
			   "<desc>Risk 0.25 &amp; up</desc>";
	CHECK(u, !strncmp(b.buf, head, strlen(head)));
	CHECK(u, count(b.buf, "<circle ") == 3);
	/* The bands up to the top: "high" starts there and is not drawn. */
	CHECK(u, count(b.buf, "<rect ") == 3);
	CHECK(u, strstr(b.buf, ">elevated</text>") && !strstr(b.buf, ">high</text>"));
	CHECK(u, strstr(b.buf, "bcd2345: set mercy: visa.h1b &lt;unknown&gt; → &quot;no&quot; (risk 0.25 → 12.25)") != NULL);
	CHECK(u, strstr(b.buf, "working tree: uncommitted changes (risk 12.25 → 30)") != NULL);
	CHECK(u, strstr(b.buf, ": new mercy: Mercy General (risk - → 0.25)") != NULL);
	/* The step line starts at the first point and ends at the scale's end. */
	CHECK(u, strstr(b.buf, "<path class=\"risk\" d=\"M34.0 123.3H") != NULL);
	CHECK(u, strstr(b.buf, "H312.0\"/>") != NULL);
	CHECK(u, !strcmp(b.buf + b.len - 6, "</svg>"));
	CHECK(u, count(b.buf, "<") == count(b.buf, ">"));
	rf_buf_reset(&b);
	rf_chart_svg(&b, &sc, &r, NULL, 0, "t", "d");
	CHECK(u, count(b.buf, "<circle ") == 0 && strstr(b.buf, ">no history</text>"));
	rf_buf_free(&b);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_scale);
	RUN(&u, test_scale_of_season);
	RUN(&u, test_svg);
	return UNIT_DONE(&u);
}
