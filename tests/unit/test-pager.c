/* Unit tests for lib/pager.c: the colour decision and when a pager runs. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "pager.h"
#include "unit.h"
#include "util.h"

/* Put fd on stdout for one test; returns the saved descriptor. */
static int stdout_to(int fd)
{
	fflush(stdout);
	int saved = dup(STDOUT_FILENO);
	dup2(fd, STDOUT_FILENO);
	return saved;
}

static void stdout_back(int saved)
{
	fflush(stdout);
	dup2(saved, STDOUT_FILENO);
	close(saved);
}

/* A pseudo-terminal's slave side, or -1. */
static int open_pty(int *master)
{
	*master = posix_openpt(O_RDWR | O_NOCTTY);
	if (*master < 0 || grantpt(*master) < 0 || unlockpt(*master) < 0)
		return -1;
	return open(ptsname(*master), O_RDWR | O_NOCTTY);
}

static char *tmpfile_path(const char *name)
{
	const char *dir = getenv("TMPDIR");
	return rf_xasprintf("%s/rf-test-pager-%ld-%s", dir && *dir ? dir : "/tmp", (long)getpid(), name);
}

static void test_colour_env(struct unit *u)
{
	struct rf_pager pg = { stdout, 0, 1 };
	unsetenv("NO_COLOR");
	setenv("TERM", "xterm", 1);
	CHECK(u, rf_colour_wanted(&pg) == 1);
	setenv("NO_COLOR", "1", 1);
	CHECK(u, rf_colour_wanted(&pg) == 0);
	/* no-color.org: only a non-empty NO_COLOR counts. */
	setenv("NO_COLOR", "", 1);
	CHECK(u, rf_colour_wanted(&pg) == 1);
	setenv("TERM", "dumb", 1);
	CHECK(u, rf_colour_wanted(&pg) == 0);
	unsetenv("TERM");
	CHECK(u, rf_colour_wanted(&pg) == 0);
	setenv("TERM", "xterm", 1);
	pg.tty = 0;
	CHECK(u, rf_colour_wanted(&pg) == 0);
	unsetenv("NO_COLOR");
}

static void test_pipe_no_pager_no_colour(struct unit *u)
{
	int fds[2];
	CHECK(u, pipe(fds) == 0);
	int saved = stdout_to(fds[1]);
	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	setenv("RF_PAGER", "false", 1);
	struct rf_pager pg;
	FILE *out = rf_pager_start(&pg);
	int pid = pg.pid, tty = pg.tty, colour = rf_colour_wanted(&pg), fin = rf_pager_finish(&pg);
	stdout_back(saved);
	close(fds[0]);
	close(fds[1]);
	CHECK(u, out == stdout);
	CHECK(u, pid == 0);
	CHECK(u, tty == 0);
	CHECK(u, colour == 0);
	CHECK(u, fin == 0);
	unsetenv("RF_PAGER");
}

/* On a terminal the pager runs and receives what was written; the colour
 * decision still sees the terminal behind the pager's pipe. */
