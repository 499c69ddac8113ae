#include "scorecache.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cachefile.h"
#include "conflicts.h"
#include "parallel.h"
#include "revnote.h"

#define FILE_NAME "scores"
#define KIND "SCOR"
/* Bump with the record below, which follows struct rf_score. */
#define FORMAT 4
#define NONE UINT32_MAX
/* An index entry: id, flags, risk, where its record is and how long. */
#define INDEX_SIZE (GIT_OID_RAWSZ + 4 + 8 + 4 + 4)
#define AT_FLAGS GIT_OID_RAWSZ
#define AT_RISK (AT_FLAGS + 4)
#define AT_OFF (AT_RISK + 8)
#define AT_LEN (AT_OFF + 4)
#define MIN_PER_THREAD 16

enum { F_BROKEN = 1, F_PATTERN = 2, F_DEALBREAKER = 4 };
/* Index entry flags: iniparser rejects the version; the whole record
 * follows (versions only rf-log showed keep their risk alone). */
enum { E_BROKEN = 1, E_RECORD = 2 };

struct slot {
	git_oid id;
	int used;
	int added;		/* scored in this run: to be written */
	int broken;
	long risk;
	struct rf_scored *sc;	/* the whole record, or NULL: the risk alone */
};

struct rf_scorecache {
	struct rf_store *st;
	const struct rf_scorer *s;
	struct rf_cachefile_data file;	/* the payload read */
	const unsigned char *index;	/* its records by id */
	size_t nold;
	const unsigned char *data;
	size_t ndata;
	struct slot *slot;		/* decoded and new records by id */
	size_t nslot, used, added;
};

static void scored_free(struct rf_scored *sc)
{
	if (!sc)
		return;
	free(sc->error);
	rf_score_free(&sc->score);
	free(sc->track);
	free(sc->status);
	free(sc->rank);
	free(sc->open);
	free(sc);
}

/* ---- scoring ---- */

static char *field(const struct rf_note *note, const char *key)
{
	const char *v = rf_note_get(note, "program", key);
	return rf_xstrdup(v ? v : "");
}

/* What scoring note gives (whole: with what the ranking and rf-ask show,
 * else the risk alone), or NULL when that is not worth keeping: a note
 * iniparser rejects where the scanner sees nothing wrong may have failed
 * for a passing reason (no memfd), and is parsed again next time. */
static struct rf_scored *score(const struct rf_scorer *s, const struct rf_note *note, int whole)
{
	struct rf_scored *sc = rf_xcalloc(1, sizeof(*sc));
	if (!note->dict) {
		const struct rf_line *bad = rf_ini_first_error(&note->ini);
		if (!bad) {
			free(sc);
			return NULL;
		}
		sc->broken = 1;
		sc->lineno = bad->lineno;
		/* rf_note_report's words: a conflict marker names both sides. */
		sc->error = rf_ini_problem(&note->ini, bad);
		return sc;
	}
	rf_score_note(s, note, &sc->score);
	for (size_t i = 0; i < sc->score.n; i++) {
		const struct rf_contribution *c = &sc->score.v[i];
		if (c->domain >= 0 && c->domain < RF_NDOMAINS)
			sc->domain[c->domain] += c->value;
		free(c->key);
		free(c->answer);
		free(c->rule);
		free(c->outweighed);
	}
	free(sc->score.v);
	sc->score.v = NULL;
	sc->score.n = 0;
	if (!whole)
		return sc;
	sc->track = field(note, "track");
	sc->status = field(note, "status");
	sc->rank = field(note, "rank");
	struct rf_conflict *c;
	rf_conflicts_list(note, &c, &sc->conflicts);
	rf_conflicts_free(c, sc->conflicts);
	sc->nopen = s->rules.nrules;
	sc->open = rf_xcalloc(sc->nopen ? sc->nopen : 1, 1);
	rf_ask_open(s, note, sc->open);
	return sc;
}

/* ---- records ---- */

static void put_str(struct rf_buf *b, const char *s)
{
	if (!s) {
		rf_cachefile_put32(b, NONE);
		return;
	}
	size_t n = strlen(s);
	rf_cachefile_put32(b, (uint32_t)n);
	rf_buf_add(b, s, n);
}

