/* Dates: git's formats for GIT_AUTHOR_DATE, YYYY-MM-DD, "N days ago". */
#include <stdlib.h>
#include <time.h>

#include "date.h"
#include "unit.h"

static int parses(const char *s, long long t, int offset)
{
	struct rf_when w;
	if (rf_date_parse_git(s, &w) < 0) {
		printf("# '%s' not parsed\n", s);
		return 0;
	}
	if (w.time != t || w.offset != offset) {
		printf("# '%s': got %lld %+d, want %lld %+d\n", s, (long long)w.time, w.offset, t, offset);
		return 0;
	}
	return 1;
}

static void git_date_formats(struct unit *u)
{
	/* 2026-12-05T09:00:00Z is 1796461200. */
	CHECK(u, parses("2026-12-05T09:00:00Z", 1796461200, 0));
	CHECK(u, parses("2026-12-05T10:30:00+01:30", 1796461200, 90));
	CHECK(u, parses("2026-12-05 04:00:00 -0500", 1796461200, -300));
	CHECK(u, parses("2026-12-05 09:00", 1796461200, 0));	/* local time, TZ=UTC */
	CHECK(u, parses("@1796461200 +0000", 1796461200, 0));
	CHECK(u, parses("1796461200 +0200", 1796461200, 120));
	CHECK(u, parses("@1796461200", 1796461200, 0));
	CHECK(u, parses("Sat, 05 Dec 2026 10:00:00 +0100", 1796461200, 60));
	CHECK(u, parses("05 Dec 2026 09:00:00 +0000", 1796461200, 0));
	CHECK(u, parses("2026-12-05T09:00:00.123Z", 1796461200, 0));
	CHECK(u, parses("Sat Dec 5 10:00:00 2026 +0100", 1796461200, 60));
	CHECK(u, parses("Sat Dec  5 09:00:00 UTC 2026", 1796461200, 0));
	struct rf_when w;
	static const char *const bad[] = { "", "yesterday", "2026-13-45", "12/05/2026", "@abc", "1796461200 +99",
					   "2026-12-05T09:00:00 junk", "Sat Dec 5 09:00:00 CET 2026", "Dec 5 2026" };
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (rf_date_parse_git(bad[i], &w) == 0) {
			printf("# '%s' parsed, want refusal\n", bad[i]);
			u->bad++;
		}
}

static void local_zone_without_offset(struct unit *u)
{
	setenv("TZ", "America/New_York", 1);
	tzset();
	CHECK(u, parses("2026-12-05 04:00:00", 1796461200, -300));
	CHECK(u, parses("2026-07-01 12:00:00", 1782921600, -240));	/* daylight saving */
	setenv("TZ", "UTC", 1);
	tzset();
}

static void now_honours_git_author_date(struct unit *u)
{
	struct rf_when w;
	char ymd[11];
	setenv("GIT_AUTHOR_DATE", "2026-12-06T01:30:00+05:00", 1);
	CHECK(u, rf_date_now(&w) == 0);
	rf_date_ymd(&w, ymd);
	CHECK_STR(u, ymd, "2026-12-06");	/* the day where it was said, not in UTC */
	setenv("GIT_AUTHOR_DATE", "not a date", 1);
	CHECK(u, rf_date_now(&w) < 0);
	unsetenv("GIT_AUTHOR_DATE");
	time_t before = time(NULL);
	CHECK(u, rf_date_now(&w) == 0 && w.time >= before && w.time <= time(NULL));
}

static void ymd_validity(struct unit *u)
{
	CHECK(u, rf_date_is_ymd("2026-12-05"));
	CHECK(u, rf_date_is_ymd("2028-02-29"));
	CHECK(u, !rf_date_is_ymd("2026-02-29"));
	CHECK(u, !rf_date_is_ymd("2100-02-29"));
	CHECK(u, rf_date_is_ymd("2000-02-29"));
	CHECK(u, !rf_date_is_ymd("2026-04-31"));
	CHECK(u, !rf_date_is_ymd("2026-13-01"));
	CHECK(u, !rf_date_is_ymd("2026-1-01"));
	CHECK(u, !rf_date_is_ymd("2026-12-05 "));
	CHECK(u, !rf_date_is_ymd("dec 5"));
	CHECK(u, !rf_date_is_ymd(""));
}

static void approximate_dates(struct unit *u)
{
	int64_t now = 1796461200, t;
	CHECK(u, rf_date_parse_approx("now", now, &t) == 0 && t == now);
	CHECK(u, rf_date_parse_approx("yesterday", now, &t) == 0 && t == now - 86400);
	CHECK(u, rf_date_parse_approx("3 days ago", now, &t) == 0 && t == now - 3 * 86400);
	CHECK(u, rf_date_parse_approx("1 day ago", now, &t) == 0 && t == now - 86400);
	CHECK(u, rf_date_parse_approx("2 weeks ago", now, &t) == 0 && t == now - 14 * 86400);
	CHECK(u, rf_date_parse_approx("2.weeks.ago", now, &t) == 0 && t == now - 14 * 86400);
	/* A day means its end: commits made that day count. */
	CHECK(u, rf_date_parse_approx("2026-12-04", now, &t) == 0 && t == 1796428799);
	CHECK(u, rf_date_parse_approx("2026-02-30", now, &t) < 0);
	CHECK(u, rf_date_parse_approx("3 days", now, &t) < 0);
	CHECK(u, rf_date_parse_approx("HEAD~2", now, &t) < 0);
	CHECK(u, rf_date_parse_approx("abc1234", now, &t) < 0);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	setenv("TZ", "UTC", 1);
	tzset();
	RUN(&u, git_date_formats);
	RUN(&u, local_zone_without_offset);
	RUN(&u, now_honours_git_author_date);
	RUN(&u, ymd_validity);
	RUN(&u, approximate_dates);
	return UNIT_DONE(&u);
}
