#include "diffview.h"

#include <stdlib.h>
#include <string.h>

#include "notefile.h"
#include "revnote.h"
#include "semdiff.h"
#include "trajectory.h"

struct view {
	struct rf_session *s;
	int cross, machine;
	enum rf_format format;
	FILE *out;
	int colour;
	char risk[2][32];	/* before, after */
};

static char *key_name(const struct rf_change *ch)
{
	return ch->key ? (*ch->section ? rf_xasprintf("%s.%s", ch->section, ch->key) : rf_xstrdup(ch->key))
		       : rf_xasprintf("[%s]", ch->section);
}

static void print_machine(struct view *c, const struct rf_changes *ch)
{
	static const char *const names[] = { "kind", "key", "old", "new" };
	struct rf_table t;
	rf_table_init(&t, 4, names);
	for (size_t i = 0; i < ch->n; i++) {
		char *key = key_name(&ch->v[i]);
		const char *row[4] = { rf_change_kind_name(ch->v[i].kind), key, ch->v[i].old_value,
				       ch->v[i].new_value };
		rf_table_add(&t, row);
		free(key);
	}
	if (ch->layout_only) {
		const char *row[4] = { "layout", NULL, NULL, NULL };
		rf_table_add(&t, row);
	}
	if (ch->n || ch->layout_only) {
		const char *row[4] = { "risk", NULL, strchr("-?", c->risk[0][0]) ? NULL : c->risk[0],
				       strchr("-?", c->risk[1][0]) ? NULL : c->risk[1] };
		rf_table_add(&t, row);
	}
	rf_table_print(&t, c->format, c->out);
	rf_table_free(&t);
}

static const char *cell(const char *v)
{
	return !v ? "(none)" : *v ? v : "\"\"";
}

/* -x for people: one row per differing key, the programs side by side. */
static void print_side_by_side(struct view *c, const struct rf_changes *ch, const struct rf_revnote *a,
			       const struct rf_revnote *b)
{
	char *sa = rf_notefile_slug(a->file), *sb = rf_notefile_slug(b->file);
	const char *names[3] = { "key", sa, sb };
	struct rf_table t;
	rf_table_init(&t, 3, names);
	for (size_t i = 0; i < ch->n; i++) {
		const struct rf_change *x = &ch->v[i];
		char *key = key_name(x);
		const char *row[3] = { key, cell(x->old_value), cell(x->new_value) };
		if (x->kind == RF_CHANGE_SECTION_ADDED || x->kind == RF_CHANGE_SECTION_REMOVED) {
			row[1] = x->kind == RF_CHANGE_SECTION_ADDED ? "(none)" : "(section)";
			row[2] = x->kind == RF_CHANGE_SECTION_ADDED ? "(section)" : "(none)";
		}
		rf_table_add(&t, row);
		free(key);
	}
	const char *risk[3] = { "risk", c->risk[0], c->risk[1] };
	rf_table_add(&t, risk);
	rf_table_print(&t, RF_FORMAT_TEXT, c->out);
	rf_table_free(&t);
	free(sa);
	free(sb);
}

static void print_people(struct view *c, const struct rf_changes *ch, const struct rf_revnote *a,
			 const struct rf_revnote *b)
{
	FILE *out = c->out;
	char *slug = rf_notefile_slug(b->file);
	if (c->colour)
		fputs("\033[1m", out);
	if (strcmp(a->file, b->file) != 0) {
		char *from = rf_notefile_slug(a->file);
		fprintf(out, "%s: %s %s → %s", slug, from, a->where, b->where);
		free(from);
	} else {
		fprintf(out, "%s: %s → %s", slug, a->where, b->where);
	}
	fputs(c->colour ? "\033[m\n" : "\n", out);
	if (b->missing)
		fputs("note deleted\n", out);
	else
		rf_changes_print(out, ch, "", a->missing, c->colour);
	fprintf(out, "risk %s → %s\n", c->risk[0], c->risk[1]);
	free(slug);
}

static int run(struct view *c, char *const *args, int nargs)
{
	struct rf_revnote a = { 0 }, b = { 0 };
	struct rf_changes ch = { NULL, 0, 0 };
	char *slug = NULL, *slug2 = NULL;
	int r = -1;

	if (rf_session_open(c->s, RF_SESSION_READ | RF_SESSION_TEMPLATE) < 0)
		return -1;
	if (rf_notesdir_resolve(&c->s->nd, args[0], &slug) < 0)
		goto out;
	char *file = rf_notefile_name(slug);
	if (c->cross) {
		char *file2 = NULL;
		if (rf_notesdir_resolve(&c->s->nd, args[1], &slug2) == 0) {
			file2 = rf_notefile_name(slug2);
			if (rf_revnote_worktree(&a, &c->s->nd, file) == 0)
				r = rf_revnote_worktree(&b, &c->s->nd, file2);
		}
		free(file2);
	} else if (rf_revnote_rev(&a, &c->s->st, nargs > 1 ? args[1] : NULL, file) == 0) {
		/* From the last commit or REV to the work tree, or REV to REV. */
		r = nargs == 3 ? rf_revnote_rev(&b, &c->s->st, args[2], file)
			       : rf_revnote_worktree_clean(&b, &c->s->nd, &c->s->st, file);
	}
	free(file);
	if (r < 0)
		goto out;
	r = -1;
	rf_semdiff_full(a.missing ? NULL : &a.note, b.missing ? NULL : &b.note, &c->s->t, &ch);
	if (c->cross)
		ch.layout_only = 0;	/* two programs' comments always differ */
	int differ = ch.n > 0 || ch.layout_only || a.missing != b.missing || strcmp(a.file, b.file) != 0;
	if (differ || c->machine) {
		struct rf_trajectory *traj;
		if (rf_trajectory_new(&traj, &c->s->st, &c->s->nd) < 0)
			goto out;
		rf_trajectory_note_risk(traj, a.missing ? NULL : &a.note, c->risk[0], NULL);
		rf_trajectory_note_risk(traj, b.missing ? NULL : &b.note, c->risk[1], NULL);
		rf_trajectory_free(traj);
		c->out = rf_session_output(c->s, !c->machine);
		c->colour = !c->machine && rf_session_colour(c->s);
		if (c->machine)
			print_machine(c, &ch);
		else if (c->cross)
			print_side_by_side(c, &ch, &a, &b);
		else
			print_people(c, &ch, &a, &b);
	}
	r = differ;
out:
	rf_changes_free(&ch);
	rf_revnote_free(&a);
	rf_revnote_free(&b);
	free(slug);
	free(slug2);
	return r;
}

int rf_diffview_run(struct rf_session *s, int cross, enum rf_format format, char *const *args, int nargs)
{
	struct view v;
	memset(&v, 0, sizeof(v));
	v.s = s;
	v.cross = cross;
	v.format = format;
	v.machine = format != RF_FORMAT_TEXT;
	v.out = stdout;
	return run(&v, args, nargs);
}
