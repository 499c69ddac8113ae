#include "gitdiff.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <sys/stat.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "semdiff.h"
#include "template.h"

#define ATTRIBUTE_LINE "*.ini diff=rf\n"
#define MERGE_LINE "*.ini merge=rf\n"

/* The command rf-NAME beside the running binary, by absolute path and
 * quoted for the shell git runs it with, then args; "rf-NAME args" from
 * PATH when there is none. */
static char *command_beside(const char *name, const char *args)
{
	char exe[PATH_MAX];
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n <= 0)
		return rf_xasprintf("%s %s", name, args);
	exe[n] = '\0';
	char *slash = strrchr(exe, '/');
	*slash = '\0';
	char *path = rf_xasprintf("%s/%s", exe, name);
	if (access(path, X_OK) != 0) {
		free(path);
		return rf_xasprintf("%s %s", name, args);
	}
	/* git runs the command through sh: single-quote the path. */
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_addc(&b, '\'');
	for (const char *p = path; *p; p++) {
		if (*p == '\'')
			rf_buf_adds(&b, "'\\''");
		else
			rf_buf_addc(&b, *p);
	}
	rf_buf_addf(&b, "' %s", args);
	free(path);
	return rf_buf_detach(&b);
}

char *rf_gitdiff_textconv(void)
{
	return command_beside("rf-diff", "--textconv");
}

char *rf_gitdiff_merge_driver(void)
{
	return command_beside("rf-sync", "--merge-driver %P %O %A %B");
}

static int set_config(struct rf_store *st)
{
	git_config *cfg = NULL, *local = NULL;
	char *cmd = rf_gitdiff_textconv(), *driver = rf_gitdiff_merge_driver();
	int r = 0;
	/* The repository's own file, not ~/.gitconfig. */
	if (git_repository_config(&cfg, st->repo) < 0 ||
	    git_config_open_level(&local, cfg, GIT_CONFIG_LEVEL_LOCAL) < 0 ||
	    git_config_set_string(local, "diff.rf.textconv", cmd) < 0)
		r = rf_git_error("git config diff.rf.textconv");
	else if (git_config_set_string(local, "merge.rf.name", "rf: notes merged answer by answer") < 0 ||
		 git_config_set_string(local, "merge.rf.driver", driver) < 0 ||
		 /* Notes come from one template: git would take a deleted one
		  * and a new one for a rename and merge the other side's edits
		  * into the wrong program.  git 2.39's default strategy (ort)
		  * ignores merge.renames; the recursive one honours it. */
		 git_config_set_bool(local, "merge.renames", 0) < 0 ||
		 git_config_set_string(local, "pull.twohead", "recursive") < 0)
		r = rf_git_error("git config merge.rf.driver");
	git_config_free(local);
	git_config_free(cfg);
	free(cmd);
	free(driver);
	return r;
}

/* Replace path with data: temporary file, fsync, rename. */
static int write_file(const char *path, const char *data, size_t len)
{
	char *tmp = rf_xasprintf("%s.rf-XXXXXX", path);
	int fd = mkstemp(tmp), r = -1;
	if (fd < 0) {
		rf_error_errno("%s", tmp);
		free(tmp);
		return -1;
	}
	int unwritten = rf_write_all(fd, data, len) < 0;
	if (unwritten || fsync(fd) < 0 || close(fd) < 0) {
		rf_error_errno("%s", tmp);
		if (unwritten)
			close(fd);
	} else if (rename(tmp, path) < 0) {
		rf_error_errno("%s", path);
	} else {
		r = 0;
	}
	if (r < 0)
		unlink(tmp);
	free(tmp);
	return r;
}

int rf_gitdiff_configured(struct rf_store *st)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v = NULL;
	int have = git_repository_config(&cfg, st->repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
		   git_config_get_string(&v, snap, "diff.rf.textconv") == 0 && *v;
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	return have;
}

int rf_gitdiff_setup(struct rf_store *st)
{
	struct rf_buf attrs = RF_BUF_INIT;
	char *dir = rf_xasprintf("%sinfo", git_repository_path(st->repo));
	char *path = rf_xasprintf("%s/attributes", dir);
	int r = -1;
	if (set_config(st) < 0)
		goto out;
	if (mkdir(dir, 0700) < 0 && errno != EEXIST) {
		rf_error_errno("%s", dir);
		goto out;
	}
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	if (fd >= 0) {
		int e = rf_read_fd(fd, &attrs);
		close(fd);
		if (e < 0) {
			rf_error_errno("%s", path);
			goto out;
		}
	} else if (errno != ENOENT) {
		rf_error_errno("%s", path);
		goto out;
	}
	/* Each line unless said already (by rf or by the user). */
	int diff = !attrs.len || !strstr(attrs.buf, "diff=rf"), merge = !attrs.len || !strstr(attrs.buf, "merge=rf");
	if (!diff && !merge) {
		r = 0;
		goto out;
	}
	if (attrs.len && attrs.buf[attrs.len - 1] != '\n')
		rf_buf_addc(&attrs, '\n');
	if (diff)
		rf_buf_adds(&attrs, ATTRIBUTE_LINE);
	if (merge)
		rf_buf_adds(&attrs, MERGE_LINE);
	r = write_file(path, attrs.buf, attrs.len);
out:
	rf_buf_free(&attrs);
	free(path);
	free(dir);
	return r;
}

/* git's textconv: the note at path as "section.key = value" lines. */
int rf_gitdiff_print(const char *path, FILE *out)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_template t;
	struct rf_note note;
	if (rf_read_file(path, &text) < 0)
		return -1;
	/* Without the template the lines keep file order: still a per-key diff. */
	char *tpath = rf_share_path("program.ini");
	int have_t = tpath && rf_template_load(&t, tpath) == 0;
	rf_note_parse(&note, path, text.buf, text.len, 0);
	char *lines = rf_semdiff_normalize(&note, have_t ? &t : NULL);
	fputs(lines, out);
	free(lines);
	rf_note_free(&note);
	if (have_t)
		rf_template_free(&t);
	free(tpath);
	rf_buf_free(&text);
	return 0;
}
