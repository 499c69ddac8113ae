#include "editor.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

/* git's rule (run-command.c): a word with none of these characters is a
 * program name, and its exec error is ours to report in one line instead of
 * the shell's "sh: 1: x: not found" followed by ours. */
static int is_bare_command(const char *cmd)
{
	return cmd[strcspn(cmd, "|&;<>()$`\\\"' \t\n*?[#~=%")] == '\0';
}

static void exec_editor(const char *editor, const char *path, int report_fd)
{
	if (is_bare_command(editor)) {
		execlp(editor, editor, path, (char *)NULL);
	} else {
		/* The command is the user's shell words; the path is passed as
		 * "$1" so no quoting of it is needed. */
		char *cmd = rf_xasprintf("%s \"$@\"", editor);
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
	}
	int err = errno;
	ssize_t ignored = write(report_fd, &err, sizeof err);
	(void)ignored;
	_exit(127);
}

int rf_editor_run(const char *path, const char *aftermath)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	/* The child writes exec's errno here; a successful exec closes it. */
	int report[2];
	if (pipe2(report, O_CLOEXEC) < 0)
		return rf_error_errno("pipe");
	/* Ctrl-C and Ctrl-\ at the terminal reach the editor and rf alike;
	 * as git does, rf ignores them while the editor runs, so an editor
	 * that survives them (vim, nano) still has its edit committed.  They
	 * are blocked across the fork, so the child starts with the
	 * dispositions rf was given and rf misses none in between. */
	sigset_t both, old_mask;
	struct sigaction ignore, old_int, old_quit;
	sigemptyset(&both);
	sigaddset(&both, SIGINT);
	sigaddset(&both, SIGQUIT);
	sigprocmask(SIG_BLOCK, &both, &old_mask);
	pid_t pid = fork();
	if (pid < 0) {
		int err = errno;
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		close(report[0]);
		close(report[1]);
		errno = err;
		return rf_error_errno("fork");
	}
	if (pid == 0) {
		sigprocmask(SIG_SETMASK, &old_mask, NULL);
		close(report[0]);
		exec_editor(editor, path, report[1]);
	}
	memset(&ignore, 0, sizeof(ignore));
	ignore.sa_handler = SIG_IGN;
	sigemptyset(&ignore.sa_mask);
	sigaction(SIGINT, &ignore, &old_int);
	sigaction(SIGQUIT, &ignore, &old_quit);
	sigprocmask(SIG_SETMASK, &old_mask, NULL);
	close(report[1]);
	int exec_errno = 0;
	ssize_t got;
	while ((got = read(report[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
		;
	close(report[0]);
	int status, waited;
	while ((waited = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	int err = errno;
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	if (waited < 0) {
		errno = err;
		return rf_error_errno("waitpid");
	}
	if (got == (ssize_t)sizeof exec_errno)
		return rf_error("cannot run editor '%s': %s (set VISUAL or EDITOR); %s", editor,
				strerror(exec_errno), aftermath);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return rf_error("editor '%s' exited with status %d; %s", editor, WEXITSTATUS(status), aftermath);
	return rf_error("editor '%s' was killed by signal %d; %s", editor, WTERMSIG(status), aftermath);
}
