#include "revision.h"

#include <time.h>

#include "date.h"

/* The newest commit reachable from HEAD whose committer date is at or
 * before when (git rev-list -1 --before=WHEN HEAD). */
static int commit_before(struct rf_store *st, const char *spec, int64_t when, git_commit **out)
{
	git_revwalk *w = NULL;
	git_oid id;
	int e, r = -1;
	*out = NULL;
	if (git_repository_head_unborn(st->repo) == 1)
		return rf_error("%s: no commits yet", spec);
	if (git_revwalk_new(&w, st->repo) < 0 || git_revwalk_push_head(w) < 0) {
		rf_git_error(spec);
		goto out;
	}
	/* Topological too: commits made in the same second come child first, as in git. */
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while ((e = git_revwalk_next(&id, w)) == 0) {
		git_commit *c;
		if (git_commit_lookup(&c, st->repo, &id) < 0) {
			rf_git_error(spec);
			goto out;
		}
		if ((int64_t)git_commit_time(c) <= when) {
			*out = c;
			r = 0;
			goto out;
		}
		git_commit_free(c);
	}
	if (e != GIT_ITEROVER)
		rf_git_error(spec);
	else
		rf_error("%s: no commit at or before that date", spec);
out:
	git_revwalk_free(w);
	return r;
}

int rf_revision_resolve(struct rf_store *st, const char *spec, git_commit **out)
{
	int64_t when;
	git_object *obj = NULL;
	*out = NULL;
	if (rf_date_parse_approx(spec, (int64_t)time(NULL), &when) == 0)
		return commit_before(st, spec, when, out);
	if (*spec == '-' || git_revparse_single(&obj, st->repo, spec) < 0)
		return rf_error("%s: unknown revision (a git revision, YYYY-MM-DD or \"N days ago\")", spec);
	int e = git_object_peel((git_object **)out, obj, GIT_OBJECT_COMMIT);
	git_object_free(obj);
	if (e < 0)
		return rf_error("%s: not a commit", spec);
	return 0;
}
