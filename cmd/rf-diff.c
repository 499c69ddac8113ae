/* rf-diff: what changed in a note between two revisions, key by key; or how
 * two programs' notes differ (-x). */
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "notefile.h"
#include "notesdir.h"
#include "output.h"
#include "pager.h"
#include "revnote.h"
#include "semdiff.h"
#include "store.h"
#include "template.h"
#include "trajectory.h"

enum { OPT_FORMAT = RF_OPT_LONG, OPT_TEXTCONV };

static const struct rf_option options[] = {
	{ 'x', "cross", NULL, "compare two programs" },
	{ OPT_FORMAT, "format", "FMT", "text (default), tsv or json" },
	{ OPT_TEXTCONV, "textconv", "FILE", NULL },	/* git's diff driver (lib/gitdiff.h) */
	{ 0 },
};

static const struct rf_command command = {
	.usage = "rf-diff [-C DIR] [--format text|tsv|json] PROGRAM [REV [REV]]\n"
		 "rf-diff [-C DIR] [--format text|tsv|json] -x PROGRAM PROGRAM",
	.about = "Show per key what changed in a program's note: from the last commit to\n"
		 "the working tree, from REV to the working tree, or from REV to REV\n"
		 "(git revisions, YYYY-MM-DD, \"N days ago\").  With -x, compare two\n"
		 "programs' notes side by side.  Exit 0: no differences, 1: differences.",
	.options = options,
	.max_operands = 3,
	.flags = RF_CLI_NO_DASHED,
};

struct ctx {
	const char *dir;
	int cross, machine;
	enum rf_format format;
	struct rf_notesdir nd;
	struct rf_store st;
	struct rf_template t;
	int have_t;
	struct rf_pager pg;
	int colour;
	char risk[2][32];	/* before, after */
};

static char *key_name(const struct rf_change *ch)
{
	return ch->key ? (*ch->section ? rf_xasprintf("%s.%s", ch->section, ch->key) : rf_xstrdup(ch->key))
		       : rf_xasprintf("[%s]", ch->section);
}

static void print_machine(struct ctx *c, const struct rf_changes *ch)
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
	rf_table_print(&t, c->format, c->pg.out);
	rf_table_free(&t);
}

static const char *cell(const char *v)
{
	return !v ? "(none)" : *v ? v : "\"\"";
}

/* -x for people: one row per differing key, the programs side by side. */
static void print_side_by_side(struct ctx *c, const struct rf_changes *ch, const struct rf_revnote *a,
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
	rf_table_print(&t, RF_FORMAT_TEXT, c->pg.out);
	rf_table_free(&t);
	free(sa);
	free(sb);
}

static void print_people(struct ctx *c, const struct rf_changes *ch, const struct rf_revnote *a,
			 const struct rf_revnote *b)
{
	FILE *out = c->pg.out;
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

static int run(struct ctx *c, char **args, int nargs)
{
	struct rf_revnote a = { 0 }, b = { 0 };
	struct rf_changes ch = { NULL, 0, 0 };
	char *slug = NULL, *slug2 = NULL;
	int r = -1;

	char *tpath = rf_share_path("program.ini");
	if (!tpath || rf_template_load(&c->t, tpath) < 0) {
		free(tpath);
		return -1;
	}
	free(tpath);
	c->have_t = 1;
	if (rf_notesdir_resolve(&c->nd, args[0], &slug) < 0)
		goto out;
	char *file = rf_notefile_name(slug);
	if (c->cross) {
		char *file2 = NULL;
		if (rf_notesdir_resolve(&c->nd, args[1], &slug2) == 0) {
			file2 = rf_notefile_name(slug2);
			if (rf_revnote_worktree(&a, &c->nd, file) == 0)
				r = rf_revnote_worktree(&b, &c->nd, file2);
		}
		free(file2);
	} else if (rf_revnote_rev(&a, &c->st, nargs > 1 ? args[1] : NULL, file) == 0) {
		/* From the last commit or REV to the work tree, or REV to REV. */
		r = nargs == 3 ? rf_revnote_rev(&b, &c->st, args[2], file) : rf_revnote_worktree(&b, &c->nd, file);
	}
	free(file);
	if (r < 0)
		goto out;
	r = -1;
	rf_semdiff_full(a.missing ? NULL : &a.note, b.missing ? NULL : &b.note, &c->t, &ch);
	if (c->cross)
		ch.layout_only = 0;	/* two programs' comments always differ */
	int differ = ch.n > 0 || ch.layout_only || a.missing != b.missing || strcmp(a.file, b.file) != 0;
	if (differ || c->machine) {
		struct rf_trajectory *traj;
		if (rf_trajectory_new(&traj, &c->st, &c->nd) < 0)
			goto out;
		rf_trajectory_note_risk(traj, a.missing ? NULL : &a.note, c->risk[0], NULL);
		rf_trajectory_note_risk(traj, b.missing ? NULL : &b.note, c->risk[1], NULL);
		rf_trajectory_free(traj);
		rf_pager_start(&c->pg);
		c->colour = !c->machine && rf_colour_wanted(&c->pg);
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

/* git's textconv: the note at path as "section.key = value" lines. */
static int textconv(const char *path)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_template t;
	struct rf_note note;
	if (rf_read_file(path, &text) < 0)
		return RF_FAIL;
	/* Without the template the lines keep file order: still a per-key diff. */
	char *tpath = rf_share_path("program.ini");
	int have_t = tpath && rf_template_load(&t, tpath) == 0;
	rf_note_parse(&note, path, text.buf, text.len, 0);
	char *lines = rf_semdiff_normalize(&note, have_t ? &t : NULL);
	fputs(lines, stdout);
	free(lines);
	rf_note_free(&note);
	if (have_t)
		rf_template_free(&t);
	free(tpath);
	rf_buf_free(&text);
	return RF_OK;
}

int main(int argc, char **argv)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct rf_cli cli;
	struct ctx c;
	int opt;
	memset(&c, 0, sizeof(c));
	c.nd.fd = -1;
	c.st.lock_fd = -1;
	rf_pager_none(&c.pg);
	rf_cli_start(&cli, &command, argc, argv);
	while ((opt = rf_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'x': c.cross = 1; break;
		case OPT_FORMAT:
			if (rf_format_parse(cli.arg, formats, &c.format) < 0)
				return rf_cli_finish(RF_FAIL);
			c.machine = c.format != RF_FORMAT_TEXT;
			break;
		case OPT_TEXTCONV: return rf_cli_finish(textconv(cli.arg));
		}
	}
	if (opt == RF_CLI_EXIT)
		return cli.status;
	int nargs = cli.noperands;
	if (c.cross ? nargs != 2 : nargs < 1)
		return rf_cli_usage_error(&cli, c.cross ? "-x compares two PROGRAMs" : "name a PROGRAM");

	int status = RF_FAIL;
	char *dir = rf_notesdir_locate(cli.dir);
	if (rf_notesdir_open(&c.nd, dir) == 0 && rf_store_open(&c.st, dir, RF_STORE_READ) == 0) {
		int r = run(&c, cli.operands, nargs);
		status = r < 0 ? RF_FAIL : r ? RF_NO : RF_OK;
	}
	if (rf_pager_finish(&c.pg) < 0)
		status = RF_FAIL;
	if (c.have_t)
		rf_template_free(&c.t);
	rf_store_close(&c.st);
	rf_notesdir_close(&c.nd);
	free(dir);
	return rf_cli_finish(status);
}
