#include "pager.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

void rf_pager_none(struct rf_pager *pg)
{
	pg->out = stdout;
	pg->pid = 0;
	pg->tty = isatty(STDOUT_FILENO);
}

/* The pager command, or NULL for none.  An empty setting turns paging off,
 * so RF_PAGER= rf-log is the way to say "no pager" for one run. */
static const char *pager_command(void)
{
	const char *p = getenv("RF_PAGER");
	if (!p)
		p = getenv("PAGER");
	if (!p)
		p = "less -FRX";
	if (!*p || !strcmp(p, "cat"))
		return NULL;
	return p;
}

FILE *rf_pager_start(struct rf_pager *pg)
{
	rf_pager_none(pg);
	const char *cmd = pager_command();
	if (!pg->tty || !cmd)
		return pg->out;
	int fds[2];
	if (pipe2(fds, O_CLOEXEC) < 0) {
		rf_warn("cannot start the pager: %s", strerror(errno));
		return pg->out;
	}
	/* less without -R would show the colour codes as text. */
	setenv("LESS", "FRX", 0);
	setenv("LV", "-c", 0);
	fflush(stdout);
	pid_t pid = fork();
	if (pid < 0) {
		rf_warn("cannot start the pager: %s", strerror(errno));
		close(fds[0]);
		close(fds[1]);
		return pg->out;
	}
	if (pid == 0) {
		if (dup2(fds[0], STDIN_FILENO) < 0)
			_exit(127);
		execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
		_exit(127);
	}
	close(fds[0]);
	FILE *f = fdopen(fds[1], "w");
	if (!f) {
		rf_warn("cannot start the pager: %s", strerror(errno));
		close(fds[1]);
		waitpid(pid, NULL, 0);
		return pg->out;
	}
	pg->out = f;
	pg->pid = pid;
	return f;
}

int rf_pager_finish(struct rf_pager *pg)
{
	if (!pg->pid)
		return 0;
	int ret = 0, err = 0;
	if (fflush(pg->out) != 0 || ferror(pg->out))
		err = errno ? errno : EIO;
	if (fclose(pg->out) != 0 && !err)
		err = errno ? errno : EIO;
	if (err && err != EPIPE)
		ret = rf_error("write error: %s", strerror(err));
	int wstatus;
	pid_t r;
	do
		r = waitpid(pg->pid, &wstatus, 0);
	while (r < 0 && errno == EINTR);
	/* 126/127: the shell could not find or run the pager. */
	if (r == pg->pid && WIFEXITED(wstatus) && WEXITSTATUS(wstatus) >= 126 && !ret)
		ret = rf_error("the pager could not be run (exit status %d)", WEXITSTATUS(wstatus));
	pg->out = stdout;
	pg->pid = 0;
	return ret;
}

int rf_colour_wanted(const struct rf_pager *pg)
{
	const char *nc = getenv("NO_COLOR"), *term = getenv("TERM");
	if (!pg->tty || (nc && *nc))
		return 0;
	return term && *term && strcmp(term, "dumb") != 0;
}
