#include "editor.h"

#include <errno.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "util.h"

int rf_editor_run(const char *path)
{
	const char *editor = getenv("VISUAL");
	if (!editor || !*editor)
		editor = getenv("EDITOR");
	if (!editor || !*editor)
		editor = "vi";
	pid_t pid = fork();
	if (pid < 0)
		return rf_error_errno("fork");
	if (pid == 0) {
		/* The command is the user's shell words; the path is passed as
		 * "$1" so no quoting of it is needed. */
		char *cmd = rf_xasprintf("%s \"$@\"", editor);
		execl("/bin/sh", "sh", "-c", cmd, editor, path, (char *)NULL);
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return rf_error_errno("waitpid");
	if (WIFEXITED(status) && WEXITSTATUS(status) == 0)
		return 0;
	if (WIFEXITED(status))
		return rf_error("editor '%s' exited with status %d; nothing committed", editor, WEXITSTATUS(status));
	return rf_error("editor '%s' was killed by signal %d; nothing committed", editor, WTERMSIG(status));
}
