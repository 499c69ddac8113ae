#include "rawtree.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Bytes compared at a time before looking closer: memcmp is vectorised,
 * a byte loop is not. */
#define BIG 4096
#define BLOCK 64

int rf_rawtree_read(git_odb *odb, const git_oid *id, struct rf_rawtree *t)
{
	git_odb_object *o;
	git_odb_object_free(t->obj);
	t->obj = NULL;
	t->data = NULL;
	t->len = t->n = 0;
	t->indexed = 0;
	git_oid_cpy(&t->id, id);
	if (git_odb_read(&o, odb, id) < 0)
		return -1;
	if (git_odb_object_type(o) != GIT_OBJECT_TREE) {
		git_odb_object_free(o);
		git_error_set_str(GIT_ERROR_OBJECT, "not a tree");
		return -1;
	}
	t->obj = o;
	t->data = git_odb_object_data(o);
	t->len = git_odb_object_size(o);
	if (!t->data)
		t->data = (const unsigned char *)"";	/* the empty tree: no arithmetic on NULL */
	return 0;
}

void rf_rawtree_free(struct rf_rawtree *t)
{
	git_odb_object_free(t->obj);
	free(t->off);
	memset(t, 0, sizeof(*t));
}

void rf_rawtree_swap(struct rf_rawtree *a, struct rf_rawtree *b)
{
	struct rf_rawtree x = *a;
	*a = *b;
	*b = x;
}

static void push_off(struct rf_rawtree *t, size_t off)
{
	if (t->n == t->cap) {
		t->cap = t->cap ? 2 * t->cap : 256;
		t->off = rf_xrealloc(t->off, t->cap * sizeof(*t->off));
	}
	t->off[t->n++] = (uint32_t)off;
}

/* The end of the entry starting at pos, or 0 when the encoding is broken
 * there (libgit2's parser would refuse it too, or is more lenient: either
 * way the caller falls back to it). */
static size_t entry_end(const unsigned char *d, size_t len, size_t pos)
{
	size_t i = pos, digits = 0;
	while (i < len && d[i] >= '0' && d[i] <= '7' && digits < 7)
		i++, digits++;
	if (!digits || i >= len || d[i] != ' ')
		return 0;
	const unsigned char *nul = memchr(d + i + 1, 0, len - i - 1);
	if (!nul || nul == d + i + 1 || (size_t)(nul - d) + 1 + GIT_OID_RAWSZ > len)
		return 0;
	return (size_t)(nul - d) + 1 + GIT_OID_RAWSZ;
}

int rf_rawtree_index(struct rf_rawtree *t)
{
	t->n = 0;
	for (size_t pos = 0; pos < t->len;) {
		size_t end = entry_end(t->data, t->len, pos);
		if (!end)
			return -1;
		push_off(t, pos);
		pos = end;
	}
	t->indexed = 1;
	return 0;
}

static void entry_at(const unsigned char *d, size_t pos, struct rf_rawentry *e)
{
	unsigned mode = 0;
	while (d[pos] != ' ')
		mode = mode * 8 + (unsigned)(d[pos++] - '0');
	e->name = (const char *)d + pos + 1;
	e->name_len = strlen(e->name);
	e->id = d + pos + 1 + e->name_len + 1;
	/* git_tree_entry_type's reading of the mode. */
	e->is_tree = (mode & 0170000) == 0040000;
	e->is_blob = !e->is_tree && (mode & 0170000) != 0160000;
}

void rf_rawtree_entry(const struct rf_rawtree *t, size_t i, struct rf_rawentry *e)
{
	entry_at(t->data, t->off[i], e);
}

int rf_rawentry_cmp(const struct rf_rawentry *a, const struct rf_rawentry *b)
{
	size_t n = a->name_len < b->name_len ? a->name_len : b->name_len;
	int c = memcmp(a->name, b->name, n);
	if (c)
		return c;
	unsigned char ac = a->name_len > n ? (unsigned char)a->name[n] : a->is_tree ? '/' : 0;
	unsigned char bc = b->name_len > n ? (unsigned char)b->name[n] : b->is_tree ? '/' : 0;
	return (ac > bc) - (ac < bc);
}

