#include "semdiff.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The value iniparser ends up with for the line's key: the last one
 * outside any git conflict. */
static int is_last(const struct rf_ini *ini, size_t i)
{
	const struct rf_line *l = &ini->lines[i];
	for (size_t j = i + 1; j < ini->n; j++) {
		const struct rf_line *m = &ini->lines[j];
		if (m->kind == RF_LINE_VALUE && !m->conflict && !strcmp(m->section, l->section) &&
		    !strcmp(m->key, l->key))
			return 0;
	}
	return 1;
}

/* One side of a git conflict (yours or theirs), where a key may be. */
static int on_a_side(const struct rf_line *l)
{
	return l->kind == RF_LINE_VALUE && (l->conflict == RF_CONFLICT_OURS || l->conflict == RF_CONFLICT_THEIRS);
}

/* The conflict line i opens (its '<' marker index) and the last value
 * each side gives line i's key there. */
static size_t sides_of(const struct rf_ini *ini, size_t i, const char **ours, const char **theirs)
{
	size_t start = i;
	while (start > 0 && ini->lines[start].marker != '<')
		start--;
	*ours = *theirs = NULL;
	const struct rf_line *l = &ini->lines[i];
	for (size_t j = start + 1; j < ini->n && ini->lines[j].marker != '>'; j++) {
		const struct rf_line *m = &ini->lines[j];
		if (on_a_side(m) && !strcmp(m->section, l->section) && !strcmp(m->key, l->key))
			*(m->conflict == RF_CONFLICT_OURS ? ours : theirs) = m->value;
	}
	return start;
}

/* 1 when the sides of some conflict give section.key different answers
 * (or only one of them gives one): then no side is the note's answer. */
static int in_conflict(const struct rf_ini *ini, const char *section, const char *key)
{
	for (size_t i = 0; i < ini->n; i++) {
		const struct rf_line *l = &ini->lines[i];
		const char *o, *t;
		if (on_a_side(l) && !strcmp(l->section, section) && !strcmp(l->key, key)) {
			sides_of(ini, i, &o, &t);
			if (!o || !t || strcmp(o, t) != 0)
				return 1;
		}
	}
	return 0;
}

/* 1 when some side of a conflict has section.key. */
static int has_side_line(const struct rf_ini *ini, const char *section, const char *key)
{
	for (size_t i = 0; i < ini->n; i++) {
		const struct rf_line *l = &ini->lines[i];
		if (on_a_side(l) && !strcmp(l->section, section) && !strcmp(l->key, key))
			return 1;
	}
	return 0;
}

/* 1 when line i is the first side line for its key in the whole note. */
static int first_on_a_side(const struct rf_ini *ini, size_t i)
{
	const struct rf_line *l = &ini->lines[i];
	for (size_t j = 0; j < i; j++) {
		const struct rf_line *m = &ini->lines[j];
		if (on_a_side(m) && !strcmp(m->section, l->section) && !strcmp(m->key, l->key))
			return 0;
	}
	return 1;
}

static void push(struct rf_changes *out, size_t *cap, enum rf_change_kind kind, const struct rf_line *l,
		 const char *old_value, const char *new_value)
{
	if (out->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		out->v = rf_xrealloc(out->v, *cap * sizeof(*out->v));
	}
	struct rf_change *c = &out->v[out->n++];
	c->kind = kind;
	c->section = rf_xstrdup(l->section);
	c->key = rf_xstrdup(l->key);
	c->old_value = old_value ? rf_xstrdup(old_value) : NULL;
	c->new_value = new_value ? rf_xstrdup(new_value) : NULL;
}

