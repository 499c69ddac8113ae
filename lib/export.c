#include "export.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "notefile.h"

int rf_export_load(struct rf_export *ex, const struct rf_notesdir *nd, struct rf_store *st, const git_commit *commit,
		   const struct rf_strv *slugs)
{
	struct rf_strv files = RF_STRV_INIT, all = RF_STRV_INIT;
	int r = 0;
	memset(ex, 0, sizeof(*ex));
	if (commit && !slugs->n) {
		r = rf_store_files(st, commit, rf_notefile_is_note, &files);
	} else {
		if (!slugs->n)
			r = rf_notesdir_list(nd, &all);
		const struct rf_strv *from = slugs->n ? slugs : &all;
		for (size_t i = 0; r == 0 && i < from->n; i++)
			rf_strv_push(&files, rf_notefile_name(from->v[i]));
	}
	ex->v = rf_xcalloc(files.n ? files.n : 1, sizeof(*ex->v));
	for (size_t i = 0; r == 0 && i < files.n; i++) {
		struct rf_revnote *rn = &ex->v[ex->n++];
		r = commit ? rf_revnote_at(rn, st, commit, files.v[i]) : rf_revnote_worktree(rn, nd, files.v[i]);
		if (r == 0 && rn->missing && commit) {
			r = rf_error("%s: no such note at %s", files.v[i], rn->where);
		} else if (r == 0 && rn->missing) {
			errno = ENOENT;	/* gone since it was listed */
			r = rf_error_errno("%s", files.v[i]);
		} else if (r == 0 && rn->broken) {
			r = rf_note_report(&rn->note);
		}
	}
	rf_strv_free(&files);
	rf_strv_free(&all);
	return r;
}

void rf_export_free(struct rf_export *ex)
{
	for (size_t i = 0; i < ex->n; i++)
		rf_revnote_free(&ex->v[i]);
	free(ex->v);
	memset(ex, 0, sizeof(*ex));
}

/* A key no template field names: where its column goes. */
struct other {
	const char *section, *key;
	size_t rank;	/* the section's place in the template, t->n when it has none */
};

static int cmp_other(const void *pa, const void *pb)
{
	const struct other *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	int c = strcmp(a->section, b->section);
	return c ? c : strcmp(a->key, b->key);
}

static size_t section_rank(const struct rf_template *t, const char *section)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->fields[i].section, section))
			return i;
	return t->n;
}

static int in_template(const struct rf_template *t, const char *section, const char *key)
{
	const struct rf_field *f = rf_template_field(t, section, key);
	return f && strcmp(f->key, "*") != 0;
}

void rf_export_table(const struct rf_export *ex, const struct rf_template *t, struct rf_table *out)
{
	struct other *others = NULL;
	size_t nothers = 0, cap = 0;
	for (size_t i = 0; i < ex->n; i++) {
		const struct rf_ini *ini = &ex->v[i].note.ini;
		for (size_t k = 0; k < ini->n; k++) {
			const struct rf_line *l = &ini->lines[k];
			/* Keys before the first section: rf writes none, and a
			 * column cannot name them. */
			if (l->kind != RF_LINE_VALUE || !*l->section || in_template(t, l->section, l->key))
				continue;
			if (nothers == cap) {
				cap = cap ? 2 * cap : 32;
				others = rf_xrealloc(others, cap * sizeof(*others));
			}
			others[nothers++] = (struct other){ l->section, l->key, section_rank(t, l->section) };
		}
	}
	if (nothers)
		qsort(others, nothers, sizeof(*others), cmp_other);
	size_t uniq = 0;
	for (size_t i = 0; i < nothers; i++)
		if (!uniq || cmp_other(&others[uniq - 1], &others[i]) != 0)
			others[uniq++] = others[i];

	struct rf_strv names = RF_STRV_INIT;
	rf_strv_push(&names, rf_xstrdup("slug"));
	for (size_t i = 0; i < t->n; i++)
		if (strcmp(t->fields[i].key, "*") != 0)
			rf_strv_push(&names, rf_xasprintf("%s.%s", t->fields[i].section, t->fields[i].key));
	size_t ntemplate = names.n;
	for (size_t i = 0; i < uniq; i++)
		rf_strv_push(&names, rf_xasprintf("%s.%s", others[i].section, others[i].key));
	rf_table_init(out, names.n, (const char *const *)names.v);

	const char **cells = rf_xcalloc(names.n, sizeof(*cells));
	for (size_t i = 0; i < ex->n; i++) {
		const struct rf_note *note = &ex->v[i].note;
		char *slug = rf_notefile_slug(ex->v[i].file);
		size_t c = 0;
		cells[c++] = slug;
		for (size_t f = 0; f < t->n; f++)
			if (strcmp(t->fields[f].key, "*") != 0)
				cells[c++] = rf_note_get(note, t->fields[f].section, t->fields[f].key);
		for (size_t o = 0; o < uniq; o++)
			cells[ntemplate + o] = rf_note_get(note, others[o].section, others[o].key);
		rf_table_add(out, cells);
		free(slug);
	}
	free(cells);
	free(others);
	rf_strv_free(&names);
}

void rf_export_print(const struct rf_table *t, enum rf_format f, int bom, FILE *out)
{
	if (bom && f != RF_FORMAT_JSON)
		fputs("\xEF\xBB\xBF", out);
	if (f == RF_FORMAT_JSON || f == RF_FORMAT_TEXT) {
		rf_table_print(t, f, out);
		return;
	}
	char sep = f == RF_FORMAT_TSV ? '\t' : ',';
	for (size_t r = 0; r <= t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			const char *s = r ? t->cells[(r - 1) * t->ncols + c] : t->names[c];
			if (c)
				fputc(sep, out);
			rf_csv_field_sep(out, s ? s : "", sep);
		}
		fputs(f == RF_FORMAT_CSV ? "\r\n" : "\n", out);
	}
}