static void encode(const struct rf_scorer *s, const struct rf_scored *sc, struct rf_buf *b)
{
	uint32_t flags = (sc->broken ? F_BROKEN : 0) | (sc->score.pattern ? F_PATTERN : 0) |
			 (sc->score.dealbreaker ? F_DEALBREAKER : 0);
	rf_cachefile_put32(b, flags);
	if (sc->broken) {
		rf_cachefile_put32(b, sc->lineno);
		put_str(b, sc->error);
		return;
	}
	uint32_t tier = NONE;
	for (size_t i = 0; i < s->rules.ntiers; i++)
		if (sc->score.tier == s->rules.tiers[i].name)
			tier = (uint32_t)i;
	rf_cachefile_put64(b, (uint64_t)sc->score.risk);
	rf_cachefile_put32(b, sc->score.flagged);
	rf_cachefile_put32(b, sc->score.vague);
	rf_cachefile_put64(b, (uint64_t)sc->score.stake);
	rf_cachefile_put64(b, (uint64_t)sc->score.known);
	rf_cachefile_put32(b, sc->score.nflagged);
	rf_cachefile_put32(b, sc->score.unknowns);
	rf_cachefile_put32(b, sc->score.green);
	rf_cachefile_put32(b, tier);
	if (sc->score.dealbreaker)
		put_str(b, sc->score.dealbreaker);
	for (int d = 0; d < RF_NDOMAINS; d++)
		rf_cachefile_put64(b, (uint64_t)sc->domain[d]);
	put_str(b, sc->track);
	put_str(b, sc->status);
	put_str(b, sc->rank);
	rf_cachefile_put32(b, (uint32_t)sc->conflicts);
	rf_cachefile_put32(b, (uint32_t)sc->nopen);
	rf_buf_add(b, sc->open, sc->nopen);
}

struct reader {
	const unsigned char *p, *end;
	int bad;
};

static uint32_t get32(struct reader *r)
{
	if (r->bad || r->end - r->p < 4) {
		r->bad = 1;
		return 0;
	}
	uint32_t v = rf_cachefile_get32(r->p);
	r->p += 4;
	return v;
}

static uint64_t get64(struct reader *r)
{
	uint64_t lo = get32(r);
	return lo | (uint64_t)get32(r) << 32;
}

static char *get_str(struct reader *r, int may_be_null)
{
	uint32_t n = get32(r);
	if (r->bad || (n == NONE && may_be_null))
		return NULL;
	if ((size_t)(r->end - r->p) < n) {
		r->bad = 1;
		return NULL;
	}
	char *s = rf_xstrndup((const char *)r->p, n);
	r->p += n;
	return s;
}

static struct rf_scored *decode(const struct rf_scorer *s, const unsigned char *p, size_t len)
{
	struct reader r = { p, p + len, 0 };
	struct rf_scored *sc = rf_xcalloc(1, sizeof(*sc));
	uint32_t flags = get32(&r);
	if (flags & F_BROKEN) {
		sc->broken = 1;
		sc->lineno = get32(&r);
		sc->error = get_str(&r, 1);
	} else {
		sc->score.risk = (long)(int64_t)get64(&r);
		sc->score.flagged = get32(&r);
		sc->score.vague = get32(&r);
		sc->score.stake = (long)(int64_t)get64(&r);
		sc->score.known = (long)(int64_t)get64(&r);
		sc->score.nflagged = get32(&r);
		sc->score.unknowns = get32(&r);
		sc->score.green = get32(&r);
		uint32_t tier = get32(&r);
		sc->score.pattern = !!(flags & F_PATTERN);
		if (flags & F_DEALBREAKER)
			sc->score.dealbreaker = get_str(&r, 0);
		for (int d = 0; d < RF_NDOMAINS; d++)
			sc->domain[d] = (long)(int64_t)get64(&r);
		sc->track = get_str(&r, 0);
		sc->status = get_str(&r, 0);
		sc->rank = get_str(&r, 0);
		sc->conflicts = get32(&r);
		sc->nopen = get32(&r);
		if (!r.bad && (tier == NONE ? s->rules.ntiers != 0 : tier >= s->rules.ntiers))
			r.bad = 1;	/* rf_score_note always picks a tier when there are some */
		if (!r.bad && (sc->nopen != s->rules.nrules || (size_t)(r.end - r.p) < sc->nopen))
			r.bad = 1;
		if (!r.bad) {
			sc->score.tier = tier == NONE ? "" : s->rules.tiers[tier].name;
			sc->open = rf_xmalloc(sc->nopen ? sc->nopen : 1);
			memcpy(sc->open, r.p, sc->nopen);
			r.p += sc->nopen;
		}
	}
	if (r.bad || r.p != r.end) {
		scored_free(sc);
		return NULL;
	}
	return sc;
}

