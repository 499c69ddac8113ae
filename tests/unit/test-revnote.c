/* A note at a version: the work tree, a commit by the name it had then,
 * each side of a history entry; on a repository made here with rf's own
 * store, with a `git mv`-style rename in its history. */
#include <stdlib.h>
#include <unistd.h>

#include "revnote.h"
#include "unit.h"
#include "worktree.h"

static const char A1[] = "[visa]\nh1b = unknown\nj1 = unknown\n[notes]\nx = 1\ny = 2\nz = 3\n";
static const char A2[] = "[visa]\nh1b = no\nj1 = unknown\n[notes]\nx = 1\ny = 2\nz = 3\n";
static const char A3[] = "[visa]\nh1b = no\nj1 = yes\n[notes]\nx = 1\ny = 2\nz = 3\n";

struct repo {
	char dir[64];
	struct rf_notesdir nd;
	struct rf_store st;
	char id[4][8];	/* the commits' short ids, oldest first */
};

/* Write the changes to the work tree (data NULL: delete) and commit them. */
static void commit(struct repo *rp, const struct rf_store_change *ch, size_t n, int k)
{
	git_oid id;
	for (size_t i = 0; i < n; i++) {
		if (ch[i].data)
			rf_notesdir_write(&rp->nd, ch[i].path, ch[i].data, ch[i].len, 0);
		else
			unlinkat(rp->nd.fd, ch[i].path, 0);
	}
	if (rf_store_commit(&rp->st, ch, n, "c", &id) != 1)
		abort();
	git_oid_tostr(rp->id[k], sizeof(rp->id[k]), &id);
}

/* a.ini created, edited, renamed to b.ini (git mv), edited; b.ini then
 * broken in the work tree. */
static void make_repo(struct repo *rp)
{
	int created;
	strcpy(rp->dir, "/tmp/rf-test-revnote-XXXXXX");
	if (!mkdtemp(rp->dir) || rf_store_init(rp->dir, &created) < 0 || rf_notesdir_open(&rp->nd, rp->dir) < 0 ||
	    rf_store_open(&rp->st, rp->dir, RF_STORE_WRITE) < 0)
		abort();
	const struct rf_store_change c0[] = { { .path = "a.ini", .data = A1, .len = sizeof(A1) - 1 } };
	const struct rf_store_change c1[] = { { .path = "a.ini", .data = A2, .len = sizeof(A2) - 1 } };
	const struct rf_store_change c2[] = { { .path = "a.ini", .data = NULL, .len = 0 },
					      { .path = "b.ini", .data = A2, .len = sizeof(A2) - 1 } };
	const struct rf_store_change c3[] = { { .path = "b.ini", .data = A3, .len = sizeof(A3) - 1 } };
	commit(rp, c0, 1, 0);
	commit(rp, c1, 1, 1);
	commit(rp, c2, 2, 2);
	commit(rp, c3, 1, 3);
	rf_notesdir_write(&rp->nd, "b.ini", "[visa\n", 6, 0);
}

static void remove_repo(struct repo *rp)
{
	rf_store_close(&rp->st);
	rf_notesdir_close(&rp->nd);
	unit_remove_dir(rp->dir);
}

/* "FILE WHERE LABEL missing broken h1b" for one loaded version. */
static char *show(const struct rf_revnote *rn)
{
	const char *h1b = rn->broken ? NULL : rf_note_get(&rn->note, "visa", "h1b");
	return rf_xasprintf("%s %s %s %d %d %s", rn->file, rn->where, rn->label, rn->missing, rn->broken,
			    h1b ? h1b : "-");
}

static void check_at(struct unit *u, struct repo *rp, const char *rev, const char *file, const char *want)
{
	struct rf_revnote rn;
	CHECK(u, rf_revnote_rev(&rn, &rp->st, rev, file) == 0);
	char *got = show(&rn);
	CHECK_STR(u, got, want);
	free(got);
	rf_revnote_free(&rn);
}

static void at_a_commit_by_the_name_it_had(struct unit *u)
{
	struct repo rp;
	char want[128];
	make_repo(&rp);
	snprintf(want, sizeof(want), "a.ini %s a.ini@%s 0 0 unknown", rp.id[0], rp.id[0]);
	check_at(u, &rp, "HEAD~3", "b.ini", want);
	snprintf(want, sizeof(want), "a.ini %s a.ini@%s 0 0 no", rp.id[1], rp.id[1]);
	check_at(u, &rp, rp.id[1], "b.ini", want);
	snprintf(want, sizeof(want), "b.ini %s b.ini@%s 0 0 no", rp.id[3], rp.id[3]);
	check_at(u, &rp, NULL, "b.ini", want);
	check_at(u, &rp, "HEAD", "b.ini", want);
	/* The old name itself, where it still is; gone at HEAD. */
	snprintf(want, sizeof(want), "a.ini %s a.ini@%s 0 0 unknown", rp.id[0], rp.id[0]);
	check_at(u, &rp, "HEAD~3", "a.ini", want);
	snprintf(want, sizeof(want), "a.ini %s a.ini@%s 1 0 -", rp.id[3], rp.id[3]);
	check_at(u, &rp, NULL, "a.ini", want);
	snprintf(want, sizeof(want), "none.ini %s none.ini@%s 1 0 -", rp.id[0], rp.id[0]);
	check_at(u, &rp, "HEAD~3", "none.ini", want);
	fprintf(stderr, "# an expected error follows\n");
	struct rf_revnote rn;
	CHECK(u, rf_revnote_rev(&rn, &rp.st, "nosuch", "b.ini") < 0);
	rf_revnote_free(&rn);
	remove_repo(&rp);
}

