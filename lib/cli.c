#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "session.h"
#include "util.h"

/* Every command takes these; their ids cannot clash with a letter. */
enum { OPT_HELP = 'h', OPT_DIR = 'C', OPT_VERSION = RF_OPT_LONG + 200 };

static const struct rf_option common[] = {
	{ OPT_DIR, NULL, "DIR", "notes directory (default $RF_DIR, else ~/rf)" },
	{ OPT_HELP, "help", NULL, "show this help" },
	{ OPT_VERSION, "version", NULL, "show the version" },
};
enum { NCOMMON = sizeof(common) / sizeof(common[0]) };

static size_t count_options(const struct rf_option *v)
{
	size_t n = 0;
	while (v && v[n].id)
		n++;
	return n;
}

static void add_getopt(struct rf_cli *cli, size_t *nlong, size_t *nshort, const struct rf_option *o)
{
	if (o->id < RF_OPT_LONG) {
		cli->shortopts[(*nshort)++] = (char)o->id;
		if (o->arg)
			cli->shortopts[(*nshort)++] = ':';
	}
	if (o->name)
		cli->longopts[(*nlong)++] = (struct option){ o->name, o->arg ? required_argument : no_argument, NULL,
							     o->id };
}

void rf_cli_start(struct rf_cli *cli, const struct rf_command *cmd, int argc, char **argv)
{
	umask(077);
	/* EPIPE as an error code, not a signal, so rf_cli_finish decides. */
	signal(SIGPIPE, SIG_IGN);
	memset(cli, 0, sizeof(*cli));
	cli->cmd = cmd;
	cli->argc = argc;
	cli->argv = argv;
	/* getopt names argv[0] in its messages; run by path (a wrapper, a
	 * script, /usr/bin/rf-set) that would be a path, while every other
	 * message of rf names the command. */
	if (argc > 0)
		argv[0] = (char *)rf_progname();
	size_t nlong = 0, nshort = 0, n = count_options(cmd->options);
	if (n > RF_CLI_MAX_OPTIONS) {
		/* A table too long for the parser is a programming error that
		 * every run of the command would hit: say so at once. */
		fprintf(stderr, "%s: too many options in the command table\n", rf_progname());
		abort();
	}
	/* '+': stop at the first operand; ':' first would silence getopt, whose
	 * messages are the ones users know. */
	cli->shortopts[nshort++] = '+';
	for (size_t i = 0; i < NCOMMON; i++)
		add_getopt(cli, &nlong, &nshort, &common[i]);
	for (size_t i = 0; i < n; i++)
		add_getopt(cli, &nlong, &nshort, &cmd->options[i]);
	optind = 1;
	opterr = 1;
}

static void print_usage_lines(const char *usage, FILE *out)
{
	const char *prefix = "usage: ";
	for (const char *p = usage; *p;) {
		size_t n = strcspn(p, "\n");
		fprintf(out, "%s%.*s\n", prefix, (int)n, p);
		prefix = "       ";
		p += n + (p[n] == '\n');
	}
}

static void usage_hint(const struct rf_cli *cli)
{
	print_usage_lines(cli->cmd->usage, stderr);
	fprintf(stderr, "Try '%s --help' for more information.\n", rf_progname());
}

int rf_cli_usage_error(const struct rf_cli *cli, const char *fmt, ...)
{
	va_list ap;
	char *msg = NULL;
	va_start(ap, fmt);
	if (vasprintf(&msg, fmt, ap) < 0)
		msg = NULL;
	va_end(ap);
	rf_error("%s", msg ? msg : "usage error");
	free(msg);
	usage_hint(cli);
	return RF_FAIL;
}

/* "-f, --force", "    --at REV", "-C DIR" */
static void option_label(const struct rf_option *o, char *buf, size_t size)
{
	int n;
	if (o->id < RF_OPT_LONG && o->name)
		n = snprintf(buf, size, "-%c, --%s", o->id, o->name);
	else if (o->id < RF_OPT_LONG)
		n = snprintf(buf, size, "-%c", o->id);
	else
		n = snprintf(buf, size, "    --%s", o->name);
	if (o->arg && n >= 0 && (size_t)n < size)
		snprintf(buf + n, size - (size_t)n, " %s", o->arg);
}

