/* rf-report: the whole season on one self-contained HTML page, or its
 * summary and heat map for the terminal. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "outfile.h"
#include "reporthtml.h"
#include "reporttext.h"
#include "season.h"
#include "session.h"

enum { OPT_AT = RF_OPT_LONG, OPT_FORMAT };

static const struct rf_option options[] = {
	{ 'o', "output", "FILE", "write to FILE (replaced atomically) instead of standard output" },
	{ OPT_AT, "at", "REV|DATE", "the notes as they were at a revision or date" },
	{ OPT_FORMAT, "format", "FMT", "html (default) or text (the summary and heat map)" },
	{ 0 },
};

struct opts {
	const char *output, *at;
	int text;
};

static int option(struct rf_cli *cli, int id)
{
	struct opts *o = cli->opts;
	switch (id) {
	case 'o': o->output = strcmp(cli->arg, "-") ? cli->arg : NULL; break;
	case OPT_AT: o->at = cli->arg; break;
	case OPT_FORMAT:
		if (strcmp(cli->arg, "html") && strcmp(cli->arg, "text"))
			return rf_error("--format %s: expected one of html, text", cli->arg);
		o->text = !strcmp(cli->arg, "text");
		break;
	}
	return 0;
}

/* The text view into a buffer, for -o. */
static void text_to_buf(const struct rf_season *season, struct rf_buf *out)
{
	char *data = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&data, &len);
	if (!f) {
		fputs("rf-report: out of memory\n", stderr);
		abort();
	}
	rf_reporttext_print(season, f, 0);
	fclose(f);
	rf_buf_add(out, data, len);
	free(data);
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	const struct opts *o = cli->opts;
	struct rf_season season;
	struct rf_season_opts so = { o->at, cli->operands, cli->noperands };
	struct rf_buf page = RF_BUF_INIT;
	int status = RF_FAIL;
	if (o->output && rf_outfile_check(o->output, s->dir) < 0)
		return RF_FAIL;
	if (rf_season_build(&season, s, &so) < 0)
		goto out;
	if (o->text && !o->output) {
		FILE *out = rf_session_output(s, 1);
		rf_reporttext_print(&season, out, rf_session_colour(s));
		status = RF_OK;
		goto out;
	}
	if (o->text)
		text_to_buf(&season, &page);
	else
		rf_reporthtml_write(&season, &page);
	if (o->output)
		status = rf_outfile_write(o->output, page.buf, page.len) == 0 ? RF_OK : RF_FAIL;
	else
		status = fwrite(page.buf, 1, page.len, stdout) == page.len ? RF_OK : RF_FAIL;
out:
	rf_buf_free(&page);
	rf_season_free(&season);
	return status;
}

static const struct rf_command command = {
	.usage = "rf-report [-C DIR] [-o FILE] [--at REV|DATE] [--format html|text] [PROGRAM...]",
	.about = "The whole season on one self-contained HTML page (no script, nothing loaded from\n"
		 "the network): summary, heat map of programs by domain, each program's risk over\n"
		 "the season, and per program its contributions, warning phrases and open questions.",
	.options = options,
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { NULL, NULL, 0 };
	return rf_cli_main(&command, &o, argc, argv);
}
