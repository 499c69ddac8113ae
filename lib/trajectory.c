#include "trajectory.h"

#include <stdlib.h>
#include <string.h>

#include "revnote.h"
#include "score.h"

#define BUCKETS 1024

struct scored {
	git_oid blob;
	int have;
	double value;
	char text[32];
	struct scored *next;
};

struct rf_trajectory {
	struct rf_store *st;
	const struct rf_notesdir *nd;
	struct rf_scorer *scorer;
	struct scored *bucket[BUCKETS];
	size_t absent;
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
	*out = t;
	return 0;
}

void rf_trajectory_free(struct rf_trajectory *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < BUCKETS; i++)
		for (struct scored *s = t->bucket[i], *next; s; s = next) {
			next = s->next;
			free(s);
		}
	rf_scorer_free(t->scorer);
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

int rf_trajectory_risk(struct rf_trajectory *t, const struct rf_history_entry *e, int new_side, char buf[32],
		       double *value)
{
	int present = new_side ? e->has_new : e->old_path != NULL;
	const git_oid *id = new_side ? &e->new_blob : &e->old_blob;
	if (!present) {
		strcpy(buf, "-");
		return 0;
	}
	/* A work-tree file is read each time (it is one file, once). */
	struct scored **slot = NULL;
	if (!(new_side && e->worktree)) {
		slot = &t->bucket[(id->id[0] << 2 | id->id[1] >> 6) % BUCKETS];
		for (struct scored *s = *slot; s; s = s->next)
			if (git_oid_equal(&s->blob, id)) {
				memcpy(buf, s->text, 32);
				if (value && s->have)
					*value = s->value;
				return s->have;
			}
	}
	struct rf_revnote rn;
	if (rf_revnote_entry(&rn, t->st, t->nd, e, new_side) < 0) {
		rf_revnote_free(&rn);
		return -1;
	}
	double v = 0;
	int have;
	if (rn.absent) {
		strcpy(buf, "?");
		have = 0;
		t->absent++;
	} else {
		have = rf_trajectory_note_risk(t, rn.missing ? NULL : &rn.note, buf, &v);
	}
	rf_revnote_free(&rn);
	if (slot) {
		struct scored *s = rf_xcalloc(1, sizeof(*s));
		git_oid_cpy(&s->blob, id);
		s->have = have;
		s->value = v;
		memcpy(s->text, buf, 32);
		s->next = *slot;
		*slot = s;
	}
	if (value && have)
		*value = v;
	return have;
}

size_t rf_trajectory_absent(const struct rf_trajectory *t)
{
	return t->absent;
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
