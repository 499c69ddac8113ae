#include "import.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "answer.h"
#include "notefile.h"
#include "revnote.h"
#include "slug.h"

/* The notes already there, sorted by slug. */
struct existing {
	struct rf_revnote *v;	/* v[i] is the note of slugs.v[i] */
	struct rf_strv slugs;
	size_t n;		/* notes read into v */
};

/* What the rows have claimed: a slug and the line of the row. */
struct claim {
	char *slug;
	unsigned line;
};

struct plan {
	struct rf_import *im;
	const struct rf_import_input *in;
	struct existing ex;
	struct rf_column *cols;
	size_t ncols;
	int slug_col, name_col;
	struct claim *claims;
	size_t nclaims;
	struct rf_strv problems;
	size_t reported;	/* problems already printed by a callee */
	size_t cap;
};

static int load_existing(struct existing *ex, const struct rf_notesdir *nd, const struct rf_template *t,
			 struct rf_strv *known)
{
	memset(ex, 0, sizeof(*ex));
	if (!nd)
		return 0;
	if (rf_notesdir_list(nd, &ex->slugs) < 0)
		return -1;
	ex->v = rf_xcalloc(ex->slugs.n ? ex->slugs.n : 1, sizeof(*ex->v));
	for (size_t i = 0; i < ex->slugs.n; i++) {
		char *file = rf_notefile_name(ex->slugs.v[i]);
		int r = rf_revnote_worktree(&ex->v[i], nd, file);
		free(file);
		ex->n = i + 1;
		if (r < 0)
			return -1;
		/* A section.key some note has comes back from rf-export even
		 * when the template lacks it. */
		for (size_t k = 0; k < ex->v[i].note.ini.n; k++) {
			const struct rf_line *l = &ex->v[i].note.ini.lines[k];
			if (l->kind != RF_LINE_VALUE || !*l->section || rf_template_field(t, l->section, l->key))
				continue;
			char *full = rf_xasprintf("%s.%s", l->section, l->key);
			if (rf_strv_contains(known, full))
				free(full);
			else
				rf_strv_push(known, full);
		}
	}
	return 0;
}

