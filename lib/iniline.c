#include "iniline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Strip as iniparser's strstrip does (isspace in the C locale). */
static char *strip_copy(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return rf_xstrndup(s, n);
}

/* sscanf's "%[^set]" followed by optional whitespace: returns chars taken. */
static size_t span_not(const char *s, const char *set)
{
	return strcspn(s, set);
}

static const char *skip_ws(const char *s)
{
	while (*s && isspace((unsigned char)*s))
		s++;
	return s;
}

enum rf_line_kind rf_ini_classify(const char *raw, char **key, char **value)
{
	*key = *value = NULL;
	char *line = strip_copy(raw, strlen(raw));
	size_t len = strlen(line);
	enum rf_line_kind kind = RF_LINE_ERROR;

	if (len == 0) {
		kind = RF_LINE_BLANK;
	} else if (line[0] == '#' || line[0] == ';') {
		kind = RF_LINE_COMMENT;
	} else if (line[0] == '[' && line[len - 1] == ']') {
		size_t n = span_not(line + 1, "]");
		if (n) {
			*key = rf_strlower(strip_copy(line + 1, n));
			kind = RF_LINE_SECTION;
		}
		/* "[]": sscanf matches nothing and iniparser silently reuses the
		 * previous section; rf calls that an error rather than guess. */
	} else {
		/* "%[^=] = ..." : a key of one or more non-'=' bytes, spaces, '='. */
		size_t klen = span_not(line, "=");
		if (klen && line[klen] == '=') {
			const char *v = skip_ws(line + klen + 1);
			char *k = rf_strlower(strip_copy(line, klen));
			if ((v[0] == '"' || v[0] == '\'') && v[1] && v[1] != v[0]) {
				/* Quoted: up to the next identical quote, or the end
				 * of the line (sscanf does not insist on the closing
				 * quote); spaces inside are kept. */
				char q[2] = { v[0], 0 };
				*value = rf_xstrndup(v + 1, span_not(v + 1, q));
			} else if (*v && *v != ';' && *v != '#') {
				*value = strip_copy(v, span_not(v, ";#"));
				if (!strcmp(*value, "\"\"") || !strcmp(*value, "''"))
					(*value)[0] = '\0';
			} else {
				/* "key =", "key = ;comment", "key = #x" */
				*value = rf_xstrdup("");
			}
			*key = k;
			kind = RF_LINE_VALUE;
		}
	}
	free(line);
	return kind;
}

static void push_line(struct rf_ini *ini, size_t *cap, const struct rf_line *l)
{
	if (ini->n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		ini->lines = rf_xrealloc(ini->lines, *cap * sizeof(*ini->lines));
	}
	ini->lines[ini->n++] = *l;
}

void rf_ini_scan(const char *text, size_t len, struct rf_ini *ini)
{
	size_t cap = 0, pos = 0;
	unsigned lineno = 0;
	char *section = rf_xstrdup("");
	struct rf_buf joined = RF_BUF_INIT;
	struct rf_line cur;

	memset(ini, 0, sizeof(*ini));
	memset(&cur, 0, sizeof(cur));
	while (pos < len) {
		const char *p = text + pos;
		const char *nl = memchr(p, '\n', len - pos);
		size_t phys = nl ? (size_t)(nl - p) : len - pos;	/* without '\n' */
		size_t next = pos + phys + (nl ? 1 : 0);
		lineno++;
		if (lineno == 1 && phys && p[phys - 1] == '\r')
			ini->crlf = 1;
		if (joined.len == 0) {
			memset(&cur, 0, sizeof(cur));
			cur.start = pos;
			cur.lineno = lineno;
		}
		cur.nphys++;
		cur.end = next;
		cur.eol = pos + phys;
		while (cur.eol > pos && text[cur.eol - 1] == '\r')
			cur.eol--;

		const char *error = NULL;
		if (lineno == 1 && phys >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0)
			error = "UTF-8 byte order mark (iniparser cannot read it; save without BOM)";
		else if (memchr(p, '\0', phys))
			error = "NUL byte (is this a text file?)";
		else if (joined.len + phys >= RF_INI_LINE_MAX)
			error = "line longer than 1023 bytes";
		if (error) {
			cur.kind = RF_LINE_ERROR;
			cur.error = error;
			cur.section = rf_xstrdup(section);
			push_line(ini, &cap, &cur);
			rf_buf_reset(&joined);
			pos = next;
			continue;
		}

		rf_buf_add(&joined, p, phys);
		size_t jl = joined.len;
		while (jl && isspace((unsigned char)joined.buf[jl - 1]))
			jl--;
		if (jl && joined.buf[jl - 1] == '\\' && next < len) {
			/* Continuation: iniparser overwrites the backslash. */
			joined.len = jl - 1;
			joined.buf[joined.len] = '\0';
			if (joined.len == 0)
				rf_buf_addc(&joined, ' ');	/* keep "joined" non-empty */
			pos = next;
			continue;
		}
		/* A '\' ending the last line continues into nothing: iniparser
		 * then drops the whole logical line without a word. */
		int dangling = jl && joined.buf[jl - 1] == '\\';
		joined.buf[dangling ? jl - 1 : jl] = '\0';

		char *key, *value;
		cur.kind = rf_ini_classify(joined.buf, &key, &value);
		if (dangling && cur.kind != RF_LINE_BLANK && cur.kind != RF_LINE_COMMENT) {
			free(key);
			free(value);
			key = value = NULL;
			cur.kind = RF_LINE_ERROR;
			cur.error = "'\\' at the end of the last line: iniparser drops the line "
				    "(remove the '\\' or add a line after it)";
		}
		if (cur.kind == RF_LINE_SECTION) {
			free(section);
			section = rf_xstrdup(key);
			cur.section = key;
		} else {
			cur.section = rf_xstrdup(section);
			cur.key = key;
			cur.value = value;
			if (cur.kind == RF_LINE_ERROR && !cur.error) {
				const char *b = joined.buf + strspn(joined.buf, " \t");
				int bracket = *b == '[';
				if (bracket && b[1 + strspn(b + 1, " \t")] == ']')
					cur.error = "empty section name '[]' (iniparser would put its keys in the "
						    "section above)";
				else if (bracket && !strchr(b, ']'))
					cur.error = "section header without its closing ']'";
				else
					cur.error = bracket ? "malformed section header (a comment after ']' is not "
							      "allowed)"
							    : "line is not '[section]', 'key = value' or a comment";
			}
		}
		push_line(ini, &cap, &cur);
		rf_buf_reset(&joined);
		pos = next;
	}
	free(section);
	rf_buf_free(&joined);
}

void rf_ini_free(struct rf_ini *ini)
{
	for (size_t i = 0; i < ini->n; i++) {
		free(ini->lines[i].section);
		free(ini->lines[i].key);
		free(ini->lines[i].value);
	}
	free(ini->lines);
	memset(ini, 0, sizeof(*ini));
}

const struct rf_line *rf_ini_first_error(const struct rf_ini *ini)
{
	for (size_t i = 0; i < ini->n; i++)
		if (ini->lines[i].kind == RF_LINE_ERROR)
			return &ini->lines[i];
	return NULL;
}

const struct rf_line *rf_ini_find(const struct rf_ini *ini, const char *section, const char *key)
{
	for (size_t i = ini->n; i-- > 0;) {
		const struct rf_line *l = &ini->lines[i];
		if (l->kind == RF_LINE_VALUE && !strcmp(l->section, section) && !strcmp(l->key, key))
			return l;
	}
	return NULL;
}
