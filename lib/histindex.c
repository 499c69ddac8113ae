#include "histindex.h"

#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cachefile.h"
#include "notefile.h"
#include "parallel.h"
#include "rawtree.h"
#include "rename.h"
#include "util.h"

#define FILE_NAME "history"
#define KIND "HIST"
#define FORMAT 1
#define NONE UINT32_MAX

/* A thread is worth starting for this many commits; more than this many
 * threads only queue on the pack's lock. */
#define MIN_PER_THREAD 256

/* ---- the index: its file's payload, read in place ---- */

/* The payload: a head (tip, counts), then fixed-size records of commits
 * (in walk order), parents and entries, the names' offsets, and the
 * strings (names and subjects, NUL-terminated).  Little-endian. */
#define HEAD_SIZE (GIT_OID_RAWSZ + 4 * 5)
#define COMMIT_SIZE (GIT_OID_RAWSZ + 8 + 4 * 7)	/* id, time, offset, merge, subject, parents, entries */
#define PARENT_SIZE (GIT_OID_RAWSZ + 4)		/* id, its position (NONE: outside the walk) */
#define ENTRY_SIZE (4 * 3 + 2 * GIT_OID_RAWSZ)	/* path, old path (NONE: created), has new, blobs */

struct rf_histindex {
	unsigned char *own;	/* the memory it lives in (owned) */
	const unsigned char *buf;	/* the payload, in own */
	size_t len;
	git_oid tip;		/* the commit it is built up to: the first */
	const unsigned char *commits, *parents, *entries, *names;
	const char *str;
	size_t nc, np, ne, nn, sl;
	size_t read;		/* commits read from git by rf_histindex_open */
};

void rf_histindex_free(struct rf_histindex *hx)
{
	if (!hx)
		return;
	free(hx->own);
	free(hx);
}

static uint32_t get32(const unsigned char *p)
{
	return rf_cachefile_get32(p);
}

/* Commit i's fields. */
static const unsigned char *commit_at(const struct rf_histindex *hx, size_t i)
{
	return hx->commits + i * COMMIT_SIZE;
}

static void commit_id(const struct rf_histindex *hx, size_t i, git_oid *id)
{
	git_oid_fromraw(id, commit_at(hx, i));
}

#define C_TIME GIT_OID_RAWSZ
#define C_OFFSET (C_TIME + 8)
#define C_MERGE (C_OFFSET + 4)
#define C_SUBJECT (C_MERGE + 4)
#define C_PFIRST (C_SUBJECT + 4)
#define C_NP (C_PFIRST + 4)
#define C_EFIRST (C_NP + 4)
#define C_NE (C_EFIRST + 4)

static uint32_t c32(const struct rf_histindex *hx, size_t i, size_t field)
{
	return get32(commit_at(hx, i) + field);
}

static const unsigned char *entry_at(const struct rf_histindex *hx, size_t k)
{
	return hx->entries + k * ENTRY_SIZE;
}

#define E_PATH 0
#define E_OLD 4
#define E_HAS_NEW 8
#define E_OLD_BLOB 12
#define E_NEW_BLOB (E_OLD_BLOB + GIT_OID_RAWSZ)

static const char *name_at(const struct rf_histindex *hx, uint32_t i)
{
	return hx->str + get32(hx->names + 4 * (size_t)i);
}

#define GROW(v, n, cap)                                                        \
	do {                                                                   \
		if ((n) == (cap)) {                                            \
			(cap) = (cap) ? 2 * (cap) : 64;                        \
			(v) = rf_xrealloc((v), (cap) * sizeof(*(v)));          \
		}                                                              \
	} while (0)

/* Names interned while an index is assembled. */
struct names {
	char **v;		/* owned */
	size_t n, cap, bytes;	/* bytes: their lengths, NULs included */
	uint32_t *slot;		/* index + 1, 0 empty */
	size_t nslot;
};

