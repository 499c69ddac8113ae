/* The notes one command reads, each read once: the work tree's and a
 * commit's (by the name it had then), the same version on every asking
 * even after the file changed, a note that is not there, a link,
 * refused once, and notes read ahead on threads. */
#include <stdlib.h>
#include <unistd.h>

#include "noteset.h"
#include "unit.h"

static const char A1[] = "[program]\nname = Mercy\n[visa]\nh1b = unknown\n";
static const char A2[] = "[program]\nname = Mercy\n[visa]\nh1b = no\n";

struct repo {
	char dir[64];
	struct rf_notesdir nd;
	struct rf_store st;
};

static void make_repo(struct repo *rp)
{
	int created;
	git_oid id;
	strcpy(rp->dir, "/tmp/rf-test-noteset-XXXXXX");
	if (!mkdtemp(rp->dir) || rf_store_init(rp->dir, &created) < 0 || rf_notesdir_open(&rp->nd, rp->dir) < 0 ||
	    rf_store_open(&rp->st, rp->dir, RF_STORE_WRITE) < 0)
		abort();
	const struct rf_store_change c0[] = { { .path = "a.ini", .data = A1, .len = sizeof(A1) - 1 } };
	rf_notesdir_write(&rp->nd, "a.ini", A1, sizeof(A1) - 1, 0);
	if (rf_store_commit(&rp->st, c0, 1, "c", &id) != 1)
		abort();
	rf_notesdir_write(&rp->nd, "a.ini", A2, sizeof(A2) - 1, 0);
}

static void remove_repo(struct repo *rp)
{
	rf_store_close(&rp->st);
	rf_notesdir_close(&rp->nd);
	unit_remove_dir(rp->dir);
}

static const char *h1b(const struct rf_revnote *rn)
{
	const char *v = rn->broken || rn->missing ? NULL : rf_note_get(&rn->note, "visa", "h1b");
	return v ? v : "-";
}

static void read_once_in_the_work_tree(struct unit *u)
{
	struct repo rp;
	struct rf_noteset ns;
	const struct rf_revnote *first, *again, *none;
	make_repo(&rp);
	rf_noteset_init(&ns, &rp.nd, &rp.st, NULL);
	CHECK(u, rf_noteset_get(&ns, "a.ini", &first) == 0);
	CHECK_STR(u, h1b(first), "no");
	CHECK_STR(u, first->where, "working tree");
	/* Rewritten meanwhile: the set keeps the version it read. */
	rf_notesdir_write(&rp.nd, "a.ini", A1, sizeof(A1) - 1, 0);
	CHECK(u, rf_noteset_get(&ns, "a.ini", &again) == 0);
	CHECK(u, again == first);
	CHECK_STR(u, h1b(again), "no");
	CHECK(u, rf_noteset_get(&ns, "none.ini", &none) == 0 && none->missing);
	/* Many notes: the table grows and every one is still found. */
	char file[32];
	for (int i = 0; i < 300; i++) {
		snprintf(file, sizeof(file), "n%d.ini", i);
		CHECK(u, rf_noteset_get(&ns, file, &none) == 0 && none->missing && !strcmp(none->file, file));
	}
	CHECK(u, ns.n == 302);
	CHECK(u, rf_noteset_get(&ns, "a.ini", &again) == 0 && again == first);
	CHECK(u, symlinkat("a.ini", rp.nd.fd, "link.ini") == 0);
	fprintf(stderr, "# one expected error follows\n");
	const struct rf_revnote *link;
	CHECK(u, rf_noteset_get(&ns, "link.ini", &link) < 0);
	CHECK(u, rf_noteset_get(&ns, "link.ini", &link) < 0);
	rf_noteset_free(&ns);
	rf_noteset_free(&ns);	/* safe on a freed set */
	remove_repo(&rp);
}

static void read_once_at_a_commit(struct unit *u)
{
	struct repo rp;
	struct rf_noteset ns;
	git_commit *head;
	const struct rf_revnote *rn, *again;
	make_repo(&rp);
	CHECK(u, rf_store_head_commit(&rp.st, &head) == 0 && head);
	rf_noteset_init(&ns, &rp.nd, &rp.st, head);
	CHECK(u, rf_noteset_get(&ns, "a.ini", &rn) == 0);
	CHECK_STR(u, h1b(rn), "unknown");
	CHECK(u, strchr(rn->label, '@') != NULL);
	CHECK(u, rf_noteset_get(&ns, "a.ini", &again) == 0 && again == rn);
	CHECK(u, rf_noteset_get(&ns, "none.ini", &rn) == 0 && rn->missing);
	rf_noteset_free(&ns);
	git_commit_free(head);
	remove_repo(&rp);
}

/* Forty notes read on threads, one of them a link and one gone, three of
 * them named again and again: each asking after gives what reading it
 * alone gives, the link refused there. */
static void prefetched_on_threads(struct unit *u)
{
	struct repo rp;
	struct rf_noteset ns;
	make_repo(&rp);
	struct rf_strv files = RF_STRV_INIT;
	for (int i = 0; i < 40; i++) {
		char *file = rf_xasprintf("p%02d.ini", i);
		char *text = rf_xasprintf("[program]\nname = P%d\n[visa]\nh1b = %s\n", i, i % 2 ? "no" : "yes");
		if (i != 7 && i != 8)
			rf_notesdir_write(&rp.nd, file, text, strlen(text), 0);
		free(text);
		rf_strv_push(&files, file);
	}
	CHECK(u, symlinkat("a.ini", rp.nd.fd, "p07.ini") == 0);
	/* Named twice (rf-report mercy mercy): read once, by one thread. */
	for (int i = 0; i < 40; i++)
		rf_strv_push(&files, rf_xstrdup(files.v[i % 3]));
	rf_noteset_init(&ns, &rp.nd, &rp.st, NULL);
	rf_noteset_prefetch(&ns, files.v, files.n);
	CHECK(u, ns.n == 40);
	rf_noteset_prefetch(&ns, files.v, files.n);
	CHECK(u, ns.n == 40);
	for (size_t i = 0; i < files.n; i++) {
		const struct rf_revnote *rn;
		if (i == 7) {
			fprintf(stderr, "# an expected error follows\n");
			CHECK(u, rf_noteset_get(&ns, files.v[i], &rn) < 0);
			continue;
		}
		CHECK(u, rf_noteset_get(&ns, files.v[i], &rn) == 0);
		if (i == 8) {
			CHECK(u, rn->missing);
			continue;
		}
		size_t k = i < 40 ? i : (i - 40) % 3;
		CHECK_STR(u, h1b(rn), k % 2 ? "no" : "yes");
		CHECK_STR(u, rn->label, files.v[k]);
	}
	rf_noteset_free(&ns);
	rf_strv_free(&files);
	remove_repo(&rp);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, read_once_in_the_work_tree);
	RUN(&u, read_once_at_a_commit);
	RUN(&u, prefetched_on_threads);
	return UNIT_DONE(&u);
}
