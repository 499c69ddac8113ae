#include "notesdir.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "note.h"
#include "notefile.h"
#include "slug.h"

char *rf_notesdir_locate(const char *opt_dir)
{
	if (opt_dir && *opt_dir)
		return rf_xstrdup(opt_dir);
	const char *env = getenv("RF_DIR");
	if (env && *env)
		return rf_xstrdup(env);
	const char *home = getenv("HOME");
	return rf_xasprintf("%s/rf", home && *home ? home : ".");
}

int rf_notesdir_open(struct rf_notesdir *nd, const char *path)
{
	nd->path = NULL;
	nd->fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (nd->fd < 0) {
		if (errno == ENOENT)
			return rf_error("%s: no notes directory here (create it with rf-init)", path);
		return rf_error_errno("%s", path);
	}
	nd->path = rf_xstrdup(path);
	return 0;
}

static int mkdir_parents(const char *path)
{
	char *p = rf_xstrdup(path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			rf_error_errno("%s", p);
			free(p);
			return -1;
		}
		*s = '/';
	}
	int r = 0;
	if (mkdir(p, 0700) < 0 && errno != EEXIST)
		r = rf_error_errno("%s", p);
	free(p);
	return r;
}

int rf_notesdir_mkdirs(const char *path)
{
	return mkdir_parents(path);
}

int rf_notesdir_create(struct rf_notesdir *nd, const char *path)
{
	if (mkdir_parents(path) < 0)
		return -1;
	if (rf_notesdir_open(nd, path) < 0)
		return -1;
	struct stat st;
	if (fstat(nd->fd, &st) < 0 || ((st.st_mode & 077) && fchmod(nd->fd, 0700) < 0)) {
		rf_error_errno("%s", path);
		rf_notesdir_close(nd);
		return -1;
	}
	return 0;
}

void rf_notesdir_close(struct rf_notesdir *nd)
{
	if (nd->fd >= 0)
		close(nd->fd);
	nd->fd = -1;
	free(nd->path);
	nd->path = NULL;
}

