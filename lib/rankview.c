#include "rankview.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "history.h"
#include "notefile.h"
#include "rankmoves.h"
#include "revision.h"

/* ---- the lists and their findings ---- */

void rf_rankview_derived_note(const struct rf_ranklist *rl)
{
	if (!rl->derived)
		return;
	for (size_t i = 0; i < rl->skipped.n; i++)
		rf_warn("%s (left off the list)", rl->skipped.v[i]);
	if (rl->lists[0].n)
		fprintf(stderr, "%s: no %s yet: this list is made from program.rank in %zu note%s; the first "
			"rf-rank change writes it\n", rf_progname(), RF_NOTEFILE_RANKS, rl->lists[0].n,
			rl->lists[0].n == 1 ? "" : "s");
}

void rf_rankview_findings(FILE *out, const struct rf_rankcheck *c, int explain)
{
	for (size_t i = 0; i < c->n; i++) {
		char *line = rf_rankfinding_line(&c->v[i]);
		fprintf(out, "%s\n", line);
		free(line);
		const struct rf_rankrule *r = rf_rankcheck_rule(c->v[i].rule);
		if (explain && r)
			fprintf(out, !strcmp(r->source, "article") ? "    %s: \"%s\"\n" : "    %s: %s\n", r->source, r->text);
	}
}

static const char *const show_cols[] = { "list", "rank", "program", "track", "position", "risk", "tier",
					 "marks", "unknowns", "status", "supplemental" };
enum { NSHOW = 11 };

/* One row per program of list k: with the list's name and the attached
 * list first for machines (all columns), from "rank" on for people. */
static void add_rows(struct rf_table *t, const struct rf_ranklist *rl, size_t k, const struct rf_rankcheck *c,
		     int machine)
{
	const struct rf_ranklist_list *list = &rl->lists[k];
	for (size_t i = 0; i < list->n; i++) {
		const struct rf_rankprog *p = rf_rankcheck_prog(c, list->v[i].slug);
		char rank[24], risk[32] = "", unknowns[16] = "";
		int scored = !p->missing && !p->broken;
		snprintf(rank, sizeof(rank), "%zu", i + 1);
		if (scored) {
			rf_hundredths_format(p->score.risk, risk);
			snprintf(unknowns, sizeof(unknowns), "%u", p->score.unknowns);
		}
		char *marks = rf_rankprog_marks(p);
		const struct rf_ranklist_list *sup = k ? NULL : rf_ranklist_attached_to(rl, p->slug);
		const char *cells[NSHOW] = {
			list->name ? list->name : "primary", rank, p->slug, p->track, p->position,
			scored ? risk : NULL, scored ? p->score.tier : NULL, marks, scored ? unknowns : NULL,
			p->missing ? "(no note)" : p->broken ? "(does not parse)" : p->status, sup ? sup->name : NULL,
		};
		rf_table_add(t, machine ? cells : cells + 1);
		free(marks);
	}
}

static void init_table(struct rf_table *t, int machine)
{
	size_t skip = machine ? 0 : 1, n = machine ? NSHOW : NSHOW - 2;
	rf_table_init(t, n, show_cols + skip);
	static const size_t numbers[] = { 1, 5, 8 };
	for (size_t i = 0; i < 3; i++)
		rf_table_set_kind(t, numbers[i] - skip, RF_COL_NUMBER);
}