static void free_existing(struct existing *ex)
{
	for (size_t i = 0; i < ex->n; i++)
		rf_revnote_free(&ex->v[i]);
	free(ex->v);
	rf_strv_free(&ex->slugs);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static struct rf_revnote *by_slug(struct existing *ex, const char *slug)
{
	if (!ex->n)
		return NULL;
	char **hit = bsearch(&slug, ex->slugs.v, ex->n, sizeof(*ex->slugs.v), cmp_str);
	return hit ? &ex->v[hit - ex->slugs.v] : NULL;
}

static void problem(struct plan *p, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct plan *p, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = rf_xstrdup("(message lost: out of memory)");
	va_end(ap);
	rf_strv_push(&p->problems, msg);
}

static const char *cell_at(const struct rf_sheet_row *row, size_t c)
{
	return c < row->n ? row->cells[c].text : "";
}

static unsigned line_at(const struct rf_sheet_row *row, size_t c)
{
	return c < row->n ? row->cells[c].line : row->line;
}

/* The slug a new note of that name gets; NULL after a problem. */
static char *slug_of_name(struct plan *p, const struct rf_sheet_row *row, const char *name)
{
	for (const unsigned char *s = (const unsigned char *)name; *s; s++)
		if (*s < 0x20 || *s == 0x7F || *s == '/') {
			problem(p, "%s:%u:%d: a program name with '/' or control characters cannot name a note "
				   "file: add a slug column with the note's name (letters, digits and '-')",
				p->im->label, line_at(row, (size_t)p->name_col), p->name_col + 1);
			return NULL;
		}
	char *slug = rf_slug_from_name(name);	/* reports why not */
	if (!slug)
		p->reported++;
	return slug;
}

/* The note a row is about: the note of its slug cell (or a new one of
 * that slug), else of the slug of its name, else of its exact name; *slug
 * is the one it has or will have.  NULL with *slug NULL after a problem. */
static struct rf_revnote *match(struct plan *p, const struct rf_sheet_row *row, const char *name, char **slug)
{
	char *given = rf_strstrip(rf_xstrdup(p->slug_col >= 0 ? cell_at(row, (size_t)p->slug_col) : ""));
	struct rf_revnote *rn;
	*slug = NULL;
	if (*given) {
		if ((rn = by_slug(&p->ex, given)) || rf_slug_valid(given)) {
			*slug = given;
			return rn;
		}
		problem(p, "%s:%u:%d: '%s' is not a slug (lowercase letters, digits and single '-')", p->im->label,
			line_at(row, (size_t)p->slug_col), p->slug_col + 1, given);
		free(given);
		return NULL;
	}
	free(given);
	if (!*name) {
		problem(p, "%s:%u: a row without a program name%s", p->im->label, row->line,
			p->slug_col >= 0 ? " or slug" : "");
		return NULL;
	}
	char *s = slug_of_name(p, row, name);
	if (!s || (rn = by_slug(&p->ex, s))) {
		*slug = s;
		return s ? rn : NULL;
	}
	/* Two notes of one name (a hospital's tracks) need the slug. */
	struct rf_revnote *named = NULL;
	for (size_t i = 0; i < p->ex.n; i++) {
		const char *has = p->ex.v[i].broken ? NULL : rf_note_get(&p->ex.v[i].note, "program", "name");
		if (!has || strcmp(has, name) != 0)
			continue;
		if (named) {
			problem(p, "%s:%u:%d: '%s' is the name of %s and %s: add a slug column to say which", p->im->label,
				line_at(row, (size_t)p->name_col), p->name_col + 1, name, named->file, p->ex.v[i].file);
			free(s);
			return NULL;
		}
		named = &p->ex.v[i];
	}
	if (named) {
		free(s);
		s = rf_notefile_slug(named->file);
	}
	*slug = s;
	return named;
}

/* The answers a row gives a note (kv, values owned by vals): cells mapped
 * to keys, normalised, and only where they differ from what the note
 * (NULL: a new one) says.  Problems are added; returns how many. */
static size_t row_answers(struct plan *p, const struct rf_sheet_row *row, const struct rf_note *note,
			  struct rf_edit_kv *kv, size_t *nkv, struct rf_strv *vals, struct rf_strv *joined)
{
	size_t before = p->problems.n;
	int decimal = p->in->sheet->delim == ';' ? RF_ANSWER_DECIMAL_COMMA : RF_ANSWER_DECIMAL_POINT;
	*nkv = 0;
	for (size_t c = 0; c < p->ncols; c++) {
		const struct rf_column *col = &p->cols[c];
		const char *raw = cell_at(row, c);
		unsigned line = line_at(row, c);
		if (col->kind == RF_COLUMN_UNNAMED && !rf_sheet_blank(raw))
			problem(p, "%s:%u:%zu: a value in a column without a heading", p->im->label, line, c + 1);
		if (col->kind != RF_COLUMN_KEY || rf_sheet_blank(raw))
			continue;
		const char *now = note ? rf_note_get(note, col->section, col->key) : NULL;
		if (now && !strcmp(now, raw))
			continue;	/* as the note has it, also when the template would not */
		int was_joined = 0;
		int text = !col->field || col->field->vocab == RF_VOCAB_TEXT;
		char *cell = text ? rf_answer_join_lines(raw, &was_joined) : rf_xstrdup(raw);
		char *value = NULL, *why = NULL, *name = rf_xasprintf("%s.%s", col->section, col->key);
		int bad = rf_answer_normalize(col->field, name, cell, decimal, &value, &why) < 0;
		free(name);
		if (bad && p->in->force) {
			free(why);
			why = NULL;
			value = rf_strstrip(rf_xstrdup(cell));
		}
		const char *store = value ? rf_edit_value_problem(value) : NULL;
		if (why) {
			problem(p, "%s:%u:%zu: %s", p->im->label, line, c + 1, why);
		} else if (store) {
			problem(p, "%s:%u:%zu: %s.%s: %s", p->im->label, line, c + 1, col->section, col->key, store);
		} else if (strlen(col->key) + strlen(value) + 8 > RF_INI_LINE_MAX) {
			problem(p, "%s:%u:%zu: %s.%s: %zu bytes do not fit on one line of a note (iniparser reads "
				   "at most %d)", p->im->label, line, c + 1, col->section, col->key, strlen(value),
				RF_INI_LINE_MAX - 1);
		} else if (*value && !(now && !strcmp(now, value))) {
			kv[*nkv].section = col->section;
			kv[*nkv].key = col->key;
			kv[*nkv].value = value;
			(*nkv)++;
			rf_strv_push(vals, value);
			value = NULL;
			if (was_joined)
				rf_strv_push(joined, rf_xasprintf("%s:%u:%zu", p->im->label, line, c + 1));
		}
		free(value);
		free(why);
		free(cell);
	}
	return p->problems.n - before;
}

static struct rf_import_note *add_note(struct rf_import *im, size_t *cap)
{
	if (im->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		im->v = rf_xrealloc(im->v, *cap * sizeof(*im->v));
	}
	struct rf_import_note *n = &im->v[im->n++];
	memset(n, 0, sizeof(*n));
	return n;
}

static void free_note(struct rf_import_note *n)
{
	free(n->file);
	free(n->slug);
	free(n->name);
	rf_buf_free(&n->text);
	rf_changes_free(&n->changes);
}

/* A row claims its note once: a second row for it is a problem. */
static int claim(struct plan *p, const char *slug, unsigned line)
{
	for (size_t i = 0; i < p->nclaims; i++)
		if (!strcmp(p->claims[i].slug, slug)) {
			problem(p, "%s:%u: the same program as line %u (%s): a program takes one row", p->im->label,
				line, p->claims[i].line, slug);
			return -1;
		}
	if (p->nclaims % 64 == 0)
		p->claims = rf_xrealloc(p->claims, (p->nclaims + 64) * sizeof(*p->claims));
	p->claims[p->nclaims++] = (struct claim){ rf_xstrdup(slug), line };
	return 0;
}

static void plan_row(struct plan *p, const struct rf_sheet_row *row)
{
	struct rf_import *im = p->im;
	struct rf_strv vals = RF_STRV_INIT, joined = RF_STRV_INIT;
	struct rf_edit_kv *kv = rf_xcalloc(p->ncols ? p->ncols : 1, sizeof(*kv));
	size_t nkv;
	char *slug = NULL, *name = NULL;
	for (size_t c = p->ncols; c < row->n; c++)
		if (!rf_sheet_blank(row->cells[c].text)) {
			problem(p, "%s:%u:%zu: a cell beyond the last column (the header row has %zu)", im->label,
				row->cells[c].line, c + 1, p->ncols);
			break;
		}
	if (p->name_col >= 0) {
		int j;
		name = rf_answer_join_lines(cell_at(row, (size_t)p->name_col), &j);
		if (rf_sheet_blank(name))
			*name = '\0';
	} else {
		name = rf_xstrdup("");
	}
	struct rf_revnote *rn = match(p, row, name, &slug);
	if (!slug || claim(p, slug, row->line) < 0)
		goto out;
	if (rn && rn->broken) {
		const struct rf_line *bad = rf_ini_first_error(&rn->note.ini);
		problem(p, "%s:%u: %s:%u does not parse (%s): fix the note first (rf-check)", im->label, row->line,
			rn->file, bad ? bad->lineno : 0, bad ? bad->error : "iniparser cannot read it");
		goto out;
	}
	if (!rn && !*name) {
		problem(p, "%s:%u: %s is a new program and needs a name", im->label, row->line, slug);
		goto out;
	}
	if (row_answers(p, row, rn ? &rn->note : NULL, kv, &nkv, &vals, &joined))
		goto out;
	if (rn && !nkv) {
		im->unchanged++;
		goto out;
	}
	if (p->problems.n || p->reported)
		goto out;	/* nothing will be written: spare the work */
	struct rf_import_note *n = add_note(im, &p->cap);
	n->slug = slug;
	slug = NULL;
	n->file = rf_notefile_name(n->slug);
	n->line = row->line;
	n->created = !rn;
	int r = rn ? rf_edit_set_many(n->file, rn->note.text, rn->note.len, kv, nkv, &n->text)
		   : rf_newnote_text(p->in->nn, n->file, name, kv, nkv, &n->text);
	struct rf_note after;
	if (r < 0) {
		p->reported++;
		goto out;
	}
	if (!rn) {
		/* What a new note says is listed only by --dry-run (see
		 * rf_import_print): parsing 2,000 of them again would double the
		 * work of an import. */
		n->name = rf_xstrdup(name);
	} else if (rf_note_parse(&after, n->file, n->text.buf, n->text.len, 1) == 0) {
		rf_semdiff(&rn->note, &after, &n->changes);
		const char *nm = rf_note_get(&after, "program", "name");
		n->name = rf_xstrdup(nm ? nm : "");
		rf_note_free(&after);
	} else {
		rf_note_free(&after);
		p->reported++;
		goto out;
	}
	if (n->created) {
		im->created++;
	} else {
		im->changed++;
		im->answers += n->changes.n;
	}
	for (size_t i = 0; i < joined.n; i++)
		rf_strv_push(&im->joined, rf_xstrdup(joined.v[i]));
out:
	rf_strv_free(&vals);
	rf_strv_free(&joined);
	free(kv);
	free(slug);
	free(name);
}

static void report(struct plan *p)
{
	size_t n = p->problems.n;
	for (size_t i = 0; i < n && i < RF_IMPORT_MAX_PROBLEMS; i++)
		rf_error("%s", p->problems.v[i]);
	if (n > RF_IMPORT_MAX_PROBLEMS)
		rf_error("%zu problems in all, the first %d shown; nothing was written", n + p->reported,
			 RF_IMPORT_MAX_PROBLEMS);
}

int rf_import_plan(struct rf_import *im, const char *label, const char *title, const struct rf_import_input *in)
{
	struct rf_strv known = RF_STRV_INIT;
	struct plan p;
	const struct rf_sheet *sh = in->sheet;
	memset(im, 0, sizeof(*im));
	memset(&p, 0, sizeof(p));
	im->label = rf_xstrdup(label);
	im->title = rf_xstrdup(title);
	p.im = im;
	p.in = in;
	p.slug_col = p.name_col = -1;
	if (sh->n == 0)
		return rf_error("%s:1: empty: a sheet needs a header row, then one row per program", label);
	if (sh->n == 1)
		return rf_error("%s:%u: a header row and no programs under it", label, sh->rows[0].line);
	if (load_existing(&p.ex, in->nd, &in->nn->t, &known) < 0) {
		free_existing(&p.ex);
		rf_strv_free(&known);
		return -1;
	}
	const struct rf_sheet_row *header = &sh->rows[0];
	p.ncols = header->n;
	p.cols = rf_xcalloc(p.ncols ? p.ncols : 1, sizeof(*p.cols));
	rf_sheetmap_columns(in->map, &in->nn->t, &known, in->force, label, header, p.cols, &p.problems);
	for (size_t c = 0; c < p.ncols; c++) {
		if (p.cols[c].kind == RF_COLUMN_SLUG && p.slug_col < 0)
			p.slug_col = (int)c;
		if (p.cols[c].kind == RF_COLUMN_KEY && !strcmp(p.cols[c].section, "program") &&
		    !strcmp(p.cols[c].key, "name") && p.name_col < 0)
			p.name_col = (int)c;
	}
	if (p.slug_col < 0 && p.name_col < 0 && !p.problems.n)
		problem(&p, "%s:%u: no column names the programs: add a 'name' column (or 'slug')", label,
			header->line);
	for (size_t r = 1; r < sh->n && p.slug_col + p.name_col > -2; r++)
		plan_row(&p, &sh->rows[r]);
	int ret = p.problems.n || p.reported ? -1 : 0;
	report(&p);
	rf_sheetmap_columns_free(p.cols, p.ncols);
	free(p.cols);
	for (size_t i = 0; i < p.nclaims; i++)
		free(p.claims[i].slug);
	free(p.claims);
	rf_strv_free(&p.problems);
	free_existing(&p.ex);
	rf_strv_free(&known);
	return ret;
}

void rf_import_free(struct rf_import *im)
{
	for (size_t i = 0; i < im->n; i++)
		free_note(&im->v[i]);
	free(im->v);
	free(im->label);
	free(im->title);
	rf_strv_free(&im->joined);
	memset(im, 0, sizeof(*im));
}

char *rf_import_subject(const struct rf_import *im)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_addf(&b, "import %s: %zu new, %zu changed", im->title, im->created, im->changed);
	if (im->changed)
		rf_buf_addf(&b, " (%zu answer%s)", im->answers, im->answers == 1 ? "" : "s");
	rf_buf_addf(&b, ", %zu unchanged", im->unchanged);
	return rf_buf_detach(&b);
}

