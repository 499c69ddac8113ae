#include "notemerge.h"

#include <stdlib.h>
#include <string.h>

#include "edit.h"
#include "merge.h"
#include "note.h"

/* Sections whose entries are only ever added: a key both sides added is
 * two entries, not one answer changed twice. */
static int grows_only(const char *section)
{
	return !strcmp(section, "quotes") || !strcmp(section, RF_CONFLICTS_SECTION);
}

static int taken(const struct rf_note *const *notes, size_t n, const char *section, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (notes[i] && rf_ini_find(&notes[i]->ini, section, key))
			return 1;
	return 0;
}

char *rf_notemerge_free_key(const struct rf_note *const *notes, size_t n, const char *section, const char *key)
{
	size_t len = strlen(key), k = len;
	while (k && key[k - 1] >= '0' && key[k - 1] <= '9')
		k--;
	/* "2026-12-05 dr lee 2": the stem is what comes before " 2". */
	size_t stem = k < len && k > 1 && key[k - 1] == ' ' && key[k] != '0' ? k - 1 : len;
	char *base = rf_xstrndup(key, stem), *name = NULL;
	for (unsigned c = 2;; c++) {
		free(name);
		name = rf_xasprintf("%s %u", base, c);
		if (!taken(notes, n, section, name))
			break;
	}
	free(base);
	return name;
}

/* theirs with every entry of a growing section that clashes with one ours
 * added moved to a free key, into out (and *moved counted). */
static int renumber(const char *label, const struct rf_note *base, const struct rf_note *ours,
		    const struct rf_note *theirs, struct rf_buf *out, size_t *moved)
{
	struct rf_buf next = RF_BUF_INIT;
	struct rf_note cur;
	int r = 0;
	rf_buf_reset(out);
	rf_buf_add(out, theirs->text, theirs->len);
	rf_buf_adds(out, "");
	*moved = 0;
	for (size_t i = 0; r == 0 && i < theirs->ini.n; i++) {
		const struct rf_line *l = &theirs->ini.lines[i];
		if (l->kind != RF_LINE_VALUE || !grows_only(l->section) ||
		    rf_ini_find(&theirs->ini, l->section, l->key) != l ||
		    (base && rf_ini_find(&base->ini, l->section, l->key)))
			continue;
		const struct rf_line *o = rf_ini_find(&ours->ini, l->section, l->key);
		if (!o || !strcmp(o->value, l->value))
			continue;
		rf_note_parse(&cur, label, out->buf, out->len, 0);
		const struct rf_note *all[3] = { base, ours, &cur };
		char *key = rf_notemerge_free_key(all, 3, l->section, l->key);
		r = rf_edit_unset(label, out->buf, out->len, l->section, l->key, &next);
		if (r == 0)
			r = rf_edit_set(label, next.buf, next.len, l->section, key, l->value, out);
		rf_note_free(&cur);
		free(key);
		(*moved)++;
	}
	rf_buf_free(&next);
	return r;
}

int rf_notemerge_run(const char *label, const char *base, size_t blen, const char *ours, size_t olen,
		     const char *theirs, size_t tlen, const struct rf_conflict_origin *origin,
		     struct rf_notemerge *out)
{
	struct rf_note nb, no, nt, nt2;
	struct rf_buf moved = RF_BUF_INIT, next = RF_BUF_INIT;
	struct rf_merge m = { 0 };
	int r = -1, have_t2 = 0;
	memset(out, 0, sizeof(*out));
	rf_note_parse(&nb, label, base ? base : "", base ? blen : 0, 0);
	rf_note_parse(&no, label, ours, olen, 0);
	rf_note_parse(&nt, label, theirs, tlen, 0);
	const struct rf_note *b = base ? &nb : NULL;
	/* A side that does not parse is reported by the merge below. */
	if (no.dict && nt.dict && (!b || nb.dict)) {
		if (renumber(label, b, &no, &nt, &moved, &out->renumbered) < 0)
			goto out;
		rf_note_parse(&nt2, label, moved.buf, moved.len, 0);
		have_t2 = 1;
	}
	if (rf_merge_notes(label, b, &no, have_t2 ? &nt2 : &nt, RF_MERGE_KEEP_OURS, &m) < 0)
		goto out;
	out->line_merged = m.line_merged;
	rf_buf_add(&out->text, m.text.buf, m.text.len);
	rf_buf_adds(&out->text, "");
	for (size_t i = 0; i < m.n; i++) {
		const struct rf_merge_key *k = &m.keys[i];
		/* An entry both sides changed in [conflicts] is this side's
		 * decision about it: there is no answer to record it against. */
		if (k->outcome != RF_MERGE_CONFLICT || !strcmp(k->section, RF_CONFLICTS_SECTION))
			continue;
		if (rf_conflicts_record(label, out->text.buf, out->text.len, k->section, k->key, k->theirs, origin,
					&next) < 0)
			goto out;
		struct rf_buf tmp = out->text;
		out->text = next;
		next = tmp;
		out->conflicts++;
	}
	r = 0;
out:
	if (r < 0)
		rf_notemerge_free(out);
	rf_merge_free(&m);
	if (have_t2)
		rf_note_free(&nt2);
	rf_note_free(&nb);
	rf_note_free(&no);
	rf_note_free(&nt);
	rf_buf_free(&moved);
	rf_buf_free(&next);
	return r;
}

void rf_notemerge_free(struct rf_notemerge *m)
{
	rf_buf_free(&m->text);
	memset(m, 0, sizeof(*m));
}