static void in_the_work_tree(struct unit *u)
{
	struct repo rp;
	struct rf_revnote rn;
	make_repo(&rp);
	CHECK(u, rf_revnote_worktree(&rn, &rp.nd, "b.ini") == 0);
	char *got = show(&rn);
	CHECK_STR(u, got, "b.ini working tree b.ini 0 1 -");
	free(got);
	fprintf(stderr, "# an expected error follows\n");
	CHECK(u, rf_note_report(&rn.note) < 0);
	rf_revnote_free(&rn);
	CHECK(u, rf_revnote_worktree(&rn, &rp.nd, "a.ini") == 0);
	CHECK(u, rn.missing && !strcmp(rn.label, "a.ini"));
	rf_revnote_free(&rn);
	remove_repo(&rp);
}

static void unborn_head(struct unit *u)
{
	char dir[] = "/tmp/rf-test-revnote-XXXXXX";
	int created;
	struct rf_store st;
	struct rf_revnote rn;
	if (!mkdtemp(dir) || rf_store_init(dir, &created) < 0 || rf_store_open(&st, dir, RF_STORE_READ) < 0)
		abort();
	CHECK(u, rf_revnote_at(&rn, &st, NULL, "a.ini") == 0);
	char *got = show(&rn);
	CHECK_STR(u, got, "a.ini (no commit) a.ini@(no commit) 1 0 -");
	free(got);
	rf_revnote_free(&rn);
	rf_store_close(&st);
	unit_remove_dir(dir);
}

/* Both sides of every entry of b.ini's history, newest first. */
static void sides_of_history_entries(struct unit *u)
{
	struct repo rp;
	struct rf_history h = { 0 };
	struct rf_buf all = RF_BUF_INIT;
	char *head = NULL;
	make_repo(&rp);
	CHECK(u, rf_worktree_changes(&rp.st, &rp.nd, "b.ini", &h, &head) == 0 &&
			 rf_history_walk(&rp.st, head, &h) == 0);
	for (size_t i = 0; i < h.n; i++)
		for (int side = 0; side < 2; side++) {
			struct rf_revnote rn;
			CHECK(u, rf_revnote_entry(&rn, &rp.st, &rp.nd, &h.v[i], side) == 0);
			char *s = show(&rn);
			rf_buf_addf(&all, "%s\n", s);
			free(s);
			rf_revnote_free(&rn);
		}
	struct rf_buf want = RF_BUF_INIT;
	rf_buf_addf(&want, "b.ini HEAD b.ini@HEAD 0 0 no\nb.ini working tree b.ini 0 1 -\n");
	rf_buf_addf(&want, "b.ini %s^ b.ini@%s^ 0 0 no\nb.ini %s b.ini@%s 0 0 no\n", rp.id[3], rp.id[3], rp.id[3],
		    rp.id[3]);
	rf_buf_addf(&want, "a.ini %s^ a.ini@%s^ 0 0 no\nb.ini %s b.ini@%s 0 0 no\n", rp.id[2], rp.id[2], rp.id[2],
		    rp.id[2]);
	rf_buf_addf(&want, "a.ini %s^ a.ini@%s^ 0 0 unknown\na.ini %s a.ini@%s 0 0 no\n", rp.id[1], rp.id[1],
		    rp.id[1], rp.id[1]);
	rf_buf_addf(&want, "a.ini %s^ a.ini@%s^ 1 0 -\na.ini %s a.ini@%s 0 0 unknown\n", rp.id[0], rp.id[0],
		    rp.id[0], rp.id[0]);
	CHECK_STR(u, all.buf, want.buf);
	rf_buf_free(&all);
	rf_buf_free(&want);
	rf_history_free(&h);
	free(head);
	remove_repo(&rp);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, at_a_commit_by_the_name_it_had);
	RUN(&u, in_the_work_tree);
	RUN(&u, unborn_head);
	RUN(&u, sides_of_history_entries);
	return UNIT_DONE(&u);
}
