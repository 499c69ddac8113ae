#include "checkout.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* One path that differs between the two commits. */
struct move {
	char *path;
	git_oid old_id, new_id;		/* zero when absent on that side */
	git_filemode_t old_mode, new_mode;
	int top;			/* a top-level regular file rf writes itself */
	struct rf_buf old_data, new_data;
};

static int is_file_mode(git_filemode_t m)
{
	return m == GIT_FILEMODE_BLOB || m == GIT_FILEMODE_BLOB_EXECUTABLE;
}

static int collect(const git_diff_delta *d, float progress, void *payload)
{
	struct {
		struct move *v;
		size_t n, cap;
	} *list = payload;
	(void)progress;
	if (list->n == list->cap) {
		list->cap = list->cap ? 2 * list->cap : 16;
		list->v = rf_xrealloc(list->v, list->cap * sizeof(*list->v));
	}
	struct move *m = &list->v[list->n++];
	memset(m, 0, sizeof(*m));
	m->path = rf_xstrdup(d->new_file.path ? d->new_file.path : d->old_file.path);
	if (d->status != GIT_DELTA_ADDED) {
		git_oid_cpy(&m->old_id, &d->old_file.id);
		m->old_mode = d->old_file.mode;
	}
	if (d->status != GIT_DELTA_DELETED) {
		git_oid_cpy(&m->new_id, &d->new_file.id);
		m->new_mode = d->new_file.mode;
	}
	m->top = !strchr(m->path, '/') && (!m->old_mode || is_file_mode(m->old_mode)) &&
		 (!m->new_mode || is_file_mode(m->new_mode));
	return 0;
}

/* The work tree's file at path: 0 absent, 1 present (its bytes in out),
 * 2 something rf does not write over (a directory, a link). */
static int work_file(const struct rf_notesdir *nd, const char *path, struct rf_buf *out)
{
	struct stat sb;
	if (fstatat(nd->fd, path, &sb, AT_SYMLINK_NOFOLLOW) < 0)
		return errno == ENOENT ? 0 : 2;
	if (!S_ISREG(sb.st_mode))
		return 2;
	return rf_notesdir_read(nd, path, out, NULL) == 0 ? 1 : 2;
}

/* The work tree holds what commit from has at m->path (or what to has:
 * the move was half done). */
static int check_clean(struct rf_store *st, const struct rf_notesdir *nd, struct move *m)
{
	struct rf_buf have = RF_BUF_INIT;
	int w = work_file(nd, m->path, &have), ok;
	if (w == 2) {
		ok = 0;
	} else if (w == 0) {
		ok = 1;	/* a file deleted in the work tree: written back or gone anyway */
		if (!git_oid_is_zero(&m->old_id))
			ok = 0;	/* a deletion not committed is an edit too */
	} else {
		git_oid id;
		ok = git_odb_hash(&id, have.buf, have.len, GIT_OBJECT_BLOB) == 0 &&
		     ((!git_oid_is_zero(&m->old_id) && git_oid_equal(&id, &m->old_id)) ||
		      (!git_oid_is_zero(&m->new_id) && git_oid_equal(&id, &m->new_id)));
	}
	rf_buf_free(&have);
	if (!ok)
		return rf_error("%s: changed in the work tree and not committed (or in the way); commit it "
				"(rf-commit) or move it away, then sync again: nothing was changed",
				m->path);
	(void)st;
	return 0;
}

static int write_side(const struct rf_notesdir *nd, const struct move *m, int new_side)
{
	const git_oid *id = new_side ? &m->new_id : &m->old_id;
	const struct rf_buf *data = new_side ? &m->new_data : &m->old_data;
	if (git_oid_is_zero(id)) {
		if (unlinkat(nd->fd, m->path, 0) < 0 && errno != ENOENT)
			return rf_error_errno("%s", m->path);
		return 0;
	}
	return rf_notesdir_write(nd, m->path, data->buf ? data->buf : "", data->len, 0);
}