/* "line breaks joined with spaces in 2 cells: a.csv:3:4, a.csv:5:2". */
static void joined_line(const struct rf_import *im, struct rf_buf *b)
{
	if (!im->joined.n)
		return;
	rf_buf_addf(b, "line breaks joined with spaces in %zu cell%s:", im->joined.n, im->joined.n == 1 ? "" : "s");
	for (size_t i = 0; i < im->joined.n && i < 10; i++)
		rf_buf_addf(b, "%s %s", i ? "," : "", im->joined.v[i]);
	if (im->joined.n > 10)
		rf_buf_adds(b, ", ...");
	rf_buf_addc(b, '\n');
}

char *rf_import_message(const struct rf_import *im)
{
	struct rf_buf b = RF_BUF_INIT;
	char *subject = rf_import_subject(im);
	rf_buf_addf(&b, "%s\n\n", subject);
	free(subject);
	for (size_t i = 0; i < im->n; i++) {
		const struct rf_import_note *n = &im->v[i];
		if (n->created) {
			rf_buf_addf(&b, "new %s: %s\n", n->slug, n->name);
			continue;
		}
		for (size_t k = 0; k < n->changes.n; k++) {
			char *ph = rf_change_phrase(&n->changes.v[k]);
			rf_buf_addf(&b, "%s: %s\n", n->slug, ph);
			free(ph);
		}
	}
	joined_line(im, &b);
	return rf_buf_detach(&b);
}

