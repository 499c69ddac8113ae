/* rf-commit: record edits made in any editor. */
#include "cli.h"
#include "notefile.h"
#include "record.h"
#include "session.h"

static const struct rf_option options[] = {
	{ 'm', "message", "MESSAGE", "commit message (default: what changed, per key)" },
	{ 0 },
};

static int option(struct rf_cli *cli, int id)
{
	if (id == 'm' && !*cli->arg)
		return rf_error("-m: the message is empty");
	*(const char **)cli->opts = cli->arg;
	return 0;
}

/* The files named, or every file rf records. */
static int files_to_commit(struct rf_cli *cli, struct rf_session *s, struct rf_strv *files)
{
	struct rf_strv slugs = RF_STRV_INIT;
	int r = cli->noperands ? rf_session_resolve(s, cli->operands, cli->noperands, &slugs)
			       : rf_record_worktree_files(&s->st, &s->nd, files);
	for (size_t i = 0; r == 0 && i < slugs.n; i++)
		rf_strv_push(files, rf_notefile_name(slugs.v[i]));
	rf_strv_free(&slugs);
	return r;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_strv files = RF_STRV_INIT;
	int committed = 0;
	int r = rf_session_open(s, RF_SESSION_WRITE | RF_SESSION_CONCLUDE) == 0 && files_to_commit(cli, s, &files) == 0 &&
		rf_record_worktree(&s->st, &s->nd, "edit", &files, *(const char **)cli->opts, &committed) == 0;
	if (r && !committed)
		printf("nothing to commit\n");
	rf_strv_free(&files);
	return r ? RF_OK : RF_FAIL;
}

static const struct rf_command command = {
	.usage = "rf-commit [-C DIR] [-m MESSAGE] [PROGRAM...]",
	.about = "Commit the notes changed in the work tree (all, or the PROGRAMs named).\n"
		 "The default message names each changed answer.",
	.options = options,
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	const char *message = NULL;
	return rf_cli_main(&command, &message, argc, argv);
}
