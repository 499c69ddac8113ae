/* rf-new: a new note from the template, committed. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "date.h"
#include "edit.h"
#include "editor.h"
#include "init.h"
#include "notefile.h"
#include "notesdir.h"
#include "record.h"
#include "slug.h"
#include "store.h"
#include "template.h"

static const char usage[] = "rf-new [-C DIR] [-e] [-f] [-t TEMPLATE] [-s section.key=value]... NAME";

struct opts {
	const char *dir, *template;
	int edit, force;
	struct rf_strv sets;
};

static void help(void)
{
	printf("usage: %s\n\n"
	       "Create a note for the program NAME from the template, commit it and print its path.\n\n"
	       "  -C DIR          notes directory (default $RF_DIR, else ~/rf; created if missing)\n"
	       "  -e, --edit      open $VISUAL/$EDITOR on the note before committing\n"
	       "  -f, --force     accept -s keys and values the template does not know\n"
	       "  -s, --set S.K=V set an answer (repeatable)\n"
	       "  -t, --template FILE  use FILE instead of the shipped program.ini\n"
	       "  -h, --help      show this help\n      --version\n",
	       usage);
}

static int create_note(const struct opts *o, const char *dir, const char *name)
{
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_store st = { NULL, NULL, -1 };
	struct rf_template t = { NULL, NULL, 0 };
	struct rf_buf text = RF_BUF_INIT, next = RF_BUF_INIT;
	struct rf_strv one = RF_STRV_INIT;
	char *slug = NULL, *file = NULL, *tpath = NULL, *path = NULL;
	int r = -1, created, committed, missing;
	struct rf_when now;
	char today[11];

	if (!(slug = rf_slug_from_name(name)))
		goto out;
	struct stat sb;
	if (stat(dir, &sb) < 0 && rf_init_notes(dir, &created) < 0)
		goto out;
	file = rf_notefile_name(slug);
	if (rf_notesdir_open(&nd, dir) < 0 || rf_store_open(&st, dir, RF_STORE_WRITE) < 0)
		goto out;
	if (rf_notesdir_read(&nd, file, &text, &missing) < 0)
		goto out;
	if (!missing) {
		rf_error("%s already exists (edit it with rf-edit %s)", file, slug);
		goto out;
	}
	tpath = o->template ? rf_xstrdup(o->template) : rf_share_path("program.ini");
	if (!tpath || rf_template_load(&t, tpath) < 0 || rf_read_file(tpath, &text) < 0)
		goto out;
	if (rf_date_now(&now) < 0)
		goto out;
	rf_date_ymd(&now, today);
	if (rf_edit_set(file, text.buf, text.len, "program", "name", name, &next) < 0 ||
	    rf_edit_set(file, next.buf, next.len, "program", "created", today, &text) < 0 ||
	    rf_edit_assign(file, &text, o->sets.v, o->sets.n, o->force ? NULL : &t) < 0)
		goto out;
	if (o->edit) {
		/* Write first so the editor works on the real file, then commit
		 * whatever the user saved: the note is never lost if they quit. */
		if (rf_notesdir_write(&nd, file, text.buf, text.len, 1) < 0)
			goto out;
		path = rf_xasprintf("%s/%s", dir, file);
		char *kept = rf_xasprintf("%s is kept: record it with rf-commit %s", path, slug);
		int edited = rf_editor_run(path, kept);
		free(kept);
		if (edited < 0)
			goto out;
		rf_strv_push(&one, rf_xstrdup(file));
		if (rf_record_worktree(&st, &nd, "new", &one, NULL, &committed) < 0)
			goto out;
	} else if (rf_record_text(&st, &nd, "new", file, text.buf, text.len, 1, &committed) < 0) {
		goto out;
	}
	printf("%s/%s\n", dir, file);
	r = 0;
out:
	rf_strv_free(&one);
	rf_buf_free(&text);
	rf_buf_free(&next);
	rf_template_free(&t);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	free(path);
	free(tpath);
	free(file);
	free(slug);
	return r;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "edit", no_argument, NULL, 'e' },
		{ "force", no_argument, NULL, 'f' },
		{ "set", required_argument, NULL, 's' },
		{ "template", required_argument, NULL, 't' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	struct opts o = { NULL, NULL, 0, 0, RF_STRV_INIT };
	int c;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "C:efs:t:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': o.dir = optarg; break;
		case 'e': o.edit = 1; break;
		case 'f': o.force = 1; break;
		case 's': rf_strv_push(&o.sets, rf_xstrdup(optarg)); break;
		case 't': o.template = optarg; break;
		case 'h': help(); rf_strv_free(&o.sets); return rf_cli_finish(RF_OK);
		case 'V': rf_strv_free(&o.sets); return rf_cli_finish(rf_cli_version());
		default: rf_strv_free(&o.sets); return rf_cli_usage_error(usage);
		}
	}
	if (argc - optind != 1) {
		rf_strv_free(&o.sets);
		return rf_cli_usage_error(usage);
	}
	char *dir = rf_notesdir_locate(o.dir);
	int status = create_note(&o, dir, argv[optind]) == 0 ? RF_OK : RF_FAIL;
	free(dir);
	rf_strv_free(&o.sets);
	return rf_cli_finish(status);
}
