#include "chart.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "html.h"
#include "palette.h"

void rf_chart_scale_of(const struct rf_season *season, struct rf_chart_scale *sc)
{
	sc->start = season->start;
	sc->end = season->end > season->start ? season->end : season->start;
	if (sc->end - sc->start < 86400)
		sc->start = sc->end - 86400;
	sc->top = season->top > 0 ? season->top : 1000;
}

double rf_chart_x(const struct rf_chart_scale *sc, int64_t t)
{
	if (t < sc->start)
		t = sc->start;
	if (t > sc->end)
		t = sc->end;
	double span = sc->end > sc->start ? (double)(sc->end - sc->start) : 1;
	return RF_CHART_LEFT + (double)(t - sc->start) / span * (RF_CHART_RIGHT - RF_CHART_LEFT);
}

double rf_chart_y(const struct rf_chart_scale *sc, long v)
{
	if (v < 0)
		v = 0;
	if (v > sc->top)
		v = sc->top;
	return RF_CHART_BOTTOM - (double)v / (double)(sc->top > 0 ? sc->top : 1) * (RF_CHART_BOTTOM - RF_CHART_TOP);
}

/* A coordinate of the viewBox with one decimal ("123.4"), as printf's
 * "%.1f" prints it up to ties, without printf's floating-point path: a
 * season's page holds thousands of them.  Coordinates are clamped to the
 * viewBox, so never negative. */
static void coord(struct rf_buf *out, const char *before, double v)
{
	char digits[24];
	unsigned long tenths = (unsigned long)lround(v > 0 ? v * 10 : 0);
	size_t n = rf_fmt_ulong(digits, tenths / 10);
	digits[n++] = '.';
	digits[n++] = (char)('0' + tenths % 10);
	rf_buf_adds(out, before);
	rf_buf_add(out, digits, n);
}

static void day(int64_t t, const char *fmt, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, size, fmt, &tm);
}

/* The tier bands, their names and the risk at each edge. */
static void bands(struct rf_buf *out, const struct rf_chart_scale *sc, const struct rf_rules *rules)
{
	for (size_t i = 0; i < rules->ntiers; i++) {
		long from = rules->tiers[i].from, to = i + 1 < rules->ntiers ? rules->tiers[i + 1].from : sc->top;
		if (from >= sc->top)
			break;
		if (to > sc->top)
			to = sc->top;
		double y0 = rf_chart_y(sc, to), y1 = rf_chart_y(sc, from);
		rf_buf_addf(out, "<rect x=\"%d\"", RF_CHART_LEFT);
		coord(out, " y=\"", y0);
		rf_buf_addf(out, "\" width=\"%d\"", RF_CHART_RIGHT - RF_CHART_LEFT);
		coord(out, " height=\"", y1 - y0);
		rf_buf_addf(out, "\" fill=\"%s\"/>", rf_palette_tier(i, rules->ntiers));
		if (y1 - y0 >= 10)
			rf_html_addf(out, "<text class=\"tier\" x=\"%d\" y=\"%d\">%s</text>", RF_CHART_RIGHT - 3,
				     (int)(y0 + 9), rules->tiers[i].name);
		char label[32];
		rf_hundredths_format(from, label);
		rf_buf_addf(out, "<text class=\"y\" x=\"%d\"", RF_CHART_LEFT - 3);
		coord(out, " y=\"", y1 + 3);
		rf_buf_addf(out, "\">%s</text>", label);
	}
	char label[32];
	rf_hundredths_format(sc->top, label);
	rf_buf_addf(out, "<text class=\"y\" x=\"%d\" y=\"%d\">%s</text>", RF_CHART_LEFT - 3, RF_CHART_TOP + 3, label);
}

