#include "ranklist.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "iniline.h"
#include "notefile.h"
#include "slug.h"

const char rf_ranklist_skeleton[] =
	"# Rank order list: one program per line (its note's slug), first choice first.\n"
	"# Reorder the lines in any editor, then rf-commit; or use rf-rank add, move, remove.\n"
	"# A supplemental list of preliminary or transitional programs begins with a line\n"
	"#   [supplemental NAME] for ADVANCED, ADVANCED\n"
	"# naming the advanced programs it serves.  rf-rank(1) describes this file.\n";

static const char KEYWORD[] = "supplemental";

/* ---- reading ---- */

static int is_blank(char c)
{
	return c == ' ' || c == '\t';
}

/* The user's bytes for a message, on one line. */
static char *quoted(const char *s, size_t n)
{
	struct rf_buf b = RF_BUF_INIT;
	char *copy = rf_xstrndup(s, n);
	rf_escape_controls(&b, copy);
	free(copy);
	return rf_buf_detach(&b);
}

/* What is wrong with the first bad line, kept until it is reported (or,
 * for rf-commit's message, only counted). */
struct problem {
	unsigned line;
	char *msg;
};

static int bad(struct problem *pr, unsigned lineno, char *msg)
{
	pr->line = lineno;
	pr->msg = msg;
	return -1;
}

/* A program line: its slug, then nothing but blanks and a comment. */
static int parse_program(struct rf_rankline *l, struct problem *pr, const char *p, const char *end)
{
	size_t n = 0;
	while (p + n < end && !is_blank(p[n]) && p[n] != '#')
		n++;
	const char *rest = p + n;
	while (rest < end && is_blank(*rest))
		rest++;
	char *slug = rf_xstrndup(p, n);
	if ((rest == end || *rest == '#') && rf_slug_valid(slug)) {
		l->kind = RF_RANKLINE_PROGRAM;
		l->slug = slug;
		return 0;
	}
	size_t shown = (size_t)(end - p);
	while (shown && is_blank(p[shown - 1]))
		shown--;
	char *q = quoted(p, shown), *base = rf_notefile_slug(slug);
	if (rest == end && rf_str_endswith(slug, ".ini") && rf_slug_valid(base))
		bad(pr, l->lineno, rf_xasprintf("'%s' is a file name: write the program's slug, %s", q, base));
	else
		bad(pr, l->lineno, rf_xasprintf("'%s' is not a program: write one slug per line (like "
						"mercy-general), then at most a # comment", q));
	free(base);
	free(q);
	free(slug);
	return -1;
}

static const char *skip_blanks(const char *p, const char *end)
{
	while (p < end && is_blank(*p))
		p++;
	return p;
}

/* "[supplemental NAME]", then "for ADV, ADV" or nothing, then a comment. */
static int parse_header(struct rf_rankline *l, struct rf_strv *attached, struct problem *pr, const char *line,
			const char *end)
{
	size_t shown = (size_t)(end - line), kw = sizeof(KEYWORD) - 1;
	while (shown && is_blank(line[shown - 1]))
		shown--;
	char *q = quoted(line, shown);
	const char *p = skip_blanks(line + 1, end);
	int r = -1;
	if ((size_t)(end - p) <= kw || memcmp(p, KEYWORD, kw) != 0 || !is_blank(p[kw])) {
		bad(pr, l->lineno, rf_xasprintf("expected '[supplemental NAME]' (then 'for ADVANCED, ...'), not '%s'", q));
		goto out;
	}
	const char *name = p = skip_blanks(p + kw, end);
	while (p < end && !is_blank(*p) && *p != ']')
		p++;
	l->list = rf_xstrndup(name, (size_t)(p - name));
	p = skip_blanks(p, end);
	if (p == end || *p != ']' || !*l->list) {
		bad(pr, l->lineno, rf_xasprintf("expected '[supplemental NAME]' (then 'for ADVANCED, ...'), not '%s'", q));
		goto out;
	}
	if (!rf_slug_valid(l->list) || !strcmp(l->list, "primary")) {
		char *n = quoted(l->list, strlen(l->list));
		bad(pr, l->lineno, rf_xasprintf("'%s' cannot name a supplemental list: use lowercase letters, digits "
						"and '-' (and not 'primary')", n));
		free(n);
		goto out;
	}
	/* Rewriting the attachments keeps what follows them: the blanks and
	 * comment, or the line ending. */
	l->close = l->tail = (size_t)(p + 1 - l->text);
	p = skip_blanks(p + 1, end);
	if (p == end || *p == '#') {
		r = 0;
		goto out;
	}
	if ((size_t)(end - p) < 4 || memcmp(p, "for", 3) != 0 || !is_blank(p[3])) {
		bad(pr, l->lineno, rf_xasprintf("after the list's name, expected 'for ADVANCED, ...' or a # comment: '%s'", q));
		goto out;
	}
	p += 3;
	for (;;) {
		while (p < end && (is_blank(*p) || *p == ','))
			p++;
		if (p == end || *p == '#')
			break;
		const char *w = p;
		while (p < end && !is_blank(*p) && *p != ',' && *p != '#')
			p++;
		char *adv = rf_xstrndup(w, (size_t)(p - w)), *n = quoted(adv, strlen(adv));
		l->tail = (size_t)(p - l->text);
		if (!rf_slug_valid(adv))
			bad(pr, l->lineno, rf_xasprintf("'%s' is not a program: name advanced programs by their slugs", n));
		else if (rf_strv_contains(attached, adv))
			bad(pr, l->lineno, rf_xasprintf("'%s' is named twice after 'for'", n));
		free(n);
		if (pr->msg) {
			free(adv);
			goto out;
		}
		rf_strv_push(attached, adv);
	}
	if (!attached->n)
		bad(pr, l->lineno, rf_xasprintf("'for' names no advanced program: '%s'", q));
	else
		r = 0;
out:
	free(q);
	return r;
}

