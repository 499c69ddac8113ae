#include "date.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "util.h"

/* Offset of local time from UTC at t, in minutes. */
static int local_offset(time_t t)
{
	struct tm tm;
	localtime_r(&t, &tm);
	return (int)(tm.tm_gmtoff / 60);
}

/* "+0100", "-05:30", "Z" -> minutes; returns chars used or 0. */
static size_t parse_zone(const char *s, int *minutes)
{
	if (*s == 'Z') {
		*minutes = 0;
		return 1;
	}
	if (*s != '+' && *s != '-')
		return 0;
	int sign = *s == '-' ? -1 : 1;
	const char *p = s + 1;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
		return 0;
	int h = (p[0] - '0') * 10 + (p[1] - '0');
	p += 2;
	if (*p == ':')
		p++;
	if (!isdigit((unsigned char)p[0]) || !isdigit((unsigned char)p[1]))
		return 0;
	int m = (p[0] - '0') * 10 + (p[1] - '0');
	p += 2;
	if (h > 23 || m > 59)
		return 0;
	*minutes = sign * (h * 60 + m);
	return (size_t)(p - s);
}

static int parse_epoch(const char *s, struct rf_when *out)
{
	const char *p = s + (*s == '@');
	char *end;
	if (!isdigit((unsigned char)*p))
		return -1;
	long long t = strtoll(p, &end, 10);
	out->time = t;
	out->offset = 0;
	while (*end == ' ')
		end++;
	if (!*end)
		return 0;
	size_t n = parse_zone(end, &out->offset);
	return n && !end[n] ? 0 : -1;
}

static int parse_iso(const char *s, struct rf_when *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *p = strptime(s, "%Y-%m-%d", &tm);
	if (!p)
		return -1;
	if (*p == 'T' || *p == ' ') {
		const char *q = strptime(p + 1, "%H:%M:%S", &tm);
		if (q && *q == '.' && isdigit((unsigned char)q[1]))
			for (q++; isdigit((unsigned char)*q); q++)
				;	/* git ignores fractions of a second */
		if (!q)
			q = strptime(p + 1, "%H:%M", &tm);
		if (!q)
			return -1;
		p = q;
	}
	while (*p == ' ')
		p++;
	int zone;
	size_t n = *p ? parse_zone(p, &zone) : 0;
	if (*p && (!n || p[n]))
		return -1;
	if (n) {
		out->time = (int64_t)timegm(&tm) - (int64_t)zone * 60;
		out->offset = zone;
	} else {
		tm.tm_isdst = -1;
		time_t t = mktime(&tm);
		out->time = t;
		out->offset = local_offset(t);
	}
	return 0;
}

static int parse_rfc2822(const char *s, struct rf_when *out)
{
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *p = strptime(s, "%a, %d %b %Y %H:%M:%S", &tm);
	if (!p)
		p = strptime(s, "%d %b %Y %H:%M:%S", &tm);
	if (!p)
		return -1;
	while (*p == ' ')
		p++;
	int zone;
	size_t n = parse_zone(p, &zone);
	if (!n || p[n])
		return -1;
	out->time = (int64_t)timegm(&tm) - (int64_t)zone * 60;
	out->offset = zone;
	return 0;
}

/* git log's default format, "Sat Dec 5 09:00:00 2026 +0000", and
 * date(1)'s, "Sat Dec  5 09:00:00 UTC 2026". */
static int parse_ctime(const char *s, struct rf_when *out)
{
	struct tm tm;
	int zone = 0;
	memset(&tm, 0, sizeof(tm));
	const char *p = strptime(s, "%a %b %d %H:%M:%S", &tm);
	if (!p)
		return -1;
	while (*p == ' ')
		p++;
	if (!strncmp(p, "UTC ", 4) || !strncmp(p, "GMT ", 4)) {
		p = strptime(p + 4, "%Y", &tm);
		if (!p || *p)
			return -1;
	} else {
		p = strptime(p, "%Y", &tm);
		if (!p)
			return -1;
		while (*p == ' ')
			p++;
		size_t n = parse_zone(p, &zone);
		if (!n || p[n])
			return -1;
	}
	out->time = (int64_t)timegm(&tm) - (int64_t)zone * 60;
	out->offset = zone;
	return 0;
}

int rf_date_parse_git(const char *s, struct rf_when *out)
{
	if (!s || !*s)
		return -1;
	if (parse_iso(s, out) == 0 || parse_epoch(s, out) == 0 || parse_rfc2822(s, out) == 0 ||
	    parse_ctime(s, out) == 0)
		return 0;
	return -1;
}

int rf_date_now(struct rf_when *out)
{
	const char *env = getenv("GIT_AUTHOR_DATE");
	if (env && *env) {
		if (rf_date_parse_git(env, out) < 0)
			return rf_error("GIT_AUTHOR_DATE='%s': not a date rf reads; it takes %s", env,
					RF_DATE_GIT_FORMATS);
		return 0;
	}
	time_t t = time(NULL);
	out->time = t;
	out->offset = local_offset(t);
	return 0;
}

void rf_date_ymd(const struct rf_when *w, char buf[11])
{
	time_t t = (time_t)(w->time + (int64_t)w->offset * 60);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, 11, "%Y-%m-%d", &tm);
}

int rf_date_parse_approx(const char *s, int64_t now, int64_t *out)
{
	if (!strcmp(s, "now")) {
		*out = now;
		return 0;
	}
	if (!strcmp(s, "today") || !strcmp(s, "yesterday")) {
		*out = now - (s[0] == 'y' ? 86400 : 0);
		return 0;
	}
	struct tm tm;
	memset(&tm, 0, sizeof(tm));
	const char *p = strptime(s, "%Y-%m-%d", &tm);
	if (p && !*p && rf_date_is_ymd(s)) {
		/* A day means all of it: the last commit made that day counts. */
		tm.tm_hour = 23;
		tm.tm_min = 59;
		tm.tm_sec = 59;
		tm.tm_isdst = -1;
		*out = (int64_t)mktime(&tm);
		return 0;
	}
	char *end;
	if (!isdigit((unsigned char)*s))
		return -1;
	long n = strtol(s, &end, 10);
	while (*end == ' ' || *end == '.')
		end++;
	static const struct { const char *unit; long secs; } units[] = {
		{ "second", 1 }, { "minute", 60 }, { "hour", 3600 }, { "day", 86400 },
		{ "week", 7 * 86400 }, { "month", 30 * 86400 }, { "year", 365 * 86400 },
	};
	for (size_t i = 0; i < sizeof(units) / sizeof(units[0]); i++) {
		size_t ul = strlen(units[i].unit);
		if (strncmp(end, units[i].unit, ul) != 0)
			continue;
		const char *rest = end + ul;
		if (*rest == 's')
			rest++;
		while (*rest == ' ' || *rest == '.')
			rest++;
		if (strcmp(rest, "ago") != 0)
			return -1;
		*out = now - (int64_t)n * units[i].secs;
		return 0;
	}
	return -1;
}

int rf_date_is_ymd(const char *v)
{
	if (strlen(v) != 10 || v[4] != '-' || v[7] != '-')
		return 0;
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && !isdigit((unsigned char)v[i]))
			return 0;
	int y = atoi(v), m = atoi(v + 5), d = atoi(v + 8);
	static const int mdays[] = { 31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m < 1 || m > 12 || d < 1 || d > mdays[m - 1])
		return 0;
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return !(m == 2 && d == 29 && !leap);
}
