#include "edit.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "iniline.h"
#include "lint.h"
#include "note.h"

static int needs_quotes(const char *v)
{
	size_t n = strlen(v);
	if (!n)
		return 0;
	return strpbrk(v, ";#") || v[0] == '"' || v[0] == '\'' || isspace((unsigned char)v[0]) ||
	       isspace((unsigned char)v[n - 1]) || v[n - 1] == '\\';
}

const char *rf_edit_value_problem(const char *value)
{
	if (strpbrk(value, "\n\r"))
		return "a value cannot span lines (iniparser joins them without the line break)";
	if (needs_quotes(value) && strchr(value, '"') && strchr(value, '\''))
		return "text holds both \" and ' as well as ';', '#' or surrounding spaces: "
		       "iniparser 4.1 cannot store that exactly; change one of the quote marks";
	return NULL;
}

int rf_edit_encode_value(const char *value, struct rf_buf *out)
{
	const char *problem = rf_edit_value_problem(value);
	if (problem)
		return rf_error("%s", problem);
	if (!needs_quotes(value))
		rf_buf_adds(out, value);
	else if (!strchr(value, '"'))
		rf_buf_addf(out, "\"%s\"", value);
	else
		rf_buf_addf(out, "'%s'", value);
	return 0;
}

/* End of the value part in a single physical "key = value  ; comment" line
 * [vstart, eol): what follows is kept if it is a comment. */
static size_t value_end(const char *text, size_t vstart, size_t eol)
{
	char q = text[vstart];
	if ((q == '"' || q == '\'') && vstart + 1 < eol && text[vstart + 1] != q) {
		const char *close = memchr(text + vstart + 1, q, eol - vstart - 1);
		return close ? (size_t)(close - text) + 1 : eol;
	}
	size_t i = vstart;
	while (i < eol && text[i] != ';' && text[i] != '#')
		i++;
	while (i > vstart && isspace((unsigned char)text[i - 1]))
		i--;
	return i;
}

static void rewrite_line(struct rf_buf *out, const char *text, const struct rf_line *l, const char *enc)
{
	const char *eq = memchr(text + l->start, '=', l->end - l->start);
	size_t after_eq = (size_t)(eq - text) + 1;
	size_t vstart = after_eq;
	while (vstart < l->eol && (text[vstart] == ' ' || text[vstart] == '\t'))
		vstart++;
	rf_buf_add(out, text + l->start, after_eq - l->start);
	if (*enc) {
		/* "key =value" keeps its missing space; "key = " gets one. */
		rf_buf_add(out, text + after_eq, vstart > after_eq ? vstart - after_eq : 0);
		if (vstart == after_eq)
			rf_buf_addc(out, ' ');
		rf_buf_adds(out, enc);
	}
	if (l->nphys == 1 && vstart < l->eol) {
		size_t vend = value_end(text, vstart, l->eol);
		size_t c = vend;
		while (c < l->eol && isspace((unsigned char)text[c]))
			c++;
		if (c < l->eol && (text[c] == ';' || text[c] == '#'))
			rf_buf_add(out, text + vend, l->eol - vend);
	}
	rf_buf_add(out, text + l->eol, l->end - l->eol);
}

static int ends_with_blank_line(const struct rf_buf *b)
{
	size_t n = b->len;
	if (n && b->buf[n - 1] == '\n')
		n--;
	if (n && b->buf[n - 1] == '\r')
		n--;
	return n == 0 || b->buf[n - 1] == '\n';
}

static const char *eol_of(const struct rf_ini *ini)
{
	return ini->crlf ? "\r\n" : "\n";
}

/* The line written at lstart must fit iniparser's line buffer: say how
 * many bytes of this value fit there (its quotes and the "key = " before
 * it take the rest). */
static int too_long(const char *label, const struct rf_buf *out, size_t lstart, const char *section,
		    const char *key, size_t vlen)
{
	const char *nl = memchr(out->buf + lstart, '\n', out->len - lstart);
	size_t line = (nl ? (size_t)(nl - out->buf) : out->len) - lstart;
	if (line < RF_INI_LINE_MAX)
		return 0;
	size_t room = RF_INI_LINE_MAX - 1, other = line - vlen;
	return rf_error("%s: the value of %s.%s is %zu bytes, and at most %zu fit on its line (iniparser 4.1 reads lines of "
			"up to %d bytes): shorten it or split it in two", label, section, key, vlen,
			room > other ? room - other : 0, RF_INI_LINE_MAX - 1);
}

static int same_key(const struct rf_edit_kv *a, const struct rf_edit_kv *b)
{
	return !strcmp(a->section, b->section) && !strcmp(a->key, b->key);
}

