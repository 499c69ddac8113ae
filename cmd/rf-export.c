/* rf-export: every note as one table, for a spreadsheet or a script. */
#include <stdlib.h>

#include "cli.h"
#include "export.h"
#include "notefile.h"
#include "revision.h"
#include "session.h"
#include "slug.h"

enum { OPT_AT = RF_OPT_LONG, OPT_BOM, OPT_FORMAT };

static const struct rf_option options[] = {
	{ OPT_AT, "at", "REV|DATE", "the notes as they were at a revision or date" },
	{ OPT_BOM, "bom", NULL, "start with a UTF-8 byte order mark (Excel needs it to read UTF-8)" },
	{ OPT_FORMAT, "format", "FMT", "csv (default), tsv or json" },
	{ 0 },
};

struct opts {
	const char *at;
	int bom;
	enum rf_format format;
};

/* The slugs to export.  At a past revision a note may be gone today: a
 * slug the commit has is taken as given, anything else is resolved in the
 * work tree (a prefix, a name). */
static int programs(struct rf_session *s, const git_commit *at, char *const *args, int n, struct rf_strv *slugs)
{
	struct rf_strv then = RF_STRV_INIT;
	int r = at && n ? rf_store_files(&s->st, at, rf_notefile_is_note, &then) : 0;
	for (int i = 0; r == 0 && i < n; i++) {
		char *file = rf_notefile_name(args[i]);
		if (at && rf_slug_valid(args[i]) && rf_strv_contains(&then, file))
			rf_strv_push(slugs, rf_xstrdup(args[i]));
		else
			r = rf_session_resolve(s, &args[i], 1, slugs);
		free(file);
	}
	rf_strv_free(&then);
	return r;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	const struct opts *o = cli->opts;
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_export ex = { NULL, 0 };
	struct rf_table table = { 0 };
	git_commit *commit = NULL;
	int r = RF_FAIL;
	if (o->bom && o->format == RF_FORMAT_JSON)
		return rf_error("--bom is for csv and tsv; JSON has no byte order mark"), RF_FAIL;
	if (rf_session_open(s, RF_SESSION_TEMPLATE | (o->at ? RF_SESSION_READ : 0)) == 0 &&
	    (!o->at || rf_revision_resolve(&s->st, o->at, &commit) == 0) &&
	    programs(s, commit, cli->operands, cli->noperands, &slugs) == 0 &&
	    rf_export_load(&ex, &s->nd, &s->st, commit, &slugs) == 0) {
		rf_export_table(&ex, &s->t, &table);
		rf_export_print(&table, o->format, o->bom, rf_session_output(s, 0));
		r = RF_OK;
	}
	rf_table_free(&table);
	rf_export_free(&ex);
	rf_strv_free(&slugs);
	git_commit_free(commit);
	return r;
}

static int option(struct rf_cli *cli, int id)
{
	static const char *const formats[] = { "csv", "tsv", "json", NULL };
	struct opts *o = cli->opts;
	switch (id) {
	case OPT_AT: o->at = cli->arg; break;
	case OPT_BOM: o->bom = 1; break;
	case OPT_FORMAT: return rf_format_parse(cli->arg, formats, &o->format);
	}
	return 0;
}

static const struct rf_command command = {
	.usage = "rf-export [-C DIR] [--at REV|DATE] [--bom] [--format csv|tsv|json] [PROGRAM...]",
	.about = "Write every note (or the PROGRAMs named) as one table: a row per program, the\n"
		 "columns slug, every template key, then the other keys found.  rf-import reads\n"
		 "it back.",
	.options = options,
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { NULL, 0, RF_FORMAT_CSV };
	return rf_cli_main(&command, &o, argc, argv);
}
