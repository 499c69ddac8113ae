/* Transfers: libgit2's errors in words a traveller can act on, and fetch,
 * push and clone between repositories on this machine (libgit2's local
 * transport: the same code path as ssh and https above the wire). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remote.h"
#include "store.h"
#include "transfer.h"
#include "unit.h"

static void reasons(struct unit *u)
{
	static const char *const cases[][3] = {
		{ "ssh://nas/x", "failed to resolve address for nas: Name or service not known",
		  "cannot resolve host nas (name or service not known): offline, or the name is wrong" },
		{ "ssh://127.0.0.1:2222/x", "failed to connect to 127.0.0.1: Connection refused",
		  "cannot connect to 127.0.0.1 port 2222: connection refused (offline, or the server is down)" },
		{ "https://h/x", "failed to connect to h: Network is unreachable",
		  "cannot connect to h: network is unreachable (offline, or the server is down)" },
		{ "file:///x", "could not find repository at '/x'", "no repository at /x" },
		{ "/nope/x.git", "unsupported URL protocol", "no repository at /nope/x.git" },
		{ "/tmp", "local push doesn't (yet) support pushing to non-bare repos.",
		  "a repository given by its path must be bare to be pushed to (make one with git init --bare)" },
		{ "https://h/x", "unexpected http status code: 404", "no repository there (HTTP 404)" },
		{ "https://h/x", "unexpected http status code: 403", "access denied (HTTP 403)" },
		{ "https://h/x", "unexpected http status code: 502", "the server answered HTTP 502" },
		{ "https://h/x", "too many redirects or authentication replays",
		  "authentication failed: the server refused the credentials" },
		{ "ssh://h/x", "fatal: '/x' does not appear to be a git repository\nfatal: Could not read from remote",
		  "no repository there (the server says: '/x' does not appear to be a git repository)" },
		{ "ssh://h/x", "ERROR: Repository not found.", "the server says: Repository not found." },
		{ "ssh://h/x", "early EOF", "the server closed the connection before answering (early EOF)" },
		{ "ssh://h/x", "remote error: access denied", "the server says: access denied" },
		{ "ssh://h/x", "line one\x1b[31m", "line one\\x1B[31m" },
		{ "ssh://h/x", NULL, "unknown error" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = rf_transfer_reason(cases[i][0], -1, cases[i][1], NULL);
		CHECK_STR(u, s, cases[i][2]);
		free(s);
	}
	/* What the credential callback found wins. */
	char *s = rf_transfer_reason("ssh://h/x", GIT_EAUTH, "callback error", "the server refused ~/.ssh/id_rsa");
	CHECK_STR(u, s, "the server refused ~/.ssh/id_rsa");
	free(s);
}

static char dir[] = "/tmp/rf-test-transfer-XXXXXX";

/* A commit of one file on top of HEAD of repo (refs/heads/main). */
static void commit_file(git_repository *repo, const char *name, const char *text)
{
	git_oid blob, tree_id, id;
	git_treebuilder *b;
	git_tree *tree, *base = NULL;
	git_commit *parent = NULL;
	git_signature *sig;
	git_reference *head;
	if (git_repository_head(&head, repo) == 0) {
		git_reference_peel((git_object **)&parent, head, GIT_OBJECT_COMMIT);
		git_commit_tree(&base, parent);
		git_reference_free(head);
	}
	git_error_clear();
	git_treebuilder_new(&b, repo, base);
	git_blob_create_from_buffer(&blob, repo, text, strlen(text));
	git_treebuilder_insert(NULL, b, name, &blob, GIT_FILEMODE_BLOB);
	git_treebuilder_write(&tree_id, b);
	git_treebuilder_free(b);
	git_tree_lookup(&tree, repo, &tree_id);
	git_signature_new(&sig, "T", "t@example.org", 1000, 0);
	const git_commit *parents[1] = { parent };
	git_commit_create(&id, repo, "refs/heads/main", sig, sig, NULL, name, tree, parent ? 1 : 0, parents);
	git_signature_free(sig);
	git_tree_free(tree);
	git_tree_free(base);
	git_commit_free(parent);
}

static git_repository *init(const char *path, int bare)
{
	git_repository *repo;
	git_repository_init_options o;
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.initial_head = "main";
	o.flags = GIT_REPOSITORY_INIT_MKPATH | (bare ? GIT_REPOSITORY_INIT_BARE : 0);
	git_repository_init_ext(&repo, path, &o);
	return repo;
}

static void fetch_push_clone(struct unit *u)
{
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	char *bare = rf_xasprintf("%s/remote.git", dir), *a = rf_xasprintf("%s/a", dir);
	char *b = rf_xasprintf("%s/b", dir), *missing = rf_xasprintf("%s/nowhere.git", dir);
	git_repository *rb = init(bare, 1), *ra = init(a, 0);
	commit_file(ra, "mercy.ini", "[visa]\nh1b = no\n");

	struct rf_remote r;
	struct rf_cred c;
	git_oid tip;
	int found, moved;
	CHECK(u, rf_remote_resolve(ra, bare, &r) == 0);
	rf_cred_init(&c, r.url, r.user, r.password);
	CHECK(u, rf_transfer_fetch(&r, &c, NULL, &tip, &found) == 0 && !found);
	CHECK(u, rf_transfer_push(&r, &c, NULL, &moved) == 0);
	git_reference *ref;
	CHECK(u, git_reference_lookup(&ref, rb, "refs/heads/main") == 0);
	git_reference_free(ref);

	/* A clone, which then pushes; the first repository's push is refused
	 * as the remote moved, and its fetch sees the new tip. */
	git_repository *rc = NULL;
	CHECK(u, rf_transfer_clone(bare, bare, NULL, NULL, b, &rc) == 0);
	char *cloned = rf_xasprintf("%s/mercy.ini", b);
	CHECK(u, access(cloned, F_OK) == 0);
	free(cloned);
	commit_file(rc, "metro.ini", "[visa]\nj1 = yes\n");
	struct rf_remote rr;
	struct rf_cred cc;
	CHECK(u, rf_remote_resolve(rc, "origin", &rr) == 0);
	rf_cred_init(&cc, rr.url, NULL, NULL);
	CHECK(u, rf_transfer_push(&rr, &cc, NULL, &moved) == 0);
	commit_file(ra, "lakeside.ini", "[visa]\nj1 = no\n");
	CHECK(u, rf_transfer_push(&r, &c, NULL, &moved) == -1 && moved);
	CHECK(u, rf_transfer_fetch(&r, &c, NULL, &tip, &found) == 0 && found);
	git_reference *cm;
	git_reference_lookup(&cm, rc, "refs/heads/main");
	CHECK(u, git_oid_equal(&tip, git_reference_target(cm)));
	git_reference_free(cm);
	rf_cred_free(&cc);
	rf_remote_free(&rr);
	git_repository_free(rc);

	/* Failures are reported, and a clone into a place leaves nothing. */
	char *c_dir = rf_xasprintf("%s/c", dir);
	CHECK(u, rf_transfer_clone(missing, missing, NULL, NULL, c_dir, &rc) == -1);
	free(c_dir);
	rf_cred_free(&c);
	rf_remote_free(&r);
	git_repository_free(ra);
	git_repository_free(rb);
	git_libgit2_shutdown();
	free(bare);
	free(a);
	free(b);
	free(missing);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, reasons);
	RUN(&u, fetch_push_clone);
	return UNIT_DONE(&u);
}
