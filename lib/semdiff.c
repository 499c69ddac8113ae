#include "semdiff.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

/* The value iniparser ends up with for the line's key: the last one. */
static int is_last(const struct rf_ini *ini, size_t i)
{
	const struct rf_line *l = &ini->lines[i];
	for (size_t j = i + 1; j < ini->n; j++) {
		const struct rf_line *m = &ini->lines[j];
		if (m->kind == RF_LINE_VALUE && !strcmp(m->section, l->section) && !strcmp(m->key, l->key))
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
	static const struct rf_ini none = { NULL, 0, 0 };
	const struct rf_ini *a = old_note ? &old_note->ini : &none;
	const struct rf_ini *b = new_note ? &new_note->ini : &none;
	size_t cap = 0;
	memset(out, 0, sizeof(*out));

	for (size_t i = 0; i < b->n; i++) {
		const struct rf_line *l = &b->lines[i];
		if (l->kind != RF_LINE_VALUE || !is_last(b, i))
			continue;
		const struct rf_line *o = rf_ini_find(a, l->section, l->key);
		if (!o)
			push(out, &cap, RF_CHANGE_ADDED, l, NULL, l->value);
		else if (strcmp(o->value, l->value) != 0)
			push(out, &cap, RF_CHANGE_CHANGED, l, o->value, l->value);
	}
	for (size_t i = 0; i < a->n; i++) {
		const struct rf_line *l = &a->lines[i];
		if (l->kind == RF_LINE_VALUE && is_last(a, i) && !rf_ini_find(b, l->section, l->key))
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
	rf_buf_addf(&b, "%s.%s ", c->section, c->key);
	add_value(&b, c->old_value);
	rf_buf_adds(&b, " → ");
	add_value(&b, c->new_value);
	return rf_buf_detach(&b);
}