static size_t name_hash(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static void names_free(struct names *nm)
{
	for (size_t i = 0; i < nm->n; i++)
		free(nm->v[i]);
	free(nm->v);
	free(nm->slot);
}

static uint32_t intern(struct names *nm, const char *s)
{
	if (2 * (nm->n + 1) > nm->nslot) {
		free(nm->slot);
		nm->nslot = nm->nslot ? 2 * nm->nslot : 256;
		nm->slot = rf_xcalloc(nm->nslot, sizeof(*nm->slot));
		for (size_t i = 0; i < nm->n; i++) {
			size_t k = name_hash(nm->v[i]) & (nm->nslot - 1);
			while (nm->slot[k])
				k = (k + 1) & (nm->nslot - 1);
			nm->slot[k] = (uint32_t)i + 1;
		}
	}
	size_t k = name_hash(s) & (nm->nslot - 1);
	for (; nm->slot[k]; k = (k + 1) & (nm->nslot - 1))
		if (!strcmp(nm->v[nm->slot[k] - 1], s))
			return nm->slot[k] - 1;
	GROW(nm->v, nm->n, nm->cap);
	nm->v[nm->n] = rf_xstrdup(s);
	nm->bytes += strlen(s) + 1;
	nm->slot[k] = (uint32_t)++nm->n;
	return (uint32_t)(nm->n - 1);
}

/* Commits by id, for parents and for what a rebuild can reuse. */
struct oidmap {
	struct oidslot {
		git_oid id;
		uint32_t val;
	} *v;
	size_t mask;
};

static void oidmap_init(struct oidmap *m, size_t n)
{
	size_t cap = 64;
	while (cap < 2 * n)
		cap *= 2;
	m->v = rf_xmalloc(cap * sizeof(*m->v));
	for (size_t i = 0; i < cap; i++)
		m->v[i].val = NONE;
	m->mask = cap - 1;
}

static size_t oid_slot(const struct oidmap *m, const git_oid *id)
{
	uint64_t h;
	memcpy(&h, id->id, sizeof(h));
	size_t k = (size_t)h & m->mask;
	while (m->v[k].val != NONE && !git_oid_equal(&m->v[k].id, id))
		k = (k + 1) & m->mask;
	return k;
}

static void oidmap_put(struct oidmap *m, const git_oid *id, uint32_t val)
{
	size_t k = oid_slot(m, id);
	if (m->v[k].val == NONE) {
		git_oid_cpy(&m->v[k].id, id);
		m->v[k].val = val;
	}
}

static uint32_t oidmap_get(const struct oidmap *m, const git_oid *id)
{
	return m->v[oid_slot(m, id)].val;
}

/* ---- one commit's changes, read on a worker thread ---- */

struct rec_entry {
	char *path, *old_path;	/* old_path is path itself when the note kept its name */
	git_oid old_blob, new_blob;
	int has_new;
};

/* What a walk position's record is made from. */
enum { TODO, DONE, FROM_OLD };

/* A cold build holds one per commit of the whole history at once: the
 * first parent and the first entry (most commits change one note) are
 * kept in place, not allocated. */
struct rec {
	int64_t time;
	char *subject;
	git_oid parent;		/* the first, when np > 0 */
	git_oid *more_parents;	/* the others of a merge */
	struct rec_entry e1;	/* the first, when ne > 0 */
	struct rec_entry *more_e;
	uint32_t np, ne, ce;	/* ce: room in more_e */
	int32_t offset;
	int done;	/* TODO, DONE (read here) or FROM_OLD (copied from the older index) */
};

static const git_oid *rec_parent(const struct rec *r, uint32_t k)
{
	return k ? &r->more_parents[k - 1] : &r->parent;
}

static const struct rec_entry *rec_ent(const struct rec *r, size_t k)
{
	return k ? &r->more_e[k - 1] : &r->e1;
}

static void entry_free(struct rec_entry *x)
{
	if (x->old_path != x->path)
		free(x->old_path);
	free(x->path);
}

static void rec_free(struct rec *r)
{
	for (size_t i = 0; i < r->ne; i++)
		entry_free(i ? &r->more_e[i - 1] : &r->e1);
	free(r->more_e);
	free(r->more_parents);
	free(r->subject);
	memset(r, 0, sizeof(*r));
}

static void rec_add(struct rec *r, const char *path, const char *old_path, const git_oid *old_blob,
		    const git_oid *new_blob)
{
	struct rec_entry *x;
	if (r->ne == 0) {
		x = &r->e1;
	} else {
		if (r->ne - 1 == r->ce) {
			r->ce = r->ce ? 2 * r->ce : 1;
			r->more_e = rf_xrealloc(r->more_e, r->ce * sizeof(*r->more_e));
		}
		x = &r->more_e[r->ne - 1];
	}
	r->ne++;
	memset(x, 0, sizeof(*x));
	x->path = rf_xstrdup(path);
	if (old_path) {
		x->old_path = strcmp(old_path, path) ? rf_xstrdup(old_path) : x->path;
		git_oid_cpy(&x->old_blob, old_blob);
	}
	if (new_blob) {
		x->has_new = 1;
		git_oid_cpy(&x->new_blob, new_blob);
	}
}

/* A worker's state: its own repository (libgit2 objects are not shared
 * between threads) and the trees it keeps from one commit to the next. */
struct worker {
	git_repository *repo;
	git_odb *odb;
	git_commit *next;	/* the last commit's first parent, most likely the next commit (owned) */
	struct rf_rawtree cur, par, other;
	struct rf_rawdiff *dv;
	size_t dn, dcap;
};

static int is_note(const struct rf_rawentry *e)
{
	return e->is_blob && rf_notefile_is_note(e->name);
}

static int read_text(void *arg, struct rf_rename_cand *c)
{
	struct worker *w = arg;
	git_odb_object *o;
	if (git_odb_read(&o, w->odb, &c->id) < 0)
		return -1;
	rf_buf_reset(&c->text);
	rf_buf_add(&c->text, git_odb_object_data(o), git_odb_object_size(o));
	git_odb_object_free(o);
	return 0;
}

static int parent_tree(git_commit *c, unsigned i, git_oid *out)
{
	git_commit *p;
	if (git_commit_parent(&p, c, i) < 0)
		return -1;
	git_oid_cpy(out, git_commit_tree_id(p));
	git_commit_free(p);
	return 0;
}

/* The notes that differ from the first parent, as history.c's timeline
 * sorts them: changed in place (now: with both ids), added, gone. */
struct changes {
	struct rf_rawdiff *now;
	size_t nnow, cnow;
	struct rf_rename_cands added, gone;
	char *listed;	/* per change (now, then added, then gone) */
};

static void changes_free(struct changes *ch)
{
	free(ch->now);
	rf_rename_cands_free(&ch->added);
	rf_rename_cands_free(&ch->gone);
	free(ch->listed);
}

static void classify(const struct rf_rawdiff *d, struct changes *ch)
{
	git_oid id;
	if (d->in_a && d->in_b) {
		if (is_note(&d->a) && is_note(&d->b)) {
			GROW(ch->now, ch->nnow, ch->cnow);
			ch->now[ch->nnow++] = *d;
		}
	} else if (d->in_a && is_note(&d->a)) {
		git_oid_fromraw(&id, d->a.id);
		rf_rename_add(&ch->added, d->a.name, &id);
	} else if (d->in_b && is_note(&d->b)) {
		git_oid_fromraw(&id, d->b.id);
		rf_rename_add(&ch->gone, d->b.name, &id);
	}
}

/* A merge lists a change only where no parent but the first had it
 * already: the note's state in every other parent differs. */
static int mark_listed(struct worker *w, git_commit *c, struct changes *ch)
{
	size_t n = ch->nnow + ch->added.n + ch->gone.n;
	ch->listed = rf_xmalloc(n ? n : 1);
	memset(ch->listed, 1, n ? n : 1);
	for (unsigned i = 1; i < git_commit_parentcount(c); i++) {
		git_oid ptid;
		if (parent_tree(c, i, &ptid) < 0 || rf_rawtree_read(w->odb, &ptid, &w->other) < 0 ||
		    rf_rawtree_index(&w->other) < 0)
			return -1;
		for (size_t k = 0; k < n; k++) {
			const char *name;
			git_oid mine;
			int present = 1;
			if (k < ch->nnow) {
				name = ch->now[k].a.name;
				git_oid_fromraw(&mine, ch->now[k].a.id);
			} else if (k < ch->nnow + ch->added.n) {
				name = ch->added.v[k - ch->nnow].name;
				git_oid_cpy(&mine, &ch->added.v[k - ch->nnow].id);
			} else {
				name = ch->gone.v[k - ch->nnow - ch->added.n].name;
				present = 0;
			}
			struct rf_rawentry e;
			int have = rf_rawtree_find(&w->other, name, &e) && e.is_blob;
			if (have == present && (!have || !memcmp(e.id, mine.id, GIT_OID_RAWSZ)))
				ch->listed[k] = 0;
		}
	}
	return 0;
}

static int commit_record(struct worker *w, const git_oid *id, struct rec *r)
{
	git_commit *c = NULL;
	struct changes ch;
	int ret = -1;
	memset(&ch, 0, sizeof(ch));
	if (w->next && git_oid_equal(git_commit_id(w->next), id)) {
		c = w->next;
		w->next = NULL;
	} else if (git_commit_lookup(&c, w->repo, id) < 0) {
		return -1;
	}
	const git_signature *a = git_commit_author(c);
	const char *summary = git_commit_summary(c);
	r->time = a->when.time;
	r->offset = a->when.offset;
	r->subject = rf_xstrdup(summary ? summary : "");
	r->np = git_commit_parentcount(c);
	if (r->np > 1)
		r->more_parents = rf_xcalloc(r->np - 1, sizeof(*r->more_parents));
	for (unsigned i = 0; i < r->np; i++)
		git_oid_cpy(i ? &r->more_parents[i - 1] : &r->parent, git_commit_parent_id(c, i));

	const git_oid *tid = git_commit_tree_id(c);
	if (!w->cur.indexed || !git_oid_equal(&w->cur.id, tid)) {
		if (w->par.indexed && git_oid_equal(&w->par.id, tid))
			rf_rawtree_swap(&w->cur, &w->par);
		else if (rf_rawtree_read(w->odb, tid, &w->cur) < 0 || rf_rawtree_index(&w->cur) < 0)
			goto out;
	}
	if (r->np == 0) {
		for (size_t i = 0; i < w->cur.n; i++) {
			struct rf_rawdiff d;
			memset(&d, 0, sizeof(d));
			rf_rawtree_entry(&w->cur, i, &d.a);
			d.in_a = 1;
			classify(&d, &ch);
		}
	} else {
		git_oid ptid;
		git_commit_free(w->next);
		w->next = NULL;
		if (git_commit_parent(&w->next, c, 0) < 0)
			goto out;
		git_oid_cpy(&ptid, git_commit_tree_id(w->next));
		if (git_oid_equal(&ptid, tid)) {
			ret = 0;	/* nothing changed against the first parent */
			goto out;
		}
		w->dn = 0;
		if (rf_rawtree_read(w->odb, &ptid, &w->par) < 0 ||
		    rf_rawtree_diff(&w->cur, &w->par, &w->dv, &w->dn, &w->dcap) < 0)
			goto out;
		for (size_t i = 0; i < w->dn; i++)
			classify(&w->dv[i], &ch);
	}
	if (mark_listed(w, c, &ch) < 0)
		goto out;
	for (size_t k = 0; k < ch.nnow; k++) {
		git_oid was, now;
		git_oid_fromraw(&was, ch.now[k].b.id);
		git_oid_fromraw(&now, ch.now[k].a.id);
		if (ch.listed[k])
			rec_add(r, ch.now[k].a.name, ch.now[k].a.name, &was, &now);
	}
	for (size_t k = 0; k < ch.added.n; k++) {
		struct rf_rename_cand *add = &ch.added.v[k];
		int l = ch.listed[ch.nnow + k];
		long from = l && r->np == 1 ? rf_rename_pick(add, &ch.gone, read_text, w) : -1;
		if (from == -2)
			goto out;
		if (!l)
			continue;
		struct rf_rename_cand *g = from >= 0 ? &ch.gone.v[from] : NULL;
		if (g)
			g->taken = 1;
		rec_add(r, add->name, g ? g->name : NULL, g ? &g->id : NULL, &add->id);
	}
	for (size_t k = 0; k < ch.gone.n; k++) {
		const struct rf_rename_cand *g = &ch.gone.v[k];
		if (!g->taken && ch.listed[ch.nnow + ch.added.n + k])
			rec_add(r, g->name, g->name, &g->id, NULL);
	}
	ret = 0;
out:
	changes_free(&ch);
	git_commit_free(c);
	if (ret == 0)
		r->done = DONE;
	return ret;
}

struct job {
	git_repository *repo;	/* the caller's, for the thread that is the caller; else NULL */
	const char *gitdir;
	const git_oid *ids;
	struct rec *recs;
	size_t lo, hi;
	int failed;
};

static void *work(void *arg)
{
	struct job *j = arg;
	struct worker w;
	memset(&w, 0, sizeof(w));
	w.repo = j->repo;
	if ((!w.repo && git_repository_open(&w.repo, j->gitdir) < 0) || git_repository_odb(&w.odb, w.repo) < 0)
		j->failed = 1;
	for (size_t i = j->lo; i < j->hi && !j->failed; i++)
		if (j->recs[i].done == TODO && commit_record(&w, &j->ids[i], &j->recs[i]) < 0)
			j->failed = 1;
	git_commit_free(w.next);
	rf_rawtree_free(&w.cur);
	rf_rawtree_free(&w.par);
	rf_rawtree_free(&w.other);
	free(w.dv);
	git_odb_free(w.odb);
	if (!j->repo)
		git_repository_free(w.repo);
	return NULL;
}

/* The records of ids[0..n) that are not done yet, each thread taking a
 * stretch of neighbouring history (so one commit's parent tree is the
 * next one's tree): how many were read, or -1 when one could not be. */
/* What the threads freed (their repositories, trees, objects) stays in
 * their malloc arenas, where the caller's thread cannot reuse it: handed
 * back, so that a cold build of a large history stays within its bound. */
static void give_back(void)
{
#ifdef __GLIBC__
	malloc_trim(0);
#endif
}

static int compute(struct rf_store *st, const git_oid *ids, struct rec *recs, size_t n)
{
	size_t todo = 0;
	for (size_t i = 0; i < n; i++)
		todo += recs[i].done == TODO;
	size_t nthreads = rf_parallel_threads(todo, MIN_PER_THREAD);
	struct job jobs[RF_PARALLEL_MAX];
	int failed = 0;
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct job){ k ? NULL : st->repo, git_repository_path(st->repo), ids, recs,
					n * k / nthreads, n * (k + 1) / nthreads, 0 };
	rf_parallel_run(work, jobs, sizeof(*jobs), nthreads);
	for (size_t k = 0; k < nthreads; k++)
		failed |= jobs[k].failed;
	git_error_clear();
	if (nthreads > 1)
		give_back();
	return failed ? -1 : (int)(todo > INT32_MAX ? INT32_MAX : todo);
}

