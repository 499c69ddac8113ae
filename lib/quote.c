#include "quote.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

char *rf_quote_key(const struct rf_note *note, const struct rf_when *when, const char *who)
{
	char ymd[11];
	rf_date_ymd(when, ymd);
	char *base;
	if (who && *who) {
		for (const unsigned char *p = (const unsigned char *)who; *p; p++) {
			if (*p < 0x20 || *p == 0x7F || strchr("[]:=;#\"'", *p)) {
				rf_error("-w: who said it cannot hold control characters or [ ] : = ; # \" '");
				return NULL;
			}
		}
		char *w = rf_strstrip(rf_strlower(rf_xstrdup(who)));
		base = rf_xasprintf("%s %s", ymd, w);
		free(w);
	} else {
		base = rf_xstrdup(ymd);
	}
	char *key = rf_xstrdup(base);
	for (unsigned n = 2; rf_ini_find(&note->ini, "quotes", key); n++) {
		free(key);
		key = rf_xasprintf("%s %u", base, n);
	}
	free(base);
	return key;
}

void rf_quote_trim_end(struct rf_buf *text)
{
	for (;;) {
		size_t n = text->len;
		while (n && (text->buf[n - 1] == '\n' || text->buf[n - 1] == '\r'))
			n--;
		/* A last line of blanks after a break is a blank line too. */
		size_t k = n;
		while (k && (text->buf[k - 1] == ' ' || text->buf[k - 1] == '\t'))
			k--;
		if (k && (text->buf[k - 1] == '\n' || text->buf[k - 1] == '\r'))
			n = k;
		if (n == text->len)
			return;
		text->len = n;
		text->buf[n] = '\0';
	}
}

size_t rf_quote_lines(const char *s)
{
	size_t n = 1;
	for (; *s; s++)
		if (*s == '\n' || (*s == '\r' && s[1] != '\n'))
			n++;
	return n;
}
