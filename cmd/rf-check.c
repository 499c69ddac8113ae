/* rf-check: lint notes, the profile and the rules. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "lint.h"
#include "notesdir.h"
#include "score.h"
#include "template.h"

static const char usage[] = "rf-check [-C DIR] [PROGRAM...]";

/* Lint one file against a template; returns problems found or -1. */
static long check_file(const struct rf_notesdir *nd, const char *file, const struct rf_template *t)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_strv problems = RF_STRV_INIT;
	struct rf_note note;
	int missing;
	long n = -1;
	if (rf_notesdir_read(nd, file, &text, &missing) == 0) {
		n = 0;
		if (!missing) {
			rf_note_parse(&note, file, text.buf, text.len, 0);
			n = (long)rf_lint_note(&note, t, &problems);
			for (size_t i = 0; i < problems.n; i++)
				printf("%s\n", problems.v[i]);
			rf_note_free(&note);
		}
	}
	rf_strv_free(&problems);
	rf_buf_free(&text);
	return n;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir_opt = NULL;
	int c;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "C:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': dir_opt = optarg; break;
		case 'h':
			printf("usage: %s\n\n"
			       "Report problems in notes (all, or the PROGRAMs named) and the profile\n"
			       "as FILE:LINE: message.  Exit 1 when there are any.\n\n"
			       "  -C DIR     notes directory (default $RF_DIR, else ~/rf)\n"
			       "  -h, --help show this help\n      --version\n", usage);
			return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	int status = RF_FAIL;
	long problems = 0;
	char *dir = rf_notesdir_locate(dir_opt), *ppath = NULL, *fpath = NULL;
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_template program = { NULL, NULL, 0 }, profile = { NULL, NULL, 0 };
	struct rf_strv slugs = RF_STRV_INIT;

	if (rf_notesdir_open(&nd, dir) < 0 || !(ppath = rf_share_path("program.ini")) ||
	    !(fpath = rf_share_path("profile.ini")) || rf_template_load(&program, ppath) < 0 ||
	    rf_template_load(&profile, fpath) < 0)
		goto out;
	if (optind < argc) {
		for (int i = optind; i < argc; i++) {
			char *slug;
			if (rf_notesdir_resolve(&nd, argv[i], &slug) < 0)
				goto out;
			rf_strv_push(&slugs, slug);
		}
	} else {
		if (rf_notesdir_list(&nd, &slugs) < 0)
			goto out;
		long n = check_file(&nd, "profile.ini", &profile);
		if (n < 0)
			goto out;
		problems += n;
		/* Rules and the profile's meaning are checked by the parser that
		 * scores with them; it reports FILE:LINE itself. */
		struct rf_scorer *scorer = NULL;
		if (n == 0 && rf_scorer_load(&scorer, &nd) < 0)
			problems++;
		rf_scorer_free(scorer);
	}
	for (size_t i = 0; i < slugs.n; i++) {
		char *file = rf_xasprintf("%s.ini", slugs.v[i]);
		long n = check_file(&nd, file, &program);
		free(file);
		if (n < 0)
			goto out;
		problems += n;
	}
	status = problems ? RF_NO : RF_OK;
out:
	rf_strv_free(&slugs);
	rf_template_free(&program);
	rf_template_free(&profile);
	rf_notesdir_close(&nd);
	free(ppath);
	free(fpath);
	free(dir);
	return rf_cli_finish(status);
}