static void print_people(FILE *out, const struct rf_ranklist *rl, const struct rf_rankcheck *c, int explain)
{
	struct rf_table t;
	if (rl->nlists == 1 && !rl->lists[0].n) {
		fprintf(out, "no programs ranked yet: rf-rank add PROGRAM [N]\n");
	} else {
		init_table(&t, 0);
		add_rows(&t, rl, 0, c, 0);
		rf_table_print(&t, RF_FORMAT_TEXT, out);
		rf_table_free(&t);
	}
	for (size_t k = 1; k < rl->nlists; k++) {
		const struct rf_ranklist_list *list = &rl->lists[k];
		fprintf(out, "\nsupplemental %s, ", list->name);
		if (!list->attached.n)
			fprintf(out, "attached to no advanced program");
		for (size_t i = 0; i < list->attached.n; i++)
			fprintf(out, "%s%s", i ? ", " : "for ", list->attached.v[i]);
		fputc('\n', out);
		init_table(&t, 0);
		add_rows(&t, rl, k, c, 0);
		rf_table_print(&t, RF_FORMAT_TEXT, out);
		rf_table_free(&t);
	}
	if (c->n)
		fputc('\n', out);
	rf_rankview_findings(out, c, explain);
}

static void print_findings_table(FILE *out, const struct rf_rankcheck *c, const struct rf_rankview_opts *o)
{
	static const char *const cols[] = { "severity", "list", "rank", "program", "rule", "message", "source",
					    "citation" };
	struct rf_table t;
	rf_table_init(&t, o->explain ? 8 : 6, cols);
	rf_table_set_kind(&t, 2, RF_COL_NUMBER);
	for (size_t i = 0; i < c->n; i++) {
		const struct rf_rankfinding *f = &c->v[i];
		const struct rf_rankrule *r = rf_rankcheck_rule(f->rule);
		char rank[24];
		snprintf(rank, sizeof(rank), "%zu", f->rank);
		const char *cells[] = { f->severity == RF_RANK_ERROR ? "error" : "warning", f->list ? f->list : "primary",
					f->rank ? rank : NULL, f->program, f->rule, f->message, r ? r->source : NULL,
					r ? r->text : NULL };
		rf_table_add(&t, cells);
	}
	rf_table_print(&t, o->format, out);
	rf_table_free(&t);
}

/* The list and its check at o->at (or the work tree); *commit is the
 * caller's. */
static int load_checked(struct rf_session *s, const char *at, git_commit **commit, struct rf_ranklist *rl,
			struct rf_rankcheck *c)
{
	memset(rl, 0, sizeof(*rl));
	memset(c, 0, sizeof(*c));
	*commit = NULL;
	if (rf_session_open(s, RF_SESSION_SCORER | RF_SESSION_TEMPLATE | (at ? RF_SESSION_READ : 0)) < 0 ||
	    (at && rf_revision_resolve(&s->st, at, commit) < 0) ||
	    rf_ranklist_load(rl, &s->nd, &s->st, *commit) < 0)
		return -1;
	rf_rankview_derived_note(rl);
	return rf_rankcheck_run(c, rl, s->scorer, &s->t, &s->nd, &s->st, *commit);
}

int rf_rankview_show(struct rf_session *s, const struct rf_rankview_opts *o, int check_only)
{
	struct rf_ranklist rl;
	struct rf_rankcheck c;
	git_commit *commit;
	int r = -1;
	if (load_checked(s, o->at, &commit, &rl, &c) == 0) {
		int machine = o->format != RF_FORMAT_TEXT;
		FILE *out = rf_session_output(s, !machine);
		if (check_only && machine) {
			print_findings_table(out, &c, o);
		} else if (check_only) {
			rf_rankview_findings(out, &c, o->explain);
		} else if (machine) {
			struct rf_table t;
			init_table(&t, 1);
			for (size_t k = 0; k < rl.nlists; k++)
				add_rows(&t, &rl, k, &c, 1);
			rf_table_print(&t, o->format, out);
			rf_table_free(&t);
		} else {
			print_people(out, &rl, &c, o->explain);
		}
		r = c.n > 0;
	}
	rf_rankcheck_free(&c);
	rf_ranklist_free(&rl);
	git_commit_free(commit);
	return r;
}

/* ---- history ---- */

/* A moment in the local time zone: "YYYY-MM-DD HH:MM", or ISO 8601 with
 * the offset for machines. */
