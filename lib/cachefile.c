#include "cachefile.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#ifndef RF_CACHE_BUILD
#define RF_CACHE_BUILD 0u
#endif

#define MAGIC "rf-cache"
#define HEADER_SIZE 48	/* magic 8, kind 4, version 4, rf's version and build 16, length 8, checksum 8 */
#define TMP_PREFIX "tmp-"

int rf_cachefile_enabled(struct rf_store *st)
{
	git_config *cfg = NULL, *snap = NULL;
	int on = 1, v;
	if (git_repository_config(&cfg, st->repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_get_bool(&v, snap, "rf.cache") == 0)
		on = v;
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	return on;
}

void rf_cachefile_put32(struct rf_buf *b, uint32_t v)
{
	unsigned char x[4] = { (unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
			       (unsigned char)(v >> 24) };
	rf_buf_add(b, x, 4);
}

void rf_cachefile_put64(struct rf_buf *b, uint64_t v)
{
	rf_cachefile_put32(b, (uint32_t)v);
	rf_cachefile_put32(b, (uint32_t)(v >> 32));
}

uint32_t rf_cachefile_get32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

uint64_t rf_cachefile_get64(const unsigned char *p)
{
	return (uint64_t)rf_cachefile_get32(p) | (uint64_t)rf_cachefile_get32(p + 4) << 32;
}

static uint64_t rotl(uint64_t x, int r)
{
	return x << r | x >> (64 - r);
}

static uint64_t load64(const unsigned char *p)
{
	uint64_t v;
	memcpy(&v, p, sizeof(v));
	return v;
}

/* Four independent lanes of multiply-rotate (the shape of xxHash64), so
 * the multiplications overlap: a history index of several megabytes is
 * checked in about a millisecond. */
uint64_t rf_cachefile_checksum(const void *p, size_t n)
{
	const uint64_t P1 = 0x9E3779B185EBCA87ULL, P2 = 0xC2B2AE3D27D4EB4FULL, P3 = 0x165667B19E3779F9ULL;
	const unsigned char *s = p;
	uint64_t h0 = P1 + P2, h1 = P2, h2 = 0, h3 = (uint64_t)0 - P1;
	size_t i = 0;
	for (; i + 32 <= n; i += 32) {
		h0 = rotl(h0 + load64(s + i) * P2, 31) * P1;
		h1 = rotl(h1 + load64(s + i + 8) * P2, 31) * P1;
		h2 = rotl(h2 + load64(s + i + 16) * P2, 31) * P1;
		h3 = rotl(h3 + load64(s + i + 24) * P2, 31) * P1;
	}
	uint64_t r = rotl(h0, 1) + rotl(h1, 7) + rotl(h2, 12) + rotl(h3, 18) + (uint64_t)n;
	for (; i < n; i++)
		r = rotl(r ^ (s[i] * P3), 11) * P1;
	r ^= r >> 33;
	r *= P2;
	r ^= r >> 29;
	r *= P3;
	return r ^ (r >> 32);
}

static void header(unsigned char h[HEADER_SIZE], const char kind[4], uint32_t version, uint64_t len, uint64_t sum)
{
	struct rf_buf b = RF_BUF_INIT;
	char rfv[17] = { 0 };
	snprintf(rfv, sizeof(rfv), "%.6s %08lx", RF_VERSION, (unsigned long)RF_CACHE_BUILD & 0xffffffffUL);
	rf_buf_add(&b, MAGIC, 8);
	rf_buf_add(&b, kind, 4);
	rf_cachefile_put32(&b, version);
	rf_buf_add(&b, rfv, 16);
	rf_cachefile_put64(&b, len);
	rf_cachefile_put64(&b, sum);
	memcpy(h, b.buf, HEADER_SIZE);
	rf_buf_free(&b);
}

/* .git/rf, opened without following a link; created when create is set.
 * -1 when there is none to use. */
static int cache_dir(struct rf_store *st, int create)
{
	int git = open(git_repository_path(st->repo), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (git < 0)
		return -1;
	if (create && mkdirat(git, "rf", 0700) < 0 && errno != EEXIST) {
		close(git);
		return -1;
	}
	int fd = openat(git, "rf", O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	close(git);
	return fd;
}

void rf_cachefile_release(struct rf_cachefile_data *d)
{
	free(d->buf);
	memset(d, 0, sizeof(*d));
}

int rf_cachefile_read(struct rf_store *st, const char *name, const char kind[4], uint32_t version,
		      struct rf_cachefile_data *out)
{
	int dir = cache_dir(st, 0), fd = -1, ok = 0;
	struct stat sb;
	unsigned char want[HEADER_SIZE];
	memset(out, 0, sizeof(*out));
	if (dir < 0)
		return 0;
	fd = openat(dir, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	close(dir);
	if (fd < 0 || fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || sb.st_size < HEADER_SIZE)
		goto out;
	/* Read, not mapped: a file cut short under a mapping would kill the
	 * reader.  Megabytes, so once, into room of the file's size. */
	size_t size = (size_t)sb.st_size, got = 0;
	out->buf = rf_xmalloc(size);
	while (got < size) {
		ssize_t n = read(fd, out->buf + got, size - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			goto out;
		got += (size_t)n;
	}
	const unsigned char *h = out->buf;
	uint64_t len = rf_cachefile_get64(h + 32), sum = rf_cachefile_get64(h + 40);
	header(want, kind, version, len, sum);
	if (memcmp(h, want, HEADER_SIZE) != 0 || len != (uint64_t)size - HEADER_SIZE ||
	    rf_cachefile_checksum(h + HEADER_SIZE, (size_t)len) != sum)
		goto out;
	out->p = h + HEADER_SIZE;
	out->len = (size_t)len;
	ok = 1;
out:
	if (fd >= 0)
		close(fd);
	if (!ok)
		rf_cachefile_release(out);
	return ok;
}

/* Temporary files are made only under the lock: any found by the lock's
 * holder were left by a killed rf. */
static void clear_stale(int dir)
{
	int fd = dup(dir);
	DIR *d = fd >= 0 ? fdopendir(fd) : NULL;
	struct dirent *de;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return;
	}
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, TMP_PREFIX, strlen(TMP_PREFIX)))
			unlinkat(dir, de->d_name, 0);
	closedir(d);
}

int rf_cachefile_write(struct rf_store *st, const char *name, const char kind[4], uint32_t version,
		       const void *payload, size_t len)
{
	int dir = cache_dir(st, 1), lock = -1, fd = -1, r = -1;
	char tmp[64];
	unsigned char h[HEADER_SIZE];
	if (dir < 0)
		return -1;
	lock = openat(dir, "lock", O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (lock < 0 || flock(lock, LOCK_EX | LOCK_NB) < 0)
		goto out;
	clear_stale(dir);
	snprintf(tmp, sizeof(tmp), TMP_PREFIX "%ld-%s", (long)getpid(), name);
	fd = openat(dir, tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0)
		goto out;
	header(h, kind, version, len, rf_cachefile_checksum(payload, len));
	int w = rf_write_all(fd, h, sizeof(h)) < 0 || rf_write_all(fd, payload, len) < 0;
	if (close(fd) < 0 || w) {
		fd = -1;
		unlinkat(dir, tmp, 0);
		goto out;
	}
	fd = -1;
	/* No fsync: a file torn by a crash fails its checksum and is rebuilt. */
	if (renameat(dir, tmp, dir, name) < 0)
		unlinkat(dir, tmp, 0);
	else
		r = 0;
out:
	if (fd >= 0)
		close(fd);
	if (lock >= 0)
		close(lock);
	close(dir);
	return r;
}
