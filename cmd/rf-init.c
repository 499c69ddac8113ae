/* rf-init: create the notes directory, empty or as a clone. */
#include "cli.h"
#include "init.h"
#include "session.h"

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_init_report rep;
	if (cli->noperands) {
		struct rf_init_clone res;
		int r = rf_init_clone(s->dir, cli->operands[0], &res);
		if (r == 0)
			printf("Cloned %s into %s: %zu %s, %zu %s\n", res.url, s->dir, res.programs,
			       res.programs == 1 ? "program" : "programs", res.commits,
			       res.commits == 1 ? "commit" : "commits");
		rf_init_clone_free(&res);
		return r < 0 ? RF_FAIL : RF_OK;
	}
	if (rf_init_notes(s->dir, &rep) < 0)
		return RF_FAIL;
	/* A git clone comes with the umask's modes and no diff driver. */
	if (rep.dir_was >= 0 && rep.files_private)
		printf("Made %s private: the directory 0700 (was %04o), %zu file%s 0600\n", s->dir, rep.dir_was,
		       rep.files_private, rep.files_private == 1 ? "" : "s");
	else if (rep.dir_was >= 0)
		printf("Made %s private: the directory 0700 (was %04o)\n", s->dir, rep.dir_was);
	else if (rep.files_private)
		printf("Made %s private: %zu file%s 0600\n", s->dir, rep.files_private,
		       rep.files_private == 1 ? "" : "s");
	if (rep.driver_set)
		printf("Set up git's diff driver for notes: git diff and git log -p show per-key changes\n");
	printf("%s rf notes in %s\n", rep.created ? "Initialized" : "Already", s->dir);
	return RF_OK;
}

static const struct rf_command command = {
	.usage = "rf-init [-C DIR] [URL]",
	.about = "Create the notes directory: a git repository (mode 0700) with your profile.ini,\n"
		 "or, with URL, a clone of the notes another device pushed there (ssh, https,\n"
		 "file:// or a path).",
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
	.run = run,
};

int main(int argc, char **argv)
{
	return rf_cli_main(&command, NULL, argc, argv);
}
