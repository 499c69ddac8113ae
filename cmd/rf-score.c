/* rf-score: rank programs by red-flag risk, or explain one program's risk. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "notesdir.h"
#include "pager.h"
#include "ranking.h"
#include "revision.h"
#include "slug.h"
#include "store.h"

static const char usage[] =
	"rf-score [-C DIR] [--at REV|DATE] [--sort COLUMN] [--format table|tsv|csv|json] "
	"[--explain PROGRAM | PROGRAM...]";

struct opts {
	const char *dir, *at, *sort, *explain;
	enum rf_format format;
};

static void help(void)
{
	printf("usage: %s\n\n"
	       "Rank programs by risk under rules.ini and your profile, lowest risk first,\n"
	       "deal-breakers last.\n\n"
	       "  -C DIR             notes directory (default $RF_DIR, else ~/rf)\n"
	       "  -a, --at REV|DATE  score the notes as they were at a revision or date\n"
	       "  -e, --explain PROG every contribution to one program's risk, and the sum\n"
	       "  -f, --format FMT   table (default), tsv, csv or json\n"
	       "  -s, --sort COLUMN  rank, program, track, risk, tier, marks, flagged,\n"
	       "                     unknowns, green or status\n"
	       "  -h, --help         show this help\n      --version\n",
	       usage);
}

/* People get the pager; scripts asking for a format get stdout. */
static int print_table(const struct rf_table *t, enum rf_format f, const char *footer)
{
	struct rf_pager pg;
	FILE *out;
	if (f == RF_FORMAT_TABLE) {
		out = rf_pager_start(&pg);
	} else {
		rf_pager_none(&pg);
		out = pg.out;
	}
	rf_table_print(t, f, out);
	if (footer && f == RF_FORMAT_TABLE)
		fprintf(out, "%s\n", footer);
	return rf_pager_finish(&pg);
}

static int run(const struct opts *o, char **progs, int nprogs)
{
	char *dir = rf_notesdir_locate(o->dir);
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_store st = { NULL, NULL, -1 };
	struct rf_scorer *scorer = NULL;
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_ranking ranking = { NULL, 0 };
	struct rf_table table = { 0 };
	git_commit *commit = NULL;
	int r = -1;

	if (rf_notesdir_open(&nd, dir) < 0 || rf_scorer_load(&scorer, &nd) < 0)
		goto out;
	if (o->at && (rf_store_open(&st, dir, RF_STORE_READ) < 0 || rf_revision_resolve(&st, o->at, &commit) < 0))
		goto out;
	const char *one = o->explain;
	for (int i = 0; i < (one ? 1 : nprogs); i++) {
		char *slug;
		/* At a past revision the note may be gone today: take the slug as given. */
		if (commit && rf_slug_valid(one ? one : progs[i])) {
			rf_strv_push(&slugs, rf_xstrdup(one ? one : progs[i]));
			continue;
		}
		if (rf_notesdir_resolve(&nd, one ? one : progs[i], &slug) < 0)
			goto out;
		rf_strv_push(&slugs, slug);
	}
	if (rf_ranking_build(&ranking, scorer, &nd, &st, commit, &slugs) < 0 ||
	    rf_ranking_sort(&ranking, o->sort) < 0)
		goto out;
	if (one)
		rf_score_explain_table(&ranking.v[0].score, &table);
	else
		rf_ranking_table(&ranking, &table);
	char *footer = one && ranking.v[0].score.dealbreaker
			       ? rf_xasprintf("deal-breaker: %s", ranking.v[0].score.dealbreaker)
			       : NULL;
	r = print_table(&table, o->format, footer);
	free(footer);
out:
	rf_table_free(&table);
	rf_ranking_free(&ranking);
	rf_strv_free(&slugs);
	git_commit_free(commit);
	rf_scorer_free(scorer);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	free(dir);
	return r;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "at", required_argument, NULL, 'a' },
		{ "explain", required_argument, NULL, 'e' },
		{ "format", required_argument, NULL, 'f' },
		{ "sort", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { NULL, NULL, NULL, NULL, RF_FORMAT_TABLE };
	int c;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "C:a:e:f:s:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': o.dir = optarg; break;
		case 'a': o.at = optarg; break;
		case 'e': o.explain = optarg; break;
		case 'f':
			if (rf_format_parse(optarg, NULL, &o.format) < 0)
				return rf_cli_finish(RF_FAIL);
			break;
		case 's': o.sort = optarg; break;
		case 'h': help(); return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (o.explain && optind < argc)
		return rf_cli_usage_error(usage);
	return rf_cli_finish(run(&o, argv + optind, argc - optind) == 0 ? RF_OK : RF_FAIL);
}
