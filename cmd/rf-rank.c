/* rf-rank: the rank order list: shown, changed, checked, and its history.
 * A subcommand reads its own options after its name, as git's do; the
 * options may also come before it. */
#include <string.h>

#include "cli.h"
#include "rankchange.h"
#include "rankview.h"
#include "session.h"

enum { OPT_AT = RF_OPT_LONG, OPT_EXPLAIN, OPT_FORMAT, OPT_LIST };

#define BIT(id) (1u << ((id) - RF_OPT_LONG))

static const struct rf_option at = { OPT_AT, "at", "REV|DATE", "the list as it was at a revision or date" };
static const struct rf_option explain = { OPT_EXPLAIN, "explain", NULL,
					  "after each finding, the NRMP rule or the article's sentence behind it" };
static const struct rf_option format = { OPT_FORMAT, "format", "FMT", "text (default), tsv, csv or json" };
static const struct rf_option list = { OPT_LIST, "list", "LIST",
				       "add, move, remove: on supplemental list LIST, not the primary list" };

/* --help lists them all; each subcommand's table holds the ones it takes. */
static const struct rf_option all_options[] = { at, explain, format, list, { 0 } };
static const struct rf_option view_options[] = { at, explain, format, { 0 } };
static const struct rf_option format_only[] = { format, { 0 } };
static const struct rf_option list_only[] = { list, { 0 } };

struct opts {
	const char *list, *at;
	int explain;
	enum rf_format format;
	unsigned given;	/* BIT(option) for each option given */
};

static int option(struct rf_cli *cli, int id)
{
	struct opts *o = cli->opts;
	o->given |= BIT(id);
	switch (id) {
	case OPT_AT: o->at = cli->arg; break;
	case OPT_EXPLAIN: o->explain = 1; break;
	case OPT_FORMAT: return rf_format_parse(cli->arg, NULL, &o->format);
	case OPT_LIST: o->list = cli->arg; break;
	}
	return 0;
}

static int view(struct rf_session *s, struct opts *o, char **args, int nargs, int what)
{
	struct rf_rankview_opts v = { o->at, o->explain, o->format, args, nargs };
	int r = what == 'd' ? rf_rankview_diff(s, &v) : what == 'l' ? rf_rankview_log(s, &v)
			: rf_rankview_show(s, &v, what == 'c');
	/* show answers 0 whatever it found; check and diff say yes or no. */
	return r < 0 ? RF_FAIL : what == 's' || what == 'l' ? RF_OK : r ? RF_NO : RF_OK;
}

static int show(struct rf_session *s, struct opts *o, char **a, int n) { return view(s, o, a, n, 's'); }
static int check(struct rf_session *s, struct opts *o, char **a, int n) { return view(s, o, a, n, 'c'); }
static int log_(struct rf_session *s, struct opts *o, char **a, int n) { return view(s, o, a, n, 'l'); }
static int diff(struct rf_session *s, struct opts *o, char **a, int n) { return view(s, o, a, n, 'd'); }

static int change(struct rf_session *s, struct opts *o, char **args, int nargs, enum rf_rankop op)
{
	struct rf_rankchange c = { op, o->list, args, nargs };
	return rf_rankchange_run(s, &c) == 0 ? RF_OK : RF_FAIL;
}

static int add(struct rf_session *s, struct opts *o, char **a, int n) { return change(s, o, a, n, RF_RANKOP_ADD); }
static int move(struct rf_session *s, struct opts *o, char **a, int n) { return change(s, o, a, n, RF_RANKOP_MOVE); }
static int rm(struct rf_session *s, struct opts *o, char **a, int n) { return change(s, o, a, n, RF_RANKOP_REMOVE); }
static int attach(struct rf_session *s, struct opts *o, char **a, int n) { return change(s, o, a, n, RF_RANKOP_ATTACH); }
static int detach(struct rf_session *s, struct opts *o, char **a, int n) { return change(s, o, a, n, RF_RANKOP_DETACH); }

static int edit(struct rf_session *s, struct opts *o, char **a, int n)
{
	(void)o;
	(void)a;
	(void)n;
	return rf_rankchange_edit(s) == 0 ? RF_OK : RF_FAIL;
}

#define VIEW "[--at REV|DATE] [--explain] [--format text|tsv|csv|json]"
#define FMT "[--format text|tsv|csv|json]"

struct sub {
	const char *name;
	const char *what;	/* for the list of subcommands in --help */
	unsigned takes;		/* BIT() of the options it takes */
	struct rf_command cmd;	/* its usage line, options and operands */
	int (*run)(struct rf_session *s, struct opts *o, char **args, int nargs);
};

#define SUB(usage, about, opts, min, max) \
	{ usage, about, opts, min, max, RF_CLI_NO_DASHED, NULL, option, NULL }