/* ---- the map ---- */

static size_t hash_id(const git_oid *id)
{
	uint64_t h;
	memcpy(&h, id->id, sizeof(h));
	return (size_t)h;
}

static struct slot *find_slot(const struct rf_scorecache *c, const git_oid *id)
{
	size_t k = hash_id(id) & (c->nslot - 1);
	while (c->slot[k].used && !git_oid_equal(&c->slot[k].id, id))
		k = (k + 1) & (c->nslot - 1);
	return &c->slot[k];
}

/* The slot for id, made when new. */
static struct slot *slot_for(struct rf_scorecache *c, const git_oid *id)
{
	if (2 * (c->used + 1) > c->nslot) {
		struct slot *old = c->slot;
		size_t n = c->nslot;
		c->nslot = n ? 2 * n : 256;
		c->slot = rf_xcalloc(c->nslot, sizeof(*c->slot));
		for (size_t i = 0; i < n; i++)
			if (old[i].used)
				*find_slot(c, &old[i].id) = old[i];
		free(old);
	}
	struct slot *sl = find_slot(c, id);
	if (!sl->used) {
		git_oid_cpy(&sl->id, id);
		sl->used = 1;
		c->used++;
	}
	return sl;
}

static struct slot *lookup(const struct rf_scorecache *c, const git_oid *id)
{
	if (!c->nslot)
		return NULL;
	struct slot *sl = find_slot(c, id);
	return sl->used ? sl : NULL;
}

/* Keep sc (owned; NULL: only the risk) for id; added: to be written. */
static void keep(struct rf_scorecache *c, const git_oid *id, struct rf_scored *sc, long risk, int broken,
		 int added)
{
	struct slot *sl = slot_for(c, id);
	if (sl->sc && !sc)
		return;	/* the whole record is known already */
	scored_free(sl->sc);
	sl->sc = sc;
	sl->risk = sc ? sc->score.risk : risk;
	sl->broken = sc ? sc->broken : broken;
	if (added && !sl->added) {
		sl->added = 1;
		c->added++;
	}
}

