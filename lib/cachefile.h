/* cachefile.h: rf's caches under .git/rf/ (the history index, the score
 * cache): files that only save work, so that deleting the directory
 * changes nothing but speed.
 *
 * Every file starts with a header naming the cache, its format version,
 * rf's version and build (a checksum of the library's sources, so a
 * changed rf never trusts what another one wrote), the length of what
 * follows and a checksum of it; a file that is missing, truncated,
 * damaged or written by another format or another rf is ignored (its
 * owner rebuilds it), never trusted.
 * Writers take .git/rf/lock (never waiting: a busy lock means someone
 * else is saving the same work) and replace a file by rename, so readers
 * see the old file or the new one, whole.  Nothing here reports: a cache
 * that cannot be read or written is simply not used, and read-only
 * commands write nowhere else.  `git config rf.cache false` switches the
 * caches off. */
#ifndef RF_CACHEFILE_H
#define RF_CACHEFILE_H

#include <stddef.h>
#include <stdint.h>

#include "store.h"
#include "util.h"

/* 1 when st's repository uses the caches (rf.cache is not false). */
int rf_cachefile_enabled(struct rf_store *st);

/* A cache file's payload: p[0..len), valid until rf_cachefile_release. */
struct rf_cachefile_data {
	const unsigned char *p;
	size_t len;
	unsigned char *buf;	/* the file as read (owned) */
};

/* The payload of .git/rf/NAME when its header says kind (four letters)
 * and version: 1 when read and checked, 0 when there is no usable file
 * (*out is then empty).  Release with rf_cachefile_release. */
int rf_cachefile_read(struct rf_store *st, const char *name, const char kind[4], uint32_t version,
		      struct rf_cachefile_data *out);
void rf_cachefile_release(struct rf_cachefile_data *d);

/* Replace .git/rf/NAME with payload under that header: 0 when written, -1
 * when not (the lock is busy, or the directory cannot be written). */
int rf_cachefile_write(struct rf_store *st, const char *name, const char kind[4], uint32_t version,
		       const void *payload, size_t len);

/* A 64-bit checksum of n bytes (fast, not cryptographic: it catches a
 * truncated or damaged file, not a forged one; words are read in the
 * machine's order, so a file moved to a machine of the other byte order
 * is rebuilt there). */
uint64_t rf_cachefile_checksum(const void *p, size_t n);

/* Little-endian encoding of the caches' fields. */
void rf_cachefile_put32(struct rf_buf *b, uint32_t v);
void rf_cachefile_put64(struct rf_buf *b, uint64_t v);
uint32_t rf_cachefile_get32(const unsigned char *p);
uint64_t rf_cachefile_get64(const unsigned char *p);

#endif
