#include "outfile.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

/* The file path names: a symbolic link's target (caller frees). */
static char *resolve(const char *path)
{
	struct stat st;
	if (lstat(path, &st) == 0 && S_ISLNK(st.st_mode)) {
		char *real = realpath(path, NULL);
		if (real)
			return real;
	}
	return rf_xstrdup(path);
}

/* Split path into its directory ("." when none) and base name. */
static void split(const char *path, char **dir, const char **base)
{
	const char *slash = strrchr(path, '/');
	if (!slash) {
		*dir = rf_xstrdup(".");
		*base = path;
	} else {
		*dir = slash == path ? rf_xstrdup("/") : rf_xstrndup(path, (size_t)(slash - path));
		*base = slash + 1;
	}
}

int rf_outfile_check(const char *path, const char *notes)
{
	char *target = resolve(path), *dir, *rdir = NULL, *rnotes = realpath(notes, NULL);
	const char *base;
	int r = 0;
	split(target, &dir, &base);
	rdir = realpath(dir, NULL);
	if (rdir && rnotes) {
		size_t n = strlen(rnotes);
		if (!strncmp(rdir, rnotes, n) && (rdir[n] == '\0' || rdir[n] == '/' || !strcmp(rnotes, "/")))
			r = rf_error("%s: inside the notes directory %s, where read-only commands never write; "
				     "write it elsewhere", path, notes);
	}
	free(rnotes);
	free(rdir);
	free(dir);
	free(target);
	return r;
}

/* A target that cannot be renamed over: written where it is. */
static int write_in_place(const char *path, const char *data, size_t len)
{
	int fd = open(path, O_WRONLY | O_TRUNC | O_CLOEXEC | O_NOCTTY);
	if (fd < 0)
		return rf_error_errno("%s", path);
	if (rf_write_all(fd, data, len) < 0) {
		rf_error_errno("%s", path);
		close(fd);
		return -1;
	}
	if (close(fd) < 0)
		return rf_error_errno("%s", path);
	return 0;
}

int rf_outfile_write(const char *path, const char *data, size_t len)
{
	char *target = resolve(path), *dir, *tmp = NULL;
	const char *base;
	struct stat st;
	int fd = -1, dfd = -1, r = -1, exists = stat(target, &st) == 0;
	split(target, &dir, &base);
	if (exists && S_ISDIR(st.st_mode)) {
		rf_error("%s: is a directory", path);
		goto out;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		r = write_in_place(target, data, len);
		goto out;
	}
	if (!*base) {
		rf_error("%s: not a file name", path);
		goto out;
	}
	tmp = rf_xasprintf("%s/.%s.XXXXXX", dir, base);
	fd = mkostemp(tmp, O_CLOEXEC);
	if (fd < 0) {
		rf_error_errno("%s", path);
		free(tmp);
		tmp = NULL;
		goto out;
	}
	if ((exists && fchmod(fd, st.st_mode & 07777) < 0) || rf_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		rf_error_errno("%s", path);
		goto out;
	}
	int e = close(fd);
	fd = -1;
	if (e < 0 || rename(tmp, target) < 0) {
		rf_error_errno("%s", path);
		goto out;
	}
	free(tmp);
	tmp = NULL;
	/* The rename is durable once the directory is. */
	dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (dfd < 0 || fsync(dfd) < 0) {
		rf_error_errno("%s: fsync", dir);
		goto out;
	}
	r = 0;
out:
	if (fd >= 0)
		close(fd);
	if (tmp)
		unlink(tmp);
	if (dfd >= 0)
		close(dfd);
	free(tmp);
	free(dir);
	free(target);
	return r;
}
