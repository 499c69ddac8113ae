#include "sheetmap.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "note.h"

void rf_sheetmap_free(struct rf_sheetmap *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->v[i].heading);
		free(m->v[i].target);
	}
	free(m->v);
	free(m->path);
	memset(m, 0, sizeof(*m));
}

/* A key as a mapping file writes a heading: "H1B sponsor?" or 'x', the
 * quotes iniparser keeps on a key taken off. */
static char *unquote(const char *k)
{
	size_t n = strlen(k);
	if (n >= 2 && (k[0] == '"' || k[0] == '\'') && k[n - 1] == k[0])
		return rf_strstrip(rf_xstrndup(k + 1, n - 2));
	return rf_xstrdup(k);
}

int rf_sheetmap_load(struct rf_sheetmap *m, const char *path)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_note note;
	size_t cap = 0;
	memset(m, 0, sizeof(*m));
	if (rf_read_file(path, &text) < 0)
		return -1;
	m->path = rf_xstrdup(path);
	int r = rf_note_parse(&note, path, text.buf ? text.buf : "", text.len, 1);
	for (size_t i = 0; r == 0 && i < note.ini.n; i++) {
		const struct rf_line *l = &note.ini.lines[i];
		if (l->kind == RF_LINE_SECTION && strcmp(l->section, "columns") != 0)
			r = rf_error("%s:%u: [%s]: a mapping file has only a [columns] section", path, l->lineno,
				     l->section);
		else if (l->kind == RF_LINE_VALUE && strcmp(l->section, "columns") != 0)
			r = rf_error("%s:%u: '%s' is outside [columns]", path, l->lineno, l->key);
		if (r < 0 || l->kind != RF_LINE_VALUE)
			continue;
		if (m->n == cap) {
			cap = cap ? 2 * cap : 16;
			m->v = rf_xrealloc(m->v, cap * sizeof(*m->v));
		}
		m->v[m->n++] = (struct rf_sheetmap_entry){ unquote(l->key), rf_strstrip(rf_xstrdup(l->value)),
							   l->lineno };
	}
	rf_note_free(&note);
	rf_buf_free(&text);
	return r;
}

void rf_sheetmap_columns_free(struct rf_column *cols, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(cols[i].section);
		free(cols[i].key);
	}
}

/* --- "did you mean": words of headings, keys and questions --- */

static const char *const stopwords[] = {
	"a", "an", "and", "any", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "has",
	"have", "how", "if", "in", "is", "it", "its", "of", "on", "or", "per", "the", "their", "there",
	"they", "this", "to", "was", "we", "what", "when", "who", "with", "you", "your", NULL,
};

static int stopword(const char *w)
{
	for (size_t i = 0; stopwords[i]; i++)
		if (!strcmp(stopwords[i], w))
			return 1;
	return 0;
}

/* Lowercase words of letters and digits; a '-' or '\'' inside a word
 * joins it ("H-1B" is "h1b"), as '_' splits key names. */
static void words(const char *s, struct rf_strv *out)
{
	struct rf_buf w = RF_BUF_INIT;
	for (const unsigned char *p = (const unsigned char *)s;; p++) {
		if (isalnum(*p) || *p >= 0x80) {
			rf_buf_addc(&w, (char)tolower(*p));
			continue;
		}
		if ((*p == '-' || *p == '\'') && w.len && isalnum(p[1]))
			continue;
		if (w.len) {
			if (!stopword(w.buf))
				rf_strv_push(out, rf_xstrdup(w.buf));
			rf_buf_reset(&w);
		}
		if (!*p)
			break;
	}
	rf_buf_free(&w);
}

/* The same word, or one a form of the other ("sponsor", "sponsored"). */
static int near_word(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (!strcmp(a, b))
		return 2;
	return la >= 4 && lb >= 4 && !strncmp(a, b, la < lb ? la : lb);
}

static int matches(const char *w, const struct rf_strv *in)
{
	int best = 0;
	for (size_t i = 0; i < in->n; i++) {
		int m = near_word(w, in->v[i]);
		if (m > best)
			best = m;
	}
	return best;
}

static int score(const struct rf_field *f, const struct rf_strv *hw, const char *norm)
{
	struct rf_strv kw = RF_STRV_INIT, qw = RF_STRV_INIT;
	char *key = rf_xstrdup(f->key);
	for (char *p = key; *p; p++)
		if (*p == '_')
			*p = ' ';
	words(key, &kw);
	words(f->question ? f->question : "", &qw);
	int s = 0;
	for (size_t i = 0; i < hw->n; i++) {
		int k = matches(hw->v[i], &kw);
		s += k == 2 ? 3 : k == 1 ? 2 : matches(hw->v[i], &qw) ? 1 : 0;
		s += !strcmp(hw->v[i], f->section);
	}
	for (size_t i = 0; i < kw.n; i++)
		s -= !matches(kw.v[i], hw);
	if (strlen(f->key) > 3 && rf_edit_distance(norm, f->key) <= 2)
		s += 4;
	rf_strv_free(&kw);
	rf_strv_free(&qw);
	free(key);
	return s;
}