/* ---- assembling an index from records and an older index ---- */

static unsigned char *put32(unsigned char *p, uint32_t v)
{
	p[0] = (unsigned char)v;
	p[1] = (unsigned char)(v >> 8);
	p[2] = (unsigned char)(v >> 16);
	p[3] = (unsigned char)(v >> 24);
	return p + 4;
}

static unsigned char *put_raw(unsigned char *p, const unsigned char *raw)
{
	memcpy(p, raw, GIT_OID_RAWSZ);
	return p + GIT_OID_RAWSZ;
}

/* Point hx's sections into its payload and check every reference in it;
 * -1 when anything is off. */
static int adopt(struct rf_histindex *hx)
{
	const unsigned char *p = hx->buf;
	if (hx->len < HEAD_SIZE)
		return -1;
	git_oid_fromraw(&hx->tip, p);
	p += GIT_OID_RAWSZ;
	uint64_t nc = get32(p), np = get32(p + 4), ne = get32(p + 8), nn = get32(p + 12), sl = get32(p + 16);
	if (HEAD_SIZE + nc * COMMIT_SIZE + np * PARENT_SIZE + ne * ENTRY_SIZE + nn * 4 + sl != hx->len || !nc ||
	    !sl || hx->buf[hx->len - 1] != '\0')
		return -1;
	hx->nc = nc;
	hx->np = np;
	hx->ne = ne;
	hx->nn = nn;
	hx->sl = sl;
	hx->commits = hx->buf + HEAD_SIZE;
	hx->parents = hx->commits + nc * COMMIT_SIZE;
	hx->entries = hx->parents + np * PARENT_SIZE;
	hx->names = hx->entries + ne * ENTRY_SIZE;
	hx->str = (const char *)hx->names + nn * 4;
	for (size_t i = 0; i < nc; i++)
		if (c32(hx, i, C_SUBJECT) >= sl || (uint64_t)c32(hx, i, C_PFIRST) + c32(hx, i, C_NP) > np ||
		    (uint64_t)c32(hx, i, C_EFIRST) + c32(hx, i, C_NE) > ne)
			return -1;
	for (size_t i = 0; i < np; i++) {
		uint32_t at = get32(hx->parents + i * PARENT_SIZE + GIT_OID_RAWSZ);
		if (at != NONE && at >= nc)
			return -1;
	}
	for (size_t i = 0; i < ne; i++) {
		uint32_t path = get32(entry_at(hx, i) + E_PATH), old = get32(entry_at(hx, i) + E_OLD);
		if (path >= nn || (old != NONE && old >= nn))
			return -1;
	}
	for (size_t i = 0; i < nn; i++)
		if (get32(hx->names + 4 * i) >= sl)
			return -1;
	git_oid first;
	commit_id(hx, 0, &first);
	return git_oid_equal(&first, &hx->tip) ? 0 : -1;
}