static void run_on_pty(struct unit *u, const char *rf_pager, const char *pager, int want_pager)
{
	int master, slave = open_pty(&master);
	CHECK(u, slave >= 0);
	if (slave < 0)
		return;
	char *path = tmpfile_path("out");
	unlink(path);
	char *cmd = rf_xasprintf("cat > '%s'", path);
	if (rf_pager)
		setenv("RF_PAGER", *rf_pager ? cmd : "", 1);
	else
		unsetenv("RF_PAGER");
	if (pager)
		setenv("PAGER", cmd, 1);
	else
		unsetenv("PAGER");
	setenv("TERM", "xterm", 1);
	unsetenv("NO_COLOR");
	int saved = stdout_to(slave);
	struct rf_pager pg;
	FILE *out = rf_pager_start(&pg);
	int pid = pg.pid, colour = rf_colour_wanted(&pg);
	fputs("Hôpital Saint-Éloi\n", out);
	int fin = rf_pager_finish(&pg);
	stdout_back(saved);
	close(slave);
	close(master);
	CHECK(u, fin == 0);
	CHECK(u, colour == 1);
	struct rf_buf b = RF_BUF_INIT;
	int fd = open(path, O_RDONLY);
	if (want_pager) {
		CHECK(u, pid > 0);
		CHECK(u, out != stdout);
		CHECK(u, fd >= 0 && rf_read_fd(fd, &b) == 0);
		CHECK_STR(u, b.buf, "Hôpital Saint-Éloi\n");
	} else {
		CHECK(u, pid == 0);
		CHECK(u, out == stdout);
		CHECK(u, fd < 0);
	}
	if (fd >= 0)
		close(fd);
	rf_buf_free(&b);
	unlink(path);
	free(path);
	free(cmd);
	unsetenv("RF_PAGER");
	unsetenv("PAGER");
}

static void test_pty_rf_pager(struct unit *u)
{
	run_on_pty(u, "set", NULL, 1);
}

static void test_pty_pager_fallback(struct unit *u)
{
	run_on_pty(u, NULL, "set", 1);
}

static void test_pty_rf_pager_empty_means_none(struct unit *u)
{
	run_on_pty(u, "", "set", 0);
}

static void test_less_env_default(struct unit *u)
{
	int master, slave = open_pty(&master);
	CHECK(u, slave >= 0);
	if (slave < 0)
		return;
	unsetenv("LESS");
	setenv("RF_PAGER", "true", 1);
	int saved = stdout_to(slave);
	struct rf_pager pg;
	rf_pager_start(&pg);
	int fin = rf_pager_finish(&pg);
	stdout_back(saved);
	close(slave);
	close(master);
	CHECK(u, fin == 0);
	CHECK_STR(u, getenv("LESS"), "FRX");
	unsetenv("RF_PAGER");
}

/* A pager quit before reading everything (q in less) is not an error. */
static void test_pager_quits_early(struct unit *u)
{
	int master, slave = open_pty(&master);
	CHECK(u, slave >= 0);
	if (slave < 0)
		return;
	setenv("RF_PAGER", "true", 1);
	int saved = stdout_to(slave);
	struct rf_pager pg;
	FILE *out = rf_pager_start(&pg);
	for (int i = 0; i < 20000; i++)
		fputs("a line of output that nobody reads\n", out);
	int fin = rf_pager_finish(&pg);
	stdout_back(saved);
	close(slave);
	close(master);
	CHECK(u, fin == 0);
	unsetenv("RF_PAGER");
}

static void test_pager_not_found(struct unit *u)
{
	int master, slave = open_pty(&master);
	CHECK(u, slave >= 0);
	if (slave < 0)
		return;
	setenv("RF_PAGER", "/nonexistent/pager", 1);
	int saved = stdout_to(slave);
	int errfd = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY);
	dup2(null, STDERR_FILENO);
	struct rf_pager pg;
	FILE *out = rf_pager_start(&pg);
	fputs("x\n", out);
	int fin = rf_pager_finish(&pg);
	dup2(errfd, STDERR_FILENO);
	close(errfd);
	close(null);
	stdout_back(saved);
	close(slave);
	close(master);
	CHECK(u, fin == -1);
	unsetenv("RF_PAGER");
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	signal(SIGPIPE, SIG_IGN);
	RUN(&u, test_colour_env);
	RUN(&u, test_pipe_no_pager_no_colour);
	RUN(&u, test_pty_rf_pager);
	RUN(&u, test_pty_pager_fallback);
	RUN(&u, test_pty_rf_pager_empty_means_none);
	RUN(&u, test_less_env_default);
	RUN(&u, test_pager_quits_early);
	RUN(&u, test_pager_not_found);
	return UNIT_DONE(&u);
}
