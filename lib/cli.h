/* cli.h: how every rf command reads its command line, the same way.
 *
 * A command declares its options once, in a table that also writes its
 * --help, and loops over rf_cli_next().  -C DIR, -h/--help, --version,
 * unknown options and the operand count are handled here, so no command
 * repeats them.  Parsing stops at the first operand in every command (POSIX
 * utility syntax): what follows is an operand even when it starts with '-',
 * so `rf-quote mercy -we never sponsor` quotes "-we never sponsor".
 * Commands whose operands are programs or revisions refuse such a word
 * (RF_CLI_NO_DASHED) rather than guess. */
#ifndef RF_CLI_H
#define RF_CLI_H

#include <getopt.h>
#include <stdio.h>

/* Exit statuses: 0 success, 1 a "no" answer, 2 usage or input errors. */
enum { RF_OK = 0, RF_NO = 1, RF_FAIL = 2 };

/* Ids of options that have only a long name start here; a short option's
 * id is its letter. */
#define RF_OPT_LONG 256

struct rf_option {
	int id;			/* the letter, or RF_OPT_LONG + n */
	const char *name;	/* long name ("force"), or NULL */
	const char *arg;	/* the argument as --help names it ("DIR"); NULL: none */
	const char *help;	/* one line for --help; NULL hides the option */
};

/* An operand may not start with '-' (unless it follows "--"). */
#define RF_CLI_NO_DASHED 1u

struct rf_cli;
struct rf_session;

struct rf_command {
	const char *usage;	/* synopsis without "usage: "; lines joined by '\n' */
	const char *about;	/* what the command does, for --help */
	const struct rf_option *options;	/* the command's own, ended by { 0 } */
	int min_operands, max_operands;	/* max -1: no limit */
	unsigned flags;
	void (*more_help)(FILE *out);	/* printed after the options (may be NULL) */
	/* One of the command's own options (its argument in cli->arg, the
	 * command's state in cli->opts): 0, or -1 after reporting (exit 2). */
	int (*option)(struct rf_cli *cli, int id);
	/* The work, once the command line is read; the session has located
	 * the notes directory and opens the rest on request.  Returns the exit
	 * status (rf_session_finish then closes everything). */
	int (*run)(struct rf_cli *cli, struct rf_session *s);
};

enum { RF_CLI_MAX_OPTIONS = 32 };

/* The parser's state; the caller owns it, nothing in it is allocated. */
struct rf_cli {
	const struct rf_command *cmd;
	int argc;
	char **argv;
	const char *dir;	/* -C DIR, or NULL */
	char *arg;		/* the argument of the option just returned */
	char **operands;	/* once rf_cli_next returned RF_CLI_END */
	int noperands;
	int status;		/* the exit status once it returned RF_CLI_EXIT */
	void *opts;		/* the command's option state, lent by its main */
	struct option longopts[RF_CLI_MAX_OPTIONS + 4];
	char shortopts[3 * RF_CLI_MAX_OPTIONS + 8];
};

enum { RF_CLI_END = 0, RF_CLI_EXIT = -1 };

/* Start-up of every command (umask 077: notes are private; SIGPIPE ignored
 * so write errors reach the exit status) and the parser for cmd. */
void rf_cli_start(struct rf_cli *cli, const struct rf_command *cmd, int argc, char **argv);

/* The next option of the command's own (its id; cli->arg holds its
 * argument), RF_CLI_END when the operands begin (cli->operands, their count
 * checked), or RF_CLI_EXIT when the command must return cli->status now:
 * --help or --version printed, or a usage error reported. */
int rf_cli_next(struct rf_cli *cli);

/* rf_cli_start and rf_cli_next until the operands, each option of the
 * command's own given to cmd->option: RF_CLI_END or RF_CLI_EXIT. */
int rf_cli_parse(struct rf_cli *cli, const struct rf_command *cmd, void *opts, int argc, char **argv);

/* A command's whole main: parse (opts is the state cmd->option fills),
 * then cmd->run on a session, then rf_session_finish.  Returns the exit
 * status. */
int rf_cli_main(const struct rf_command *cmd, void *opts, int argc, char **argv);

/* A usage error the command found itself ("--explain takes no PROGRAM"):
 * "PROG: message", then the usage lines, on stderr.  Returns RF_FAIL. */
int rf_cli_usage_error(const struct rf_cli *cli, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Write the generated --help of cmd (for tests and rf help). */
void rf_cli_help(const struct rf_command *cmd, FILE *out);

/* Flush and close stdout: a write error is reported and turns status into
 * RF_FAIL; a closed pipe (rf-log | head) is not an error. */
int rf_cli_finish(int status);

/* Print "NAME (rf) VERSION" on stdout. */
void rf_cli_version(void);

#endif