/* The index of the walk order[0..n): each commit from its record when
 * DONE, else from old (where oldmap finds it), written straight into the
 * payload of the file (no second copy).  Records are freed as they are
 * used. */
static struct rf_histindex *assemble(const git_oid *order, size_t n, struct rec *recs,
				     const struct rf_histindex *old, const struct oidmap *oldmap)
{
	struct oidmap pos;
	struct names nm;
	size_t np = 0, ne = 0, subjects = 0;
	memset(&nm, 0, sizeof(nm));
	oidmap_init(&pos, n);
	for (size_t i = 0; i < n; i++)
		oidmap_put(&pos, &order[i], (uint32_t)i);
	/* First the sizes: parents, entries, names and subjects. */
	uint32_t *from = rf_xmalloc((n ? n : 1) * sizeof(*from));
	for (size_t i = 0; i < n; i++) {
		const struct rec *r = &recs[i];
		if (r->done == DONE) {
			from[i] = NONE;
			np += r->np;
			ne += r->ne;
			subjects += strlen(r->subject) + 1;
			for (size_t k = 0; k < r->ne; k++) {
				intern(&nm, rec_ent(r, k)->path);
				if (rec_ent(r, k)->old_path)
					intern(&nm, rec_ent(r, k)->old_path);
			}
		} else {
			uint32_t k = from[i] = oidmap_get(oldmap, &order[i]);
			np += c32(old, k, C_NP);
			ne += c32(old, k, C_NE);
			subjects += strlen(old->str + c32(old, k, C_SUBJECT)) + 1;
			for (uint32_t x = 0; x < c32(old, k, C_NE); x++) {
				const unsigned char *e = entry_at(old, c32(old, k, C_EFIRST) + x);
				intern(&nm, name_at(old, get32(e + E_PATH)));
				if (get32(e + E_OLD) != NONE)
					intern(&nm, name_at(old, get32(e + E_OLD)));
			}
		}
	}
	struct rf_histindex *hx = rf_xcalloc(1, sizeof(*hx));
	size_t sl = nm.bytes + subjects;
	hx->len = HEAD_SIZE + n * COMMIT_SIZE + np * PARENT_SIZE + ne * ENTRY_SIZE + nm.n * 4 + sl;
	hx->own = rf_xmalloc(hx->len);
	hx->buf = hx->own;
	unsigned char *h = hx->own, *c = h + HEAD_SIZE, *pp = c + n * COMMIT_SIZE, *ep = pp + np * PARENT_SIZE;
	unsigned char *namep = ep + ne * ENTRY_SIZE;
	char *str = (char *)namep + nm.n * 4;
	size_t so = 0;
	static const unsigned char none[GIT_OID_RAWSZ];	/* no commit: adopt refuses it */
	h = put_raw(h, n ? order[0].id : none);
	h = put32(put32(put32(put32(put32(h, (uint32_t)n), (uint32_t)np), (uint32_t)ne), (uint32_t)nm.n), (uint32_t)sl);
	for (size_t i = 0; i < nm.n; i++) {
		namep = put32(namep, (uint32_t)so);
		size_t l = strlen(nm.v[i]) + 1;
		memcpy(str + so, nm.v[i], l);
		so += l;
	}
	uint32_t pi = 0, ei = 0;
	for (size_t i = 0; i < n; i++) {
		struct rec *r = from[i] == NONE ? &recs[i] : NULL;
		const unsigned char *oc = r ? NULL : commit_at(old, from[i]);
		uint32_t npar = r ? r->np : get32(oc + C_NP), nent = r ? (uint32_t)r->ne : get32(oc + C_NE);
		const char *subject = r ? r->subject : old->str + get32(oc + C_SUBJECT);
		size_t l = strlen(subject) + 1;
		memcpy(str + so, subject, l);
		c = put_raw(c, order[i].id);
		if (r) {
			c = put32(put32(c, (uint32_t)(uint64_t)r->time), (uint32_t)((uint64_t)r->time >> 32));
			c = put32(c, (uint32_t)r->offset);
		} else {
			memcpy(c, oc + C_TIME, 12);
			c += 12;
		}
		c = put32(put32(put32(put32(put32(put32(c, npar > 1), (uint32_t)so), pi), npar), ei), nent);
		so += l;
		for (uint32_t k = 0; k < npar; k++, pi++) {
			git_oid pid;
			if (r)
				git_oid_cpy(&pid, rec_parent(r, k));
			else
				git_oid_fromraw(&pid, old->parents + (get32(oc + C_PFIRST) + k) * PARENT_SIZE);
			pp = put32(put_raw(pp, pid.id), oidmap_get(&pos, &pid));
		}
		for (uint32_t k = 0; k < nent; k++, ei++) {
			if (r) {
				const struct rec_entry *x = rec_ent(r, k);
				ep = put32(ep, intern(&nm, x->path));
				ep = put32(ep, x->old_path ? intern(&nm, x->old_path) : NONE);
				ep = put32(ep, (uint32_t)x->has_new);
				ep = put_raw(put_raw(ep, x->old_blob.id), x->new_blob.id);
			} else {
				const unsigned char *e = entry_at(old, get32(oc + C_EFIRST) + k);
				uint32_t op = get32(e + E_OLD);
				ep = put32(ep, intern(&nm, name_at(old, get32(e + E_PATH))));
				ep = put32(ep, op == NONE ? NONE : intern(&nm, name_at(old, op)));
				memcpy(ep, e + E_HAS_NEW, 4 + 2 * GIT_OID_RAWSZ);
				ep += 4 + 2 * GIT_OID_RAWSZ;
			}
		}
		if (r)
			rec_free(r);
	}
	free(from);
	free(pos.v);
	names_free(&nm);
	if (adopt(hx) < 0) {	/* cannot happen: what was just written is sound */
		rf_histindex_free(hx);
		return NULL;
	}
	return hx;
}