/* A heading as a bare key: lowercase, spaces and '-' as '_'. */
static char *bare_key(const char *heading)
{
	char *k = rf_strlower(rf_strstrip(rf_xstrdup(heading)));
	for (char *p = k; *p; p++)
		if (*p == ' ' || *p == '-')
			*p = '_';
	return k;
}

char *rf_sheetmap_suggest(const struct rf_template *t, const char *heading)
{
	struct rf_strv hw = RF_STRV_INIT;
	char *norm = bare_key(heading);
	words(heading, &hw);
	int best = 2, second = 2;	/* below 3 nothing is near */
	size_t bi = t->n, si = t->n;
	for (size_t i = 0; i < t->n; i++) {
		if (!strcmp(t->fields[i].key, "*"))
			continue;
		int s = score(&t->fields[i], &hw, norm);
		if (s > best) {
			second = best;
			si = bi;
			best = s;
			bi = i;
		} else if (s > second) {
			second = s;
			si = i;
		}
	}
	rf_strv_free(&hw);
	free(norm);
	if (bi == t->n)
		return NULL;
	const struct rf_field *a = &t->fields[bi];
	if (si < t->n && second >= 3 && second >= best - 1)
		return rf_xasprintf("%s.%s or %s.%s", a->section, a->key, t->fields[si].section, t->fields[si].key);
	return rf_xasprintf("%s.%s", a->section, a->key);
}

/* --- headings and targets to columns --- */

/* A name iniparser can hold as a section or key. */
static int ini_name(const char *s)
{
	if (!*s || strchr(";#[", *s))
		return 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7F || *p == '=' || *p == ']' || *p == ':')
			return 0;
	return !isspace((unsigned char)s[0]) && !isspace((unsigned char)s[strlen(s) - 1]);
}

static int is_name_heading(const char *low)
{
	static const char *const names[] = { "name", "program", "program name", "program_name", NULL };
	for (size_t i = 0; names[i]; i++)
		if (!strcmp(names[i], low))
			return 1;
	return 0;
}

/* What text (a heading, or a mapping file's target when target is set)
 * names: 0, or -1 with *problem (caller frees) saying why not, or 1 for
 * a bare word that is no key, which the caller words for its context. */
static int resolve(const struct rf_template *t, const struct rf_strv *known, int force, const char *text,
		    int target, struct rf_column *col, char **problem)
{
	char *low = rf_strlower(rf_strstrip(rf_xstrdup(text)));
	const char *dot = strchr(low, '.');
	int r = 0;
	memset(col, 0, sizeof(*col));
	*problem = NULL;
	if (target && !strcmp(low, "-")) {
		col->kind = RF_COLUMN_IGNORE;
	} else if (!strcmp(low, "slug")) {
		col->kind = RF_COLUMN_SLUG;
	} else if (is_name_heading(low)) {
		col->kind = RF_COLUMN_KEY;
		col->section = rf_xstrdup("program");
		col->key = rf_xstrdup("name");
	} else if (dot) {
		char *section = rf_strstrip(rf_xstrndup(low, (size_t)(dot - low)));
		char *key = rf_strstrip(rf_xstrdup(dot + 1));
		char *full = rf_xasprintf("%s.%s", section, key);
		const struct rf_field *f = ini_name(section) && ini_name(key) ? rf_template_field(t, section, key)
									    : NULL;
		if (f || (ini_name(section) && ini_name(key) && (force || rf_strv_contains(known, full)))) {
			col->kind = RF_COLUMN_KEY;
			col->section = section;
			col->key = key;
			col->field = f;
			section = key = NULL;
		} else if (!target) {
			r = 1;
		} else {
			char *near = ini_name(section) && ini_name(key) ? rf_template_suggest(t, section, key) : NULL;
			if (!near)
				near = rf_sheetmap_suggest(t, text);
			*problem = rf_xasprintf("%s is not a key of the template%s%s%s", full,
						near ? " (did you mean " : "", near ? near : "", near ? "?)" : "");
			free(near);
		}
		free(full);
		free(section);
		free(key);
	} else {
		char *k = bare_key(low);
		const struct rf_field *hit = NULL;
		struct rf_buf all = RF_BUF_INIT;
		size_t n = 0;
		for (size_t i = 0; i < t->n; i++)
			if (!strcmp(t->fields[i].key, k)) {
				hit = &t->fields[i];
				rf_buf_addf(&all, "%s%s.%s", n++ ? ", " : "", hit->section, hit->key);
			}
		if (n == 1) {
			col->kind = RF_COLUMN_KEY;
			col->section = rf_xstrdup(hit->section);
			col->key = rf_xstrdup(hit->key);
			col->field = hit;
		} else if (n > 1) {
			*problem = rf_xasprintf("'%s' is a key of several sections (%s): name one as section.key",
						text, all.buf);
		} else {
			r = 1;
		}
		rf_buf_free(&all);
		free(k);
	}
	free(low);
	return *problem ? -1 : r;
}

