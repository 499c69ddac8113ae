/* The history walker on a repository built here: per-note history, renames,
 * merges, the timeline of every note, and the work tree. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "history.h"
#include "rename.h"
#include "revnote.h"
#include "unit.h"
#include "walk.h"
#include "worktree.h"

struct repo {
	char dir[64];
	git_repository *r;
};

/* Commit files ("name", "content" pairs, NULL-ended) as the whole tree. */
static git_oid commit(struct repo *rp, const char *const *files, const git_oid *p1, const git_oid *p2,
		      const char *msg, long t)
{
	git_treebuilder *b;
	git_oid tree_id, blob, id;
	git_tree *tree;
	git_signature *sig;
	git_commit *parents[2] = { NULL, NULL };
	size_t np = 0;
	git_treebuilder_new(&b, rp->r, NULL);
	for (size_t i = 0; files[i]; i += 2) {
		git_blob_create_from_buffer(&blob, rp->r, files[i + 1], strlen(files[i + 1]));
		git_treebuilder_insert(NULL, b, files[i], &blob, GIT_FILEMODE_BLOB);
	}
	git_treebuilder_write(&tree_id, b);
	git_treebuilder_free(b);
	git_tree_lookup(&tree, rp->r, &tree_id);
	git_signature_new(&sig, "T", "t@example.org", t, 0);
	if (p1)
		git_commit_lookup(&parents[np++], rp->r, p1);
	if (p2)
		git_commit_lookup(&parents[np++], rp->r, p2);
	git_commit_create(&id, rp->r, NULL, sig, sig, NULL, msg, tree, np, (const git_commit **)parents);
	git_commit_free(parents[0]);
	git_commit_free(parents[1]);
	git_signature_free(sig);
	git_tree_free(tree);
	return id;
}

static void set_head(struct repo *rp, const git_oid *id)
{
	git_reference *ref;
	git_reference_create(&ref, rp->r, "refs/heads/main", id, 1, "test");
	git_reference_free(ref);
	git_repository_set_head(rp->r, "refs/heads/main");
}

static void repo_open(struct repo *rp)
{
	strcpy(rp->dir, "/tmp/rf-test-history-XXXXXX");
	if (!mkdtemp(rp->dir))
		abort();
	git_libgit2_init();
	git_repository_init(&rp->r, rp->dir, 0);
}

static void repo_close(struct repo *rp)
{
	git_repository_free(rp->r);
	git_libgit2_shutdown();
	unit_remove_dir(rp->dir);
}

static void set_cache(struct repo *rp, int on)
{
	git_config *cfg;
	git_repository_config(&cfg, rp->r);
	git_config_set_bool(cfg, "rf.cache", on);
	git_config_free(cfg);
}

static void drop_index(struct repo *rp)
{
	char cmd[128];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s/.git/rf'", rp->dir);
	if (system(cmd) != 0)
		abort();
}

/* One walk as "subject path<-old_path" lines ("+" created, "x" deleted). */
static char *walk_once(struct repo *rp, const char *path)
{
	struct rf_store st;
	struct rf_history h = { 0 };
	struct rf_buf out = RF_BUF_INIT;
	if (rf_store_open(&st, rp->dir, RF_STORE_READ) < 0)
		return NULL;
	if (rf_history_walk(&st, path, &h) == 0) {
		for (size_t i = 0; i < h.n; i++) {
			const struct rf_history_entry *e = &h.v[i];
			char id[GIT_OID_HEXSZ + 1], ob[GIT_OID_HEXSZ + 1], nb[GIT_OID_HEXSZ + 1];
			git_oid_tostr(id, sizeof(id), &e->commit);
			git_oid_tostr(ob, sizeof(ob), &e->old_blob);
			git_oid_tostr(nb, sizeof(nb), &e->new_blob);
			rf_buf_addf(&out, "%s %s%s%s%s%s\n", e->subject, e->merge ? "M " : "", e->path,
				    e->old_path && strcmp(e->old_path, e->path) ? "<-" : "",
				    e->old_path && strcmp(e->old_path, e->path) ? e->old_path : "",
				    !e->old_path ? " +" : !e->has_new ? " x" : "");
			/* Everything else must agree too, but is not shown. */
			rf_buf_addf(&out, "\t%s %s %s %lld %d\n", id, e->old_path ? ob : "-", e->has_new ? nb : "-",
				    (long long)e->time, e->offset);
		}
	}
	rf_history_free(&h);
	rf_store_close(&st);
	return rf_buf_detach(&out);
}

