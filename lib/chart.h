/* chart.h: one program's risk over the season as a small SVG line chart:
 * dates on the x axis, risk on a y scale shared by every chart of the page
 * (so two programs compare at a glance), the tiers of rules.ini shaded as
 * bands, a step line (a risk holds until the next change) and one point
 * per change with a <title> naming it.  The SVG's <title> and <desc> are
 * its text alternative. */
#ifndef RF_CHART_H
#define RF_CHART_H

#include <stdint.h>

#include "rules.h"
#include "season.h"
#include "util.h"

struct rf_chart_scale {
	int64_t start, end;	/* the x axis, seconds; end > start */
	long top;		/* the y axis goes from 0 to top (hundredths) */
};

/* The plot area inside the viewBox (0 0 RF_CHART_WIDTH RF_CHART_HEIGHT). */
enum { RF_CHART_WIDTH = 320, RF_CHART_HEIGHT = 150, RF_CHART_LEFT = 34, RF_CHART_RIGHT = 312,
       RF_CHART_TOP = 8, RF_CHART_BOTTOM = 124 };

/* The scale of a season's charts: its first point to its moment (a day at
 * least), 0 to its top. */
void rf_chart_scale_of(const struct rf_season *season, struct rf_chart_scale *sc);

/* Where a moment and a risk fall in the viewBox (clamped to the plot). */
double rf_chart_x(const struct rf_chart_scale *sc, int64_t t);
double rf_chart_y(const struct rf_chart_scale *sc, long hundredths);

/* Append the <svg> of points[0..n) (oldest first) to out; title and desc
 * (plain text, escaped here) are its accessible name and description. */
void rf_chart_svg(struct rf_buf *out, const struct rf_chart_scale *sc, const struct rf_rules *rules,
		  const struct rf_season_point *points, size_t n, const char *title, const char *desc);

#endif
