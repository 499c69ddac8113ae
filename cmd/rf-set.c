/* rf-set: change answers in a note from the shell, keeping its layout. */
#include "cli.h"
#include "edit.h"
#include "record.h"
#include "session.h"

static const struct rf_option options[] = {
	{ 'f', "force", NULL, "accept keys and values the template does not know" },
	{ 0 },
};

static int option(struct rf_cli *cli, int id)
{
	if (id == 'f')
		*(int *)cli->opts = 1;
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_revnote rn = { 0 };
	struct rf_buf text = RF_BUF_INIT;
	int force = *(int *)cli->opts, status = RF_FAIL, committed;
	if (rf_session_open(s, RF_SESSION_WRITE | RF_SESSION_TEMPLATE) == 0 &&
	    rf_session_note(s, cli->operands[0], &rn) == 0) {
		rf_buf_add(&text, rn.note.text, rn.note.len);
		if (rf_edit_assign(rn.file, &text, cli->operands + 1, (size_t)cli->noperands - 1, force ? NULL : &s->t) == 0 &&
		    rf_record_text(&s->st, &s->nd, "set", rn.file, text.buf, text.len, 0, &committed) == 0)
			status = RF_OK;
	}
	rf_buf_free(&text);
	rf_revnote_free(&rn);
	return status;
}

static const struct rf_command command = {
	.usage = "rf-set [-C DIR] [-f] PROGRAM section.key=value...",
	.about = "Set answers in a program's note and commit the change.",
	.options = options,
	.min_operands = 2,
	.max_operands = -1,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	int force = 0;
	return rf_cli_main(&command, &force, argc, argv);
}
