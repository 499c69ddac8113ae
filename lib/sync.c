#include "sync.h"

#include <stdlib.h>
#include <string.h>

#include "checkout.h"
#include "cred.h"
#include "record.h"
#include "remote.h"
#include "transfer.h"
#include "gitdiff.h"
#include "treemerge.h"

/* What a failure to reach the remote means for the notes. */
#define SAFE "your notes are safe and committed locally"

/* git is in the middle of something a sync must not build on. */
static int refuse_state(struct rf_store *st)
{
	const char *what = NULL, *end = NULL;
	switch (git_repository_state(st->repo)) {
	case GIT_REPOSITORY_STATE_NONE:
		return 0;
	case GIT_REPOSITORY_STATE_MERGE:
		what = "a merge", end = "resolve it and commit (rf-commit), or git merge --abort";
		break;
	case GIT_REPOSITORY_STATE_REBASE:
	case GIT_REPOSITORY_STATE_REBASE_INTERACTIVE:
	case GIT_REPOSITORY_STATE_REBASE_MERGE:
		what = "a rebase", end = "git rebase --continue or git rebase --abort";
		break;
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		what = "a cherry-pick", end = "git cherry-pick --continue or --abort";
		break;
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		what = "a revert", end = "git revert --continue or --abort";
		break;
	case GIT_REPOSITORY_STATE_BISECT:
		what = "a bisect", end = "git bisect reset";
		break;
	default:
		what = "a git am", end = "git am --continue or --abort";
		break;
	}
	return rf_error("%s: %s is in progress; finish it first (%s), then sync", st->dir, what, end);
}

static void short_id(const git_oid *id, char out[8])
{
	git_oid_tostr(out, 8, id);
}

/* HEAD's commit id; 0 when the branch is unborn. */
static int head_id(struct rf_store *st, git_oid *id, int *born)
{
	git_commit *c = NULL;
	if (rf_store_head_commit(st, &c) < 0)
		return -1;
	*born = c != NULL;
	if (c)
		git_oid_cpy(id, git_commit_id(c));
	git_commit_free(c);
	return 0;
}

static int commit_pending(struct rf_store *st, const struct rf_notesdir *nd, FILE *out)
{
	struct rf_strv files = RF_STRV_INIT;
	int committed = 0;
	int r = rf_record_worktree_files(st, nd, &files) == 0 &&
			rf_record_worktree(st, nd, "edit", &files, NULL, &committed) == 0
		? 0 : -1;
	rf_strv_free(&files);
	if (r == 0 && committed) {
		git_commit *c = NULL;
		if (rf_store_head_commit(st, &c) == 0 && c)
			fprintf(out, "committed: %s\n", git_commit_summary(c));
		git_commit_free(c);
	}
	return r;
}

/* Merge theirs into ours in a commit with both parents (not on any branch
 * yet): *id.  *conflicts counts the answers recorded. */
