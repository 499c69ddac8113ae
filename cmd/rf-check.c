/* rf-check: lint notes, the profile and the rules. */
#include <stdlib.h>

#include "cli.h"
#include "notefile.h"
#include "lint.h"
#include "session.h"

static const struct rf_command command = {
	.usage = "rf-check [-C DIR] [PROGRAM...]",
	.about = "Report problems in notes (all, or the PROGRAMs named), the profile and the\n"
		 "rules as FILE:LINE: message.  Exit 1 when there are any.",
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
};

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

/* The profile against its template, then rules and the profile's meaning
 * by the parser that scores with them (it reports FILE:LINE itself). */
static long check_scoring(const struct rf_session *s)
{
	struct rf_template profile = { NULL, NULL, 0 };
	char *path = rf_share_path("profile.ini");
	long n = path && rf_template_load(&profile, path) == 0 ? check_file(&s->nd, "profile.ini", &profile) : -1;
	struct rf_scorer *scorer = NULL;
	if (n == 0 && rf_scorer_load(&scorer, &s->nd) < 0)
		n = 1;
	rf_scorer_free(scorer);
	rf_template_free(&profile);
	free(path);
	return n;
}

int main(int argc, char **argv)
{
	struct rf_cli cli;
	if (rf_cli_parse(&cli, &command, argc, argv) == RF_CLI_EXIT)
		return cli.status;

	struct rf_session s;
	struct rf_strv slugs = RF_STRV_INIT;
	long problems = 0;
	int status = RF_FAIL;
	rf_session_init(&s, cli.dir);
	if (rf_session_open(&s, RF_SESSION_TEMPLATE) < 0)
		goto out;
	if (cli.noperands) {
		if (rf_session_resolve(&s, cli.operands, cli.noperands, &slugs) < 0)
			goto out;
	} else if (rf_notesdir_list(&s.nd, &slugs) < 0 || (problems = check_scoring(&s)) < 0) {
		goto out;
	}
	for (size_t i = 0; i < slugs.n; i++) {
		char *file = rf_notefile_name(slugs.v[i]);
		long n = check_file(&s.nd, file, &s.t);
		free(file);
		if (n < 0)
			goto out;
		problems += n;
	}
	status = problems ? RF_NO : RF_OK;
out:
	rf_strv_free(&slugs);
	return rf_session_finish(&s, status);
}
