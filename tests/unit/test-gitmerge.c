/* git's merge driver: the other side named from GITHEAD_<id> and the
 * remote tracking that commit, its date and id; the note written over
 * git's current file. */
#include <git2.h>
#include <stdlib.h>
#include <unistd.h>

#include "gitmerge.h"
#include "unit.h"

static char dir[] = "/tmp/rf-test-gitmerge-XXXXXX";

static void put(const char *name, const char *text)
{
	FILE *f = fopen(name, "w");
	fputs(text, f);
	fclose(f);
}

static void origin(struct unit *u)
{
	git_repository *r;
	git_treebuilder *b;
	git_oid tree_id, id;
	git_tree *tree;
	git_signature *sig;
	git_reference *ref;
	char hex[GIT_OID_HEXSZ + 1], var[64];
	struct rf_conflict_origin o;
	struct rf_buf buf = RF_BUF_INIT;

	git_libgit2_init();
	git_repository_init(&r, dir, 0);
	git_treebuilder_new(&b, r, NULL);
	git_treebuilder_write(&tree_id, b);
	git_treebuilder_free(b);
	git_tree_lookup(&tree, r, &tree_id);
	git_signature_new(&sig, "T", "t@example.org", 1796461200, 60);	/* 2026-12-05 09:00 +0100 */
	git_commit_create(&id, r, NULL, sig, sig, NULL, "x", tree, 0, NULL);
	git_oid_tostr(hex, sizeof(hex), &id);
	snprintf(var, sizeof(var), "GITHEAD_%s", hex);
	CHECK(u, chdir(dir) == 0);

	/* Outside a merge: nothing known. */
	rf_gitmerge_origin(&o, &buf);
	CHECK_STR(u, o.from, "the other side");
	CHECK_STR(u, o.when, "unknown");
	CHECK_STR(u, o.commit, "unknown");
	/* What git called it, when no remote tracks the commit. */
	setenv(var, "feature", 1);
	rf_gitmerge_origin(&o, &buf);
	CHECK_STR(u, o.from, "feature");
	CHECK_STR(u, o.when, "2026-12-05 10:00 +0100");
	CHECK(u, strlen(o.commit) == 7 && !strncmp(o.commit, hex, 7));
	/* A pull names the bare id; the remote tracking it is the name. */
	setenv(var, hex, 1);
	rf_gitmerge_origin(&o, &buf);
	CHECK_STR(u, o.from, "the other side");
	git_reference_create(&ref, r, "refs/remotes/usb/main", &id, 0, NULL);
	git_reference_free(ref);
	rf_gitmerge_origin(&o, &buf);
	CHECK_STR(u, o.from, "usb");

	/* The driver writes the merge over git's current file. */
	put("o", "[visa]\nh1b = unknown\nj1 = unknown\n");
	put("a", "[visa]\nh1b = yes\nj1 = unknown\n");
	put("b", "[visa]\nh1b = no\nj1 = no\n");
	CHECK(u, rf_gitmerge_run("n.ini", "o", "a", "b") == 0);
	struct rf_buf got = RF_BUF_INIT;
	rf_read_file("a", &got);
	char *want = rf_xasprintf("[visa]\nh1b = yes\nj1 = no\n\n[conflicts]\n; visa.h1b: from usb, 2026-12-05 10:00 "
				  "+0100 (%.7s)\nvisa.h1b = no\n", hex);
	CHECK_STR(u, got.buf, want);
	free(want);
	rf_buf_free(&got);
	unsetenv(var);

	rf_buf_free(&buf);
	git_signature_free(sig);
	git_tree_free(tree);
	git_repository_free(r);
	git_libgit2_shutdown();
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	if (!mkdtemp(dir))
		abort();
	RUN(&u, origin);
	unit_remove_dir(dir);
	return UNIT_DONE(&u);
}
