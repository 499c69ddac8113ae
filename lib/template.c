#include "template.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "date.h"
#include "iniline.h"

static int is_file(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 && S_ISREG(st.st_mode);
}

char *rf_share_path(const char *name)
{
	const char *env = getenv("RF_SHARE");
	if (env && *env) {
		char *p = rf_xasprintf("%s/%s", env, name);
		if (is_file(p))
			return p;
		rf_error("%s: not found (RF_SHARE is set to %s)", p, env);
		free(p);
		return NULL;
	}
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		/* Installed: PREFIX/bin/rf-x -> PREFIX/share/rf; built: bin/ -> templates/. */
		static const char *const rel[] = { "../share/rf", "../templates" };
		for (size_t i = 0; i < 2; i++) {
			char *p = rf_xasprintf("%s/%s/%s", exe, rel[i], name);
			if (is_file(p))
				return p;
			free(p);
		}
	}
	rf_error("cannot find the shipped %s (set RF_SHARE to the directory holding it)", name);
	return NULL;
}

static void field_free(struct rf_field *f)
{
	free(f->section);
	free(f->key);
	free(f->question);
	free(f->default_value);
	rf_strv_free(&f->choices);
}

void rf_template_free(struct rf_template *t)
{
	for (size_t i = 0; i < t->n; i++)
		field_free(&t->fields[i]);
	free(t->fields);
	free(t->path);
	free(t->by_name);
	t->fields = NULL;
	t->path = NULL;
	t->by_name = NULL;
	t->n = 0;
}

static int cmp_field_at(const void *a, const void *b, void *fields)
{
	const struct rf_field *v = fields;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(v[i].section, v[j].section);
	if (!c)
		c = strcmp(v[i].key, v[j].key);
	return c ? c : (i > j) - (i < j);
}

void rf_template_index(struct rf_template *t)
{
	free(t->by_name);
	t->by_name = rf_xmalloc((t->n ? t->n : 1) * sizeof(*t->by_name));
	for (size_t i = 0; i < t->n; i++)
		t->by_name[i] = i;
	qsort_r(t->by_name, t->n, sizeof(*t->by_name), cmp_field_at, t->fields);
}

/* The first place in by_name whose field is not before (section, key);
 * key NULL: the first of the section. */