static void format_time(int64_t when, int iso, char *buf, size_t size)
{
	time_t t = (time_t)when;
	struct tm tm;
	char zone[8], base[32];
	localtime_r(&t, &tm);
	if (!iso) {
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
		return;
	}
	strftime(zone, sizeof(zone), "%z", &tm);
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s%.3s:%.2s", base, zone, zone + 3);
}

/* The program a message of rf's names first ("rank: mercy 4 → 1", "edit
 * ranks.txt: + mercy at 2"), so that a log line says what the command
 * said when two readings of a swap are equal; caller frees; NULL. */
static char *subject_hint(const char *subject)
{
	const char *p = strstr(subject, ": ");
	if (!p)
		return NULL;
	p += 2;
	if (!strncmp(p, "+ ", 2) || !strncmp(p, "- ", 2))
		p += 2;
	size_t n = strcspn(p, " ");
	return n ? rf_xstrndup(p, n) : NULL;
}

/* One side of a change read quietly: a version that does not parse is
 * shown as such, not fatal; one that cannot be read is (reported). */
static int side(struct rf_store *st, const struct rf_notesdir *nd, const git_oid *blob, int worktree,
		 struct rf_ranklist *rl, char **why)
{
	struct rf_buf text = RF_BUF_INIT;
	int missing = 0, r = 0;
	unsigned line;
	*why = NULL;
	if (worktree)
		r = rf_notesdir_read(nd, RF_NOTEFILE_RANKS, &text, &missing);
	else if (blob)
		r = rf_store_blob(st, blob, RF_NOTEFILE_RANKS, &text);
	else
		missing = 1;
	if (r < 0 || missing || rf_ranklist_try_parse(rl, RF_NOTEFILE_RANKS, text.buf ? text.buf : "", text.len, why, &line) < 0) {
		if (*why) {
			free(*why);
			*why = rf_xasprintf("does not parse (line %u)", line);
		}
		rf_ranklist_parse(rl, RF_NOTEFILE_RANKS, "", 0);
		rl->exists = 0;
	}
	rf_buf_free(&text);
	return r;
}

static const char *move_kind(enum rf_rankmove_kind k)
{
	static const char *const names[] = { "moved", "added", "removed", "list-added", "list-removed", "attached",
					     "detached" };
	return names[k];
}

struct log_row {
	const struct rf_history_entry *e;
	struct rf_rankmoves m;
	char *why;	/* the new side does not parse */
};

static void print_log(FILE *out, const struct log_row *rows, size_t n, enum rf_format format)
{
	static const char *const cols[] = { "commit", "date", "list", "change", "program", "from", "to" };
	struct rf_table t;
	if (format != RF_FORMAT_TEXT) {
		rf_table_init(&t, 7, cols);
		rf_table_set_kind(&t, 5, RF_COL_NUMBER);
		rf_table_set_kind(&t, 6, RF_COL_NUMBER);
	}
	for (size_t k = 0; k < n; k++) {
		const struct rf_history_entry *e = rows[k].e;
		const struct rf_rankmoves *m = &rows[k].m;
		char id[GIT_OID_HEXSZ + 1], date[40];
		git_oid_tostr(id, sizeof(id), &e->commit);
		format_time(e->time, format != RF_FORMAT_TEXT, date, sizeof(date));
		if (format == RF_FORMAT_TEXT) {
			char head[64];
			if (e->worktree)
				snprintf(head, sizeof(head), "%-24s", "working tree");
			else
				snprintf(head, sizeof(head), "%.7s %s", id, date);
			fprintf(out, "%s  ", head);
			if (rows[k].why || !e->has_new)
				fprintf(out, "%s\n", rows[k].why ? rows[k].why : "list deleted");
			else if (!m->n)
				fprintf(out, "%s\n", m->layout_only ? "comments and layout only" : "no change");
			for (size_t i = 0; !rows[k].why && e->has_new && i < m->n; i++) {
				char *ph = rf_rankmoves_phrase(&m->v[i]);
				fprintf(out, "%s%s", i ? ", " : "", ph);
				free(ph);
				if (i + 1 == m->n)
					fputc('\n', out);
			}
			continue;
		}
		const char *cid = e->worktree ? NULL : id, *cdate = e->worktree ? NULL : date;
		if (rows[k].why || !m->n) {
			const char *cells[] = { cid, cdate, NULL,
						rows[k].why ? "unparsable" : !e->has_new ? "deleted"
						: m->layout_only ? "layout" : "none", NULL, NULL, NULL };
			rf_table_add(&t, cells);
		}
		for (size_t i = 0; !rows[k].why && i < m->n; i++) {
			char from[24], to[24];
			snprintf(from, sizeof(from), "%zu", m->v[i].from);
			snprintf(to, sizeof(to), "%zu", m->v[i].to);
			const char *cells[] = { cid, cdate, m->v[i].list ? m->v[i].list : "primary", move_kind(m->v[i].kind),
						m->v[i].slug, m->v[i].from ? from : NULL, m->v[i].to ? to : NULL };
			rf_table_add(&t, cells);
		}
	}
	if (format != RF_FORMAT_TEXT) {
		rf_table_print(&t, format, out);
		rf_table_free(&t);
	}
}