int rf_notesdir_list(const struct rf_notesdir *nd, struct rf_strv *slugs)
{
	int fd = dup(nd->fd);
	DIR *d = fd < 0 ? NULL : fdopendir(fd);
	if (!d) {
		if (fd >= 0)
			close(fd);
		return rf_error_errno("%s", nd->path);
	}
	rewinddir(d);
	struct dirent *e;
	while ((e = readdir(d))) {
		char *slug = rf_notefile_valid_slug(e->d_name);
		if (!slug)
			continue;
		/* Notes are files; a symbolic link is listed too, so that naming
		 * it gets the clear refusal of rf_notesdir_read. */
		unsigned char type = e->d_type;
		struct stat st;
		if (type == DT_UNKNOWN && fstatat(nd->fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0)
			type = S_ISREG(st.st_mode) ? DT_REG : S_ISLNK(st.st_mode) ? DT_LNK : DT_DIR;
		if (type == DT_REG || type == DT_LNK)
			rf_strv_push(slugs, slug);
		else
			free(slug);
	}
	closedir(d);
	rf_strv_sort(slugs);
	return 0;
}

/* Read a regular file without following links, reporting nothing. */
static int read_quietly(const struct rf_notesdir *nd, const char *name, struct rf_buf *out)
{
	int fd = openat(nd->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return -1;
	struct stat st;
	int r = fstat(fd, &st) == 0 && S_ISREG(st.st_mode) ? rf_read_fd(fd, out) : -1;
	close(fd);
	return r;
}

/* The [program] name of a note, or NULL: unreadable notes (links, broken
 * files) have no name, and say nothing while another argument is looked
 * up, so a refusal stays one line. */
static char *program_name(const struct rf_notesdir *nd, const char *slug)
{
	char *file = rf_notefile_name(slug);
	struct rf_buf buf = RF_BUF_INIT;
	char *name = NULL;
	if (read_quietly(nd, file, &buf) == 0) {
		struct rf_note note;
		if (rf_note_parse(&note, file, buf.buf, buf.len, 0) == 0) {
			const char *v = rf_note_get(&note, "program", "name");
			if (v && *v)
				name = rf_xstrdup(v);
		}
		rf_note_free(&note);
	}
	rf_buf_free(&buf);
	free(file);
	return name;
}

static int report_candidates(const char *arg, const struct rf_strv *cands)
{
	struct rf_buf b = RF_BUF_INIT;
	for (size_t i = 0; i < cands->n && i < 10; i++)
		rf_buf_addf(&b, "%s%s", i ? ", " : "", cands->v[i]);
	if (cands->n > 10)
		rf_buf_addf(&b, ", ... (%zu in all)", cands->n);
	int r = rf_error("ambiguous program '%s'; candidates: %s", arg, b.buf);
	rf_buf_free(&b);
	return r;
}

/* A slip of the fingers: one edit in a short word, two in a longer one. */
static int near(const char *typed, const char *want)
{
	return rf_edit_distance(typed, want) <= (strlen(typed) <= 4 ? 1u : 2u);
}

/* Is typed (4 bytes or more) one of the words of slug, or nearly? */
static int near_word(const char *typed, const char *slug)
{
	if (strlen(typed) < 4)
		return 0;
	char *copy = rf_xstrdup(slug), *save = NULL;
	int hit = 0;
	for (char *w = strtok_r(copy, "-", &save); w && !hit; w = strtok_r(NULL, "-", &save))
		hit = near(typed, w);
	free(copy);
	return hit;
}

/* A near miss of slug (or of its note's name): the slug, the name, a word
 * of the slug ("hopkinz") or the start of the slug ("merxy") mistyped, or
 * the name spelt another way that makes the same slug ("St Marys IR"). */
static int near_miss(const char *lower, const char *made, const char *slug, const char *name)
{
	size_t len = strlen(lower);
	if (near(lower, slug) || near_word(lower, slug))
		return 1;
	if (name) {
		char *lname = rf_strlower(rf_xstrdup(name));
		int hit = near(lower, lname);
		free(lname);
		if (hit)
			return 1;
	}
	if (len >= 4 && len < strlen(slug)) {
		char *start = rf_xstrndup(slug, len);
		int hit = rf_edit_distance(lower, start) <= 1;
		free(start);
		if (hit)
			return 1;
	}
	return made && !strncmp(slug, made, strlen(made));
}

/* "no such program", with the near misses as "did you mean". */
static int report_unknown(const char *arg, const struct rf_strv *near_slugs)
{
	struct rf_buf b = RF_BUF_INIT;
	size_t n = near_slugs->n < 5 ? near_slugs->n : 5;
	for (size_t i = 0; i < n; i++)
		rf_buf_addf(&b, "%s'%s'", i == 0 ? "" : i + 1 == n ? " or " : ", ", near_slugs->v[i]);
	int r = n ? rf_error("no such program '%s'; did you mean %s?", arg, b.buf)
		  : rf_error("no such program '%s'", arg);
	rf_buf_free(&b);
	return r;
}

int rf_notesdir_resolve(const struct rf_notesdir *nd, const char *arg, char **slug)
{
	if (rf_slug_check_arg(arg) < 0)
		return -1;
	/* A slug whose note is there is the answer the listing would give,
	 * found without listing 2,000 notes. */
	char *exact = rf_notefile_slug(arg), *exact_file = rf_notefile_name(exact);
	char *listed = rf_notefile_valid_slug(exact_file);
	struct stat sb;
	int there = listed && !strcmp(listed, exact) && fstatat(nd->fd, exact_file, &sb, AT_SYMLINK_NOFOLLOW) == 0 &&
		    (S_ISREG(sb.st_mode) || S_ISLNK(sb.st_mode));
	free(listed);
	free(exact_file);
	if (there) {
		*slug = exact;
		return 0;
	}
	free(exact);
	struct rf_strv all = RF_STRV_INIT, names = RF_STRV_INIT, cands = RF_STRV_INIT;
	int r = -1;
	if (rf_notesdir_list(nd, &all) < 0)
		goto out;

	char *base = rf_notefile_slug(arg);
	if (rf_strv_contains(&all, base)) {
		*slug = base;
		r = 0;
		goto out;
	}
	/* Named exactly but not listed: say what it is rather than "no such". */
	char *file = rf_notefile_name(base);
	struct stat st;
	int valid = rf_slug_valid(base);
	free(base);
	if (valid && fstatat(nd->fd, file, &st, AT_SYMLINK_NOFOLLOW) == 0 && !S_ISREG(st.st_mode)) {
		rf_error("%s: not a regular file", file);
		free(file);
		goto out;
	}
	free(file);

	/* names.v[i] is the name of all.v[i] ("" when it has none). */
	for (size_t i = 0; i < all.n; i++) {
		char *name = program_name(nd, all.v[i]);
		if (name && strcasecmp(name, arg) == 0)
			rf_strv_push(&cands, rf_xstrdup(all.v[i]));
		rf_strv_push(&names, name ? name : rf_xstrdup(""));
	}
	char *lower = rf_strlower(rf_xstrdup(arg));
	if (cands.n == 0)
		for (size_t i = 0; i < all.n; i++)
			if (strncmp(all.v[i], lower, strlen(lower)) == 0)
				rf_strv_push(&cands, rf_xstrdup(all.v[i]));
	if (cands.n == 1) {
		*slug = rf_xstrdup(cands.v[0]);
		r = 0;
	} else if (cands.n > 1) {
		report_candidates(arg, &cands);
	} else {
		/* Offer near misses, as git does for mistyped commands. */
		char *made = rf_slug_guess(arg);
		for (size_t i = 0; i < all.n; i++)
			if (near_miss(lower, made, all.v[i], *names.v[i] ? names.v[i] : NULL))
				rf_strv_push(&cands, rf_xstrdup(all.v[i]));
		report_unknown(arg, &cands);
		free(made);
	}
	free(lower);
out:
	rf_strv_free(&all);
	rf_strv_free(&names);
	rf_strv_free(&cands);
	return r;
}

int rf_notesdir_open_file(const struct rf_notesdir *nd, const char *name, int *fd, struct stat *st, int *missing)
{
	*fd = -1;
	if (missing)
		*missing = 0;
	int f = openat(nd->fd, name, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
	if (f < 0) {
		if (errno == ENOENT && missing) {
			*missing = 1;
			return 0;
		}
		if (errno == ELOOP)
			return rf_error("%s: is a symbolic link; rf does not follow links in the notes directory",
					name);
		return rf_error_errno("%s", name);
	}
	if (fstat(f, st) < 0) {
		close(f);
		return rf_error_errno("%s", name);
	}
	if (!S_ISREG(st->st_mode)) {
		close(f);
		return rf_error("%s: not a regular file", name);
	}
	*fd = f;
	return 0;
}

int rf_notesdir_read(const struct rf_notesdir *nd, const char *name, struct rf_buf *out, int *missing)
{
	struct stat st;
	int fd, m = 0;
	if (rf_notesdir_open_file(nd, name, &fd, &st, missing ? missing : &m) < 0)
		return -1;
	if (fd < 0) {
		errno = ENOENT;
		return missing ? 0 : rf_error_errno("%s", name);
	}
	int r = 0;
	if (rf_read_fd(fd, out) < 0)
		r = rf_error_errno("%s", name);
	close(fd);
	return r;
}

/* A free temporary name in the directory: ".rf-tmp-PID-N", created
 * exclusively (mkstemp needs a path; names here are relative to nd->fd).
 * Every such name is removed by the next writer if rf is killed. */
static int temp_name(const struct rf_notesdir *nd, char name[64], int create)
{
	for (unsigned attempt = 0; attempt < 100; attempt++) {
		snprintf(name, 64, ".rf-tmp-%ld-%u", (long)getpid(), attempt);
		if (!create) {
			struct stat st;
			if (fstatat(nd->fd, name, &st, AT_SYMLINK_NOFOLLOW) < 0 && errno == ENOENT)
				return 0;
			continue;
		}
		int fd = openat(nd->fd, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0)
			return fd;
		if (errno != EEXIST)
			return rf_error_errno("%s/%s", nd->path, name);
	}
	return rf_error("%s: cannot create a temporary file", nd->path);
}

int rf_notesdir_stage(const struct rf_notesdir *nd, const char *name, const char *data, size_t len,
		      int create_only, struct rf_notesdir_pending *p)
{
	memset(p, 0, sizeof(*p));
	p->nd = nd;
	int fd = temp_name(nd, p->tmp, 1);
	if (fd < 0) {
		p->tmp[0] = '\0';
		return -1;
	}
	p->name = rf_xstrdup(name);
	p->create_only = create_only;
	if (rf_write_all(fd, data, len) < 0 || fsync(fd) < 0) {
		rf_error_errno("%s: writing %s", nd->path, name);
		close(fd);
		rf_notesdir_restore(p);
		return -1;
	}
	if (close(fd) < 0) {
		rf_error_errno("%s: writing %s", nd->path, name);
		rf_notesdir_restore(p);
		return -1;
	}
	return 0;
}

int rf_notesdir_place(struct rf_notesdir_pending *p)
{
	const struct rf_notesdir *nd = p->nd;
	int r;
	if (p->create_only) {
		/* link() fails with EEXIST instead of replacing: an existing note
		 * is never overwritten, even by a racing rf-new. */
		r = linkat(nd->fd, p->tmp, nd->fd, p->name, 0);
		if (r < 0 && errno == EEXIST)
			return rf_error("%s already exists", p->name);
		if (r == 0) {
			p->placed = 1;
			unlinkat(nd->fd, p->tmp, 0);
			p->tmp[0] = '\0';
		}
	} else {
		/* The previous file stays reachable under a second name until
		 * the caller is done, so rf_notesdir_restore can put it back
		 * without writing a byte (on a full disk, nothing else could). */
		if (temp_name(nd, p->backup, 0) < 0)
			return -1;
		if (linkat(nd->fd, p->name, nd->fd, p->backup, 0) < 0) {
			p->backup[0] = '\0';
			if (errno != ENOENT)
				return rf_error_errno("%s: %s", nd->path, p->name);
		}
		r = renameat(nd->fd, p->tmp, nd->fd, p->name);
		if (r == 0) {
			p->placed = 1;
			p->tmp[0] = '\0';
		}
	}
	if (r < 0)
		return rf_error_errno("%s: %s", nd->path, p->name);
	if (fsync(nd->fd) < 0)
		return rf_error_errno("%s: fsync", nd->path);
	return 0;
}

/* Give the temporary file tmp the new name, failing with EEXIST rather
 * than replacing a file of that name: one rename where the file system
 * has RENAME_NOREPLACE, else link() and unlink(). */
static int create_from(const struct rf_notesdir *nd, const char *tmp, const char *name)
{
	if (renameat2(nd->fd, tmp, nd->fd, name, RENAME_NOREPLACE) == 0)
		return 0;
	if (errno != EINVAL && errno != ENOSYS)
		return -1;
	if (linkat(nd->fd, tmp, nd->fd, name, 0) < 0)
		return -1;
	unlinkat(nd->fd, tmp, 0);
	return 0;
}

int rf_notesdir_write_many(const struct rf_notesdir *nd, const struct rf_notesdir_file *f, size_t n)
{
	char (*tmp)[64] = rf_xcalloc(n ? n : 1, sizeof(*tmp));
	size_t made = 0, done = 0;
	int r = -1;
	for (; made < n; made++) {
		int fd = -1;
		for (unsigned attempt = 0; fd < 0 && attempt < 100; attempt++) {
			snprintf(tmp[made], sizeof(tmp[made]), ".rf-tmp-%ld-%zu-%u", (long)getpid(), made, attempt);
			fd = openat(nd->fd, tmp[made], O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
			if (fd < 0 && errno != EEXIST)
				break;
		}
		if (fd < 0) {
			rf_error_errno("%s: cannot create a temporary file", nd->path);
			goto out;
		}
		int w = rf_write_all(fd, f[made].data, f[made].len);
		if (close(fd) < 0 || w < 0) {
			rf_error_errno("%s: writing %s", nd->path, f[made].name);
			made++;
			goto out;
		}
	}
	if (syncfs(nd->fd) < 0) {
		rf_error_errno("%s: syncing the notes", nd->path);
		goto out;
	}
	for (size_t i = 0; i < n; i++) {
		struct stat st;
		if (f[i].create_only && fstatat(nd->fd, f[i].name, &st, AT_SYMLINK_NOFOLLOW) == 0) {
			rf_error("%s already exists", f[i].name);
			goto out;
		}
	}
	for (; done < n; done++) {
		int e = f[done].create_only ? create_from(nd, tmp[done], f[done].name)
					    : renameat(nd->fd, tmp[done], nd->fd, f[done].name);
		if (e < 0) {
			if (errno == EEXIST)
				rf_error("%s already exists", f[done].name);
			else
				rf_error_errno("%s: %s", nd->path, f[done].name);
			goto out;
		}
	}
	r = fsync(nd->fd) < 0 ? rf_error_errno("%s: fsync", nd->path) : 0;
out:
	for (size_t i = done; i < made; i++)
		unlinkat(nd->fd, tmp[i], 0);
	free(tmp);
	return r;
}
void rf_notesdir_restore(struct rf_notesdir_pending *p)
{
	const struct rf_notesdir *nd = p->nd;
	if (!nd)
		return;
	if (p->placed && p->backup[0]) {
		if (renameat(nd->fd, p->backup, nd->fd, p->name) == 0)
			p->backup[0] = '\0';
		else
			rf_warn("%s: could not put the previous version back (%s); it is kept as %s",
				p->name, strerror(errno), p->backup);
	} else if (p->placed && unlinkat(nd->fd, p->name, 0) < 0) {
		rf_warn("%s: could not remove it again: %s", p->name, strerror(errno));
	}
	int undone = p->placed;
	p->placed = 0;
	rf_notesdir_done(p);
	if (undone)
		fsync(nd->fd);
}

/* Removing the temporary names is not made durable: one a crash brings
 * back is removed, with a warning, by the next writer (lib/store.c). */
void rf_notesdir_done(struct rf_notesdir_pending *p)
{
	if (p->nd) {
		if (p->tmp[0])
			unlinkat(p->nd->fd, p->tmp, 0);
		if (p->backup[0])
			unlinkat(p->nd->fd, p->backup, 0);
	}
	free(p->name);
	memset(p, 0, sizeof(*p));
}

int rf_notesdir_write(const struct rf_notesdir *nd, const char *name, const char *data, size_t len,
		      int create_only)
{
	struct rf_notesdir_pending p;
	if (rf_notesdir_stage(nd, name, data, len, create_only, &p) < 0)
		return -1;
	if (rf_notesdir_place(&p) < 0) {
		rf_notesdir_restore(&p);
		return -1;
	}
	rf_notesdir_done(&p);
	return 0;
}