/* The walk without the history index, then with it built, then read:
 * all three the same (else NULL), shown without the details. */
static char *walk(struct repo *rp, const char *path)
{
	set_cache(rp, 0);
	char *live = walk_once(rp, path);
	set_cache(rp, 1);
	drop_index(rp);
	char *built = walk_once(rp, path), *read = walk_once(rp, path);
	int same = live && built && read && !strcmp(live, built) && !strcmp(live, read);
	if (!same)
		printf("# live:\n%s# built:\n%s# read:\n%s", live, built, read);
	free(built);
	free(read);
	if (!same) {
		free(live);
		return NULL;
	}
	/* Drop the detail lines. */
	char *w = live;
	for (char *r = live; *r;) {
		char *nl = strchr(r, '\n');
		size_t len = nl ? (size_t)(nl - r) + 1 : strlen(r);
		if (*r != '\t') {
			memmove(w, r, len);
			w += len;
		}
		r += len;
	}
	*w = '\0';
	return live;
}

static const char A1[] = "[visa]\nh1b = unknown\nj1 = unknown\n[notes]\nx = 1\ny = 2\nz = 3\n";
static const char A2[] = "[visa]\nh1b = no\nj1 = unknown\n[notes]\nx = 1\ny = 2\nz = 3\n";
static const char A3[] = "[visa]\nh1b = no\nj1 = yes\n[notes]\nx = 1\ny = 2\nz = 3\n";
static const char B1[] = "[visa]\nh1b = yes\n";

static void one_note(struct unit *u)
{
	struct repo rp;
	repo_open(&rp);
	const char *f1[] = { "a.ini", A1, "b.ini", B1, "profile.ini", "x", NULL };
	git_oid c1 = commit(&rp, f1, NULL, NULL, "c1", 100);
	const char *f2[] = { "a.ini", A2, "b.ini", B1, "profile.ini", "x", NULL };
	git_oid c2 = commit(&rp, f2, &c1, NULL, "c2", 200);
	const char *f3[] = { "a.ini", A2, "b.ini", "[visa]\nh1b = no\n", "profile.ini", "y", NULL };
	git_oid c3 = commit(&rp, f3, &c2, NULL, "c3", 300);
	git_oid c4 = commit(&rp, f3, &c3, NULL, "c4 empty", 400);
	const char *f5[] = { "b.ini", "[visa]\nh1b = no\n", "profile.ini", "y", NULL };
	git_oid c5 = commit(&rp, f5, &c4, NULL, "c5 delete", 500);
	set_head(&rp, &c5);
	char *s = walk(&rp, "a.ini");
	CHECK_STR(u, s, "c5 delete a.ini x\nc2 a.ini\nc1 a.ini +\n");
	free(s);
	s = walk(&rp, NULL);
	CHECK_STR(u, s, "c5 delete a.ini x\nc3 b.ini\nc2 a.ini\nc1 a.ini +\nc1 b.ini +\n");
	free(s);
	repo_close(&rp);
}

static void renames(struct unit *u)
{
	struct repo rp;
	repo_open(&rp);
	const char *f1[] = { "a.ini", A1, "b.ini", B1, NULL };
	git_oid c1 = commit(&rp, f1, NULL, NULL, "c1", 100);
	const char *f2[] = { "c.ini", A1, "b.ini", B1, NULL };
	git_oid c2 = commit(&rp, f2, &c1, NULL, "mv a c", 200);
	/* Renamed and edited in one commit: similar enough to follow. */
	const char *f3[] = { "d.ini", A2, "b.ini", B1, NULL };
	git_oid c3 = commit(&rp, f3, &c2, NULL, "mv c d", 300);
	const char *f4[] = { "d.ini", A3, "b.ini", B1, NULL };
	git_oid c4 = commit(&rp, f4, &c3, NULL, "edit d", 400);
	set_head(&rp, &c4);
	char *s = walk(&rp, "d.ini");
	CHECK_STR(u, s, "edit d d.ini\nmv c d d.ini<-c.ini\nmv a c c.ini<-a.ini\nc1 a.ini +\n");
	free(s);
	s = walk(&rp, NULL);
	CHECK_STR(u, s, "edit d d.ini\nmv c d d.ini<-c.ini\nmv a c c.ini<-a.ini\nc1 a.ini +\nc1 b.ini +\n");
	free(s);

	struct rf_store st;
	git_commit *old;
	char *name;
	rf_store_open(&st, rp.dir, RF_STORE_READ);
	git_commit_lookup(&old, rp.r, &c1);
	CHECK(u, rf_history_name_at(&st, "d.ini", old, &name) == 0);
	CHECK_STR(u, name, "a.ini");
	free(name);
	git_commit_free(old);
	git_commit_lookup(&old, rp.r, &c3);
	rf_history_name_at(&st, "d.ini", old, &name);
	CHECK_STR(u, name, "d.ini");
	free(name);
	git_commit_free(old);
	rf_store_close(&st);
	repo_close(&rp);
}

