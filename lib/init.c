#include "init.h"

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitdiff.h"
#include "notefile.h"
#include "notesdir.h"
#include "record.h"
#include "store.h"
#include "template.h"

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