/* Classify one line; l->text and l->lineno are set. */
static int parse_line(struct rf_rankline *l, struct rf_strv *attached, struct problem *pr)
{
	const char *p = l->text, *e = l->text + l->len;
	if (e > p && e[-1] == '\n')
		e--;
	if (e > p && e[-1] == '\r')
		e--;
	if (l->lineno == 1 && (size_t)(e - p) >= 3 && !memcmp(p, "\xef\xbb\xbf", 3))
		p += 3;	/* a BOM, as some Windows editors write it */
	if (memchr(l->text, '\0', l->len))
		return bad(pr, l->lineno, rf_xstrdup("a NUL byte in the line"));
	p = skip_blanks(p, e);
	if (p == e)
		l->kind = RF_RANKLINE_BLANK;
	else if (*p == '#')
		l->kind = RF_RANKLINE_COMMENT;
	else if (*p == '[')
		return l->kind = RF_RANKLINE_HEADER, parse_header(l, attached, pr, p, e);
	else
		return parse_program(l, pr, p, e);
	return 0;
}

static struct rf_ranklist_list *new_list(struct rf_ranklist *rl, size_t *cap)
{
	if (rl->nlists == *cap) {
		*cap = *cap ? 2 * *cap : 4;
		rl->lists = rf_xrealloc(rl->lists, *cap * sizeof(*rl->lists));
	}
	struct rf_ranklist_list *list = &rl->lists[rl->nlists++];
	memset(list, 0, sizeof(*list));
	return list;
}

static void add_entry(struct rf_ranklist_list *list, const char *slug, size_t line)
{
	/* Capacity doubles at powers of two, so it need not be kept. */
	if ((list->n & (list->n - 1)) == 0)
		list->v = rf_xrealloc(list->v, (list->n ? 2 * list->n : 1) * sizeof(*list->v));
	list->v[list->n++] = (struct rf_rankentry){ slug, line };
}

