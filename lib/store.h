/* store.h: the notes directory's git repository, through libgit2 only.
 *
 * Writers hold an flock on .git/rf.lock from open to close, so rf commands
 * never interleave their read-edit-write-commit; the kernel drops the lock
 * when a process dies, so a killed rf never leaves it stale.  Commits are
 * built from HEAD's tree (never the shared index) and land by
 * compare-and-swap on HEAD, so a concurrent git command is not reverted. */
#ifndef RF_STORE_H
#define RF_STORE_H

#include <stddef.h>

#include <git2.h>

#include "util.h"

struct rf_store {
	git_repository *repo;
	char *dir;
	int lock_fd;	/* -1 unless opened for writing */
	git_tree *tree;	/* the root tree rf_store_read read last (owned), or NULL */
};

/* Modes: READ, or WRITE, which CONCLUDE extends to a merge in progress
 * (the commands that can conclude it: rf-commit, rf-edit). */
enum { RF_STORE_READ = 0, RF_STORE_WRITE = 1, RF_STORE_CONCLUDE = 2 };

/* Make dir a git repository unless it already is one.  *created is set
 * when a new repository was made. */
int rf_store_init(const char *dir, int *created);
/* Open the repository whose work tree is dir.  With RF_STORE_WRITE, refuse
 * while git is in the middle of a merge (unless RF_STORE_CONCLUDE), rebase,
 * cherry-pick, revert, am or bisect, naming the git command that ends it;
 * refuse an index rf cannot write (split or sparse) and a detached HEAD;
 * wait (bounded) for the writer lock, and remove the git lock files and
 * temporary notes provably left by an rf killed mid-commit. */
int rf_store_open(struct rf_store *st, const char *dir, int mode);
void rf_store_close(struct rf_store *st);
/* Open it for reading when dir is the top of a git work tree, else leave
 * st closed: 1 or 0, nothing reported (for what only saves work). */
int rf_store_try_open(struct rf_store *st, const char *dir);

/* Start libgit2 (each call paired with git_libgit2_shutdown): the first
 * start of the process lasts until exit.  Reports and returns -1. */
int rf_store_lib_init(void);

/* Report the last libgit2 error as "what: message"; returns -1. */
int rf_git_error(const char *what);

/* HEAD's commit, or NULL (and 0) when the branch is unborn.  Caller frees
 * *out with git_commit_free. */
int rf_store_head_commit(struct rf_store *st, git_commit **out);
/* HEAD's root tree, or NULL (and 0) when unborn.  Caller frees *out with
 * git_tree_free. */
int rf_store_head_tree(struct rf_store *st, git_tree **out);

/* The bytes of blob id into out (replacing them); reports "what: reason"
 * when it cannot be read. */
int rf_store_blob(struct rf_store *st, const git_oid *id, const char *what, struct rf_buf *out);

/* The bytes git would store for a file of the work tree at path holding
 * data: the repository's clean filters applied (core.autocrlf, the text
 * and eol attributes), as `git add` does, so a note with CRLF line endings
 * under autocrlf is stored with LF.  out is replaced. */
int rf_store_clean(struct rf_store *st, const char *path, const char *data, size_t len, struct rf_buf *out);
/* The reverse: a blob's bytes as git would check them out at path. */
int rf_store_smudge(struct rf_store *st, const char *path, const char *data, size_t len, struct rf_buf *out);
/* The id of the blob git would store for data at path (rf_store_clean). */
int rf_store_hash(struct rf_store *st, const char *path, const char *data, size_t len, git_oid *id);

/* The same, except that a blob a partial clone (git clone --filter) does
 * not have sets *absent and returns 0 without a word: libgit2 cannot fetch
 * it on demand as git does. */
int rf_store_blob_absent(struct rf_store *st, const git_oid *id, const char *what, struct rf_buf *out,
			 int *absent);

/* The remote a partial clone fetches its missing objects from (caller
 * frees), or NULL when the repository is complete. */
char *rf_store_promisor(struct rf_store *st);

