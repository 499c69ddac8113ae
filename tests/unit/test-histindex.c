/* The history index and what it stands on: trees compared by their bytes
 * (rawtree), cache files (cachefile), and an index kept up to date as
 * history moves on, is reset, is rewritten or is damaged, always giving
 * what the walk without it gives. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cachefile.h"
#include "histindex.h"
#include "rawtree.h"
#include "unit.h"

struct repo {
	char dir[64];
	git_repository *r;
};

static void repo_open(struct repo *rp)
{
	strcpy(rp->dir, "/tmp/rf-test-histindex-XXXXXX");
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

/* A tree of the files ("name", "content" pairs, NULL-ended). */
static git_oid tree(struct repo *rp, const char *const *files)
{
	git_treebuilder *b;
	git_oid id, blob;
	git_treebuilder_new(&b, rp->r, NULL);
	for (size_t i = 0; files[i]; i += 2) {
		git_blob_create_from_buffer(&blob, rp->r, files[i + 1], strlen(files[i + 1]));
		git_treebuilder_insert(NULL, b, files[i], &blob, GIT_FILEMODE_BLOB);
	}
	git_treebuilder_write(&id, b);
	git_treebuilder_free(b);
	return id;
}

static git_oid commit(struct repo *rp, const char *const *files, const git_oid *p1, const git_oid *p2,
		      const char *msg, long t)
{
	git_oid tid = tree(rp, files), id;
	git_tree *tr;
	git_signature *sig;
	git_commit *parents[2] = { NULL, NULL };
	size_t np = 0;
	git_tree_lookup(&tr, rp->r, &tid);
	git_signature_new(&sig, "T", "t@example.org", t, 60);
	if (p1)
		git_commit_lookup(&parents[np++], rp->r, p1);
	if (p2)
		git_commit_lookup(&parents[np++], rp->r, p2);
	git_commit_create(&id, rp->r, NULL, sig, sig, NULL, msg, tr, np, (const git_commit **)parents);
	git_commit_free(parents[0]);
	git_commit_free(parents[1]);
	git_signature_free(sig);
	git_tree_free(tr);
	return id;
}

static void set_head(struct repo *rp, const git_oid *id)
{
	git_reference *ref;
	git_reference_create(&ref, rp->r, "refs/heads/main", id, 1, "test");
	git_reference_free(ref);
	git_repository_set_head(rp->r, "refs/heads/main");
}

/* ---- rawtree ---- */

/* The differences between two trees as "name:a/b" ("-" absent), and
 * whether b's offsets, derived from a's, are what indexing b finds. */
static char *diff(struct repo *rp, const char *const *fa, const char *const *fb, int *offsets_ok)
{
	git_odb *odb;
	git_oid ia = tree(rp, fa), ib = tree(rp, fb);
	struct rf_rawtree a, b, check;
	struct rf_rawdiff *v = NULL;
	size_t n = 0, cap = 0;
	struct rf_buf out = RF_BUF_INIT;
	memset(&a, 0, sizeof(a));
	memset(&b, 0, sizeof(b));
	memset(&check, 0, sizeof(check));
	git_repository_odb(&odb, rp->r);
	if (rf_rawtree_read(odb, &ia, &a) < 0 || rf_rawtree_index(&a) < 0 || rf_rawtree_read(odb, &ib, &b) < 0 ||
	    rf_rawtree_diff(&a, &b, &v, &n, &cap) < 0 || rf_rawtree_read(odb, &ib, &check) < 0 ||
	    rf_rawtree_index(&check) < 0)
		abort();
	*offsets_ok = b.n == check.n && (!b.n || !memcmp(b.off, check.off, b.n * sizeof(*b.off)));
	for (size_t i = 0; i < n; i++)
		rf_buf_addf(&out, "%s:%s/%s;", v[i].in_a ? v[i].a.name : v[i].b.name, v[i].in_a ? "a" : "-",
			    v[i].in_b ? "b" : "-");
	rf_buf_adds(&out, "");
	free(v);
	rf_rawtree_free(&a);
	rf_rawtree_free(&b);
	rf_rawtree_free(&check);
	git_odb_free(odb);
	return rf_buf_detach(&out);
}

