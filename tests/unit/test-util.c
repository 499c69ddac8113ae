/* Small helpers of lib/util.c with logic: the edit distance behind every
 * "did you mean", shell quoting for the command lines messages suggest,
 * percent-decoding for URLs and git's credential store, decoding UTF-8,
 * formatting into a buffer, and writing all of a buffer. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>

#include "unit.h"
#include "util.h"

static void test_edit_distance(struct unit *u)
{
	CHECK(u, rf_edit_distance("", "") == 0);
	CHECK(u, rf_edit_distance("set", "set") == 0);
	CHECK(u, rf_edit_distance("", "abc") == 3);
	CHECK(u, rf_edit_distance("abc", "") == 3);
	CHECK(u, rf_edit_distance("sett", "set") == 1);
	CHECK(u, rf_edit_distance("nwe", "new") == 1);	/* a swap is one slip */
	CHECK(u, rf_edit_distance("mercy-genral", "mercy-general") == 1);
	CHECK(u, rf_edit_distance("sco", "set") == 2);
	CHECK(u, rf_edit_distance("kitten", "sitting") == 3);
	CHECK(u, rf_edit_distance("ca", "abc") == 3);	/* no edits of a swapped pair */
	CHECK(u, rf_edit_distance("visa.h1", "visa.h1b") == 1);
}

static void test_pct_decode(struct unit *u)
{
	char *s = rf_pct_decode("a%40b%3a%2Fc", 12);
	CHECK_STR(u, s, "a@b:/c");
	free(s);
	/* Not two hex digits, or cut off by n: the '%' stays. */
	s = rf_pct_decode("100%%zz%4", 9);
	CHECK_STR(u, s, "100%%zz%4");
	free(s);
	s = rf_pct_decode("x%41yz", 3);
	CHECK_STR(u, s, "x%4");
	free(s);
	s = rf_pct_decode("", 0);
	CHECK_STR(u, s, "");
	free(s);
}

static void test_shell_quote(struct unit *u)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_shell_quote(&b, "St. Mary's");
	CHECK_STR(u, b.buf, "'St. Mary'\\''s'");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "");
	CHECK_STR(u, b.buf, "''");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "mercy-general");
	CHECK_STR(u, b.buf, "mercy-general");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "Mercy General");
	CHECK_STR(u, b.buf, "'Mercy General'");
	rf_buf_reset(&b);
	rf_shell_quote(&b, "東京");
	CHECK_STR(u, b.buf, "'東京'");
	rf_buf_free(&b);
}

static void test_fmt_ulong(struct unit *u)
{
	char buf[21];
	CHECK(u, rf_fmt_ulong(buf, 0) == 1);
	CHECK_STR(u, buf, "0");
	CHECK(u, rf_fmt_ulong(buf, 7) == 1);
	CHECK_STR(u, buf, "7");
	CHECK(u, rf_fmt_ulong(buf, 1000) == 4);
	CHECK_STR(u, buf, "1000");
	CHECK(u, rf_fmt_ulong(buf, ULONG_MAX) == 20);
	CHECK_STR(u, buf, "18446744073709551615");
}

/* A regular file read whole (sized by fstat), an empty one, and a file
 * whose size fstat does not know (/proc). */
static void test_read_fd(struct unit *u)
{
	char path[] = "/tmp/rf-test-util-XXXXXX";
	int fd = mkstemp(path);
	char *data = rf_xmalloc(10000);
	for (int i = 0; i < 10000; i++)
		data[i] = (char)('a' + i % 26);
	CHECK(u, fd >= 0 && rf_write_all(fd, data, 10000) == 0 && lseek(fd, 0, SEEK_SET) == 0);
	struct rf_buf b = RF_BUF_INIT;
	CHECK(u, rf_read_fd(fd, &b) == 0 && b.len == 10000 && !memcmp(b.buf, data, 10000) && b.buf[10000] == '\0');
	CHECK(u, ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0);
	CHECK(u, rf_read_fd(fd, &b) == 0 && b.len == 0 && b.buf[0] == '\0');
	close(fd);
	unlink(path);
	fd = open("/proc/self/status", O_RDONLY);
	CHECK(u, fd >= 0 && rf_read_fd(fd, &b) == 0 && b.len > 0 && !strncmp(b.buf, "Name:", 5) && strlen(b.buf) == b.len);
	close(fd);
	CHECK(u, rf_read_fd(-1, &b) < 0 && errno == EBADF);
	rf_buf_free(&b);
	free(data);
}

/* Formatted in place when it fits, formatted again after growing when it
 * does not, and nothing added when vsnprintf fails (a wide character the
 * C locale cannot encode). */
