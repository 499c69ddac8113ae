#include "slug.h"

#include <string.h>

#include "util.h"

/* Files rf keeps beside the notes; a program may not take their names. */
static const char *const reserved[] = { "profile", "rules", NULL };

/* Latin-1 Supplement and Latin Extended-A letters, so "Hôpital Saint-Éloi"
 * becomes "hopital-saint-eloi" instead of "h-pital-saint-loi". */
static const char *translit(unsigned cp)
{
	static const struct { unsigned lo, hi; const char *to; } map[] = {
		{ 0xC0, 0xC5, "a" }, { 0xC6, 0xC6, "ae" }, { 0xC7, 0xC7, "c" },
		{ 0xC8, 0xCB, "e" }, { 0xCC, 0xCF, "i" }, { 0xD0, 0xD0, "d" },
		{ 0xD1, 0xD1, "n" }, { 0xD2, 0xD6, "o" }, { 0xD8, 0xD8, "o" },
		{ 0xD9, 0xDC, "u" }, { 0xDD, 0xDD, "y" }, { 0xDE, 0xDE, "th" },
		{ 0xDF, 0xDF, "ss" }, { 0xE0, 0xE5, "a" }, { 0xE6, 0xE6, "ae" },
		{ 0xE7, 0xE7, "c" }, { 0xE8, 0xEB, "e" }, { 0xEC, 0xEF, "i" },
		{ 0xF0, 0xF0, "d" }, { 0xF1, 0xF1, "n" }, { 0xF2, 0xF6, "o" },
		{ 0xF8, 0xF8, "o" }, { 0xF9, 0xFC, "u" }, { 0xFD, 0xFD, "y" },
		{ 0xFE, 0xFE, "th" }, { 0xFF, 0xFF, "y" },
		{ 0x100, 0x105, "a" }, { 0x106, 0x10D, "c" }, { 0x10E, 0x111, "d" },
		{ 0x112, 0x11B, "e" }, { 0x11C, 0x123, "g" }, { 0x124, 0x127, "h" },
		{ 0x128, 0x131, "i" }, { 0x132, 0x133, "ij" }, { 0x134, 0x135, "j" },
		{ 0x136, 0x138, "k" }, { 0x139, 0x142, "l" }, { 0x143, 0x14B, "n" },
		{ 0x14C, 0x151, "o" }, { 0x152, 0x153, "oe" }, { 0x154, 0x159, "r" },
		{ 0x15A, 0x161, "s" }, { 0x162, 0x167, "t" }, { 0x168, 0x173, "u" },
		{ 0x174, 0x175, "w" }, { 0x176, 0x178, "y" }, { 0x179, 0x17E, "z" },
	};
	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (cp >= map[i].lo && cp <= map[i].hi)
			return map[i].to;
	return NULL;
}

/* Decode one UTF-8 sequence; returns its length or 0 when invalid. */
static size_t utf8_decode(const unsigned char *s, unsigned *cp)
{
	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	size_t n;
	unsigned min;
	if ((s[0] & 0xE0) == 0xC0) {
		n = 2; min = 0x80; *cp = s[0] & 0x1F;
	} else if ((s[0] & 0xF0) == 0xE0) {
		n = 3; min = 0x800; *cp = s[0] & 0x0F;
	} else if ((s[0] & 0xF8) == 0xF0) {
		n = 4; min = 0x10000; *cp = s[0] & 0x07;
	} else {
		return 0;
	}
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		*cp = (*cp << 6) | (s[i] & 0x3F);
	}
	if (*cp < min || *cp > 0x10FFFF || (*cp >= 0xD800 && *cp <= 0xDFFF))
		return 0;
	return n;
}

static int has_control_or_slash(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '/')
			return 1;
	return 0;
}

char *rf_slug_from_name(const char *name)
{
	if (has_control_or_slash(name)) {
		rf_error("invalid program name: '/' and control characters cannot name a note");
		return NULL;
	}
	struct rf_buf b = RF_BUF_INIT;
	int pending_dash = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p;) {
		unsigned cp;
		size_t n = utf8_decode(p, &cp);
		if (!n) {
			rf_buf_free(&b);
			rf_error("invalid program name: not valid UTF-8");
			return NULL;
		}
		p += n;
		const char *add = NULL;
		char one[2] = { 0, 0 };
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			add = one;
		} else if (cp >= 'A' && cp <= 'Z') {
			one[0] = (char)(cp - 'A' + 'a');
			add = one;
		} else if (cp == '\'' || cp == 0x2019 || cp == 0x2018) {
			continue; /* "Mary's" is "marys", not "mary-s" */
		} else {
			add = translit(cp);
		}
		if (!add) {
			pending_dash = 1;
			continue;
		}
		if (pending_dash && b.len)
			rf_buf_addc(&b, '-');
		pending_dash = 0;
		rf_buf_adds(&b, add);
	}
	if (b.len > RF_SLUG_MAX) {
		b.len = RF_SLUG_MAX;
		while (b.len && b.buf[b.len - 1] == '-')
			b.len--;
		b.buf[b.len] = '\0';
	}
	if (!b.len) {
		rf_buf_free(&b);
		rf_error("invalid program name '%s': it needs at least one letter or digit", name);
		return NULL;
	}
	for (size_t i = 0; reserved[i]; i++) {
		if (strcmp(b.buf, reserved[i]) == 0) {
			rf_error("'%s' is reserved for %s.ini; name the program differently", b.buf, reserved[i]);
			rf_buf_free(&b);
			return NULL;
		}
	}
	return rf_buf_detach(&b);
}

int rf_slug_valid(const char *s)
{
	size_t len = strlen(s);
	if (!len || len > RF_SLUG_MAX || s[0] == '-' || s[len - 1] == '-')
		return 0;
	for (const char *p = s; *p; p++) {
		int ok = (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-';
		if (!ok || (p[0] == '-' && p[1] == '-'))
			return 0;
	}
	for (size_t i = 0; reserved[i]; i++)
		if (strcmp(s, reserved[i]) == 0)
			return 0;
	return 1;
}

int rf_slug_check_arg(const char *arg)
{
	if (!*arg)
		return rf_error("empty program name");
	if (has_control_or_slash(arg))
		return rf_error("invalid program name: '/' and control characters cannot name a note");
	if (strcmp(arg, ".") == 0 || strcmp(arg, "..") == 0)
		return rf_error("invalid program name '%s'", arg);
	return 0;
}