static void merges(struct unit *u)
{
	struct repo rp;
	repo_open(&rp);
	const char *f1[] = { "a.ini", A1, "b.ini", B1, NULL };
	git_oid base = commit(&rp, f1, NULL, NULL, "base", 100);
	/* Laptop 1 changes h1b, laptop 2 changes notes.z; merged. */
	const char *fx[] = { "a.ini", A2, "b.ini", B1, NULL };
	git_oid x = commit(&rp, fx, &base, NULL, "x", 200);
	const char A1z[] = "[visa]\nh1b = unknown\nj1 = unknown\n[notes]\nx = 1\ny = 2\nz = 4\n";
	const char *fy[] = { "a.ini", A1z, "b.ini", B1, NULL };
	git_oid y = commit(&rp, fy, &base, NULL, "y", 300);
	const char A2z[] = "[visa]\nh1b = no\nj1 = unknown\n[notes]\nx = 1\ny = 2\nz = 4\n";
	const char *fm[] = { "a.ini", A2z, "b.ini", B1, NULL };
	git_oid m = commit(&rp, fm, &x, &y, "merge", 400);
	/* A merge that takes one side's note as it is is not listed. */
	const char *fz[] = { "a.ini", A2z, "b.ini", "[visa]\nh1b = no\n", NULL };
	git_oid z = commit(&rp, fz, &base, NULL, "z", 350);
	const char *fm2[] = { "a.ini", A2z, "b.ini", "[visa]\nh1b = no\n", NULL };
	git_oid m2 = commit(&rp, fm2, &m, &z, "merge2", 500);
	set_head(&rp, &m2);
	char *s = walk(&rp, "a.ini");
	CHECK_STR(u, s, "merge M a.ini\nz a.ini\ny a.ini\nx a.ini\nbase a.ini +\n");
	free(s);

	/* The merge is compared with its first parent: notes.z changed. */
	struct rf_store st;
	struct rf_history h = { 0 };
	rf_store_open(&st, rp.dir, RF_STORE_READ);
	rf_history_walk(&st, "a.ini", &h);
	CHECK(u, h.n == 5);
	if (h.n == 5) {
		struct rf_revnote rn;
		rf_revnote_entry(&rn, &st, NULL, &h.v[0], 0);
		CHECK_STR(u, rn.note.text, A2);
		rf_revnote_free(&rn);
		rf_revnote_entry(&rn, &st, NULL, &h.v[0], 1);
		CHECK_STR(u, rn.note.text, A2z);
		rf_revnote_free(&rn);
	}
	rf_history_free(&h);
	rf_store_close(&st);
	s = walk(&rp, NULL);
	CHECK_STR(u, s, "merge M a.ini\nz a.ini\nz b.ini\ny a.ini\nx a.ini\nbase a.ini +\nbase b.ini +\n");
	free(s);
	repo_close(&rp);
}

static void worktree(struct unit *u)
{
	struct repo rp;
	repo_open(&rp);
	const char *f1[] = { "a.ini", A1, "b.ini", B1, "c.ini", "[x]\nk = v\n", NULL };
	git_oid c1 = commit(&rp, f1, NULL, NULL, "c1", 100);
	set_head(&rp, &c1);
	/* a: edited; b: renamed to e (git mv); c: deleted; f: new. */
	struct rf_notesdir nd;
	rf_notesdir_open(&nd, rp.dir);
	rf_notesdir_write(&nd, "a.ini", A2, strlen(A2), 0);
	rf_notesdir_write(&nd, "e.ini", B1, strlen(B1), 0);
	rf_notesdir_write(&nd, "f.ini", "[y]\n", 4, 0);
	struct rf_store st;
	struct rf_history h = { 0 };
	char *head = NULL;
	rf_store_open(&st, rp.dir, RF_STORE_READ);
	CHECK(u, rf_worktree_changes(&st, &nd, NULL, &h, NULL) == 0);
	struct rf_buf out = RF_BUF_INIT;
	for (size_t i = 0; i < h.n; i++)
		rf_buf_addf(&out, "%s<-%s %d;", h.v[i].path, h.v[i].old_path ? h.v[i].old_path : "-", h.v[i].has_new);
	CHECK_STR(u, out.buf, "a.ini<-a.ini 1;e.ini<-b.ini 1;f.ini<-- 1;c.ini<-c.ini 0;");
	rf_buf_free(&out);
	rf_history_free(&h);
	CHECK(u, rf_worktree_changes(&st, &nd, "e.ini", &h, &head) == 0);
	CHECK(u, h.n == 1 && h.v[0].worktree && !strcmp(h.v[0].old_path, "b.ini"));
	CHECK_STR(u, head, "b.ini");
	free(head);
	rf_history_free(&h);
	CHECK(u, rf_worktree_changes(&st, &nd, "b.ini", &h, &head) == 0);
	CHECK(u, h.n == 1 && !h.v[0].has_new);
	free(head);
	rf_history_free(&h);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	repo_close(&rp);
}

