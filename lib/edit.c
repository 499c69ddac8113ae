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

int rf_edit_encode_value(const char *value, struct rf_buf *out)
{
	if (strpbrk(value, "\n\r"))
		return rf_error("a value cannot span lines (iniparser joins them without the line break)");
	if (!needs_quotes(value)) {
		rf_buf_adds(out, value);
		return 0;
	}
	if (!strchr(value, '"')) {
		rf_buf_addf(out, "\"%s\"", value);
		return 0;
	}
	if (!strchr(value, '\'')) {
		rf_buf_addf(out, "'%s'", value);
		return 0;
	}
	return rf_error("text holds both \" and ' as well as ';', '#' or surrounding spaces: "
			"iniparser 4.1 cannot store that exactly; change one of the quote marks");
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

int rf_edit_set(const char *label, const char *text, size_t len, const char *section, const char *key,
		const char *value, struct rf_buf *out)
{
	struct rf_buf enc = RF_BUF_INIT;
	struct rf_ini ini;
	int r = -1;

	if (rf_edit_encode_value(value, &enc) < 0)
		return -1;
	rf_ini_scan(text, len, &ini);
	rf_buf_reset(out);

	const struct rf_line *hit = rf_ini_find(&ini, section, key);
	unsigned lineno = 0;
	size_t lstart;	/* where the line written starts in out */
	if (hit) {
		rf_buf_add(out, text, hit->start);
		lstart = out->len;
		rewrite_line(out, text, hit, enc.buf);
		rf_buf_add(out, text + hit->end, len - hit->end);
		lineno = hit->lineno;
	} else {
		/* After the last line of the section's last block that holds a key
		 * (or its header), so trailing comments that introduce the next
		 * section stay with it. */
		const struct rf_line *anchor = NULL;
		for (size_t i = 0; i < ini.n; i++) {
			const struct rf_line *l = &ini.lines[i];
			if (strcmp(l->section, section) != 0)
				continue;
			if (l->kind == RF_LINE_SECTION || l->kind == RF_LINE_VALUE)
				anchor = l;
		}
		const char *eol = eol_of(&ini);
		if (anchor) {
			rf_buf_add(out, text, anchor->end);
			if (anchor->end == anchor->eol)	/* last line had no newline */
				rf_buf_adds(out, eol);
			lstart = out->len;
			rf_buf_addf(out, "%s =%s%s%s", key, *enc.buf ? " " : "", enc.buf, eol);
			rf_buf_add(out, text + anchor->end, len - anchor->end);
			lineno = anchor->lineno + anchor->nphys;
		} else {
			rf_buf_add(out, text, len);
			if (len && text[len - 1] != '\n')
				rf_buf_adds(out, eol);
			if (len && !ends_with_blank_line(out))
				rf_buf_adds(out, eol);
			rf_buf_addf(out, "[%s]%s", section, eol);
			lstart = out->len;
			rf_buf_addf(out, "%s =%s%s%s", key, *enc.buf ? " " : "", enc.buf, eol);
			lineno = 0;
		}
	}
	if (too_long(label, out, lstart, section, key, strlen(value)) < 0)
		goto out;

	/* The guarantee: iniparser reads back exactly what was asked for. */
	struct rf_ini check;
	rf_ini_scan(out->buf, out->len, &check);
	const struct rf_line *bad = rf_ini_first_error(&check);
	if (bad) {
		rf_error("%s:%u: %s", label, bad->lineno, bad->error);
	} else {
		dictionary *d = rf_ini_load_buffer(out->buf, out->len);
		char *full = rf_xasprintf("%s:%s", section, key);
		const char *got = d ? iniparser_getstring(d, full, NULL) : NULL;
		if (got && strcmp(got, value) == 0)
			r = 0;
		else if (lineno)
			rf_error("%s:%u: %s.%s cannot be stored so that iniparser reads it back unchanged",
				 label, lineno, section, key);
		else
			rf_error("%s: %s.%s cannot be stored so that iniparser reads it back unchanged", label,
				 section, key);
		free(full);
		if (d)
			iniparser_freedict(d);
	}
	rf_ini_free(&check);
out:
	rf_ini_free(&ini);
	rf_buf_free(&enc);
	return r;
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