/* libgit2's checkout of the paths rf does not write itself. */
static int checkout_others(struct rf_store *st, git_tree *target, git_tree *baseline, struct move *v, size_t n)
{
	git_checkout_options co;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	char **paths = rf_xcalloc(n ? n : 1, sizeof(*paths));
	size_t k = 0;
	for (size_t i = 0; i < n; i++)
		if (!v[i].top)
			paths[k++] = v[i].path;
	int r = 0;
	if (k) {
		co.checkout_strategy = GIT_CHECKOUT_SAFE | GIT_CHECKOUT_DISABLE_PATHSPEC_MATCH;
		co.baseline = baseline;
		co.paths.strings = paths;
		co.paths.count = k;
		if (git_checkout_tree(st->repo, (const git_object *)target, &co) < 0)
			r = rf_git_error("checkout");
	}
	free(paths);
	return r;
}

int rf_checkout_move(struct rf_store *st, const struct rf_notesdir *nd, const char *branch, const git_oid *from,
		     const git_oid *to, const char *reflog, size_t *changed)
{
	git_commit *cf = NULL, *ct = NULL;
	git_tree *tf = NULL, *tt = NULL;
	git_diff *diff = NULL;
	git_reference *ref = NULL;
	struct {
		struct move *v;
		size_t n, cap;
	} list = { NULL, 0, 0 };
	struct rf_store_change *ch = NULL;
	int r = -1;
	size_t written = 0;

	if (changed)
		*changed = 0;
	if ((from && (git_commit_lookup(&cf, st->repo, from) < 0 || git_commit_tree(&tf, cf) < 0)) ||
	    git_commit_lookup(&ct, st->repo, to) < 0 || git_commit_tree(&tt, ct) < 0) {
		rf_git_error("commit");
		goto out;
	}
	git_diff_options dopts;
	git_diff_options_init(&dopts, GIT_DIFF_OPTIONS_VERSION);
	if (git_diff_tree_to_tree(&diff, st->repo, tf, tt, &dopts) < 0 ||
	    git_diff_foreach(diff, collect, NULL, NULL, NULL, &list) < 0) {
		rf_git_error("diff");
		goto out;
	}
	for (size_t i = 0; i < list.n; i++) {
		struct move *m = &list.v[i];
		if (m->top && check_clean(st, nd, m) < 0)
			goto out;
		if (m->top && ((!git_oid_is_zero(&m->old_id) && rf_store_blob(st, &m->old_id, m->path, &m->old_data) < 0) ||
			       (!git_oid_is_zero(&m->new_id) && rf_store_blob(st, &m->new_id, m->path, &m->new_data) < 0)))
			goto out;
	}
	for (; written < list.n; written++)
		if (list.v[written].top && write_side(nd, &list.v[written], 1) < 0)
			goto undo;
	if (checkout_others(st, tt, tf, list.v, list.n) < 0)
		goto undo;

	int e = from ? git_reference_create_matching(&ref, st->repo, branch, to, 1, from, reflog)
		     : git_reference_create(&ref, st->repo, branch, to, 0, reflog);
	if (e < 0) {
		if (e == GIT_EMODIFIED || e == GIT_EEXISTS)
			rf_error("%s moved during the sync (another git command?): nothing was changed; sync again",
				 branch + 11);
		else
			rf_git_error(branch);
		checkout_others(st, tf ? tf : tt, tt, list.v, list.n);
		goto undo;
	}

	ch = rf_xcalloc(list.n ? list.n : 1, sizeof(*ch));
	size_t k = 0;
	for (size_t i = 0; i < list.n; i++) {
		if (!list.v[i].top)
			continue;
		ch[k].path = list.v[i].path;
		ch[k].data = git_oid_is_zero(&list.v[i].new_id) ? NULL : list.v[i].new_data.buf ? list.v[i].new_data.buf : "";
		ch[k].len = list.v[i].new_data.len;
		k++;
	}
	rf_store_refresh_index(st, ch, k);
	if (changed)
		*changed = k;
	r = 0;
	goto out;

undo:
	/* Put back what was written: the checks above saw the old versions
	 * (or the new ones, identical) in the work tree. */
	while (written-- > 0)
		if (list.v[written].top)
			write_side(nd, &list.v[written], 0);
out:
	for (size_t i = 0; i < list.n; i++) {
		free(list.v[i].path);
		rf_buf_free(&list.v[i].old_data);
		rf_buf_free(&list.v[i].new_data);
	}
	free(list.v);
	free(ch);
	git_reference_free(ref);
	git_diff_free(diff);
	git_tree_free(tf);
	git_tree_free(tt);
	git_commit_free(cf);
	git_commit_free(ct);
	return r;
}