/* How to fetch what a partial clone lacks: "git -C DIR config --unset
 * remote.R.partialclonefilter && git -C DIR fetch --refetch R".  Caller
 * frees; NULL unless a partial clone. */
char *rf_store_refetch_hint(struct rf_store *st);

/* Read path (top level) at commit, or at HEAD when commit is NULL.
 * *missing is set instead of an error when absent or HEAD is unborn. */
int rf_store_read(struct rf_store *st, const git_commit *commit, const char *path, struct rf_buf *out,
		  int *missing);

/* The blob id of the top-level file path in commit's tree: 1, 0 when it
 * is not there (or not a file), -1 on error. */
int rf_store_entry_id(struct rf_store *st, const git_commit *commit, const char *path, git_oid *id);

/* A top-level file's new content; data NULL removes it. */
struct rf_store_change {
	const char *path;
	const char *data;
	size_t len;
	git_oid blob;		/* data's blob as committed, when has_blob: set by */
	int has_blob;		/* rf_store_write_blobs, so it is not hashed again */
};

/* Commit the changes on top of HEAD with message (author and committer as
 * git would take them), then refresh the index for those paths so `git
 * status` stays clean.  Returns 1 when committed (*id set if given), 0 when
 * HEAD already had that content, -1 on error. */
int rf_store_commit(struct rf_store *st, const struct rf_store_change *changes, size_t n,
		    const char *message, git_oid *id);

/* Write the blobs of the changes (those with data) that the object
 * database lacks ahead of rf_store_commit, as one pack (fsynced once)
 * instead of a loose object and an fsync each: a commit of hundreds of
 * notes costs one flush, and a full disk fails here, before any note is
 * replaced.  Each blob is the data as git add would store it (clean
 * filters applied), and its id is kept in the change for the commit. */
int rf_store_write_blobs(struct rf_store *st, struct rf_store_change *changes, size_t n);
/* The same, with place called once the commit's objects are written and
 * before HEAD moves to it (or when there is nothing to record): it puts the
 * new text in the work tree, or returns -1 after reporting to give up.
 * Returns -1 only when HEAD did not move, so the caller can undo what
 * place did; 1 and 0 as above. */
int rf_store_commit_placed(struct rf_store *st, const struct rf_store_change *changes, size_t n,
			   const char *message, int (*place)(void *arg), void *arg, git_oid *id);

/* 1 when a merge is in progress (git pull or git merge stopped on a
 * conflict: MERGE_HEAD), which rf_store_conclude_merge concludes. */
int rf_store_merging(struct rf_store *st);

/* Conclude the merge in progress as `git merge --continue` would: the
 * index (what git merged cleanly) with changes (the work-tree versions of
 * the files given, data NULL: removed) resolving their conflicts, committed
 * with HEAD and every MERGE_HEAD as parents and message (NULL: git's
 * MERGE_MSG), then the index written and the merge state cleaned up.  Any
 * path still in conflict is refused, naming it.  Returns 1 (*id set if
 * given) or -1, when HEAD did not move. */
int rf_store_conclude_merge(struct rf_store *st, const struct rf_store_change *changes, size_t n,
			    const char *message, git_oid *id);

/* Point the index at the content of the changed paths (data NULL: remove
 * the path), waiting briefly for git's index lock; a failure is a warning,
 * as the commit it follows stands. */
void rf_store_refresh_index(struct rf_store *st, const struct rf_store_change *changes, size_t n);

/* Append the names of the top-level files in commit's tree, or HEAD's when
 * commit is NULL (none when unborn), that keep accepts (rf_notefile_is_note
 * for the notes), sorted. */
int rf_store_files(struct rf_store *st, const git_commit *commit, int (*keep)(const char *name),
		   struct rf_strv *files);

/* Author or committer signature: GIT_AUTHOR_NAME/EMAIL/DATE (or
 * GIT_COMMITTER_*), else user.name/user.email from git config, else the
 * fallback "rf <rf@localhost>"; the clock when no date is set. */
int rf_store_signature(struct rf_store *st, int committer, git_signature **out);

#endif
