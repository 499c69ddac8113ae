#include "palette.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

const struct rf_heat_band rf_heat_bands[RF_HEAT_NBANDS] = {
	{ 0, "#ffffff", "#1a1a1a", "", "0" },
	{ 1, "#fff3e0", "#1a1a1a", "\033[48;5;230;38;5;16m", "under 1" },
	{ 100, "#fdd49e", "#1a1a1a", "\033[48;5;223;38;5;16m", "1 to under 5" },
	{ 500, "#fc8d59", "#1a1a1a", "\033[48;5;209;38;5;16m", "5 to under 10" },
	{ 1000, "#c0390b", "#ffffff", "\033[48;5;160;38;5;231m", "10 to under 20" },
	{ 2000, "#7f1d0a", "#ffffff", "\033[48;5;88;38;5;231m", "20 or more" },
};

const char *const rf_tier_fills[RF_TIER_NFILLS] = {
	"#e8f5e9", "#f4f6d8", "#fdf1d6", "#fde3d3", "#fbd5d5", "#f6c6c6",
};

int rf_heat_band(long v)
{
	int b = 0;
	for (int i = 1; i < RF_HEAT_NBANDS; i++)
		if (v >= rf_heat_bands[i].from)
			b = i;
	return b;
}

const char *rf_palette_tier(size_t i, size_t n)
{
	if (n <= 1 || i >= n)
		return rf_tier_fills[0];
	return rf_tier_fills[i * (RF_TIER_NFILLS - 1) / (n - 1)];
}

static int luminance(const char *hex, double *out)
{
	unsigned rgb[3];
	if (!hex || strlen(hex) != 7 || hex[0] != '#' || strspn(hex + 1, "0123456789abcdefABCDEF") != 6)
		return -1;
	if (sscanf(hex + 1, "%2x%2x%2x", &rgb[0], &rgb[1], &rgb[2]) != 3)
		return -1;
	double lin[3];
	for (int i = 0; i < 3; i++) {
		double c = rgb[i] / 255.0;
		lin[i] = c <= 0.03928 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
	}
	*out = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2];
	return 0;
}

double rf_palette_contrast(const char *a, const char *b)
{
	double la, lb;
	if (luminance(a, &la) < 0 || luminance(b, &lb) < 0)
		return 0;
	return la > lb ? (la + 0.05) / (lb + 0.05) : (lb + 0.05) / (la + 0.05);
}
