#include "session.h"

#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "notefile.h"

void rf_session_init(struct rf_session *s, const char *dir_opt)
{
	memset(s, 0, sizeof(*s));
	s->dir = rf_notesdir_locate(dir_opt);
	s->nd.fd = -1;
	s->st.lock_fd = -1;
	rf_pager_none(&s->pg);
}

int rf_session_open(struct rf_session *s, unsigned what)
{
	unsigned want = what & ~s->opened;
	if (!(s->opened & RF_SESSION_DIR)) {
		if (rf_notesdir_open(&s->nd, s->dir) < 0)
			return -1;
		s->opened |= RF_SESSION_DIR;
	}
	if ((want & (RF_SESSION_READ | RF_SESSION_WRITE)) && !s->st.repo) {
		int mode = want & RF_SESSION_WRITE ? RF_STORE_WRITE : RF_STORE_READ;
		if (want & RF_SESSION_CONCLUDE)
			mode |= RF_STORE_CONCLUDE;
		if (rf_store_open(&s->st, s->dir, mode) < 0)
			return -1;
		s->opened |= want & (RF_SESSION_READ | RF_SESSION_WRITE);
	}
	if ((want & RF_SESSION_CACHE) && !s->st.repo && rf_store_try_open(&s->st, s->dir))
		s->opened |= RF_SESSION_CACHE;
	if (want & RF_SESSION_TEMPLATE) {
		char *path = rf_share_path("program.ini");
		int r = path ? rf_template_load(&s->t, path) : -1;
		free(path);
		if (r < 0)
			return -1;
		s->opened |= RF_SESSION_TEMPLATE;
	}
	if (want & RF_SESSION_SCORER) {
		if (rf_scorer_load(&s->scorer, &s->nd) < 0)
			return -1;
		s->opened |= RF_SESSION_SCORER;
	}
	return 0;
}

FILE *rf_session_output(struct rf_session *s, int people)
{
	if (people && !s->pg.pid)
		rf_pager_start(&s->pg);
	return s->pg.out;
}

int rf_session_colour(const struct rf_session *s)
{
	return rf_colour_wanted(&s->pg);
}

int rf_session_resolve(struct rf_session *s, char *const *args, int n, struct rf_strv *slugs)
{
	for (int i = 0; i < n; i++) {
		char *slug;
		if (rf_notesdir_resolve(&s->nd, args[i], &slug) < 0)
			return -1;
		rf_strv_push(slugs, slug);
	}
	return 0;
}

int rf_session_note(struct rf_session *s, const char *arg, struct rf_revnote *rn)
{
	char *slug = NULL, *file = NULL;
	int r = -1;
	memset(rn, 0, sizeof(*rn));
	if (rf_notesdir_resolve(&s->nd, arg, &slug) < 0)
		return -1;
	file = rf_notefile_name(slug);
	if (rf_revnote_worktree(rn, &s->nd, file) == 0)
		r = rn->broken ? rf_note_report(&rn->note) : 0;
	free(file);
	free(slug);
	return r;
}

int rf_session_profile(struct rf_session *s, struct rf_revnote *rn, struct rf_template *t)
{
	memset(t, 0, sizeof(*t));
	if (rf_revnote_worktree(rn, &s->nd, RF_NOTEFILE_PROFILE) < 0)
		return -1;
	if (rn->missing)
		return rf_error("%s: no profile in %s (create it with rf-init)", RF_NOTEFILE_PROFILE, s->dir);
	if (rn->broken)
		return rf_note_report(&rn->note);
	char *path = rf_share_path(RF_NOTEFILE_PROFILE);
	int r = path ? rf_template_load(t, path) : -1;
	free(path);
	return r;
}

int rf_session_finish(struct rf_session *s, int status)
{
	if (rf_pager_finish(&s->pg) < 0)
		status = RF_FAIL;
	rf_scorer_free(s->scorer);
	if (s->opened & RF_SESSION_TEMPLATE)
		rf_template_free(&s->t);
	rf_store_close(&s->st);
	rf_notesdir_close(&s->nd);
	free(s->dir);
	memset(s, 0, sizeof(*s));
	return rf_cli_finish(status);
}
