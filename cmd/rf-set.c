/* rf-set: change answers in a note (or the profile) from the shell, keeping
 * its layout. */
#include <string.h>

#include "applies.h"
#include "cli.h"
#include "conflicts.h"
#include "edit.h"
#include "notefile.h"
#include "ranklist.h"
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

/* PROGRAM "profile" is the applicant's profile.ini, checked against the
 * profile template and read back as rf-score reads it. */
static int is_profile(const char *arg)
{
	return !strcmp(arg, "profile") || !strcmp(arg, RF_NOTEFILE_PROFILE);
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_revnote rn = { 0 };
	struct rf_template profile = { 0 };
	struct rf_buf text = RF_BUF_INIT;
	int force = *(int *)cli->opts, status = RF_FAIL, committed, opened;
	const char *arg = cli->operands[0];
	if (is_profile(arg))
		opened = rf_session_open(s, RF_SESSION_WRITE) == 0 && rf_session_profile(s, &rn, &profile) == 0;
	else
		opened = rf_session_open(s, RF_SESSION_WRITE | RF_SESSION_TEMPLATE) == 0 &&
			 rf_session_note(s, arg, &rn) == 0;
	if (opened) {
		const struct rf_template *t = force ? NULL : is_profile(arg) ? &profile : &s->t;
		rf_buf_add(&text, rn.note.text, rn.note.len);
		char *const *assigns = cli->operands + 1;
		size_t n = (size_t)cli->noperands - 1;
		char *slug = rf_notefile_slug(rn.file);
		int retired = !force && rf_ranklist_refuse_rank(&s->nd, assigns, n, slug) < 0;
		free(slug);
		if (!retired && rf_edit_assign(rn.file, &text, assigns, n, t) == 0 &&
		    (!is_profile(arg) || rf_profile_check(rn.file, text.buf, text.len) == 0) &&
		    (rf_conflicts_resolve_assigned(&text, assigns, n), 1) &&
		    rf_record_text(&s->st, &s->nd, "set", rn.file, text.buf, text.len, 0, &committed) == 0)
			status = RF_OK;
		/* Once committed: the applicant's own deal-breakers the change
		 * made contradictory, as rf-check reports them. */
		if (status == RF_OK && is_profile(arg) && rf_session_open(s, RF_SESSION_SCORER) == 0)
			rf_applies_warn(&s->scorer->rules, &s->scorer->profile);
	}
	rf_template_free(&profile);
	rf_buf_free(&text);
	rf_revnote_free(&rn);
	return status;
}

static const struct rf_command command = {
	.usage = "rf-set [-C DIR] [-f] PROGRAM section.key=value...",
	.about = "Set answers in a program's note, or in your profile (PROGRAM 'profile'),\n"
		 "and commit the change.",
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
