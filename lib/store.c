#include "store.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <git2/sys/commit.h>
#include <git2/sys/mempack.h>
#include <git2/sys/odb_backend.h>
#include <git2/pack.h>

#include "date.h"

/* How long a writer waits for another rf command, and for git's own locks
 * (a running git command holds them for milliseconds). */
#define WRITER_WAIT_MS 30000
#define GIT_LOCK_WAIT_MS 3000
#define COMMIT_ATTEMPTS 50
/* Pack windows (see lib_init) and the object cache of readers. */
#define MWINDOW_SIZE (1u << 20)
#define MWINDOW_MAPPED (4u << 20)
#define READER_CACHE (1 << 20)

int rf_git_error(const char *what)
{
	const git_error *e = git_error_last();
	/* Some failures of the system (a full disk in an object write) come
	 * back without a libgit2 message, errno still saying why. */
	if ((!e || !e->message) && errno)
		return rf_error_errno("%s", what);
	return rf_error("%s: %s", what, e && e->message ? e->message : "unknown libgit2 error");
}

static void sleep_ms(long ms)
{
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	nanosleep(&ts, NULL);
}

/* While rf commits it writes its pid into .git/rf.lock (the file it holds
 * the writer flock on) and blanks it afterwards.  The next writer, holding
 * the flock, finds a pid there only if that rf died mid-commit: a git lock
 * file created since then (mtime at or after the marker's) and still there
 * a second later is that rf's, provably stale, and is removed.  A git
 * command run by hand in that same window would have its lock removed too;
 * git holds branch locks for milliseconds, so that takes a git command
 * started within the moment an rf was being killed.  The marker is
 * overwritten in place, never truncated, so on a full disk it still fits
 * in the block it already has. */
#define MARK_SIZE 32

static void mark_committing(struct rf_store *st, int on)
{
	char mark[MARK_SIZE];
	if (st->lock_fd < 0)
		return;
	memset(mark, ' ', sizeof(mark));
	mark[MARK_SIZE - 1] = '\n';
	if (on) {
		int n = snprintf(mark, sizeof(mark), "%ld", (long)getpid());
		mark[n] = ' ';
	}
	if (pwrite(st->lock_fd, mark, sizeof(mark), 0) != (ssize_t)sizeof(mark) && errno != ENOSPC)
		rf_warn("%srf.lock: cannot mark the commit in progress", git_repository_path(st->repo));
}

/* A killed writer's marker: its time, or 0 when the last writer finished
 * (a blank marker, or the empty file of a first run). */
static struct timespec killed_writer(const struct rf_store *st)
{
	struct stat sb;
	struct timespec none = { 0, 0 };
	char c;
	if (fstat(st->lock_fd, &sb) < 0 || pread(st->lock_fd, &c, 1, 0) != 1 || c < '0' || c > '9')
		return none;
	return sb.st_mtim;
}

static int ts_before(struct timespec a, struct timespec b)
{
	return a.tv_sec < b.tv_sec || (a.tv_sec == b.tv_sec && a.tv_nsec < b.tv_nsec);
}

/* Remove what a killed rf left in the work tree: its temporary notes
 * (every rf that writes one holds the writer flock, so none is live). */
static void clear_stale_tmp(const struct rf_store *st)
{
	DIR *d = opendir(st->dir);
	if (!d)
		return;
	struct dirent *de;
	while ((de = readdir(d)))
		if (!strncmp(de->d_name, ".rf-tmp-", 8) && unlinkat(dirfd(d), de->d_name, 0) == 0)
			rf_warn("removed %s, a temporary file left by a killed rf command", de->d_name);
	closedir(d);
}

static int star_entry(const git_config_entry *e, void *payload)
{
	if (!strcmp(e->value, "*"))
		*(int *)payload = 1;
	return 0;
}

/* 1 when the open failed on the ownership check git also makes (the
 * directory belongs to another user and safe.directory does not name it);
 * libgit2 1.5 reports a missing safe.directory as "not found". */
static int is_ownership_error(int e)
{
	const git_error *err = git_error_last();
	return e == GIT_EOWNER ||
	       (e == GIT_ENOTFOUND && err && err->message && strstr(err->message, "'safe.directory'"));
}

static int ownership_error(const char *dir)
{
	struct stat sb;
	char *real = realpath(dir, NULL), who[64];
	const struct passwd *pw = stat(dir, &sb) == 0 ? getpwuid(sb.st_uid) : NULL;
	if (pw)
		snprintf(who, sizeof(who), "%s", pw->pw_name);
	else
		snprintf(who, sizeof(who), "uid %ld", (long)sb.st_uid);
	git_config *cfg = NULL;
	int star = 0;
	if (git_config_open_default(&cfg) == 0)
		git_config_get_multivar_foreach(cfg, "safe.directory", NULL, star_entry, &star);
	git_config_free(cfg);
	git_error_clear();
	int r = rf_error("%s: owned by %s, not by you, so git and rf refuse it until you say it is safe: git config "
			 "--global --add safe.directory %s%s", dir, who, real ? real : dir,
			 star ? " (safe.directory=* is not enough for rf: its libgit2 takes exact paths only)" : "");
	free(real);
	return r;
}

/* A bare repository has no work tree to keep notes in. */
static int bare_error(const char *dir)
{
	return rf_error("%s: a bare git repository, with no work tree for notes; clone it and use the clone: "
			"git clone %s ~/rf", dir, dir);
}

static void release_libgit2(void)
{
	git_libgit2_shutdown();
}

/* libgit2 1.5 parses the system's CA certificates in its first init (11
 * ms, most of a small command) and frees them in its last shutdown: a
 * command that opened and closed the repository, then opened it again
 * (rf-import, rf-init), paid for them each time.  The first init of the
 * process takes a second reference, given back at exit. */
int rf_store_lib_init(void)
{
	int n = git_libgit2_init();
	if (n < 0)
		return rf_git_error("libgit2");
	if (n == 1 && git_libgit2_init() > 1 && atexit(release_libgit2) != 0)
		git_libgit2_shutdown();
	return 0;
}

static int lib_init(void)
{
	if (rf_store_lib_init() < 0)
		return -1;
	/* Notes are worth an fsync; libgit2 does not do it by default. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* libgit2 maps a pack in windows of 1 GB and keeps them: a walk over
	 * all history would hold the whole pack in memory.  Small windows,
	 * few kept, bound that; the pack's own cache of delta bases stays.
	 * The limit is shared by the index builder's threads: at 2 MB they
	 * unmapped each other's windows on nearly every read (5,500 map and
	 * unmap pairs, 1.8 s of system time in a 50,000-commit build). */
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_SIZE, (size_t)MWINDOW_SIZE);
	git_libgit2_opts(GIT_OPT_SET_MWINDOW_MAPPED_LIMIT, (size_t)MWINDOW_MAPPED);
	return 0;
}

