#include "merge.h"

#include <git2.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "semdiff.h"

static const char *value_in(const struct rf_note *n, const char *section, const char *key)
{
	const struct rf_line *l = n ? rf_ini_find(&n->ini, section, key) : NULL;
	return l ? l->value : NULL;
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static char *dup_or_null(const char *s)
{
	return s ? rf_xstrdup(s) : NULL;
}

/* Refuse a note iniparser rejects: its answers are not known. */
static int refuse_broken(const struct rf_note *n)
{
	if (!n || n->dict)
		return 0;
	const struct rf_line *bad = rf_ini_first_error(&n->ini);
	char *problem = bad ? rf_ini_problem(&n->ini, bad) : rf_xstrdup("iniparser cannot read this file");
	int r = rf_error("%s:%u: %s; a note that does not parse cannot be merged key by key", n->label,
			 bad ? bad->lineno : 0, problem);
	free(problem);
	return r;
}

static struct rf_merge_key *find_key(const struct rf_merge *m, const char *section, const char *key)
{
	for (size_t i = 0; i < m->n; i++)
		if (!strcmp(m->keys[i].section, section) && !strcmp(m->keys[i].key, key))
			return &m->keys[i];
	return NULL;
}

/* Add the keys a side changed since base (once each). */
static void add_changes(struct rf_merge *m, size_t *cap, const struct rf_note *base, const struct rf_note *side)
{
	struct rf_changes c;
	rf_semdiff(base, side, &c);
	for (size_t i = 0; i < c.n; i++) {
		if (find_key(m, c.v[i].section, c.v[i].key))
			continue;
		if (m->n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			m->keys = rf_xrealloc(m->keys, *cap * sizeof(*m->keys));
		}
		struct rf_merge_key *k = &m->keys[m->n++];
		memset(k, 0, sizeof(*k));
		k->section = rf_xstrdup(c.v[i].section);
		k->key = rf_xstrdup(c.v[i].key);
	}
	rf_changes_free(&c);
}

static void decide(struct rf_merge_key *k, const struct rf_note *base, const struct rf_note *ours,
		   const struct rf_note *theirs, enum rf_merge_policy policy)
{
	k->base = dup_or_null(value_in(base, k->section, k->key));
	k->ours = dup_or_null(value_in(ours, k->section, k->key));
	k->theirs = dup_or_null(value_in(theirs, k->section, k->key));
	int o = !same(k->base, k->ours), t = !same(k->base, k->theirs);
	if (o && t && !same(k->ours, k->theirs)) {
		k->outcome = RF_MERGE_CONFLICT;
		k->result = policy == RF_MERGE_KEEP_OURS ? k->ours : k->theirs;
	} else if (o && t) {
		k->outcome = RF_MERGE_BOTH;
		k->result = k->ours;
	} else if (o) {
		k->outcome = RF_MERGE_OURS;
		k->result = k->ours;
	} else {
		k->outcome = RF_MERGE_THEIRS;
		k->result = k->theirs;
	}
}

/* The lines that are not answers (comments, blank lines, section headers),
 * in order: what a note says besides its answers. */
static void layout_of(const struct rf_note *n, struct rf_buf *out)
{
	rf_buf_reset(out);
	rf_buf_adds(out, "");
	for (size_t i = 0; n && i < n->ini.n; i++) {
		const struct rf_line *l = &n->ini.lines[i];
		if (l->kind != RF_LINE_VALUE) {
			rf_buf_add(out, n->text + l->start, l->eol - l->start);
			rf_buf_addc(out, '\n');
		}
	}
}

/* The number of answer lines beyond one per key (duplicates). */
static size_t duplicates(const struct rf_note *n)
{
	size_t extra = 0;
	for (size_t i = 0; i < n->ini.n; i++) {
		const struct rf_line *l = &n->ini.lines[i];
		if (l->kind == RF_LINE_VALUE && rf_ini_find(&n->ini, l->section, l->key) != l)
			extra++;
	}
	return extra;
}

/* 1 when text reads as the merge decided: every changed key with its
 * result, every other key of either side as both have it, and no
 * duplicate more than the sides had. */
static int reads_as_decided(const struct rf_merge *m, const char *text, size_t len, const struct rf_note *ours,
			    const struct rf_note *theirs)
{
	struct rf_note got;
	int ok = rf_note_parse(&got, "merged", text, len, 0) == 0;
	for (size_t i = 0; ok && i < m->n; i++)
		ok = same(value_in(&got, m->keys[i].section, m->keys[i].key), m->keys[i].result);
	const struct rf_note *sides[2] = { ours, theirs };
	for (size_t s = 0; s < 2; s++)
		for (size_t i = 0; ok && i < sides[s]->ini.n; i++) {
			const struct rf_line *l = &sides[s]->ini.lines[i];
			if (l->kind == RF_LINE_VALUE && !find_key(m, l->section, l->key))
				ok = same(value_in(&got, l->section, l->key), value_in(sides[s], l->section, l->key));
		}
	/* A key absent from both sides must not appear either. */
	for (size_t i = 0; ok && i < got.ini.n; i++) {
		const struct rf_line *l = &got.ini.lines[i];
		if (l->kind == RF_LINE_VALUE && !find_key(m, l->section, l->key))
			ok = value_in(ours, l->section, l->key) != NULL;
	}
	if (ok) {
		size_t a = duplicates(ours), b = duplicates(theirs);
		ok = duplicates(&got) <= (a > b ? a : b);
	}
	rf_note_free(&got);
	return ok;
}

int rf_merge_lines(const char *base, size_t blen, const char *ours, size_t olen, const char *theirs,
		   size_t tlen, struct rf_buf *out)
{
	git_merge_file_input a, o, t;
	git_merge_file_result res;
	git_merge_file_input_init(&a, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&o, GIT_MERGE_FILE_INPUT_VERSION);
	git_merge_file_input_init(&t, GIT_MERGE_FILE_INPUT_VERSION);
	a.ptr = base ? base : "";
	a.size = base ? blen : 0;
	o.ptr = ours;
	o.size = olen;
	t.ptr = theirs;
	t.size = tlen;
	memset(&res, 0, sizeof(res));
	if (git_merge_file(&res, &a, &o, &t, NULL) < 0) {
		const git_error *e = git_error_last();
		return rf_error("line merge: %s", e && e->message ? e->message : "unknown libgit2 error");
	}
	int clean = res.automergeable ? 1 : 0;
	rf_buf_reset(out);
	rf_buf_add(out, res.ptr ? res.ptr : "", res.len);
	git_merge_file_result_free(&res);
	return clean;
}

/* The winner's text with the merged answers written in. */
static int write_answers(const char *label, const struct rf_merge *m, const struct rf_note *winner,
			 struct rf_buf *out)
{
	struct rf_buf next = RF_BUF_INIT;
	int r = 0;
	rf_buf_reset(out);
	rf_buf_add(out, winner->text, winner->len);
	rf_buf_adds(out, "");
	for (size_t i = 0; r == 0 && i < m->n; i++) {
		const struct rf_merge_key *k = &m->keys[i];
		if (same(value_in(winner, k->section, k->key), k->result))
			continue;
		r = k->result ? rf_edit_set(label, out->buf, out->len, k->section, k->key, k->result, &next)
			      : rf_edit_unset(label, out->buf, out->len, k->section, k->key, &next);
		if (r == 0) {
			struct rf_buf tmp = *out;
			*out = next;
			next = tmp;
		}
	}
	rf_buf_free(&next);
	return r;
}

int rf_merge_notes(const char *label, const struct rf_note *base, const struct rf_note *ours,
		   const struct rf_note *theirs, enum rf_merge_policy policy, struct rf_merge *out)
{
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	if (refuse_broken(base) < 0 || refuse_broken(ours) < 0 || refuse_broken(theirs) < 0)
		return -1;
	add_changes(out, &cap, base, ours);
	add_changes(out, &cap, base, theirs);
	for (size_t i = 0; i < out->n; i++) {
		decide(&out->keys[i], base, ours, theirs, policy);
		out->conflicts += out->keys[i].outcome == RF_MERGE_CONFLICT;
	}

	/* git's line merge first: when it gives exactly these answers it also
	 * keeps both sides' comments. */
	struct rf_buf lines = RF_BUF_INIT;
	int clean = rf_merge_lines(base ? base->text : NULL, base ? base->len : 0, ours->text, ours->len,
				   theirs->text, theirs->len, &lines);
	if (clean > 0 && reads_as_decided(out, lines.buf, lines.len, ours, theirs)) {
		out->text = lines;
		out->line_merged = 1;
		return 0;
	}
	rf_buf_free(&lines);
	if (clean < 0)
		git_error_clear();	/* the key merge below does not need it */

	const struct rf_note *winner = policy == RF_MERGE_KEEP_OURS ? ours : theirs;
	const struct rf_note *loser = policy == RF_MERGE_KEEP_OURS ? theirs : ours;
	if (write_answers(label, out, winner, &out->text) < 0)
		goto fail;
	if (!reads_as_decided(out, out->text.buf, out->text.len, ours, theirs)) {
		rf_error("%s: the merged answers cannot be written so that iniparser reads them back", label);
		goto fail;
	}
	struct rf_buf lb = RF_BUF_INIT, ll = RF_BUF_INIT, lt = RF_BUF_INIT;
	struct rf_note merged;
	rf_note_parse(&merged, label, out->text.buf, out->text.len, 0);
	layout_of(base, &lb);
	layout_of(loser, &ll);
	layout_of(&merged, &lt);
	out->lost_layout = strcmp(ll.buf, lb.buf) != 0 && strcmp(ll.buf, lt.buf) != 0;
	rf_note_free(&merged);
	rf_buf_free(&lb);
	rf_buf_free(&ll);
	rf_buf_free(&lt);
	return 0;
fail:
	rf_merge_free(out);
	return -1;
}

void rf_merge_free(struct rf_merge *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->keys[i].section);
		free(m->keys[i].key);
		free(m->keys[i].base);
		free(m->keys[i].ours);
		free(m->keys[i].theirs);
	}
	free(m->keys);
	rf_buf_free(&m->text);
	memset(m, 0, sizeof(*m));
}