/* Past PREFETCH_MIN_COMMITS the trees are read on threads first: the same
 * answer, renames included. */
static void long_history(struct unit *u)
{
	struct repo rp;
	repo_open(&rp);
	git_oid prev;
	char a[32], b[32];
	for (int i = 0; i < 600; i++) {
		snprintf(a, sizeof(a), "[k]\nv = %d\n", i / 10);
		snprintf(b, sizeof(b), "[k]\nw = %d\n", i);
		const char *files[] = { i < 301 ? "old.ini" : "new.ini", a, "b.ini", b, NULL };
		git_oid c = commit(&rp, files, i ? &prev : NULL, NULL, i == 301 ? "mv" : "c", 1000 + i);
		prev = c;
	}
	set_head(&rp, &prev);
	char *s = walk(&rp, "new.ini");
	size_t lines = 0;
	for (char *p = s; p && *p; p++)
		lines += *p == '\n';
	/* 60 versions of the content, and the rename (same content). */
	CHECK(u, lines == 61);
	CHECK(u, s && strstr(s, "mv new.ini<-old.ini\n"));
	CHECK(u, s && rf_str_endswith(s, "c old.ini +\n"));
	free(s);
	repo_close(&rp);
}

static void similarity(struct unit *u)
{
	CHECK(u, rf_rename_similarity("a\nb\n", 4, "a\nb\n", 4) == 100);
	CHECK(u, rf_rename_similarity("a\nb\nc\nd\n", 8, "a\nb\nc\nx\n", 8) == 75);
	CHECK(u, rf_rename_similarity("a\n", 2, "b\n", 2) == 0);
}

/* Texts already at hand (have_text): no repository is read. */
static struct rf_rename_cand *cand(struct rf_rename_cands *c, const char *name, const char *text, unsigned char id)
{
	git_oid oid;
	memset(&oid, 0, sizeof(oid));
	oid.id[0] = id;
	struct rf_rename_cand *x = rf_rename_add(c, name, &oid);
	rf_buf_adds(&x->text, text);
	x->have_text = 1;
	return x;
}

static void rename_source(struct unit *u)
{
	struct rf_rename_cands added = { NULL, 0 }, gone = { NULL, 0 };
	cand(&gone, "far.ini", "a\nb\nc\nd\n", 1);
	cand(&gone, "near.ini", "a\nb\nc\nx\n", 2);
	cand(&gone, "same.ini", "q\n", 3);
	/* The same blob wins over any similarity; a taken one is skipped. */
	CHECK(u, rf_rename_source(NULL, cand(&added, "new.ini", "zzz\n", 3), &gone) == 2);
	gone.v[2].taken = 1;
	CHECK(u, rf_rename_source(NULL, &added.v[0], &gone) == -1);
	/* The most similar, at least half the lines alike. */
	CHECK(u, rf_rename_source(NULL, cand(&added, "b.ini", "a\nb\nc\ny\n", 4), &gone) == 0);
	gone.v[0].taken = 1;
	CHECK(u, rf_rename_source(NULL, &added.v[1], &gone) == 1);
	gone.v[1].taken = 1;
	CHECK(u, rf_rename_source(NULL, &added.v[1], &gone) == -1);
	rf_rename_cands_free(&added);
	rf_rename_cands_free(&gone);
}