void rf_semdiff(const struct rf_note *old_note, const struct rf_note *new_note, struct rf_changes *out)
{
	static const struct rf_ini none = { 0 };
	const struct rf_ini *a = old_note ? &old_note->ini : &none;
	const struct rf_ini *b = new_note ? &new_note->ini : &none;
	/* Keys inside a git conflict of the new note are a change of their
	 * own: "in conflict", both sides named, neither taken as the answer.
	 * (In the old note they count as absent.) */
	int conflicts = rf_ini_first_conflict(b) != NULL;
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	/* The same bytes are no change, a conflict in them included: it is
	 * told once, where it came in. */
	if (old_note && new_note && old_note->len == new_note->len &&
	    (!old_note->len || !memcmp(old_note->text, new_note->text, old_note->len)))
		return;

	for (size_t i = 0; i < b->n; i++) {
		const struct rf_line *l = &b->lines[i];
		const char *value = l->value;
		if (l->kind != RF_LINE_VALUE || l->conflict == RF_CONFLICT_BASE)
			continue;
		if (l->conflict) {
			const char *ours, *theirs;
			if (!first_on_a_side(b, i))
				continue;
			if (in_conflict(b, l->section, l->key)) {
				sides_of(b, i, &ours, &theirs);
				push(out, &cap, RF_CHANGE_CONFLICT, l, ours, theirs);
				continue;
			}
			/* Both sides agree: that is the answer, unless a line
			 * outside the conflict gives one. */
			if (rf_ini_find(b, l->section, l->key))
				continue;
		} else if (!is_last(b, i) || (conflicts && in_conflict(b, l->section, l->key))) {
			continue;
		}
		const struct rf_line *o = rf_ini_find(a, l->section, l->key);
		if (!o)
			push(out, &cap, RF_CHANGE_ADDED, l, NULL, value);
		else if (strcmp(o->value, value) != 0)
			push(out, &cap, RF_CHANGE_CHANGED, l, o->value, value);
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct rf_line *l = &a->lines[i];
		if (l->kind == RF_LINE_VALUE && !l->conflict && is_last(a, i) && !rf_ini_find(b, l->section, l->key) &&
		    !(conflicts && has_side_line(b, l->section, l->key)))
			push(out, &cap, RF_CHANGE_REMOVED, l, l->value, NULL);
	}
	out->layout_only = out->n == 0 && old_note && new_note &&
			   (old_note->len != new_note->len || memcmp(old_note->text, new_note->text, old_note->len));
}

void rf_changes_free(struct rf_changes *c)
{
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].section);
		free(c->v[i].key);
		free(c->v[i].old_value);
		free(c->v[i].new_value);
	}
	free(c->v);
	memset(c, 0, sizeof(*c));
}

static void add_value(struct rf_buf *b, const char *v)
{
	if (!v) {
		rf_buf_adds(b, "(none)");
	} else if (!*v) {
		rf_buf_adds(b, "\"\"");
	} else if (strlen(v) > 40) {
		size_t n = 39;
		while (n && ((unsigned char)v[n] & 0xC0) == 0x80)	/* whole UTF-8 characters */
			n--;
		rf_buf_add(b, v, n);
		rf_buf_adds(b, "…");
	} else {
		rf_buf_adds(b, v);
	}
}

char *rf_change_phrase(const struct rf_change *c)
{
	struct rf_buf b = RF_BUF_INIT;
	if (!c->key) {
		rf_buf_addf(&b, "[%s] %s", c->section, c->kind == RF_CHANGE_SECTION_ADDED ? "added" : "removed");
		return rf_buf_detach(&b);
	}
	rf_buf_addf(&b, "%s.%s ", c->section, c->key);
	if (c->kind == RF_CHANGE_CONFLICT)
		rf_buf_adds(&b, "in conflict: ");
	add_value(&b, c->old_value);
	rf_buf_adds(&b, c->kind == RF_CHANGE_CONFLICT ? " vs " : " → ");
	add_value(&b, c->new_value);
	return rf_buf_detach(&b);
}

const char *rf_change_kind_name(enum rf_change_kind kind)
{
	switch (kind) {
	case RF_CHANGE_ADDED: return "added";
	case RF_CHANGE_REMOVED: return "removed";
	case RF_CHANGE_CHANGED: return "changed";
	case RF_CHANGE_SECTION_ADDED: return "section-added";
	case RF_CHANGE_SECTION_REMOVED: return "section-removed";
	case RF_CHANGE_CONFLICT: return "conflict";
	}
	return "changed";
}

int rf_change_is_unanswered(const struct rf_change *c)
{
	return c->kind == RF_CHANGE_ADDED && c->new_value && (!*c->new_value || !strcmp(c->new_value, "unknown"));
}

static void add_whole(struct rf_buf *b, const char *v)
{
	rf_buf_adds(b, !v ? "(none)" : *v ? v : "\"\"");
}

char *rf_change_line(const struct rf_change *c)
{
	struct rf_buf b = RF_BUF_INIT;
	if (!c->key) {
		rf_buf_addf(&b, "[%s]", c->section);
		return rf_buf_detach(&b);
	}
	rf_buf_addf(&b, "%s.%s: ", c->section, c->key);
	if (c->kind == RF_CHANGE_CONFLICT) {
		rf_buf_adds(&b, "unresolved git conflict: ");
		if (c->old_value)
			rf_buf_addf(&b, "'%s' (yours)", c->old_value);
		else
			rf_buf_adds(&b, "(none) (yours)");
		if (c->new_value)
			rf_buf_addf(&b, " vs '%s' (theirs)", c->new_value);
		else
			rf_buf_adds(&b, " vs (none) (theirs)");
		return rf_buf_detach(&b);
	}
	if (c->kind == RF_CHANGE_CHANGED) {
		add_whole(&b, c->old_value);
		rf_buf_adds(&b, " → ");
	}
	add_whole(&b, c->kind == RF_CHANGE_REMOVED ? c->old_value : c->new_value);
	return rf_buf_detach(&b);
}

