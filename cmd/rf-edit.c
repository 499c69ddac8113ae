/* rf-edit: edit a note in the user's editor, then check and commit it. */
#include <getopt.h>
#include <stdlib.h>

#include "cli.h"
#include "editor.h"
#include "notesdir.h"
#include "record.h"
#include "store.h"

static const char usage[] = "rf-edit [-C DIR] PROGRAM";

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
			       "Open the program's note in $VISUAL, else $EDITOR, else vi; then commit\n"
			       "what changed (problems in the note are shown as warnings).\n\n"
			       "  -C DIR     notes directory (default $RF_DIR, else ~/rf)\n"
			       "  -h, --help show this help\n      --version\n", usage);
			return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (argc - optind != 1)
		return rf_cli_usage_error(usage);

	int status = RF_FAIL, committed;
	char *dir = rf_notesdir_locate(dir_opt), *slug = NULL, *path = NULL;
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_store st = { NULL, NULL, -1 };
	struct rf_strv files = RF_STRV_INIT;
	struct rf_buf probe = RF_BUF_INIT;

	/* The writer lock is taken after the editor: an editing session may
	 * last an hour and must not block rf-set in another terminal.  What
	 * would refuse the commit (no repository, detached HEAD) is checked
	 * first, so an hour of typing does not end in an error. */
	if (rf_notesdir_open(&nd, dir) < 0 || rf_notesdir_resolve(&nd, argv[optind], &slug) < 0 ||
	    rf_store_open(&st, dir, RF_STORE_WRITE) < 0)
		goto out;
	rf_store_close(&st);
	rf_strv_push(&files, rf_xasprintf("%s.ini", slug));
	if (rf_notesdir_read(&nd, files.v[0], &probe, NULL) < 0)
		goto out;
	path = rf_xasprintf("%s/%s", dir, files.v[0]);
	if (rf_editor_run(path, "nothing committed") < 0)
		goto out;
	if (rf_store_open(&st, dir, RF_STORE_WRITE) < 0 ||
	    rf_record_worktree(&st, &nd, "edit", &files, NULL, &committed) < 0)
		goto out;
	if (!committed)
		printf("no changes\n");
	status = RF_OK;
out:
	rf_buf_free(&probe);
	rf_strv_free(&files);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	free(path);
	free(slug);
	free(dir);
	return rf_cli_finish(status);
}