int rf_rankview_log(struct rf_session *s, const struct rf_rankview_opts *o)
{
	struct rf_history h = { 0 };
	struct log_row *rows = NULL;
	int r = -1;
	if (rf_session_open(s, RF_SESSION_READ) < 0)
		return -1;
	/* Uncommitted changes come first, compared with HEAD's text (read,
	 * not hashed: hashing would write an object). */
	struct rf_buf now = RF_BUF_INIT, head = RF_BUF_INIT;
	int missing_now, missing_head;
	if (rf_notesdir_read(&s->nd, RF_NOTEFILE_RANKS, &now, &missing_now) < 0 ||
	    rf_store_read(&s->st, NULL, RF_NOTEFILE_RANKS, &head, &missing_head) < 0)
		goto out;
	int dirty = missing_now != missing_head || now.len != head.len || (now.len && memcmp(now.buf, head.buf, now.len));
	if (rf_history_walk(&s->st, RF_NOTEFILE_RANKS, &h) < 0)
		goto out;
	size_t n = h.n + (size_t)dirty;
	rows = rf_xcalloc(n ? n : 1, sizeof(*rows));
	struct rf_history_entry wt;
	memset(&wt, 0, sizeof(wt));
	wt.worktree = 1;
	wt.has_new = !missing_now;
	int failed = 0;
	for (size_t k = 0; k < n && !failed; k++) {
		const struct rf_history_entry *e = dirty && k == 0 ? &wt : &h.v[k - (size_t)dirty];
		struct rf_ranklist a, b;
		char *why_a;
		rows[k].e = e;
		if (e->worktree) {
			char *why;
			unsigned line;
			if (missing_head || rf_ranklist_try_parse(&a, RF_NOTEFILE_RANKS, head.buf ? head.buf : "", head.len, &why, &line) < 0) {
				if (!missing_head)
					free(why);
				rf_ranklist_parse(&a, RF_NOTEFILE_RANKS, "", 0);
			}
			failed = side(&s->st, &s->nd, NULL, 1, &b, &rows[k].why) < 0;
		} else {
			failed = side(&s->st, &s->nd, e->old_path ? &e->old_blob : NULL, 0, &a, &why_a) < 0;
			free(why_a);
			failed |= side(&s->st, &s->nd, e->has_new ? &e->new_blob : NULL, 0, &b, &rows[k].why) < 0;
		}
		char *hint = e->subject ? subject_hint(e->subject) : NULL;
		rf_rankmoves_diff(&a, &b, hint, &rows[k].m);
		free(hint);
		rf_ranklist_free(&a);
		rf_ranklist_free(&b);
	}
	if (!failed)
		print_log(rf_session_output(s, o->format == RF_FORMAT_TEXT), rows, n, o->format);
	for (size_t k = 0; k < n; k++) {
		rf_rankmoves_free(&rows[k].m);
		free(rows[k].why);
	}
	r = failed ? -1 : 0;
out:
	free(rows);
	rf_buf_free(&now);
	rf_buf_free(&head);
	rf_history_free(&h);
	return r;
}