/* Returns where the new line starts in out. */
static size_t add_key_line(struct rf_buf *out, const char *key, const char *enc, const char *eol)
{
	/* After a last line without a line end, the new line needs one. */
	if (out->len && out->buf[out->len - 1] != '\n')
		rf_buf_adds(out, eol);
	size_t start = out->len;
	rf_buf_addf(out, "%s =%s%s%s", key, *enc ? " " : "", enc, eol);
	return start;
}

/* The guarantee: iniparser reads back exactly what was asked for, and a
 * note rf could read (was_clean) stays one it can read: a key such as
 * "<<<<<<<" would start a line that every rf command takes for an
 * unresolved git conflict. */
static int read_back(const char *label, const struct rf_buf *out, const struct rf_edit_kv *kv, size_t n,
		     const unsigned *lineno, const char *live, int was_clean)
{
	int r = 0;
	struct rf_ini check;
	rf_ini_scan(out->buf, out->len, &check);
	const struct rf_line *bad = rf_ini_first_error(&check);
	/* iniparser is the judge of values; the scanner says where it failed. */
	dictionary *d = bad && was_clean ? NULL : rf_ini_load_buffer(out->buf, out->len);
	if (!d) {
		if (bad && was_clean)
			r = rf_error("%s:%u: the line would read as: %s; nothing written", label, bad->lineno, bad->error);
		else if (bad)
			r = rf_error("%s:%u: %s", label, bad->lineno, bad->error);
		else
			r = rf_error("%s: iniparser cannot read the result", label);
	} else {
		for (size_t i = 0; i < n && r == 0; i++) {
			if (!live[i])
				continue;
			char *full = rf_xasprintf("%s:%s", kv[i].section, kv[i].key);
			const char *got = d ? iniparser_getstring(d, full, NULL) : NULL;
			free(full);
			if (got && strcmp(got, kv[i].value) == 0)
				continue;
			if (lineno[i])
				r = rf_error("%s:%u: %s.%s cannot be stored so that iniparser reads it back unchanged",
					     label, lineno[i], kv[i].section, kv[i].key);
			else
				r = rf_error("%s: %s.%s cannot be stored so that iniparser reads it back unchanged",
					     label, kv[i].section, kv[i].key);
		}
		iniparser_freedict(d);
	}
	rf_ini_free(&check);
	return r;
}

int rf_edit_set_many(const char *label, const char *text, size_t len, const struct rf_edit_kv *kv, size_t n,
		     struct rf_buf *out)
{
	struct rf_ini ini;
	struct rf_buf *enc = rf_xcalloc(n ? n : 1, sizeof(*enc));
	const struct rf_line **hit = rf_xcalloc(n ? n : 1, sizeof(*hit));
	const struct rf_line **anchor = rf_xcalloc(n ? n : 1, sizeof(*anchor));
	unsigned *lineno = rf_xcalloc(n ? n : 1, sizeof(*lineno));
	size_t *lstart = rf_xcalloc(n ? n : 1, sizeof(*lstart));
	char *live = rf_xcalloc(n ? n : 1, 1);
	int r = -1;

