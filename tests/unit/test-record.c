/* Commit messages: what changed, per key, readable in `git log --oneline`;
 * which files a plain rf-commit looks at. */
#include <stdlib.h>
#include <unistd.h>

#include "record.h"
#include "unit.h"

/* An item for file going from text a to text b (either NULL). */
static void item(struct rf_record_item *it, const char *file, const char *a, const char *b)
{
	struct rf_note na, nb;
	memset(it, 0, sizeof(*it));
	it->file = rf_xstrdup(file);
	if (a)
		rf_note_parse(&na, file, a, strlen(a), 0);
	if (b && rf_note_parse(&nb, file, b, strlen(b), 0) < 0) {
		const struct rf_line *bad = rf_ini_first_error(&nb.ini);
		it->broken_line = bad ? bad->lineno : 1;
	}
	rf_semdiff(a ? &na : NULL, b ? &nb : NULL, &it->changes);
	it->created = !a && b;
	it->deleted = a && !b;
	if (it->created) {
		const char *n = rf_note_get(&nb, "program", "name");
		it->name = n && *n ? rf_xstrdup(n) : NULL;
	}
	if (a)
		rf_note_free(&na);
	if (b)
		rf_note_free(&nb);
}

static void item_free(struct rf_record_item *it)
{
	free(it->file);
	free(it->name);
	rf_changes_free(&it->changes);
}

static char *message(const char *verb, const char *file, const char *a, const char *b)
{
	struct rf_record_item it;
	item(&it, file, a, b);
	char *m = rf_record_message(verb, &it, 1);
	item_free(&it);
	return m;
}

static void one_key(struct unit *u)
{
	char *m = message("set", "mercy-general.ini", "[visa]\nh1b = unknown\n", "[visa]\nh1b = no\n");
	CHECK_STR(u, m, "set mercy-general: visa.h1b unknown → no\n");
	free(m);
	m = message("set", "mercy-general.ini", "[visa]\n", "[visa]\nj1 = yes\n");
	CHECK_STR(u, m, "set mercy-general: visa.j1 (none) → yes\n");
	free(m);
	m = message("edit", "mercy-general.ini", "[visa]\nj1 = yes\n", "[visa]\n");
	CHECK_STR(u, m, "edit mercy-general: visa.j1 yes → (none)\n");
	free(m);
	m = message("set", "x.ini", "[program]\nrank =\n", "[program]\nrank = 2\n");
	CHECK_STR(u, m, "set x: program.rank \"\" → 2\n");
	free(m);
}

static void several_keys_fit_or_go_to_the_body(struct unit *u)
{
	char *m = message("set", "x.ini", "[visa]\nh1b = unknown\nj1 = unknown\n", "[visa]\nh1b = no\nj1 = yes\n");
	CHECK_STR(u, m, "set x: visa.h1b unknown → no, visa.j1 unknown → yes\n");
	free(m);
	m = message("set", "mercy-general.ini", "[visa]\nh1b = unknown\nj1 = unknown\nlegal_support = unknown\n",
		    "[visa]\nh1b = no\nj1 = yes\nlegal_support = vague\n");
	CHECK_STR(u, m,
		  "set mercy-general: 3 changes\n\nvisa.h1b unknown → no\nvisa.j1 unknown → yes\n"
		  "visa.legal_support unknown → vague\n");
	free(m);
}

static void long_values_are_cut_in_the_phrase(struct unit *u)
{
	char *m = message("quote", "x.ini", "[quotes]\n",
			  "[quotes]\n2026-12-05 pd = We've never sponsored an H-1B for IR before, but we could try\n");
	CHECK_STR(u, m, "quote x: quotes.2026-12-05 pd (none) → We've never sponsored an H-1B for IR be…\n");
	free(m);
	/* Never inside a UTF-8 character. */
	m = message("set", "x.ini", "[notes]\n", "[notes]\nt = aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaé and more\n");
	CHECK_STR(u, m, "set x: notes.t (none) → aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa…\n");
	free(m);
}

