/* Two commits merged file by file against their base: each outcome, the
 * merged tree, the merge commit's message, and what is refused. */
#include <stdlib.h>
#include <unistd.h>

#include "treemerge.h"
#include "unit.h"

static char dir[] = "/tmp/rf-test-treemerge-XXXXXX";

static git_oid commit(git_repository *r, const char *const *files, const git_oid *parent)
{
	git_treebuilder *b;
	git_oid blob, tree_id, id;
	git_tree *tree;
	git_signature *sig;
	git_commit *p = NULL;
	git_treebuilder_new(&b, r, NULL);
	for (size_t i = 0; files[i]; i += 2) {
		git_blob_create_from_buffer(&blob, r, files[i + 1], strlen(files[i + 1]));
		git_treebuilder_insert(NULL, b, files[i], &blob, GIT_FILEMODE_BLOB);
	}
	git_treebuilder_write(&tree_id, b);
	git_treebuilder_free(b);
	git_tree_lookup(&tree, r, &tree_id);
	git_signature_new(&sig, "T", "t@example.org", 1000, 0);
	if (parent)
		git_commit_lookup(&p, r, parent);
	const git_commit *ps[1] = { p };
	git_commit_create(&id, r, NULL, sig, sig, NULL, files[0], tree, p ? 1 : 0, ps);
	git_commit_free(p);
	git_signature_free(sig);
	git_tree_free(tree);
	return id;
}

/* The merged tree's file name, or "(absent)". */
static char *file_at(struct rf_store *st, const git_oid *tree_id, const char *name)
{
	git_tree *t;
	git_tree_lookup(&t, st->repo, tree_id);
	const git_tree_entry *e = git_tree_entry_byname(t, name);
	struct rf_buf b = RF_BUF_INIT;
	if (!e)
		rf_buf_adds(&b, "(absent)");
	else
		rf_store_blob(st, git_tree_entry_id(e), name, &b);
	git_tree_free(t);
	rf_buf_add(&b, "", 0);
	return rf_buf_detach(&b);
}

static int run(struct rf_store *st, const git_oid *a, const git_oid *b, struct rf_treemerge *m)
{
	git_commit *ca, *cb;
	git_commit_lookup(&ca, st->repo, a);
	git_commit_lookup(&cb, st->repo, b);
	int r = rf_treemerge_run(st, ca, cb, "origin", m);
	git_commit_free(ca);
	git_commit_free(cb);
	return r;
}

static void outcomes(struct unit *u)
{
	struct rf_store st;
	git_repository *r;
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	git_repository_init(&r, dir, 0);
	const char *base[] = { "keep.ini", "k\n", "ours.ini", "o\n", "theirs.ini", "t\n", "gone-there.ini", "g\n",
			       "gone-here.ini", "h\n", "same.ini", "s\n", "list.txt", "a\nb\nc\nd\ne\n", NULL };
	git_oid cb = commit(r, base, NULL);
	const char *ours[] = { "keep.ini", "k\n", "ours.ini", "o2\n", "theirs.ini", "t\n", "gone-there.ini", "g2\n",
			       "same.ini", "s2\n", "list.txt", "A\nb\nc\nd\ne\n", "new-here.ini", "n\n", NULL };
	git_oid co = commit(r, ours, &cb);
	const char *theirs[] = { "keep.ini", "k\n", "ours.ini", "o\n", "theirs.ini", "t2\n", "gone-here.ini", "h2\n",
				 "same.ini", "s2\n", "list.txt", "a\nb\nc\nd\nE\n", "new-there.ini", "m\n", NULL };
	git_oid ct = commit(r, theirs, &cb);
	git_repository_free(r);
	rf_store_open(&st, dir, RF_STORE_READ);

	struct rf_treemerge m;
	CHECK(u, run(&st, &co, &ct, &m) == 0);
	char *msg = rf_treemerge_message(&m, "origin");
	CHECK_STR(u, msg,
		  "sync with origin: 8 files\n\n"
		  "gone-here: deleted here, changed on origin: kept as origin has it\n"
		  "gone-there: deleted on origin, changed here: kept\n"
		  "list.txt: merged, git's line merge\n"
		  "new-here: new here\n"
		  "new-there: new on origin\n"
		  "ours: as here\n"
		  "same: the same on both sides\n"
		  "theirs: taken from origin\n");
	free(msg);
	static const char *const want[][2] = {
		{ "keep.ini", "k\n" }, { "ours.ini", "o2\n" }, { "theirs.ini", "t2\n" }, { "gone-there.ini", "g2\n" },
		{ "gone-here.ini", "h2\n" }, { "same.ini", "s2\n" }, { "list.txt", "A\nb\nc\nd\nE\n" },
		{ "new-here.ini", "n\n" }, { "new-there.ini", "m\n" },
	};
	for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
		char *s = file_at(&st, &m.tree, want[i][0]);
		CHECK_STR(u, s, want[i][1]);
		free(s);
	}
	CHECK(u, !m.fast && m.conflicts == 0);
	rf_treemerge_free(&m);

	/* Only theirs changed: the tree is theirs'. */
	CHECK(u, run(&st, &cb, &ct, &m) == 0 && m.fast);
	rf_treemerge_free(&m);
	rf_store_close(&st);
	git_libgit2_shutdown();
	unit_remove_dir(dir);
}

