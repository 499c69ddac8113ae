#include "trajectory.h"

#include <stdlib.h>
#include <string.h>

#include "revnote.h"
#include "score.h"
#include "scorecache.h"

struct rf_trajectory {
	struct rf_store *st;
	const struct rf_notesdir *nd;
	struct rf_scorer *scorer;
	struct rf_scorecache *cache;
	git_oid *absent;	/* versions a partial clone lacks, each counted once */
	size_t nabsent;
};

int rf_trajectory_new(struct rf_trajectory **out, struct rf_store *st, const struct rf_notesdir *nd)
{
	struct rf_trajectory *t = rf_xcalloc(1, sizeof(*t));
	t->st = st;
	t->nd = nd;
	if (rf_scorer_load(&t->scorer, nd) < 0) {
		free(t);
		*out = NULL;
		return -1;
	}
	t->cache = rf_scorecache_open(st && st->repo ? st : NULL, t->scorer);
	*out = t;
	return 0;
}

void rf_trajectory_free(struct rf_trajectory *t)
{
	if (!t)
		return;
	rf_scorecache_close(t->cache);
	rf_scorer_free(t->scorer);
	free(t->absent);
	free(t);
}

int rf_trajectory_note_risk(struct rf_trajectory *t, const struct rf_note *note, char buf[32], double *value)
{
	double v;
	if (!note) {
		strcpy(buf, "-");
		return 0;
	}
	if (rf_scorer_risk(t->scorer, note, &v) < 0) {
		strcpy(buf, "?");
		return 0;
	}
	rf_risk_format(v, buf);
	if (value)
		*value = v;
	return 1;
}

void rf_trajectory_prepare(struct rf_trajectory *t, const struct rf_history *h, const size_t *idx, size_t n)
{
	git_oid *ids = rf_xmalloc((2 * n + 1) * sizeof(*ids));
	size_t m = 0;
	for (size_t k = 0; k < n; k++) {
		const struct rf_history_entry *e = &h->v[idx[k]];
		if (e->old_path)
			git_oid_cpy(&ids[m++], &e->old_blob);
		if (e->has_new && !e->worktree)
			git_oid_cpy(&ids[m++], &e->new_blob);
	}
	rf_scorecache_fill(t->cache, ids, m, 0);
	free(ids);
}

static void note_absent(struct rf_trajectory *t, const git_oid *id)
{
	for (size_t i = 0; i < t->nabsent; i++)
		if (git_oid_equal(&t->absent[i], id))
			return;
	t->absent = rf_xrealloc(t->absent, (t->nabsent + 1) * sizeof(*t->absent));
	git_oid_cpy(&t->absent[t->nabsent++], id);
}

int rf_trajectory_risk(struct rf_trajectory *t, const struct rf_history_entry *e, int new_side, char buf[32],
		       double *value)
{
	int present = new_side ? e->has_new : e->old_path != NULL;
	const git_oid *id = new_side ? &e->new_blob : &e->old_blob;
	if (!present) {
		strcpy(buf, "-");
		return 0;
	}
	long risk;
	int have = rf_scorecache_risk(t->cache, id, &risk);
	if (have < 0) {
		struct rf_revnote rn;
		git_oid read = *id;
		if (rf_revnote_entry(&rn, t->st, t->nd, e, new_side) < 0) {
			rf_revnote_free(&rn);
			return -1;
		}
		if (rn.absent) {
			rf_revnote_free(&rn);
			note_absent(t, id);
			strcpy(buf, "?");
			return 0;
		}
		/* A work-tree file is keyed by the bytes read now. */
		if (!rn.missing && (!(new_side && e->worktree) ||
				    git_odb_hash(&read, rn.note.text, rn.note.len, GIT_OBJECT_BLOB) == 0))
			have = rf_scorecache_put_risk(t->cache, &read, &rn.note, &risk);
		rf_revnote_free(&rn);
		if (have < 0) {
			strcpy(buf, "-");
			return 0;
		}
	}
	if (!have) {
		strcpy(buf, "?");
		return 0;
	}
	double v = (double)risk / 100.0;
	rf_risk_format(v, buf);
	if (value)
		*value = v;
	return 1;
}

size_t rf_trajectory_absent(const struct rf_trajectory *t)
{
	return t->nabsent;
}

char *rf_sparkline(const double *v, size_t n)
{
	static const char *const bars[] = { "▁", "▂", "▃", "▄", "▅", "▆", "▇", "█" };
	struct rf_buf b = RF_BUF_INIT;
	double lo = 0, hi = 0;
	for (size_t i = 0; i < n; i++) {
		if (!i || v[i] < lo)
			lo = v[i];
		if (!i || v[i] > hi)
			hi = v[i];
	}
	for (size_t i = 0; i < n; i++) {
		int k = hi > lo ? (int)((v[i] - lo) / (hi - lo) * 7 + 0.5) : 3;
		rf_buf_adds(&b, bars[k < 0 ? 0 : k > 7 ? 7 : k]);
	}
	rf_buf_adds(&b, "");
	return rf_buf_detach(&b);
}
