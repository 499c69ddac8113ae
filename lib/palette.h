/* palette.h: the colours of rf-report, in one place so that one unit test
 * can hold every pair of text and background to WCAG's 4.5:1 contrast.
 *
 * The heat map has one scale for every cell: a domain's weighted points
 * fall in one of six bands, from white (nothing) to dark red (20 points or
 * more).  The band edges are fixed, not relative to the season, so one
 * page compares with the next; the number is always printed in the cell,
 * so colour never carries the meaning alone.  man/rf-report.1 documents
 * the scale. */
#ifndef RF_PALETTE_H
#define RF_PALETTE_H

#include <stddef.h>

struct rf_heat_band {
	long from;		/* hundredths: the band holds values >= from (band 0: exactly 0) */
	const char *bg, *fg;	/* "#rrggbb" for the page */
	const char *sgr;	/* the same on a terminal (256 colours), "" for none */
	const char *label;	/* the range in words, for the legend */
};

enum { RF_HEAT_NBANDS = 6 };
extern const struct rf_heat_band rf_heat_bands[RF_HEAT_NBANDS];

/* The band of a value in hundredths (negative counts as 0). */
int rf_heat_band(long hundredths);

/* Page colours: text, muted text, links and the chart's line, each on
 * white and on every fill below. */
#define RF_PALETTE_BG "#ffffff"
#define RF_PALETTE_TEXT "#1a1a1a"
#define RF_PALETTE_MUTED "#595959"
#define RF_PALETTE_LINK "#0b4f9c"
#define RF_PALETTE_LINE "#1d3f8f"
#define RF_PALETTE_MARK "#8a1c0a"	/* pattern and deal-breaker marks */

/* Shades of the risk charts' tier bands, lowest tier first. */
enum { RF_TIER_NFILLS = 6 };
extern const char *const rf_tier_fills[RF_TIER_NFILLS];

/* The fill of tier i of n (spread over the shades, so the top tier is
 * always the darkest). */
const char *rf_palette_tier(size_t i, size_t n);

/* WCAG 2 contrast ratio of two "#rrggbb" colours (1 to 21), or 0 when
 * either is not one. */
double rf_palette_contrast(const char *a, const char *b);

#endif