static void refused(struct unit *u)
{
	struct rf_store st;
	git_repository *r;
	strcpy(dir, "/tmp/rf-test-treemerge-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	git_repository_init(&r, dir, 0);
	const char *base[] = { "list.txt", "a\n", "note.ini", "[visa]\nh1b = unknown\n", NULL };
	git_oid cb = commit(r, base, NULL);
	const char *o1[] = { "list.txt", "b\n", "note.ini", "[visa]\nh1b = unknown\n", NULL };
	const char *t1[] = { "list.txt", "c\n", "note.ini", "[visa]\nh1b = unknown\n", NULL };
	git_oid co = commit(r, o1, &cb), ct = commit(r, t1, &cb);
	const char *o2[] = { "list.txt", "a\n", "note.ini", "[visa]\nh1b = no\n", NULL };
	const char *t2[] = { "list.txt", "a\n", "note.ini", "[visa]\nh1b = yes\n", NULL };
	const char *t3[] = { "list.txt", "a\n", "note.ini", "[visa\nh1b = yes\n", NULL };
	git_oid co2 = commit(r, o2, &cb), ct2 = commit(r, t2, &cb), ct3 = commit(r, t3, &cb);
	git_repository_free(r);
	rf_store_open(&st, dir, RF_STORE_READ);
	struct rf_treemerge m;
	/* A file that is not a note, whose line merge conflicts. */
	CHECK(u, run(&st, &co, &ct, &m) == -1 && m.n == 0);
	/* A note both sides changed, theirs unreadable. */
	CHECK(u, run(&st, &co2, &ct3, &m) == -1 && m.n == 0);
	/* Both readable: ours kept, theirs recorded. */
	CHECK(u, run(&st, &co2, &ct2, &m) == 0 && m.n == 1 && m.conflicts == 1);
	char *got = file_at(&st, &m.tree, "note.ini"), id[8];
	git_oid_tostr(id, sizeof(id), &ct2);
	char *want = rf_xasprintf("[visa]\nh1b = no\n\n[conflicts]\n; visa.h1b: from origin, 1970-01-01 00:16 +0000 "
				  "(%s)\nvisa.h1b = yes\n", id);
	CHECK_STR(u, got, want);
	char *msg = rf_treemerge_message(&m, "origin");
	CHECK_STR(u, msg, "sync with origin: 1 file, 1 conflict recorded\n\nnote: merged, 1 conflict recorded\n");
	free(msg);
	free(got);
	free(want);
	rf_treemerge_free(&m);
	/* rules.ini the same way; ranks.txt is not INI: git's line merge. */
	git_repository_open(&r, dir);
	const char *b4[] = { "rules.ini", "[w]\na = 1\nb = 1\n", "ranks.txt", "a\nb\nc\n", NULL };
	const char *o4[] = { "rules.ini", "[w]\na = 2\nb = 1\n", "ranks.txt", "x\nb\nc\n", NULL };
	const char *t4[] = { "rules.ini", "[w]\na = 1\nb = 3\n", "ranks.txt", "a\nb\ny\n", NULL };
	git_oid cb4 = commit(r, b4, NULL), co4 = commit(r, o4, &cb4), ct4 = commit(r, t4, &cb4);
	git_repository_free(r);
	CHECK(u, run(&st, &co4, &ct4, &m) == 0 && m.n == 2 && m.conflicts == 0);
	got = file_at(&st, &m.tree, "rules.ini");
	CHECK_STR(u, got, "[w]\na = 2\nb = 3\n");
	free(got);
	got = file_at(&st, &m.tree, "ranks.txt");
	CHECK_STR(u, got, "x\nb\ny\n");
	free(got);
	msg = rf_treemerge_message(&m, "origin");
	CHECK_STR(u, msg, "sync with origin: 2 files\n\nranks.txt: merged, git's line merge\nrules.ini: merged, answer by answer\n");
	free(msg);
	rf_treemerge_free(&m);
	rf_store_close(&st);
	git_libgit2_shutdown();
	unit_remove_dir(dir);
}

static void no_common_base(struct unit *u)
{
	struct rf_store st;
	git_repository *r;
	strcpy(dir, "/tmp/rf-test-treemerge-XXXXXX");
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	git_repository_init(&r, dir, 0);
	const char *a[] = { "profile.ini", "p\n", "a.ini", "a\n", NULL };
	const char *b[] = { "profile.ini", "p\n", "b.ini", "b\n", NULL };
	git_oid ca = commit(r, a, NULL), cb = commit(r, b, NULL);
	git_repository_free(r);
	rf_store_open(&st, dir, RF_STORE_READ);
	struct rf_treemerge m;
	CHECK(u, run(&st, &ca, &cb, &m) == 0);
	char *msg = rf_treemerge_message(&m, "usb");
	CHECK_STR(u, msg, "sync with usb: 3 files\n\na: new here\nb: new on usb\nprofile.ini: the same on both sides\n");
	free(msg);
	rf_treemerge_free(&m);
	rf_store_close(&st);
	git_libgit2_shutdown();
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, outcomes);
	RUN(&u, refused);
	RUN(&u, no_common_base);
	return UNIT_DONE(&u);
}