/* Read text into rl (label set); the first problem goes to pr. */
static int parse(struct rf_ranklist *rl, const char *text, size_t len, struct problem *pr)
{
	size_t cap = 0, lcap = 0, start = 0;
	new_list(rl, &lcap);
	while (start < len) {
		const char *nl = memchr(text + start, '\n', len - start);
		size_t end = nl ? (size_t)(nl - text) + 1 : len;
		if (rl->nlines == cap) {
			cap = cap ? 2 * cap : 32;
			rl->lines = rf_xrealloc(rl->lines, cap * sizeof(*rl->lines));
		}
		struct rf_rankline *l = &rl->lines[rl->nlines++];
		struct rf_strv attached = RF_STRV_INIT;
		memset(l, 0, sizeof(*l));
		/* Copied by length: a NUL in the line must not cut it short
		 * (it is reported below). */
		l->len = end - start;
		l->text = rf_xmalloc(l->len + 1);
		memcpy(l->text, text + start, l->len);
		l->text[l->len] = '\0';
		l->lineno = (unsigned)rl->nlines;
		if (l->lineno == 1)
			rl->crlf = l->len >= 2 && l->text[l->len - 2] == '\r' && l->text[l->len - 1] == '\n';
		if (parse_line(l, &attached, pr) < 0) {
			rf_strv_free(&attached);
			return -1;
		}
		if (l->kind == RF_RANKLINE_HEADER) {
			for (size_t k = 1; k < rl->nlists; k++)
				if (!strcmp(rl->lists[k].name, l->list)) {
					rf_strv_free(&attached);
					return bad(pr, l->lineno, rf_xasprintf("supplemental list %s already begins on line %u",
									       l->list, rl->lines[rl->lists[k].header].lineno));
				}
			struct rf_ranklist_list *list = new_list(rl, &lcap);
			list->name = l->list;
			list->header = rl->nlines - 1;
			list->attached = attached;
		} else if (l->kind == RF_RANKLINE_PROGRAM) {
			add_entry(&rl->lists[rl->nlists - 1], l->slug, rl->nlines - 1);
		}
		start = end;
	}
	rl->exists = 1;
	return 0;
}

/* Parse, or leave rl empty with the problem in pr. */
static int parse_into(struct rf_ranklist *rl, const char *label, const char *text, size_t len, struct problem *pr)
{
	memset(rl, 0, sizeof(*rl));
	memset(pr, 0, sizeof(*pr));
	rl->label = rf_xstrdup(label);
	if (parse(rl, text, len, pr) == 0)
		return 0;
	rf_ranklist_free(rl);
	return -1;
}

int rf_ranklist_try_parse(struct rf_ranklist *rl, const char *label, const char *text, size_t len, char **why,
			  unsigned *line)
{
	struct problem pr;
	*why = NULL;
	*line = 0;
	if (parse_into(rl, label, text, len, &pr) == 0)
		return 0;
	*why = rf_xasprintf("%s:%u: %s", label, pr.line, pr.msg);
	*line = pr.line;
	free(pr.msg);
	return -1;
}

int rf_ranklist_parse(struct rf_ranklist *rl, const char *label, const char *text, size_t len)
{
	struct problem pr;
	if (parse_into(rl, label, text, len, &pr) == 0)
		return 0;
	rf_error("%s:%u: %s", label, pr.line, pr.msg);
	free(pr.msg);
	return -1;
}

void rf_ranklist_free(struct rf_ranklist *rl)
{
	for (size_t i = 0; i < rl->nlines; i++) {
		free(rl->lines[i].text);
		free(rl->lines[i].slug);
		free(rl->lines[i].list);
	}
	for (size_t i = 0; i < rl->nlists; i++) {
		rf_strv_free(&rl->lists[i].attached);
		free(rl->lists[i].v);
	}
	free(rl->lines);
	free(rl->lists);
	free(rl->label);
	rf_strv_free(&rl->skipped);
	memset(rl, 0, sizeof(*rl));
}

void rf_ranklist_text(const struct rf_ranklist *rl, struct rf_buf *out)
{
	for (size_t i = 0; i < rl->nlines; i++)
		rf_buf_add(out, rl->lines[i].text, rl->lines[i].len);
}

/* An empty list (no file): just the primary list. */
static void empty(struct rf_ranklist *rl, const char *label)
{
	memset(rl, 0, sizeof(*rl));
	rl->label = rf_xstrdup(label);
	rl->lists = rf_xcalloc(1, sizeof(*rl->lists));
	rl->nlists = 1;
}

int rf_ranklist_read(struct rf_ranklist *rl, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit)
{
	struct rf_buf text = RF_BUF_INIT;
	char *label;
	int missing = 0, r;
	if (commit) {
		char id[8];
		git_oid_tostr(id, sizeof(id), git_commit_id(commit));
		label = rf_xasprintf("%s@%s", RF_NOTEFILE_RANKS, id);
		r = rf_store_read(st, commit, RF_NOTEFILE_RANKS, &text, &missing);
	} else {
		label = rf_xstrdup(RF_NOTEFILE_RANKS);
		r = rf_notesdir_read(nd, RF_NOTEFILE_RANKS, &text, &missing);
	}
	memset(rl, 0, sizeof(*rl));
	if (r == 0 && missing)
		empty(rl, label);
	else if (r == 0)
		r = rf_ranklist_parse(rl, label, text.buf ? text.buf : "", text.len);
	free(label);
	rf_buf_free(&text);
	return r;
}