/* Where the file has id: its index entry, or NULL. */
static const unsigned char *find_old(const struct rf_scorecache *c, const git_oid *id)
{
	size_t lo = 0, hi = c->nold;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const unsigned char *e = c->index + mid * INDEX_SIZE;
		int cmp = memcmp(e, id->id, GIT_OID_RAWSZ);
		if (!cmp)
			return e;
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* ---- the cache ---- */

/* Take the payload in c->file if it is for c's scorer and sound. */
static void adopt(struct rf_scorecache *c)
{
	const unsigned char *p = c->file.p;
	size_t len = c->file.len;
	if (len < 12 || rf_cachefile_get64(p) != c->s->key)
		goto foreign;
	size_t n = rf_cachefile_get32(p + 8);
	if ((len - 12) / INDEX_SIZE < n)
		goto foreign;
	c->index = p + 12;
	c->nold = n;
	c->data = c->index + n * INDEX_SIZE;
	c->ndata = len - 12 - n * INDEX_SIZE;
	for (size_t i = 0; i < n; i++) {
		const unsigned char *e = c->index + i * INDEX_SIZE;
		uint64_t off = rf_cachefile_get32(e + AT_OFF), l = rf_cachefile_get32(e + AT_LEN);
		if (off + l > c->ndata || (i && memcmp(e - INDEX_SIZE, e, GIT_OID_RAWSZ) >= 0))
			goto foreign;
	}
	return;
foreign:
	/* Written for other rules or another profile, or not sound: start afresh. */
	c->index = c->data = NULL;
	c->nold = c->ndata = 0;
	rf_cachefile_release(&c->file);
}

struct rf_scorecache *rf_scorecache_open(struct rf_store *st, const struct rf_scorer *s)
{
	struct rf_scorecache *c = rf_xcalloc(1, sizeof(*c));
	c->st = st && rf_cachefile_enabled(st) ? st : NULL;
	c->s = s;
	if (c->st && rf_cachefile_read(c->st, FILE_NAME, KIND, FORMAT, &c->file))
		adopt(c);
	return c;
}

struct rf_scorecache *rf_scorecache_parse(const struct rf_scorer *s, const unsigned char *payload, size_t len)
{
	struct rf_scorecache *c = rf_xcalloc(1, sizeof(*c));
	c->s = s;
	c->file.buf = rf_xmalloc(len ? len : 1);
	if (len)
		memcpy(c->file.buf, payload, len);
	c->file.p = c->file.buf;
	c->file.len = len;
	adopt(c);
	return c;
}

const struct rf_scored *rf_scorecache_get(struct rf_scorecache *c, const git_oid *id)
{
	struct slot *sl = lookup(c, id);
	if (sl && sl->sc)
		return sl->sc;
	const unsigned char *e = find_old(c, id);
	if (!e || !(rf_cachefile_get32(e + AT_FLAGS) & E_RECORD))
		return NULL;
	struct rf_scored *sc = decode(c->s, c->data + rf_cachefile_get32(e + AT_OFF), rf_cachefile_get32(e + AT_LEN));
	if (!sc)
		return NULL;
	keep(c, id, sc, 0, 0, 0);
	return sc;
}

int rf_scorecache_risk(struct rf_scorecache *c, const git_oid *id, long *risk)
{
	struct slot *sl = lookup(c, id);
	if (sl) {
		*risk = sl->risk;
		return sl->broken ? 0 : 1;
	}
	const unsigned char *e = find_old(c, id);
	if (!e)
		return -1;
	*risk = (long)(int64_t)rf_cachefile_get64(e + AT_RISK);
	return rf_cachefile_get32(e + AT_FLAGS) & E_BROKEN ? 0 : 1;
}

const struct rf_scored *rf_scorecache_put(struct rf_scorecache *c, const git_oid *id, const struct rf_note *note)
{
	const struct rf_scored *have = rf_scorecache_get(c, id);
	if (have)
		return have;
	struct rf_scored *sc = score(c->s, note, 1);
	if (!sc) {
		/* Not kept, but answered: a broken note without a line. */
		sc = rf_xcalloc(1, sizeof(*sc));
		sc->broken = 1;
		keep(c, id, sc, 0, 1, 0);
		return sc;
	}
	keep(c, id, sc, 0, 0, 1);
	return sc;
}

int rf_scorecache_put_risk(struct rf_scorecache *c, const git_oid *id, const struct rf_note *note, long *risk)
{
	int r = rf_scorecache_risk(c, id, risk);
	if (r >= 0)
		return r;
	struct rf_scored *sc = score(c->s, note, 0);
	if (!sc) {
		keep(c, id, NULL, 0, 1, 0);
		return 0;
	}
	*risk = sc->score.risk;
	r = !sc->broken;
	keep(c, id, NULL, sc->score.risk, sc->broken, 1);
	scored_free(sc);
	return r;
}

/* A version to score, and the work-tree file that may hold it. */
struct todo {
	git_oid id;
	const char *file;	/* NULL: read from the repository only */
	const struct stat *seen;	/* file's state when git's index vouched for it */
};

struct fill_job {
	git_repository *repo;	/* the caller's for the caller's share, else NULL */
	int whole;
	const char *gitdir;
	int dirfd;		/* the notes directory, for todo[].file */
	const struct rf_scorer *s;
	const struct todo *todo;
	struct rf_scored **out;
	size_t lo, hi;
};

/* Parse the work-tree file that git's index said holds version id while
 * it is still the file the index vouched for (its state as seen then, as
 * git trusts it): cheaper than inflating the blob, and iniparser then
 * reads the file itself rather than a memfd copy.  A file changed since,
 * or during the reading, is left to the repository's blob. */
static int parse_file(struct rf_note *note, int dirfd, const char *file, const struct stat *seen)
{
	struct rf_buf text = RF_BUF_INIT;
	struct stat sb, after;
	int fd = openat(dirfd, file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK), r = -1;
	if (fd < 0)
		return -1;
	if (fstat(fd, &sb) == 0 && rf_same_file_state(&sb, seen) && rf_read_fd(fd, &text) == 0 &&
	    fstat(fd, &after) == 0 && rf_same_file_state(&after, seen) && text.len == (size_t)sb.st_size) {
		rf_note_parse_file(note, "blob", text.buf, text.len, fd, &sb, 0);
		r = 0;
	}
	close(fd);
	rf_buf_free(&text);
	return r;
}

static void *fill_run(void *arg)
{
	struct fill_job *j = arg;
	git_repository *repo = j->repo;
	git_odb *odb = NULL;
	if ((!repo && git_repository_open(&repo, j->gitdir) < 0) || git_repository_odb(&odb, repo) < 0)
		goto out;
	for (size_t i = j->lo; i < j->hi; i++) {
		git_odb_object *o;
		struct rf_note note;
		const git_oid *id = &j->todo[i].id;
		if (j->todo[i].file && parse_file(&note, j->dirfd, j->todo[i].file, j->todo[i].seen) == 0) {
			j->out[i] = score(j->s, &note, j->whole);
			rf_note_free(&note);
			continue;
		}
		if (git_odb_read(&o, odb, id) < 0)
			continue;
		if (git_odb_object_type(o) == GIT_OBJECT_BLOB) {
			rf_note_parse(&note, "blob", git_odb_object_data(o), git_odb_object_size(o), 0);
			j->out[i] = score(j->s, &note, j->whole);
			rf_note_free(&note);
		}
		git_odb_object_free(o);
	}
out:
	git_odb_free(odb);
	if (!j->repo)
		git_repository_free(repo);
	return NULL;
}

static int cmp_todo_at(const void *a, const void *b, void *todo)
{
	const struct todo *v = todo;
	size_t i = *(const size_t *)a, j = *(const size_t *)b;
	int c = git_oid_cmp(&v[i].id, &v[j].id);
	return c ? c : (i > j) - (i < j);
}

/* Each id once, at its first place: the callers list versions in history
 * order, the order of the pack's delta chains, and reading them so keeps
 * libgit2's delta-base cache warm (in id order, each read rebuilt a chain). */
static size_t dedupe_in_order(struct todo *todo, size_t n)
{
	size_t *at = rf_xmalloc((n ? n : 1) * sizeof(*at));
	unsigned char *again = rf_xcalloc(n ? n : 1, 1);
	for (size_t i = 0; i < n; i++)
		at[i] = i;
	qsort_r(at, n, sizeof(*at), cmp_todo_at, todo);
	for (size_t i = 1; i < n; i++)
		if (git_oid_equal(&todo[at[i - 1]].id, &todo[at[i]].id))
			again[at[i]] = 1;
	size_t u = 0;
	for (size_t i = 0; i < n; i++)
		if (!again[i])
			todo[u++] = todo[i];
	free(again);
	free(at);
	return u;
}

/* files: NULL, or for each id the work-tree file git's index said has it,
 * in the state seen then. */
static void fill(struct rf_scorecache *c, const git_oid *ids, char *const *files, const struct stat *seen, int dirfd,
		 size_t n, int whole)
{
	git_repository *repo = c->st ? c->st->repo : NULL;
	struct todo *todo = rf_xmalloc((n ? n : 1) * sizeof(*todo));
	size_t m = 0;
	if (!repo)
		goto out;
	/* Each once, and only what is not known yet. */
	long risk;
	for (size_t i = 0; i < n; i++)
		if (whole ? !rf_scorecache_get(c, &ids[i]) : rf_scorecache_risk(c, &ids[i], &risk) < 0) {
			git_oid_cpy(&todo[m].id, &ids[i]);
			todo[m].file = files ? files[i] : NULL;
			todo[m++].seen = files ? &seen[i] : NULL;
		}
	m = dedupe_in_order(todo, m);
	if (!m)
		goto out;
	struct rf_scored **out = rf_xcalloc(m, sizeof(*out));
	size_t nthreads = rf_parallel_threads(m, MIN_PER_THREAD);
	struct fill_job jobs[RF_PARALLEL_MAX];
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct fill_job){ k ? NULL : repo, whole, git_repository_path(repo), dirfd, c->s, todo, out,
					     m * k / nthreads, m * (k + 1) / nthreads };
	rf_parallel_run(fill_run, jobs, sizeof(*jobs), nthreads);
	git_error_clear();
	for (size_t i = 0; i < m; i++) {
		if (!out[i])
			continue;
		if (whole) {
			keep(c, &todo[i].id, out[i], 0, 0, 1);
		} else {
			keep(c, &todo[i].id, NULL, out[i]->score.risk, out[i]->broken, 1);
			scored_free(out[i]);
		}
	}
	free(out);
out:
	free(todo);
}