/* ---- two versions side by side ---- */

struct diff_side {
	git_commit *commit;	/* NULL: the work tree */
	char *label;		/* "abc1234 (2027-01-10)", "working tree" */
	struct rf_ranklist rl;
	struct rf_rankcheck c;
};

static int open_side(struct rf_session *s, const char *rev, int worktree, struct diff_side *d)
{
	memset(d, 0, sizeof(*d));
	if (!worktree && rf_revision_resolve(&s->st, rev, &d->commit) < 0)
		return -1;
	if (worktree) {
		d->label = rf_xstrdup("working tree");
	} else {
		char id[8], date[40];
		git_oid_tostr(id, sizeof(id), git_commit_id(d->commit));
		format_time(git_commit_author(d->commit)->when.time, 0, date, sizeof(date));
		d->label = rf_xasprintf("%s (%.10s)", id, date);
	}
	if (rf_ranklist_load(&d->rl, &s->nd, &s->st, d->commit) < 0)
		return -1;
	return rf_rankcheck_run(&d->c, &d->rl, s->scorer, &s->t, &s->nd, &s->st, d->commit);
}

static void close_side(struct diff_side *d)
{
	rf_rankcheck_free(&d->c);
	rf_ranklist_free(&d->rl);
	git_commit_free(d->commit);
	free(d->label);
}

static const struct rf_rankmove *find_move(const struct rf_rankmoves *m, const char *list, const char *slug)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->v[i].slug && !strcmp(m->v[i].slug, slug) && (m->v[i].kind <= RF_RANKMOVE_REMOVED) &&
		    ((!list && !m->v[i].list) || (list && m->v[i].list && !strcmp(list, m->v[i].list))))
			return &m->v[i];
	return NULL;
}

static void risk_of(const struct rf_rankcheck *c, const char *slug, char buf[32])
{
	const struct rf_rankprog *p = rf_rankcheck_prog(c, slug);
	if (p && !p->missing && !p->broken)
		rf_hundredths_format(p->score.risk, buf);
	else
		strcpy(buf, "-");
}

/* One list's rows: its programs now in rank order, then those gone. */
static void diff_rows(struct rf_table *t, const struct diff_side *a, const struct diff_side *b, const char *name,
		      const struct rf_rankmoves *m, int machine)
{
	const struct rf_ranklist_list *la = rf_ranklist_find(&a->rl, name), *lb = rf_ranklist_find(&b->rl, name);
	for (int pass = 0; pass < 2; pass++) {
		const struct rf_ranklist_list *from = pass ? la : lb;
		for (size_t i = 0; from && i < from->n; i++) {
			const char *slug = from->v[i].slug;
			size_t then = rf_ranklist_place(la, slug), now = rf_ranklist_place(lb, slug);
			if (pass && now)
				continue;
			const struct rf_rankmove *mv = find_move(m, name, slug);
			char ct[24] = "-", cn[24] = "-", ra[32], rb[32], move[64] = "";
			if (then)
				snprintf(ct, sizeof(ct), "%zu", then);
			if (now)
				snprintf(cn, sizeof(cn), "%zu", now);
			risk_of(&a->c, slug, ra);
			risk_of(&b->c, slug, rb);
			if (mv && mv->kind == RF_RANKMOVE_MOVED)
				snprintf(move, sizeof(move), machine ? "moved" : "%zu → %zu", mv->from, mv->to);
			else if (mv)
				snprintf(move, sizeof(move), "%s", mv->kind == RF_RANKMOVE_ADDED ? "added" : "removed");
			const char *cells[] = { name ? name : "primary", slug, then ? ct : NULL, now ? cn : NULL, move,
						*ra == '-' ? NULL : ra, *rb == '-' ? NULL : rb };
			if (!machine) {
				cells[2] = ct;
				cells[3] = cn;
				cells[5] = ra;
				cells[6] = rb;
			}
			const char *people[] = { cells[2], cells[3], cells[1], cells[4], cells[5], cells[6] };
			rf_table_add(t, machine ? cells : people);
		}
	}
}