int rf_rawtree_find(const struct rf_rawtree *t, const char *name, struct rf_rawentry *e)
{
	/* Sorted by name, a directory as NAME/: compare names alone and look
	 * around the hit for the one with this exact name. */
	size_t lo = 0, hi = t->n, len = strlen(name);
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		struct rf_rawentry m;
		entry_at(t->data, t->off[mid], &m);
		size_t n = m.name_len < len ? m.name_len : len;
		int c = memcmp(m.name, name, n);
		if (!c)
			c = (m.name_len > len) - (m.name_len < len);
		if (!c) {
			*e = m;
			return 1;
		}
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

static size_t common_prefix(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i = 0;
	while (i + BIG <= n && !memcmp(a + i, b + i, BIG))
		i += BIG;
	while (i + BLOCK <= n && !memcmp(a + i, b + i, BLOCK))
		i += BLOCK;
	while (i < n && a[i] == b[i])
		i++;
	return i;
}

/* Common bytes at the ends of a[0..n) and b[0..n) read backwards. */
static size_t common_suffix(const unsigned char *a_end, const unsigned char *b_end, size_t n)
{
	size_t i = 0;
	while (i + BIG <= n && !memcmp(a_end - i - BIG, b_end - i - BIG, BIG))
		i += BIG;
	while (i + BLOCK <= n && !memcmp(a_end - i - BLOCK, b_end - i - BLOCK, BLOCK))
		i += BLOCK;
	while (i < n && a_end[-(ptrdiff_t)i - 1] == b_end[-(ptrdiff_t)i - 1])
		i++;
	return i;
}

static size_t entry_limit(const struct rf_rawtree *t, size_t k)
{
	return k + 1 < t->n ? t->off[k + 1] : t->len;
}

static void push_diff(struct rf_rawdiff **v, size_t *n, size_t *cap, const struct rf_rawentry *a,
		      const struct rf_rawentry *b)
{
	if (*n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		*v = rf_xrealloc(*v, *cap * sizeof(**v));
	}
	struct rf_rawdiff *x = &(*v)[(*n)++];
	memset(x, 0, sizeof(*x));
	if (a)
		x->a = *a, x->in_a = 1;
	if (b)
		x->b = *b, x->in_b = 1;
}

int rf_rawtree_diff(const struct rf_rawtree *a, struct rf_rawtree *b, struct rf_rawdiff **v, size_t *n,
		    size_t *cap)
{
	size_t la = a->len, lb = b->len, m = la < lb ? la : lb;
	size_t p = common_prefix(a->data, b->data, m);
	size_t s = common_suffix(a->data + la, b->data + lb, m - p);

	/* a's entries [0, i) lie in the common prefix: b has them too, at
	 * the same places. */
	size_t lo = 0, hi = a->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (entry_limit(a, mid) <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t i = lo;
	b->n = 0;
	if (b->cap < a->n + 1) {
		b->cap = a->n + 16;
		b->off = rf_xrealloc(b->off, b->cap * sizeof(*b->off));
	}
	if (i)
		memcpy(b->off, a->off, i * sizeof(*b->off));
	b->n = i;

	/* Parse b from there until an entry of b starts where an entry of a
	 * starts in the common suffix: from there on both are the same. */
	size_t pos = i < a->n ? a->off[i] : la, k = i;
	int aligned = 0;
	while (pos <= lb) {
		if (pos + s >= lb) {
			size_t q = pos + la - lb;
			while (k < a->n && a->off[k] < q)
				k++;
			if (k == a->n ? q == la : a->off[k] == q) {
				aligned = 1;
				break;
			}
		}
		if (pos == lb)
			break;
		size_t end = entry_end(b->data, lb, pos);
		if (!end)
			return -1;
		push_off(b, pos);
		pos = end;
	}
	size_t bmid = b->n, amid = aligned ? k : a->n;
	if (aligned) {
		size_t more = a->n - k;
		if (b->cap < b->n + more) {
			b->cap = b->n + more + 16;
			b->off = rf_xrealloc(b->off, b->cap * sizeof(*b->off));
		}
		uint32_t *dst = b->off + b->n, delta = (uint32_t)lb - (uint32_t)la;
		for (size_t x = 0; x < more; x++)
			dst[x] = a->off[k + x] + delta;	/* modulo 2^32: lb < la works too */
		b->n += more;
	}
	b->indexed = 1;

	/* The entries in between, merged by name. */
	size_t x = i, y = i;
	while (x < amid || y < bmid) {
		struct rf_rawentry ea, eb;
		if (x < amid)
			rf_rawtree_entry(a, x, &ea);
		if (y < bmid)
			rf_rawtree_entry(b, y, &eb);
		int c = x >= amid ? 1 : y >= bmid ? -1 : rf_rawentry_cmp(&ea, &eb);
		if (c < 0) {
			push_diff(v, n, cap, &ea, NULL);
			x++;
		} else if (c > 0) {
			push_diff(v, n, cap, NULL, &eb);
			y++;
		} else {
			if (ea.is_blob != eb.is_blob || ea.is_tree != eb.is_tree ||
			    memcmp(ea.id, eb.id, GIT_OID_RAWSZ) != 0)
				push_diff(v, n, cap, &ea, &eb);
			x++;
			y++;
		}
	}
	return 0;
}