/* ---- the list program.rank makes ---- */

struct legacy_pos {
	double rank;
	const char *slug;
};

static int cmp_legacy(const void *pa, const void *pb)
{
	const struct legacy_pos *a = pa, *b = pb;
	if (a->rank != b->rank)
		return a->rank < b->rank ? -1 : 1;
	return strcmp(a->slug, b->slug);
}

void rf_ranklist_derive(struct rf_ranklist *rl, const struct rf_rank_legacy *v, size_t n)
{
	struct legacy_pos *pos = rf_xcalloc(n ? n : 1, sizeof(*pos));
	struct rf_strv skipped = RF_STRV_INIT;
	struct rf_buf text = RF_BUF_INIT;
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char *value = rf_strstrip(rf_xstrdup(v[i].rank ? v[i].rank : ""));
		double d;
		if (!*value || !strcmp(value, "unknown")) {
			/* not ranked */
		} else if (rf_parse_number(value, &d) == 0 && d > 0 && rf_slug_valid(v[i].slug)) {
			pos[k++] = (struct legacy_pos){ d, v[i].slug };
		} else {
			char *q = quoted(value, strlen(value));
			rf_strv_push(&skipped, rf_xasprintf("%s: program.rank '%s' is not a rank (a number from 1)",
							    v[i].file, q));
			free(q);
		}
		free(value);
	}
	qsort(pos, k, sizeof(*pos), cmp_legacy);
	rf_buf_adds(&text, rf_ranklist_skeleton);
	for (size_t i = 0; i < k; i++)
		rf_buf_addf(&text, "%s\n", pos[i].slug);
	if (rf_ranklist_parse(rl, RF_NOTEFILE_RANKS, text.buf, text.len) < 0)
		empty(rl, RF_NOTEFILE_RANKS);	/* cannot happen: every line is rf's */
	rl->exists = 0;
	rl->derived = 1;
	rl->skipped = skipped;
	free(pos);
	rf_buf_free(&text);
}

/* The program.rank of a note, from the line map alone, which reads it even
 * when iniparser would reject the note for a line elsewhere: from ns when
 * the caller keeps the notes it reads, else read and scanned here (not
 * parsed: rf-rank shows a list of 2,000 notes without iniparser). */
static int legacy_rank(struct rf_noteset *ns, const struct rf_notesdir *nd, struct rf_store *st,
		       const git_commit *commit, const char *file, struct rf_strv *ranks)
{
	struct stat sb;
	/* A link or an odd file is refused, and named, by whatever reads
	 * the notes; the list leaves it out rather than say so twice. */
	if (!commit && (fstatat(nd->fd, file, &sb, AT_SYMLINK_NOFOLLOW) < 0 || !S_ISREG(sb.st_mode))) {
		rf_strv_push(ranks, rf_xstrdup(""));
		return 0;
	}
	const struct rf_line *l;
	if (ns) {
		const struct rf_revnote *rn;
		if (rf_noteset_get(ns, file, &rn) < 0)
			return -1;
		l = rn->missing ? NULL : rf_ini_find(&rn->note.ini, "program", "rank");
		rf_strv_push(ranks, rf_xstrdup(l ? l->value : ""));
		return 0;
	}
	struct rf_buf text = RF_BUF_INIT;
	int missing = 0;
	int r = commit ? rf_store_read(st, commit, file, &text, &missing) : rf_notesdir_read(nd, file, &text, &missing);
	struct rf_ini ini;
	rf_ini_scan(text.buf ? text.buf : "", text.len, &ini);
	l = r == 0 && !missing ? rf_ini_find(&ini, "program", "rank") : NULL;
	rf_strv_push(ranks, rf_xstrdup(l ? l->value : ""));
	rf_ini_free(&ini);
	rf_buf_free(&text);
	return r;
}

