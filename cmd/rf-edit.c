/* rf-edit: edit a note in the user's editor, then check and commit it. */
#include <stdlib.h>

#include "cli.h"
#include "editor.h"
#include "notefile.h"
#include "record.h"
#include "session.h"

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_record_snapshot snap = { 0 };
	char *slug = NULL, *file = NULL, *path = NULL;
	int status = RF_FAIL, committed;
	/* The writer lock is taken after the editor: an editing session may
	 * last an hour and must not block rf-set in another terminal.  What
	 * would refuse the commit (no repository, detached HEAD) is checked
	 * first, so an hour of typing does not end in an error; what the
	 * editor is given is kept, to merge with whatever is committed
	 * meanwhile. */
	if (rf_session_open(s, RF_SESSION_WRITE | RF_SESSION_CONCLUDE) < 0 ||
	    rf_notesdir_resolve(&s->nd, cli->operands[0], &slug) < 0)
		goto out;
	file = rf_notefile_name(slug);
	if (rf_record_snapshot(&s->st, &s->nd, file, &snap) < 0)
		goto out;
	rf_store_close(&s->st);
	path = rf_xasprintf("%s/%s", s->dir, file);
	if (rf_editor_run(path, "nothing committed") < 0 ||
	    rf_store_open(&s->st, s->dir, RF_STORE_WRITE | RF_STORE_CONCLUDE) < 0 ||
	    rf_record_edited(&s->st, &s->nd, &snap, &committed) < 0)
		goto out;
	if (!committed)
		printf("no changes\n");
	status = RF_OK;
out:
	rf_record_snapshot_free(&snap);
	free(path);
	free(file);
	free(slug);
	return status;
}

static const struct rf_command command = {
	.usage = "rf-edit [-C DIR] PROGRAM",
	.about = "Open the program's note in $VISUAL, else $EDITOR, else vi; then commit\n"
		 "what changed (problems in the note are shown as warnings).",
	.min_operands = 1,
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
	.run = run,
};

int main(int argc, char **argv)
{
	return rf_cli_main(&command, NULL, argc, argv);
}
