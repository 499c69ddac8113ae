/* rf-ask: the questions still open for a program, worded to ask. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "cli.h"
#include "notesdir.h"
#include "output.h"
#include "pager.h"
#include "rules.h"

static const char usage[] = "rf-ask [-C DIR] [--format text|tsv|json] (--all | PROGRAM...)";

static void help(void)
{
	printf("usage: %s\n\n"
	       "List the questions still unanswered (unknown or empty) or dodged (vague)\n"
	       "for each program, grouped by domain, most points at stake first.\n\n"
	       "  -C DIR           notes directory (default $RF_DIR, else ~/rf)\n"
	       "  -a, --all        every program\n"
	       "  -f, --format FMT text (default), tsv or json\n"
	       "  -h, --help       show this help\n      --version\n",
	       usage);
}

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

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "all", no_argument, NULL, 'a' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	static const char *const formats[] = { "tsv", "json", NULL };
	static const char *const cols[] = { "program", "domain", "key", "answer", "stake", "question" };
	const char *dir_opt = NULL;
	int all = 0, text = 1, c;
	enum rf_format format = RF_FORMAT_TSV;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "C:af:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': dir_opt = optarg; break;
		case 'a': all = 1; break;
		case 'f':
			text = !strcmp(optarg, "text");
			if (!text && rf_format_parse(optarg, formats, &format) < 0)
				return rf_cli_finish(RF_FAIL);
			break;
		case 'h': help(); return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (all == (optind < argc))
		return rf_cli_usage_error(usage);

	int status = RF_FAIL;
	char *dir = rf_notesdir_locate(dir_opt), *tpath = NULL;
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_scorer *scorer = NULL;
	struct rf_template t = { NULL, NULL, 0 };
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_table table;
	struct rf_pager pg;
	rf_table_init(&table, 6, cols);
	rf_table_set_kind(&table, 4, RF_COL_NUMBER);

	if (rf_notesdir_open(&nd, dir) < 0 || rf_scorer_load(&scorer, &nd) < 0 ||
	    !(tpath = rf_share_path("program.ini")) || rf_template_load(&t, tpath) < 0)
		goto out;
	if (all && rf_notesdir_list(&nd, &slugs) < 0)
		goto out;
	for (int i = optind; i < argc; i++) {
		char *slug;
		if (rf_notesdir_resolve(&nd, argv[i], &slug) < 0)
			goto out;
		rf_strv_push(&slugs, slug);
	}
	FILE *out = text ? rf_pager_start(&pg) : (rf_pager_none(&pg), pg.out);
	int bad = 0;
	for (size_t i = 0; i < slugs.n && !bad; i++) {
		char *file = rf_xasprintf("%s.ini", slugs.v[i]);
		struct rf_buf buf = RF_BUF_INIT;
		struct rf_note note;
		memset(&note, 0, sizeof(note));
		bad = rf_notesdir_read(&nd, file, &buf, NULL) < 0;
		if (!bad && rf_note_parse(&note, file, buf.buf, buf.len, 1) == 0) {
			struct rf_ask a;
			rf_ask_build(scorer, &t, &note, &a);
			if (text) {
				if (i)
					fputc('\n', out);
				print_text(out, slugs.v[i], &a);
			} else {
				add_rows(&table, slugs.v[i], &a);
			}
			rf_ask_free(&a);
		} else {
			bad = 1;
		}
		rf_note_free(&note);
		rf_buf_free(&buf);
		free(file);
	}
	if (!text && !bad)
		rf_table_print(&table, format, out);
	if (rf_pager_finish(&pg) == 0 && !bad)
		status = RF_OK;
out:
	rf_table_free(&table);
	rf_strv_free(&slugs);
	rf_template_free(&t);
	rf_scorer_free(scorer);
	rf_notesdir_close(&nd);
	free(tpath);
	free(dir);
	return rf_cli_finish(status);
}
