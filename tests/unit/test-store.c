/* The store's door to git: blobs through the repository's filters, the
 * place step of a commit (undone when it fails), what git is in the middle
 * of, partial clones. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "notesdir.h"
#include "store.h"
#include "unit.h"

/* Write the work-tree file a commit records, as rf does first. */
static void worktree(const char *dir, const char *name, const char *text)
{
	char *p = rf_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	free(p);
}

static void scratch(char *dir, struct rf_store *st)
{
	int created;
	strcpy(dir, "/tmp/rf-test-store-XXXXXX");
	if (!mkdtemp(dir) || rf_store_init(dir, &created) < 0 || rf_store_open(st, dir, RF_STORE_WRITE) < 0)
		abort();
}

static void set_config(struct rf_store *st, const char *name, const char *value)
{
	git_config *cfg;
	git_repository_config(&cfg, st->repo);
	git_config_set_string(cfg, name, value);
	git_config_free(cfg);
}

static void filters_as_git_applies_them(struct unit *u)
{
	char dir[64];
	struct rf_store st;
	struct rf_buf out = RF_BUF_INIT;
	git_oid a, b;
	scratch(dir, &st);
	CHECK(u, rf_store_clean(&st, "a.ini", "x\r\ny\r\n", 6, &out) == 0);
	CHECK_STR(u, out.buf, "x\r\ny\r\n");	/* no filters: the bytes as they are */
	set_config(&st, "core.autocrlf", "true");
	rf_store_close(&st);
	CHECK(u, rf_store_open(&st, dir, RF_STORE_WRITE) == 0);
	CHECK(u, rf_store_clean(&st, "a.ini", "x\r\ny\r\n", 6, &out) == 0);
	CHECK_STR(u, out.buf, "x\ny\n");
	CHECK(u, rf_store_smudge(&st, "a.ini", "x\ny\n", 4, &out) == 0);
	CHECK_STR(u, out.buf, "x\r\ny\r\n");
	CHECK(u, rf_store_hash(&st, "a.ini", "x\r\ny\r\n", 6, &a) == 0 &&
		 git_odb_hash(&b, "x\ny\n", 4, GIT_OBJECT_BLOB) == 0 && git_oid_equal(&a, &b));
	/* A commit stores the LF blob. */
	struct rf_store_change ch = { .path = "a.ini", .data = "x\r\ny\r\n", .len = 6 };
	int missing;
	worktree(dir, "a.ini", ch.data);
	CHECK(u, rf_store_commit(&st, &ch, 1, "a", NULL) == 1);
	CHECK(u, rf_store_read(&st, NULL, "a.ini", &out, &missing) == 0 && !missing);
	CHECK_STR(u, out.buf, "x\ny\n");
	rf_buf_free(&out);
	rf_store_close(&st);
	unit_remove_dir(dir);
}

/* rf_store_write_blobs packs each blob as the commit stores it (under
 * autocrlf, the LF text), keeps its id in the change, and the commit and
 * the index then name that very blob; a removal keeps none. */
static void written_blobs_are_the_committed_ones(struct unit *u)
{
	char dir[64];
	struct rf_store st;
	git_oid lf, raw;
	scratch(dir, &st);
	set_config(&st, "core.autocrlf", "true");
	rf_store_close(&st);
	CHECK(u, rf_store_open(&st, dir, RF_STORE_WRITE) == 0);
	static const char crlf[] = "[a]\r\nx = 1\r\n", lf_text[] = "[a]\nx = 1\n";
	struct rf_store_change ch[2] = { { .path = "a.ini", .data = crlf, .len = sizeof(crlf) - 1 },
					 { .path = "gone.ini", .data = NULL, .len = 0 } };
	git_odb_hash(&lf, lf_text, sizeof(lf_text) - 1, GIT_OBJECT_BLOB);
	git_odb_hash(&raw, ch[0].data, ch[0].len, GIT_OBJECT_BLOB);
	worktree(dir, "a.ini", ch[0].data);
	CHECK(u, rf_store_write_blobs(&st, ch, 2) == 0);
	CHECK(u, ch[0].has_blob && git_oid_equal(&ch[0].blob, &lf) && !ch[1].has_blob);
	git_odb *odb;
	git_repository_odb(&odb, st.repo);
	CHECK(u, git_odb_exists(odb, &lf) && !git_odb_exists(odb, &raw));
	git_odb_free(odb);
	CHECK(u, rf_store_commit(&st, ch, 2, "a", NULL) == 1);
	git_object *tree;
	git_tree_entry *te = NULL;
	CHECK(u, git_revparse_single(&tree, st.repo, "HEAD^{tree}") == 0 &&
		 git_tree_entry_bypath(&te, (git_tree *)tree, "a.ini") == 0 && git_oid_equal(git_tree_entry_id(te), &lf));
	git_tree_entry_free(te);
	git_object_free(tree);
	git_index *idx;
	git_repository_index(&idx, st.repo);
	git_index_read(idx, 1);
	const git_index_entry *e = git_index_get_bypath(idx, "a.ini", 0);
	CHECK(u, e && git_oid_equal(&e->id, &lf) && e->file_size == sizeof(crlf) - 1);
	git_index_free(idx);
	rf_store_close(&st);
	unit_remove_dir(dir);
}

