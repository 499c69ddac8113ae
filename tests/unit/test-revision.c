/* Revision arguments: git revisions, days and "N days ago". */
#include <stdlib.h>
#include <time.h>

#include "revision.h"
#include "unit.h"

static git_oid commit_at(git_repository *r, const git_oid *parent, const char *msg, int64_t t)
{
	git_treebuilder *b;
	git_oid tree_id, id;
	git_tree *tree;
	git_signature *sig;
	git_commit *p = NULL;
	git_treebuilder_new(&b, r, NULL);
	git_treebuilder_write(&tree_id, b);
	git_treebuilder_free(b);
	git_tree_lookup(&tree, r, &tree_id);
	git_signature_new(&sig, "T", "t@example.org", (git_time_t)t, 0);
	if (parent)
		git_commit_lookup(&p, r, parent);
	const git_commit *parents[1] = { p };
	git_commit_create(&id, r, "HEAD", sig, sig, NULL, msg, tree, p ? 1 : 0, parents);
	git_commit_free(p);
	git_signature_free(sig);
	git_tree_free(tree);
	return id;
}

static const char *summary(struct rf_store *st, const char *spec)
{
	static const char *const none = "(error)";
	git_commit *c;
	if (rf_revision_resolve(st, spec, &c) < 0)
		return none;
	static char buf[64];
	snprintf(buf, sizeof(buf), "%s", git_commit_summary(c));
	git_commit_free(c);
	return buf;
}

static void resolves(struct unit *u)
{
	char dir[] = "/tmp/rf-test-revision-XXXXXX";
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	git_repository *r;
	git_repository_init(&r, dir, 0);
	int64_t now = (int64_t)time(NULL), day = 86400;
	git_oid a = commit_at(r, NULL, "ten days ago", now - 10 * day);
	git_oid b = commit_at(r, &a, "five days ago", now - 5 * day);
	git_oid c = commit_at(r, &b, "one day ago", now - day);
	(void)c;
	git_repository_free(r);

	struct rf_store st;
	CHECK(u, rf_store_open(&st, dir, RF_STORE_READ) == 0);
	CHECK_STR(u, summary(&st, "HEAD"), "one day ago");
	CHECK_STR(u, summary(&st, "HEAD~2"), "ten days ago");
	char hex[8];
	git_oid_tostr(hex, sizeof(hex), &b);
	CHECK_STR(u, summary(&st, hex), "five days ago");
	CHECK_STR(u, summary(&st, "3 days ago"), "five days ago");
	CHECK_STR(u, summary(&st, "1 week ago"), "ten days ago");
	CHECK_STR(u, summary(&st, "today"), "one day ago");
	char ymd[16];
	time_t t = (time_t)(now - 5 * day);
	strftime(ymd, sizeof(ymd), "%Y-%m-%d", localtime(&t));
	CHECK_STR(u, summary(&st, ymd), "five days ago");
	fprintf(stderr, "# expected errors follow\n");
	CHECK_STR(u, summary(&st, "20 days ago"), "(error)");
	CHECK_STR(u, summary(&st, "nonsense"), "(error)");
	CHECK_STR(u, summary(&st, "HEAD~9"), "(error)");
	CHECK_STR(u, summary(&st, "--all"), "(error)");
	rf_store_close(&st);
	git_libgit2_shutdown();
	char *cmd = rf_xasprintf("rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
	free(cmd);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, resolves);
	return UNIT_DONE(&u);
}