static void test_buf_addf(struct unit *u)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_addf(&b, "%s=%d", "risk", 42);
	CHECK_STR(u, b.buf, "risk=42");
	char *big = rf_xmalloc(5000);
	memset(big, 'x', 4999);
	big[4999] = '\0';
	for (int i = 0; i < 3; i++)
		rf_buf_addf(&b, "<%s>", big + i * 1000);
	CHECK(u, b.len == 7 + 5001 + 4001 + 3001);
	CHECK(u, b.buf[b.len] == '\0' && b.buf[7] == '<' && b.buf[7 + 5000] == '>' && b.buf[b.len - 1] == '>');
	CHECK(u, strspn(b.buf + 7 + 5001 + 1, "x") == 3999);
	size_t before = b.len;
	rf_buf_addf(&b, "%ls", (const wchar_t[]){ 0x6771, 0 });
	CHECK(u, b.len == before && b.buf[b.len] == '\0');
	rf_buf_addf(&b, "%c", '!');
	CHECK(u, b.len == before + 1 && b.buf[before] == '!');
	free(big);
	rf_buf_free(&b);
}

/* Each form and each way of not being UTF-8. */
static void test_utf8_decode(struct unit *u)
{
	static const struct {
		const char *s;
		size_t len, n;
		unsigned long cp;
	} cases[] = {
		{ "a", 1, 1, 'a' },
		{ "\xC3\xA9", 2, 2, 0xE9 },
		{ "\xE2\x80\x99", 3, 3, 0x2019 },
		{ "\xF0\x9F\x98\x80", 4, 4, 0x1F600 },
		{ "\xF4\x8F\xBF\xBF", 4, 4, 0x10FFFF },
		{ "\xE2\x80\x99", 2, 0, 0 },		/* cut short by len */
		{ "\xE2\x80", 4, 0, 0 },		/* by the string's NUL */
		{ "\x80", 1, 0, 0 },			/* a stray continuation */
		{ "\xC0\xAF", 2, 0, 0 },		/* overlong '/' */
		{ "\xE0\x80\xAF", 3, 0, 0 },
		{ "\xED\xA0\x80", 3, 0, 0 },		/* a surrogate */
		{ "\xF4\x90\x80\x80", 4, 0, 0 },	/* above U+10FFFF */
		{ "\xF8\x88\x80\x80\x80", 5, 0, 0 },	/* five bytes */
		{ "\xC3(", 2, 0, 0 },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(*cases); i++) {
		unsigned long cp = 0;
		size_t n = rf_utf8_decode((const unsigned char *)cases[i].s, cases[i].len, &cp);
		CHECK(u, n == cases[i].n);
		if (n)
			CHECK(u, cp == cases[i].cp);
	}
}

struct reader {
	int fd;
	struct rf_buf got;
	int r;
};

static void *read_all(void *arg)
{
	struct reader *rd = arg;
	rd->r = rf_read_fd(rd->fd, &rd->got);
	return NULL;
}

/* More than a pipe holds goes through in short writes (read on a thread:
 * a forked writer would exit through valgrind's leak check), read back
 * whole; a full pipe and a full device fail with errno saying why. */
static void test_write_all(struct unit *u)
{
	size_t len = 1 << 20;
	char *data = malloc(len);
	for (size_t i = 0; i < len; i++)
		data[i] = (char)(i * 7 + i / 251);
	int p[2];
	CHECK(u, pipe(p) == 0);
	struct reader rd = { p[0], RF_BUF_INIT, -1 };
	pthread_t tid;
	CHECK(u, pthread_create(&tid, NULL, read_all, &rd) == 0);
	CHECK(u, rf_write_all(p[1], data, len) == 0);
	close(p[1]);
	pthread_join(tid, NULL);
	close(p[0]);
	CHECK(u, rd.r == 0 && rd.got.len == len && !memcmp(rd.got.buf, data, len));
	rf_buf_free(&rd.got);

	CHECK(u, pipe2(p, O_NONBLOCK) == 0);
	errno = 0;
	CHECK(u, rf_write_all(p[1], data, len) == -1 && errno == EAGAIN);
	close(p[0]);
	close(p[1]);
	int full = open("/dev/full", O_WRONLY);
	if (full >= 0) {
		errno = 0;
		CHECK(u, rf_write_all(full, "x", 1) == -1 && errno == ENOSPC);
		close(full);
	}
	CHECK(u, rf_write_all(-1, "", 0) == 0);	/* nothing to write: no call */
	free(data);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_edit_distance);
	RUN(&u, test_shell_quote);
	RUN(&u, test_pct_decode);
	RUN(&u, test_buf_addf);
	RUN(&u, test_fmt_ulong);
	RUN(&u, test_read_fd);
	RUN(&u, test_write_all);
	RUN(&u, test_utf8_decode);
	return UNIT_DONE(&u);
}
