/* rf-sync: the same notes on every device: commit, fetch, merge, push. */
#include "cli.h"
#include "session.h"
#include "sync.h"

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_sync_result res;
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
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
	.run = run,
};

int main(int argc, char **argv)
{
	return rf_cli_main(&command, NULL, argc, argv);
}
