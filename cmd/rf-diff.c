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

struct opts {
	int cross;
	enum rf_format format;
	const char *textconv;
};

static int option(struct rf_cli *cli, int id)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct opts *o = cli->opts;
	switch (id) {
	case 'x': o->cross = 1; break;
	case OPT_FORMAT: return rf_format_parse(cli->arg, formats, &o->format);
	case OPT_TEXTCONV: o->textconv = cli->arg; break;
	}
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	const struct opts *o = cli->opts;
	if (o->textconv)
		return rf_gitdiff_print(o->textconv, stdout) == 0 ? RF_OK : RF_FAIL;
	if (o->cross ? cli->noperands != 2 : cli->noperands < 1)
		return rf_cli_usage_error(cli, o->cross ? "-x compares two PROGRAMs" : "name a PROGRAM");
	int r = rf_diffview_run(s, o->cross, o->format, cli->operands, cli->noperands);
	return r < 0 ? RF_FAIL : r ? RF_NO : RF_OK;
}

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
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { 0, RF_FORMAT_TEXT, NULL };
	return rf_cli_main(&command, &o, argc, argv);
}