static void rawtree_diffs(struct unit *u)
{
	struct repo rp;
	int ok;
	char *s;
	repo_open(&rp);
	const char *base[] = { "a.ini", "1", "b.ini", "2", "c.ini", "3", "d.ini", "4", NULL };
	const char *same[] = { "a.ini", "1", "b.ini", "2", "c.ini", "3", "d.ini", "4", NULL };
	const char *mid[] = { "a.ini", "1", "b.ini", "22", "c.ini", "3", "d.ini", "4", NULL };
	const char *first[] = { "0.ini", "0", "a.ini", "1", "b.ini", "2", "c.ini", "3", "d.ini", "4", NULL };
	const char *last[] = { "a.ini", "1", "b.ini", "2", "c.ini", "3", NULL };
	const char *two[] = { "a.ini", "x", "b.ini", "2", "c.ini", "3", "d.ini", "y", NULL };
	/* Names that share a prefix, and an entry that shifts the rest. */
	const char *longer[] = { "a.ini", "1", "b.ini", "2", "b.ini2", "2", "c.ini", "3", "d.ini", "4", NULL };
	const char *empty[] = { NULL };
	s = diff(&rp, base, same, &ok);
	CHECK_STR(u, s, "");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, base, mid, &ok);
	CHECK_STR(u, s, "b.ini:a/b;");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, base, first, &ok);
	CHECK_STR(u, s, "0.ini:-/b;");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, first, base, &ok);
	CHECK_STR(u, s, "0.ini:a/-;");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, base, last, &ok);
	CHECK_STR(u, s, "d.ini:a/-;");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, base, two, &ok);
	CHECK_STR(u, s, "a.ini:a/b;d.ini:a/b;");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, base, longer, &ok);
	CHECK_STR(u, s, "b.ini2:-/b;");
	CHECK(u, ok);
	free(s);
	s = diff(&rp, base, empty, &ok);
	CHECK_STR(u, s, "a.ini:a/-;b.ini:a/-;c.ini:a/-;d.ini:a/-;");
	CHECK(u, ok);
	free(s);

	/* Many entries, one changed: the rest found by prefix and suffix. */
	static char names[300][24], vals[300][16];
	const char *big[601], *big2[601];
	for (int i = 0; i < 300; i++) {
		snprintf(names[i], sizeof(names[i]), "p-%03d.ini", i);
		snprintf(vals[i], sizeof(vals[i]), "%d", i);
		big[2 * i] = big2[2 * i] = names[i];
		big[2 * i + 1] = big2[2 * i + 1] = vals[i];
	}
	big[600] = big2[600] = NULL;
	big2[2 * 150 + 1] = "changed";
	s = diff(&rp, big, big2, &ok);
	CHECK_STR(u, s, "p-150.ini:a/b;");
	CHECK(u, ok);
	free(s);

	/* find, and a broken encoding. */
	git_odb *odb;
	struct rf_rawtree t;
	struct rf_rawentry e;
	git_oid id = tree(&rp, base);
	memset(&t, 0, sizeof(t));
	git_repository_odb(&odb, rp.r);
	CHECK(u, rf_rawtree_read(odb, &id, &t) == 0 && rf_rawtree_index(&t) == 0 && t.n == 4);
	CHECK(u, rf_rawtree_find(&t, "c.ini", &e) == 1 && !strcmp(e.name, "c.ini") && e.is_blob && !e.is_tree);
	CHECK(u, rf_rawtree_find(&t, "c.in", &e) == 0 && rf_rawtree_find(&t, "e.ini", &e) == 0);
	t.len -= 3;
	CHECK(u, rf_rawtree_index(&t) < 0);
	rf_rawtree_free(&t);
	git_oid blob;
	git_blob_create_from_buffer(&blob, rp.r, "x", 1);
	CHECK(u, rf_rawtree_read(odb, &blob, &t) < 0);
	rf_rawtree_free(&t);
	git_odb_free(odb);
	repo_close(&rp);
}

/* ---- cachefile ---- */