static void created_deleted_and_layout(struct unit *u)
{
	char *m = message("new", "mercy-general.ini", NULL, "[program]\nname = Mercy General\n");
	CHECK_STR(u, m, "new mercy-general: Mercy General\n");
	free(m);
	m = message("init", "profile.ini", NULL, "[applicant]\n");
	CHECK_STR(u, m, "init profile: created\n");
	free(m);
	m = message("edit", "x.ini", "[a]\nk = v\n", NULL);
	CHECK_STR(u, m, "edit x: deleted\n");
	free(m);
	m = message("edit", "x.ini", "[a]\nk = v\n", "; note\n[a]\nk  =  v ; why\n");
	CHECK_STR(u, m, "edit x: comments and layout only\n");
	free(m);
	m = message("edit", "x.ini", "[a]\nk = v\n", "[a]\nk = v\nno equals sign\n");
	CHECK_STR(u, m, "edit x: does not parse (line 3)\n");
	free(m);
	m = message("edit", "x.ini", "[a]\nk = v\n", "[a]\nk = w\nbad\n");
	CHECK_STR(u, m, "edit x: a.k v → w, does not parse (line 3)\n");
	free(m);
	/* A duplicate that iniparser ignores is no change of answer. */
	m = message("edit", "x.ini", "[a]\nk = v\n", "[a]\nk = old\nk = v\n");
	CHECK_STR(u, m, "edit x: comments and layout only\n");
	free(m);
}

static void several_notes(struct unit *u)
{
	struct rf_record_item it[3];
	item(&it[0], "a.ini", "[visa]\nh1b = unknown\nj1 = no\n", "[visa]\nh1b = no\nj1 = yes\n");
	item(&it[1], "b.ini", NULL, "[program]\nname = B Hospital\n");
	item(&it[2], "c.ini", "[visa]\n", NULL);
	char *m = rf_record_message("edit", it, 3);
	CHECK_STR(u, m,
		  "edit 3 notes\n\na: visa.h1b unknown → no\na: visa.j1 no → yes\nb: B Hospital\nc: deleted\n");
	free(m);
	for (size_t i = 0; i < 3; i++)
		item_free(&it[i]);
}

/* HEAD has a, b, c, Upper (a note git added), the profile and a text file;
 * since then c, Upper and the profile were deleted, d and rules added. */
static void files_a_plain_commit_looks_at(struct unit *u)
{
	char dir[] = "/tmp/rf-test-record-XXXXXX";
	int created;
	if (!mkdtemp(dir) || rf_store_init(dir, &created) < 0)
		abort();
	struct rf_notesdir nd;
	struct rf_store st;
	CHECK(u, rf_notesdir_open(&nd, dir) == 0 && rf_store_open(&st, dir, RF_STORE_WRITE) == 0);
	const struct rf_store_change head[] = { { .path = "a.ini", .data = "[x]\n", .len = 4 },
						{ .path = "b.ini", .data = "[x]\n", .len = 4 },
						{ .path = "c.ini", .data = "[x]\n", .len = 4 },
						{ .path = "Upper.ini", .data = "[x]\n", .len = 4 },
						{ .path = "profile.ini", .data = "[x]\n", .len = 4 },
						{ .path = "notes.txt", .data = "x\n", .len = 2 } };
	for (size_t i = 0; i < 6; i++)
		rf_notesdir_write(&nd, head[i].path, head[i].data, head[i].len, 0);
	CHECK(u, rf_store_commit(&st, head, 6, "head", NULL) == 1);
	rf_notesdir_write(&nd, "d.ini", "[x]\n", 4, 0);
	rf_notesdir_write(&nd, "rules.ini", "[x]\n", 4, 0);
	CHECK(u, unlinkat(nd.fd, "c.ini", 0) == 0 && unlinkat(nd.fd, "Upper.ini", 0) == 0 &&
			 unlinkat(nd.fd, "profile.ini", 0) == 0);
	struct rf_strv files = RF_STRV_INIT;
	CHECK(u, rf_record_worktree_files(&st, &nd, &files) == 0);
	struct rf_buf got = RF_BUF_INIT;
	for (size_t i = 0; i < files.n; i++)
		rf_buf_addf(&got, "%s ", files.v[i]);
	CHECK_STR(u, got.buf, "Upper.ini a.ini b.ini c.ini d.ini profile.ini rules.ini ");
	rf_buf_free(&got);
	rf_strv_free(&files);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	unit_remove_dir(dir);
}

/* rf-edit's merge: the note committed while the editor was open (by
 * rf_record_text, as rf-set does) is merged with what the editor saved. */
