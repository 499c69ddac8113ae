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

static const struct rf_command command = {
	.usage = "rf-log [-C DIR] [-p] [-n N] [--since DATE] [--until DATE] [--reverse]\n"
		 "       [--format text|tsv|json] [PROGRAM]",
	.about = "List the commits that changed a program's note (or every note), newest\n"
		 "first, uncommitted edits first as \"working tree\".",
	.options = options,
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
};

int main(int argc, char **argv)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct rf_logview_opts o = { .format = RF_FORMAT_TEXT };
	struct rf_cli cli;
	int opt;
	rf_cli_start(&cli, &command, argc, argv);
	while ((opt = rf_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'p': o.patch = 1; break;
		case 'n':
			if (rf_parse_uint(cli.arg, &o.max) < 0) {
				rf_error("-n '%s': not a number", cli.arg);
				return rf_cli_finish(RF_FAIL);
			}
			o.have_max = 1;
			break;
		case OPT_SINCE: o.since = cli.arg; break;
		case OPT_UNTIL: o.until = cli.arg; break;
		case OPT_REVERSE: o.reverse = 1; break;
		case OPT_FORMAT:
			if (rf_format_parse(cli.arg, formats, &o.format) < 0)
				return rf_cli_finish(RF_FAIL);
			break;
		}
	}
	if (opt == RF_CLI_EXIT)
		return cli.status;
	o.program = cli.noperands ? cli.operands[0] : NULL;

	struct rf_session s;
	rf_session_init(&s, cli.dir);
	return rf_session_finish(&s, rf_logview_run(&s, &o) == 0 ? RF_OK : RF_FAIL);
}