static void cache_files(struct unit *u)
{
	struct repo rp;
	struct rf_store st;
	struct rf_cachefile_data b;
	char path[128];
	repo_open(&rp);
	rf_store_open(&st, rp.dir, RF_STORE_READ);
	CHECK(u, rf_cachefile_enabled(&st));
	CHECK(u, rf_cachefile_read(&st, "t", "TEST", 1, &b) == 0);
	CHECK(u, rf_cachefile_write(&st, "t", "TEST", 1, "payload", 7) == 0);
	CHECK(u, rf_cachefile_read(&st, "t", "TEST", 1, &b) == 1 && b.len == 7 && !memcmp(b.p, "payload", 7));
	rf_cachefile_release(&b);
	/* Another version, another kind: not this cache. */
	CHECK(u, rf_cachefile_read(&st, "t", "TEST", 2, &b) == 0 && b.len == 0);
	CHECK(u, rf_cachefile_read(&st, "t", "TSET", 1, &b) == 0);
	/* One byte changed, the file cut short: refused. */
	snprintf(path, sizeof(path), "%s/.git/rf/t", rp.dir);
	int fd = open(path, O_RDWR);
	CHECK(u, fd >= 0 && pwrite(fd, "X", 1, 50) == 1);
	CHECK(u, rf_cachefile_read(&st, "t", "TEST", 1, &b) == 0);
	CHECK(u, ftruncate(fd, 40) == 0);
	CHECK(u, rf_cachefile_read(&st, "t", "TEST", 1, &b) == 0);
	close(fd);
	/* Another's lock held: no write, no wait. */
	snprintf(path, sizeof(path), "%s/.git/rf/lock", rp.dir);
	fd = open(path, O_RDWR);
	CHECK(u, fd >= 0 && flock(fd, LOCK_EX) == 0);
	CHECK(u, rf_cachefile_write(&st, "t", "TEST", 1, "x", 1) < 0);
	close(fd);
	CHECK(u, rf_cachefile_write(&st, "t", "TEST", 1, "x", 1) == 0);
	/* Switched off by git config. */
	git_config *cfg;
	git_repository_config(&cfg, rp.r);
	git_config_set_bool(cfg, "rf.cache", 0);
	git_config_free(cfg);
	CHECK(u, !rf_cachefile_enabled(&st));
	/* The checksum sees every byte. */
	CHECK(u, rf_cachefile_checksum("abcdefgh", 8) != rf_cachefile_checksum("abcdefgi", 8));
	CHECK(u, rf_cachefile_checksum("", 0) != rf_cachefile_checksum("\0", 1));
	rf_store_close(&st);
	repo_close(&rp);
}

/* The cache directory is a link elsewhere: nothing is read or written
 * through it. */
static void cache_dir_link(struct unit *u)
{
	struct repo rp;
	struct rf_store st;
	struct rf_cachefile_data b;
	char link[128], target[128];
	struct stat sb;
	repo_open(&rp);
	snprintf(target, sizeof(target), "%s/elsewhere", rp.dir);
	snprintf(link, sizeof(link), "%s/.git/rf", rp.dir);
	CHECK(u, mkdir(target, 0700) == 0 && symlink(target, link) == 0);
	rf_store_open(&st, rp.dir, RF_STORE_READ);
	CHECK(u, rf_cachefile_write(&st, "t", "TEST", 1, "x", 1) < 0);
	snprintf(target, sizeof(target), "%s/elsewhere/t", rp.dir);
	CHECK(u, stat(target, &sb) < 0);
	CHECK(u, rf_cachefile_read(&st, "t", "TEST", 1, &b) == 0);
	rf_store_close(&st);
	repo_close(&rp);
}

/* ---- the index ---- */

static void set_cache(struct repo *rp, int on)
{
	git_config *cfg;
	git_repository_config(&cfg, rp->r);
	git_config_set_bool(cfg, "rf.cache", on);
	git_config_free(cfg);
}

static char *show(const struct rf_history *h)
{
	struct rf_buf out = RF_BUF_INIT;
	for (size_t i = 0; i < h->n; i++) {
		const struct rf_history_entry *e = &h->v[i];
		char id[8];
		git_oid_tostr(id, sizeof(id), &e->commit);
		rf_buf_addf(&out, "%s %s %s<-%s %d;", id, e->subject, e->path, e->old_path ? e->old_path : "-",
			    e->has_new);
	}
	rf_buf_adds(&out, "");
	return rf_buf_detach(&out);
}

/* The walk of path with the index as it is (*read: commits it read), and
 * without it; CHECKs they agree. */
static size_t check_walk(struct unit *u, struct repo *rp, const char *path)
{
	struct rf_store st;
	struct rf_history h = { 0 }, live = { 0 };
	struct rf_histindex *hx;
	size_t read = (size_t)-1;
	rf_store_open(&st, rp->dir, RF_STORE_READ);
	rf_histindex_open(&hx, &st, 0);
	CHECK(u, hx != NULL);
	if (hx) {
		read = rf_histindex_read_count(hx);
		rf_histindex_query(hx, path, NULL, NULL, &h);
		rf_histindex_free(hx);
	}
	rf_store_close(&st);
	set_cache(rp, 0);
	rf_store_open(&st, rp->dir, RF_STORE_READ);
	CHECK(u, rf_history_walk(&st, path, &live) == 0);
	rf_store_close(&st);
	set_cache(rp, 1);
	char *a = show(&h), *b = show(&live);
	CHECK_STR(u, a, b);
	free(a);
	free(b);
	rf_history_free(&h);
	rf_history_free(&live);
	return read;
}

