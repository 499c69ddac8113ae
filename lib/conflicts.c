#include "conflicts.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "edit.h"

/* "visa.h1b" or "visa.h1b 2" into the answer's section and key. */
static int parse_name(const char *name, char **section, char **key)
{
	const char *dot = strchr(name, '.');
	if (!dot || dot == name || !dot[1])
		return -1;
	size_t klen = strlen(dot + 1);
	const char *sp = strrchr(dot + 1, ' ');
	if (sp && sp[1]) {
		const char *p = sp + 1;
		while (*p && isdigit((unsigned char)*p))
			p++;
		if (!*p)
			klen = (size_t)(sp - dot - 1);
	}
	if (!klen)
		return -1;
	*section = rf_xstrndup(name, (size_t)(dot - name));
	*key = rf_xstrndup(dot + 1, klen);
	return 0;
}

/* The comment line right above line i, if it is one: its text after the
 * comment sign. */
static char *comment_above(const struct rf_note *note, size_t i)
{
	if (i == 0 || note->ini.lines[i - 1].kind != RF_LINE_COMMENT)
		return NULL;
	const struct rf_line *c = &note->ini.lines[i - 1];
	const char *s = note->text + c->start, *e = note->text + c->eol;
	while (s < e && isspace((unsigned char)*s))
		s++;
	if (s < e && (*s == ';' || *s == '#'))
		s++;
	while (s < e && isspace((unsigned char)*s))
		s++;
	return rf_xstrndup(s, (size_t)(e - s));
}

/* "visa.h1b: from origin, 2026-..." → "origin"; *removed for "removed on". */
static char *origin_of(const char *comment, int *removed)
{
	const char *p;
	*removed = 0;
	if ((p = strstr(comment, "removed on ")))
		*removed = 1, p += 11;
	else if ((p = strstr(comment, "from ")))
		p += 5;
	else
		return NULL;
	size_t n = strcspn(p, ",");
	while (n && isspace((unsigned char)p[n - 1]))
		n--;
	return n ? rf_xstrndup(p, n) : NULL;
}

void rf_conflicts_list(const struct rf_note *note, struct rf_conflict **out, size_t *n)
{
	size_t cap = 0;
	*out = NULL;
	*n = 0;
	for (size_t i = 0; i < note->ini.n; i++) {
		const struct rf_line *l = &note->ini.lines[i];
		if (l->kind != RF_LINE_VALUE || strcmp(l->section, RF_CONFLICTS_SECTION) ||
		    rf_ini_find(&note->ini, l->section, l->key) != l)
			continue;
		char *section, *key;
		if (parse_name(l->key, &section, &key) < 0)
			continue;
		if (*n == cap) {
			cap = cap ? 2 * cap : 8;
			*out = rf_xrealloc(*out, cap * sizeof(**out));
		}
		struct rf_conflict *c = &(*out)[(*n)++];
		memset(c, 0, sizeof(*c));
		c->section = section;
		c->key = key;
		c->name = rf_xstrdup(l->key);
		c->value = rf_xstrdup(l->value);
		c->lineno = l->lineno;
		char *comment = comment_above(note, i);
		if (comment) {
			c->from = origin_of(comment, &c->removed);
			free(comment);
		}
		if (!*c->value && !c->from)
			c->removed = 1;
	}
}

void rf_conflicts_free(struct rf_conflict *v, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		free(v[i].section);
		free(v[i].key);
		free(v[i].name);
		free(v[i].value);
		free(v[i].from);
	}
	free(v);
}

/* The next free name for section.key in note's [conflicts]. */
static char *free_name(const struct rf_ini *ini, const char *section, const char *key)
{
	char *base = rf_xasprintf("%s.%s", section, key);
	char *name = rf_xstrdup(base);
	for (unsigned k = 2; rf_ini_find(ini, RF_CONFLICTS_SECTION, name); k++) {
		free(name);
		name = rf_xasprintf("%s %u", base, k);
	}
	free(base);
	return name;
}

