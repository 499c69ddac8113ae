/* rf-init: create the notes directory. */
#include "cli.h"
#include "init.h"
#include "session.h"

static const struct rf_command command = {
	.usage = "rf-init [-C DIR]",
	.about = "Create the notes directory: a git repository (mode 0700) with your profile.ini.",
	.flags = RF_CLI_NO_DASHED,
};

int main(int argc, char **argv)
{
	struct rf_cli cli;
	if (rf_cli_parse(&cli, &command, argc, argv) == RF_CLI_EXIT)
		return cli.status;

	struct rf_session s;
	int created, status = RF_FAIL;
	rf_session_init(&s, cli.dir);
	if (rf_init_notes(s.dir, &created) == 0) {
		printf("%s rf notes in %s\n", created ? "Initialized" : "Already", s.dir);
		status = RF_OK;
	}
	return rf_session_finish(&s, status);
}
