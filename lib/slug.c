#include "slug.h"

#include <iconv.h>
#include <locale.h>
#include <string.h>
#include <wctype.h>

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

static int has_control_or_slash(const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '/')
			return 1;
	return 0;
}

/* Combining marks (a decomposed "e\u0301") belong to the letter before. */
static int combining(unsigned cp)
{
	return (cp >= 0x300 && cp <= 0x36F) || (cp >= 0x1AB0 && cp <= 0x1AFF) || (cp >= 0x1DC0 && cp <= 0x1DFF) ||
	       (cp >= 0x20D0 && cp <= 0x20FF) || (cp >= 0xFE20 && cp <= 0xFE2F);
}

/* The C library's transliteration of other scripts.  glibc's iconv
 * //TRANSLIT reads its tables from the thread's locale: the C locale
 * spells Cyrillic and Greek ("Москва" -> "Moskva"), C.UTF-8 the Latin
 * letters with marks the table above lacks ("ệ" -> "e").  Both are set
 * with uselocale for this thread only, so the result never depends on the
 * user's locale and no global state changes. */
struct translit {
	int opened;
	iconv_t cd;
	locale_t c, utf8;
};

/* Opened at the first letter beyond ASCII: most names have none, and the
 * two locales cost more than the rest of the slug (rf-import makes one
 * per row). */
static struct translit *translit_open(struct translit *t)
{
	if (t->opened)
		return t;
	t->opened = 1;
	t->cd = iconv_open("ASCII//TRANSLIT", "UTF-8");
	t->c = newlocale(LC_ALL_MASK, "C", (locale_t)0);
	t->utf8 = newlocale(LC_ALL_MASK, "C.UTF-8", (locale_t)0);
	return t;
}

static void translit_close(struct translit *t)
{
	if (!t->opened)
		return;
	if (t->cd != (iconv_t)-1)
		iconv_close(t->cd);
	if (t->c)
		freelocale(t->c);
	if (t->utf8)
		freelocale(t->utf8);
}

/* Is cp a letter or digit?  Without C.UTF-8, every code point is. */
static int is_letter(const struct translit *t, unsigned cp)
{
	if (!t->utf8)
		return 1;
	locale_t old = uselocale(t->utf8);
	int r = iswalnum((wint_t)cp) != 0;
	uselocale(old);
	return r;
}

/* The ASCII letters and digits of one code point (UTF-8 in[0..n)) under
 * locale loc, lowercased, into out; 0, or -1 when iconv has none. */
static int translit_in(const struct translit *t, locale_t loc, const unsigned char *in, size_t n, char out[16])
{
	char raw[16], *o = raw, *i = (char *)in;
	size_t il = n, ol = sizeof(raw) - 1;
	if (t->cd == (iconv_t)-1 || !loc)
		return -1;
	locale_t old = uselocale(loc);
	iconv(t->cd, NULL, NULL, NULL, NULL);
	size_t r = iconv(t->cd, &i, &il, &o, &ol);
	uselocale(old);
	*o = '\0';
	if (r == (size_t)-1 || il || strchr(raw, '?'))
		return -1;
	size_t k = 0;
	for (const char *p = raw; *p; p++)
		if ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9'))
			out[k++] = *p;
		else if (*p >= 'A' && *p <= 'Z')
			out[k++] = (char)(*p - 'A' + 'a');
	out[k] = '\0';
	return 0;
}

static char *make_slug(const char *name, int report)
{
	if (has_control_or_slash(name)) {
		if (report)
			rf_error("invalid program name: '/' and control characters cannot name a note");
		return NULL;
	}
	struct rf_buf b = RF_BUF_INIT;
	struct translit t = { 0 };
	int pending_dash = 0, lost = 0;
	for (const unsigned char *p = (const unsigned char *)name; *p;) {
		unsigned long wide;
		size_t n = rf_utf8_decode(p, 4, &wide);
		unsigned cp = (unsigned)wide;
		if (!n) {
			rf_buf_free(&b);
			translit_close(&t);
			if (report)
				rf_error("invalid program name: not valid UTF-8");
			return NULL;
		}
		const char *add = NULL;
		char one[16] = { 0 };
		if ((cp >= 'a' && cp <= 'z') || (cp >= '0' && cp <= '9')) {
			one[0] = (char)cp;
			add = one;
		} else if (cp >= 'A' && cp <= 'Z') {
			one[0] = (char)(cp - 'A' + 'a');
			add = one;
		} else if (cp == '\'' || cp == 0x2019 || cp == 0x2018 || combining(cp)) {
			p += n;
			continue; /* "Mary's" is "marys", not "mary-s" */
		} else if ((add = translit(cp)) == NULL && cp >= 0x80 && is_letter(translit_open(&t), cp)) {
			if (translit_in(&t, t.c, p, n, one) == 0 || translit_in(&t, t.utf8, p, n, one) == 0)
				add = one;
			else
				lost = 1;
			if (add && !*add) {
				p += n;
				continue; /* a sign with no sound (Cyrillic ь) */
			}
		}
		p += n;
		if (!add) {
			pending_dash = 1;
			continue;
		}
		if (pending_dash && b.len)
			rf_buf_addc(&b, '-');
		pending_dash = 0;
		rf_buf_adds(&b, add);
	}
	translit_close(&t);
	if (b.len > RF_SLUG_MAX) {
		b.len = RF_SLUG_MAX;
		while (b.len && b.buf[b.len - 1] == '-')
			b.len--;
		b.buf[b.len] = '\0';
	}
	if (!b.len) {
		rf_buf_free(&b);
		if (!report)
			return NULL;
		if (lost) {
			/* Arabic, CJK, Devanagari...: no spelling in ASCII. */
			struct rf_buf q = RF_BUF_INIT;
			rf_shell_quote(&q, name);
			rf_error("'%s' has no letters rf can spell in ASCII for a file name; name the note "
				 "yourself: rf-new -s program.name=%s SLUG", name, q.buf);
			rf_buf_free(&q);
		} else {
			rf_error("invalid program name '%s': it needs at least one letter or digit", name);
		}
		return NULL;
	}
	for (size_t i = 0; reserved[i]; i++) {
		if (strcmp(b.buf, reserved[i]) == 0) {
			if (report)
				rf_error("'%s' is reserved for %s.ini; name the program differently", b.buf,
					 reserved[i]);
			rf_buf_free(&b);
			return NULL;
		}
	}
	return rf_buf_detach(&b);
}

char *rf_slug_from_name(const char *name)
{
	return make_slug(name, 1);
}

char *rf_slug_guess(const char *name)
{
	return make_slug(name, 0);
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