/* For a heading that names no key: a misspelt section.key first. */
static char *near_key(const struct rf_template *t, const char *heading)
{
	char *low = rf_strlower(rf_strstrip(rf_xstrdup(heading))), *near = NULL;
	char *dot = strchr(low, '.');
	if (dot) {
		*dot = '\0';
		near = rf_template_suggest(t, low, dot + 1);
	}
	free(low);
	return near ? near : rf_sheetmap_suggest(t, heading);
}

static const struct rf_sheetmap_entry *map_entry(const struct rf_sheetmap *m, const char *heading)
{
	char *h = rf_strstrip(rf_xstrdup(heading));
	const struct rf_sheetmap_entry *hit = NULL;
	for (size_t i = 0; m && i < m->n; i++)
		if (!strcasecmp(m->v[i].heading, h))
			hit = &m->v[i];	/* the last, as iniparser keeps */
	free(h);
	return hit;
}

/* How a problem's heading is quoted in a mapping file line the user can
 * copy: "H1B sponsor?" (single quotes when it holds a double one). */
static char *map_quoted(const char *heading)
{
	char *h = rf_strstrip(rf_xstrdup(heading));
	char *q = rf_xasprintf(strchr(h, '"') ? "'%s'" : "\"%s\"", h);
	free(h);
	return q;
}

size_t rf_sheetmap_columns(const struct rf_sheetmap *m, const struct rf_template *t, const struct rf_strv *known,
			   int force, const char *label, const struct rf_sheet_row *header, struct rf_column *cols,
			   struct rf_strv *problems)
{
	size_t before = problems->n;
	for (size_t c = 0; c < header->n; c++) {
		const struct rf_sheet_cell *h = &header->cells[c];
		const struct rf_sheetmap_entry *e = map_entry(m, h->text);
		char *problem = NULL;
		memset(&cols[c], 0, sizeof(cols[c]));
		if (e) {
			if (resolve(t, known, force, e->target, 1, &cols[c], &problem) == 1)
				problem = rf_xasprintf("'%s' is not a key of the template, \"slug\" or \"-\"",
						       e->target);
			if (problem) {
				rf_strv_push(problems, rf_xasprintf("%s:%u: %s", m->path, e->lineno, problem));
				free(problem);
			}
			continue;
		}
		if (rf_sheet_blank(h->text)) {
			cols[c].kind = RF_COLUMN_UNNAMED;
			continue;
		}
		if (resolve(t, known, force, h->text, 0, &cols[c], &problem) == 1) {
			char *near = near_key(t, h->text);
			char *q = map_quoted(h->text);
			/* The mapping line to copy names the nearest key. */
			size_t first = near ? strcspn(near, " ") : 0;
			problem = rf_xasprintf("column '%s' names no key of the template%s%s%s; map it in a --map "
					       "file under [columns] (%s = %.*s), or leave it out there (%s = -)",
					       h->text, near ? " (did you mean " : "", near ? near : "",
					       near ? "?)" : "", q, near ? (int)first : 11, near ? near : "section.key",
					       q);
			free(near);
			free(q);
		}
		if (problem) {
			rf_strv_push(problems, rf_xasprintf("%s:%u:%zu: %s", label, h->line, c + 1, problem));
			free(problem);
		}
	}
	/* One column per key, and one slug column. */
	for (size_t c = 0; c < header->n; c++) {
		for (size_t d = 0; d < c; d++) {
			int same = cols[c].kind == cols[d].kind &&
				   (cols[c].kind == RF_COLUMN_SLUG ||
				    (cols[c].kind == RF_COLUMN_KEY && !strcmp(cols[c].section, cols[d].section) &&
				     !strcmp(cols[c].key, cols[d].key)));
			if (!same)
				continue;
			char *what = cols[c].kind == RF_COLUMN_SLUG ? rf_xstrdup("the slug")
								    : rf_xasprintf("%s.%s", cols[c].section, cols[c].key);
			rf_strv_push(problems, rf_xasprintf("%s:%u:%zu: column '%s' fills %s, as column %zu ('%s') does",
							    label, header->cells[c].line, c + 1, header->cells[c].text,
							    what, d + 1, header->cells[d].text));
			free(what);
			break;
		}
	}
	return problems->n - before;
}