int rf_conflicts_record(const char *label, const char *text, size_t len, const char *section, const char *key,
			const char *value, const struct rf_conflict_origin *origin, struct rf_buf *out)
{
	struct rf_ini ini;
	struct rf_buf enc = RF_BUF_INIT, add = RF_BUF_INIT;
	int r = -1;
	rf_ini_scan(text, len, &ini);
	const char *nl = ini.crlf ? "\r\n" : "\n";
	char *name = free_name(&ini, section, key);
	/* A value iniparser read from a note can always be written again;
	 * the encoder reports the impossible. */
	if (value && rf_edit_encode_value(value, &enc) < 0)
		goto out;
	/* Where the entry goes: after the last line of [conflicts] that is not
	 * blank, else at the end under a new header. */
	size_t at = len, last_header = (size_t)-1;
	int have = 0;
	for (size_t i = 0; i < ini.n; i++) {
		const struct rf_line *l = &ini.lines[i];
		if (l->kind == RF_LINE_SECTION)
			last_header = !strcmp(l->section, RF_CONFLICTS_SECTION) ? i : (size_t)-1;
		if (last_header != (size_t)-1 && l->kind != RF_LINE_BLANK) {
			at = l->end;
			have = 1;
		}
	}
	if (have && at > 0 && text[at - 1] != '\n')
		rf_buf_adds(&add, nl);
	if (!have) {
		if (len && text[len - 1] != '\n')
			rf_buf_adds(&add, nl);
		rf_buf_addf(&add, "%s[%s]%s", len ? nl : "", RF_CONFLICTS_SECTION, nl);
	}
	rf_buf_addf(&add, "; %s.%s: %s %s, %s (%s)%s", section, key, value ? "from" : "removed on", origin->from,
		    origin->when, origin->commit, nl);
	rf_buf_addf(&add, "%s =%s%s%s", name, enc.len ? " " : "", enc.len ? enc.buf : "", nl);
	rf_buf_reset(out);
	rf_buf_add(out, text, at);
	rf_buf_add(out, add.buf, add.len);
	rf_buf_add(out, text + at, len - at);

	/* Read back: iniparser must see the entry exactly, the file whole. */
	struct rf_note check;
	int ok = rf_note_parse(&check, label, out->buf, out->len, 0) == 0;
	const char *got = ok ? rf_note_get(&check, RF_CONFLICTS_SECTION, name) : NULL;
	ok = got && !strcmp(got, value ? value : "");
	rf_note_free(&check);
	if (!ok) {
		rf_error("%s: %s.%s from %s cannot be recorded in [conflicts] so that iniparser reads it back "
			 "(the line would be too long?); merge this note by hand", label, section, key, origin->from);
		rf_buf_reset(out);
		goto out;
	}
	r = 0;
out:
	free(name);
	rf_buf_free(&enc);
	rf_buf_free(&add);
	rf_ini_free(&ini);
	return r;
}

void rf_conflicts_resolve(struct rf_buf *text, const char *section, const char *key, size_t *removed)
{
	struct rf_ini ini;
	struct rf_buf out = RF_BUF_INIT;
	*removed = 0;
	rf_ini_scan(text->buf ? text->buf : "", text->len, &ini);
	char *drop = rf_xcalloc(ini.n ? ini.n : 1, 1);
	for (size_t i = 0; i < ini.n; i++) {
		const struct rf_line *l = &ini.lines[i];
		char *s, *k;
		if (l->kind != RF_LINE_VALUE || strcmp(l->section, RF_CONFLICTS_SECTION) ||
		    parse_name(l->key, &s, &k) < 0)
			continue;
		if (!strcmp(s, section) && !strcmp(k, key)) {
			drop[i] = 1;
			if (i > 0 && ini.lines[i - 1].kind == RF_LINE_COMMENT)
				drop[i - 1] = 1;
			(*removed)++;
		}
		free(s);
		free(k);
	}
	if (!*removed)
		goto out;
	/* A [conflicts] header with nothing left under it goes too (with the
	 * blank line before it that recording added). */
	for (size_t i = 0; i < ini.n; i++) {
		if (ini.lines[i].kind != RF_LINE_SECTION || strcmp(ini.lines[i].section, RF_CONFLICTS_SECTION))
			continue;
		size_t j = i + 1;
		int left = 0;
		for (; j < ini.n && ini.lines[j].kind != RF_LINE_SECTION; j++)
			if (!drop[j] && ini.lines[j].kind != RF_LINE_BLANK)
				left = 1;
		if (!left) {
			for (size_t k = i; k < j; k++)
				drop[k] = 1;
			if (i > 0 && ini.lines[i - 1].kind == RF_LINE_BLANK)
				drop[i - 1] = 1;
		}
	}
	for (size_t i = 0; i < ini.n; i++)
		if (!drop[i])
			rf_buf_add(&out, text->buf + ini.lines[i].start, ini.lines[i].end - ini.lines[i].start);
	/* Whatever follows the last line the scanner saw (nothing, normally). */
	size_t tail = ini.n ? ini.lines[ini.n - 1].end : 0;
	rf_buf_add(&out, text->buf + tail, text->len - tail);
	rf_buf_add(&out, "", 0);
	rf_buf_free(text);
	*text = out;
out:
	free(drop);
	rf_ini_free(&ini);
}

size_t rf_conflicts_resolve_assigned(struct rf_buf *text, char *const *assigns, size_t n)
{
	size_t total = 0;
	for (size_t i = 0; i < n; i++) {
		const char *eq = strchr(assigns[i], '=');
		char *name, *section, *key;
		size_t removed;
		if (!eq)
			continue;
		name = rf_xstrndup(assigns[i], (size_t)(eq - assigns[i]));
		/* Names were checked when the answers were set: no report. */
		const char *dot = strchr(name, '.');
		if (dot && dot != name && dot[1]) {
			section = rf_strlower(rf_xstrndup(name, (size_t)(dot - name)));
			key = rf_strlower(rf_xstrdup(dot + 1));
			rf_conflicts_resolve(text, section, key, &removed);
			total += removed;
			free(section);
			free(key);
		}
		free(name);
	}
	return total;
}
