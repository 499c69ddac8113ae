#include "init.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitdiff.h"
#include "notefile.h"
#include "notesdir.h"
#include "record.h"
#include "remote.h"
#include "store.h"
#include "template.h"
#include "transfer.h"

/* git clone makes files 0644 (the umask): notes are private, so every
 * file rf records is made 0600.  Returns how many were, or -1. */
static long make_private(const struct rf_notesdir *nd)
{
	int fd = dup(nd->fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	long n = 0;
	if (!d) {
		if (fd >= 0)
			close(fd);
		return rf_error_errno("%s", nd->path);
	}
	struct dirent *de;
	while ((de = readdir(d))) {
		struct stat sb;
		if (!rf_notefile_is_recorded(de->d_name) || fstatat(nd->fd, de->d_name, &sb, AT_SYMLINK_NOFOLLOW) < 0 ||
		    !S_ISREG(sb.st_mode) || !(sb.st_mode & 077))
			continue;
		if (fchmodat(nd->fd, de->d_name, 0600, 0) < 0) {
			n = rf_error_errno("%s/%s", nd->path, de->d_name);
			break;
		}
		n++;
	}
	closedir(d);
	return n;
}

int rf_init_notes(const char *path, struct rf_init_report *rep)
{
	struct rf_notesdir nd;
	struct rf_store st;
	struct rf_buf profile = RF_BUF_INIT, existing = RF_BUF_INIT;
	struct stat sb;
	int repo_created, missing, committed = 0, r = -1;
	char *template = NULL;

	rep->created = 0;
	rep->files_private = 0;
	rep->driver_set = 0;
	rep->dir_was = stat(path, &sb) == 0 && S_ISDIR(sb.st_mode) && (sb.st_mode & 077) ? (int)(sb.st_mode & 07777) : -1;
	if (rf_notesdir_create(&nd, path) < 0)
		return -1;
	if (rf_store_init(path, &repo_created) < 0)
		goto out_nd;
	if (rf_store_open(&st, path, RF_STORE_WRITE) < 0)
		goto out_nd;
	if (rf_notesdir_read(&nd, "profile.ini", &existing, &missing) < 0)
		goto out;
	if (missing) {
		template = rf_share_path("profile.ini");
		if (!template || rf_read_file(template, &profile) < 0)
			goto out;
		if (rf_record_text(&st, &nd, "init", "profile.ini", profile.buf, profile.len, 1, &committed) < 0)
			goto out;
	}
	long n = make_private(&nd);
	if (n < 0)
		goto out;
	rep->files_private = (size_t)n;
	/* Plain git log -p shows per-key changes too (rf-diff --textconv). */
	rep->driver_set = !repo_created && !rf_gitdiff_configured(&st);
	if (rf_gitdiff_setup(&st) < 0)
		goto out;
	rep->created = repo_created || committed;
	r = 0;
out:
	rf_store_close(&st);
out_nd:
	rf_notesdir_close(&nd);
	rf_buf_free(&profile);
	rf_buf_free(&existing);
	free(template);
	return r;
}

/* Remove a directory this rf created, with all it holds. */
static int remove_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void remove_tree(const char *path)
{
	if (nftw(path, remove_entry, 16, FTW_DEPTH | FTW_PHYS) < 0)
		rf_warn("%s: could not remove this temporary clone; remove it by hand", path);
}

/* 1 when path is absent or an empty directory (what a clone may fill). */
static int vacant(const char *path)
{
	DIR *d = opendir(path);
	if (!d)
		return errno == ENOENT;
	struct dirent *de;
	int empty = 1;
	while (empty && (de = readdir(d)))
		if (strcmp(de->d_name, ".") && strcmp(de->d_name, ".."))
			empty = 0;
	closedir(d);
	return empty;
}

/* After a clone: HEAD on a branch that tracks origin.  The remote's HEAD
 * may name no branch (an empty repository, or a bare one whose HEAD says
 * master while main was pushed): then main, else its only branch, is
 * checked out; an empty remote gets main, which the first sync creates. */
static int settle_head(git_repository *repo)
{
	if (!git_repository_head_unborn(repo))
		return 0;
	git_reference *ref = NULL, *local = NULL;
	git_commit *tip = NULL;
	git_branch_iterator *it = NULL;
	char *branch = NULL;
	int r = -1;
	if (git_reference_lookup(&ref, repo, "refs/remotes/origin/main") == 0) {
		branch = rf_xstrdup("main");
	} else if (git_branch_iterator_new(&it, repo, GIT_BRANCH_REMOTE) == 0) {
		git_reference *b;
		git_branch_t type;
		int n = 0;
		while (git_branch_next(&b, &type, it) == 0) {
			const char *name = git_reference_name(b);
			if (!rf_str_endswith(name, "/HEAD") && !strncmp(name, "refs/remotes/origin/", 20)) {
				n++;
				free(branch);
				branch = rf_xstrdup(name + 20);
				git_reference_free(ref);
				ref = b;
			} else {
				git_reference_free(b);
			}
		}
		if (n > 1) {
			rf_error("the remote's HEAD names no branch and it has %d; clone it with git "
				 "(git clone -b BRANCH URL DIR), then run rf-init -C DIR", n);
			goto out;
		}
	}
	git_error_clear();
	if (!branch)
		branch = rf_xstrdup("main");
	char *head = rf_xasprintf("refs/heads/%s", branch);
	int e = 0;
	if (ref) {
		git_checkout_options co;
		git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
		co.checkout_strategy = GIT_CHECKOUT_SAFE;
		e = git_reference_peel((git_object **)&tip, ref, GIT_OBJECT_COMMIT);
		if (e == 0)
			e = git_branch_create(&local, repo, branch, tip, 0);
		if (e == 0)
			e = git_repository_set_head(repo, head);
		if (e == 0)
			e = git_checkout_head(repo, &co);
	} else {
		e = git_repository_set_head(repo, head);
	}
	if (e == 0) {
		git_config *cfg = NULL;
		char *k1 = rf_xasprintf("branch.%s.remote", branch), *k2 = rf_xasprintf("branch.%s.merge", branch);
		e = git_repository_config(&cfg, repo);
		if (e == 0)
			e = git_config_set_string(cfg, k1, "origin");
		if (e == 0)
			e = git_config_set_string(cfg, k2, head);
		git_config_free(cfg);
		free(k1);
		free(k2);
	}
	free(head);
	r = e < 0 ? rf_git_error("clone") : 0;
out:
	free(branch);
	git_branch_iterator_free(it);
	git_commit_free(tip);
	git_reference_free(local);
	git_reference_free(ref);
	return r;
}

/* The programs at HEAD and the commits reachable from it. */
static int count(const char *path, size_t *programs, size_t *commits)
{
	struct rf_store st;
	struct rf_strv notes = RF_STRV_INIT;
	git_revwalk *walk = NULL;
	git_oid id;
	int r = -1;
	*programs = *commits = 0;
	if (rf_store_open(&st, path, RF_STORE_READ) < 0)
		return -1;
	if (rf_store_files(&st, NULL, rf_notefile_is_note, &notes) < 0)
		goto out;
	*programs = notes.n;
	if (git_revwalk_new(&walk, st.repo) < 0 || (git_revwalk_push_head(walk) < 0 && !git_repository_head_unborn(st.repo))) {
		rf_git_error("history");
		goto out;
	}
	git_error_clear();
	while (git_revwalk_next(&id, walk) == 0)
		(*commits)++;
	r = 0;
out:
	git_revwalk_free(walk);
	rf_strv_free(&notes);
	rf_store_close(&st);
	return r;
}

int rf_init_clone(const char *path, const char *url, struct rf_init_clone *res)
{
	char *clean, *user, *password, *tmp = NULL, *shown = NULL;
	git_repository *repo = NULL;
	int r = -1;
	struct rf_init_report rep;
	memset(res, 0, sizeof(*res));
	rf_remote_split_url(url, &clean, &user, &password);
	res->url = rf_xstrdup(clean);
	if (!vacant(path)) {
		rf_error("%s: already exists and is not empty; rf-init URL makes a new notes directory "
			 "(choose another with -C DIR)", path);
		goto out;
	}
	char *slash = strrchr(path, '/');
	char *parent = slash ? (slash == path ? rf_xstrdup("/") : rf_xstrndup(path, (size_t)(slash - path))) : rf_xstrdup(".");
	tmp = rf_xasprintf("%s/.%s.rf-clone-XXXXXX", parent, slash ? slash + 1 : path);
	int ok = rf_notesdir_mkdirs(parent) == 0;
	free(parent);
	if (!ok)
		goto out;
	if (!mkdtemp(tmp)) {
		rf_error_errno("%s", tmp);
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if (rf_store_lib_init() < 0)
		goto out_tmp;
	/* Notes are worth an fsync, also the ones a clone brings. */
	git_libgit2_opts(GIT_OPT_ENABLE_FSYNC_GITDIR, 1);
	/* git_clone wants a directory that does not exist or is empty. */
	shown = rf_xstrdup(clean);
	int e = rf_transfer_clone(clean, shown, user, password, tmp, &repo);
	if (e == 0)
		e = settle_head(repo);
	git_repository_free(repo);
	git_libgit2_shutdown();
	if (e < 0)
		goto out_tmp;
	if (rename(tmp, path) < 0) {
		rf_error_errno("%s", path);
		goto out_tmp;
	}
	if (rf_init_notes(path, &rep) < 0 || count(path, &res->programs, &res->commits) < 0)
		goto out;
	r = 0;
	goto out;
out_tmp:
	remove_tree(tmp);
out:
	free(tmp);
	free(shown);
	free(clean);
	free(user);
	if (password)
		explicit_bzero(password, strlen(password));
	free(password);
	return r;
}

void rf_init_clone_free(struct rf_init_clone *res)
{
	free(res->url);
	memset(res, 0, sizeof(*res));
}