/* Month starts as thin lines, the first and last day as labels. */
static void axis(struct rf_buf *out, const struct rf_chart_scale *sc)
{
	time_t t = (time_t)sc->start;
	struct tm tm;
	localtime_r(&t, &tm);
	tm.tm_mday = 1;
	tm.tm_hour = tm.tm_min = tm.tm_sec = 0;
	tm.tm_isdst = -1;
	for (int i = 0; i < 240; i++) {
		tm.tm_mon++;
		struct tm m = tm;
		time_t first = mktime(&m);
		if (first == (time_t)-1 || (int64_t)first >= sc->end)
			break;
		double x = rf_chart_x(sc, (int64_t)first);
		char name[16];
		strftime(name, sizeof(name), "%b", &m);
		coord(out, "<line class=\"tick\" x1=\"", x);
		rf_buf_addf(out, "\" y1=\"%d\"", RF_CHART_TOP);
		coord(out, " x2=\"", x);
		rf_buf_addf(out, "\" y2=\"%d\"/>", RF_CHART_BOTTOM + 3);
		if (x - RF_CHART_LEFT >= 45 && RF_CHART_RIGHT - x >= 45) {
			coord(out, "<text class=\"m\" x=\"", x);
			rf_buf_addf(out, "\" y=\"%d\">%s</text>", RF_CHART_BOTTOM + 12, name);
		}
	}
	char a[16], b[16];
	day(sc->start, "%Y-%m-%d", a, sizeof(a));
	day(sc->end, "%Y-%m-%d", b, sizeof(b));
	rf_buf_addf(out, "<text class=\"x0\" x=\"%d\" y=\"%d\">%s</text><text class=\"x1\" x=\"%d\" y=\"%d\">%s</text>",
		    RF_CHART_LEFT, RF_CHART_BOTTOM + 23, a, RF_CHART_RIGHT, RF_CHART_BOTTOM + 23, b);
	rf_buf_addf(out, "<path class=\"frame\" d=\"M%d %dV%dH%d\"/>", RF_CHART_LEFT, RF_CHART_TOP, RF_CHART_BOTTOM,
		    RF_CHART_RIGHT);
}

void rf_chart_svg(struct rf_buf *out, const struct rf_chart_scale *sc, const struct rf_rules *rules,
		  const struct rf_season_point *pts, size_t n, const char *title, const char *desc)
{
	rf_buf_addf(out, "<svg viewBox=\"0 0 %d %d\" role=\"img\" class=\"chart\">", RF_CHART_WIDTH,
		    RF_CHART_HEIGHT);
	rf_html_addf(out, "<title>%s</title><desc>%s</desc>", title, desc);
	bands(out, sc, rules);
	axis(out, sc);
	if (n) {
		coord(out, "<path class=\"risk\" d=\"M", rf_chart_x(sc, pts[0].time));
		coord(out, " ", rf_chart_y(sc, pts[0].after));
		for (size_t i = 1; i < n; i++) {
			coord(out, "H", rf_chart_x(sc, pts[i].time));
			coord(out, "V", rf_chart_y(sc, pts[i].after));
		}
		coord(out, "H", rf_chart_x(sc, sc->end));
		rf_buf_adds(out, "\"/>");
	}
	for (size_t i = 0; i < n; i++) {
		char when[32], before[32], after[32];
		day(pts[i].time, "%Y-%m-%d %H:%M", when, sizeof(when));
		rf_hundredths_format(pts[i].after, after);
		if (pts[i].before >= 0)
			rf_hundredths_format(pts[i].before, before);
		else
			strcpy(before, "-");
		coord(out, "<circle cx=\"", rf_chart_x(sc, pts[i].time));
		coord(out, "\" cy=\"", rf_chart_y(sc, pts[i].after));
		rf_buf_adds(out, "\" r=\"2.5\">");
		rf_html_addf(out, "<title>%s %s: %s (risk %s → %s)</title></circle>", when,
			     *pts[i].id ? pts[i].id : "working tree", pts[i].subject, before, after);
	}
	if (!n)
		rf_buf_addf(out, "<text class=\"none\" x=\"%d\" y=\"%d\">no history</text>",
			    (RF_CHART_LEFT + RF_CHART_RIGHT) / 2, (RF_CHART_TOP + RF_CHART_BOTTOM) / 2);
	rf_buf_adds(out, "</svg>");
}