static int load(struct rf_ranklist *rl, const struct rf_notesdir *nd, struct rf_store *st, const git_commit *commit,
		struct rf_noteset *ns)
{
	if (rf_ranklist_read(rl, nd, st, commit) < 0)
		return -1;
	if (rl->exists)
		return 0;
	rf_ranklist_free(rl);
	struct rf_strv files = RF_STRV_INIT, slugs = RF_STRV_INIT, ranks = RF_STRV_INIT;
	int r = commit ? rf_store_files(st, commit, rf_notefile_is_note, &files) : rf_notesdir_list(nd, &slugs);
	for (size_t i = 0; r == 0 && commit && i < files.n; i++) {
		char *slug = rf_notefile_valid_slug(files.v[i]);
		if (slug)
			rf_strv_push(&slugs, slug);
	}
	struct rf_strv names = RF_STRV_INIT;
	for (size_t i = 0; r == 0 && i < slugs.n; i++)
		rf_strv_push(&names, rf_notefile_name(slugs.v[i]));
	if (r == 0 && ns)
		rf_noteset_prefetch(ns, names.v, names.n);
	for (size_t i = 0; r == 0 && i < slugs.n; i++)
		r = legacy_rank(ns, nd, st, commit, names.v[i], &ranks);
	struct rf_rank_legacy *v = rf_xcalloc(slugs.n ? slugs.n : 1, sizeof(*v));
	for (size_t i = 0; r == 0 && i < slugs.n; i++)
		v[i] = (struct rf_rank_legacy){ slugs.v[i], ranks.v[i], names.v[i] };
	if (r == 0)
		rf_ranklist_derive(rl, v, slugs.n);
	free(v);
	rf_strv_free(&files);
	rf_strv_free(&slugs);
	rf_strv_free(&ranks);
	rf_strv_free(&names);
	return r;
}

int rf_ranklist_load(struct rf_ranklist *rl, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit)
{
	return load(rl, nd, st, commit, NULL);
}

int rf_ranklist_load_notes(struct rf_ranklist *rl, struct rf_noteset *ns)
{
	return load(rl, ns->nd, ns->st, ns->commit, ns);
}

/* ---- looking up ---- */

const struct rf_ranklist_list *rf_ranklist_find(const struct rf_ranklist *rl, const char *name)
{
	if (!name || !*name || !strcmp(name, "primary"))
		return rl->nlists ? &rl->lists[0] : NULL;
	for (size_t i = 1; i < rl->nlists; i++)
		if (!strcmp(rl->lists[i].name, name))
			return &rl->lists[i];
	return NULL;
}

size_t rf_ranklist_place(const struct rf_ranklist_list *list, const char *slug)
{
	for (size_t i = 0; list && i < list->n; i++)
		if (!strcmp(list->v[i].slug, slug))
			return i + 1;
	return 0;
}

static int cmp_entry_at(const void *a, const void *b, void *entries)
{
	const struct rf_rankentry *v = entries;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = strcmp(v[i].slug, v[j].slug);
	return c ? c : (i > j) - (i < j);
}

void rf_ranklist_place_all(const struct rf_ranklist_list *list, char *const *slugs, size_t n, size_t *place)
{
	size_t m = list ? list->n : 0;
	size_t *at = rf_xmalloc((m ? m : 1) * sizeof(*at));
	for (size_t i = 0; i < m; i++)
		at[i] = i;
	if (m)
		qsort_r(at, m, sizeof(*at), cmp_entry_at, list->v);
	for (size_t k = 0; k < n; k++) {
		/* The first entry of that slug: the lowest place, as
		 * rf_ranklist_place finds it. */
		size_t lo = 0, hi = m;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (strcmp(list->v[at[mid]].slug, slugs[k]) < 0)
				lo = mid + 1;
			else
				hi = mid;
		}
		place[k] = lo < m && !strcmp(list->v[at[lo]].slug, slugs[k]) ? at[lo] + 1 : 0;
	}
	free(at);
}

const struct rf_ranklist_list *rf_ranklist_attached_to(const struct rf_ranklist *rl, const char *adv)
{
	for (size_t i = 1; i < rl->nlists; i++)
		if (rf_strv_contains(&rl->lists[i].attached, adv))
			return &rl->lists[i];
	return NULL;
}

/* ---- edits ---- */

/* The new file, piece by piece: each piece a line's bytes, owned or lent. */
struct pieces {
	struct {
		const char *text;
		size_t len;
		char *owned;
	} *v;
	size_t n, cap;
};

static void put(struct pieces *p, const char *text, size_t len, char *owned)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? 2 * p->cap : 64;
		p->v = rf_xrealloc(p->v, p->cap * sizeof(*p->v));
	}
	p->v[p->n].text = text;
	p->v[p->n].len = len;
	p->v[p->n++].owned = owned;
}