/* libgit2's own order of the commits from HEAD, c1 hidden when given. */
static char *revwalk_order(struct repo *rp, const git_oid *hide, const git_oid *ids, const char *const *names,
			   size_t n)
{
	git_revwalk *w;
	git_oid id;
	struct rf_buf b = RF_BUF_INIT;
	git_revwalk_new(&w, rp->r);
	git_revwalk_push_head(w);
	if (hide)
		git_revwalk_hide(w, hide);
	git_revwalk_sorting(w, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while (git_revwalk_next(&id, w) == 0)
		for (size_t i = 0; i < n; i++)
			if (git_oid_equal(&id, &ids[i]))
				rf_buf_addf(&b, "%s ", names[i]);
	git_revwalk_free(w);
	return rf_buf_detach(&b);
}

static char *walk_order(struct repo *rp, const git_oid *ids, const char *const *names, size_t n, size_t *ncut)
{
	struct rf_store st;
	struct rf_walk w;
	struct rf_buf b = RF_BUF_INIT;
	rf_store_open(&st, rp->dir, RF_STORE_READ);
	if (rf_walk_head(&st, &w) == 0)
		for (size_t k = 0; k < w.n; k++)
			for (size_t i = 0; i < n; i++)
				if (git_oid_equal(&w.v[k], &ids[i]))
					rf_buf_addf(&b, "%s%s ", names[i], rf_walk_is_cut(&w, &ids[i]) ? "|" : "");
	*ncut = w.ncut;
	rf_walk_free(&w);
	rf_store_close(&st);
	return rf_buf_detach(&b);
}

/* A shallow clone (.git/shallow lists c2): the walk stops there, in
 * libgit2's order, and the history says it was cut. */
static void shallow_clone_history_stops_at_the_boundary(struct unit *u)
{
	struct repo rp;
	repo_open(&rp);
	const char *f1[] = { "a.ini", A1, NULL }, *f2[] = { "a.ini", A2, NULL }, *f3[] = { "a.ini", A3, NULL };
	const char *f4[] = { "a.ini", A2, "b.ini", B1, NULL }, *f5[] = { "a.ini", A3, "b.ini", B1, NULL };
	git_oid c[6];
	c[0] = commit(&rp, f1, NULL, NULL, "c1", 100);
	c[1] = commit(&rp, f2, &c[0], NULL, "c2", 200);
	c[2] = commit(&rp, f3, &c[1], NULL, "c3", 300);
	c[3] = commit(&rp, f4, &c[1], NULL, "c4", 250);
	c[4] = commit(&rp, f5, &c[2], &c[3], "c5", 400);
	c[5] = commit(&rp, f5, &c[4], NULL, "c6", 500);
	set_head(&rp, &c[5]);
	const char *names[] = { "c1", "c2", "c3", "c4", "c5", "c6" };
	size_t ncut;
	char *mine = walk_order(&rp, c, names, 6, &ncut), *theirs = revwalk_order(&rp, NULL, c, names, 6);
	CHECK_STR(u, mine, theirs);
	CHECK(u, ncut == 0);
	free(mine);
	free(theirs);

	char *path = rf_xasprintf("%s/.git/shallow", rp.dir), hex[GIT_OID_HEXSZ + 1];
	FILE *f = fopen(path, "w");
	git_oid_tostr(hex, sizeof(hex), &c[1]);
	fprintf(f, "%s\n", hex);
	fclose(f);
	mine = walk_order(&rp, c, names, 6, &ncut);
	theirs = revwalk_order(&rp, &c[0], c, names, 6);
	CHECK_STR(u, mine, "c6 c5 c3 c4 c2| ");
	CHECK_STR(u, theirs, "c6 c5 c3 c4 c2 ");
	CHECK(u, ncut == 1);
	free(mine);
	free(theirs);
	/* c2's change of a.ini (h1b unknown -> no) is not known: no entry. */
	char *h = walk(&rp, "a.ini");
	CHECK_STR(u, h, "c3 a.ini\n");
	free(h);
	struct rf_store st;
	struct rf_history hist = { 0 };
	rf_store_open(&st, rp.dir, RF_STORE_READ);
	CHECK(u, rf_history_walk(&st, "a.ini", &hist) == 0 && hist.cut && git_oid_equal(&hist.cut_at, &c[1]));
	rf_history_free(&hist);
	/* b.ini came after the boundary: its history is whole. */
	CHECK(u, rf_history_walk(&st, "b.ini", &hist) == 0 && !hist.cut && hist.n == 1);
	rf_history_free(&hist);
	rf_store_close(&st);
	free(path);
	repo_close(&rp);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, one_note);
	RUN(&u, renames);
	RUN(&u, merges);
	RUN(&u, worktree);
	RUN(&u, long_history);
	RUN(&u, similarity);
	RUN(&u, rename_source);
	RUN(&u, shallow_clone_history_stops_at_the_boundary);
	return UNIT_DONE(&u);
}
