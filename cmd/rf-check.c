/* rf-check: lint notes, the profile and the rules. */
#include <stdio.h>
#include <stdlib.h>

#include "cli.h"
#include "lint.h"
#include "notefile.h"
#include "session.h"

/* Print what a check found, in its order, and let it go. */
static long print_problems(long n, struct rf_strv *problems)
{
	for (size_t i = 0; i < problems->n; i++)
		printf("%s\n", problems->v[i]);
	rf_strv_free(problems);
	return n;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_strv slugs = RF_STRV_INIT, found = RF_STRV_INIT;
	long problems = 0, n = 0;
	if (rf_session_open(s, RF_SESSION_TEMPLATE) < 0)
		n = -1;
	else if (cli->noperands)
		n = rf_session_resolve(s, cli->operands, cli->noperands, &slugs);
	else if ((n = rf_notesdir_list(&s->nd, &slugs)) == 0 &&
		 (n = print_problems(rf_lint_scoring(&s->nd, &found), &found)) >= 0) {
		problems = n;
		if ((n = print_problems(rf_lint_ranks(&s->nd, &found), &found)) > 0)
			problems += n;
	}
	for (size_t i = 0; n >= 0 && i < slugs.n; i++) {
		char *file = rf_notefile_name(slugs.v[i]);
		if ((n = print_problems(rf_lint_file(&s->nd, file, &s->t, &found), &found)) > 0)
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
