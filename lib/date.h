/* date.h: the dates rf reads and writes: git's date formats for
 * GIT_AUTHOR_DATE and friends, YYYY-MM-DD in notes, and "N days ago". */
#ifndef RF_DATE_H
#define RF_DATE_H

#include <stdint.h>

/* A moment with the UTC offset it was written in, as git stores it. */
struct rf_when {
	int64_t time;	/* seconds since the epoch */
	int offset;	/* minutes east of UTC */
};

/* Parse a date as git accepts it in GIT_AUTHOR_DATE: "@1700000000 +0100",
 * "1700000000 +0100", ISO 8601 ("2026-12-05T14:30:00+01:00", fractions of
 * a second ignored, "2026-12-05 14:30", no zone = local time), RFC 2822
 * ("Sat, 05 Dec 2026 14:30:00 +0100"), git log's own ("Sat Dec 5 14:30:00
 * 2026 +0100") and date(1)'s ("Sat Dec  5 14:30:00 UTC 2026", UTC or GMT
 * only).  git's looser forms ("Dec 5 2026") are refused, naming these.
 * Returns 0 or -1 (unreported). */
int rf_date_parse_git(const char *s, struct rf_when *out);

/* The formats rf_date_parse_git takes, for messages. */
#define RF_DATE_GIT_FORMATS \
	"'2026-12-05T14:30:00+01:00', 'Sat, 05 Dec 2026 14:30:00 +0100', 'Sat Dec 5 14:30:00 2026 +0100' " \
	"or '@1796477400 +0100'"

/* The present as rf stamps notes and commits: GIT_AUTHOR_DATE when set (so
 * a scripted season or a test gets fixed dates), else the clock and the
 * local zone.  Reports a malformed GIT_AUTHOR_DATE and returns -1. */
int rf_date_now(struct rf_when *out);

/* Format as YYYY-MM-DD in the moment's own offset; buf holds 11 bytes. */
void rf_date_ymd(const struct rf_when *w, char buf[11]);

/* Parse a revision date: "YYYY-MM-DD" (end of that day, local time),
 * "N day(s)|week(s)|month(s)|year(s) ago", "yesterday", "today", "now".
 * Returns 0 and the moment, or -1 (unreported) when s is no date. */
int rf_date_parse_approx(const char *s, int64_t now, int64_t *out);

/* 1 when v is YYYY-MM-DD and a real calendar date. */
int rf_date_is_ymd(const char *v);

#endif
