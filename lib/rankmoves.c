#include "rankmoves.h"

#include <stdlib.h>
#include <string.h>

#include "notefile.h"

static void add_move(struct rf_rankmoves *m, size_t *cap, enum rf_rankmove_kind kind, const char *list,
		     const char *slug, size_t from, size_t to)
{
	if (m->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		m->v = rf_xrealloc(m->v, *cap * sizeof(*m->v));
	}
	m->v[m->n++] = (struct rf_rankmove){ kind, list ? rf_xstrdup(list) : NULL, slug ? rf_xstrdup(slug) : NULL,
					     from, to };
}

/* Fenwick tree over places in a, for the heaviest increasing run: each
 * node keeps the best weight ending at or before its places, and at which
 * entry of b (index + 1; 0: none).  Ties go to the later entry of b. */
struct fen {
	long *w;
	size_t *at;
	size_t n;
};

static int better(long w, size_t at, long bw, size_t bat)
{
	return w > bw || (w == bw && at > bat);
}

static void fen_put(struct fen *f, size_t place, long w, size_t at)
{
	for (size_t i = place + 1; i <= f->n; i += i & (~i + 1))
		if (better(w, at, f->w[i], f->at[i])) {
			f->w[i] = w;
			f->at[i] = at;
		}
}

/* The best run over places [0, place): its weight, and *at. */
static long fen_best(const struct fen *f, size_t place, size_t *at)
{
	long best = 0;
	*at = 0;
	for (size_t i = place; i > 0; i -= i & (~i + 1))
		if (better(f->w[i], f->at[i], best, *at)) {
			best = f->w[i];
			*at = f->at[i];
		}
	return best;
}

/* One list's moves: b's entries are matched to a's (the k-th time a slug
 * appears in b to the k-th time in a), the heaviest run of matches in
 * increasing order stays, the other matches moved. */
static void diff_list(const struct rf_ranklist_list *a, const struct rf_ranklist_list *b, const char *listname,
		      const char *hint, struct rf_rankmoves *m, size_t *cap)
{
	size_t na = a ? a->n : 0, nb = b->n;
	size_t *match = rf_xcalloc(nb + 1, sizeof(*match));	/* place in a + 1, 0 unmatched */
	char *used = rf_xcalloc(na + 1, 1), *kept = rf_xcalloc(nb + 1, 1);
	for (size_t j = 0; j < nb; j++)
		for (size_t i = 0; i < na; i++)
			if (!used[i] && !strcmp(a->v[i].slug, b->v[j].slug)) {
				used[i] = 1;
				match[j] = i + 1;
				break;
			}
	struct fen f = { rf_xcalloc(na + 1, sizeof(long)), rf_xcalloc(na + 1, sizeof(size_t)), na };
	long *best = rf_xcalloc(nb + 1, sizeof(long)), top = 0;
	size_t *prev = rf_xcalloc(nb + 1, sizeof(size_t)), end = 0;	/* entry index + 1; 0: none */
	/* Weights in order of priority: the most programs kept in order (one
	 * outweighs every other term), then the hint moved rather than
	 * another, then the most kept at the same place. */
	long one = 2 * (long)nb + 2, hinted = (long)nb + 1;
	for (size_t j = 0; j < nb; j++) {
		if (!match[j])
			continue;
		long w = one + (match[j] == j + 1) - ((hint && !strcmp(b->v[j].slug, hint)) ? hinted : 0);
		best[j] = fen_best(&f, match[j] - 1, &prev[j]) + w;
		fen_put(&f, match[j] - 1, best[j], j + 1);
		/* On a tie the later run stays: of two neighbours swapped, the
		 * one that went up is named. */
		if (best[j] >= top) {
			top = best[j];
			end = j + 1;
		}
	}
	for (size_t j = end; j; j = prev[j - 1])
		kept[j - 1] = 1;
	for (size_t j = 0; j < nb; j++)
		if (match[j] && !kept[j])
			add_move(m, cap, RF_RANKMOVE_MOVED, listname, b->v[j].slug, match[j], j + 1);
	for (size_t j = 0; j < nb; j++)
		if (!match[j])
			add_move(m, cap, RF_RANKMOVE_ADDED, listname, b->v[j].slug, 0, j + 1);
	for (size_t i = 0; i < na; i++)
		if (!used[i])
			add_move(m, cap, RF_RANKMOVE_REMOVED, listname, a->v[i].slug, i + 1, 0);
	free(match);
	free(used);
	free(kept);
	free(f.w);
	free(f.at);
	free(best);
	free(prev);
}