	rf_buf_reset(out);
	for (size_t i = 0; i < n; i++) {
		live[i] = 1;
		for (size_t j = i + 1; j < n && live[i]; j++)
			live[i] = !same_key(&kv[i], &kv[j]);
		if (live[i] && rf_edit_encode_value(kv[i].value, &enc[i]) < 0)
			goto out_noscan;
		if (!enc[i].buf)
			rf_buf_adds(&enc[i], "");
	}
	rf_ini_scan(text, len, &ini);
	for (size_t i = 0; i < n; i++) {
		if (!live[i])
			continue;
		if ((hit[i] = rf_ini_find(&ini, kv[i].section, kv[i].key))) {
			lineno[i] = hit[i]->lineno;
			continue;
		}
		/* After the last line of the section's last block that holds a
		 * key (or its header), so trailing comments that introduce the
		 * next section stay with it. */
		for (size_t k = 0; k < ini.n; k++) {
			const struct rf_line *l = &ini.lines[k];
			if (!strcmp(l->section, kv[i].section) && (l->kind == RF_LINE_SECTION || l->kind == RF_LINE_VALUE))
				anchor[i] = l;
		}
		if (anchor[i])
			lineno[i] = anchor[i]->lineno + anchor[i]->nphys;
	}
	const char *eol = eol_of(&ini);
	size_t cursor = 0;
	for (size_t k = 0; k < ini.n; k++) {
		const struct rf_line *l = &ini.lines[k];
		size_t i;
		rf_buf_add(out, text + cursor, l->start - cursor);
		for (i = 0; i < n && hit[i] != l; i++)
			;
		if (i < n) {
			lstart[i] = out->len;
			rewrite_line(out, text, l, enc[i].buf);
		} else {
			rf_buf_add(out, text + l->start, l->end - l->start);
		}
		cursor = l->end;
		for (i = 0; i < n; i++)
			if (live[i] && !hit[i] && anchor[i] == l)
				lstart[i] = add_key_line(out, kv[i].key, enc[i].buf, eol);
	}
	rf_buf_add(out, text + cursor, len - cursor);
	/* Sections the note lacks, appended in the order first named, each
	 * with all of its keys (live[] turns 2 once written). */
	for (size_t i = 0; i < n; i++) {
		if (live[i] != 1 || hit[i] || anchor[i])
			continue;
		if (out->len && out->buf[out->len - 1] != '\n')
			rf_buf_adds(out, eol);
		if (out->len && !ends_with_blank_line(out))
			rf_buf_adds(out, eol);
		rf_buf_addf(out, "[%s]%s", kv[i].section, eol);
		for (size_t j = i; j < n; j++)
			if (live[j] == 1 && !hit[j] && !anchor[j] && !strcmp(kv[j].section, kv[i].section)) {
				lstart[j] = add_key_line(out, kv[j].key, enc[j].buf, eol);
				live[j] = 2;
			}
	}
	r = 0;
	for (size_t i = 0; i < n && r == 0; i++)
		if (live[i])
			r = too_long(label, out, lstart[i], kv[i].section, kv[i].key, strlen(kv[i].value));
	if (r == 0)
		r = read_back(label, out, kv, n, lineno, live, !rf_ini_first_error(&ini));
	rf_ini_free(&ini);
out_noscan:
	for (size_t i = 0; i < n; i++)
		rf_buf_free(&enc[i]);
	free(enc);
	free(hit);
	free(anchor);
	free(lineno);
	free(lstart);
	free(live);
	return r;
}

int rf_edit_set(const char *label, const char *text, size_t len, const char *section, const char *key,
		const char *value, struct rf_buf *out)
{
	struct rf_edit_kv kv = { section, key, value };
	return rf_edit_set_many(label, text, len, &kv, 1, out);
}

int rf_edit_unset(const char *label, const char *text, size_t len, const char *section, const char *key,
		  struct rf_buf *out)
{
	struct rf_ini ini;
	size_t from = 0;
	rf_ini_scan(text, len, &ini);
	rf_buf_reset(out);
	for (size_t i = 0; i < ini.n; i++) {
		const struct rf_line *l = &ini.lines[i];
		if (l->kind != RF_LINE_VALUE || l->conflict || strcmp(l->section, section) || strcmp(l->key, key))
			continue;
		rf_buf_add(out, text + from, l->start - from);
		from = l->end;
	}
	rf_buf_add(out, text + from, len - from);
	rf_ini_free(&ini);
	if (!out->buf)
		rf_buf_adds(out, "");

	dictionary *d = rf_ini_load_buffer(out->buf, out->len);
	char *full = rf_xasprintf("%s:%s", section, key);
	int gone = d && !iniparser_getstring(d, full, NULL);
	free(full);
	if (d)
		iniparser_freedict(d);
	if (!gone)
		return rf_error("%s: %s.%s cannot be removed so that iniparser no longer reads it", label, section,
				key);
	return 0;
}

int rf_edit_assign(const char *label, struct rf_buf *text, char *const *assigns, size_t n,
		   const struct rf_template *t)
{
	struct rf_buf cur = RF_BUF_INIT, next = RF_BUF_INIT;
	int r = 0;
	rf_buf_add(&cur, text->buf, text->len);
	for (size_t i = 0; i < n && r == 0; i++) {
		const char *eq = strchr(assigns[i], '=');
		char *section = NULL, *key = NULL;
		if (!eq) {
			r = rf_error("'%s': expected section.key=value", assigns[i]);
			break;
		}
		char *name = rf_xstrndup(assigns[i], (size_t)(eq - assigns[i]));
		r = rf_note_split_key(name, &section, &key);
		free(name);
		char *problem = r == 0 && t ? rf_lint_answer(t, section, key, eq + 1) : NULL;
		if (problem) {
			r = rf_error("%s (use --force to set it anyway)", problem);
			free(problem);
		}
		if (r == 0 && (r = rf_edit_set(label, cur.buf, cur.len, section, key, eq + 1, &next)) == 0) {
			struct rf_buf tmp = cur;
			cur = next;
			next = tmp;
		}
		free(section);
		free(key);
	}
	if (r == 0) {
		rf_buf_reset(text);
		rf_buf_add(text, cur.buf, cur.len);
	}
	rf_buf_free(&cur);
	rf_buf_free(&next);
	return r;
}
