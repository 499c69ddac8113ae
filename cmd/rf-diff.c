/* rf-diff: what changed in a note between two revisions, key by key; or how
 * two programs' notes differ (-x). */
#include "cli.h"
#include "diffview.h"
#include "gitdiff.h"
#include "session.h"

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

int main(int argc, char **argv)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	enum rf_format format = RF_FORMAT_TEXT;
	struct rf_cli cli;
	int cross = 0, opt;
	rf_cli_start(&cli, &command, argc, argv);
	while ((opt = rf_cli_next(&cli)) > 0) {
		switch (opt) {
		case 'x': cross = 1; break;
		case OPT_FORMAT:
			if (rf_format_parse(cli.arg, formats, &format) < 0)
				return rf_cli_finish(RF_FAIL);
			break;
		case OPT_TEXTCONV: return rf_cli_finish(rf_gitdiff_print(cli.arg, stdout) == 0 ? RF_OK : RF_FAIL);
		}
	}
	if (opt == RF_CLI_EXIT)
		return cli.status;
	if (cross ? cli.noperands != 2 : cli.noperands < 1)
		return rf_cli_usage_error(&cli, cross ? "-x compares two PROGRAMs" : "name a PROGRAM");

	struct rf_session s;
	rf_session_init(&s, cli.dir);
	int r = rf_diffview_run(&s, cross, format, cli.operands, cli.noperands);
	return rf_session_finish(&s, r < 0 ? RF_FAIL : r ? RF_NO : RF_OK);
}