int rf_store_init(const char *dir, int *created)
{
	git_repository *repo = NULL;
	*created = 0;
	if (lib_init() < 0)
		return -1;
	int r = 0, e = git_repository_open_ext(&repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (e == 0) {
		git_repository_free(repo);
	} else if (is_ownership_error(e)) {
		r = ownership_error(dir);
	} else {
		git_repository_init_options opts;
		git_repository_init_options_init(&opts, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
		opts.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
		opts.mode = GIT_REPOSITORY_INIT_SHARED_UMASK;
		opts.initial_head = "main";
		if (git_repository_init_ext(&repo, dir, &opts) < 0)
			r = rf_git_error(dir);
		else
			*created = 1;
		git_repository_free(repo);
	}
	git_libgit2_shutdown();
	return r;
}

static int same_dir(const char *a, const char *b)
{
	struct stat sa, sb;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

static int take_writer_lock(struct rf_store *st)
{
	char *path = rf_xasprintf("%srf.lock", git_repository_path(st->repo));
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
	if (fd < 0) {
		rf_error_errno("%s", path);
		free(path);
		return -1;
	}
	for (long waited = 0; flock(fd, LOCK_EX | LOCK_NB) < 0; waited += 10) {
		if (errno != EWOULDBLOCK || waited >= WRITER_WAIT_MS) {
			rf_error("%s: another rf command has been writing for %d s; try again when it is done",
				 path, WRITER_WAIT_MS / 1000);
			close(fd);
			free(path);
			return -1;
		}
		sleep_ms(10);
	}
	free(path);
	st->lock_fd = fd;
	return 0;
}

/* Wait (bounded) until git's lock files for the index and the branch are
 * gone.  A running git command holds them for milliseconds; one that stays
 * is stale (a killed git), and libgit2 would fail on it only after rf had
 * written the note, so it is refused up front, naming the file. */
static int wait_git_locks(struct rf_store *st)
{
	const char *gitdir = git_repository_path(st->repo);
	char *branch = NULL;
	git_reference *head = NULL;
	if (git_reference_lookup(&head, st->repo, "HEAD") == 0 &&
	    git_reference_type(head) == GIT_REFERENCE_SYMBOLIC)
		branch = rf_xasprintf("%s%s.lock", gitdir, git_reference_symbolic_target(head));
	git_reference_free(head);
	git_error_clear();
	char *locks[3] = { rf_xasprintf("%sindex.lock", gitdir), rf_xasprintf("%sHEAD.lock", gitdir), branch };
	int r = 0;
	struct timespec killed = killed_writer(st);
	for (size_t i = 0; i < 3 && r == 0; i++) {
		struct stat sb;
		for (long waited = 0; locks[i] && lstat(locks[i], &sb) == 0; waited += 20) {
			if (killed.tv_sec && !ts_before(sb.st_mtim, killed) && waited >= 1000 &&
			    unlink(locks[i]) == 0) {
				rf_warn("removed %s, left by an rf command killed while committing", locks[i]);
				break;
			}
			if (waited >= GIT_LOCK_WAIT_MS) {
				r = rf_error("%s exists: another git command is running, or one was killed; "
					     "if none is running, remove that file and try again", locks[i]);
				break;
			}
			sleep_ms(20);
		}
	}
	for (size_t i = 0; i < 3; i++)
		free(locks[i]);
	if (r == 0) {
		clear_stale_tmp(st);
		mark_committing(st, 0);
	}
	return r;
}

/* The branch a rebase in progress started from ("main"), or NULL. */
static char *rebase_branch(struct rf_store *st)
{
	static const char *const dirs[] = { "rebase-merge", "rebase-apply" };
	for (size_t i = 0; i < 2; i++) {
		char *path = rf_xasprintf("%s%s/head-name", git_repository_path(st->repo), dirs[i]);
		struct rf_buf b = RF_BUF_INIT;
		int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
		free(path);
		if (fd < 0)
			continue;
		int e = rf_read_fd(fd, &b);
		close(fd);
		char *name = e == 0 && b.len ? rf_strstrip(b.buf) : NULL;
		if (name && !strncmp(name, "refs/heads/", 11) && name[11]) {
			char *branch = rf_xstrdup(name + 11);
			rf_buf_free(&b);
			return branch;
		}
		rf_buf_free(&b);
	}
	return NULL;
}

/* Refuse to write while git is in the middle of something: a commit made
 * then would ignore MERGE_HEAD (a one-parent commit holding conflict
 * markers, and the next git pull failing) or land in the middle of a
 * rebase.  The line names the git command that ends it.  A merge is left
 * to the callers that conclude it (merge_ok). */
static int refuse_in_progress(struct rf_store *st, int merge_ok)
{
	int state = git_repository_state(st->repo);
	const char *dir = st->dir;
	switch (state) {
	case GIT_REPOSITORY_STATE_NONE:
		return 0;
	case GIT_REPOSITORY_STATE_MERGE:
		if (merge_ok)
			return 0;
		return rf_error("%s: a merge is in progress (git pull or git merge stopped on a conflict): "
				"resolve the notes, then rf-commit concludes it; or git merge --abort", dir);
	case GIT_REPOSITORY_STATE_REVERT:
	case GIT_REPOSITORY_STATE_REVERT_SEQUENCE:
		return rf_error("%s: a git revert is in progress: finish it with git revert --continue, or "
				"git revert --abort", dir);
	case GIT_REPOSITORY_STATE_CHERRYPICK:
	case GIT_REPOSITORY_STATE_CHERRYPICK_SEQUENCE:
		return rf_error("%s: a git cherry-pick is in progress: finish it with git cherry-pick "
				"--continue, or git cherry-pick --abort", dir);
	case GIT_REPOSITORY_STATE_APPLY_MAILBOX:
		return rf_error("%s: git am is in progress: finish it with git am --continue, or git am "
				"--abort", dir);
	case GIT_REPOSITORY_STATE_BISECT:
		return rf_error("%s: a git bisect is in progress: git bisect reset ends it", dir);
	default: {
		/* The rebases: HEAD is detached meanwhile, and the branch to go
		 * back to is the one the rebase started from, never a guess. */
		char *branch = rebase_branch(st);
		int r = branch ? rf_error("%s: a rebase of branch '%s' is in progress: finish it with git "
					  "rebase --continue, or git rebase --abort to return to '%s'",
					  dir, branch, branch)
			       : rf_error("%s: a rebase is in progress: finish it with git rebase --continue, "
					  "or git rebase --abort", dir);
		free(branch);
		return r;
	}
	}
}

/* libgit2 1.5 can neither read nor write an index that git split
 * (core.splitIndex: the "link" extension); rf refreshes the index after
 * every commit, so it refuses before writing anything. */
static int index_problem(struct rf_store *st, const char *what)
{
	const git_error *e = git_error_last();
	const char *msg = e && e->message ? e->message : "unknown libgit2 error";
	if (strstr(msg, "'link'"))
		return rf_error("%s: git's index is split (core.splitIndex), which rf cannot read or write; "
				"turn that off: git -C %s config core.splitIndex false && git -C %s "
				"update-index --no-split-index", what, st->dir, st->dir);
	if (strstr(msg, "'sdir'"))
		return rf_error("%s: git's index is sparse (index.sparse), which rf cannot read or write; "
				"turn that off: git -C %s sparse-checkout disable", what, st->dir);
	return rf_error("%s: git's index cannot be read (%s)", what, msg);
}

static int check_index(struct rf_store *st)
{
	git_index *idx = NULL;
	int r = git_repository_index(&idx, st->repo) < 0 ? index_problem(st, st->dir) : 0;
	git_index_free(idx);
	return r;
}

/* Open the repository of dir and set libgit2 up for mode; 0, or -1,
 * reported unless quiet. */
static int open_repo(struct rf_store *st, const char *dir, int mode, int quiet)
{
	memset(st, 0, sizeof(*st));
	st->lock_fd = -1;
	if (lib_init() < 0)
		return -1;
	st->dir = rf_xstrdup(dir);
	int e = git_repository_open_ext(&st->repo, dir, GIT_REPOSITORY_OPEN_NO_SEARCH, NULL);
	if (e < 0) {
		const git_error *err = git_error_last();
		if (quiet)
			;
		else if (is_ownership_error(e))
			ownership_error(dir);
		else if (err && err->klass == GIT_ERROR_REPOSITORY && strstr(err->message, "could not find"))
			rf_error("%s: not a git repository (run rf-init to make it one)", dir);
		else
			rf_git_error(dir);
		return -1;
	}
	const char *wd = git_repository_workdir(st->repo);
	if (git_repository_is_bare(st->repo)) {
		if (!quiet)
			bare_error(dir);
		return -1;
	}
	if (!wd || !same_dir(wd, dir)) {
		if (!quiet)
			rf_error("%s: not the top of a git work tree", dir);
		return -1;
	}
	/* libgit2 re-hashes every object it reads (SHA-1 with collision
	 * detection), which is most of a history walk over large trees; git
	 * does not, and leaves integrity to `git fsck`.  A writer keeps it: it
	 * builds on the one tree it reads. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, (mode & RF_STORE_WRITE) != 0);
	/* A reader's objects are each needed for a moment: libgit2's default
	 * of 256 MB of cached objects only grows the process. */
	git_libgit2_opts(GIT_OPT_SET_CACHE_MAX_SIZE, (ssize_t)(mode & RF_STORE_WRITE ? 256 << 20 : READER_CACHE));
	return 0;
}

int rf_store_open(struct rf_store *st, const char *dir, int mode)
{
	if (open_repo(st, dir, mode, 0) < 0)
		goto fail;
	if (mode & RF_STORE_WRITE) {
		if (refuse_in_progress(st, mode & RF_STORE_CONCLUDE) < 0 || check_index(st) < 0)
			goto fail;
		if (git_repository_head_detached(st->repo) == 1) {
			rf_error("%s: HEAD is detached; check out a branch first (git switch main) so "
				 "new commits are not lost", dir);
			goto fail;
		}
		if (take_writer_lock(st) < 0 || wait_git_locks(st) < 0)
			goto fail;
	}
	return 0;
fail:
	rf_store_close(st);
	return -1;
}

int rf_store_try_open(struct rf_store *st, const char *dir)
{
	if (open_repo(st, dir, RF_STORE_READ, 1) == 0)
		return 1;
	rf_store_close(st);
	git_error_clear();
	return 0;
}

void rf_store_close(struct rf_store *st)
{
	if (st->lock_fd >= 0)
		close(st->lock_fd);	/* releases the flock */
	st->lock_fd = -1;
	git_tree_free(st->tree);
	st->tree = NULL;
	if (st->repo) {
		git_repository_free(st->repo);
		st->repo = NULL;
	}
	if (st->dir) {
		free(st->dir);
		st->dir = NULL;
		git_libgit2_shutdown();
	}
}

int rf_store_head_commit(struct rf_store *st, git_commit **out)
{
	git_reference *head = NULL;
	*out = NULL;
	int e = git_repository_head(&head, st->repo);
	if (e == GIT_EUNBORNBRANCH || e == GIT_ENOTFOUND)
		return 0;
	if (e < 0)
		return rf_git_error("HEAD");
	e = git_reference_peel((git_object **)out, head, GIT_OBJECT_COMMIT);
	git_reference_free(head);
	return e < 0 ? rf_git_error("HEAD") : 0;
}

static git_tree *commit_tree(struct rf_store *st, const git_commit *commit);

int rf_store_head_tree(struct rf_store *st, git_tree **out)
{
	git_commit *c = NULL;
	*out = NULL;
	if (rf_store_head_commit(st, &c) < 0)
		return -1;
	/* The root tree read once per run (commit_tree), lent as a reference
	 * of the caller's own: a writer looks at HEAD's tree three or four
	 * times, and at 2,000 notes each reading inflated 88 KB. */
	git_tree *t = c ? commit_tree(st, c) : NULL;
	int e = c && (!t || git_object_dup((git_object **)out, (git_object *)t) < 0) ? -1 : 0;
	git_commit_free(c);
	return e < 0 ? rf_git_error("HEAD") : 0;
}

/* Matched by hand: libgit2 1.5's regex match leaks its match data on every
 * entry that does not match, so git_config_foreach_match would leak. */
static int promisor_remote(const git_config_entry *e, void *payload)
{
	static const char pre[] = "remote.", suf[] = ".promisor";
	size_t len = strlen(e->name), np = sizeof pre - 1, ns = sizeof suf - 1;
	if (len <= np + ns || strncasecmp(e->name, pre, np) != 0 || strcasecmp(e->name + len - ns, suf) != 0)
		return 0;
	int on = 0;
	if (git_config_parse_bool(&on, e->value) == 0 && on) {
		/* "remote.NAME.promisor" */
		*(char **)payload = rf_xstrndup(e->name + np, len - np - ns);
		return 1;
	}
	return 0;
}

char *rf_store_promisor(struct rf_store *st)
{
	git_config *cfg = NULL, *snap = NULL;
	char *remote = NULL;
	const char *ext = NULL;
	if (git_repository_config(&cfg, st->repo) == 0 && git_config_snapshot(&snap, cfg) == 0) {
		if (git_config_get_string(&ext, snap, "extensions.partialclone") == 0 && *ext)
			remote = rf_xstrdup(ext);
		else
			git_config_foreach(snap, promisor_remote, &remote);
	}
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	return remote;
}

char *rf_store_refetch_hint(struct rf_store *st)
{
	char *remote = rf_store_promisor(st);
	if (!remote)
		return NULL;
	char *hint = rf_xasprintf("git -C %s config --unset remote.%s.partialclonefilter && git -C %s fetch "
				  "--refetch %s", st->dir, remote, st->dir, remote);
	free(remote);
	return hint;
}

/* Looking at the config clears libgit2's last error: keep it for the
 * report. */
static char *promisor_keeping_error(struct rf_store *st)
{
	const git_error *e = git_error_last();
	int klass = e ? e->klass : GIT_ERROR_NONE;
	char *msg = e && e->message ? rf_xstrdup(e->message) : NULL;
	char *remote = rf_store_promisor(st);
	if (msg)
		git_error_set_str(klass, msg);
	free(msg);
	return remote;
}

int rf_store_blob_absent(struct rf_store *st, const git_oid *id, const char *what, struct rf_buf *out,
			 int *absent)
{
	git_blob *b;
	int e = git_blob_lookup(&b, st->repo, id);
	*absent = 0;
	if (e == GIT_ENOTFOUND) {
		char *remote = promisor_keeping_error(st);
		free(remote);
		if (remote) {
			git_error_clear();
			rf_buf_reset(out);
			*absent = 1;
			return 0;
		}
	}
	if (e < 0)
		return rf_git_error(what);
	rf_buf_reset(out);
	rf_buf_add(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

int rf_store_blob(struct rf_store *st, const git_oid *id, const char *what, struct rf_buf *out)
{
	git_blob *b;
	int e = git_blob_lookup(&b, st->repo, id);
	if (e == GIT_ENOTFOUND) {
		char *remote = promisor_keeping_error(st);
		char *hint = remote ? rf_store_refetch_hint(st) : NULL;
		free(remote);
		if (hint) {
			char sid[8];
			git_oid_tostr(sid, sizeof(sid), id);
			int r = rf_error("%s: this version (blob %s) is not in this partial clone; fetch every version: "
					 "%s", what, sid, hint);
			free(hint);
			return r;
		}
	}
	if (e < 0)
		return rf_git_error(what);
	rf_buf_reset(out);
	/* Blob content is not NUL-terminated: copy by size. */
	rf_buf_add(out, git_blob_rawcontent(b), (size_t)git_blob_rawsize(b));
	git_blob_free(b);
	return 0;
}

static int filter(struct rf_store *st, git_filter_mode_t mode, const char *path, const char *data, size_t len,
		  struct rf_buf *out)
{
	git_filter_list *fl = NULL;
	git_buf b = GIT_BUF_INIT;
	int r = 0;
	rf_buf_reset(out);
	if (git_filter_list_load(&fl, st->repo, NULL, path, mode, GIT_FILTER_DEFAULT) < 0)
		return index_problem(st, path);	/* attributes are read from the index too */
	if (!fl) {
		rf_buf_add(out, data, len);
		return 0;
	}
	if (git_filter_list_apply_to_buffer(&b, fl, data, len) < 0)
		r = rf_git_error(path);
	else
		rf_buf_add(out, b.ptr, b.size);
	git_buf_dispose(&b);
	git_filter_list_free(fl);
	return r;
}

int rf_store_clean(struct rf_store *st, const char *path, const char *data, size_t len, struct rf_buf *out)
{
	return filter(st, GIT_FILTER_TO_ODB, path, data, len, out);
}

int rf_store_smudge(struct rf_store *st, const char *path, const char *data, size_t len, struct rf_buf *out)
{
	return filter(st, GIT_FILTER_TO_WORKTREE, path, data, len, out);
}

int rf_store_hash(struct rf_store *st, const char *path, const char *data, size_t len, git_oid *id)
{
	struct rf_buf clean = RF_BUF_INIT;
	int r = rf_store_clean(st, path, data, len, &clean);
	if (r == 0 && git_odb_hash(id, clean.buf ? clean.buf : "", clean.len, GIT_OBJECT_BLOB) < 0)
		r = rf_git_error(path);
	rf_buf_free(&clean);
	return r;
}

/* The root tree of commit, kept for the next read at the same commit:
 * libgit2 caches no tree this large, and `--at` reads every note of one
 * commit.  Lent until the next call or rf_store_close. */
static git_tree *commit_tree(struct rf_store *st, const git_commit *commit)
{
	const git_oid *id = git_commit_tree_id(commit);
	if (st->tree && git_oid_equal(git_tree_id(st->tree), id))
		return st->tree;
	git_tree_free(st->tree);
	st->tree = NULL;
	if (git_tree_lookup(&st->tree, st->repo, id) < 0)
		return NULL;
	return st->tree;
}

int rf_store_read(struct rf_store *st, const git_commit *commit, const char *path, struct rf_buf *out,
		  int *missing)
{
	git_commit *head = NULL;
	git_tree *tree;
	git_tree_entry *entry = NULL;
	int r = -1;
	*missing = 0;
	if (!commit) {
		if (rf_store_head_commit(st, &head) < 0)
			return -1;
		if (!head) {
			*missing = 1;
			return 0;
		}
		commit = head;
	}
	if (!(tree = commit_tree(st, commit))) {
		rf_git_error(path);
		goto out;
	}
	int e = git_tree_entry_bypath(&entry, tree, path);
	if (e == GIT_ENOTFOUND) {
		*missing = 1;
		r = 0;
		goto out;
	}
	if (e < 0 || git_tree_entry_type(entry) != GIT_OBJECT_BLOB) {
		rf_error("%s: not a file in the commit", path);
		goto out;
	}
	r = rf_store_blob(st, git_tree_entry_id(entry), path, out);
out:
	git_tree_entry_free(entry);
	git_commit_free(head);
	return r;
}

int rf_store_entry_id(struct rf_store *st, const git_commit *commit, const char *path, git_oid *id)
{
	git_tree *tree = commit_tree(st, commit);
	if (!tree)
		return rf_git_error(path);
	const git_tree_entry *e = git_tree_entry_byname(tree, path);
	if (!e || git_tree_entry_type(e) != GIT_OBJECT_BLOB)
		return 0;
	git_oid_cpy(id, git_tree_entry_id(e));
	return 1;
}

static char *config_string(git_repository *repo, const char *name)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v = NULL;
	char *out = NULL;
	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_get_string(&v, snap, name) == 0 && *v)
		out = rf_xstrdup(v);
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	return out;
}

int rf_store_signature(struct rf_store *st, int committer, git_signature **out)
{
	const char *who = committer ? "COMMITTER" : "AUTHOR";
	char var[32];
	snprintf(var, sizeof(var), "GIT_%s_NAME", who);
	const char *env_name = getenv(var);
	snprintf(var, sizeof(var), "GIT_%s_EMAIL", who);
	const char *env_email = getenv(var);
	snprintf(var, sizeof(var), "GIT_%s_DATE", who);
	const char *env_date = getenv(var);

	char *name = env_name && *env_name ? rf_xstrdup(env_name) : config_string(st->repo, "user.name");
	char *email = env_email && *env_email ? rf_xstrdup(env_email) : config_string(st->repo, "user.email");
	if (!email && getenv("EMAIL") && *getenv("EMAIL"))
		email = rf_xstrdup(getenv("EMAIL"));
	if (!name)
		name = rf_xstrdup("rf");
	if (!email)
		email = rf_xstrdup("rf@localhost");

	struct rf_when when;
	int r = 0;
	if (env_date && *env_date) {
		if (rf_date_parse_git(env_date, &when) < 0)
			r = rf_error("GIT_%s_DATE='%s': not a date rf reads; it takes %s", who, env_date,
				     RF_DATE_GIT_FORMATS);
	} else {
		r = rf_date_now(&when);
	}
	if (r == 0 && git_signature_new(out, name, email, (git_time_t)when.time, when.offset) < 0)
		r = rf_git_error("signature");
	free(name);
	free(email);
	return r;
}

/* blobs: for each change with data, the id of its blob. */
static int build_tree(struct rf_store *st, git_tree *base, const struct rf_store_change *ch, size_t n,
		      git_oid *tree_id, git_oid *blobs)
{
	git_treebuilder *bld = NULL;
	git_odb *odb = NULL;
	struct rf_buf clean = RF_BUF_INIT;
	int r = -1;
	if (git_treebuilder_new(&bld, st->repo, base) < 0 || git_repository_odb(&odb, st->repo) < 0) {
		rf_git_error("tree");
		git_treebuilder_free(bld);
		return -1;
	}
	for (size_t i = 0; i < n; i++) {
		git_oid *blob = &blobs[i];
		if (!ch[i].data) {
			if (git_treebuilder_get(bld, ch[i].path))
				git_treebuilder_remove(bld, ch[i].path);
			continue;
		}
		errno = 0;
		git_error_clear();
		if (ch[i].has_blob && git_odb_exists(odb, &ch[i].blob)) {
			git_oid_cpy(blob, &ch[i].blob);
		} else {
			/* As git add would store it: CRLF notes under autocrlf
			 * become LF blobs, so a commit changes only the lines
			 * that changed. */
			if (rf_store_clean(st, ch[i].path, ch[i].data, ch[i].len, &clean) < 0)
				goto out;
			/* A blob already stored (the note did not change) is not
			 * written again: libgit2 would stream it to a temporary
			 * file only to find it there. */
			const char *bytes = clean.buf ? clean.buf : "";
			int stored = git_odb_hash(blob, bytes, clean.len, GIT_OBJECT_BLOB) == 0 && git_odb_exists(odb, blob);
			if (!stored && git_blob_create_from_buffer(blob, st->repo, bytes, clean.len) < 0) {
				rf_git_error(ch[i].path);
				goto out;
			}
		}
		if (git_treebuilder_insert(NULL, bld, ch[i].path, blob, GIT_FILEMODE_BLOB) < 0) {
			rf_git_error(ch[i].path);
			goto out;
		}
	}
	if (git_treebuilder_write(tree_id, bld) < 0) {
		rf_git_error("tree");
		goto out;
	}
	r = 0;
out:
	rf_buf_free(&clean);
	git_odb_free(odb);
	git_treebuilder_free(bld);
	return r;
}

int rf_store_write_blobs(struct rf_store *st, struct rf_store_change *ch, size_t n)
{
	git_repository *repo = NULL;
	git_odb *odb = NULL, *mem_odb = NULL;
	git_odb_backend *mem = NULL;
	git_packbuilder *pb = NULL;
	struct rf_buf clean = RF_BUF_INIT;
	int r = -1;
	/* One pack for all, written and fsynced once by the indexer, instead
	 * of a loose object (and an fsync of milliseconds) per note.  The
	 * blobs wait in memory (a mempack backend) on a second handle of the
	 * repository, so the main one goes on writing loose trees and
	 * commits. */
	if (git_repository_odb(&odb, st->repo) < 0 || git_repository_open(&repo, git_repository_path(st->repo)) < 0 ||
	    git_repository_odb(&mem_odb, repo) < 0 || git_mempack_new(&mem) < 0) {
		rf_git_error("object database");
		goto out;
	}
	if (git_odb_add_backend(mem_odb, mem, 1000) < 0) {
		mem->free(mem);
		rf_git_error("object database");
		goto out;
	}
	if (git_packbuilder_new(&pb, repo) < 0) {
		rf_git_error("pack");
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		git_oid id;
		ch[i].has_blob = 0;
		if (!ch[i].data)
			continue;
		if (rf_store_clean(st, ch[i].path, ch[i].data, ch[i].len, &clean) < 0)
			goto out;
		const char *bytes = clean.buf ? clean.buf : "";
		/* Straight to the backend, and without refreshing the pack
		 * list on every miss: libgit2 would rescan objects/pack for
		 * each new blob. */
		if (git_odb_hash(&id, bytes, clean.len, GIT_OBJECT_BLOB) < 0 ||
		    (!git_odb_exists_ext(odb, &id, GIT_ODB_LOOKUP_NO_REFRESH) &&
		     (mem->write(mem, &id, bytes, clean.len, GIT_OBJECT_BLOB) < 0 ||
		      git_packbuilder_insert(pb, &id, NULL) < 0))) {
			rf_git_error(ch[i].path);
			goto out;
		}
		git_oid_cpy(&ch[i].blob, &id);
		ch[i].has_blob = 1;
	}
	/* The packer reads back the blobs just hashed from memory: hashing
	 * them a third time would check nothing. */
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 0);
	int e = git_packbuilder_object_count(pb) ? git_packbuilder_write(pb, NULL, 0, NULL, NULL) : 0;
	git_libgit2_opts(GIT_OPT_ENABLE_STRICT_HASH_VERIFICATION, 1);
	if (e < 0 || git_odb_refresh(odb) < 0) {
		rf_git_error("writing the pack");
		goto out;
	}
	r = 0;
out:
	rf_buf_free(&clean);
	git_packbuilder_free(pb);
	git_odb_free(mem_odb);
	git_repository_free(repo);
	git_odb_free(odb);
	return r;
}

static int is_empty_tree(const git_oid *id)
{
	git_oid empty;
	return git_oid_fromstr(&empty, "4b825dc642cb6eb9a060e54bf8d69288fbee4904") == 0 && git_oid_equal(id, &empty);
}

static int lock_error(struct rf_store *st, const char *what)
{
	return rf_error("%s is locked (%s): another git command is running, or one was killed; "
			"if none is running, remove the stale lock file in %s",
			what, git_error_last() ? git_error_last()->message : "lock file exists",
			git_repository_path(st->repo));
}

/* git add of a note whose blob the commit just stored: when the file still
 * holds exactly ch's bytes, its stat data and the blob's id go into the
 * index as they are (git_index_add_bypath would hash the file and stream
 * the blob to a temporary object only to find it stored).  Anything else
 * (a file changed meanwhile, a link, an executable) goes the git add way. */
/* known: the id of ch's blob, or NULL to hash it. */
static int index_add_known(struct rf_store *st, git_index *idx, const struct rf_store_change *ch,
			   const git_oid *known)
{
	git_index_entry e;
	struct stat sb;
	struct rf_buf now = RF_BUF_INIT;
	memset(&e, 0, sizeof(e));
	char *full = rf_xasprintf("%s%s", git_repository_workdir(st->repo), ch->path);
	int fd = open(full, O_RDONLY | O_NOFOLLOW | O_CLOEXEC), same = 0;
	free(full);
	if (fd >= 0 && rf_read_fd(fd, &now) == 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    !(sb.st_mode & 0111) && now.len == ch->len && (!now.len || !memcmp(now.buf, ch->data, now.len))) {
		if (known)
			git_oid_cpy(&e.id, known);
		same = known || rf_store_hash(st, ch->path, ch->data, ch->len, &e.id) == 0;
	}
	if (fd >= 0)
		close(fd);
	rf_buf_free(&now);
	git_error_clear();
	if (!same)
		return git_index_add_bypath(idx, ch->path);
	e.ctime.seconds = (int32_t)sb.st_ctim.tv_sec;
	e.ctime.nanoseconds = (uint32_t)sb.st_ctim.tv_nsec;
	e.mtime.seconds = (int32_t)sb.st_mtim.tv_sec;
	e.mtime.nanoseconds = (uint32_t)sb.st_mtim.tv_nsec;
	e.dev = (uint32_t)sb.st_dev;
	e.ino = (uint32_t)sb.st_ino;
	e.mode = GIT_FILEMODE_BLOB;
	e.uid = (uint32_t)sb.st_uid;
	e.gid = (uint32_t)sb.st_gid;
	e.file_size = (uint32_t)sb.st_size;
	e.path = ch->path;
	return git_index_add(idx, &e);
}

/* blobs: NULL, or the id of each change's blob as just committed. */
static void refresh_index(struct rf_store *st, const struct rf_store_change *ch, size_t n, const git_oid *blobs)
{
	git_index *idx = NULL;
	int e = -1;
	for (long waited = 0; waited <= GIT_LOCK_WAIT_MS; waited += 20) {
		if (git_repository_index(&idx, st->repo) < 0)
			break;
		/* Read again only when the file changed since this run read it
		 * (libgit2 compares its stamp): 160 KB at 2,000 notes. */
		e = git_index_read(idx, 0);
		for (size_t i = 0; e == 0 && i < n; i++) {
			if (ch[i].data)
				e = index_add_known(st, idx, &ch[i], blobs ? &blobs[i] : NULL);
			else if (git_index_get_bypath(idx, ch[i].path, 0))
				e = git_index_remove_bypath(idx, ch[i].path);
		}
		if (e == 0)
			e = git_index_write(idx);
		git_index_free(idx);
		idx = NULL;
		if (e != GIT_ELOCKED)
			break;
		sleep_ms(20);
	}
	if (e < 0)
		rf_warn("committed, but the index was not refreshed (%s); `git status` may show the "
			"change as staged until `git reset -q`",
			git_error_last() ? git_error_last()->message : "unknown error");
}

void rf_store_refresh_index(struct rf_store *st, const struct rf_store_change *ch, size_t n)
{
	refresh_index(st, ch, n, NULL);
}

/* libgit2 1.5 can return success for a loose object it could not write
 * out on a full disk; HEAD must never point at a missing commit. */
static int written(struct rf_store *st, const git_oid *id, const char *what)
{
	git_odb *odb = NULL;
	int e = errno, have = git_repository_odb(&odb, st->repo) == 0 && git_odb_exists(odb, id);
	git_odb_free(odb);
	if (have)
		return 0;
	errno = e ? e : EIO;
	return rf_error_errno("commit: the %s object was not written", what);
}

/* What git would do around a commit that rf does not: it runs no hooks
 * (libgit2 runs none, and a pre-commit hook inspects the index, which rf's
 * commits do not come from) and signs nothing (libgit2 has no gpg).  Said
 * after every commit it concerns, so no unsigned or unchecked commit goes
 * unnoticed. */
static void warn_unhonoured(struct rf_store *st)
{
	static const char *const hooks[] = { "pre-commit", "prepare-commit-msg", "commit-msg", "post-commit" };
	git_config *cfg = NULL, *snap = NULL;
	const char *hooks_path = NULL;
	int sign = 0;
	char *dir = NULL;
	if (git_repository_config(&cfg, st->repo) == 0 && git_config_snapshot(&snap, cfg) == 0) {
		if (git_config_get_bool(&sign, snap, "commit.gpgsign") < 0)
			sign = 0;
		if (git_config_get_string(&hooks_path, snap, "core.hooksPath") == 0 && *hooks_path)
			dir = hooks_path[0] == '/' ? rf_xstrdup(hooks_path) : rf_xasprintf("%s/%s", st->dir, hooks_path);
	}
	git_error_clear();
	if (!dir)
		dir = rf_xasprintf("%shooks", git_repository_path(st->repo));
	struct rf_buf found = RF_BUF_INIT;
	for (size_t i = 0; i < sizeof(hooks) / sizeof(hooks[0]); i++) {
		char *path = rf_xasprintf("%s/%s", dir, hooks[i]);
		if (access(path, X_OK) == 0)
			rf_buf_addf(&found, "%s%s", found.len ? ", " : "", hooks[i]);
		free(path);
	}
	if (sign)
		rf_warn("commit.gpgsign is set, but rf cannot sign its commits (see \"Living beside git\" in rf(7))");
	if (found.len)
		rf_warn("rf does not run git hooks: %s in %s did not run (see \"Living beside git\" in rf(7))",
			found.buf, dir);
	rf_buf_free(&found);
	free(dir);
	git_config_free(snap);
	git_config_free(cfg);
}

/* Move HEAD's branch from parent (NULL: unborn) to id, as git commit
 * does, with its reflog line; GIT_EMODIFIED when the branch no longer
 * points at parent (another git command committed meanwhile). */
static int move_head(struct rf_store *st, const git_oid *id, const git_oid *parent, const char *kind,
		     const char *message)
{
	git_reference *head = NULL, *moved = NULL;
	int e = git_reference_lookup(&head, st->repo, "HEAD");
	if (e < 0)
		return e;
	if (git_reference_type(head) != GIT_REFERENCE_SYMBOLIC) {
		git_reference_free(head);
		git_error_set_str(GIT_ERROR_REFERENCE, "HEAD is detached");
		return -1;
	}
	size_t n = strcspn(message, "\n");
	char *log = rf_xasprintf("commit%s: %.*s", kind, (int)n, message);
	const char *branch = git_reference_symbolic_target(head);
	if (parent)
		e = git_reference_create_matching(&moved, st->repo, branch, id, 1, parent, log);
	else if ((e = git_reference_create(&moved, st->repo, branch, id, 0, log)) == GIT_EEXISTS)
		e = GIT_EMODIFIED;	/* born meanwhile */
	git_reference_free(moved);
	git_reference_free(head);
	free(log);
	return e;
}

int rf_store_commit(struct rf_store *st, const struct rf_store_change *ch, size_t n, const char *message,
		    git_oid *id)
{
	return rf_store_commit_placed(st, ch, n, message, NULL, NULL, id);
}

int rf_store_commit_placed(struct rf_store *st, const struct rf_store_change *ch, size_t n, const char *message,
			   int (*place)(void *arg), void *arg, git_oid *id)
{
	git_buf msg = GIT_BUF_INIT;
	int r = -1, placed = !place;
	if (git_message_prettify(&msg, message, 0, 0) < 0)
		return rf_git_error("commit message");
	/* Each blob's id, from building the tree to refreshing the index:
	 * hashing 2,000 notes again there was an eighth of an rf-import. */
	git_oid *blobs = rf_xcalloc(n ? n : 1, sizeof(*blobs));
	long waited = 0;
	int again = 0;
	mark_committing(st, 1);
	for (int attempt = 0; attempt < COMMIT_ATTEMPTS; attempt++) {
		git_commit *parent = NULL;
		git_tree *base = NULL;
		git_signature *author = NULL, *committer = NULL;
		git_oid tree_id, commit_id;
		int e = 0;
		again = 0;

		if (rf_store_head_commit(st, &parent) < 0)
			goto done;
		git_tree *head_tree = parent ? commit_tree(st, parent) : NULL;
		if (parent && (!head_tree || git_object_dup((git_object **)&base, (git_object *)head_tree) < 0)) {
			rf_git_error("HEAD tree");
			git_commit_free(parent);
			goto done;
		}
		/* Every object is written before the work tree or HEAD change, so
		 * a full disk fails here with nothing changed; the file is put in
		 * place next, and HEAD moved last. */
		if (build_tree(st, base, ch, n, &tree_id, blobs) < 0) {
			e = -1;
		} else if (base ? git_oid_equal(&tree_id, git_tree_id(base)) : is_empty_tree(&tree_id)) {
			/* Nothing to record; the work tree may still lag behind. */
			e = placed ? 0 : place(arg);
			placed = 1;
			r = e < 0 ? -1 : 0;
		} else if ((e = written(st, &tree_id, "tree")) < 0) {
			;	/* reported */
		} else if (rf_store_signature(st, 0, &author) < 0 || rf_store_signature(st, 1, &committer) < 0) {
			e = -1;
		} else {
			/* By ids: the tree was just written and is not read back
			 * (88 KB to inflate at 2,000 notes) to be named again. */
			const git_oid *parents[1] = { parent ? git_commit_id(parent) : NULL };
			e = git_commit_create_from_ids(&commit_id, st->repo, NULL, author, committer, NULL, msg.ptr,
						       &tree_id, parent ? 1 : 0, parents);
			if (e < 0)
				rf_git_error("commit");
			else if ((e = written(st, &commit_id, "commit")) < 0)
				;	/* reported */
			else if (!placed && (e = place(arg)) == 0)
				placed = 1;
			if (e == 0)
				e = move_head(st, &commit_id, parent ? git_commit_id(parent) : NULL,
					      parent ? "" : " (initial)", msg.ptr);
			if (placed && e == 0) {
				r = 1;
				if (id)
					git_oid_cpy(id, &commit_id);
			} else if (!placed) {
				/* reported */
			} else if (e == GIT_EMODIFIED) {
				again = 1;	/* HEAD moved under us: rebuild on the new HEAD */
			} else if (e == GIT_ELOCKED && waited < GIT_LOCK_WAIT_MS) {
				again = 1;
				attempt--;	/* waiting for a lock is bounded by time */
				sleep_ms(20);
				waited += 20;
			} else if (e == GIT_ELOCKED) {
				lock_error(st, "the branch");
			} else {
				rf_git_error("commit");
			}
		}
		git_signature_free(author);
		git_signature_free(committer);
		git_tree_free(base);
		git_commit_free(parent);
		if (!again || e == 0)
			break;
	}
	if (again && r < 0)
		rf_error("HEAD kept moving during %d attempts to commit (is another program committing "
			 "continuously?); nothing committed", COMMIT_ATTEMPTS);
	/* Also when nothing was recorded: an rf killed between its commit and
	 * its index refresh left the index behind HEAD, and the commit it
	 * made is why there is nothing to record now. */
	if (r >= 0)
		refresh_index(st, ch, n, blobs);
	if (r > 0)
		warn_unhonoured(st);
done:
	mark_committing(st, 0);
	free(blobs);
	git_buf_dispose(&msg);
	return r;
}

int rf_store_merging(struct rf_store *st)
{
	return git_repository_state(st->repo) == GIT_REPOSITORY_STATE_MERGE;
}

struct parents {
	git_commit *v[16];
	size_t n;
	struct rf_store *st;
};

static int add_merge_head(const git_oid *id, void *payload)
{
	struct parents *p = payload;
	if (p->n == sizeof(p->v) / sizeof(p->v[0])) {
		git_error_set_str(GIT_ERROR_MERGE, "too many merge heads");
		return -1;
	}
	if (git_commit_lookup(&p->v[p->n], p->st->repo, id) < 0)
		return -1;
	p->n++;
	return 0;
}

/* The first path the index still has in conflict, or NULL (caller frees). */
static char *first_conflict(git_index *idx)
{
	git_index_conflict_iterator *it = NULL;
	const git_index_entry *anc, *ours, *theirs;
	char *path = NULL;
	if (git_index_conflict_iterator_new(&it, idx) == 0 &&
	    git_index_conflict_next(&anc, &ours, &theirs, it) == 0) {
		const git_index_entry *e = ours ? ours : theirs ? theirs : anc;
		path = rf_xstrdup(e->path);
	}
	git_index_conflict_iterator_free(it);
	git_error_clear();
	return path;
}

int rf_store_conclude_merge(struct rf_store *st, const struct rf_store_change *ch, size_t n, const char *message,
			    git_oid *id)
{
	git_index *idx = NULL;
	git_buf raw = GIT_BUF_INIT, msg = GIT_BUF_INIT;
	struct parents p = { { NULL }, 1, st };
	git_tree *tree = NULL;
	git_signature *author = NULL, *committer = NULL;
	git_oid tree_id, commit_id;
	char *conflicted = NULL;
	int r = -1, e;

	mark_committing(st, 1);
	if (rf_store_head_commit(st, &p.v[0]) < 0)
		goto out;
	if (!p.v[0]) {
		rf_error("%s: a merge into an unborn branch; conclude it with git merge --continue", st->dir);
		goto out;
	}
	if (git_repository_index(&idx, st->repo) < 0 || git_index_read(idx, 1) < 0) {
		index_problem(st, st->dir);
		goto out;
	}
	/* As git add would: the work tree's version, through the filters,
	 * resolving the path's conflict. */
	for (size_t i = 0; i < n; i++) {
		e = ch[i].data ? git_index_add_bypath(idx, ch[i].path) : git_index_remove_bypath(idx, ch[i].path);
		if (e < 0) {
			rf_git_error(ch[i].path);
			goto out;
		}
	}
	if ((conflicted = first_conflict(idx))) {
		rf_error("%s: still in conflict from the merge; resolve it (git add it when it is not a note), "
			 "then rf-commit; or git merge --abort", conflicted);
		goto out;
	}
	if (git_repository_mergehead_foreach(st->repo, add_merge_head, &p) < 0) {
		rf_git_error("MERGE_HEAD");
		goto out;
	}
	if (!message) {
		if (git_repository_message(&raw, st->repo) < 0) {
			rf_git_error("MERGE_MSG");
			goto out;
		}
		message = raw.ptr;
	}
	if (git_message_prettify(&msg, message, 1, '#') < 0 || !msg.size) {
		rf_error("the merge's commit message is empty");
		goto out;
	}
	if (git_index_write_tree(&tree_id, idx) < 0 || git_tree_lookup(&tree, st->repo, &tree_id) < 0) {
		rf_git_error("tree");
		goto out;
	}
	if (rf_store_signature(st, 0, &author) < 0 || rf_store_signature(st, 1, &committer) < 0)
		goto out;
	errno = 0;
	if (git_commit_create(&commit_id, st->repo, NULL, author, committer, NULL, msg.ptr, tree, p.n,
			      (const git_commit **)p.v) < 0) {
		rf_git_error("commit");
		goto out;
	}
	if (written(st, &commit_id, "commit") < 0)
		goto out;
	e = move_head(st, &commit_id, git_commit_id(p.v[0]), " (merge)", msg.ptr);
	if (e == GIT_EMODIFIED) {
		rf_error("HEAD moved while the merge was being concluded; nothing committed");
		goto out;
	}
	if (e < 0) {
		if (e == GIT_ELOCKED)
			lock_error(st, "the branch");
		else
			rf_git_error("commit");
		goto out;
	}
	r = 1;
	if (id)
		git_oid_cpy(id, &commit_id);
	warn_unhonoured(st);
	/* HEAD has moved: from here on only warnings. */
	if (git_repository_state_cleanup(st->repo) < 0)
		rf_warn("merged, but git's merge state was not cleaned up (%s); git merge --quit does it",
			git_error_last() ? git_error_last()->message : "unknown error");
	/* git 2.39 also leaves AUTO_MERGE, which libgit2 does not know. */
	char *auto_merge = rf_xasprintf("%sAUTO_MERGE", git_repository_path(st->repo));
	unlink(auto_merge);
	free(auto_merge);
	if (git_index_write(idx) < 0)
		rf_warn("merged, but the index was not written (%s); `git status` may show the merge's "
			"changes as staged until `git reset -q`",
			git_error_last() ? git_error_last()->message : "unknown error");
out:
	mark_committing(st, 0);
	free(conflicted);
	git_signature_free(author);
	git_signature_free(committer);
	git_tree_free(tree);
	for (size_t i = 0; i < p.n; i++)
		git_commit_free(p.v[i]);
	git_index_free(idx);
	git_buf_dispose(&raw);
	git_buf_dispose(&msg);
	return r;
}

int rf_store_files(struct rf_store *st, const git_commit *commit, int (*keep)(const char *name),
		   struct rf_strv *files)
{
	git_tree *tree = NULL;
	if (!commit) {
		if (rf_store_head_tree(st, &tree) < 0)
			return -1;
	} else if (git_commit_tree(&tree, commit) < 0) {
		return rf_git_error("tree");
	}
	for (size_t i = 0; tree && i < git_tree_entrycount(tree); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(tree, i);
		const char *name = git_tree_entry_name(e);
		if (git_tree_entry_type(e) == GIT_OBJECT_BLOB && keep(name))
			rf_strv_push(files, rf_xstrdup(name));
	}
	rf_strv_sort(files);
	git_tree_free(tree);
	return 0;
}
