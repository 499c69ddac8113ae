/* rf: run rf-NAME for "rf NAME ...", as git runs git-NAME. */
#include <errno.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "util.h"

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
	{ "import", "a spreadsheet (CSV, TSV) in as notes, in one commit" },
	{ "export", "every note out as one table (CSV, TSV, JSON)" },
	{ "rank", "the rank order list: show, change, check, its history" },
	{ "report", "the whole season on one HTML page (or its heat map as text)" },
	{ "sync", "the same notes on every device: commit, fetch, merge, push" },
};
enum { NCOMMANDS = sizeof(commands) / sizeof(commands[0]) };

static void list_commands(FILE *out)
{
	fprintf(out, "\nCommands:\n");
	for (size_t i = 0; i < NCOMMANDS; i++)
		fprintf(out, "  %-8s %s\n", commands[i].name, commands[i].what);
	fprintf(out, "\n'rf help COMMAND' shows a command's manual; 'man 7 rf' the overview.\n");
}

static const struct rf_command command = {
	.usage = "rf [-C DIR] COMMAND [ARG...] | rf help [COMMAND] | rf --version",
	.about = "Run the rf command COMMAND (the program rf-COMMAND) with the arguments.",
	.max_operands = -1,
	.more_help = list_commands,
};

/* A typo of cmd: the start of it ("sco"), or two edits away (one for a
 * short name: "sco" is not "set"). */
static int near(const char *cmd, const char *name)
{
	size_t len = strlen(name);
	return rf_edit_distance(cmd, name) <= (len <= 3 ? 1 : 2) || (len >= 2 && !strncmp(cmd, name, len));
}

/* Say that name is no rf command, with the nearest as a command line to
 * type again (git does the same for a mistyped command); how is "rf" or
 * "rf help".  Returns RF_FAIL. */
static int unknown(const char *how, const char *name)
{
	struct rf_buf hint = RF_BUF_INIT;
	size_t n = 0, k = 0;
	for (size_t i = 0; i < NCOMMANDS; i++)
		n += near(commands[i].name, name);
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (near(commands[i].name, name))
			rf_buf_addf(&hint, "%s'%s %s'", k++ ? (k == n ? " or " : ", ") : "", how, commands[i].name);
	if (n)
		rf_error("'%s' is not an rf command; did you mean %s?", name, hint.buf);
	else
		rf_error("'%s' is not an rf command; see 'rf help'", name);
	rf_buf_free(&hint);
	return RF_FAIL;
}

static int known(const char *name)
{
	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return 1;
	return 0;
}

/* Exec rf-NAME from this binary's directory first, so an uninstalled
 * build runs its own commands, then from PATH (an rf-NAME of the user's
 * own runs too, as git runs git-NAME). */
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
		unknown("rf", name);
	else
		rf_error_errno("%s", prog);
	free(prog);
	return RF_FAIL;
}

int main(int argc, char **argv)
{
	struct rf_cli cli;
	if (rf_cli_parse(&cli, &command, NULL, argc, argv) == RF_CLI_EXIT)
		return cli.status;
	if (cli.dir)
		setenv("RF_DIR", cli.dir, 1);
	if (cli.noperands == 0) {
		rf_cli_help(&command, stderr);
		return RF_FAIL;
	}
	const char *cmd = cli.operands[0];
	if (!strcmp(cmd, "help") && cli.noperands == 1) {
		rf_cli_help(&command, stdout);
		return rf_cli_finish(RF_OK);
	}
	if (!strcmp(cmd, "help")) {
		if (!known(cli.operands[1]))
			return unknown("rf help", cli.operands[1]);
		char *page = rf_xasprintf("rf-%s", cli.operands[1]);
		execlp("man", "man", page, (char *)NULL);
		rf_error_errno("man");
		free(page);
		return RF_FAIL;
	}
	if (strchr(cmd, '/'))
		return rf_cli_usage_error(&cli, "'%s' is not an rf command", cmd);
	return run(cmd, cli.operands);
}
