/* rf: run rf-NAME for "rf NAME ...", as git runs git-NAME. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

static const char usage[] = "rf [-C DIR] COMMAND [ARG...] | rf help [COMMAND] | rf --version";

static const struct { const char *name, *what; } commands[] = {
	{ "init", "create the notes directory (git repository, profile)" },
	{ "new", "new note for a program from the template" },
	{ "edit", "edit a note in $EDITOR, then check and commit it" },
	{ "set", "change answers from the shell: rf set PROGRAM section.key=value" },
	{ "quote", "record exact words said, with today's date" },
	{ "commit", "record edits made in any editor" },
	{ "check", "lint notes, rules and profile" },
	{ "score", "rank programs by red-flag risk" },
	{ "ask", "questions still unanswered for a program" },
	{ "log", "how a program's note changed, commit by commit" },
	{ "diff", "per-key differences between versions or programs" },
};

static void list_commands(FILE *out)
{
	fprintf(out, "usage: %s\n\nCommands:\n", usage);
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].what);
	fprintf(out, "\n'rf help COMMAND' shows a command's manual; 'man rf' the overview.\n");
}

/* Exec rf-NAME from this binary's directory first, so an uninstalled
 * build runs its own commands, then from PATH. */
static int run(const char *name, char **argv)
{
	char exe[PATH_MAX];
	char *prog = rf_xasprintf("rf-%s", name);
	argv[0] = prog;
	ssize_t n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		char *slash = strrchr(exe, '/');
		if (slash) {
			*slash = '\0';
			char *path = rf_xasprintf("%s/%s", exe, prog);
			execv(path, argv);
			free(path);
		}
	}
	execvp(prog, argv);
	if (errno == ENOENT)
		rf_error("'%s' is not an rf command; see 'rf help'", name);
	else
		rf_error_errno("%s", prog);
	free(prog);
	return RF_FAIL;
}

int main(int argc, char **argv)
{
	rf_cli_init();
	int i = 1;
	while (i < argc && !strcmp(argv[i], "-C")) {
		if (i + 1 >= argc)
			return rf_cli_usage_error(usage);
		setenv("RF_DIR", argv[i + 1], 1);
		i += 2;
	}
	if (i >= argc) {
		list_commands(stderr);
		return RF_FAIL;
	}
	const char *cmd = argv[i];
	if (!strcmp(cmd, "--version"))
		return rf_cli_finish(rf_cli_version());
	if (!strcmp(cmd, "-h") || !strcmp(cmd, "--help") || (!strcmp(cmd, "help") && i + 1 >= argc)) {
		list_commands(stdout);
		return rf_cli_finish(RF_OK);
	}
	if (!strcmp(cmd, "help")) {
		char *page = rf_xasprintf("rf-%s", argv[i + 1]);
		execlp("man", "man", page, (char *)NULL);
		rf_error_errno("man");
		free(page);
		return RF_FAIL;
	}
	if (cmd[0] == '-' || strchr(cmd, '/')) {
		rf_error("unknown option or command '%s'", cmd);
		return rf_cli_usage_error(usage);
	}
	return run(cmd, argv + i);
}
