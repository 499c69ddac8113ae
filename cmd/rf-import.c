/* rf-import: a spreadsheet of programs in, as notes, in one commit. */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"
#include "import.h"
#include "init.h"
#include "record.h"
#include "session.h"

enum { OPT_MAP = RF_OPT_LONG, OPT_DRY_RUN, OPT_DELIMITER };

static const struct rf_option options[] = {
	{ 'f', "force", NULL, "accept keys and answers the template does not know" },
	{ OPT_MAP, "map", "FILE", "headings of the sheet's own, mapped to keys ([columns] in FILE)" },
	{ OPT_DRY_RUN, "dry-run", NULL, "show what would change, per program and key; write nothing" },
	{ OPT_DELIMITER, "delimiter", "C", "the cell separator: ',', ';', 'tab'... (default: detected)" },
	{ 0 },
};

struct opts {
	const char *map;
	int dry_run, force;
	char delim;
};

struct input {
	struct rf_buf data;
	struct rf_sheet sheet;
	struct rf_sheetmap map;
	struct rf_newnote nn;
	struct rf_import im;
};

/* Read and parse what does not need the notes directory, before taking
 * its writer lock (standard input may take its time). */
static int read_input(struct input *in, const struct opts *o, const char *path, const char *label)
{
	if (!strcmp(path, "-") ? rf_read_fd(0, &in->data) < 0 && rf_error_errno("standard input") < 0
			       : rf_read_file(path, &in->data) < 0)
		return -1;
	if (rf_sheet_parse(&in->sheet, label, in->data.buf ? in->data.buf : "", in->data.len, o->delim) < 0 ||
	    (o->map && rf_sheetmap_load(&in->map, o->map) < 0))
		return -1;
	return rf_newnote_load(&in->nn, NULL);
}

static int import(struct rf_session *s, const struct opts *o, struct input *in, const char *label,
		  const char *title)
{
	struct stat sb;
	struct rf_init_report created;
	int exists = stat(s->dir, &sb) == 0;
	if (!exists && !o->dry_run && rf_init_notes(s->dir, &created) < 0)
		return -1;
	if ((exists || !o->dry_run) && rf_session_open(s, o->dry_run ? RF_SESSION_DIR : RF_SESSION_WRITE) < 0)
		return -1;
	struct rf_import_input ii = { &in->sheet, o->map ? &in->map : NULL, &in->nn,
				      s->opened & RF_SESSION_DIR ? &s->nd : NULL, o->force };
	if (rf_import_plan(&in->im, label, title, &ii) < 0)
		return -1;
	char *subject = rf_import_subject(&in->im);
	int committed = 0, r = 0;
	if (o->dry_run) {
		FILE *out = rf_session_output(s, 1);
		rf_import_print(&in->im, out, rf_session_colour(s));
		fprintf(out, "%s (dry run: nothing written)\n", subject);
		free(subject);
		return 0;
	}
	if (in->im.n) {
		struct rf_notesdir_file *files = rf_xcalloc(in->im.n, sizeof(*files));
		for (size_t i = 0; i < in->im.n; i++) {
			const struct rf_import_note *n = &in->im.v[i];
			files[i] = (struct rf_notesdir_file){ n->file, n->text.buf, n->text.len, n->created };
		}
		rf_import_warn_uncommitted(&in->im, &s->nd, &s->st);
		char *msg = rf_import_message(&in->im);
		r = rf_record_files(&s->st, &s->nd, files, in->im.n, msg, &committed);
		free(msg);
		free(files);
	}
	if (r == 0) {
		printf("%s\n", subject);
		if (in->im.joined.n)
			printf("line breaks joined with spaces in %zu cell%s (a note's answer is one line)\n",
			       in->im.joined.n, in->im.joined.n == 1 ? "" : "s");
		if (!committed)
			printf("nothing to commit\n");
	}
	free(subject);
	return r;
}

static int option(struct rf_cli *cli, int id)
{
	struct opts *o = cli->opts;
	switch (id) {
	case 'f': o->force = 1; break;
	case OPT_MAP: o->map = cli->arg; break;
	case OPT_DRY_RUN: o->dry_run = 1; break;
	case OPT_DELIMITER: return rf_sheet_delimiter(cli->arg, &o->delim);
	}
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	const struct opts *o = cli->opts;
	const char *path = cli->noperands ? cli->operands[0] : "-";
	int stdin_ = !strcmp(path, "-");
	if (stdin_ && isatty(0))
		return rf_cli_usage_error(cli, "the sheet comes from standard input, which is a terminal: "
					  "name a FILE, or pipe one in");
	const char *slash = strrchr(path, '/');
	const char *label = stdin_ ? "stdin" : path, *title = stdin_ ? "stdin" : slash ? slash + 1 : path;
	struct input in;
	memset(&in, 0, sizeof(in));
	int r = read_input(&in, o, path, label) == 0 && import(s, o, &in, label, title) == 0 ? RF_OK : RF_FAIL;
	rf_import_free(&in.im);
	rf_newnote_free(&in.nn);
	rf_sheetmap_free(&in.map);
	rf_sheet_free(&in.sheet);
	rf_buf_free(&in.data);
	return r;
}

static const struct rf_command command = {
	.usage = "rf-import [-C DIR] [-f] [--map FILE] [--dry-run] [--delimiter C] [FILE|-]",
	.about = "Import a spreadsheet saved as CSV or TSV: one row per program, matched to its note\n"
		 "(slug column, slug of the name, exact name) or made a new note, all answers in one\n"
		 "commit or none.  Without FILE, or with -, the sheet is read from standard input.",
	.options = options,
	.max_operands = 1,
	.flags = RF_CLI_NO_DASHED,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	struct opts o = { NULL, 0, 0, 0 };
	return rf_cli_main(&command, &o, argc, argv);
}
