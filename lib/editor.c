#include "editor.h"

#include <errno.h>
#include <fcntl.h>
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
	pid_t pid = fork();
	if (pid < 0) {
		close(report[0]);
		close(report[1]);
		return rf_error_errno("fork");
	}
	if (pid == 0) {
		close(report[0]);
		exec_editor(editor, path, report[1]);
	}
	close(report[1]);
	int exec_errno = 0;
	ssize_t got;
	while ((got = read(report[0], &exec_errno, sizeof exec_errno)) < 0 && errno == EINTR)
		;
	close(report[0]);
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return rf_error_errno("waitpid");
	if (got == (ssize_t)sizeof exec_errno)
		return rf_error("cannot run editor '%s': %s (set VISUAL or EDITOR); %s", editor,
				strerror(exec_errno), aftermath);
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return rf_error("editor '%s' exited with status %d; %s", editor, WEXITSTATUS(status), aftermath);
	return rf_error("editor '%s' was killed by signal %d; %s", editor, WTERMSIG(status), aftermath);
}