static size_t lower_bound(const struct rf_template *t, const char *section, const char *key)
{
	size_t lo = 0, hi = t->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct rf_field *f = &t->fields[t->by_name[mid]];
		int c = strcmp(f->section, section);
		if (!c && key)
			c = strcmp(f->key, key);
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Split "; Question text? [a|b|c]" into question and vocabulary. */
static int parse_question(const char *comment, struct rf_field *f)
{
	const char *s = comment + strspn(comment, " \t;#");
	const char *open = strrchr(s, '[');
	const char *close = open ? strchr(open, ']') : NULL;
	if (!open || !close || close[1 + strspn(close + 1, " \t\r")] != '\0')
		return -1;
	char *vocab = rf_xstrndup(open + 1, (size_t)(close - open - 1));
	f->question = rf_strstrip(rf_xstrndup(s, (size_t)(open - s)));
	int r = 0;
	if (!strcmp(vocab, "number")) {
		f->vocab = RF_VOCAB_NUMBER;
	} else if (!strcmp(vocab, "position")) {
		f->vocab = RF_VOCAB_POSITION;
	} else if (!strcmp(vocab, "date")) {
		f->vocab = RF_VOCAB_DATE;
	} else if (!strcmp(vocab, "text")) {
		f->vocab = RF_VOCAB_TEXT;
	} else if (!strcmp(vocab, "severity")) {
		f->vocab = RF_VOCAB_SEVERITY;
	} else if (!strcmp(vocab, "nrmp-code")) {
		f->vocab = RF_VOCAB_NRMP_CODE;
	} else if (strchr(vocab, '|')) {
		f->vocab = RF_VOCAB_CHOICE;
		char *save = NULL;
		for (char *tok = strtok_r(vocab, "|", &save); tok; tok = strtok_r(NULL, "|", &save))
			rf_strv_push(&f->choices, rf_xstrdup(rf_strstrip(tok)));
	} else {
		r = -1;
	}
	free(vocab);
	return r;
}

int rf_template_load(struct rf_template *t, const char *path)
{
	memset(t, 0, sizeof(*t));
	struct rf_buf buf = RF_BUF_INIT;
	if (rf_read_file(path, &buf) < 0) {
		rf_buf_free(&buf);
		return -1;
	}
	t->path = rf_xstrdup(path);
	struct rf_ini ini;
	rf_ini_scan(buf.buf, buf.len, &ini);
	size_t cap = 0;
	int r = 0;
	const struct rf_line *bad = rf_ini_first_error(&ini);
	if (bad) {
		char *problem = rf_ini_problem(&ini, bad);
		r = rf_error("%s:%u: %s", path, bad->lineno, problem);
		free(problem);
		goto out;
	}
	for (size_t i = 0; i < ini.n && r == 0; i++) {
		const struct rf_line *l = &ini.lines[i];
		const struct rf_line *prev = i ? &ini.lines[i - 1] : NULL;
		struct rf_field f;
		memset(&f, 0, sizeof(f));
		const char *marker = "(free keys)";
		char *line = rf_xstrndup(buf.buf + l->start, l->eol - l->start);
		const char *body = line + strspn(line, " \t;#");
		if (l->kind == RF_LINE_COMMENT && !strncmp(body, marker, strlen(marker))) {
			f.key = rf_xstrdup("*");
			if (parse_question(body + strlen(marker), &f) < 0)
				r = rf_error("%s:%u: expected '; (free keys) ... [VOCABULARY]'", path, l->lineno);
		} else if (l->kind == RF_LINE_VALUE) {
			f.key = rf_xstrdup(l->key);
			f.default_value = rf_xstrdup(l->value);
			char *pline = prev && prev->kind == RF_LINE_COMMENT
					      ? rf_xstrndup(buf.buf + prev->start, prev->eol - prev->start)
					      : NULL;
			if (!pline || parse_question(pline, &f) < 0)
				r = rf_error("%s:%u: key '%s' needs '; QUESTION [VOCABULARY]' on the line above",
					     path, l->lineno, l->key);
			free(pline);
		}
		free(line);
		if (!f.key) {
			continue;
		}
		f.section = rf_xstrdup(l->section);
		f.lineno = l->lineno;
		if (r < 0) {
			field_free(&f);
			break;
		}
		if (t->n == cap) {
			cap = cap ? 2 * cap : 64;
			t->fields = rf_xrealloc(t->fields, cap * sizeof(*t->fields));
		}
		t->fields[t->n++] = f;
	}
out:
	rf_ini_free(&ini);
	rf_buf_free(&buf);
	if (r < 0)
		rf_template_free(t);
	else
		rf_template_index(t);
	return r;
}

const struct rf_field *rf_template_field(const struct rf_template *t, const char *section, const char *key)
{
	/* The first field of that name, else the section's last "*". */
	size_t i = lower_bound(t, section, key);
	const struct rf_field *f = i < t->n ? &t->fields[t->by_name[i]] : NULL;
	if (f && !strcmp(f->section, section) && !strcmp(f->key, key))
		return f;
	const struct rf_field *wild = NULL;
	for (i = lower_bound(t, section, "*"); i < t->n; i++) {
		f = &t->fields[t->by_name[i]];
		if (strcmp(f->section, section) || strcmp(f->key, "*"))
			break;
		wild = f;
	}
	return wild;
}

int rf_template_has_section(const struct rf_template *t, const char *section)
{
	for (size_t i = 0; i < t->n; i++)
		if (!strcmp(t->fields[i].section, section))
			return 1;
	return 0;
}

size_t rf_template_rank(const struct rf_template *t, const char *section, const char *key)
{
	size_t i = lower_bound(t, section, key);
	if (i < t->n && !strcmp(t->fields[t->by_name[i]].section, section) && !strcmp(t->fields[t->by_name[i]].key, key))
		return t->by_name[i];
	/* Free keys sort with their section, after its last field. */
	size_t sec_end = t->n;
	for (i = lower_bound(t, section, NULL); i < t->n && !strcmp(t->fields[t->by_name[i]].section, section); i++)
		if (sec_end == t->n || t->by_name[i] > sec_end)
			sec_end = t->by_name[i];
	return sec_end;
}

char *rf_template_suggest(const struct rf_template *t, const char *section, const char *key)
{
	char *want = rf_xasprintf("%s.%s", section, key);
	char *best = NULL;
	size_t best_d = 3;	/* more than two edits away is not a typo */
	for (size_t i = 0; i < t->n; i++) {
		if (!strcmp(t->fields[i].key, "*"))
			continue;
		char *cand = rf_xasprintf("%s.%s", t->fields[i].section, t->fields[i].key);
		size_t d = rf_edit_distance(want, cand);
		/* The right key in the wrong section is the likeliest slip. */
		if (!strcmp(t->fields[i].key, key) && d > 1)
			d = 1;
		if (d < best_d) {
			best_d = d;
			free(best);
			best = cand;
		} else {
			free(cand);
		}
	}
	free(want);
	return best;
}

char *rf_field_check(const struct rf_field *f, const char *value)
{
	if (!*value || !strcmp(value, "unknown") || !strcmp(value, "vague"))
		return NULL;
	double num;
	switch (f->vocab) {
	case RF_VOCAB_TEXT:
		return NULL;
	case RF_VOCAB_NUMBER:
		if (rf_parse_number(value, &num) == 0)
			return NULL;
		return rf_xasprintf("'%s' is not a number", value);
	case RF_VOCAB_POSITION: {
		/* Digits only: "2.5", "+1" and "02" are typos, not positions. */
		size_t n = strspn(value, "0123456789");
		if (value[0] >= '1' && value[0] <= '9' && !value[n] && n <= 6)
			return NULL;
		return rf_xasprintf("'%s' is not a whole number from 1", value);
	}
	case RF_VOCAB_DATE:
		if (rf_date_is_ymd(value))
			return NULL;
		return rf_xasprintf("'%s' is not a date (YYYY-MM-DD)", value);
	case RF_VOCAB_SEVERITY: {
		char *word = rf_xstrndup(value, strcspn(value, " \t;#"));
		unsigned n;
		int ok = !strcmp(word, "low") || !strcmp(word, "medium") || !strcmp(word, "high") ||
			 (rf_parse_uint(word, &n) == 0 && n >= 1 && n <= 10);
		free(word);
		if (ok)
			return NULL;
		return rf_xasprintf("'%s' is not a severity (low, medium, high or 1-10)", value);
	}
	case RF_VOCAB_NRMP_CODE:
		if (rf_field_nrmp_position(value))
			return NULL;
		return rf_xasprintf("'%s' is not an NRMP program code (4 digits of institution, 3 of specialty, "
				    "the type letter C, M, P, A or R, a track number: 1234420A0)", value);
	case RF_VOCAB_CHOICE:
		if (rf_strv_contains(&f->choices, value))
			return NULL;
		struct rf_buf b = RF_BUF_INIT;
		for (size_t i = 0; i < f->choices.n; i++)
			rf_buf_addf(&b, "%s%s", i ? ", " : "", f->choices.v[i]);
		char *msg = rf_xasprintf("'%s' is not one of: %s", value, b.buf);
		rf_buf_free(&b);
		return msg;
	}
	return NULL;
}

const char *rf_field_nrmp_position(const char *code)
{
	size_t n = strlen(code), digits = strspn(code, "0123456789");
	if (digits != 7 || n < 9 || n > 11 || strspn(code + 8, "0123456789") != n - 8)
		return NULL;
	switch (code[7]) {
	case 'A': return "advanced";
	case 'C': case 'M': return "categorical";
	case 'P': return !strncmp(code + 4, "999", 3) ? "transitional" : "preliminary";
	case 'R': return "physician";
	}
	return NULL;
}
