/* rf-sync: the same notes on every device: commit, fetch, merge, push. */
#include "cli.h"
#include "gitmerge.h"
#include "session.h"
#include "sync.h"

enum { OPT_MERGE_DRIVER = RF_OPT_LONG };

static const struct rf_option options[] = {
	{ OPT_MERGE_DRIVER, "merge-driver", "PATH", NULL },	/* git's merge driver (lib/gitmerge.h) */
	{ 0 },
};

static int option(struct rf_cli *cli, int id)
{
	if (id == OPT_MERGE_DRIVER)
		*(const char **)cli->opts = cli->arg;
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	const char *driver = *(const char **)cli->opts;
	struct rf_sync_result res;
	if (driver) {
		if (cli->noperands != 3)
			return rf_cli_usage_error(cli, "--merge-driver takes git's %%P, then %%O %%A %%B");
		int r = rf_gitmerge_run(driver, cli->operands[0], cli->operands[1], cli->operands[2]);
		return r == 0 ? RF_OK : RF_NO;
	}
	if (cli->noperands > 1)
		return rf_cli_usage_error(cli, "one REMOTE at most");
	if (rf_session_open(s, RF_SESSION_WRITE) < 0 ||
	    rf_sync_run(&s->st, &s->nd, cli->noperands ? cli->operands[0] : NULL, stdout, &res) < 0)
		return RF_FAIL;
	return res.conflicts ? RF_NO : RF_OK;
}

static const struct rf_command command = {
	.usage = "rf-sync [-C DIR] [REMOTE]",
	.about = "Commit pending edits, fetch from REMOTE (a remote's name or a URL; default the\n"
		 "branch's upstream, else origin), merge note by note, and push.\n"
		 "Exit 1 when the merge recorded conflicts (rf-check lists them).",
	.options = options,
	.option = option,
	.max_operands = 3,
	.flags = RF_CLI_NO_DASHED,
	.run = run,
};

int main(int argc, char **argv)
{
	const char *driver = NULL;
	return rf_cli_main(&command, &driver, argc, argv);
}