/* ---- the file ---- */

static void save(struct rf_store *st, const struct rf_histindex *hx)
{
	rf_cachefile_write(st, FILE_NAME, KIND, FORMAT, hx->buf, hx->len);
}

struct rf_histindex *rf_histindex_parse(const unsigned char *payload, size_t len)
{
	struct rf_histindex *hx = rf_xcalloc(1, sizeof(*hx));
	hx->own = rf_xmalloc(len ? len : 1);
	if (len)
		memcpy(hx->own, payload, len);
	hx->buf = hx->own;
	hx->len = len;
	if (adopt(hx) < 0) {
		rf_histindex_free(hx);
		return NULL;
	}
	return hx;
}

/* The index in the file, every reference in it checked; NULL when there
 * is none or anything is off. */
static struct rf_histindex *load(struct rf_store *st)
{
	struct rf_cachefile_data b;
	struct rf_histindex *hx = NULL;
	if (rf_cachefile_read(st, FILE_NAME, KIND, FORMAT, &b)) {
		/* The buffer read becomes the index's, payload in place. */
		hx = rf_xcalloc(1, sizeof(*hx));
		hx->own = b.buf;
		hx->buf = b.p;
		hx->len = b.len;
		b.buf = NULL;
		if (adopt(hx) < 0) {
			rf_histindex_free(hx);
			hx = NULL;
		}
	}
	rf_cachefile_release(&b);
	return hx;
}