void rf_cli_help(const struct rf_command *cmd, FILE *out)
{
	const struct rf_option *lists[2] = { cmd->options, common };
	size_t counts[2] = { count_options(cmd->options), NCOMMON }, width = 0;
	char label[128];
	for (size_t l = 0; l < 2; l++)
		for (size_t i = 0; i < counts[l]; i++) {
			option_label(&lists[l][i], label, sizeof(label));
			if (lists[l][i].help && strlen(label) > width)
				width = strlen(label);
		}
	print_usage_lines(cmd->usage, out);
	fprintf(out, "\n%s\n\n", cmd->about);
	/* -C first, then the command's own options, then help and version. */
	const struct rf_option *order[RF_CLI_MAX_OPTIONS + NCOMMON];
	size_t n = 0;
	order[n++] = &common[0];
	for (size_t i = 0; i < counts[0]; i++)
		order[n++] = &cmd->options[i];
	for (size_t i = 1; i < NCOMMON; i++)
		order[n++] = &common[i];
	for (size_t i = 0; i < n; i++) {
		if (!order[i]->help)
			continue;
		option_label(order[i], label, sizeof(label));
		fprintf(out, "  %-*s  %s\n", (int)width, label, order[i]->help);
	}
	if (cmd->more_help)
		cmd->more_help(out);
}

void rf_cli_version(void)
{
	printf("%s (rf) %s\n", rf_progname(), RF_VERSION);
}

/* After the options: the operands, counted, and (RF_CLI_NO_DASHED) none
 * that looks like a misplaced option. */
static int operands(struct rf_cli *cli)
{
	const struct rf_command *cmd = cli->cmd;
	cli->operands = cli->argv + optind;
	cli->noperands = cli->argc - optind;
	int after_dashes = optind > 1 && !strcmp(cli->argv[optind - 1], "--");
	for (int i = 0; (cmd->flags & RF_CLI_NO_DASHED) && !after_dashes && i < cli->noperands; i++) {
		const char *w = cli->operands[i];
		if (w[0] == '-' && w[1]) {
			rf_error("'%s' comes after an operand: options go before the operands (see '%s --help')", w,
				 rf_progname());
			cli->status = RF_FAIL;
			return RF_CLI_EXIT;
		}
	}
	if (cli->noperands < cmd->min_operands || (cmd->max_operands >= 0 && cli->noperands > cmd->max_operands)) {
		usage_hint(cli);
		cli->status = RF_FAIL;
		return RF_CLI_EXIT;
	}
	return RF_CLI_END;
}

int rf_cli_next(struct rf_cli *cli)
{
	for (;;) {
		int c = getopt_long(cli->argc, cli->argv, cli->shortopts, cli->longopts, NULL);
		cli->arg = optarg;
		switch (c) {
		case -1:
			return operands(cli);
		case OPT_DIR:
			cli->dir = optarg;
			continue;
		case OPT_HELP:
			rf_cli_help(cli->cmd, stdout);
			cli->status = rf_cli_finish(RF_OK);
			return RF_CLI_EXIT;
		case OPT_VERSION:
			rf_cli_version();
			cli->status = rf_cli_finish(RF_OK);
			return RF_CLI_EXIT;
		case '?':
		case ':':
			usage_hint(cli);	/* getopt said what was wrong */
			cli->status = RF_FAIL;
			return RF_CLI_EXIT;
		default:
			return c;
		}
	}
}

int rf_cli_finish(int status)
{
	int err = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && !err)
		err = errno ? errno : EIO;
	if (!err || err == EPIPE)
		return status;
	fprintf(stderr, "%s: write error: %s\n", rf_progname(), strerror(err));
	return RF_FAIL;
}

int rf_cli_parse(struct rf_cli *cli, const struct rf_command *cmd, void *opts, int argc, char **argv)
{
	int opt;
	rf_cli_start(cli, cmd, argc, argv);
	cli->opts = opts;
	while ((opt = rf_cli_next(cli)) > 0)
		if (cmd->option && cmd->option(cli, opt) < 0) {
			cli->status = rf_cli_finish(RF_FAIL);
			return RF_CLI_EXIT;
		}
	return opt;
}

int rf_cli_main(const struct rf_command *cmd, void *opts, int argc, char **argv)
{
	struct rf_cli cli;
	struct rf_session s;
	if (rf_cli_parse(&cli, cmd, opts, argc, argv) == RF_CLI_EXIT)
		return cli.status;
	rf_session_init(&s, cli.dir);
	return rf_session_finish(&s, cmd->run(&cli, &s));
}
