/* rf-check: lint notes, the profile and the rules. */
#include <stdlib.h>

#include "applies.h"
#include "cli.h"
#include "lint.h"
#include "notefile.h"
#include "ranklist.h"
#include "session.h"

/* Lint one file against a template; returns problems found or -1. */
static long check_file(const struct rf_notesdir *nd, const char *file, const struct rf_template *t)
{
	struct rf_revnote rn;
	struct rf_strv problems = RF_STRV_INIT;
	long n = -1;
	if (rf_revnote_worktree(&rn, nd, file) == 0) {
		n = rn.missing ? 0 : (long)rf_lint_note(&rn.note, t, &problems);
		for (size_t i = 0; i < problems.n; i++)
			printf("%s\n", problems.v[i]);
	}
	rf_strv_free(&problems);
	rf_revnote_free(&rn);
	return n;
}

/* The profile against its template, then rules and the profile's meaning
 * by the parser that scores with them (it reports FILE:LINE itself), then
 * the applicant's own deal-breakers that contradict the visa they need. */
static long check_scoring(const struct rf_session *s)
{
	struct rf_template profile = { NULL, NULL, 0 };
	struct rf_strv problems = RF_STRV_INIT;
	char *path = rf_share_path("profile.ini");
	long n = path && rf_template_load(&profile, path) == 0 ? check_file(&s->nd, RF_NOTEFILE_PROFILE, &profile) : -1;
	struct rf_scorer *scorer = NULL;
	if (n == 0 && rf_scorer_load(&scorer, &s->nd) < 0)
		n = 1;
	else if (n == 0)
		n = (long)rf_applies_contradictions(&scorer->rules, &scorer->profile, &problems);
	for (size_t i = 0; i < problems.n; i++)
		printf("%s\n", problems.v[i]);
	rf_strv_free(&problems);
	rf_scorer_free(scorer);
	rf_template_free(&profile);
	free(path);
	return n;
}

/* The rank list's lines; what it ranks is rf-rank check's to judge. */
static long check_ranks(const struct rf_session *s)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_ranklist rl = { 0 };
	char *why = NULL;
	unsigned line;
	int missing;
	long n = rf_notesdir_read(&s->nd, RF_NOTEFILE_RANKS, &text, &missing) < 0 ? -1 : 0;
	if (n == 0 && !missing &&
	    rf_ranklist_try_parse(&rl, RF_NOTEFILE_RANKS, text.buf ? text.buf : "", text.len, &why, &line) < 0) {
		printf("%s\n", why);
		n = 1;
	}
	rf_ranklist_free(&rl);
	free(why);
	rf_buf_free(&text);
	return n;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_strv slugs = RF_STRV_INIT;
	long problems = 0, n = 0;
	if (rf_session_open(s, RF_SESSION_TEMPLATE) < 0)
		n = -1;
	else if (cli->noperands)
		n = rf_session_resolve(s, cli->operands, cli->noperands, &slugs);
	else if ((n = rf_notesdir_list(&s->nd, &slugs)) == 0 && (n = check_scoring(s)) >= 0) {
		problems = n;
		if ((n = check_ranks(s)) > 0)
			problems += n;
	}
	for (size_t i = 0; n >= 0 && i < slugs.n; i++) {
		char *file = rf_notefile_name(slugs.v[i]);
		if ((n = check_file(&s->nd, file, &s->t)) > 0)
			problems += n;
		free(file);
	}
	rf_strv_free(&slugs);
	return n < 0 ? RF_FAIL : problems ? RF_NO : RF_OK;
}

static const struct rf_command command = {
	.usage = "rf-check [-C DIR] [PROGRAM...]",
	.about = "Report problems in notes (all, or the PROGRAMs named), the profile and the\n"
		 "rules as FILE:LINE: message.  Exit 1 when there are any.",
	.max_operands = -1,
	.flags = RF_CLI_NO_DASHED,
	.run = run,
};

int main(int argc, char **argv)
{
	return rf_cli_main(&command, NULL, argc, argv);
}