/* ---- bringing it up to date ---- */

/* The walk from HEAD, hiding hide (may be NULL), in history.c's order. */
static int walk_order(struct rf_store *st, const git_oid *hide, git_oid **out, size_t *n)
{
	git_revwalk *rw = NULL;
	git_oid id;
	size_t cap = 0;
	int e;
	*out = NULL;
	*n = 0;
	if (git_revwalk_new(&rw, st->repo) < 0 || git_revwalk_push_head(rw) < 0 ||
	    (hide && git_revwalk_hide(rw, hide) < 0)) {
		git_revwalk_free(rw);
		return -1;
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while ((e = git_revwalk_next(&id, rw)) == 0) {
		GROW(*out, *n, cap);
		git_oid_cpy(&(*out)[(*n)++], &id);
	}
	git_revwalk_free(rw);
	return e == GIT_ITEROVER ? 0 : -1;
}

static void recs_free(struct rec *recs, size_t n)
{
	for (size_t i = 0; recs && i < n; i++)
		rec_free(&recs[i]);
	free(recs);
}

/* The new commits can go in front of the old walk unchanged when each of
 * them reaches the old tip and only through new commits: then the full
 * walk gives all of them first, in the order of their own walk, and then
 * the old walk as it was (the topological sort reaches the old tip only
 * when every new commit is out, and the old part sees the same in-degrees
 * as before). */
static int prepends(const git_oid *tip, const git_oid *ids, const struct rec *recs, size_t n)
{
	struct oidmap m;
	int ok = 1;
	oidmap_init(&m, n);
	for (size_t i = 0; i < n; i++)
		oidmap_put(&m, &ids[i], (uint32_t)i);
	for (size_t i = 0; i < n && ok; i++) {
		ok = recs[i].np > 0;
		for (uint32_t k = 0; k < recs[i].np && ok; k++)
			ok = git_oid_equal(rec_parent(&recs[i], k), tip) ||
			     oidmap_get(&m, rec_parent(&recs[i], k)) != NONE;
	}
	free(m.v);
	return ok;
}

/* Walk all of history again, with what old and the new records know. */
static struct rf_histindex *rebuild(struct rf_store *st, const struct rf_histindex *old, const git_oid *new_ids,
				    struct rec *new_recs, size_t nnew, size_t *read)
{
	git_oid *order = NULL;
	size_t n = 0;
	struct rec *recs = NULL;
	struct oidmap oldmap = { NULL, 0 }, newmap = { NULL, 0 };
	struct rf_histindex *hx = NULL;
	if (walk_order(st, NULL, &order, &n) < 0 || !n)
		goto out;
	recs = rf_xcalloc(n, sizeof(*recs));
	oidmap_init(&oldmap, old ? old->nc : 0);
	for (size_t i = 0; old && i < old->nc; i++) {
		git_oid id;
		commit_id(old, i, &id);
		oidmap_put(&oldmap, &id, (uint32_t)i);
	}
	oidmap_init(&newmap, nnew);
	for (size_t i = 0; i < nnew; i++)
		oidmap_put(&newmap, &new_ids[i], (uint32_t)i);
	for (size_t i = 0; i < n; i++) {
		uint32_t k = oidmap_get(&newmap, &order[i]);
		if (k != NONE && new_recs[k].done == DONE) {
			recs[i] = new_recs[k];
			memset(&new_recs[k], 0, sizeof(new_recs[k]));
		} else if (oidmap_get(&oldmap, &order[i]) != NONE) {
			recs[i].done = FROM_OLD;
		}
	}
	int k = compute(st, order, recs, n);
	if (k < 0)
		goto out;
	*read += (size_t)k;
	hx = assemble(order, n, recs, old, &oldmap);
out:
	recs_free(recs, n);
	free(order);
	free(oldmap.v);
	free(newmap.v);
	return hx;
}

void rf_histindex_open(struct rf_histindex **out, struct rf_store *st, unsigned flags)
{
	struct rf_histindex *old = NULL, *hx = NULL;
	git_oid head, *ids = NULL;
	struct rec *recs = NULL;
	size_t n = 0, read = 0;
	int k;
	*out = NULL;
	if (!rf_cachefile_enabled(st) || git_repository_is_shallow(st->repo) == 1 ||
	    git_reference_name_to_id(&head, st->repo, "HEAD") < 0) {
		git_error_clear();
		return;
	}
	old = load(st);
	if (old && git_oid_equal(&old->tip, &head)) {
		*out = old;
		return;
	}
	/* Only what is new since the old tip (which may be gone for good). */
	if (old && walk_order(st, &old->tip, &ids, &n) == 0) {
		recs = rf_xcalloc(n ? n : 1, sizeof(*recs));
		if (n && (k = compute(st, ids, recs, n)) < 0)
			goto out;
		read = n;
		if (n && prepends(&old->tip, ids, recs, n)) {
			struct oidmap oldmap;
			git_oid *order = rf_xmalloc((n + old->nc) * sizeof(*order));
			struct rec *all = rf_xcalloc(n + old->nc, sizeof(*all));
			memcpy(order, ids, n * sizeof(*order));
			memcpy(all, recs, n * sizeof(*all));
			free(recs);
			recs = NULL;
			oidmap_init(&oldmap, old->nc);
			for (size_t i = 0; i < old->nc; i++) {
				commit_id(old, i, &order[n + i]);
				all[n + i].done = FROM_OLD;
				oidmap_put(&oldmap, &order[n + i], (uint32_t)i);
			}
			hx = assemble(order, n + old->nc, all, old, &oldmap);
			free(oldmap.v);
			recs_free(all, n + old->nc);
			free(order);
		}
	}
	if (!hx && !(flags & RF_HISTINDEX_NO_BUILD))
		hx = rebuild(st, old, ids, recs, n, &read);
	if (hx) {
		hx->read = read;
		save(st, hx);
		if (read)
			give_back();	/* the records, freed as they were assembled */
	}
out:
	git_error_clear();
	recs_free(recs, n);
	free(ids);
	rf_histindex_free(old);
	*out = hx;
}

/* ---- reading it ---- */

size_t rf_histindex_read_count(const struct rf_histindex *hx)
{
	return hx->read;
}

static void emit(struct rf_history *out, const struct rf_histindex *hx, size_t c, const unsigned char *e,
		 int deleted_form)
{
	uint32_t pi = get32(e + E_PATH), oi = get32(e + E_OLD);
	const char *path = name_at(hx, deleted_form ? oi : pi);
	const char *old = oi == NONE ? NULL : name_at(hx, oi);
	git_oid old_blob, new_blob;
	git_oid_fromraw(&old_blob, e + E_OLD_BLOB);
	git_oid_fromraw(&new_blob, e + E_NEW_BLOB);
	struct rf_history_entry *x = deleted_form ? rf_history_add(out, path, path, &old_blob, NULL)
						  : rf_history_add(out, path, old, &old_blob,
								   get32(e + E_HAS_NEW) ? &new_blob : NULL);
	const unsigned char *cp = commit_at(hx, c);
	git_oid_fromraw(&x->commit, cp);
	x->time = (int64_t)rf_cachefile_get64(cp + C_TIME);
	x->offset = (int32_t)get32(cp + C_OFFSET);
	x->subject = rf_xstrdup(hx->str + get32(cp + C_SUBJECT));
	x->merge = (int)get32(cp + C_MERGE);
}

static uint32_t name_index(const struct rf_histindex *hx, const char *name)
{
	for (size_t i = 0; i < hx->nn; i++)
		if (!strcmp(name_at(hx, (uint32_t)i), name))
			return (uint32_t)i;
	return NONE;
}

/* One commit's entries for the note followed as name, as history.c's walk
 * after one note finds them: its own change, or its renaming away shown as
 * a deletion.  Returns the name to follow into the parents. */
static uint32_t follow(struct rf_history *out, const struct rf_histindex *hx, size_t c, uint32_t name,
		       int *added)
{
	uint32_t next = name, first = c32(hx, c, C_EFIRST), ne = c32(hx, c, C_NE);
	for (uint32_t k = 0; k < ne; k++) {
		const unsigned char *e = entry_at(hx, first + k);
		uint32_t path = get32(e + E_PATH), old = get32(e + E_OLD);
		if (path == name) {
			emit(out, hx, c, e, 0);
			*added = 1;
			if (old != NONE && old != name && c32(hx, c, C_NP) == 1)
				next = old;
		} else if (old == name) {
			emit(out, hx, c, e, 1);
			*added = 1;
		}
	}
	return next;
}

void rf_histindex_query(const struct rf_histindex *hx, const char *path, rf_history_enough_fn *enough, void *arg,
			struct rf_history *out)
{
	if (!path) {
		for (size_t i = 0; i < hx->nc; i++) {
			uint32_t first = c32(hx, i, C_EFIRST), ne = c32(hx, i, C_NE);
			for (uint32_t k = 0; k < ne; k++)
				emit(out, hx, i, entry_at(hx, first + k), 0);
			if (ne && enough && enough(out, arg))
				return;
		}
		return;
	}
	uint32_t name = name_index(hx, path);
	if (name == NONE)
		return;
	/* A note never renamed into is followed under its one name; else each
	 * commit gets the name its first child followed, as the walk does. */
	int renamed = 0;
	for (size_t i = 0; i < hx->ne && !renamed; i++) {
		const unsigned char *e = entry_at(hx, i);
		uint32_t old = get32(e + E_OLD);
		renamed = get32(e + E_PATH) == name && old != NONE && old != name;
	}
	uint32_t *names = NULL;
	if (renamed) {
		names = rf_xmalloc(hx->nc * sizeof(*names));
		for (size_t i = 0; i < hx->nc; i++)
			names[i] = NONE;
	}
	for (size_t i = 0; i < hx->nc; i++) {
		uint32_t mine = names && names[i] != NONE ? names[i] : name;
		int added = 0;
		uint32_t next = follow(out, hx, i, mine, &added);
		for (uint32_t k = 0, pf = c32(hx, i, C_PFIRST); names && k < c32(hx, i, C_NP); k++) {
			uint32_t pi = get32(hx->parents + (size_t)(pf + k) * PARENT_SIZE + GIT_OID_RAWSZ);
			if (pi != NONE && names[pi] == NONE)
				names[pi] = next;
		}
		if (added && enough && enough(out, arg))
			break;
	}
	free(names);
}
