#include "iniline.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Every string of a scan is kept in blocks that never move, so that its
 * lines can point into them, and the lines of a section share its name: a
 * note's few hundred small strings were a malloc and a free each. */
struct rf_ini_block {
	struct rf_ini_block *next;
	size_t len, cap;
	char data[];
};

/* A copy of s[0..n) with a NUL, kept until rf_ini_free. */
static char *keep(struct rf_ini *ini, const char *s, size_t n)
{
	struct rf_ini_block *b = ini->blocks;
	if (!b || b->cap - b->len < n + 1) {
		size_t cap = n + 1 > 4096 ? n + 1 : 4096;
		b = rf_xmalloc(sizeof(*b) + cap);
		b->next = ini->blocks;
		b->len = 0;
		b->cap = cap;
		ini->blocks = b;
	}
	char *d = b->data + b->len;
	memcpy(d, s, n);
	d[n] = '\0';
	b->len += n + 1;
	return d;
}

/* Strip s[0..*n) as iniparser's strstrip does (isspace in the C locale). */
static const char *strip(const char *s, size_t *n)
{
	while (*n && isspace((unsigned char)*s)) {
		s++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

/* sscanf's "%[^set]" within [s, end), which holds no NUL: returns chars
 * taken.  set has one or two bytes; compared in place (a strchr per byte
 * was a tenth of scanning a note). */
static size_t span_not(const char *s, const char *end, const char *set)
{
	if (!set[1]) {
		const char *hit = memchr(s, set[0], (size_t)(end - s));
		return (size_t)((hit ? hit : end) - s);
	}
	const char *p = s;
	while (p < end && *p != set[0] && *p != set[1])
		p++;
	return (size_t)(p - s);
}

/* Classify one logical line (continuations joined, no newline) as
 * iniparser_line would: the key of a VALUE line (lowercased) and its value
 * as iniparser returns it, or a SECTION's name (lowercased) in *key. */
static enum rf_line_kind classify(struct rf_ini *ini, const char *raw, char **key, char **value)
{
	*key = *value = NULL;
	size_t len = strlen(raw);
	const char *line = strip(raw, &len), *end = line + len;

	if (len == 0)
		return RF_LINE_BLANK;
	if (line[0] == '#' || line[0] == ';')
		return RF_LINE_COMMENT;
	if (line[0] == '[' && line[len - 1] == ']') {
		size_t n = span_not(line + 1, end, "]");
		/* "[]": sscanf matches nothing and iniparser silently reuses the
		 * previous section; rf calls that an error rather than guess. */
		if (!n)
			return RF_LINE_ERROR;
		const char *name = strip(line + 1, &n);
		*key = rf_strlower(keep(ini, name, n));
		return RF_LINE_SECTION;
	}
	/* "%[^=] = ..." : a key of one or more non-'=' bytes, spaces, '='. */
	size_t klen = span_not(line, end, "=");
	if (!klen || klen == len)
		return RF_LINE_ERROR;
	const char *v = line + klen + 1;
	while (v < end && isspace((unsigned char)*v))
		v++;
	size_t kn = klen;
	const char *k = strip(line, &kn);
	*key = rf_strlower(keep(ini, k, kn));
	if (end - v >= 2 && (v[0] == '"' || v[0] == '\'') && v[1] != v[0]) {
		/* Quoted: up to the next identical quote, or the end of the
		 * line (sscanf does not insist on the closing quote); spaces
		 * inside are kept. */
		char q[2] = { v[0], 0 };
		*value = keep(ini, v + 1, span_not(v + 1, end, q));
	} else if (v < end && *v != ';' && *v != '#') {
		size_t vn = span_not(v, end, ";#");
		const char *val = strip(v, &vn);
		if ((vn == 2 && val[0] == '"' && val[1] == '"') || (vn == 2 && val[0] == '\'' && val[1] == '\''))
			vn = 0;
		*value = keep(ini, val, vn);
	} else {
		/* "key =", "key = ;comment", "key = #x" */
		*value = keep(ini, "", 0);
	}
	return RF_LINE_VALUE;
}

static void push_line(struct rf_ini *ini, size_t *cap, const struct rf_line *l)
{
	if (ini->n == *cap) {
		*cap = *cap ? 2 * *cap : 64;
		ini->lines = rf_xrealloc(ini->lines, *cap * sizeof(*ini->lines));
	}
	ini->lines[ini->n++] = *l;
}

/* The character of a git conflict marker line (seven of '<', '|', '='
 * or '>', then the end of the line or, but for '=', a space and a label),
 * or 0. */
static char conflict_marker(const char *line)
{
	char c = line[0];
	if (!c || !strchr("<|=>", c))
		return 0;
	for (int i = 1; i < 7; i++)
		if (line[i] != c)
			return 0;
	if (line[7] == '\0' || (c != '=' && line[7] == ' '))
		return c;
	return 0;
}

/* Follow a conflict through its markers: which side the next lines are on,
 * and the section in effect on each side (both start from the section
 * before the conflict; after it, theirs, as iniparser would read the two
 * sides one after the other). */
struct conflict_state {
	enum rf_conflict_part part;
	char *before;	/* the section at "<<<<<<<" */
};

/* Returns 1 when line is a marker that moves the conflict on. */
static int conflict_step(struct conflict_state *cs, char marker, char **section)
{
	switch (marker) {
	case '<':
		if (cs->part != RF_CONFLICT_NONE)
			return 0;
		cs->part = RF_CONFLICT_OURS;
		cs->before = *section;
		return 1;
	case '|':
	case '=':
		if (cs->part != RF_CONFLICT_OURS && !(marker == '=' && cs->part == RF_CONFLICT_BASE))
			return 0;
		cs->part = marker == '|' ? RF_CONFLICT_BASE : RF_CONFLICT_THEIRS;
		*section = cs->before;
		return 1;
	case '>':
		if (cs->part != RF_CONFLICT_THEIRS)
			return 0;
		cs->part = RF_CONFLICT_NONE;
		return 1;
	}
	return 0;
}

void rf_ini_scan(const char *text, size_t len, struct rf_ini *ini)
{
	size_t cap = 0, pos = 0;
	unsigned lineno = 0;
	struct conflict_state cs = { RF_CONFLICT_NONE, NULL };
	struct rf_buf joined = RF_BUF_INIT;
	struct rf_line cur;

	memset(ini, 0, sizeof(*ini));
	memset(&cur, 0, sizeof(cur));
	char *section = keep(ini, "", 0);
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
			cur.section = section;
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

		char marker = conflict_marker(joined.buf);
		if (marker && conflict_step(&cs, marker, &section)) {
			cur.kind = RF_LINE_ERROR;
			cur.error = "unresolved git conflict marker";
			cur.conflict = RF_CONFLICT_MARKER;
			cur.marker = marker;
			cur.section = section;
			push_line(ini, &cap, &cur);
			rf_buf_reset(&joined);
			pos = next;
			continue;
		}
		cur.conflict = cs.part;

		char *key, *value;
		cur.kind = classify(ini, joined.buf, &key, &value);
		if (dangling && cur.kind != RF_LINE_BLANK && cur.kind != RF_LINE_COMMENT) {
			key = value = NULL;
			cur.kind = RF_LINE_ERROR;
			cur.error = "'\\' at the end of the last line: iniparser drops the line "
				    "(remove the '\\' or add a line after it)";
		}
		if (cur.kind == RF_LINE_SECTION) {
			section = key;
			cur.section = key;
		} else {
			cur.section = section;
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
	rf_buf_free(&joined);
}

void rf_ini_free(struct rf_ini *ini)
{
	while (ini->blocks) {
		struct rf_ini_block *next = ini->blocks->next;
		free(ini->blocks);
		ini->blocks = next;
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
		if (l->kind == RF_LINE_VALUE && !l->conflict && !strcmp(l->section, section) && !strcmp(l->key, key))
			return l;
	}
	return NULL;
}

const struct rf_line *rf_ini_first_conflict(const struct rf_ini *ini)
{
	for (size_t i = 0; i < ini->n; i++)
		if (ini->lines[i].marker == '<')
			return &ini->lines[i];
	return NULL;
}

/* The last value a side of the conflict gives section.key, or NULL. */
static const char *side_value(const struct rf_line *from, const struct rf_line *end, enum rf_conflict_part part,
			      const char *section, const char *key)
{
	const char *v = NULL;
	for (const struct rf_line *l = from; l < end; l++)
		if (l->conflict == part && l->kind == RF_LINE_VALUE && !strcmp(l->section, section) &&
		    !strcmp(l->key, key))
			v = l->value;
	return v;
}

static void add_side(struct rf_buf *b, const char *v, const char *who)
{
	if (v)
		rf_buf_addf(b, "'%s' (%s)", v, who);
	else
		rf_buf_addf(b, "(none) (%s)", who);
}

char *rf_ini_conflict_sides(const struct rf_ini *ini, const struct rf_line *start)
{
	const struct rf_line *end = ini->lines + ini->n, *from = start + 1;
	for (const struct rf_line *l = from; l < end; l++)
		if (l->marker == '>') {
			end = l;
			break;
		}
	struct rf_buf b = RF_BUF_INIT;
	for (const struct rf_line *l = from; l < end; l++) {
		if (l->kind != RF_LINE_VALUE || (l->conflict != RF_CONFLICT_OURS && l->conflict != RF_CONFLICT_THEIRS))
			continue;
		/* Each key once, where it first appears. */
		int seen = 0;
		for (const struct rf_line *m = from; m < l && !seen; m++)
			seen = m->kind == RF_LINE_VALUE && (m->conflict == RF_CONFLICT_OURS || m->conflict == RF_CONFLICT_THEIRS) &&
			       !strcmp(m->section, l->section) && !strcmp(m->key, l->key);
		if (seen)
			continue;
		const char *ours = side_value(from, end, RF_CONFLICT_OURS, l->section, l->key);
		const char *theirs = side_value(from, end, RF_CONFLICT_THEIRS, l->section, l->key);
		if (ours && theirs && !strcmp(ours, theirs))
			continue;
		if (b.len)
			rf_buf_adds(&b, "; ");
		if (*l->section)
			rf_buf_addf(&b, "%s.%s: ", l->section, l->key);
		else
			rf_buf_addf(&b, "%s: ", l->key);
		add_side(&b, ours, "yours");
		rf_buf_adds(&b, " vs ");
		add_side(&b, theirs, "theirs");
	}
	return b.len ? rf_buf_detach(&b) : (rf_buf_free(&b), NULL);
}

char *rf_ini_problem(const struct rf_ini *ini, const struct rf_line *l)
{
	if (l->marker != '<')
		return rf_xstrdup(l->error ? l->error : "iniparser cannot read this line");
	char *sides = rf_ini_conflict_sides(ini, l);
	char *msg = sides ? rf_xasprintf("%s: %s", l->error, sides)
			  : rf_xasprintf("%s (the two sides differ only in comments; keep one and delete the "
					 "marker lines)", l->error);
	free(sides);
	return msg;
}
