/* Unit tests for lib/palette.c: the heat map's bands, and every colour pair
 * the report uses for text held to WCAG's 4.5:1. */
#include "palette.h"
#include "unit.h"

static void test_contrast(struct unit *u)
{
	double r = rf_palette_contrast("#000000", "#ffffff");
	CHECK(u, r > 20.99 && r < 21.01);
	CHECK(u, rf_palette_contrast("#777777", "#777777") == 1);
	r = rf_palette_contrast("#767676", "#FFFFFF");
	CHECK(u, r > 4.5 && r < 4.6);
	CHECK(u, rf_palette_contrast("#fff", "#000000") == 0);
	CHECK(u, rf_palette_contrast("red", "#000000") == 0);
	CHECK(u, rf_palette_contrast(NULL, "#000000") == 0);
}

static void test_bands(struct unit *u)
{
	CHECK(u, rf_heat_band(-5) == 0);
	CHECK(u, rf_heat_band(0) == 0);
	CHECK(u, rf_heat_band(1) == 1);
	CHECK(u, rf_heat_band(25) == 1);
	CHECK(u, rf_heat_band(99) == 1);
	CHECK(u, rf_heat_band(100) == 2);
	CHECK(u, rf_heat_band(499) == 2);
	CHECK(u, rf_heat_band(500) == 3);
	CHECK(u, rf_heat_band(999) == 3);
	CHECK(u, rf_heat_band(1000) == 4);
	CHECK(u, rf_heat_band(1999) == 4);
	CHECK(u, rf_heat_band(2000) == 5);
	CHECK(u, rf_heat_band(1000000) == 5);
	for (int i = 1; i < RF_HEAT_NBANDS; i++)
		CHECK(u, rf_heat_bands[i].from > rf_heat_bands[i - 1].from);
}

static void test_text_contrast(struct unit *u)
{
	const char *page[] = { RF_PALETTE_TEXT, RF_PALETTE_MUTED, RF_PALETTE_LINK, RF_PALETTE_MARK };
	for (size_t i = 0; i < sizeof(page) / sizeof(page[0]); i++)
		CHECK(u, rf_palette_contrast(page[i], RF_PALETTE_BG) >= 4.5);
	for (int i = 0; i < RF_HEAT_NBANDS; i++) {
		double r = rf_palette_contrast(rf_heat_bands[i].fg, rf_heat_bands[i].bg);
		if (r < 4.5)
			printf("# band %d: %s on %s is %.2f:1\n", i, rf_heat_bands[i].fg, rf_heat_bands[i].bg, r);
		CHECK(u, r >= 4.5);
	}
	/* Tier labels and tick labels are text on the tier bands; the risk
	 * line is a graphic (3:1). */
	for (int i = 0; i < RF_TIER_NFILLS; i++) {
		CHECK(u, rf_palette_contrast(RF_PALETTE_TEXT, rf_tier_fills[i]) >= 4.5);
		CHECK(u, rf_palette_contrast(RF_PALETTE_LINE, rf_tier_fills[i]) >= 3);
	}
}

static int fill_index(const char *fill)
{
	for (int i = 0; i < RF_TIER_NFILLS; i++)
		if (fill == rf_tier_fills[i])
			return i;
	return -1;
}

static void test_tier_fills(struct unit *u)
{
	CHECK_STR(u, rf_palette_tier(0, 1), rf_tier_fills[0]);
	CHECK_STR(u, rf_palette_tier(0, 5), rf_tier_fills[0]);
	CHECK_STR(u, rf_palette_tier(4, 5), rf_tier_fills[RF_TIER_NFILLS - 1]);
	CHECK_STR(u, rf_palette_tier(9, 10), rf_tier_fills[RF_TIER_NFILLS - 1]);
	CHECK_STR(u, rf_palette_tier(7, 5), rf_tier_fills[0]);
	/* Never lighter as the tier rises. */
	for (size_t n = 2; n <= 12; n++)
		for (size_t i = 1; i < n; i++)
			CHECK(u, fill_index(rf_palette_tier(i, n)) >= fill_index(rf_palette_tier(i - 1, n)));
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_contrast);
	RUN(&u, test_bands);
	RUN(&u, test_text_contrast);
	RUN(&u, test_tier_fills);
	return UNIT_DONE(&u);
}