void rf_scorecache_fill(struct rf_scorecache *c, const git_oid *ids, size_t n, int whole)
{
	fill(c, ids, NULL, NULL, -1, n, whole);
}

void rf_scorecache_fill_worktree(struct rf_scorecache *c, const struct rf_notesdir *nd, char *const *files, size_t n,
				 const struct rf_vouched *v)
{
	char **from = rf_xcalloc(v->n ? v->n : 1, sizeof(*from));
	for (size_t i = 0; i < n; i++)
		if (v->at[i] != RF_UNVOUCHED)
			from[v->at[i]] = files[i];
	fill(c, v->ids, from, v->seen, nd->fd, v->n, 1);
	free(from);
}

const struct rf_scored *rf_scorecache_worktree(struct rf_scorecache *c, struct rf_gitindex *gi,
					       const struct rf_notesdir *nd, const char *file, int *missing)
{
	struct stat sb;
	struct rf_revnote rn;
	git_oid id;
	const struct rf_scored *sc;
	*missing = 0;
	if (fstatat(nd->fd, file, &sb, AT_SYMLINK_NOFOLLOW) == 0 && rf_gitindex_id(gi, file, &sb, &id) &&
	    (sc = rf_scorecache_get(c, &id)))
		return sc;
	if (rf_revnote_worktree(&rn, nd, file) < 0) {
		rf_revnote_free(&rn);
		return NULL;
	}
	*missing = rn.missing;
	sc = NULL;
	/* Keyed by the bytes read, whatever the file became since. */
	if (!rn.missing && git_odb_hash(&id, rn.note.text, rn.note.len, GIT_OBJECT_BLOB) == 0)
		sc = rf_scorecache_put(c, &id, &rn.note);
	else if (!rn.missing)
		rf_git_error(file);
	rf_revnote_free(&rn);
	return sc;
}