static void an_edit_merges_what_was_committed_meanwhile(struct unit *u)
{
	char dir[] = "/tmp/rf-test-record-XXXXXX";
	int created, committed;
	if (!mkdtemp(dir) || rf_store_init(dir, &created) < 0)
		abort();
	struct rf_notesdir nd;
	struct rf_store st;
	struct rf_record_snapshot snap;
	const char *v1 = "[visa]\nh1b = unknown\n\n[culture]\nstaff_tone = unknown\n";
	CHECK(u, rf_notesdir_open(&nd, dir) == 0 && rf_store_open(&st, dir, RF_STORE_WRITE) == 0);
	CHECK(u, rf_record_text(&st, &nd, "new", "a.ini", v1, strlen(v1), 1, &committed) == 0 && committed);
	/* Unchanged HEAD: the editor's text is recorded as it is. */
	CHECK(u, rf_record_snapshot(&st, &nd, "a.ini", &snap) == 0);
	const char *v2 = "[visa]\nh1b = no\n\n[culture]\nstaff_tone = unknown\n";
	rf_notesdir_write(&nd, "a.ini", v2, strlen(v2), 0);
	CHECK(u, rf_record_edited(&st, &nd, &snap, &committed) == 0 && committed);
	rf_record_snapshot_free(&snap);
	/* HEAD moves while the editor has v2 open: both changes end up there. */
	CHECK(u, rf_record_snapshot(&st, &nd, "a.ini", &snap) == 0);
	const char *other = "[visa]\nh1b = no\n\n[culture]\nstaff_tone = hostile\n";
	CHECK(u, rf_record_text(&st, &nd, "set", "a.ini", other, strlen(other), 0, &committed) == 0 && committed);
	const char *saved = "[visa]\nh1b = yes\n\n[culture]\nstaff_tone = unknown\n";
	rf_notesdir_write(&nd, "a.ini", saved, strlen(saved), 0);
	CHECK(u, rf_record_edited(&st, &nd, &snap, &committed) == 0 && committed);
	struct rf_buf b = RF_BUF_INIT;
	int missing;
	CHECK(u, rf_store_read(&st, NULL, "a.ini", &b, &missing) == 0 && !missing);
	CHECK_STR(u, b.buf, "[visa]\nh1b = yes\n\n[culture]\nstaff_tone = hostile\n");
	CHECK(u, rf_notesdir_read(&nd, "a.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, "[visa]\nh1b = yes\n\n[culture]\nstaff_tone = hostile\n");
	rf_record_snapshot_free(&snap);
	/* The editor saves a line iniparser rejects: merged line by line, and
	 * committed (with the usual warning) when that is clean... */
	CHECK(u, rf_record_snapshot(&st, &nd, "a.ini", &snap) == 0);
	const char *v3 = "[visa]\nh1b = yes\n\n[culture]\nstaff_tone = respectful\n";
	CHECK(u, rf_record_text(&st, &nd, "set", "a.ini", v3, strlen(v3), 0, &committed) == 0 && committed);
	const char *broken = "[visa]\nh1b = yes\nthe PD said no\n\n[culture]\nstaff_tone = hostile\n";
	rf_notesdir_write(&nd, "a.ini", broken, strlen(broken), 0);
	printf("# an expected warning follows\n");
	CHECK(u, rf_record_edited(&st, &nd, &snap, &committed) == 0 && committed);
	CHECK(u, rf_store_read(&st, NULL, "a.ini", &b, &missing) == 0);
	CHECK_STR(u, b.buf, "[visa]\nh1b = yes\nthe PD said no\n\n[culture]\nstaff_tone = respectful\n");
	rf_record_snapshot_free(&snap);
	/* ... and not committed at all when it conflicts. */
	CHECK(u, rf_record_snapshot(&st, &nd, "a.ini", &snap) == 0);
	const char *v4 = "[visa]\nh1b = no\nthe PD said no\n\n[culture]\nstaff_tone = respectful\n";
	CHECK(u, rf_record_text(&st, &nd, "set", "a.ini", v4, strlen(v4), 0, &committed) == 0 && committed);
	const char *mine = "[visa]\nh1b = vague\nthe PD said no\n\n[culture]\nstaff_tone = respectful\n";
	rf_notesdir_write(&nd, "a.ini", mine, strlen(mine), 0);
	printf("# an expected error follows\n");
	CHECK(u, rf_record_edited(&st, &nd, &snap, &committed) < 0 && !committed);
	CHECK(u, rf_notesdir_read(&nd, "a.ini", &b, NULL) == 0);
	CHECK_STR(u, b.buf, mine);
	rf_record_snapshot_free(&snap);
	rf_buf_free(&b);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, files_a_plain_commit_looks_at);
	RUN(&u, an_edit_merges_what_was_committed_meanwhile);
	RUN(&u, one_key);
	RUN(&u, several_keys_fit_or_go_to_the_body);
	RUN(&u, long_values_are_cut_in_the_phrase);
	RUN(&u, created_deleted_and_layout);
	RUN(&u, several_notes);
	return UNIT_DONE(&u);
}
