/* rf-log: how one program's note (or every note) changed, commit by commit. */
#include "cli.h"
#include "logview.h"
#include "session.h"

enum { OPT_SINCE = RF_OPT_LONG, OPT_UNTIL, OPT_REVERSE, OPT_FORMAT };

static const struct rf_option options[] = {
	{ 'p', "patch", NULL, "show the per-key changes under each entry" },
	{ 'n', "max-count", "N", "show at most N entries" },
	{ OPT_SINCE, "since", "DATE", "only entries on or after DATE (YYYY-MM-DD, \"N days ago\")" },
	{ OPT_UNTIL, "until", "DATE", "only entries on or before DATE" },
	{ OPT_REVERSE, "reverse", NULL, "oldest first" },
	{ OPT_FORMAT, "format", "FMT", "text (default), tsv or json" },
	{ 0 },
};

static int option(struct rf_cli *cli, int id)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct rf_logview_opts *o = cli->opts;
	switch (id) {
	case 'p': o->patch = 1; break;
	case 'n':
		if (rf_parse_uint(cli->arg, &o->max) < 0)
			return rf_error("-n '%s': not a number", cli->arg);
		o->have_max = 1;
		break;
	case OPT_SINCE: o->since = cli->arg; break;
	case OPT_UNTIL: o->until = cli->arg; break;
	case OPT_REVERSE: o->reverse = 1; break;
	case OPT_FORMAT: return rf_format_parse(cli->arg, formats, &o->format);
	}
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_logview_opts *o = cli->opts;
	o->program = cli->noperands ? cli->operands[0] : NULL;
	return rf_logview_run(s, o) == 0 ? RF_OK : RF_FAIL;
}

static const struct rf_command command = {
	.usage = "rf-log [-C DIR] [-p] [-n N] [--since DATE] [--until DATE] [--reverse]\n"
		 "       [--format text|tsv|json] [PROGRAM]",
	.about = "List the commits that changed a program's note (or every note), newest\n"
		 "first, uncommitted edits first as \"working tree\".",
	.options = options,
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct rf_logview_opts o = { .format = RF_FORMAT_TEXT };
	return rf_cli_main(&command, &o, argc, argv);
}
