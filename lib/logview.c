#include "logview.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "date.h"
#include "history.h"
#include "notefile.h"
#include "revnote.h"
#include "semdiff.h"
#include "trajectory.h"
#include "worktree.h"

struct view {
	struct rf_session *s;
	const struct rf_logview_opts *o;
	FILE *out;
	/* The older side of the last entry shown with -p, which is the newer
	 * side of the next one in a note's history: parsed once. */
	struct rf_revnote last_old;
	git_oid last_old_id;
	int have_last_old;
	int colour;
	struct rf_trajectory *traj;
	char (*risk)[2][32];	/* per shown entry: before, after */
};

/* The entry's moment in the local time zone, "YYYY-MM-DD HH:MM", or ISO
 * 8601 with the offset for machine formats. */
static void format_date(const struct rf_history_entry *e, int iso, char *buf, size_t size)
{
	time_t t = (time_t)e->time;
	struct tm tm;
	localtime_r(&t, &tm);
	if (!iso) {
		strftime(buf, size, "%Y-%m-%d %H:%M", &tm);
		return;
	}
	char zone[8];
	strftime(zone, sizeof(zone), "%z", &tm);
	char base[32];
	strftime(base, sizeof(base), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, size, "%s%.3s:%.2s", base, zone, zone + 3);
}

/* The per-key changes of an entry (none on error, so ch can always be
 * freed); *created when it has no old side. */
static int entry_changes(struct view *c, const struct rf_history_entry *e, struct rf_changes *ch, int *created)
{
	struct rf_revnote a = { 0 }, b = { 0 };
	int r = -1, reuse = c->have_last_old && e->has_new && !e->worktree &&
			     git_oid_equal(&c->last_old_id, &e->new_blob) && !strcmp(c->last_old.file, e->path);
	memset(ch, 0, sizeof(*ch));
	if (reuse) {
		b = c->last_old;
		c->have_last_old = 0;
	}
	if (rf_revnote_entry(&a, &c->s->st, &c->s->nd, e, 0) == 0 &&
	    (reuse || rf_revnote_entry(&b, &c->s->st, &c->s->nd, e, 1) == 0)) {
		/* A version a partial clone lacks: its changes are not known. */
		if (a.absent || b.absent)
			*created = -1;
		else
			rf_semdiff_full(a.missing ? NULL : &a.note, b.missing ? NULL : &b.note,
					c->o->patch ? &c->s->t : NULL, ch);
		if (!a.absent && !b.absent)
			*created = a.missing;
		r = 0;
	}
	rf_revnote_free(&b);
	if (c->have_last_old)
		rf_revnote_free(&c->last_old);
	c->have_last_old = r == 0 && e->old_path && !a.missing && !a.absent;
	if (c->have_last_old) {
		c->last_old = a;
		git_oid_cpy(&c->last_old_id, &e->old_blob);
	} else {
		rf_revnote_free(&a);
	}
	return r;
}

/* rf-sync's merge commit says what became of each note ("mercy-general:
 * merged, 1 conflict recorded", lib/treemerge.c): that line for e's note,
 * or NULL.  Caller frees. */
static char *sync_outcome(struct view *c, const struct rf_history_entry *e)
{
	git_commit *commit = NULL;
	char *slug = rf_notefile_slug(e->path), *line = NULL;
	if (e->merge && git_commit_lookup(&commit, c->s->st.repo, &e->commit) == 0 &&
	    !strncmp(git_commit_summary(commit), "sync with ", 10)) {
		const char *body = git_commit_body(commit);
		size_t n = strlen(slug);
		for (const char *p = body; p && *p && !line; p = strchr(p, '\n') ? strchr(p, '\n') + 1 : NULL)
			if (!strncmp(p, slug, n) && p[n] == ':' && p[n + 1] == ' ')
				line = rf_xstrndup(p + n + 2, strcspn(p + n + 2, "\n"));
	}
	git_error_clear();
	git_commit_free(commit);
	free(slug);
	return line;
}