/* 1 when the note has a [section] line for name (keys alone do not count:
 * iniparser makes the section from its header). */
static int has_section(const struct rf_ini *ini, const char *name)
{
	for (size_t i = 0; i < ini->n; i++)
		if (ini->lines[i].kind == RF_LINE_SECTION && !strcmp(ini->lines[i].section, name))
			return 1;
	return 0;
}

/* 1 when a [name] header for line i's section came earlier (a section
 * written twice is one section to iniparser). */
static int has_section_before(const struct rf_ini *ini, size_t i)
{
	for (size_t j = 0; j < i; j++)
		if (ini->lines[j].kind == RF_LINE_SECTION && !strcmp(ini->lines[j].section, ini->lines[i].section))
			return 1;
	return 0;
}

static void push_section(struct rf_changes *out, size_t *cap, enum rf_change_kind kind, const char *section)
{
	if (out->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		out->v = rf_xrealloc(out->v, *cap * sizeof(*out->v));
	}
	struct rf_change *c = &out->v[out->n++];
	memset(c, 0, sizeof(*c));
	c->kind = kind;
	c->section = rf_xstrdup(section);
}

struct ranked {
	size_t sec, key, orig;
	struct rf_change c;
};

static int cmp_ranked(const void *pa, const void *pb)
{
	const struct ranked *a = pa, *b = pb;
	if (a->sec != b->sec)
		return a->sec < b->sec ? -1 : 1;
	if (a->key != b->key)
		return a->key < b->key ? -1 : 1;
	return a->orig < b->orig ? -1 : a->orig > b->orig;
}

/* Template position of a section's first field, or SIZE_MAX. */
static size_t section_rank(const struct rf_template *t, const char *section)
{
	for (size_t i = 0; t && i < t->n; i++)
		if (!strcmp(t->fields[i].section, section))
			return i;
	return (size_t)-1;
}

/* Sort changes: by section (template order, then first appearance), the
 * section's own entry first, then keys in template order, then as found. */
static void sort_changes(struct rf_changes *c, const struct rf_template *t)
{
	if (c->n < 2)
		return;
	size_t tn = t ? t->n : 0;
	struct ranked *r = rf_xcalloc(c->n, sizeof(*r));
	for (size_t i = 0; i < c->n; i++) {
		r[i].c = c->v[i];
		r[i].orig = i;
		size_t s = section_rank(t, c->v[i].section);
		if (s == (size_t)-1) {
			/* Unknown sections keep their order of first appearance. */
			s = tn + i;
			for (size_t j = 0; j < i; j++)
				if (!strcmp(c->v[j].section, c->v[i].section)) {
					s = r[j].sec;
					break;
				}
		}
		r[i].sec = s;
		if (!c->v[i].key)
			r[i].key = 0;
		else if (t && rf_template_field(t, c->v[i].section, c->v[i].key))
			r[i].key = 1 + rf_template_rank(t, c->v[i].section, c->v[i].key);
		else
			r[i].key = 1 + tn + i;
	}
	qsort(r, c->n, sizeof(*r), cmp_ranked);
	for (size_t i = 0; i < c->n; i++)
		c->v[i] = r[i].c;
	free(r);
}

void rf_semdiff_full(const struct rf_note *old_note, const struct rf_note *new_note, const struct rf_template *t,
		     struct rf_changes *out)
{
	static const struct rf_ini none = { 0 };
	const struct rf_ini *a = old_note ? &old_note->ini : &none;
	const struct rf_ini *b = new_note ? &new_note->ini : &none;
	rf_semdiff(old_note, new_note, out);
	size_t cap = out->n;
	int layout_only = out->layout_only;
	/* A section only one side has is news even when it holds no keys; a
	 * note created or deleted as a whole is not told section by section. */
	if (old_note && new_note) {
		for (size_t i = 0; i < b->n; i++) {
			const struct rf_line *l = &b->lines[i];
			if (l->kind == RF_LINE_SECTION && !has_section(a, l->section) && !has_section_before(b, i))
				push_section(out, &cap, RF_CHANGE_SECTION_ADDED, l->section);
		}
		for (size_t i = 0; i < a->n; i++) {
			const struct rf_line *l = &a->lines[i];
			if (l->kind == RF_LINE_SECTION && !has_section(b, l->section) && !has_section_before(a, i))
				push_section(out, &cap, RF_CHANGE_SECTION_REMOVED, l->section);
		}
	}
	out->layout_only = layout_only && out->n == 0;
	sort_changes(out, t);
}

/* Where the comment after a one-line answer starts ("j1 = yes ; PD"), or
 * eol: after a quoted value's closing quote, else at the first ';' or '#',
 * as iniparser cuts it. */