static void index_moves_with_history(struct unit *u)
{
	struct repo rp;
	char a[32], b[32], msg[16];
	git_oid c[12];
	repo_open(&rp);
	for (int i = 0; i < 10; i++) {
		snprintf(a, sizeof(a), "[k]\nv = %d\n", i);
		snprintf(b, sizeof(b), "[k]\nw = %d\n", i / 3);
		snprintf(msg, sizeof(msg), "c%d", i);
		/* The first commit adds three notes: records of more than one
		 * entry; the second deletes one. */
		const char *files[] = { "a.ini", a, "b.ini", b, i ? NULL : "d.ini", "[k]\nd = 1\n", NULL };
		c[i] = commit(&rp, files, i ? &c[i - 1] : NULL, NULL, msg, 1000 + 10 * i);
	}
	set_head(&rp, &c[9]);
	CHECK(u, check_walk(u, &rp, "a.ini") == 10);
	CHECK(u, check_walk(u, &rp, "d.ini") == 0);
	/* Current: nothing read. */
	CHECK(u, check_walk(u, &rp, NULL) == 0);
	/* Two new commits: only they are read. */
	const char *f10[] = { "a.ini", "[k]\nv = 10\n", "b.ini", b, NULL };
	c[10] = commit(&rp, f10, &c[9], NULL, "c10", 1100);
	const char *f11[] = { "a.ini", "[k]\nv = 10\n", "c.ini", b, NULL };
	c[11] = commit(&rp, f11, &c[10], NULL, "c11 mv b c", 1110);
	set_head(&rp, &c[11]);
	CHECK(u, check_walk(u, &rp, "c.ini") == 2);
	CHECK(u, check_walk(u, &rp, "a.ini") == 0);
	/* Reset to an ancestor: walked again, nothing read. */
	set_head(&rp, &c[5]);
	CHECK(u, check_walk(u, &rp, "a.ini") == 0);
	CHECK(u, check_walk(u, &rp, "b.ini") == 0);
	/* Rewritten (an amend): the new commit alone is read. */
	const char *f6[] = { "a.ini", "[k]\nv = amended\n", "b.ini", "[k]\nw = 1\n", NULL };
	git_oid amended = commit(&rp, f6, &c[5], NULL, "c6 amended", 1060);
	set_head(&rp, &amended);
	CHECK(u, check_walk(u, &rp, "a.ini") == 1);
	/* A branch older than the tip merged in: its commits sort between
	 * the old ones, so the walk is done again; only they are read. */
	const char *fx[] = { "a.ini", "[k]\nv = 3\n", "b.ini", "[k]\nw = side\n", NULL };
	git_oid side = commit(&rp, fx, &c[3], NULL, "side", 1035);
	const char *fm[] = { "a.ini", "[k]\nv = amended\n", "b.ini", "[k]\nw = side\n", NULL };
	git_oid merge = commit(&rp, fm, &amended, &side, "merge", 1200);
	set_head(&rp, &merge);
	CHECK(u, check_walk(u, &rp, "b.ini") == 2);
	CHECK(u, check_walk(u, &rp, NULL) == 0);
	repo_close(&rp);
}

/* Whatever the file holds, the index gives the walk's answer. */
static void damaged_index(struct unit *u)
{
	struct repo rp;
	char path[128], a[32];
	git_oid prev;
	repo_open(&rp);
	for (int i = 0; i < 5; i++) {
		snprintf(a, sizeof(a), "[k]\nv = %d\n", i);
		const char *files[] = { "a.ini", a, NULL };
		prev = commit(&rp, files, i ? &prev : NULL, NULL, "c", 1000 + i);
	}
	set_head(&rp, &prev);
	check_walk(u, &rp, "a.ini");
	snprintf(path, sizeof(path), "%s/.git/rf/history", rp.dir);
	struct stat sb;
	CHECK(u, stat(path, &sb) == 0);
	/* Truncated: read again. */
	CHECK(u, truncate(path, sb.st_size / 2) == 0);
	CHECK(u, check_walk(u, &rp, "a.ini") == 5);
	/* A byte flipped past the header. */
	int fd = open(path, O_RDWR);
	CHECK(u, fd >= 0 && pwrite(fd, "\xff", 1, sb.st_size - 10) == 1);
	close(fd);
	CHECK(u, check_walk(u, &rp, "a.ini") == 5);
	/* Garbage. */
	fd = open(path, O_WRONLY | O_TRUNC);
	CHECK(u, fd >= 0 && write(fd, "garbage\n", 8) == 8);
	close(fd);
	CHECK(u, check_walk(u, &rp, "a.ini") == 5);
	CHECK(u, check_walk(u, &rp, "a.ini") == 0);
	repo_close(&rp);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, rawtree_diffs);
	RUN(&u, cache_files);
	RUN(&u, cache_dir_link);
	RUN(&u, index_moves_with_history);
	RUN(&u, damaged_index);
	return UNIT_DONE(&u);
}