static void print_entry_extra(struct view *c, const struct rf_history_entry *e, const struct rf_changes *ch, int created)
{
	FILE *out = c->out;
	char *outcome = sync_outcome(c, e);
	if (outcome)
		fprintf(out, "    sync: %s\n", outcome);
	free(outcome);
	if (e->old_path && strcmp(e->old_path, e->path) != 0) {
		char *from = rf_notefile_slug(e->old_path);
		fprintf(out, "    renamed from %s\n", from);
		free(from);
	}
	if (created < 0)
		fprintf(out, "    (a version this partial clone does not have: changes not known)\n");
	else if (!e->has_new)
		fprintf(out, "    note deleted\n");
	else
		rf_changes_print(out, ch, "    ", created, c->colour);
}

/* On a terminal, one program: its risk over the entries shown, oldest to
 * newest, as a sparkline. */
static void print_sparkline(struct view *c, const size_t *idx, size_t n, const double *before, const double *after,
			    const int *have_before, const int *have_after)
{
	double *v = rf_xcalloc(n + 1, sizeof(*v));
	size_t m = 0;
	(void)idx;
	/* idx is newest first unless --reverse. */
	for (size_t j = 0; j < n; j++) {
		size_t k = c->o->reverse ? j : n - 1 - j;
		if (j == 0 && have_before[k])
			v[m++] = before[k];
		if (have_after[k])
			v[m++] = after[k];
	}
	if (m >= 2) {
		char *line = rf_sparkline(v, m), a[32], b[32];
		rf_risk_format(v[0], a);
		rf_risk_format(v[m - 1], b);
		fprintf(c->out, "risk %s → %s  %s\n", a, b, line);
		free(line);
	}
	free(v);
}

static int print_people(struct view *c, const struct rf_history *h, const size_t *idx, size_t n)
{
	FILE *out = c->out;
	int r = 0;
	size_t wprog = 0, wrisk = 0;
	int timeline = !c->o->program;
	char **risks = rf_xcalloc(n ? n : 1, sizeof(*risks));
	for (size_t k = 0; k < n; k++) {
		risks[k] = rf_xasprintf("%s → %s", c->risk[k][0], c->risk[k][1]);
		if (rf_display_width(risks[k]) > wrisk)
			wrisk = rf_display_width(risks[k]);
	}
	for (size_t k = 0; timeline && k < n; k++) {
		char *s = rf_notefile_slug(h->v[idx[k]].path);
		size_t w = rf_display_width(s);
		if (w > wprog)
			wprog = w;
		free(s);
	}
	for (size_t k = 0; k < n; k++) {
		const struct rf_history_entry *e = &h->v[idx[k]];
		char head[64];
		if (e->worktree) {
			snprintf(head, sizeof(head), "%-24s", "working tree");
		} else {
			char id[GIT_OID_HEXSZ + 1], date[32];
			git_oid_tostr(id, sizeof(id), &e->commit);
			format_date(e, 0, date, sizeof(date));
			snprintf(head, sizeof(head), "%.7s %s", id, date);
		}
		if (c->colour)
			fprintf(out, "\033[33m%s\033[m  ", head);
		else
			fprintf(out, "%s  ", head);
		if (timeline) {
			char *s = rf_notefile_slug(e->path);
			fprintf(out, "%s%*s  ", s, (int)(wprog - rf_display_width(s)), "");
			free(s);
		}
		fprintf(out, "%s%*s  ", risks[k], (int)(wrisk - rf_display_width(risks[k])), "");
		fprintf(out, "%s\n", e->worktree ? "(uncommitted changes)" : e->subject);
		if (c->o->patch) {
			struct rf_changes ch;
			int created;
			if (entry_changes(c, e, &ch, &created) < 0) {
				r = -1;
				break;
			}
			print_entry_extra(c, e, &ch, created);
			rf_changes_free(&ch);
		}
	}
	for (size_t k = 0; k < n; k++)
		free(risks[k]);
	free(risks);
	return r;
}

