#include "revnote.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "revision.h"

/* Label and parse what was read (text is unused when missing); fd >= 0:
 * the work-tree file it was read from, whose fstat then was *read_at. */
static void finish(struct rf_revnote *rn, const struct rf_buf *text, int worktree, int fd,
		   const struct stat *read_at)
{
	rn->label = worktree ? rf_xstrdup(rn->file) : rf_xasprintf("%s@%s", rn->file, rn->where);
	if (!rn->missing && !rn->absent)
		rn->broken = rf_note_parse_file(&rn->note, rn->label, text->buf, text->len, fd, read_at, 0) < 0;
}

int rf_revnote_worktree(struct rf_revnote *rn, const struct rf_notesdir *nd, const char *file)
{
	struct rf_buf text = RF_BUF_INIT;
	struct stat st;
	int fd;
	memset(rn, 0, sizeof(*rn));
	rn->file = rf_xstrdup(file);
	rn->where = rf_xstrdup("working tree");
	int r = rf_notesdir_open_file(nd, file, &fd, &st, &rn->missing);
	if (r == 0 && fd >= 0 && rf_read_fd(fd, &text) < 0)
		r = rf_error_errno("%s", file);
	if (r == 0)
		finish(rn, &text, 1, fd, &st);
	if (fd >= 0)
		close(fd);
	rf_buf_free(&text);
	return r;
}

int rf_revnote_worktree_clean(struct rf_revnote *rn, const struct rf_notesdir *nd, struct rf_store *st,
			      const char *file)
{
	struct rf_buf text = RF_BUF_INIT, clean = RF_BUF_INIT;
	memset(rn, 0, sizeof(*rn));
	rn->file = rf_xstrdup(file);
	rn->where = rf_xstrdup("working tree");
	int r = rf_notesdir_read(nd, file, &text, &rn->missing);
	if (r == 0 && !rn->missing)
		r = rf_store_clean(st, file, text.buf, text.len, &clean);
	if (r == 0)
		finish(rn, &clean, 1, -1, NULL);
	rf_buf_free(&text);
	rf_buf_free(&clean);
	return r;
}

/* No rename can come after HEAD: there the history walk is skipped. */
static int is_head(struct rf_store *st, const git_commit *commit)
{
	git_oid head;
	if (git_reference_name_to_id(&head, st->repo, "HEAD") < 0) {
		git_error_clear();	/* unborn: commit came from another branch */
		return 0;
	}
	return git_oid_equal(&head, git_commit_id(commit));
}

int rf_revnote_at(struct rf_revnote *rn, struct rf_store *st, const git_commit *commit, const char *file)
{
	git_commit *head = NULL;
	struct rf_buf text = RF_BUF_INIT;
	char id[8];
	int r = -1;
	memset(rn, 0, sizeof(*rn));
	if (!commit && rf_store_head_commit(st, &head) < 0)
		return -1;
	rn->file = rf_xstrdup(file);
	if (!commit && !head) {
		rn->where = rf_xstrdup("(no commit)");
		rn->missing = 1;
		finish(rn, &text, 0, -1, NULL);
		return 0;
	}
	if (!commit)
		commit = head;
	git_oid_tostr(id, sizeof(id), git_commit_id(commit));
	rn->where = rf_xstrdup(id);
	if (rf_store_read(st, commit, file, &text, &rn->missing) < 0)
		goto out;
	if (rn->missing && !head && !is_head(st, commit)) {
		char *then;
		if (rf_history_name_at(st, file, commit, &then) < 0)
			goto out;
		free(rn->file);
		rn->file = then;
		if (strcmp(then, file) != 0 && rf_store_read(st, commit, then, &text, &rn->missing) < 0)
			goto out;
	}
	finish(rn, &text, 0, -1, NULL);
	r = 0;
out:
	rf_buf_free(&text);
	git_commit_free(head);
	return r;
}

int rf_revnote_rev(struct rf_revnote *rn, struct rf_store *st, const char *rev, const char *file)
{
	git_commit *commit = NULL;
	if (!rev)
		return rf_revnote_at(rn, st, NULL, file);
	memset(rn, 0, sizeof(*rn));
	if (rf_revision_resolve(st, rev, &commit) < 0)
		return -1;
	int r = rf_revnote_at(rn, st, commit, file);
	git_commit_free(commit);
	return r;
}

int rf_revnote_entry(struct rf_revnote *rn, struct rf_store *st, const struct rf_notesdir *nd,
		     const struct rf_history_entry *e, int new_side)
{
	struct rf_buf text = RF_BUF_INIT;
	char id[8];
	int r = 0;
	memset(rn, 0, sizeof(*rn));
	rn->file = rf_xstrdup(new_side || !e->old_path ? e->path : e->old_path);
	git_oid_tostr(id, sizeof(id), &e->commit);
	if (e->worktree)
		rn->where = rf_xstrdup(new_side ? "working tree" : "HEAD");
	else
		rn->where = rf_xasprintf("%s%s", id, new_side ? "" : "^");
	if (new_side ? !e->has_new : !e->old_path)
		rn->missing = 1;
	else if (new_side && e->worktree) {
		struct rf_buf raw = RF_BUF_INIT;
		r = rf_notesdir_read(nd, e->path, &raw, &rn->missing);
		if (r == 0 && !rn->missing)
			r = rf_store_clean(st, e->path, raw.buf, raw.len, &text);
		rf_buf_free(&raw);
	}
	else
		r = rf_store_blob_absent(st, new_side ? &e->new_blob : &e->old_blob, "blob", &text, &rn->absent);
	if (r == 0)
		finish(rn, &text, new_side && e->worktree, -1, NULL);
	rf_buf_free(&text);
	return r;
}

void rf_revnote_free(struct rf_revnote *rn)
{
	free(rn->file);
	free(rn->where);
	free(rn->label);
	rf_note_free(&rn->note);
	memset(rn, 0, sizeof(*rn));
}
