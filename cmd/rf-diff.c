/* rf-diff: what changed in a note between two revisions, key by key; or how
 * two programs' notes differ (-x). */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "history.h"
#include "notefile.h"
#include "notesdir.h"
#include "output.h"
#include "pager.h"
#include "revision.h"
#include "semdiff.h"
#include "store.h"
#include "template.h"
#include "trajectory.h"

static const char usage[] =
	"rf-diff [-C DIR] [--format tsv|json] PROGRAM [REV [REV]]\n"
	"       rf-diff [-C DIR] [--format tsv|json] -x PROGRAM PROGRAM";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Show per key what changed in a program's note: from the last commit to\n"
	       "the working tree, from REV to the working tree, or from REV to REV\n"
	       "(git revisions, YYYY-MM-DD, \"N days ago\").  With -x, compare two\n"
	       "programs' notes side by side.  Exit 0: no differences, 1: differences.\n\n"
	       "  -C DIR          notes directory (default $RF_DIR, else ~/rf)\n"
	       "  -x              compare two programs\n"
	       "      --format F  tsv or json\n"
	       "  -h, --help      show this help\n"
	       "      --version\n",
	       usage);
}

struct side {
	char *label;		/* "1a2b3c4", "working tree", a slug */
	char *file;		/* the note's name there */
	struct rf_buf text;
	int missing;
	struct rf_note note;
	int parsed;
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

static void side_free(struct side *s)
{
	free(s->label);
	free(s->file);
	rf_buf_free(&s->text);
	if (s->parsed)
		rf_note_free(&s->note);
}

static void side_parse(struct side *s)
{
	if (!s->missing) {
		char *label = rf_xasprintf("%s@%s", s->file, s->label);
		rf_note_parse(&s->note, label, s->text.buf, s->text.len, 0);
		free(label);
		s->parsed = 1;
	}
}

/* The note at a revision (spec NULL: HEAD), by the name it had then. */
static int side_at(struct ctx *c, const char *file, const char *spec, struct side *s)
{
	git_commit *commit = NULL;
	char id[GIT_OID_HEXSZ + 1];
	int r = -1;
	if (spec) {
		if (rf_revision_resolve(&c->st, spec, &commit) < 0)
			return -1;
	} else if (git_repository_head_unborn(c->st.repo) == 1) {
		s->label = rf_xstrdup("(no commit)");
		s->file = rf_xstrdup(file);
		s->missing = 1;
		return 0;
	} else if (rf_revision_resolve(&c->st, "HEAD", &commit) < 0) {
		return -1;
	}
	git_oid_tostr(id, sizeof(id), git_commit_id(commit));
	s->label = rf_xstrndup(id, 7);
	if (rf_store_read(&c->st, commit, file, &s->text, &s->missing) < 0)
		goto out;
	s->file = rf_xstrdup(file);
	if (s->missing) {
		/* Perhaps it had another name then (git mv). */
		char *then;
		if (rf_history_name_at(&c->st, file, commit, &then) < 0)
			goto out;
		if (strcmp(then, file) != 0 && rf_store_read(&c->st, commit, then, &s->text, &s->missing) < 0) {
			free(then);
			goto out;
		}
		free(s->file);
		s->file = then;
	}
	r = 0;
out:
	git_commit_free(commit);
	return r;
}

static int side_worktree(struct ctx *c, const char *file, const char *label, struct side *s)
{
	s->label = rf_xstrdup(label);
	s->file = rf_xstrdup(file);
	return rf_notesdir_read(&c->nd, file, &s->text, &s->missing);
}

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
static void print_side_by_side(struct ctx *c, const struct rf_changes *ch, const struct side *a, const struct side *b)
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
	rf_table_print(&t, RF_FORMAT_TABLE, c->pg.out);
	rf_table_free(&t);
	free(sa);
	free(sb);
}

static void print_people(struct ctx *c, const struct rf_changes *ch, const struct side *a, const struct side *b)
{
	FILE *out = c->pg.out;
	char *slug = rf_notefile_slug(b->file);
	if (c->colour)
		fputs("\033[1m", out);
	if (strcmp(a->file, b->file) != 0) {
		char *from = rf_notefile_slug(a->file);
		fprintf(out, "%s: %s %s → %s", slug, from, a->label, b->label);
		free(from);
	} else {
		fprintf(out, "%s: %s → %s", slug, a->label, b->label);
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
	struct side a, b;
	struct rf_changes ch = { NULL, 0, 0 };
	char *slug = NULL, *slug2 = NULL;
	int r = -1;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));

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
			if (side_worktree(c, file, slug, &a) == 0)
				r = side_worktree(c, file2, slug2, &b);
		}
		free(file2);
	} else if (nargs == 1) {
		if (side_at(c, file, NULL, &a) == 0)
			r = side_worktree(c, file, "working tree", &b);
	} else if (nargs == 2) {
		if (side_at(c, file, args[1], &a) == 0)
			r = side_worktree(c, file, "working tree", &b);
	} else if (side_at(c, file, args[1], &a) == 0) {
		r = side_at(c, file, args[2], &b);
	}
	free(file);
	if (r < 0)
		goto out;
	r = -1;
	side_parse(&a);
	side_parse(&b);
	rf_semdiff_full(a.missing ? NULL : &a.note, b.missing ? NULL : &b.note, &c->t, &ch);
	if (c->cross)
		ch.layout_only = 0;	/* two programs' comments always differ */
	int differ = ch.n > 0 || ch.layout_only || a.missing != b.missing || strcmp(a.file, b.file) != 0;
	if (differ || c->machine) {
		struct rf_trajectory *traj;
		if (rf_trajectory_new(&traj, &c->st, &c->nd) < 0)
			goto out;
		rf_trajectory_text_risk(traj, a.file, a.missing ? NULL : a.text.buf, a.text.len, c->risk[0], NULL);
		rf_trajectory_text_risk(traj, b.file, b.missing ? NULL : b.text.buf, b.text.len, c->risk[1], NULL);
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
	side_free(&a);
	side_free(&b);
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
	static const struct option longopts[] = {
		{ "format", required_argument, NULL, 'F' },
		{ "textconv", required_argument, NULL, 'T' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "table", "tsv", "json", NULL };
	struct ctx c;
	int opt;
	memset(&c, 0, sizeof(c));
	c.nd.fd = -1;
	c.st.lock_fd = -1;
	rf_pager_none(&c.pg);
	rf_cli_init();
	while ((opt = getopt_long(argc, argv, "C:xh", longopts, NULL)) != -1) {
		switch (opt) {
		case 'C': c.dir = optarg; break;
		case 'x': c.cross = 1; break;
		case 'F':
			if (rf_format_parse(optarg, formats, &c.format) < 0)
				return rf_cli_finish(RF_FAIL);
			c.machine = c.format != RF_FORMAT_TABLE;
			break;
		case 'T': return rf_cli_finish(textconv(optarg));
		case 'h': help(); return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	int nargs = argc - optind;
	if (c.cross ? nargs != 2 : nargs < 1 || nargs > 3)
		return rf_cli_usage_error(usage);

	int status = RF_FAIL;
	char *dir = rf_notesdir_locate(c.dir);
	if (rf_notesdir_open(&c.nd, dir) == 0 && rf_store_open(&c.st, dir, RF_STORE_READ) == 0) {
		int r = run(&c, argv + optind, nargs);
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
