#include "worktree.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "gitindex.h"
#include "notefile.h"
#include "rename.h"
#include "treecache.h"

/* The work-tree entry for one changed note (new_id NULL: deleted). */
static void push_worktree(struct rf_history *out, const char *name, const char *old_name, const git_oid *old_id,
			  const git_oid *new_id)
{
	struct rf_history_entry *e = rf_history_add(out, name, old_name, old_id, new_id);
	e->worktree = 1;
	e->subject = rf_xstrdup("");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The work-tree notes to look at: path, or every note there and at HEAD. */
static int files_to_compare(const struct rf_notesdir *nd, const git_tree *head, const char *path,
			    struct rf_strv *files)
{
	struct rf_strv slugs = RF_STRV_INIT;
	if (path) {
		rf_strv_push(files, rf_xstrdup(path));
		return 0;
	}
	if (rf_notesdir_list(nd, &slugs) < 0)
		return -1;
	for (size_t i = 0; i < slugs.n; i++)
		rf_strv_push(files, rf_notefile_name(slugs.v[i]));
	rf_strv_free(&slugs);
	/* Looked up in a sorted copy: thousands of notes, each asked for. */
	size_t n = files->n;
	char **sorted = rf_xmalloc((n ? n : 1) * sizeof(*sorted));
	if (n)
		memcpy(sorted, files->v, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), cmp_str);
	for (size_t i = 0; head && i < git_tree_entrycount(head); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(head, i);
		const char *name = git_tree_entry_name(e);
		if (rf_treecache_is_note(e) && !bsearch(&name, sorted, n, sizeof(*sorted), cmp_str))
			rf_strv_push(files, rf_xstrdup(name));
	}
	free(sorted);
	return 0;
}

/* One note new to the work tree: the HEAD notes whose file is gone, that
 * it may have been renamed from. */
static int gone_since_head(const struct rf_notesdir *nd, const git_tree *head, const char *path,
			   struct rf_rename_cands *gone)
{
	struct rf_buf text = RF_BUF_INIT;
	int r = 0;
	for (size_t i = 0; r == 0 && head && i < git_tree_entrycount(head); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(head, i);
		int missing;
		if (!rf_treecache_is_note(e) || !strcmp(git_tree_entry_name(e), path))
			continue;
		r = rf_notesdir_read(nd, git_tree_entry_name(e), &text, &missing);
		if (r == 0 && missing)
			rf_rename_add(gone, git_tree_entry_name(e), git_tree_entry_id(e));
	}
	rf_buf_free(&text);
	return r;
}

int rf_worktree_changes(struct rf_store *st, const struct rf_notesdir *nd, const char *path,
			struct rf_history *out, char **head_path)
{
	git_tree *head = NULL;
	struct rf_gitindex *gi = NULL;
	struct rf_strv files = RF_STRV_INIT;
	struct rf_rename_cands added = { NULL, 0 }, gone = { NULL, 0 };
	struct rf_buf text = RF_BUF_INIT, clean = RF_BUF_INIT;
	int r = -1;

	if (head_path)
		*head_path = path ? rf_xstrdup(path) : NULL;
	if (rf_store_head_tree(st, &head) < 0)
		return -1;
	if (files_to_compare(nd, head, path, &files) < 0)
		goto out;
	gi = head ? rf_gitindex_open(st) : NULL;
	for (size_t i = 0; i < files.n; i++) {
		int missing;
		git_oid now, before;
		struct stat sb;
		int in_head = rf_treecache_blob_id(head, files.v[i], &before);
		/* Unchanged since HEAD, as git's index vouches: not read. */
		if (in_head && fstatat(nd->fd, files.v[i], &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    rf_gitindex_id(gi, files.v[i], &sb, &now) && git_oid_equal(&now, &before))
			continue;
		if (rf_notesdir_read(nd, files.v[i], &text, &missing) < 0)
			goto out;
		/* Compared as git would store it, or a CRLF work tree under
		 * autocrlf would differ from HEAD in every line. */
		if (!missing && rf_store_clean(st, files.v[i], text.buf, text.len, &clean) < 0)
			goto out;
		if (!missing && git_odb_hash(&now, clean.buf ? clean.buf : "", clean.len, GIT_OBJECT_BLOB) < 0) {
			rf_git_error(files.v[i]);
			goto out;
		}
		if (!missing && in_head) {
			if (!git_oid_equal(&now, &before))
				push_worktree(out, files.v[i], files.v[i], &before, &now);
		} else if (!missing) {
			/* Its text is at hand: rename detection need not read it. */
			struct rf_rename_cand *a = rf_rename_add(&added, files.v[i], &now);
			a->text = clean;
			a->have_text = 1;
			memset(&clean, 0, sizeof(clean));
		} else if (in_head && !path) {
			rf_rename_add(&gone, files.v[i], &before);
		} else if (in_head) {
			push_worktree(out, files.v[i], files.v[i], &before, NULL);
		}
	}
	if (path && added.n && gone_since_head(nd, head, path, &gone) < 0)
		goto out;
	for (size_t k = 0; k < added.n; k++) {
		const struct rf_rename_cand *a = &added.v[k];
		long from = rf_rename_source(st, &added.v[k], &gone);
		if (from == -2)
			goto out;
		if (from < 0) {
			push_worktree(out, a->name, NULL, NULL, &a->id);
			continue;
		}
		gone.v[from].taken = 1;
		push_worktree(out, a->name, gone.v[from].name, &gone.v[from].id, &a->id);
		if (path && head_path) {
			free(*head_path);
			*head_path = rf_xstrdup(gone.v[from].name);
		}
	}
	for (size_t k = 0; !path && k < gone.n; k++)
		if (!gone.v[k].taken)
			push_worktree(out, gone.v[k].name, gone.v[k].name, &gone.v[k].id, NULL);
	r = 0;
out:
	rf_rename_cands_free(&added);
	rf_rename_cands_free(&gone);
	rf_buf_free(&text);
	rf_buf_free(&clean);
	rf_strv_free(&files);
	rf_gitindex_free(gi);
	git_tree_free(head);
	if (r < 0 && head_path) {
		free(*head_path);
		*head_path = NULL;
	}
	return r;
}
