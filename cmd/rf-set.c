/* rf-set: change answers in a note (or the profile) from the shell, keeping
 * its layout. */
#include <string.h>
#include <strings.h>

#include "applies.h"
#include "cli.h"
#include "conflicts.h"
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

/* Once the rank list exists, program.rank is no longer read: setting it
 * would change nothing the user could see. */
static int rank_retired(struct rf_session *s, char *const *assigns, int n, const char *slug)
{
	struct rf_buf b = RF_BUF_INIT;
	int wants = 0, missing = 1;
	for (int i = 0; i < n; i++)
		wants |= !strncasecmp(assigns[i], "program.rank=", 13);
	if (!wants)
		return 0;
	int r = rf_notesdir_read(&s->nd, RF_NOTEFILE_RANKS, &b, &missing);
	rf_buf_free(&b);
	if (r < 0 || missing)
		return r;
	return rf_error("program.rank is no longer read: %s holds your ranks (rf-rank move %s N; --force sets "
			"it anyway)", RF_NOTEFILE_RANKS, slug);
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
		char *const *assigns = cli->operands + 1;
		size_t n = (size_t)cli->noperands - 1;
		char *slug = rf_notefile_slug(rn.file);
		int retired = !force && rank_retired(s, assigns, n, slug) < 0;
		free(slug);
		if (!retired && rf_edit_assign(rn.file, &text, assigns, n, t) == 0 &&
		    (!is_profile(arg) || profile_reads(rn.file, &text) == 0) &&
		    (rf_conflicts_resolve_assigned(&text, assigns, n), 1) &&
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
