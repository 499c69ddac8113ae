#include "walk.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int cmp_oid(const void *a, const void *b)
{
	return git_oid_cmp(a, b);
}

int rf_walk_load_cut(struct rf_store *st, struct rf_walk *w)
{
	char *path = rf_xasprintf("%sshallow", git_repository_path(st->repo));
	struct rf_buf b = RF_BUF_INIT;
	int fd = open(path, O_RDONLY | O_CLOEXEC), r = 0;
	if (fd < 0) {
		if (errno != ENOENT)
			r = rf_error_errno("%s", path);
		free(path);
		return r;
	}
	if (rf_read_fd(fd, &b) < 0)
		r = rf_error_errno("%s", path);
	close(fd);
	size_t cap = 0;
	for (char *line = b.buf, *end; r == 0 && line && *line; line = end) {
		end = strchr(line, '\n');
		end = end ? end + 1 : line + strlen(line);
		git_oid id;
		if (end - line < GIT_OID_HEXSZ || git_oid_fromstrn(&id, line, GIT_OID_HEXSZ) < 0) {
			r = rf_error("%s: not a list of commit ids", path);
			break;
		}
		if (w->ncut == cap) {
			cap = cap ? 2 * cap : 8;
			w->cut = rf_xrealloc(w->cut, cap * sizeof(*w->cut));
		}
		git_oid_cpy(&w->cut[w->ncut++], &id);
	}
	if (w->ncut)
		qsort(w->cut, w->ncut, sizeof(*w->cut), cmp_oid);
	rf_buf_free(&b);
	free(path);
	return r;
}

int rf_walk_is_cut(const struct rf_walk *w, const git_oid *id)
{
	return w->ncut && bsearch(id, w->cut, w->ncut, sizeof(*w->cut), cmp_oid) != NULL;
}

static void push_id(struct rf_walk *w, size_t *cap, const git_oid *id)
{
	if (w->n == *cap) {
		*cap = *cap ? 2 * *cap : 1024;
		w->v = rf_xrealloc(w->v, *cap * sizeof(*w->v));
	}
	git_oid_cpy(&w->v[w->n++], id);
}

/* ---- a shallow clone: the walk libgit2 cannot do ---- */

struct node {
	git_oid id;
	int64_t time;
	size_t first_parent, nparents;	/* into the parent index list */
	size_t children;		/* not yet emitted */
};

struct graph {
	struct node *v;
	size_t n, cap;
	size_t *slots, nslots;		/* open addressing: node index + 1, 0 empty */
	size_t *parents, nparents, pcap;
};

static size_t slot_of(const struct graph *g, const git_oid *id)
{
	size_t h;
	memcpy(&h, id->id, sizeof(h));
	return h & (g->nslots - 1);
}

static void rehash(struct graph *g)
{
	free(g->slots);
	g->nslots = g->nslots ? 2 * g->nslots : 1024;
	g->slots = rf_xcalloc(g->nslots, sizeof(*g->slots));
	for (size_t i = 0; i < g->n; i++) {
		size_t s = slot_of(g, &g->v[i].id);
		while (g->slots[s])
			s = (s + 1) & (g->nslots - 1);
		g->slots[s] = i + 1;
	}
}

/* The node of id, added (unread) when new. */
static size_t node_of(struct graph *g, const git_oid *id)
{
	if (2 * (g->n + 1) > g->nslots)
		rehash(g);
	size_t s = slot_of(g, id);
	for (; g->slots[s]; s = (s + 1) & (g->nslots - 1))
		if (git_oid_equal(&g->v[g->slots[s] - 1].id, id))
			return g->slots[s] - 1;
	if (g->n == g->cap) {
		g->cap = g->cap ? 2 * g->cap : 1024;
		g->v = rf_xrealloc(g->v, g->cap * sizeof(*g->v));
	}
	memset(&g->v[g->n], 0, sizeof(g->v[g->n]));
	git_oid_cpy(&g->v[g->n].id, id);
	g->slots[s] = g->n + 1;
	return g->n++;
}

/* Newer first; among equals, the one found first (nearer HEAD). */
static int before(const struct graph *g, size_t a, size_t b)
{
	return g->v[a].time != g->v[b].time ? g->v[a].time > g->v[b].time : a < b;
}

