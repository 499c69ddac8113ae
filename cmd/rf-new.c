/* rf-new: a new note from the template, committed. */
#include <stdlib.h>
#include <strings.h>
#include <sys/stat.h>

#include "cli.h"
#include "edit.h"
#include "editor.h"
#include "init.h"
#include "newnote.h"
#include "notefile.h"
#include "record.h"
#include "session.h"
#include "slug.h"

static const struct rf_option options[] = {
	{ 'e', "edit", NULL, "open $VISUAL/$EDITOR on the note before committing" },
	{ 'f', "force", NULL, "accept -s keys and values the template does not know" },
	{ 's', "set", "S.K=V", "set an answer (repeatable)" },
	{ 't', "template", "FILE", "use FILE instead of the shipped program.ini" },
	{ 0 },
};

struct opts {
	const char *template;
	int edit, force;
	struct rf_strv sets;
};

/* The note's first text: the template with the name, the day and the -s
 * answers filled in. */
static int first_text(const struct opts *o, const char *file, const char *name, struct rf_buf *text)
{
	struct rf_newnote nn;
	int r = -1;
	if (rf_newnote_load(&nn, o->template) == 0 && rf_newnote_text(&nn, file, name, NULL, 0, text) == 0)
		r = rf_edit_assign(file, text, o->sets.v, o->sets.n, o->force ? NULL : &nn.t);
	rf_newnote_free(&nn);
	return r;
}

/* -e: write first so the editor works on the real file, then commit
 * whatever the user saved: the note is never lost if they quit. */
static int edit_and_commit(struct rf_session *s, const char *file, const char *slug, const struct rf_buf *text)
{
	struct rf_strv one = RF_STRV_INIT;
	char *path = rf_xasprintf("%s/%s", s->dir, file);
	char *kept = rf_xasprintf("%s is kept: record it with rf-commit %s", path, slug);
	int committed, r = -1;
	rf_strv_push(&one, rf_xstrdup(file));
	if (rf_notesdir_write(&s->nd, file, text->buf, text->len, 1) == 0 && rf_editor_run(path, kept) == 0)
		r = rf_record_worktree(&s->st, &s->nd, "new", &one, NULL, &committed);
	rf_strv_free(&one);
	free(kept);
	free(path);
	return r;
}

/* file exists: the same program (edit it), or another whose name makes
 * the same slug (say whose, and how to choose another slug). */
static void already_there(const char *file, const char *slug, const char *name, const struct rf_buf *text)
{
	struct rf_note note;
	const char *owner = NULL;
	if (rf_note_parse(&note, file, text->buf, text->len, 0) == 0)
		owner = rf_note_get(&note, "program", "name");
	if (!owner || !*owner || !strcasecmp(owner, name)) {
		rf_error("%s already exists (edit it with rf-edit %s)", file, slug);
	} else {
		struct rf_buf q = RF_BUF_INIT;
		rf_shell_quote(&q, name);
		rf_error("'%s' makes the file name %s, which is the note of '%s'; give this program its own "
			 "slug: rf-new -s program.name=%s SLUG", name, file, owner, q.buf);
		rf_buf_free(&q);
	}
	rf_note_free(&note);
}

static int create_note(struct rf_session *s, const struct opts *o, const char *name)
{
	struct rf_buf text = RF_BUF_INIT;
	char *slug = NULL, *file = NULL;
	struct rf_init_report created;
	int r = -1, committed, missing;
	struct stat sb;
	if (!(slug = rf_slug_from_name(name)))
		goto out;
	if (stat(s->dir, &sb) < 0 && rf_init_notes(s->dir, &created) < 0)
		goto out;
	file = rf_notefile_name(slug);
	if (rf_session_open(s, RF_SESSION_WRITE) < 0 || rf_notesdir_read(&s->nd, file, &text, &missing) < 0)
		goto out;
	if (!missing) {
		already_there(file, slug, name, &text);
		goto out;
	}
	if (first_text(o, file, name, &text) < 0)
		goto out;
	if (o->edit ? edit_and_commit(s, file, slug, &text) < 0
		    : rf_record_text(&s->st, &s->nd, "new", file, text.buf, text.len, 1, &committed) < 0)
		goto out;
	printf("%s/%s\n", s->dir, file);
	r = 0;
out:
	rf_buf_free(&text);
	free(file);
	free(slug);
	return r;
}

static int option(struct rf_cli *cli, int id)
{
	struct opts *o = cli->opts;
	switch (id) {
	case 'e': o->edit = 1; break;
	case 'f': o->force = 1; break;
	case 's': rf_strv_push(&o->sets, rf_xstrdup(cli->arg)); break;
	case 't': o->template = cli->arg; break;
	}
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	return create_note(s, cli->opts, cli->operands[0]) == 0 ? RF_OK : RF_FAIL;
}

static const struct rf_command command = {
	.usage = "rf-new [-C DIR] [-e] [-f] [-t TEMPLATE] [-s section.key=value]... NAME",
	.about = "Create a note for the program NAME from the template, commit it and print its\n"
		 "path.  The notes directory is created when it does not exist.",
	.options = options,
	.min_operands = 1,
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { NULL, 0, 0, RF_STRV_INIT };
	int status = rf_cli_main(&command, &o, argc, argv);
	rf_strv_free(&o.sets);
	return status;
}
