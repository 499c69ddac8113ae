#include "rename.h"

#include <stdlib.h>
#include <string.h>


/* git's rename threshold: half the lines in common. */
#define RENAME_MIN_SIMILARITY 50

struct span {
	const char *p;
	size_t n;
};

static int cmp_span(const void *pa, const void *pb)
{
	const struct span *a = pa, *b = pb;
	size_t n = a->n < b->n ? a->n : b->n;
	int c = memcmp(a->p, b->p, n);
	return c ? c : (a->n > b->n) - (a->n < b->n);
}

static size_t split_lines(const char *s, size_t len, struct span **out)
{
	size_t n = 0, cap = 0, pos = 0;
	*out = NULL;
	while (pos < len) {
		const char *nl = memchr(s + pos, '\n', len - pos);
		size_t l = nl ? (size_t)(nl - (s + pos)) : len - pos;
		if (n == cap) {
			cap = cap ? 2 * cap : 64;
			*out = rf_xrealloc(*out, cap * sizeof(**out));
		}
		(*out)[n].p = s + pos;
		(*out)[n++].n = l;
		pos += l + 1;
	}
	if (n)
		qsort(*out, n, sizeof(**out), cmp_span);
	return n;
}

int rf_rename_similarity(const char *a, size_t alen, const char *b, size_t blen)
{
	if (alen == blen && (alen == 0 || !memcmp(a, b, alen)))
		return 100;
	struct span *la, *lb;
	size_t na = split_lines(a, alen, &la), nb = split_lines(b, blen, &lb), common = 0;
	for (size_t i = 0, j = 0; i < na && j < nb;) {
		int c = cmp_span(&la[i], &lb[j]);
		if (c == 0) {
			common++;
			i++;
			j++;
		} else if (c < 0) {
			i++;
		} else {
			j++;
		}
	}
	free(la);
	free(lb);
	return na + nb ? (int)(200 * common / (na + nb)) : 100;
}

struct rf_rename_cand *rf_rename_add(struct rf_rename_cands *c, const char *name, const git_oid *id)
{
	c->v = rf_xrealloc(c->v, (c->n + 1) * sizeof(*c->v));
	struct rf_rename_cand *x = &c->v[c->n++];
	memset(x, 0, sizeof(*x));
	x->name = name;
	git_oid_cpy(&x->id, id);
	return x;
}

void rf_rename_cands_free(struct rf_rename_cands *c)
{
	for (size_t i = 0; i < c->n; i++)
		rf_buf_free(&c->v[i].text);
	free(c->v);
	c->v = NULL;
	c->n = 0;
}

/* A candidate's text from the store; a version a partial clone lacks is
 * absent and compared with nothing (the same blob is still found by id). */
static int store_text(void *arg, struct rf_rename_cand *c)
{
	return rf_store_blob_absent(arg, &c->id, "blob", &c->text, &c->absent);
}

long rf_rename_source(struct rf_store *st, struct rf_rename_cand *added, struct rf_rename_cands *gone)
{
	return rf_rename_pick(added, gone, store_text, st);
}

static int cand_text(struct rf_rename_cand *c, rf_rename_text_fn *text, void *arg)
{
	if (!c->have_text && text(arg, c) < 0)
		return -1;
	c->have_text = 1;
	return 0;
}

long rf_rename_pick(struct rf_rename_cand *added, struct rf_rename_cands *gone, rf_rename_text_fn *text, void *arg)
{
	for (size_t i = 0; i < gone->n; i++)
		if (!gone->v[i].taken && git_oid_equal(&gone->v[i].id, &added->id))
			return (long)i;
	long best = -1;
	int best_score = RENAME_MIN_SIMILARITY - 1;
	for (size_t i = 0; i < gone->n; i++) {
		struct rf_rename_cand *g = &gone->v[i];
		if (g->taken)
			continue;
		if (cand_text(added, text, arg) < 0 || cand_text(g, text, arg) < 0)
			return -2;
		if (added->absent || g->absent)
			continue;
		int sim = rf_rename_similarity(g->text.buf, g->text.len, added->text.buf, added->text.len);
		if (sim > best_score) {
			best_score = sim;
			best = (long)i;
		}
	}
	return best;
}