static void diff_table(struct rf_table *t, int machine)
{
	static const char *const mcols[] = { "list", "program", "rank_then", "rank_now", "change", "risk_then",
					     "risk_now" };
	static const char *const pcols[] = { "then", "now", "program", "move", "risk then", "risk now" };
	rf_table_init(t, machine ? 7 : 6, machine ? mcols : pcols);
	for (size_t i = 0; i < (machine ? 7u : 6u); i++)
		if (machine ? (i == 2 || i == 3 || i == 5 || i == 6) : (i == 0 || i == 1 || i == 4 || i == 5))
			rf_table_set_kind(t, i, RF_COL_NUMBER);
}

static void print_diff(FILE *out, const struct diff_side *a, const struct diff_side *b, const struct rf_rankmoves *m,
		       enum rf_format format)
{
	int machine = format != RF_FORMAT_TEXT;
	struct rf_table t;
	struct rf_strv names = RF_STRV_INIT;
	rf_strv_push(&names, rf_xstrdup(""));
	for (size_t k = 1; k < b->rl.nlists; k++)
		rf_strv_push(&names, rf_xstrdup(b->rl.lists[k].name));
	for (size_t k = 1; k < a->rl.nlists; k++)
		if (!rf_strv_contains(&names, a->rl.lists[k].name))
			rf_strv_push(&names, rf_xstrdup(a->rl.lists[k].name));
	if (machine)
		diff_table(&t, 1);
	else
		fprintf(out, "%s: %s → %s\n", RF_NOTEFILE_RANKS, a->label, b->label);
	for (size_t k = 0; k < names.n; k++) {
		const char *name = *names.v[k] ? names.v[k] : NULL;
		if (!machine) {
			if (name)
				fprintf(out, "\nsupplemental %s%s\n", name, rf_ranklist_find(&b->rl, name) ? "" : " (removed)");
			diff_table(&t, 0);
		}
		diff_rows(&t, a, b, name, m, machine);
		if (!machine) {
			rf_table_print(&t, RF_FORMAT_TEXT, out);
			rf_table_free(&t);
		}
	}
	for (size_t i = 0; !machine && i < m->n; i++)
		if (m->v[i].kind == RF_RANKMOVE_ATTACHED || m->v[i].kind == RF_RANKMOVE_DETACHED) {
			char *ph = rf_rankmoves_phrase(&m->v[i]);
			fprintf(out, "%s\n", ph);
			free(ph);
		}
	if (machine) {
		rf_table_print(&t, format, out);
		rf_table_free(&t);
	}
	rf_strv_free(&names);
}

int rf_rankview_diff(struct rf_session *s, const struct rf_rankview_opts *o)
{
	struct diff_side a, b;
	struct rf_rankmoves m = { NULL, 0, 0 };
	int r = -1;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	if (rf_session_open(s, RF_SESSION_READ | RF_SESSION_SCORER | RF_SESSION_TEMPLATE) < 0 ||
	    open_side(s, o->nrevs ? o->revs[0] : "HEAD", 0, &a) < 0 ||
	    open_side(s, o->nrevs > 1 ? o->revs[1] : NULL, o->nrevs < 2, &b) < 0)
		goto out;
	rf_rankmoves_diff(&a.rl, &b.rl, NULL, &m);
	if (m.n || o->format != RF_FORMAT_TEXT)
		print_diff(rf_session_output(s, o->format == RF_FORMAT_TEXT), &a, &b, &m, o->format);
	r = m.n > 0;
out:
	rf_rankmoves_free(&m);
	close_side(&a);
	close_side(&b);
	return r;
}
