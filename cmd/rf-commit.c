/* rf-commit: record edits made in any editor. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "notefile.h"
#include "notesdir.h"
#include "record.h"
#include "store.h"

static const char usage[] = "rf-commit [-C DIR] [-m MESSAGE] [PROGRAM...]";

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "message", required_argument, NULL, 'm' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir_opt = NULL, *msg = NULL;
	int c;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "C:m:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': dir_opt = optarg; break;
		case 'm': msg = optarg; break;
		case 'h':
			printf("usage: %s\n\n"
			       "Commit the notes changed in the work tree (all, or the PROGRAMs named).\n"
			       "The default message names each changed answer.\n\n"
			       "  -C DIR          notes directory (default $RF_DIR, else ~/rf)\n"
			       "  -m, --message M commit message\n"
			       "  -h, --help      show this help\n      --version\n", usage);
			return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (msg && !*msg)
		return rf_cli_usage_error(usage);

	int status = RF_FAIL, committed = 0;
	char *dir = rf_notesdir_locate(dir_opt);
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_store st = { NULL, NULL, -1 };
	struct rf_strv files = RF_STRV_INIT;

	if (rf_notesdir_open(&nd, dir) < 0 || rf_store_open(&st, dir, RF_STORE_WRITE) < 0)
		goto out;
	if (optind < argc) {
		for (int i = optind; i < argc; i++) {
			char *slug;
			if (rf_notesdir_resolve(&nd, argv[i], &slug) < 0)
				goto out;
			rf_strv_push(&files, rf_notefile_name(slug));
			free(slug);
		}
	} else if (rf_record_worktree_files(&st, &nd, &files) < 0) {
		goto out;
	}
	if (rf_record_worktree(&st, &nd, "edit", &files, msg, &committed) < 0)
		goto out;
	if (!committed)
		printf("nothing to commit\n");
	status = RF_OK;
out:
	rf_strv_free(&files);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	free(dir);
	return rf_cli_finish(status);
}