/* libgit2 stays started from the first start to exit: a repository opened
 * and closed, then opened again, does not parse the CA certificates twice. */
static void libgit2_started_once(struct unit *u)
{
	char dir[64];
	struct rf_store st;
	scratch(dir, &st);
	rf_store_close(&st);
	CHECK(u, rf_store_lib_init() == 0);
	git_libgit2_shutdown();
	int started = git_libgit2_init();
	CHECK(u, started >= 2);	/* 1: the last shutdown had undone it */
	git_libgit2_shutdown();
	unit_remove_dir(dir);
}

static int fail_place(void *arg)
{
	(*(int *)arg)++;
	return rf_error("placing failed (expected)");
}

static int count_place(void *arg)
{
	(*(int *)arg)++;
	return 0;
}

static void place_runs_once_before_head_moves(struct unit *u)
{
	char dir[64];
	struct rf_store st;
	git_oid first, now;
	int calls = 0;
	scratch(dir, &st);
	struct rf_store_change ch = { .path = "a.ini", .data = "[a]\n", .len = 4 };
	worktree(dir, "a.ini", ch.data);
	CHECK(u, rf_store_commit_placed(&st, &ch, 1, "a", count_place, &calls, &first) == 1 && calls == 1);
	/* A failing place: nothing committed, HEAD where it was. */
	struct rf_store_change ch2 = { .path = "a.ini", .data = "[b]\n", .len = 4 };
	printf("# an expected error follows\n");
	CHECK(u, rf_store_commit_placed(&st, &ch2, 1, "b", fail_place, &calls, NULL) < 0 && calls == 2);
	CHECK(u, git_reference_name_to_id(&now, st.repo, "HEAD") == 0 && git_oid_equal(&now, &first));
	/* Nothing to record: placed all the same (the work tree may lag). */
	CHECK(u, rf_store_commit_placed(&st, &ch, 1, "a", count_place, &calls, NULL) == 0 && calls == 3);
	rf_store_close(&st);
	unit_remove_dir(dir);
}

static void touch(const char *dir, const char *name, const char *text)
{
	char *p = rf_xasprintf("%s/.git/%s", dir, name);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	free(p);
}

static void writers_refuse_while_git_is_in_the_middle(struct unit *u)
{
	char dir[64], hex[GIT_OID_HEXSZ + 1];
	struct rf_store st;
	git_oid head;
	scratch(dir, &st);
	struct rf_store_change ch = { .path = "a.ini", .data = "[a]\n", .len = 4 };
	worktree(dir, "a.ini", ch.data);
	CHECK(u, rf_store_commit(&st, &ch, 1, "a", &head) == 1);
	rf_store_close(&st);
	git_oid_tostr(hex, sizeof(hex), &head);
	char *line = rf_xasprintf("%s\n", hex);
	touch(dir, "MERGE_HEAD", line);
	printf("# an expected error follows\n");
	CHECK(u, rf_store_open(&st, dir, RF_STORE_WRITE) < 0);
	CHECK(u, rf_store_open(&st, dir, RF_STORE_READ) == 0);
	rf_store_close(&st);
	CHECK(u, rf_store_open(&st, dir, RF_STORE_WRITE | RF_STORE_CONCLUDE) == 0 && rf_store_merging(&st));
	rf_store_close(&st);
	char *m = rf_xasprintf("%s/.git/MERGE_HEAD", dir);
	unlink(m);
	free(m);
	touch(dir, "CHERRY_PICK_HEAD", line);
	printf("# an expected error follows\n");
	CHECK(u, rf_store_open(&st, dir, RF_STORE_WRITE | RF_STORE_CONCLUDE) < 0);
	free(line);
	unit_remove_dir(dir);
}

static void partial_clones_are_named(struct unit *u)
{
	char dir[64];
	struct rf_store st;
	struct rf_buf out = RF_BUF_INIT;
	git_oid missing_blob;
	int absent;
	scratch(dir, &st);
	CHECK(u, rf_store_promisor(&st) == NULL && rf_store_refetch_hint(&st) == NULL);
	git_odb_hash(&missing_blob, "never written", 13, GIT_OBJECT_BLOB);
	printf("# an expected error follows\n");
	CHECK(u, rf_store_blob_absent(&st, &missing_blob, "blob", &out, &absent) < 0);
	set_config(&st, "remote.origin.promisor", "true");
	char *remote = rf_store_promisor(&st);
	CHECK_STR(u, remote, "origin");
	free(remote);
	CHECK(u, rf_store_blob_absent(&st, &missing_blob, "blob", &out, &absent) == 0 && absent);
	char *hint = rf_store_refetch_hint(&st);
	char *want = rf_xasprintf("git -C %s config --unset remote.origin.partialclonefilter && git -C %s fetch "
				  "--refetch origin", dir, dir);
	CHECK_STR(u, hint, want);
	free(hint);
	free(want);
	rf_buf_free(&out);
	rf_store_close(&st);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, filters_as_git_applies_them);
	RUN(&u, written_blobs_are_the_committed_ones);
	RUN(&u, libgit2_started_once);
	RUN(&u, place_runs_once_before_head_moves);
	RUN(&u, writers_refuse_while_git_is_in_the_middle);
	RUN(&u, partial_clones_are_named);
	return UNIT_DONE(&u);
}