static void put_line(struct pieces *p, const struct rf_rankline *l)
{
	put(p, l->text, l->len, NULL);
}

static const char *eol(const struct rf_ranklist *rl)
{
	return rl->crlf ? "\r\n" : "\n";
}

static void put_new(struct pieces *p, const struct rf_ranklist *rl, const char *content)
{
	char *s = rf_xasprintf("%s%s", content, eol(rl));
	put(p, s, strlen(s), s);
}

/* Join the pieces (every line but the last ends with a line ending: a
 * line that had none gets one, as it no longer ends the file), read the
 * result and put it in place of rl. */
static int rebuild(struct rf_ranklist *rl, struct pieces *p)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_ranklist next;
	/* A byte order mark is the file's, not its first line's: it stays
	 * first whichever line comes first now. */
	static const char bom[] = "\xef\xbb\xbf";
	const struct rf_rankline *l0 = rl->nlines ? &rl->lines[0] : NULL;
	int has_bom = l0 && l0->len >= 3 && !memcmp(l0->text, bom, 3);
	if (has_bom)
		rf_buf_add(&text, bom, 3);
	for (size_t i = 0; i < p->n; i++) {
		int skip = has_bom && p->v[i].len >= 3 && !memcmp(p->v[i].text, bom, 3);
		rf_buf_add(&text, p->v[i].text + 3 * skip, p->v[i].len - 3 * (size_t)skip);
		/* The old last line, now followed by another, gets its line
		 * ending (just the LF when it ended in a lone CR). */
		char last = p->v[i].len ? p->v[i].text[p->v[i].len - 1] : '\0';
		if (i + 1 < p->n && last != '\n')
			rf_buf_adds(&text, last == '\r' ? "\n" : eol(rl));
	}
	int r = rf_ranklist_parse(&next, rl->label, text.buf ? text.buf : "", text.len);
	if (r == 0) {
		next.crlf = rl->crlf || next.crlf;
		rf_ranklist_free(rl);
		*rl = next;
	}
	for (size_t i = 0; i < p->n; i++)
		free(p->v[i].owned);
	free(p->v);
	rf_buf_free(&text);
	return r;
}

static const char *list_label(const char *name)
{
	return name && *name && strcmp(name, "primary") != 0 ? name : "the primary list";
}

static int find_list(const struct rf_ranklist *rl, const char *name, const struct rf_ranklist_list **out)
{
	*out = rf_ranklist_find(rl, name);
	if (*out)
		return 0;
	return rf_error("no supplemental list %s in %s", name, rl->label);
}

/* The line after which a program joins an empty list: the last line that
 * is not blank in the list's part of the file (its header at least). */
static size_t empty_list_spot(const struct rf_ranklist *rl, const struct rf_ranklist_list *list, size_t *after)
{
	size_t from = list->name ? list->header : 0, to = rl->nlines;
	for (size_t k = 0; k < rl->nlists; k++)
		if (rl->lists[k].name && rl->lists[k].header >= from + (list->name != NULL) && rl->lists[k].header < to)
			to = rl->lists[k].header;
	int found = list->name != NULL;
	size_t spot = from;
	for (size_t i = from; i < to; i++)
		if (rl->lines[i].kind != RF_RANKLINE_BLANK) {
			spot = i;
			found = 1;
		}
	*after = found;
	return spot;
}

static char *list_name_check(const char *name)
{
	if (rf_slug_valid(name) && strcmp(name, "primary") != 0)
		return NULL;
	return rf_xasprintf("'%s' cannot name a supplemental list: use lowercase letters, digits and '-' "
			    "(and not 'primary')", name);
}

