/* rf-set: change answers in a note (or the profile) from the shell, keeping
 * its layout. */
#include <string.h>

#include "applies.h"
#include "cli.h"
#include "edit.h"
#include "notefile.h"
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

static int profile_reads(const char *label, const struct rf_buf *text)
{
	struct rf_profile p;
	if (rf_profile_parse(&p, label, text->buf, text->len) < 0)
		return -1;
	rf_profile_free(&p);
	return 0;
}

/* Once the profile is committed: the applicant's own deal-breakers that
 * the change made contradictory, as rf-check reports them. */
static void warn_contradictions(struct rf_session *s)
{
	struct rf_strv problems = RF_STRV_INIT;
	if (rf_session_open(s, RF_SESSION_SCORER) < 0)
		return;
	rf_applies_contradictions(&s->scorer->rules, &s->scorer->profile, &problems);
	for (size_t i = 0; i < problems.n; i++)
		rf_warn("%s", problems.v[i]);
	rf_strv_free(&problems);
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
		if (rf_edit_assign(rn.file, &text, cli->operands + 1, (size_t)cli->noperands - 1, t) == 0 &&
		    (!is_profile(arg) || profile_reads(rn.file, &text) == 0) &&
		    rf_record_text(&s->st, &s->nd, "set", rn.file, text.buf, text.len, 0, &committed) == 0)
			status = RF_OK;
		if (status == RF_OK && is_profile(arg))
			warn_contradictions(s);
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
