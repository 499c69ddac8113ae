/* rf-score: rank programs by red-flag risk, or explain one program's risk. */
#include <stdlib.h>

#include "cli.h"
#include "explain.h"
#include "ranking.h"
#include "revision.h"
#include "session.h"
#include "slug.h"

enum { OPT_AT = RF_OPT_LONG, OPT_EXPLAIN, OPT_FORMAT, OPT_SORT };

static const struct rf_option options[] = {
	{ OPT_AT, "at", "REV|DATE", "score the notes as they were at a revision or date" },
	{ OPT_EXPLAIN, "explain", "PROGRAM", "the contributions to one program's risk, and the sum" },
	{ OPT_FORMAT, "format", "FMT", "text (default), tsv, csv or json" },
	{ OPT_SORT, "sort", "COLUMN", "order by a column (risk by default; rf-score(1) lists them)" },
	{ 'v', "verbose", NULL, "with --explain, every unknown on its own line" },
	{ 0 },
};

struct opts {
	const char *at, *sort;
	char *explain;
	enum rf_format format;
	int verbose;
};

/* The slugs to score.  At a past revision a note may be gone today, so a
 * valid slug is taken as given. */
static int programs(struct rf_session *s, const git_commit *at, char *const *args, int n, struct rf_strv *slugs)
{
	for (int i = 0; i < n; i++) {
		if (at && rf_slug_valid(args[i]))
			rf_strv_push(slugs, rf_xstrdup(args[i]));
		else if (rf_session_resolve(s, &args[i], 1, slugs) < 0)
			return -1;
	}
	return 0;
}

/* Print the ranking or the explanation: 0, 1 when notes that do not
 * parse were left out (each reported), or -1. */
static int score(struct rf_session *s, struct opts *o, char **progs, int nprogs)
{
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_ranking ranking = { NULL, 0, 0 };
	struct rf_table table = { 0 };
	git_commit *commit = NULL;
	char *footer = NULL;
	int r = -1;
	if (rf_session_open(s, RF_SESSION_SCORER | (o->at ? RF_SESSION_READ : RF_SESSION_CACHE)) < 0 ||
	    (o->at && rf_revision_resolve(&s->st, o->at, &commit) < 0))
		goto out;
	if (o->explain ? programs(s, commit, &o->explain, 1, &slugs) < 0
		       : programs(s, commit, progs, nprogs, &slugs) < 0)
		goto out;
	if ((o->explain ? rf_ranking_build_full : rf_ranking_build)(&ranking, s->scorer, &s->nd, &s->st, commit,
								    &slugs) < 0 ||
	    rf_ranking_sort(&ranking, o->sort) < 0)
		goto out;
	if (o->explain && !ranking.n)
		goto out;	/* the note did not parse: reported */
	if (o->explain) {
		rf_explain_table(&ranking.v[0].score, o->verbose, &table);
		if (o->format == RF_FORMAT_TEXT)
			footer = rf_explain_footer(&ranking.v[0].score);
	} else {
		rf_ranking_table(&ranking, &table);
	}
	FILE *out = rf_session_output(s, o->format == RF_FORMAT_TEXT);
	rf_table_print(&table, o->format, out);
	if (footer)
		fputs(footer, out);
	r = ranking.nbroken ? 1 : 0;
out:
	free(footer);
	rf_table_free(&table);
	rf_ranking_free(&ranking);
	rf_strv_free(&slugs);
	git_commit_free(commit);
	return r;
}

static int option(struct rf_cli *cli, int id)
{
	struct opts *o = cli->opts;
	switch (id) {
	case OPT_AT: o->at = cli->arg; break;
	case OPT_EXPLAIN: o->explain = cli->arg; break;
	case OPT_FORMAT: return rf_format_parse(cli->arg, NULL, &o->format);
	case OPT_SORT: o->sort = cli->arg; break;
	case 'v': o->verbose = 1; break;
	}
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct opts *o = cli->opts;
	if (o->explain && cli->noperands)
		return rf_cli_usage_error(cli, "--explain takes one PROGRAM, and no other");
	if (o->verbose && !o->explain)
		return rf_cli_usage_error(cli, "-v (--verbose) goes with --explain");
	int r = score(s, o, cli->operands, cli->noperands);
	return r < 0 ? RF_FAIL : r ? RF_NO : RF_OK;
}

static const struct rf_command command = {
	.usage = "rf-score [-C DIR] [--at REV|DATE] [--sort COLUMN] [--format text|tsv|csv|json]\n"
		 "         [-v] [--explain PROGRAM | PROGRAM...]",
	.about = "Rank programs by risk under rules.ini and your profile, lowest risk first,\n"
		 "deal-breakers last.",
	.options = options,
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { NULL, NULL, NULL, RF_FORMAT_TEXT, 0 };
	return rf_cli_main(&command, &o, argc, argv);
}