int rf_ranklist_insert(struct rf_ranklist *rl, const char *name, const char *slug, size_t pos)
{
	const struct rf_ranklist_list *list = rf_ranklist_find(rl, name);
	struct pieces p = { NULL, 0, 0 };
	if (!list) {
		char *bad = list_name_check(name);
		if (bad) {
			rf_error("%s", bad);
			free(bad);
			return -1;
		}
		if (pos > 1)
			return rf_error("rank %zu is out of range: supplemental list %s is new (rank 1)", pos, name);
		for (size_t i = 0; i < rl->nlines; i++)
			put_line(&p, &rl->lines[i]);
		if (rl->nlines && rl->lines[rl->nlines - 1].kind != RF_RANKLINE_BLANK)
			put(&p, "", 0, NULL);
		char *header = rf_xasprintf("[%s %s]", KEYWORD, name);
		put_new(&p, rl, header);
		put_new(&p, rl, slug);
		free(header);
		return rebuild(rl, &p);
	}
	size_t have = rf_ranklist_place(list, slug);
	if (have)
		return rf_error("%s is already rank %zu on %s (rf-rank move changes its rank)", slug, have,
				list_label(name));
	if (list->n >= RF_RANKLIST_MAX)
		return rf_error("%s already holds %d programs, the most the NRMP takes", list_label(name),
				RF_RANKLIST_MAX);
	if (pos == 0)
		pos = list->n + 1;
	if (pos > list->n + 1)
		return rf_error("rank %zu is out of range: %s has %zu program%s (1 to %zu)", pos, list_label(name),
				list->n, list->n == 1 ? "" : "s", list->n + 1);
	size_t spot, after = 1;
	if (pos <= list->n) {
		spot = list->v[pos - 1].line;
		after = 0;
	} else if (list->n) {
		spot = list->v[list->n - 1].line;
	} else {
		spot = empty_list_spot(rl, list, &after);
	}
	for (size_t i = 0; i < rl->nlines; i++) {
		if (i == spot && !after)
			put_new(&p, rl, slug);
		put_line(&p, &rl->lines[i]);
		if (i == spot && after)
			put_new(&p, rl, slug);
	}
	if (!rl->nlines)
		put_new(&p, rl, slug);
	return rebuild(rl, &p);
}

int rf_ranklist_move(struct rf_ranklist *rl, const char *name, const char *slug, size_t pos)
{
	const struct rf_ranklist_list *list;
	if (find_list(rl, name, &list) < 0)
		return -1;
	size_t at = 0, count = 0, second = 0;
	for (size_t i = 0; i < list->n; i++)
		if (!strcmp(list->v[i].slug, slug)) {
			if (count++ == 0)
				at = i + 1;
			else if (!second)
				second = i + 1;
		}
	if (!count)
		return rf_error("%s is not on %s", slug, list_label(name));
	if (count > 1)
		return rf_error("%s is on %s more than once (ranks %zu and %zu): rf-rank remove it, or rf-rank edit",
				slug, list_label(name), at, second);
	if (pos < 1 || pos > list->n)
		return rf_error("rank %zu is out of range: %s has %zu program%s (1 to %zu)", pos, list_label(name),
				list->n, list->n == 1 ? "" : "s", list->n);
	if (pos == at)
		return 0;
	size_t from = list->v[at - 1].line, spot = list->v[pos - 1].line;
	/* Up: before the program now at pos; down: after it, as it moves up
	 * one when this line leaves. */
	int after = pos > at;
	struct pieces p = { NULL, 0, 0 };
	for (size_t i = 0; i < rl->nlines; i++) {
		if (i == spot && !after)
			put_line(&p, &rl->lines[from]);
		if (i != from)
			put_line(&p, &rl->lines[i]);
		if (i == spot && after)
			put_line(&p, &rl->lines[from]);
	}
	return rebuild(rl, &p);
}

/* The header line of list k with attached as its advanced programs. */
static char *header_text(const struct rf_ranklist *rl, size_t k, const struct rf_strv *attached)
{
	const struct rf_rankline *l = &rl->lines[rl->lists[k].header];
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_add(&b, l->text, l->close);
	for (size_t i = 0; i < attached->n; i++)
		rf_buf_addf(&b, "%s%s", i ? ", " : " for ", attached->v[i]);
	rf_buf_add(&b, l->text + l->tail, l->len - l->tail);
	return rf_buf_detach(&b);
}

/* Every line, with the headers of lists given new attachments (NULL: as
 * they are) replaced. */
static int rewrite_headers(struct rf_ranklist *rl, struct rf_strv *const *attached, const char *drop_slug,
			   const struct rf_ranklist_list *drop_from)
{
	struct pieces p = { NULL, 0, 0 };
	for (size_t i = 0; i < rl->nlines; i++) {
		size_t k = 0;
		for (size_t j = 1; j < rl->nlists; j++)
			if (rl->lists[j].header == i && rl->lines[i].kind == RF_RANKLINE_HEADER)
				k = j;
		if (k && attached[k]) {
			char *h = header_text(rl, k, attached[k]);
			put(&p, h, strlen(h), h);
			continue;
		}
		if (drop_slug && rl->lines[i].kind == RF_RANKLINE_PROGRAM && !strcmp(rl->lines[i].slug, drop_slug)) {
			int in = 0;
			for (size_t e = 0; e < drop_from->n; e++)
				in |= drop_from->v[e].line == i;
			if (in)
				continue;
		}
		put_line(&p, &rl->lines[i]);
	}
	return rebuild(rl, &p);
}