static void heap_push(const struct graph *g, size_t *heap, size_t *n, size_t x)
{
	size_t i = (*n)++;
	for (; i && before(g, x, heap[(i - 1) / 2]); i = (i - 1) / 2)
		heap[i] = heap[(i - 1) / 2];
	heap[i] = x;
}

static size_t heap_pop(const struct graph *g, size_t *heap, size_t *n)
{
	size_t top = heap[0], x = heap[--*n], i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= *n)
			break;
		if (c + 1 < *n && before(g, heap[c + 1], heap[c]))
			c++;
		if (!before(g, heap[c], x))
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (*n)
		heap[i] = x;
	return top;
}

/* Read every commit from head down to the boundary, then emit them in
 * topological order, the newest ready commit first: libgit2's own order
 * for GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME. */
static int walk_shallow(struct rf_store *st, const git_oid *head, struct rf_walk *w)
{
	struct graph g;
	size_t cap = 0, nheap = 0;
	int r = -1;
	memset(&g, 0, sizeof(g));
	node_of(&g, head);
	for (size_t i = 0; i < g.n; i++) {
		git_commit *c;
		git_oid id = g.v[i].id;
		if (git_commit_lookup(&c, st->repo, &id) < 0) {
			rf_git_error("history");
			goto out;
		}
		g.v[i].time = (int64_t)git_commit_time(c);
		g.v[i].first_parent = g.nparents;
		unsigned np = rf_walk_is_cut(w, &id) ? 0 : git_commit_parentcount(c);
		for (unsigned k = 0; k < np; k++) {
			size_t p = node_of(&g, git_commit_parent_id(c, k));
			g.v[p].children++;
			if (g.nparents == g.pcap) {
				g.pcap = g.pcap ? 2 * g.pcap : 1024;
				g.parents = rf_xrealloc(g.parents, g.pcap * sizeof(*g.parents));
			}
			g.parents[g.nparents++] = p;
		}
		g.v[i].nparents = np;
		git_commit_free(c);
	}
	size_t *heap = rf_xcalloc(g.n, sizeof(*heap));
	for (size_t i = 0; i < g.n; i++)
		if (!g.v[i].children)
			heap_push(&g, heap, &nheap, i);
	while (nheap) {
		size_t x = heap_pop(&g, heap, &nheap);
		push_id(w, &cap, &g.v[x].id);
		for (size_t k = 0; k < g.v[x].nparents; k++) {
			size_t p = g.parents[g.v[x].first_parent + k];
			if (--g.v[p].children == 0)
				heap_push(&g, heap, &nheap, p);
		}
	}
	free(heap);
	r = 0;
out:
	free(g.v);
	free(g.slots);
	free(g.parents);
	return r;
}

int rf_walk_head(struct rf_store *st, struct rf_walk *w)
{
	git_revwalk *rw = NULL;
	git_oid id;
	size_t cap = 0;
	int e;
	memset(w, 0, sizeof(*w));
	e = git_repository_head_unborn(st->repo);
	if (e == 1)
		return 0;
	if (e < 0)
		return rf_git_error("HEAD");
	if (rf_walk_load_cut(st, w) < 0)
		return -1;
	if (w->ncut) {
		if (git_reference_name_to_id(&id, st->repo, "HEAD") < 0)
			return rf_git_error("HEAD");
		return walk_shallow(st, &id, w);
	}
	if (git_revwalk_new(&rw, st->repo) < 0 || git_revwalk_push_head(rw) < 0) {
		git_revwalk_free(rw);
		return rf_git_error("history");
	}
	git_revwalk_sorting(rw, GIT_SORT_TOPOLOGICAL | GIT_SORT_TIME);
	while ((e = git_revwalk_next(&id, rw)) == 0)
		push_id(w, &cap, &id);
	git_revwalk_free(rw);
	if (e != GIT_ITEROVER)
		return rf_git_error("history");
	return 0;
}

void rf_walk_free(struct rf_walk *w)
{
	free(w->v);
	free(w->cut);
	memset(w, 0, sizeof(*w));
}
