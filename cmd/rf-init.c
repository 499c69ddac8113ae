/* rf-init: create the notes directory. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "init.h"
#include "notesdir.h"

static const char usage[] = "rf-init [-C DIR]";

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
			printf("usage: %s\n\nCreate the notes directory: a git repository (mode 0700) "
			       "with your profile.ini.\n\n"
			       "  -C DIR     notes directory (default $RF_DIR, else ~/rf)\n"
			       "  -h, --help show this help\n      --version\n", usage);
			return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (optind != argc)
		return rf_cli_usage_error(usage);
	char *dir = rf_notesdir_locate(dir_opt);
	int created, status = RF_FAIL;
	if (rf_init_notes(dir, &created) == 0) {
		printf("%s rf notes in %s\n", created ? "Initialized" : "Already", dir);
		status = RF_OK;
	}
	free(dir);
	return rf_cli_finish(status);
}