/* Attachments of every list with adv taken out (lists naming it get a
 * copy in *out[k]; the others NULL). */
static struct rf_strv **without(const struct rf_ranklist *rl, const char *adv, size_t keep)
{
	struct rf_strv **out = rf_xcalloc(rl->nlists, sizeof(*out));
	for (size_t k = 1; k < rl->nlists; k++) {
		if (k == keep || !rf_strv_contains(&rl->lists[k].attached, adv))
			continue;
		out[k] = rf_xcalloc(1, sizeof(**out));
		for (size_t i = 0; i < rl->lists[k].attached.n; i++)
			if (strcmp(rl->lists[k].attached.v[i], adv) != 0)
				rf_strv_push(out[k], rf_xstrdup(rl->lists[k].attached.v[i]));
	}
	return out;
}

static void free_attachments(struct rf_strv **v, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		if (v[k])
			rf_strv_free(v[k]);
		free(v[k]);
	}
	free(v);
}

int rf_ranklist_remove(struct rf_ranklist *rl, const char *name, const char *slug)
{
	const struct rf_ranklist_list *list;
	if (find_list(rl, name, &list) < 0)
		return -1;
	if (!rf_ranklist_place(list, slug))
		return rf_error("%s is not on %s", slug, list_label(name));
	size_t n = rl->nlists;
	struct rf_strv **att = list->name ? rf_xcalloc(n, sizeof(*att)) : without(rl, slug, 0);
	int r = rewrite_headers(rl, att, slug, list);
	free_attachments(att, n);
	return r;
}

static int supplemental(const struct rf_ranklist *rl, const char *name, size_t *k)
{
	const struct rf_ranklist_list *list;
	if (!name || !*name || !strcmp(name, "primary"))
		return rf_error("name the supplemental list to attach");
	if (find_list(rl, name, &list) < 0)
		return -1;
	*k = (size_t)(list - rl->lists);
	return 0;
}

int rf_ranklist_attach(struct rf_ranklist *rl, const char *name, const char *adv)
{
	size_t k, n = rl->nlists;
	if (supplemental(rl, name, &k) < 0)
		return -1;
	if (rf_strv_contains(&rl->lists[k].attached, adv))
		return 0;
	struct rf_strv **att = without(rl, adv, k);
	att[k] = rf_xcalloc(1, sizeof(**att));
	for (size_t i = 0; i < rl->lists[k].attached.n; i++)
		rf_strv_push(att[k], rf_xstrdup(rl->lists[k].attached.v[i]));
	rf_strv_push(att[k], rf_xstrdup(adv));
	int r = rewrite_headers(rl, att, NULL, NULL);
	free_attachments(att, n);
	return r;
}

int rf_ranklist_detach(struct rf_ranklist *rl, const char *name, const char *adv)
{
	size_t k, n = rl->nlists;
	if (supplemental(rl, name, &k) < 0)
		return -1;
	if (!rf_strv_contains(&rl->lists[k].attached, adv))
		return rf_error("supplemental list %s is not attached to %s", name, adv);
	struct rf_strv **att = without(rl, adv, 0);
	int r = rewrite_headers(rl, att, NULL, NULL);
	free_attachments(att, n);
	return r;
}

int rf_ranklist_refuse_rank(const struct rf_notesdir *nd, char *const *assigns, size_t n, const char *slug)
{
	struct rf_buf b = RF_BUF_INIT;
	int wants = 0, missing = 1;
	for (size_t i = 0; i < n; i++)
		wants |= !strncasecmp(assigns[i], "program.rank=", 13);
	if (!wants)
		return 0;
	int r = rf_notesdir_read(nd, RF_NOTEFILE_RANKS, &b, &missing);
	rf_buf_free(&b);
	if (r < 0 || missing)
		return r;
	return rf_error("program.rank is no longer read: %s holds your ranks (rf-rank move %s N; --force sets "
			"it anyway)", RF_NOTEFILE_RANKS, slug);
}
