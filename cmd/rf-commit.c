/* rf-commit: record edits made in any editor. */
#include "cli.h"
#include "notefile.h"
#include "record.h"
#include "session.h"

static const struct rf_option options[] = {
	{ 'm', "message", "MESSAGE", "commit message (default: what changed, per key)" },
	{ 0 },
};

static const struct rf_command command = {
	.usage = "rf-commit [-C DIR] [-m MESSAGE] [PROGRAM...]",
	.about = "Commit the notes changed in the work tree (all, or the PROGRAMs named).\n"
		 "The default message names each changed answer.",
	.options = options,
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
};

int main(int argc, char **argv)
{
	struct rf_cli cli;
	const char *msg = NULL;
	int opt;
	rf_cli_start(&cli, &command, argc, argv);
	while ((opt = rf_cli_next(&cli)) > 0)
		if (opt == 'm')
			msg = cli.arg;
	if (opt == RF_CLI_EXIT)
		return cli.status;
	if (msg && !*msg)
		return rf_cli_usage_error(&cli, "-m: the message is empty");

	struct rf_session s;
	struct rf_strv files = RF_STRV_INIT, slugs = RF_STRV_INIT;
	int status = RF_FAIL, committed = 0;
	rf_session_init(&s, cli.dir);
	if (rf_session_open(&s, RF_SESSION_WRITE) < 0)
		goto out;
	if (cli.noperands) {
		if (rf_session_resolve(&s, cli.operands, cli.noperands, &slugs) < 0)
			goto out;
		for (size_t i = 0; i < slugs.n; i++)
			rf_strv_push(&files, rf_notefile_name(slugs.v[i]));
	} else if (rf_record_worktree_files(&s.st, &s.nd, &files) < 0) {
		goto out;
	}
	if (rf_record_worktree(&s.st, &s.nd, "edit", &files, msg, &committed) < 0)
		goto out;
	if (!committed)
		printf("nothing to commit\n");
	status = RF_OK;
out:
	rf_strv_free(&files);
	rf_strv_free(&slugs);
	return rf_session_finish(&s, status);
}