static int print_machine(struct view *c, const struct rf_history *h, const size_t *idx, size_t n)
{
	static const char *const names[] = { "commit", "date", "program", "risk_before", "risk_after", "subject",
					      "kind", "key", "old", "new" };
	struct rf_table t;
	int r = 0;
	rf_table_init(&t, c->o->patch ? 10 : 6, names);
	rf_table_set_kind(&t, 3, RF_COL_NUMBER);
	rf_table_set_kind(&t, 4, RF_COL_NUMBER);
	for (size_t k = 0; k < n && r == 0; k++) {
		const struct rf_history_entry *e = &h->v[idx[k]];
		char id[GIT_OID_HEXSZ + 1], date[40];
		git_oid_tostr(id, sizeof(id), &e->commit);
		format_date(e, 1, date, sizeof(date));
		char *prog = rf_notefile_slug(e->path);
		const char *rb = c->risk[k][0], *ra = c->risk[k][1];
		const char *row[10] = { e->worktree ? NULL : id, e->worktree ? NULL : date, prog,
					strchr("-?", *rb) ? NULL : rb, strchr("-?", *ra) ? NULL : ra,
					e->worktree ? NULL : e->subject, NULL, NULL, NULL, NULL };
		if (!c->o->patch) {
			rf_table_add(&t, row);
		} else {
			struct rf_changes ch;
			int created;
			if (entry_changes(c, e, &ch, &created) < 0) {
				r = -1;
			} else if (!e->has_new || ch.n == 0) {
				row[6] = created < 0 ? "absent" : !e->has_new ? "deleted" : ch.layout_only ? "layout"
						 : e->old_path && strcmp(e->old_path, e->path) ? "renamed" : "none";
				rf_table_add(&t, row);
			} else {
				for (size_t i = 0; i < ch.n; i++) {
					char *key = ch.v[i].key ? rf_xasprintf("%s.%s", ch.v[i].section, ch.v[i].key)
								: rf_xasprintf("[%s]", ch.v[i].section);
					row[6] = rf_change_kind_name(ch.v[i].kind);
					row[7] = key;
					row[8] = ch.v[i].old_value;
					row[9] = ch.v[i].new_value;
					rf_table_add(&t, row);
					free(key);
				}
			}
			rf_changes_free(&ch);
		}
		free(prog);
	}
	if (r == 0)
		rf_table_print(&t, c->o->format, c->out);
	rf_table_free(&t);
	return r;
}

/* What the history shown lacks, one line each: the part before a shallow
 * clone's boundary (unless -n cut the list earlier) and the versions a
 * partial clone does not have.  For people after the list; for scripts on
 * stderr, so the table stays a table. */
static void print_gaps(struct view *c, const struct rf_history *h, int cut_by_max)
{
	struct rf_strv lines = RF_STRV_INIT;
	if (h->cut && !cut_by_max) {
		time_t t = (time_t)h->cut_time;
		struct tm tm;
		char id[8], day[16];
		localtime_r(&t, &tm);
		strftime(day, sizeof(day), "%Y-%m-%d", &tm);
		git_oid_tostr(id, sizeof(id), &h->cut_at);
		rf_strv_push(&lines, rf_xasprintf("shallow clone: the history before %s (%s) is not here; git fetch "
						  "--unshallow fetches it", id, day));
	}
	size_t absent = c->traj ? rf_trajectory_absent(c->traj) : 0;
	if (absent) {
		char *hint = rf_store_refetch_hint(&c->s->st);
		rf_strv_push(&lines, rf_xasprintf("partial clone: %zu version%s of notes %s not here (risk ?); fetch "
						  "every version: %s", absent, absent == 1 ? "" : "s",
						  absent == 1 ? "is" : "are", hint ? hint : "git fetch --refetch"));
		free(hint);
	}
	for (size_t i = 0; i < lines.n; i++) {
		if (c->o->format == RF_FORMAT_TEXT)
			fprintf(c->out, "%s\n", lines.v[i]);
		else
			rf_inform("%s", lines.v[i]);
	}
	rf_strv_free(&lines);
}

/* --since/--until: a day means all of it. */
static int parse_bound(const char *s, int since, int64_t now, int64_t *out)
{
	if (rf_date_parse_approx(s, now, out) < 0)
		return rf_error("'%s': not a date (YYYY-MM-DD or \"N days ago\")", s);
	if (since && rf_date_is_ymd(s))
		*out -= 86399;
	return 0;
}

/* Which entries are shown: the work tree is the present, so any --until
 * leaves it out. */
struct bounds {
	int64_t since, until;
	int has_until;
	unsigned max;
	size_t seen, count;	/* entries looked at, and shown */
};

static int in_bounds(const struct bounds *b, const struct rf_history_entry *e)
{
	return e->worktree ? !b->has_until : e->time >= b->since && e->time <= b->until;
}

