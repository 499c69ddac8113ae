#include "revision.h"

#include <time.h>

#include "date.h"
#include "walk.h"

/* In a shallow clone: "; this shallow clone's history starts at abc1234
 * (2026-12-01): git fetch --unshallow fetches the rest", else "". */
static char *shallow_hint(struct rf_store *st, const struct rf_walk *w)
{
	git_commit *oldest = NULL;
	if (!w->ncut)
		return rf_xstrdup("");
	/* The boundary commits all start the clone's history: name the oldest. */
	for (size_t i = 0; i < w->ncut; i++) {
		git_commit *c;
		if (git_commit_lookup(&c, st->repo, &w->cut[i]) < 0)
			continue;
		if (!oldest || git_commit_time(c) < git_commit_time(oldest)) {
			git_commit_free(oldest);
			oldest = c;
		} else {
			git_commit_free(c);
		}
	}
	git_error_clear();
	if (!oldest)
		return rf_xstrdup("; this clone is shallow: git fetch --unshallow fetches the rest");
	char id[8], day[11];
	struct rf_when when = { (int64_t)git_commit_time(oldest), git_commit_time_offset(oldest) };
	git_oid_tostr(id, sizeof(id), git_commit_id(oldest));
	rf_date_ymd(&when, day);
	git_commit_free(oldest);
	return rf_xasprintf("; this shallow clone's history starts at %s (%s): git fetch --unshallow fetches the "
			    "rest", id, day);
}

/* The newest commit reachable from HEAD whose committer date is at or
 * before when (git rev-list -1 --before=WHEN HEAD). */
static int commit_before(struct rf_store *st, const char *spec, int64_t when, git_commit **out)
{
	struct rf_walk w;
	int r = -1, failed = 0;
	*out = NULL;
	if (git_repository_head_unborn(st->repo) == 1)
		return rf_error("%s: no commits yet", spec);
	/* Topological too: commits made in the same second come child first, as in git. */
	if (rf_walk_head(st, &w) < 0) {
		rf_walk_free(&w);
		return -1;
	}
	for (size_t i = 0; i < w.n && r < 0; i++) {
		git_commit *c;
		if (git_commit_lookup(&c, st->repo, &w.v[i]) < 0) {
			failed = rf_git_error(spec);
			break;
		}
		if ((int64_t)git_commit_time(c) <= when) {
			*out = c;
			r = 0;
		} else {
			git_commit_free(c);
		}
	}
	if (r < 0 && !failed) {
		char *hint = shallow_hint(st, &w);
		rf_error("%s: no commit at or before that date%s", spec, hint);
		free(hint);
	}
	rf_walk_free(&w);
	return r;
}

int rf_revision_resolve(struct rf_store *st, const char *spec, git_commit **out)
{
	int64_t when;
	git_object *obj = NULL;
	*out = NULL;
	if (rf_date_parse_approx(spec, (int64_t)time(NULL), &when) == 0)
		return commit_before(st, spec, when, out);
	if (*spec != '-' && git_revparse_single(&obj, st->repo, spec) < 0) {
		/* HEAD~7 past a shallow clone's boundary: the parent is missing. */
		const git_error *e = git_error_last();
		struct rf_walk w = { 0 };
		int r;
		if (e && e->klass == GIT_ERROR_ODB && rf_walk_load_cut(st, &w) == 0 && w.ncut) {
			char *hint = shallow_hint(st, &w);
			r = rf_error("%s: not in this clone%s", spec, hint);
			free(hint);
		} else {
			r = rf_error("%s: unknown revision (a git revision, YYYY-MM-DD or \"N days ago\")", spec);
		}
		rf_walk_free(&w);
		return r;
	}
	if (*spec == '-')
		return rf_error("%s: unknown revision (a git revision, YYYY-MM-DD or \"N days ago\")", spec);
	int e = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (e < 0)
		return rf_error("%s: not a commit", spec);
	return 0;
}
