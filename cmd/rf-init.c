/* rf-init: create the notes directory. */
#include "cli.h"
#include "init.h"
#include "session.h"

static int run(struct rf_cli *cli, struct rf_session *s)
{
	int created;
	(void)cli;
	if (rf_init_notes(s->dir, &created) < 0)
		return RF_FAIL;
	printf("%s rf notes in %s\n", created ? "Initialized" : "Already", s->dir);
	return RF_OK;
}

static const struct rf_command command = {
	.usage = "rf-init [-C DIR]",
	.about = "Create the notes directory: a git repository (mode 0700) with your profile.ini.",
	.flags = RF_CLI_NO_DASHED,
	.run = run,
};

int main(int argc, char **argv)
{
	return rf_cli_main(&command, NULL, argc, argv);
}