struct stat_job {
	int dirfd;
	char *const *files;
	struct stat *sb;
	unsigned char *found;
	size_t lo, hi;
};

static void *stat_run(void *arg)
{
	struct stat_job *j = arg;
	for (size_t i = j->lo; i < j->hi; i++)
		j->found[i] = fstatat(j->dirfd, j->files[i], &j->sb[i], AT_SYMLINK_NOFOLLOW) == 0;
	return NULL;
}

/* Stat calls are most of a warm rf-score at 2,000 notes (4 µs each in the
 * kernel), so they are made on threads; the index is asked afterwards, on
 * this one. */
#define STATS_PER_THREAD 256

void rf_scorecache_vouched(struct rf_gitindex *gi, const struct rf_notesdir *nd, char *const *files, size_t n,
			   struct rf_vouched *v)
{
	v->ids = rf_xmalloc((n ? n : 1) * sizeof(*v->ids));
	v->seen = rf_xmalloc((n ? n : 1) * sizeof(*v->seen));
	v->at = rf_xmalloc((n ? n : 1) * sizeof(*v->at));
	v->n = 0;
	for (size_t i = 0; i < n; i++)
		v->at[i] = RF_UNVOUCHED;
	if (!gi)
		return;
	struct stat *sb = rf_xmalloc((n ? n : 1) * sizeof(*sb));
	unsigned char *found = rf_xcalloc(n ? n : 1, 1);
	size_t nthreads = rf_parallel_threads(n, STATS_PER_THREAD);
	struct stat_job jobs[RF_PARALLEL_MAX];
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct stat_job){ nd->fd, files, sb, found, n * k / nthreads, n * (k + 1) / nthreads };
	rf_parallel_run(stat_run, jobs, sizeof(*jobs), nthreads);
	for (size_t i = 0; i < n; i++)
		if (found[i] && rf_gitindex_id(gi, files[i], &sb[i], &v->ids[v->n])) {
			v->seen[v->n] = sb[i];
			v->at[i] = v->n++;
		}
	free(found);
	free(sb);
}

