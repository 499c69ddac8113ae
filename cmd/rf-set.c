/* rf-set: change answers in a note from the shell, keeping its layout. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "edit.h"
#include "notesdir.h"
#include "record.h"
#include "store.h"
#include "template.h"

static const char usage[] = "rf-set [-C DIR] [-f] PROGRAM section.key=value...";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Set answers in a program's note and commit the change.\n\n"
	       "  -C DIR       notes directory (default $RF_DIR, else ~/rf)\n"
	       "  -f, --force  accept keys and values the template does not know\n"
	       "  -h, --help   show this help\n"
	       "      --version\n",
	       usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir_opt = NULL;
	int force = 0, c;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "+C:fh", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': dir_opt = optarg; break;
		case 'f': force = 1; break;
		case 'h': help(); return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (argc - optind < 2)
		return rf_cli_usage_error(usage);

	int status = RF_FAIL;
	char *dir = rf_notesdir_locate(dir_opt), *slug = NULL, *file = NULL, *tpath = NULL;
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_store st = { NULL, NULL, -1 };
	struct rf_template t = { NULL, NULL, 0 };
	struct rf_buf text = RF_BUF_INIT;
	struct rf_note note = { 0 };

	if (rf_notesdir_open(&nd, dir) < 0 || rf_store_open(&st, dir, RF_STORE_WRITE) < 0 ||
	    rf_notesdir_resolve(&nd, argv[optind], &slug) < 0)
		goto out;
	file = rf_xasprintf("%s.ini", slug);
	if (!(tpath = rf_share_path("program.ini")) || rf_template_load(&t, tpath) < 0)
		goto out;
	if (rf_notesdir_read(&nd, file, &text, NULL) < 0 || rf_note_parse(&note, file, text.buf, text.len, 1) < 0)
		goto out;

	if (rf_edit_assign(file, &text, argv + optind + 1, (size_t)(argc - optind - 1), force ? NULL : &t) < 0)
		goto out;
	int committed;
	if (rf_record_text(&st, &nd, "set", file, text.buf, text.len, 0, &committed) < 0)
		goto out;
	status = RF_OK;
out:
	rf_note_free(&note);
	rf_buf_free(&text);
	rf_template_free(&t);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	free(tpath);
	free(file);
	free(slug);
	free(dir);
	return rf_cli_finish(status);
}