void rf_import_print(const struct rf_import *im, FILE *out, int colour)
{
	for (size_t i = 0; i < im->n; i++) {
		const struct rf_import_note *n = &im->v[i];
		fprintf(out, "%s %s (%s:%u)\n", n->created ? "new" : "change", n->slug, im->label, n->line);
		if (!n->created) {
			rf_changes_print(out, &n->changes, "  ", 0, colour);
			continue;
		}
		struct rf_note note;
		struct rf_changes c;
		if (rf_note_parse(&note, n->file, n->text.buf, n->text.len, 0) == 0) {
			rf_semdiff(NULL, &note, &c);
			rf_changes_print(out, &c, "  ", 1, colour);
			rf_changes_free(&c);
		}
		rf_note_free(&note);
	}
	struct rf_buf b = RF_BUF_INIT;
	joined_line(im, &b);
	if (b.buf)
		fputs(b.buf, out);
	rf_buf_free(&b);
}

void rf_import_warn_uncommitted(const struct rf_import *im, const struct rf_notesdir *nd, struct rf_store *st)
{
	for (size_t i = 0; i < im->n; i++) {
		struct rf_buf work = RF_BUF_INIT, head = RF_BUF_INIT;
		int missing_w, missing_h;
		const struct rf_import_note *n = &im->v[i];
		if (!n->created && rf_notesdir_read(nd, n->file, &work, &missing_w) == 0 &&
		    rf_store_read(st, NULL, n->file, &head, &missing_h) == 0 &&
		    (missing_h || head.len != work.len || (work.len && memcmp(head.buf, work.buf, work.len))))
			rf_warn("%s had edits not yet committed: they are committed with the import", n->file);
		rf_buf_free(&work);
		rf_buf_free(&head);
	}
}
