/* rf-sync's steps between two notes directories and a bare remote on this
 * machine: the first push, in sync, a fast-forward, pending edits, a merge
 * of notes changed on different devices, and refusals. */
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "init.h"
#include "record.h"
#include "sync.h"
#include "unit.h"

static char dir[] = "/tmp/rf-test-sync-XXXXXX";

/* Sync notes directory d with remote (NULL: the upstream); what it said,
 * or "(error)". */
static char *sync_out(const char *d, const char *remote, size_t *conflicts)
{
	struct rf_store st;
	struct rf_notesdir nd;
	struct rf_sync_result res;
	char *text = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&text, &len);
	int r = -1;
	if (rf_store_open(&st, d, RF_STORE_WRITE) == 0) {
		if (rf_notesdir_open(&nd, d) == 0) {
			r = rf_sync_run(&st, &nd, remote, out, &res);
			rf_notesdir_close(&nd);
		}
		rf_store_close(&st);
	}
	fclose(out);
	if (conflicts)
		*conflicts = r == 0 ? res.conflicts : 0;
	if (r < 0) {
		free(text);
		return rf_xstrdup("(error)");
	}
	return text;
}

static void note(const char *d, const char *file, const char *text)
{
	struct rf_store st;
	struct rf_notesdir nd;
	int committed;
	rf_store_open(&st, d, RF_STORE_WRITE);
	rf_notesdir_open(&nd, d);
	rf_record_text(&st, &nd, "set", file, text, strlen(text), 0, &committed);
	rf_notesdir_close(&nd);
	rf_store_close(&st);
}

static void put(const char *d, const char *file, const char *text)
{
	char *p = rf_xasprintf("%s/%s", d, file);
	FILE *f = fopen(p, "w");
	fputs(text, f);
	fclose(f);
	free(p);
}

/* HEAD's short id in d. */
static char *head(const char *d)
{
	git_repository *r;
	git_oid id;
	char s[8] = "";
	git_libgit2_init();
	if (git_repository_open(&r, d) == 0) {
		if (git_reference_name_to_id(&id, r, "HEAD") == 0)
			git_oid_tostr(s, sizeof(s), &id);
		git_repository_free(r);
	}
	git_libgit2_shutdown();
	return rf_xstrdup(s);
}

static void two_devices(struct unit *u)
{
	if (!mkdtemp(dir))
		abort();
	setenv("RF_SHARE", "templates", 1);
	setenv("GIT_AUTHOR_NAME", "T", 1);
	setenv("GIT_AUTHOR_EMAIL", "t@example.org", 1);
	setenv("GIT_COMMITTER_NAME", "T", 1);
	setenv("GIT_COMMITTER_EMAIL", "t@example.org", 1);
	setenv("GIT_AUTHOR_DATE", "2026-12-05T09:00:00Z", 1);
	setenv("GIT_COMMITTER_DATE", "2026-12-05T09:00:00Z", 1);
	char *a = rf_xasprintf("%s/a", dir), *b = rf_xasprintf("%s/b", dir), *bare = rf_xasprintf("%s/r.git", dir);
	git_libgit2_init();
	git_repository *rb;
	git_repository_init(&rb, bare, 1);
	git_repository_free(rb);
	git_libgit2_shutdown();
	struct rf_init_report rep;
	CHECK(u, rf_init_notes(a, &rep) == 0);
	note(a, "mercy.ini", "[visa]\nh1b = unknown\n");

	/* The first sync by URL pushes; then there is nothing to do. */
	char *h = head(a), *s = sync_out(a, bare, NULL);
	char *want = rf_xasprintf("pushed to origin: main at %s (new branch)\n", h);
	CHECK_STR(u, s, want);
	free(s);
	free(want);
	free(h);
	s = sync_out(a, NULL, NULL);
	CHECK_STR(u, s, "in sync with origin\n");
	free(s);

	/* A second device; its edit, pending when it syncs, reaches the first
	 * as a fast-forward. */
	struct rf_init_clone res;
	CHECK(u, rf_init_clone(b, bare, &res) == 0 && res.programs == 1 && res.commits == 2);
	rf_init_clone_free(&res);
	put(b, "mercy.ini", "[visa]\nh1b = no\n");
	s = sync_out(b, NULL, NULL);
	CHECK(u, !strncmp(s, "committed: edit mercy: visa.h1b unknown → no\npushed to origin: main ", 60));
	free(s);
	char *old = head(a);
	h = head(b);
	s = sync_out(a, NULL, NULL);
	want = rf_xasprintf("fast-forward from origin: 1 file changed (%s..%s)\n", old, h);
	CHECK_STR(u, s, want);
	free(s);
	free(want);
	free(old);
	free(h);

	/* Different notes on each: one merge, pushed; the other device
	 * fast-forwards to it. */
	note(a, "metro.ini", "[visa]\nj1 = yes\n");
	note(b, "lakeside.ini", "[visa]\nj1 = no\n");
	s = sync_out(b, NULL, NULL);
	free(s);
	size_t conflicts = 9;
	s = sync_out(a, NULL, &conflicts);
	h = head(a);
	want = rf_xasprintf("merged with origin: 2 files (%s)\n", h);
	CHECK(u, !strncmp(s, want, strlen(want)) && strstr(s, "pushed to origin: main "));
	CHECK(u, conflicts == 0);
	free(want);
	free(s);
	s = sync_out(b, NULL, NULL);
	CHECK(u, strstr(s, "fast-forward from origin: 1 file changed") != NULL);
	free(s);
	free(h);
	char *hb = head(b);
	h = head(a);
	CHECK_STR(u, hb, h);
	free(h);
	free(hb);

	/* Refusals change nothing. */
	s = sync_out(a, "nosuch", NULL);
	CHECK_STR(u, s, "(error)");
	free(s);
	char *nowhere = rf_xasprintf("%s/nowhere.git", dir);
	s = sync_out(a, nowhere, NULL);
	CHECK_STR(u, s, "(error)");
	free(s);
	free(nowhere);
	free(a);
	free(b);
	free(bare);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	umask(077);
	RUN(&u, two_devices);
	return UNIT_DONE(&u);
}