static int merge_commit(struct rf_store *st, const git_oid *ours_id, const git_oid *theirs_id, const char *label,
			git_oid *id, size_t *nfiles, size_t *conflicts)
{
	git_commit *ours = NULL, *theirs = NULL;
	git_tree *tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_buf msg = GIT_BUF_INIT;
	struct rf_treemerge m;
	int r = -1;
	if (git_commit_lookup(&ours, st->repo, ours_id) < 0 || git_commit_lookup(&theirs, st->repo, theirs_id) < 0) {
		rf_git_error("merge");
		goto out;
	}
	if (rf_treemerge_run(st, ours, theirs, label, &m) < 0)
		goto out;
	char *text = rf_treemerge_message(&m, label);
	*nfiles = m.n;
	*conflicts = m.conflicts;
	const git_commit *parents[2] = { ours, theirs };
	if (git_tree_lookup(&tree, st->repo, &m.tree) < 0 || git_message_prettify(&msg, text, 0, 0) < 0)
		rf_git_error("merge");
	else if (rf_store_signature(st, 0, &author) == 0 && rf_store_signature(st, 1, &committer) == 0) {
		if (git_commit_create(id, st->repo, NULL, author, committer, NULL, msg.ptr, tree, 2, parents) < 0)
			rf_git_error("merge commit");
		else
			r = 0;
	}
	free(text);
	rf_treemerge_free(&m);
out:
	git_buf_dispose(&msg);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	git_commit_free(ours);
	git_commit_free(theirs);
	return r;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Undo what this sync did to the branch (a merge that could not be
 * pushed): back to orig, as the sync found it after its own commit. */
static void roll_back(struct rf_store *st, const struct rf_notesdir *nd, const char *branch, const git_oid *orig,
		      int had_orig)
{
	git_oid now;
	int born;
	if (head_id(st, &now, &born) < 0 || !born || (had_orig && git_oid_equal(&now, orig)))
		return;
	if (had_orig)
		rf_checkout_move(st, nd, branch, &now, orig, "rf-sync: undo", NULL);
}

int rf_sync_run(struct rf_store *st, const struct rf_notesdir *nd, const char *remote, FILE *out,
		struct rf_sync_result *res)
{
	struct rf_remote r;
	struct rf_cred c;
	git_oid orig, head, tip;
	int had_orig, born, found = 0, ret = -1, acted = 0;
	char a[8], b[8];

	memset(res, 0, sizeof(*res));
	if (refuse_state(st) < 0 || rf_remote_resolve(st->repo, remote, &r) < 0)
		return -1;
	rf_cred_init(&c, r.url, r.user, r.password);
	/* A clone git made, or one from before the merge driver: git pull
	 * then merges notes as this sync does. */
	const char *label = r.name ? r.name : r.adopt ? "origin" : r.url;
	if (rf_gitdiff_setup(st) < 0 || commit_pending(st, nd, out) < 0 || head_id(st, &orig, &had_orig) < 0)
		goto done;

	for (int attempt = 0;; attempt++) {
		int need_push = 0, moved = 0;
		if (rf_transfer_fetch(&r, &c, SAFE, &tip, &found) < 0 || head_id(st, &head, &born) < 0)
			goto fail;
		if (!found && !born) {
			rf_error("%s and %s are both empty: nothing to sync (rf-new or rf-commit something first)",
				 st->dir, r.shown);
			goto fail;
		} else if (!found) {
			need_push = 1;
		} else if (!born || git_graph_descendant_of(st->repo, &tip, &head) == 1) {
			size_t n;
			if (rf_checkout_move(st, nd, r.branch, born ? &head : NULL, &tip, "rf-sync: fast-forward", &n) < 0)
				goto fail;
			short_id(&tip, b);
			if (born) {
				short_id(&head, a);
				fprintf(out, "fast-forward from %s: %zu %s changed (%s..%s)\n", label, n,
					plural(n, "file", "files"), a, b);
			} else {
				fprintf(out, "fetched from %s: %zu %s (%s)\n", label, n, plural(n, "file", "files"), b);
			}
			git_oid_cpy(&head, &tip);
			born = 1;
		} else if (git_oid_equal(&tip, &head) || git_graph_descendant_of(st->repo, &head, &tip) == 1) {
			need_push = !git_oid_equal(&tip, &head);
		} else {
			git_oid merged;
			size_t nfiles, conflicts;
			char *reflog = rf_xasprintf("rf-sync: merge %s", label);
			int e = merge_commit(st, &head, &tip, label, &merged, &nfiles, &conflicts);
			if (e == 0)
				e = rf_checkout_move(st, nd, r.branch, &head, &merged, reflog, NULL);
			free(reflog);
			if (e < 0)
				goto fail;
			res->conflicts += conflicts;
			short_id(&merged, b);
			fprintf(out, "merged with %s: %zu %s", label, nfiles, plural(nfiles, "file", "files"));
			if (conflicts)
				fprintf(out, ", %zu %s recorded (rf-check lists %s)", conflicts,
					plural(conflicts, "conflict", "conflicts"), plural(conflicts, "it", "them"));
			fprintf(out, " (%s)\n", b);
			git_oid_cpy(&head, &merged);
			need_push = 1;
		}
		acted |= need_push || !had_orig || !git_oid_equal(&head, &orig);
		if (!need_push)
			break;
		if (rf_transfer_push(&r, &c, SAFE, &moved) == 0) {
			short_id(&head, b);
			if (found) {
				short_id(&tip, a);
				fprintf(out, "pushed to %s: %s %s..%s\n", label, r.merge + 11, a, b);
			} else {
				fprintf(out, "pushed to %s: %s at %s (new branch)\n", label, r.merge + 11, b);
			}
			git_oid_cpy(&tip, &head);
			found = 1;
			break;
		}
		if (!moved)
			goto fail;
		if (attempt == RF_SYNC_RETRIES) {
			rf_error("%s: the remote kept moving during the sync (someone else pushed %d times between "
				 "fetch and push); the notes are merged and committed locally: run rf-sync again",
				 r.shown, attempt + 1);
			goto done;	/* the local merge is whole and stays */
		}
		fprintf(out, "%s moved during the sync: fetching and merging again\n", label);
	}
	if (rf_remote_save(st->repo, &r, found ? &tip : NULL) < 0)
		goto done;
	if (!acted)
		fprintf(out, "in sync with %s\n", label);
	ret = 0;
	goto done;
fail:
	roll_back(st, nd, r.branch, &orig, had_orig);
done:
	rf_cred_free(&c);
	rf_remote_free(&r);
	return ret;
}
