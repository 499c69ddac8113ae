/* Planning an import: rows matched to notes, counts, the message, and a
 * plan refused whole; a new note's first text (newnote.h); the table
 * rf-export makes of notes (export.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "import.h"
#include "unit.h"

static char dir[] = "/tmp/rf-test-import-XXXXXX";
static struct rf_newnote nn;

static void put(const char *name, const char *text, size_t len)
{
	char *p = rf_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	if (f) {
		fwrite(text, 1, len, f);
		fclose(f);
	}
	free(p);
}

static int plan(struct rf_import *im, const char *csv, int force)
{
	struct rf_sheet sh;
	struct rf_notesdir nd;
	int r = -1;
	if (rf_sheet_parse(&sh, "s.csv", csv, strlen(csv), 0) == 0 && rf_notesdir_open(&nd, dir) == 0) {
		struct rf_import_input in = { &sh, NULL, &nn, &nd, force };
		r = rf_import_plan(im, "s.csv", "s.csv", &in);
		rf_notesdir_close(&nd);
	}
	rf_sheet_free(&sh);
	return r;
}

static void new_notes_from_the_template(struct unit *u)
{
	struct rf_buf b = RF_BUF_INIT;
	struct rf_edit_kv kv[] = { { "visa", "h1b", "no" }, { "program", "created", "2020-01-01" } };
	CHECK(u, rf_newnote_text(&nn, "x.ini", "Mercy General", kv, 2, &b) == 0);
	CHECK(u, strstr(b.buf, "\nname = Mercy General\n") && strstr(b.buf, "\nh1b = no\n") &&
		 strstr(b.buf, "\ncreated = 2020-01-01\n"));
	CHECK(u, strlen(nn.today) == 10);
	put("mercy-general.ini", b.buf, b.len);
	rf_buf_free(&b);
}

static void plans_new_changed_and_unchanged(struct unit *u)
{
	struct rf_import im;
	int r = plan(&im, "name,h1b,j1\nMercy General,No,no\nLakeside,,\nMercy West,?,\n", 0);
	CHECK(u, r == 0);
	CHECK(u, im.created == 2 && im.changed == 1 && im.unchanged == 0 && im.answers == 1);
	CHECK(u, im.n == 3 && !im.v[0].created && !strcmp(im.v[0].slug, "mercy-general") && im.v[0].line == 2);
	CHECK(u, im.v[1].created && !strcmp(im.v[1].name, "Lakeside"));
	char *s = rf_import_subject(&im);
	CHECK_STR(u, s, "import s.csv: 2 new, 1 changed (1 answer), 0 unchanged");
	free(s);
	s = rf_import_message(&im);
	CHECK_STR(u, s, "import s.csv: 2 new, 1 changed (1 answer), 0 unchanged\n\n"
			"mercy-general: visa.j1 unknown → no\nnew lakeside: Lakeside\nnew mercy-west: Mercy West\n");
	free(s);
	rf_import_free(&im);
	/* Already so: unchanged, also when the note holds what the sheet says
	 * in other words. */
	CHECK(u, plan(&im, "slug,visa.h1b\nmercy-general,NO\n", 0) == 0 && im.unchanged == 1 && im.n == 0);
	rf_import_free(&im);
}

static void refuses_the_whole_plan(struct unit *u)
{
	struct rf_import im;
	CHECK(u, plan(&im, "name,h1b\nA,maybe\nB,yes\n", 0) < 0);
	rf_import_free(&im);
	CHECK(u, plan(&im, "name,h1b\nA,maybe\n", 1) == 0 && im.created == 1);
	rf_import_free(&im);
	CHECK(u, plan(&im, "h1b\nyes\n", 0) < 0);	/* no name, no slug */
	rf_import_free(&im);
	CHECK(u, plan(&im, "slug,name\nNot A Slug,x\n", 0) < 0);
	rf_import_free(&im);
	CHECK(u, plan(&im, "name,,h1b\nA,stray,yes\n", 0) < 0);	/* a value under no heading */
	rf_import_free(&im);
	CHECK(u, plan(&im, "name\n", 0) < 0);
	rf_import_free(&im);
}

static void exports_a_table(struct unit *u)
{
	struct rf_notesdir nd;
	struct rf_export ex;
	struct rf_strv slugs = RF_STRV_INIT;
	struct rf_table tb;
	put("b-note.ini", "[program]\nname = B\n[quotes]\n2026-12-05 pd = we try\n[zeta]\nk = 1\n[img]\nmine = 2\n",
	    78);
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	CHECK(u, rf_export_load(&ex, &nd, NULL, NULL, &slugs) == 0 && ex.n == 2);
	rf_export_table(&ex, &nn.t, &tb);
	CHECK_STR(u, tb.names[0], "slug");
	CHECK_STR(u, tb.names[1], "program.name");
	/* After the template's keys: other keys by template section order,
	 * sections it lacks last. */
	CHECK_STR(u, tb.names[tb.ncols - 3], "img.mine");
	CHECK_STR(u, tb.names[tb.ncols - 2], "quotes.2026-12-05 pd");
	CHECK_STR(u, tb.names[tb.ncols - 1], "zeta.k");
	CHECK(u, tb.nrows == 2);
	CHECK_STR(u, tb.cells[0], "b-note");
	CHECK(u, tb.cells[2] == NULL);	/* b-note has no program.track */
	CHECK_STR(u, tb.cells[tb.ncols + 1], "Mercy General");
	CHECK(u, tb.cells[2 * tb.ncols - 1] == NULL);
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	rf_export_print(&tb, RF_FORMAT_TSV, 1, out);
	fclose(out);
	CHECK(u, len > 3 && !memcmp(buf, "\xEF\xBB\xBFslug\tprogram.name\t", 21));
	free(buf);
	rf_table_free(&tb);
	rf_export_free(&ex);
	rf_notesdir_close(&nd);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	if (!mkdtemp(dir) || rf_newnote_load(&nn, "templates/program.ini") < 0)
		return 1;
	RUN(&u, new_notes_from_the_template);
	RUN(&u, plans_new_changed_and_unchanged);
	RUN(&u, refuses_the_whole_plan);
	RUN(&u, exports_a_table);
	rf_newnote_free(&nn);
	unit_remove_dir(dir);
	return UNIT_DONE(&u);
}