void rf_vouched_free(struct rf_vouched *v)
{
	free(v->ids);
	free(v->seen);
	free(v->at);
	memset(v, 0, sizeof(*v));
}

static int cmp_slot(const void *a, const void *b)
{
	return git_oid_cmp(&(*(const struct slot *const *)a)->id, &(*(const struct slot *const *)b)->id);
}

static void put_entry(struct rf_buf *index, const unsigned char *id, uint32_t flags, long risk, uint32_t off,
		      uint32_t len)
{
	rf_buf_add(index, id, GIT_OID_RAWSZ);
	rf_cachefile_put32(index, flags);
	rf_cachefile_put64(index, (uint64_t)(int64_t)risk);
	rf_cachefile_put32(index, off);
	rf_cachefile_put32(index, len);
}

/* The old entries and the new, merged by id; for a version in both, the
 * one with the whole record. */
static void save(struct rf_scorecache *c)
{
	struct slot **fresh = rf_xmalloc((c->added ? c->added : 1) * sizeof(*fresh));
	size_t nf = 0, total = 0;
	for (size_t i = 0; i < c->nslot; i++)
		if (c->slot[i].used && c->slot[i].added)
			fresh[nf++] = &c->slot[i];
	qsort(fresh, nf, sizeof(*fresh), cmp_slot);
	struct rf_buf index = RF_BUF_INIT, data = RF_BUF_INIT, out = RF_BUF_INIT;
	size_t i = 0, j = 0;
	while (i < c->nold || j < nf) {
		const unsigned char *e = i < c->nold ? c->index + i * INDEX_SIZE : NULL;
		int cmp = !e ? 1 : j >= nf ? -1 : memcmp(e, fresh[j]->id.id, GIT_OID_RAWSZ);
		uint32_t eflags = e ? rf_cachefile_get32(e + AT_FLAGS) : 0;
		if (cmp < 0 || (cmp == 0 && !fresh[j]->sc && (eflags & E_RECORD))) {
			uint32_t len = eflags & E_RECORD ? rf_cachefile_get32(e + AT_LEN) : 0;
			put_entry(&index, e, eflags, (long)(int64_t)rf_cachefile_get64(e + AT_RISK), (uint32_t)data.len,
				  len);
			rf_buf_add(&data, c->data + rf_cachefile_get32(e + AT_OFF), len);
		} else {
			const struct slot *sl = fresh[j];
			uint32_t off = (uint32_t)data.len;
			if (sl->sc)
				encode(c->s, sl->sc, &data);
			put_entry(&index, sl->id.id, (sl->broken ? E_BROKEN : 0) | (sl->sc ? E_RECORD : 0), sl->risk,
				  off, (uint32_t)(data.len - off));
		}
		i += cmp <= 0;
		j += cmp >= 0;
		total++;
	}
	rf_cachefile_put64(&out, c->s->key);
	rf_cachefile_put32(&out, (uint32_t)total);
	rf_buf_add(&out, index.buf, index.len);
	rf_buf_add(&out, data.buf, data.len);
	rf_cachefile_write(c->st, FILE_NAME, KIND, FORMAT, out.buf, out.len);
	rf_buf_free(&index);
	rf_buf_free(&data);
	rf_buf_free(&out);
	free(fresh);
}

void rf_scorecache_close(struct rf_scorecache *c)
{
	if (!c)
		return;
	if (c->st && c->added)
		save(c);
	for (size_t i = 0; i < c->nslot; i++)
		scored_free(c->slot[i].sc);
	free(c->slot);
	rf_cachefile_release(&c->file);
	free(c);
}

int rf_scored_report(const struct rf_scored *sc, const char *label)
{
	if (sc->lineno)
		return rf_error("%s:%u: %s", label, sc->lineno, sc->error ? sc->error : "iniparser cannot read this line");
	return rf_error("%s: iniparser cannot read this file", label);
}
