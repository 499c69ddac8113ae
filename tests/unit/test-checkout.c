/* Moving the branch and work tree to another commit: files written, the
 * index and HEAD following, an uncommitted edit never overwritten, and a
 * branch that moved meanwhile left alone. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "checkout.h"
#include "unit.h"

static char dir[] = "/tmp/rf-test-checkout-XXXXXX";

/* A commit of files ("path", "content" pairs, NULL-ended; a path with a
 * '/' one level down) on parent, on no branch. */
static git_oid commit(git_repository *r, const char *const *files, const git_oid *parent)
{
	git_treebuilder *top, *sub;
	git_oid blob, tree_id, sub_id, id;
	git_tree *tree;
	git_signature *sig;
	git_commit *p = NULL;
	int has_sub = 0;
	git_treebuilder_new(&top, r, NULL);
	git_treebuilder_new(&sub, r, NULL);
	for (size_t i = 0; files[i]; i += 2) {
		git_blob_create_from_buffer(&blob, r, files[i + 1], strlen(files[i + 1]));
		const char *slash = strchr(files[i], '/');
		if (slash) {
			git_treebuilder_insert(NULL, sub, slash + 1, &blob, GIT_FILEMODE_BLOB);
			has_sub = 1;
		} else {
			git_treebuilder_insert(NULL, top, files[i], &blob, GIT_FILEMODE_BLOB);
		}
	}
	if (has_sub) {
		git_treebuilder_write(&sub_id, sub);
		git_treebuilder_insert(NULL, top, "letters", &sub_id, GIT_FILEMODE_TREE);
	}
	git_treebuilder_write(&tree_id, top);
	git_treebuilder_free(top);
	git_treebuilder_free(sub);
	git_tree_lookup(&tree, r, &tree_id);
	git_signature_new(&sig, "T", "t@example.org", 1000, 0);
	if (parent)
		git_commit_lookup(&p, r, parent);
	const git_commit *ps[1] = { p };
	git_commit_create(&id, r, NULL, sig, sig, NULL, "c", tree, p ? 1 : 0, ps);
	git_commit_free(p);
	git_signature_free(sig);
	git_tree_free(tree);
	return id;
}

static char *slurp(const char *name)
{
	char *path = rf_xasprintf("%s/%s", dir, name);
	struct rf_buf b = RF_BUF_INIT;
	FILE *f = fopen(path, "r");
	free(path);
	if (!f)
		return rf_xstrdup("(absent)");
	char chunk[256];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rf_buf_add(&b, chunk, n);
	fclose(f);
	rf_buf_add(&b, "", 0);
	return rf_buf_detach(&b);
}

static void put(const char *name, const char *text)
{
	char *path = rf_xasprintf("%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	fputs(text, f);
	fclose(f);
	free(path);
}

static int clean_status(git_repository *r)
{
	git_status_list *sl;
	git_status_options o;
	git_status_options_init(&o, GIT_STATUS_OPTIONS_VERSION);
	o.flags = GIT_STATUS_OPT_INCLUDE_UNTRACKED | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS;
	if (git_status_list_new(&sl, r, &o) < 0)
		return 0;
	size_t n = git_status_list_entrycount(sl);
	git_status_list_free(sl);
	return n == 0;
}

static void move(struct unit *u)
{
	struct rf_store st;
	struct rf_notesdir nd;
	git_repository_init_options o;
	git_repository *r;
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.initial_head = "main";
	git_repository_init_ext(&r, dir, &o);
	const char *f1[] = { "a.ini", "[visa]\nh1b = unknown\n", "b.ini", "[visa]\n", NULL };
	git_oid c1 = commit(r, f1, NULL);
	const char *f2[] = { "a.ini", "[visa]\nh1b = no\n", "c.ini", "[visa]\nj1 = yes\n", "letters/pd.txt", "dear PD\n",
			     NULL };
	git_oid c2 = commit(r, f2, &c1);
	git_repository_free(r);

	CHECK(u, rf_store_open(&st, dir, RF_STORE_WRITE) == 0);
	CHECK(u, rf_notesdir_open(&nd, dir) == 0);
	/* From the unborn branch to c1, then on to c2. */
	size_t n;
	CHECK(u, rf_checkout_move(&st, &nd, "refs/heads/main", NULL, &c1, "test", &n) == 0 && n == 2);
	char *s = slurp("a.ini");
	CHECK_STR(u, s, "[visa]\nh1b = unknown\n");
	free(s);
	CHECK(u, clean_status(st.repo));
	/* An edit not committed is never overwritten. */
	put("a.ini", "[visa]\nh1b = yes\n");
	CHECK(u, rf_checkout_move(&st, &nd, "refs/heads/main", &c1, &c2, "test", NULL) == -1);
	s = slurp("a.ini");
	CHECK_STR(u, s, "[visa]\nh1b = yes\n");
	free(s);
	s = slurp("c.ini");
	CHECK_STR(u, s, "(absent)");
	free(s);
	put("a.ini", "[visa]\nh1b = unknown\n");
	/* The branch is not at the commit the caller says (another git
	 * moved it to a twin with the same files): the files written are put
	 * back. */
	git_oid twin = commit(st.repo, f1, &c1);
	CHECK(u, rf_checkout_move(&st, &nd, "refs/heads/main", &twin, &c2, "test", NULL) == -1);
	s = slurp("a.ini");
	CHECK_STR(u, s, "[visa]\nh1b = unknown\n");
	free(s);
	s = slurp("b.ini");
	CHECK_STR(u, s, "[visa]\n");
	free(s);
	s = slurp("c.ini");
	CHECK_STR(u, s, "(absent)");
	free(s);
	CHECK(u, clean_status(st.repo));
	CHECK(u, rf_checkout_move(&st, &nd, "refs/heads/main", &c1, &c2, "test", &n) == 0 && n == 3);
	s = slurp("a.ini");
	CHECK_STR(u, s, "[visa]\nh1b = no\n");
	free(s);
	s = slurp("b.ini");
	CHECK_STR(u, s, "(absent)");
	free(s);
	s = slurp("letters/pd.txt");
	CHECK_STR(u, s, "dear PD\n");
	free(s);
	struct stat sb;
	char *c = rf_xasprintf("%s/c.ini", dir);
	CHECK(u, stat(c, &sb) == 0 && (sb.st_mode & 0777) == 0600);
	free(c);
	git_commit *head;
	CHECK(u, rf_store_head_commit(&st, &head) == 0 && git_oid_equal(git_commit_id(head), &c2));
	git_commit_free(head);
	CHECK(u, clean_status(st.repo));
	/* And back. */
	CHECK(u, rf_checkout_move(&st, &nd, "refs/heads/main", &c2, &c1, "test", NULL) == 0);
	s = slurp("letters/pd.txt");
	CHECK_STR(u, s, "(absent)");
	free(s);
	CHECK(u, clean_status(st.repo));
	rf_notesdir_close(&nd);
	rf_store_close(&st);
	git_libgit2_shutdown();
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	umask(077);
	RUN(&u, move);
	return UNIT_DONE(&u);
}
