#include "util.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

const char *rf_progname(void)
{
	return program_invocation_short_name;
}

static void vreport(const char *prefix, const char *fmt, va_list ap, int err)
{
	char *msg;
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	/* Messages quote the user's words (names, values, paths): a control
	 * character in them must not split the line or drive the terminal,
	 * so every report stays exactly one line. */
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_addf(&b, "%s: %s", rf_progname(), prefix);
	if (msg)
		rf_escape_controls(&b, msg);
	else
		rf_buf_adds(&b, "(message lost: out of memory)");
	if (err)
		rf_buf_addf(&b, ": %s", strerror(err));
	rf_buf_addc(&b, '\n');
	fputs(b.buf, stderr);
	rf_buf_free(&b);
	free(msg);
}

void rf_shell_quote(struct rf_buf *out, const char *s)
{
	if (*s && strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:=@+,%") == strlen(s)) {
		rf_buf_adds(out, s);
		return;
	}
	rf_buf_addc(out, '\'');
	for (; *s; s++) {
		if (*s == '\'')
			rf_buf_adds(out, "'\\''");
		else
			rf_buf_addc(out, *s);
	}
	rf_buf_addc(out, '\'');
}

void rf_escape_controls(struct rf_buf *out, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '\t')
			rf_buf_adds(out, "\\t");
		else if (*p == '\n')
			rf_buf_adds(out, "\\n");
		else if (*p == '\r')
			rf_buf_adds(out, "\\r");
		else if (*p < 0x20 || *p == 0x7F)
			rf_buf_addf(out, "\\x%02X", *p);
		else
			rf_buf_addc(out, (char)*p);
	}
}

int rf_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("", fmt, ap, 0);
	va_end(ap);
	return -1;
}

int rf_error_errno(const char *fmt, ...)
{
	int err = errno;
	va_list ap;
	va_start(ap, fmt);
	vreport("", fmt, ap, err);
	va_end(ap);
	return -1;
}

void rf_warn(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("warning: ", fmt, ap, 0);
	va_end(ap);
}

void rf_inform(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vreport("", fmt, ap, 0);
	va_end(ap);
}

static void *check_alloc(void *p)
{
	if (!p) {
		fprintf(stderr, "%s: out of memory\n", rf_progname());
		abort();
	}
	return p;
}

void *rf_xmalloc(size_t n)
{
	return check_alloc(malloc(n ? n : 1));
}

void *rf_xcalloc(size_t n, size_t size)
{
	return check_alloc(calloc(n ? n : 1, size ? size : 1));
}

void *rf_xrealloc(void *p, size_t n)
{
	return check_alloc(realloc(p, n ? n : 1));
}

char *rf_xstrdup(const char *s)
{
	return check_alloc(strdup(s));
}

char *rf_xstrndup(const char *s, size_t n)
{
	return check_alloc(strndup(s, n));
}