static const struct sub subs[] = {
	{ "show", "the lists, each program's risk and marks, then the findings (default)",
	  BIT(OPT_AT) | BIT(OPT_EXPLAIN) | BIT(OPT_FORMAT),
	  SUB("rf-rank [-C DIR] [show] " VIEW, "Show the rank lists and their findings.", view_options, 0, 0), show },
	{ "check", "the findings alone: exit 0 when there are none, 1 when there are", BIT(OPT_AT) | BIT(OPT_EXPLAIN) | BIT(OPT_FORMAT),
	  SUB("rf-rank [-C DIR] check " VIEW, "Check the rank lists: exit 0 when clean, 1 with findings.", view_options,
	      0, 0), check },
	{ "add", "put PROGRAM on a list, last or at rank N", BIT(OPT_LIST),
	  SUB("rf-rank [-C DIR] add [--list LIST] PROGRAM [N]", "Put PROGRAM on a list, last or at rank N; commit.",
	      list_only, 1, 2), add },
	{ "move", "move PROGRAM to rank N", BIT(OPT_LIST),
	  SUB("rf-rank [-C DIR] move [--list LIST] PROGRAM N", "Move PROGRAM to rank N; commit.", list_only, 2, 2), move },
	{ "remove", "take PROGRAM off a list", BIT(OPT_LIST),
	  SUB("rf-rank [-C DIR] remove [--list LIST] PROGRAM", "Take PROGRAM off a list; commit.", list_only, 1, 1), rm },
	{ "attach", "attach supplemental list LIST to advanced programs", 0,
	  SUB("rf-rank [-C DIR] attach LIST ADVANCED...", "Attach supplemental list LIST to advanced programs; commit.",
	      NULL, 2, -1), attach },
	{ "detach", "detach supplemental list LIST from advanced programs", 0,
	  SUB("rf-rank [-C DIR] detach LIST ADVANCED...", "Detach supplemental list LIST from advanced programs; "
	      "commit.", NULL, 2, -1), detach },
	{ "edit", "edit ranks.txt in $VISUAL or $EDITOR, then check and commit it", 0,
	  SUB("rf-rank [-C DIR] edit", "Edit the list file, then check and commit it.", NULL, 0, 0), edit },
	{ "log", "every version of the list, newest first, with its moves", BIT(OPT_FORMAT),
	  SUB("rf-rank [-C DIR] log " FMT, "Every version of the list, newest first, with its moves.", format_only, 0, 0),
	  log_ },
	{ "diff", "two versions side by side, with the risk then and now", BIT(OPT_FORMAT),
	  SUB("rf-rank [-C DIR] diff " FMT " [REV [REV]]", "Two versions of the list side by side: exit 1 when they "
	      "differ.", format_only, 0, 2), diff },
};
enum { NSUBS = sizeof(subs) / sizeof(subs[0]) };

static void list_subcommands(FILE *out)
{
	fprintf(out, "\nSubcommands (their options go after their name, or before it):\n");
	for (size_t i = 0; i < NSUBS; i++)
		fprintf(out, "  %-7s %s\n", subs[i].name, subs[i].what);
	fprintf(out, "\nThe list is ranks.txt in the notes directory: one program per line; rf-rank(1).\n");
}

static const struct rf_command command = {
	.usage = "rf-rank [-C DIR] [show] " VIEW "\n"
		 "rf-rank [-C DIR] check " VIEW "\n"
		 "rf-rank [-C DIR] add [--list LIST] PROGRAM [N]\n"
		 "rf-rank [-C DIR] move [--list LIST] PROGRAM N\n"
		 "rf-rank [-C DIR] remove [--list LIST] PROGRAM\n"
		 "rf-rank [-C DIR] attach LIST ADVANCED...\n"
		 "rf-rank [-C DIR] detach LIST ADVANCED...\n"
		 "rf-rank [-C DIR] edit\n"
		 "rf-rank [-C DIR] log " FMT "\n"
		 "rf-rank [-C DIR] diff " FMT " [REV [REV]]",
	.about = "The rank order list (ranks.txt): shown, changed one commit at a time, checked\n"
		 "against the NRMP's rules and the article's advice, and every version of it.",
	.options = all_options,
	.max_operands = -1,
	.more_help = list_subcommands,
	.option = option,
};

int main(int argc, char **argv)
{
	struct opts o = { NULL, NULL, 0, RF_FORMAT_TEXT, 0 };
	struct rf_cli cli, sub = { 0 };
	struct rf_session s;
	const char *dir;
	if (rf_cli_parse(&cli, &command, &o, argc, argv) == RF_CLI_EXIT)
		return cli.status;
	size_t k = 0;
	while (cli.noperands && k < NSUBS && strcmp(subs[k].name, cli.operands[0]) != 0)
		k++;
	if (k == NSUBS) {
		rf_error("'%s' is not an rf-rank subcommand (show, check, add, move, remove, attach, detach, edit, "
			 "log, diff); see 'rf-rank --help'", cli.operands[0]);
		return rf_cli_finish(RF_FAIL);
	}
	dir = cli.dir;
	if (cli.noperands) {
		/* getopt names the program by argv[0]: rf-rank, not "add". */
		cli.operands[0] = argv[0];
		if (rf_cli_parse(&sub, &subs[k].cmd, &o, cli.noperands, cli.operands) == RF_CLI_EXIT)
			return sub.status;
		dir = sub.dir ? sub.dir : dir;
	}
	for (int id = OPT_AT; id <= OPT_LIST; id++)
		if ((o.given & BIT(id)) && !(subs[k].takes & BIT(id))) {
			rf_error("--%s does not go with %s (see 'rf-rank --help')", all_options[id - OPT_AT].name, subs[k].name);
			return rf_cli_finish(RF_FAIL);
		}
	rf_session_init(&s, dir);
	return rf_session_finish(&s, subs[k].run(&s, &o, cli.noperands ? sub.operands : NULL,
						  cli.noperands ? sub.noperands : 0));
}