void rf_rankmoves_diff(const struct rf_ranklist *a, const struct rf_ranklist *b, const char *hint,
		      struct rf_rankmoves *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	for (size_t k = 0; k < b->nlists; k++) {
		const struct rf_ranklist_list *lb = &b->lists[k], *la = rf_ranklist_find(a, lb->name);
		if (k && !la)
			add_move(out, &cap, RF_RANKMOVE_LIST_ADDED, lb->name, NULL, 0, 0);
		diff_list(la, lb, lb->name, hint, out, &cap);
		for (size_t i = 0; i < lb->attached.n; i++)
			if (!la || !rf_strv_contains(&la->attached, lb->attached.v[i]))
				add_move(out, &cap, RF_RANKMOVE_ATTACHED, lb->name, lb->attached.v[i], 0, 0);
		for (size_t i = 0; la && i < la->attached.n; i++)
			if (!rf_strv_contains(&lb->attached, la->attached.v[i]))
				add_move(out, &cap, RF_RANKMOVE_DETACHED, lb->name, la->attached.v[i], 0, 0);
	}
	for (size_t k = 0; k < a->nlists; k++) {
		const struct rf_ranklist_list *la = &a->lists[k];
		if (k && !rf_ranklist_find(b, la->name))
			add_move(out, &cap, RF_RANKMOVE_LIST_REMOVED, la->name, NULL, la->n, 0);
	}
	if (!out->n) {
		struct rf_buf ta = RF_BUF_INIT, tb = RF_BUF_INIT;
		rf_ranklist_text(a, &ta);
		rf_ranklist_text(b, &tb);
		out->layout_only = ta.len != tb.len || (ta.len && memcmp(ta.buf, tb.buf, ta.len) != 0);
		rf_buf_free(&ta);
		rf_buf_free(&tb);
	}
}

void rf_rankmoves_free(struct rf_rankmoves *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].list);
		free(m->v[i].slug);
	}
	free(m->v);
	memset(m, 0, sizeof(*m));
}

char *rf_rankmoves_phrase(const struct rf_rankmove *m)
{
	char *prefix = m->list ? rf_xasprintf("%s: ", m->list) : rf_xstrdup(""), *s = NULL;
	switch (m->kind) {
	case RF_RANKMOVE_MOVED: s = rf_xasprintf("%s%s %zu → %zu", prefix, m->slug, m->from, m->to); break;
	case RF_RANKMOVE_ADDED: s = rf_xasprintf("%s+ %s at %zu", prefix, m->slug, m->to); break;
	case RF_RANKMOVE_REMOVED: s = rf_xasprintf("%s- %s (was %zu)", prefix, m->slug, m->from); break;
	case RF_RANKMOVE_LIST_ADDED: s = rf_xasprintf("new supplemental list %s", m->list); break;
	case RF_RANKMOVE_LIST_REMOVED: s = rf_xasprintf("supplemental list %s removed", m->list); break;
	case RF_RANKMOVE_ATTACHED: s = rf_xasprintf("%s attached to %s", m->list, m->slug); break;
	case RF_RANKMOVE_DETACHED: s = rf_xasprintf("%s detached from %s", m->list, m->slug); break;
	}
	free(prefix);
	return s;
}

static void phrases(const struct rf_rankmoves *m, struct rf_strv *out)
{
	for (size_t i = 0; i < m->n; i++)
		rf_strv_push(out, rf_rankmoves_phrase(&m->v[i]));
	if (!m->n)
		rf_strv_push(out, rf_xstrdup(m->layout_only ? "comments and layout only" : "no change"));
}

char *rf_rankmoves_message(const struct rf_rankmoves *m)
{
	struct rf_strv ph = RF_STRV_INIT;
	struct rf_buf msg = RF_BUF_INIT;
	phrases(m, &ph);
	rf_buf_adds(&msg, "rank: ");
	for (size_t i = 0; i < ph.n; i++)
		rf_buf_addf(&msg, "%s%s", i ? ", " : "", ph.v[i]);
	if (msg.len > 72 && ph.n > 1) {
		rf_buf_reset(&msg);
		rf_buf_addf(&msg, "rank: %zu changes\n\n", ph.n);
		for (size_t i = 0; i < ph.n; i++)
			rf_buf_addf(&msg, "%s\n", ph.v[i]);
	} else {
		rf_buf_addc(&msg, '\n');
	}
	rf_strv_free(&ph);
	return rf_buf_detach(&msg);
}

void rf_rankmoves_describe(const char *a, size_t alen, const char *b, size_t blen, const char *hint,
			  struct rf_strv *out)
{
	struct rf_ranklist la, lb;
	char *why;
	unsigned line;
	if (!b) {
		rf_strv_push(out, rf_xstrdup("deleted"));
		return;
	}
	/* rf-commit warns about a list that does not parse in its own words:
	 * here it is only named. */
	if (rf_ranklist_try_parse(&lb, RF_NOTEFILE_RANKS, b, blen, &why, &line) < 0) {
		rf_strv_push(out, rf_xasprintf("does not parse (line %u)", line));
		free(why);
		return;
	}
	if (!a || rf_ranklist_try_parse(&la, RF_NOTEFILE_RANKS, a, alen, &why, &line) < 0) {
		if (a)
			free(why);
		rf_ranklist_parse(&la, RF_NOTEFILE_RANKS, "", 0);
	}
	struct rf_rankmoves m;
	rf_rankmoves_diff(&la, &lb, hint, &m);
	phrases(&m, out);
	rf_rankmoves_free(&m);
	rf_ranklist_free(&la);
	rf_ranklist_free(&lb);
}