char *rf_xasprintf(const char *fmt, ...)
{
	struct rf_buf b = RF_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	b.buf = rf_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(b.buf, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return b.buf;
}

static void buf_grow(struct rf_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->buf = rf_xrealloc(b->buf, cap);
	b->cap = cap;
}

void rf_buf_add(struct rf_buf *b, const void *data, size_t n)
{
	buf_grow(b, n);
	if (n)
		memcpy(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
}

void rf_buf_adds(struct rf_buf *b, const char *s)
{
	rf_buf_add(b, s, strlen(s));
}

void rf_buf_addc(struct rf_buf *b, char c)
{
	rf_buf_add(b, &c, 1);
}

void rf_buf_addf(struct rf_buf *b, const char *fmt, ...)
{
	/* Formatted straight into the free space, and a second time only when
	 * it did not fit: the report formats tens of thousands of short
	 * pieces, and measuring each first doubled the cost of every one. */
	buf_grow(b, 64);
	size_t room = b->cap - b->len;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(b->buf + b->len, room, fmt, ap);
	va_end(ap);
	if (n < 0) {
		b->buf[b->len] = '\0';	/* a format rf never uses (over INT_MAX bytes): nothing added */
		return;
	}
	if ((size_t)n >= room) {
		buf_grow(b, (size_t)n);
		va_start(ap, fmt);
		vsnprintf(b->buf + b->len, (size_t)n + 1, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void rf_buf_reset(struct rf_buf *b)
{
	b->len = 0;
	if (b->buf)
		b->buf[0] = '\0';
}

void rf_buf_free(struct rf_buf *b)
{
	free(b->buf);
	b->buf = NULL;
	b->len = b->cap = 0;
}

char *rf_buf_detach(struct rf_buf *b)
{
	char *s = b->buf ? b->buf : rf_xstrdup("");
	b->buf = NULL;
	b->len = b->cap = 0;
	return s;
}

void rf_strv_push(struct rf_strv *sv, char *owned)
{
	if (sv->n == sv->cap) {
		sv->cap = sv->cap ? 2 * sv->cap : 16;
		sv->v = rf_xrealloc(sv->v, sv->cap * sizeof(*sv->v));
	}
	sv->v[sv->n++] = owned;
}

void rf_strv_free(struct rf_strv *sv)
{
	for (size_t i = 0; i < sv->n; i++)
		free(sv->v[i]);
	free(sv->v);
	sv->v = NULL;
	sv->n = sv->cap = 0;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void rf_strv_sort(struct rf_strv *sv)
{
	if (sv->n > 1)
		qsort(sv->v, sv->n, sizeof(*sv->v), cmp_str);
}

int rf_strv_contains(const struct rf_strv *sv, const char *s)
{
	for (size_t i = 0; i < sv->n; i++)
		if (strcmp(sv->v[i], s) == 0)
			return 1;
	return 0;
}

char *rf_strstrip(char *s)
{
	size_t len = strlen(s);
	while (len && isspace((unsigned char)s[len - 1]))
		s[--len] = '\0';
	size_t lead = strspn(s, " \t\r\n\v\f");
	if (lead)
		memmove(s, s + lead, len - lead + 1);
	return s;
}

char *rf_strlower(char *s)
{
	for (char *p = s; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	return s;
}

int rf_str_endswith(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && memcmp(s + ls - lx, suffix, lx) == 0;
}

int rf_parse_number(const char *s, double *out)
{
	if (!s || !*s || isspace((unsigned char)*s))
		return -1;
	/* Plain decimals only: strtod would also take "inf", "nan" and hex. */
	for (const char *p = s; *p; p++)
		if (!isdigit((unsigned char)*p) && *p != '.' && *p != '-' && *p != '+')
			return -1;
	char *end;
	errno = 0;
	double v = strtod(s, &end);
	if (errno || *end || end == s || !isfinite(v))
		return -1;
	*out = v;
	return 0;
}

int rf_parse_uint(const char *s, unsigned *out)
{
	if (!s || !isdigit((unsigned char)*s))
		return -1;
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (errno || *end || v > 1000000000UL)
		return -1;
	*out = (unsigned)v;
	return 0;
}

size_t rf_edit_distance(const char *a, const char *b)
{
	/* Three rows of the table: two letters swapped ("nwe") are one slip. */
	size_t la = strlen(a), lb = strlen(b);
	size_t *prev2 = rf_xcalloc(lb + 1, sizeof(size_t)), *prev = rf_xcalloc(lb + 1, sizeof(size_t));
	size_t *row = rf_xcalloc(lb + 1, sizeof(size_t));
	for (size_t j = 0; j <= lb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= la; i++) {
		row[0] = i;
		for (size_t j = 1; j <= lb; j++) {
			size_t best = prev[j - 1] + (a[i - 1] != b[j - 1]);
			if (prev[j] + 1 < best)
				best = prev[j] + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] && prev2[j - 2] + 1 < best)
				best = prev2[j - 2] + 1;
			row[j] = best;
		}
		size_t *t = prev2;
		prev2 = prev;
		prev = row;
		row = t;
	}
	size_t d = prev[lb];
	free(prev2);
	free(prev);
	free(row);
	return d;
}

int rf_read_fd(int fd, struct rf_buf *out)
{
	struct stat sb;
	rf_buf_reset(out);
	/* Straight into the buffer, sized once for a regular file (and the
	 * read that finds its end): a note is read thousands of times a run. */
	size_t want = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0 ? (size_t)sb.st_size + 1 : 4096;
	buf_grow(out, want);
	for (;;) {
		if (out->cap - out->len < 2)
			buf_grow(out, out->cap);
		ssize_t n = read(fd, out->buf + out->len, out->cap - out->len - 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			out->buf[out->len] = '\0';
			return -1;
		}
		if (n == 0)
			break;
		out->len += (size_t)n;
	}
	out->buf[out->len] = '\0';
	return 0;
}

size_t rf_utf8_decode(const unsigned char *s, size_t len, unsigned long *cp)
{
	static const unsigned long min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n = s[0] < 0x80 ? 1 : (s[0] & 0xE0) == 0xC0 ? 2 : (s[0] & 0xF0) == 0xE0 ? 3
		 : (s[0] & 0xF8) == 0xF0 ? 4 : 0;
	if (!n || n > len)
		return 0;
	unsigned long c = n == 1 ? s[0] : s[0] & (0x7F >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		c = c << 6 | (s[i] & 0x3F);
	}
	if (c < min[n] || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF))
		return 0;
	*cp = c;
	return n;
}

int rf_same_file_state(const struct stat *a, const struct stat *b)
{
	return a->st_ino == b->st_ino && a->st_dev == b->st_dev && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

size_t rf_fmt_ulong(char *buf, unsigned long v)
{
	char rev[21];
	size_t n = 0;
	do
		rev[n++] = (char)('0' + v % 10);
	while ((v /= 10));
	for (size_t i = 0; i < n; i++)
		buf[i] = rev[n - 1 - i];
	buf[n] = '\0';
	return n;
}

int rf_write_all(int fd, const void *data, size_t len)
{
	const char *p = data;
	while (len) {
		ssize_t w = write(fd, p, len);
		if (w < 0 && errno == EINTR)
			continue;
		if (w == 0)
			errno = EIO;
		if (w <= 0)
			return -1;
		p += w;
		len -= (size_t)w;
	}
	return 0;
}

int rf_read_file(const char *path, struct rf_buf *out)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return rf_error_errno("%s", path);
	struct stat st;
	int r = 0;
	if (fstat(fd, &st) < 0 || rf_read_fd(fd, out) < 0)
		r = rf_error_errno("%s", path);
	else if (!S_ISREG(st.st_mode))
		r = rf_error("%s: not a regular file", path);
	close(fd);
	return r;
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? tolower(c) - 'a' + 10 : -1;
}

char *rf_pct_decode(const char *s, size_t n)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			rf_buf_addc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else {
			rf_buf_addc(&b, s[i]);
		}
	}
	return rf_buf_detach(&b);
}