static size_t trailing_comment(const char *text, const struct rf_line *l)
{
	const char *eq = memchr(text + l->start, '=', l->eol - l->start);
	size_t i = eq ? (size_t)(eq - text) + 1 : l->eol;
	while (i < l->eol && (text[i] == ' ' || text[i] == '\t'))
		i++;
	char q = i < l->eol ? text[i] : 0;
	if ((q == '"' || q == '\'') && i + 1 < l->eol && text[i + 1] != q) {
		const char *close = memchr(text + i + 1, q, l->eol - i - 1);
		i = close ? (size_t)(close - text) + 1 : l->eol;
	}
	while (i < l->eol && text[i] != ';' && text[i] != '#')
		i++;
	return i;
}

/* What a note says besides its answers, in file order, so that git diff
 * shows a change to it too: comment lines ("[visa] ; asked the PD"), the
 * comments after answers ("visa.j1 ; PD"), and lines iniparser rejects
 * ("! does not parse: ..."). */
static void add_besides_answers(const struct rf_note *note, struct rf_buf *b)
{
	const char *text = note->text;
	for (size_t i = 0; i < note->ini.n; i++) {
		const struct rf_line *l = &note->ini.lines[i];
		size_t from = l->start;
		while (from < l->eol && (text[from] == ' ' || text[from] == '\t'))
			from++;
		if (l->kind == RF_LINE_COMMENT) {
			if (*l->section)
				rf_buf_addf(b, "[%s] ", l->section);
			rf_buf_add(b, text + from, l->eol - from);
			rf_buf_addc(b, '\n');
		} else if (l->kind == RF_LINE_ERROR) {
			rf_buf_adds(b, "! does not parse: ");
			rf_buf_add(b, text + from, l->eol - from);
			rf_buf_addc(b, '\n');
		} else if (l->kind == RF_LINE_VALUE && l->nphys == 1) {
			size_t c = trailing_comment(text, l);
			if (c < l->eol) {
				rf_buf_addf(b, "%s%s%s ", l->section, *l->section ? "." : "", l->key);
				rf_buf_add(b, text + c, l->eol - c);
				rf_buf_addc(b, '\n');
			}
		}
	}
}

char *rf_semdiff_normalize(const struct rf_note *note, const struct rf_template *t)
{
	struct rf_changes c;
	rf_semdiff(NULL, note, &c);
	size_t cap = c.n;
	for (size_t i = 0; i < note->ini.n; i++) {
		const struct rf_line *l = &note->ini.lines[i];
		if (l->kind != RF_LINE_SECTION || has_section_before(&note->ini, i))
			continue;
		int keys = 0;
		for (size_t j = 0; j < c.n && !keys; j++)
			keys = !strcmp(c.v[j].section, l->section);
		if (!keys)
			push_section(&c, &cap, RF_CHANGE_SECTION_ADDED, l->section);
	}
	sort_changes(&c, t);
	struct rf_buf b = RF_BUF_INIT;
	for (size_t i = 0; i < c.n; i++) {
		const struct rf_change *ch = &c.v[i];
		if (ch->kind == RF_CHANGE_CONFLICT) {
			char *line = rf_change_line(ch);
			rf_buf_addf(&b, "%s\n", line);
			free(line);
		} else if (!ch->key)
			rf_buf_addf(&b, "[%s]\n", ch->section);
		else if (!*ch->section)
			rf_buf_addf(&b, "%s =%s%s\n", ch->key, *ch->new_value ? " " : "", ch->new_value);
		else
			rf_buf_addf(&b, "%s.%s =%s%s\n", ch->section, ch->key, *ch->new_value ? " " : "", ch->new_value);
	}
	rf_changes_free(&c);
	add_besides_answers(note, &b);
	return rf_buf_detach(&b);
}

void rf_changes_print(FILE *out, const struct rf_changes *c, const char *indent, int created, int colour)
{
	static const char marks[] = { '+', '-', '~', '+', '-', '!' };
	static const char *const colours[] = { "32", "31", "33", "32", "31", "1;31" };
	size_t unanswered = 0;
	for (size_t i = 0; i < c->n; i++) {
		const struct rf_change *ch = &c->v[i];
		if (created && rf_change_is_unanswered(ch)) {
			unanswered++;
			continue;
		}
		char *line = rf_change_line(ch);
		if (colour)
			fprintf(out, "%s\033[%sm%c %s\033[m\n", indent, colours[ch->kind], marks[ch->kind], line);
		else
			fprintf(out, "%s%c %s\n", indent, marks[ch->kind], line);
		free(line);
	}
	if (unanswered)
		fprintf(out, "%s(%zu question%s unanswered)\n", indent, unanswered, unanswered == 1 ? "" : "s");
	if (c->layout_only)
		fprintf(out, "%slayout only (comments or spacing)\n", indent);
}
