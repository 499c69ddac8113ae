/* Unit tests for lib/outfile.c: a user-named file replaced atomically,
 * keeping its mode, following links, refusing the notes directory. */
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "outfile.h"
#include "util.h"
#include "unit.h"

static char *slurp(const char *path)
{
	struct rf_buf b = RF_BUF_INIT;
	if (rf_read_file(path, &b) < 0)
		return NULL;
	rf_buf_adds(&b, "");
	return rf_buf_detach(&b);
}

static size_t entries(const char *dir)
{
	char *cmd = rf_xasprintf("ls -A '%s' | wc -l", dir);
	FILE *p = popen(cmd, "r");
	unsigned long n = 0;
	if (!p || fscanf(p, "%lu", &n) != 1)
		abort();
	pclose(p);
	free(cmd);
	return n;
}

static void test_write_and_replace(struct unit *u)
{
	char dir[] = "/tmp/rf-test-outfile-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char *path = rf_xasprintf("%s/season.html", dir);
	mode_t old = umask(077);
	CHECK(u, rf_outfile_write(path, "one", 3) == 0);
	char *got = slurp(path);
	CHECK_STR(u, got, "one");
	free(got);
	struct stat st;
	CHECK(u, stat(path, &st) == 0 && (st.st_mode & 07777) == 0600);
	/* An existing file keeps its mode, and nothing else is left behind. */
	chmod(path, 0644);
	CHECK(u, rf_outfile_write(path, "two\n", 4) == 0);
	got = slurp(path);
	CHECK_STR(u, got, "two\n");
	free(got);
	CHECK(u, stat(path, &st) == 0 && (st.st_mode & 07777) == 0644);
	CHECK(u, entries(dir) == 1);
	/* A link is followed: its target is replaced, the link stays. */
	char *link = rf_xasprintf("%s/link.html", dir);
	CHECK(u, symlink("season.html", link) == 0);
	CHECK(u, rf_outfile_write(link, "three", 5) == 0);
	got = slurp(path);
	CHECK_STR(u, got, "three");
	free(got);
	CHECK(u, lstat(link, &st) == 0 && S_ISLNK(st.st_mode));
	/* Not a regular file: written in place. */
	CHECK(u, rf_outfile_write("/dev/null", "x", 1) == 0);
	umask(old);
	free(link);
	free(path);
	unit_remove_dir(dir);
}

static void test_failures_leave_nothing(struct unit *u)
{
	char dir[] = "/tmp/rf-test-outfile-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char *missing = rf_xasprintf("%s/no/such/dir/x.html", dir);
	CHECK(u, rf_outfile_write(missing, "x", 1) == -1);
	CHECK(u, rf_outfile_write(dir, "x", 1) == -1);
	char *ro = rf_xasprintf("%s/ro", dir);
	mkdir(ro, 0500);
	char *inro = rf_xasprintf("%s/x.html", ro);
	if (geteuid() != 0)
		CHECK(u, rf_outfile_write(inro, "x", 1) == -1);
	CHECK(u, rf_outfile_write("/dev/full", "x", 1) == -1);
	CHECK(u, entries(dir) == 1);
	free(inro);
	free(ro);
	free(missing);
	unit_remove_dir(dir);
}

static void test_check(struct unit *u)
{
	char dir[] = "/tmp/rf-test-outfile-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	char *notes = rf_xasprintf("%s/rf", dir), *git = rf_xasprintf("%s/rf/.git", dir);
	mkdir(notes, 0700);
	mkdir(git, 0700);
	char *a = rf_xasprintf("%s/mercy.ini", notes), *b = rf_xasprintf("%s/HEAD", git);
	char *c = rf_xasprintf("%s/report.html", dir), *d = rf_xasprintf("%s/rf-other/x.html", dir);
	char *link = rf_xasprintf("%s/into-notes.html", dir);
	int fd = open(a, O_WRONLY | O_CREAT, 0600);
	close(fd);
	symlink(a, link);
	CHECK(u, rf_outfile_check(a, notes) == -1);
	CHECK(u, rf_outfile_check(b, notes) == -1);
	CHECK(u, rf_outfile_check(link, notes) == -1);
	CHECK(u, rf_outfile_check(c, notes) == 0);
	CHECK(u, rf_outfile_check(d, notes) == 0);
	free(a);
	free(b);
	free(c);
	free(d);
	free(link);
	free(notes);
	free(git);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_write_and_replace);
	RUN(&u, test_failures_leave_nothing);
	RUN(&u, test_check);
	return UNIT_DONE(&u);
}
