/* rawtree.h: a root tree in git's own encoding, read through libgit2's
 * object database, and compared with another tree by its bytes.
 *
 * Parsing a 2,000-entry tree into libgit2's entry array costs more than
 * reading it, and consecutive trees of a history differ in one entry or
 * a few: two trees are compared by their common prefix and suffix, and
 * only the entries in between are looked at.  A tree knows where its
 * entries start, and a parent's offsets are derived from its child's
 * instead of parsed again.  The encoding is git's ("MODE NAME\0" and 20
 * bytes of id per entry, sorted); a tree that breaks it is an error, and
 * callers fall back to libgit2's own parser. */
#ifndef RF_RAWTREE_H
#define RF_RAWTREE_H

#include <stddef.h>
#include <stdint.h>

#include <git2.h>

struct rf_rawtree {
	git_oid id;
	git_odb_object *obj;		/* owned; NULL for the empty tree */
	const unsigned char *data;	/* the encoding, lent by obj */
	size_t len;
	uint32_t *off;			/* where each entry starts (owned) */
	size_t n, cap;
	int indexed;			/* off is filled */
};

/* One entry of a tree: lent by the tree. */
struct rf_rawentry {
	const char *name;	/* NUL-terminated inside the tree's data */
	size_t name_len;
	const unsigned char *id;	/* GIT_OID_RAWSZ bytes */
	int is_tree;		/* a directory (mode 40000) */
	int is_blob;		/* a file or a link, as git_tree_entry_type says */
};

/* Read tree id from odb into t (zeroed once; what it held is dropped, its
 * offset buffer reused), without indexing its entries.  -1 when it cannot
 * be read or is not a tree; nothing is reported (libgit2's error stays
 * set). */
int rf_rawtree_read(git_odb *odb, const git_oid *id, struct rf_rawtree *t);
/* Find where every entry starts; -1 when the encoding is broken. */
int rf_rawtree_index(struct rf_rawtree *t);
void rf_rawtree_free(struct rf_rawtree *t);
/* Swap two trees (to keep the parent as the next commit's tree). */
void rf_rawtree_swap(struct rf_rawtree *a, struct rf_rawtree *b);

/* Entry i of an indexed tree. */
void rf_rawtree_entry(const struct rf_rawtree *t, size_t i, struct rf_rawentry *e);

/* The entry called name (top level) in an indexed tree: 1 and *e, 0 when
 * absent. */
int rf_rawtree_find(const struct rf_rawtree *t, const char *name, struct rf_rawentry *e);

/* git's order of two entries: names bytewise, a directory as if it ended
 * in '/'. */
int rf_rawentry_cmp(const struct rf_rawentry *a, const struct rf_rawentry *b);

/* One difference between two trees: the entry as it is in a (or absent)
 * and as it is in b (or absent), with the same name. */
struct rf_rawdiff {
	struct rf_rawentry a, b;
	int in_a, in_b;
};

/* Compare indexed tree a with tree b (read, not indexed), indexing b from
 * a's offsets on the way.  The differing entries, in tree order, are
 * appended to *v (realloc'd; *n counts them, *cap its room; caller frees).
 * Entries lent by a and b.  -1 when b's encoding is broken. */
int rf_rawtree_diff(const struct rf_rawtree *a, struct rf_rawtree *b, struct rf_rawdiff **v, size_t *n,
		    size_t *cap);

#endif