/* -n N: the walk can stop once N entries to show are known. */
static int enough(const struct rf_history *h, void *arg)
{
	struct bounds *b = arg;
	for (; b->seen < h->n; b->seen++)
		b->count += in_bounds(b, &h->v[b->seen]);
	return b->count >= b->max;
}

static int run(struct view *c)
{
	struct rf_history h = { 0 };
	char *slug = NULL, *file = NULL, *head_path = NULL;
	size_t *idx = NULL, n = 0;
	int64_t now = (int64_t)time(NULL);
	struct bounds b = { INT64_MIN, INT64_MAX, c->o->until != NULL, c->o->max, 0, 0 };
	int r = -1;

	if (c->o->since && parse_bound(c->o->since, 1, now, &b.since) < 0)
		return -1;
	if (c->o->until && parse_bound(c->o->until, 0, now, &b.until) < 0)
		return -1;
	if (c->o->program) {
		if (rf_notesdir_resolve(&c->s->nd, c->o->program, &slug) < 0)
			goto out;
		file = rf_notefile_name(slug);
	}
	if (c->o->patch && rf_session_open(c->s, RF_SESSION_TEMPLATE) < 0)
		goto out;
	if (rf_worktree_changes(&c->s->st, &c->s->nd, file, &h, &head_path) < 0)
		goto out;
	if (!c->o->have_max ? rf_history_walk(&c->s->st, file ? head_path : NULL, &h) < 0
	    : !enough(&h, &b) && rf_history_walk_until(&c->s->st, file ? head_path : NULL, enough, &b, &h) < 0)
		goto out;

	idx = rf_xcalloc(h.n ? h.n : 1, sizeof(*idx));
	int cut_by_max = 0;
	for (size_t i = 0; i < h.n; i++) {
		if (!in_bounds(&b, &h.v[i]))
			continue;
		if (c->o->have_max && n >= c->o->max) {
			cut_by_max = 1;
			break;
		}
		idx[n++] = i;
	}
	if (c->o->reverse)
		for (size_t i = 0; i < n / 2; i++) {
			size_t tmp = idx[i];
			idx[i] = idx[n - 1 - i];
			idx[n - 1 - i] = tmp;
		}
	if (rf_trajectory_new(&c->traj, &c->s->st, &c->s->nd) < 0)
		goto out;
	rf_trajectory_prepare(c->traj, &h, idx, n);
	c->risk = rf_xcalloc(n ? n : 1, sizeof(*c->risk));
	double *before = rf_xcalloc(n ? n : 1, sizeof(double)), *after = rf_xcalloc(n ? n : 1, sizeof(double));
	int *hb = rf_xcalloc(n ? n : 1, sizeof(int)), *ha = rf_xcalloc(n ? n : 1, sizeof(int));
	int failed = 0;
	for (size_t k = 0; k < n && !failed; k++) {
		hb[k] = rf_trajectory_risk(c->traj, &h.v[idx[k]], 0, c->risk[k][0], &before[k]);
		ha[k] = rf_trajectory_risk(c->traj, &h.v[idx[k]], 1, c->risk[k][1], &after[k]);
		failed = hb[k] < 0 || ha[k] < 0;
	}
	if (!failed) {
		int machine = c->o->format != RF_FORMAT_TEXT;
		c->out = rf_session_output(c->s, !machine);
		c->colour = !machine && rf_session_colour(c->s);
		if (!machine && c->o->program && c->s->pg.tty)
			print_sparkline(c, idx, n, before, after, hb, ha);
		r = machine ? print_machine(c, &h, idx, n) : print_people(c, &h, idx, n);
		if (r == 0)
			print_gaps(c, &h, cut_by_max);
	}
	free(before);
	free(after);
	free(hb);
	free(ha);
out:
	if (c->have_last_old)
		rf_revnote_free(&c->last_old);
	c->have_last_old = 0;
	free(c->risk);
	c->risk = NULL;
	rf_trajectory_free(c->traj);
	c->traj = NULL;
	free(idx);
	rf_history_free(&h);
	free(head_path);
	free(file);
	free(slug);
	return r;
}

int rf_logview_run(struct rf_session *s, const struct rf_logview_opts *o)
{
	struct view v;
	memset(&v, 0, sizeof(v));
	v.s = s;
	v.o = o;
	v.out = stdout;
	return rf_session_open(s, RF_SESSION_READ) < 0 ? -1 : run(&v);
}
