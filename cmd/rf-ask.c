/* rf-ask: the questions still open for a program, worded to ask. */
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "cli.h"
#include "notefile.h"
#include "output.h"
#include "rules.h"
#include "scorecache.h"
#include "session.h"

enum { OPT_FORMAT = RF_OPT_LONG };

static const struct rf_option options[] = {
	{ 'a', "all", NULL, "every program" },
	{ OPT_FORMAT, "format", "FMT", "text (default), tsv or json" },
	{ 0 },
};

static void print_text(FILE *out, const char *slug, const struct rf_ask *a)
{
	fprintf(out, "%s: %zu open question%s\n", slug, a->n, a->n == 1 ? "" : "s");
	int domain = -1;
	for (size_t i = 0; i < a->n; i++) {
		const struct rf_ask_item *it = &a->v[i];
		if (it->domain != domain) {
			domain = it->domain;
			fprintf(out, "\n%s\n", rf_domains[domain]);
		}
		char stake[32];
		rf_hundredths_format(it->stake, stake);
		fprintf(out, "  %-5s %s%s%s\n         %s\n", stake, it->key,
			strcmp(it->answer, "vague") ? "" : " ", strcmp(it->answer, "vague") ? "" : "(vague)",
			it->question);
	}
}

static void add_rows(struct rf_table *t, const char *slug, const struct rf_ask *a)
{
	for (size_t i = 0; i < a->n; i++) {
		char stake[32];
		rf_hundredths_format(a->v[i].stake, stake);
		const char *cells[] = { slug, rf_domains[a->v[i].domain], a->v[i].key, a->v[i].answer, stake,
					a->v[i].question };
		rf_table_add(t, cells);
	}
}

/* Every program's questions, as text on out or as rows of t: 0, or 1 when
 * notes that cannot be read were left out (each reported). */
static int ask_all(struct rf_session *s, const struct rf_strv *slugs, FILE *out, struct rf_table *t)
{
	struct rf_scorecache *cache = rf_scorecache_open(s->st.repo ? &s->st : NULL, s->scorer);
	struct rf_gitindex *gi = s->st.repo ? rf_gitindex_open(&s->st) : NULL;
	int broken = 0, shown = 0;
	for (size_t i = 0; i < slugs->n; i++) {
		char *file = rf_notefile_name(slugs->v[i]);
		int missing;
		const struct rf_scored *sc = rf_scorecache_worktree(cache, gi, &s->nd, file, &missing);
		if (!sc || sc->broken) {
			/* reported (a link, unreadable, or iniparser rejects it) */
			if (sc)
				rf_scored_report(sc, file);
			else if (missing)
				rf_error("%s: no such note", file);
			broken = 1;
		} else {
			struct rf_ask a;
			rf_ask_from_open(s->scorer, &s->t, sc->open, &a);
			if (!t) {
				if (shown++)
					fputc('\n', out);
				print_text(out, slugs->v[i], &a);
			} else {
				add_rows(t, slugs->v[i], &a);
			}
			rf_ask_free(&a);
		}
		free(file);
	}
	rf_gitindex_free(gi);
	rf_scorecache_close(cache);
	return broken;
}

struct opts {
	int all;
	enum rf_format format;
};

static int option(struct rf_cli *cli, int id)
{
	static const char *const formats[] = { "text", "tsv", "json", NULL };
	struct opts *o = cli->opts;
	if (id == 'a')
		o->all = 1;
	return id == OPT_FORMAT ? rf_format_parse(cli->arg, formats, &o->format) : 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	static const char *const cols[] = { "program", "domain", "key", "answer", "stake", "question" };
	const struct opts *o = cli->opts;
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_table table;
	int status = RF_FAIL, text = o->format == RF_FORMAT_TEXT;
	if (o->all == (cli->noperands > 0))
		return rf_cli_usage_error(cli, o->all ? "--all takes no PROGRAM" : "name a PROGRAM, or --all");
	rf_table_init(&table, 6, cols);
	rf_table_set_kind(&table, 4, RF_COL_NUMBER);
	if (rf_session_open(s, RF_SESSION_SCORER | RF_SESSION_TEMPLATE | RF_SESSION_CACHE) == 0 &&
	    (o->all ? rf_notesdir_list(&s->nd, &slugs) : rf_session_resolve(s, cli->operands, cli->noperands, &slugs)) == 0) {
		FILE *out = rf_session_output(s, text);
		int broken = ask_all(s, &slugs, out, text ? NULL : &table);
		if (!text)
			rf_table_print(&table, o->format, out);
		status = broken ? RF_NO : RF_OK;
	}
	rf_table_free(&table);
	rf_strv_free(&slugs);
	return status;
}

static const struct rf_command command = {
	.usage = "rf-ask [-C DIR] [--format text|tsv|json] (--all | PROGRAM...)",
	.about = "List the questions still unanswered (unknown or empty) or dodged (vague)\n"
		 "for each program, grouped by domain, most points at stake first.",
	.options = options,
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { 0, RF_FORMAT_TEXT };
	return rf_cli_main(&command, &o, argc, argv);
}
