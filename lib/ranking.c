#include "ranking.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "conflicts.h"
#include "notefile.h"
#include "ranklist.h"
#include "noteset.h"
#include "parallel.h"
#include "revnote.h"
#include "scorecache.h"

const char *const rf_ranking_columns[RF_RANKING_NCOLS] = {
	"rank", "program", "track", "risk", "tier", "marks", "flagged", "unknowns", "known", "green", "status",
};

static char *field(const struct rf_note *note, const char *section, const char *key)
{
	const char *v = rf_note_get(note, section, key);
	return rf_xstrdup(v ? v : "");
}

/* One version of a note under the name it had there, its score to come
 * (score_on_threads). */
static struct rf_ranked *add_note(struct rf_ranking *out, size_t *cap, const struct rf_revnote *rn)
{
	if (rn->broken) {
		rf_note_report(&rn->note);
		out->nbroken++;
		return NULL;
	}
	if (out->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		out->v = rf_xrealloc(out->v, *cap * sizeof(*out->v));
	}
	struct rf_ranked *r = &out->v[out->n++];
	memset(r, 0, sizeof(*r));
	r->slug = rf_notefile_slug(rn->file);
	r->track = field(&rn->note, "program", "track");
	r->status = field(&rn->note, "program", "status");
	r->rank = field(&rn->note, "program", "rank");
	struct rf_conflict *c;
	rf_conflicts_list(&rn->note, &c, &r->conflicts);
	rf_conflicts_free(c, r->conflicts);
	return r;
}

struct score_job {
	const struct rf_scorer *s;
	const struct rf_revnote *const *notes;
	struct rf_ranked *v;
	size_t lo, hi;
};

static void *score_run(void *arg)
{
	const struct score_job *j = arg;
	for (size_t i = j->lo; i < j->hi; i++)
		rf_score_note(j->s, &j->notes[i]->note, &j->v[i].score);
	return NULL;
}

/* Score out->v[i] from notes[i]: every contribution kept, which is most of
 * a report's or an --explain's time after the parsing. */
static void score_on_threads(struct rf_ranking *out, const struct rf_scorer *s, const struct rf_revnote *const *notes)
{
	size_t nthreads = rf_parallel_threads(out->n, 16);
	struct score_job jobs[RF_PARALLEL_MAX];
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct score_job){ s, notes, out->v, out->n * k / nthreads, out->n * (k + 1) / nthreads };
	rf_parallel_run(score_run, jobs, sizeof(*jobs), nthreads);
}

/* The notes to score: the slugs given, else every note there. */
static int files_to_score(const struct rf_notesdir *nd, struct rf_store *st, const git_commit *commit,
			  const struct rf_strv *slugs, struct rf_strv *files)
{
	struct rf_strv all = RF_STRV_INIT;
	if (commit && !slugs->n)
		return rf_store_files(st, commit, rf_notefile_is_note, files);
	if (!slugs->n && rf_notesdir_list(nd, &all) < 0)
		return -1;
	const struct rf_strv *from = slugs->n ? slugs : &all;
	for (size_t i = 0; i < from->n; i++)
		rf_strv_push(files, rf_notefile_name(from->v[i]));
	rf_strv_free(&all);
	return 0;
}

/* Each program's rank is its place on the rank list of that version
 * (ranklist.h), and program.rank is read only to make that list while
 * there is no list file: from the ranking itself when it holds every note.
 * A list file that does not parse leaves the ranks empty, with its
 * problem reported, rather than hiding the scores. */
static void place_on_list(struct rf_ranking *out, const struct rf_notesdir *nd, struct rf_store *st,
			  const git_commit *commit, struct rf_noteset *ns, int every_note)
{
	struct rf_ranklist rl;
	int r = rf_ranklist_read(&rl, nd, st, commit);
	if (r == 0 && !rl.exists) {
		rf_ranklist_free(&rl);
		if (every_note) {
			struct rf_rank_legacy *v = rf_xcalloc(out->n ? out->n : 1, sizeof(*v));
			for (size_t i = 0; i < out->n; i++)
				v[i] = (struct rf_rank_legacy){ out->v[i].slug, out->v[i].rank, "" };
			rf_ranklist_derive(&rl, v, out->n);
			free(v);
		} else {
			r = ns ? rf_ranklist_load_notes(&rl, ns) : rf_ranklist_load(&rl, nd, st, commit);
		}
	}
	char **slugs = rf_xmalloc((out->n ? out->n : 1) * sizeof(*slugs));
	size_t *place = rf_xcalloc(out->n ? out->n : 1, sizeof(*place));
	for (size_t i = 0; i < out->n; i++)
		slugs[i] = out->v[i].slug;
	if (r == 0)
		rf_ranklist_place_all(rf_ranklist_find(&rl, NULL), slugs, out->n, place);
	for (size_t i = 0; i < out->n; i++) {
		free(out->v[i].rank);
		char digits[24] = "";
		if (place[i])
			rf_fmt_ulong(digits, place[i]);
		out->v[i].rank = rf_xstrdup(digits);
	}
	free(slugs);
	free(place);
	rf_ranklist_free(&rl);
}

static struct rf_ranked *grow(struct rf_ranking *out, size_t *cap)
{
	if (out->n == *cap) {
		*cap = *cap ? 2 * *cap : 16;
		out->v = rf_xrealloc(out->v, *cap * sizeof(*out->v));
	}
	struct rf_ranked *r = &out->v[out->n++];
	memset(r, 0, sizeof(*r));
	return r;
}

/* A version from the score cache, its contributions left out. */
static int add_scored(struct rf_ranking *out, size_t *cap, const char *file, const char *label,
		      const struct rf_scored *sc)
{
	if (sc->broken) {
		rf_scored_report(sc, label);
		out->nbroken++;
		return 0;
	}
	struct rf_ranked *r = grow(out, cap);
	r->slug = rf_notefile_slug(file);
	r->track = rf_xstrdup(sc->track);
	r->status = rf_xstrdup(sc->status);
	r->rank = rf_xstrdup(sc->rank);
	r->conflicts = sc->conflicts;
	r->score = sc->score;
	r->score.dealbreaker = sc->score.dealbreaker ? rf_xstrdup(sc->score.dealbreaker) : NULL;
	return 0;
}

/* One note of commit: its blob from the cache (vouched), else read by
 * the name it had then and kept. */
static int add_at(struct rf_ranking *out, size_t *cap, struct rf_scorecache *cache, struct rf_store *st,
		  const git_commit *commit, const char *file)
{
	git_oid id;
	struct rf_revnote rn;
	const struct rf_scored *sc;
	char where[8];
	int e = rf_store_entry_id(st, commit, file, &id);
	if (e < 0)
		return -1;
	if (e && (sc = rf_scorecache_get(cache, &id))) {
		git_oid_tostr(where, sizeof(where), git_commit_id(commit));
		char *label = rf_xasprintf("%s@%s", file, where);
		int r = add_scored(out, cap, file, label, sc);
		free(label);
		return r;
	}
	int r = rf_revnote_at(&rn, st, commit, file);
	if (r == 0 && rn.missing)
		r = rf_error("%s: no such note at %s", file, rn.where);
	if (r == 0 && git_odb_hash(&id, rn.note.text, rn.note.len, GIT_OBJECT_BLOB) < 0)
		r = rf_git_error(file);
	if (r == 0)
		r = add_scored(out, cap, rn.file, rn.label, rf_scorecache_put(cache, &id, &rn.note));
	rf_revnote_free(&rn);
	return r;
}

int rf_ranking_build(struct rf_ranking *out, const struct rf_scorer *s, const struct rf_notesdir *nd,
		     struct rf_store *st, const git_commit *commit, const struct rf_strv *slugs)
{
	struct rf_strv files = RF_STRV_INIT;
	struct rf_scorecache *cache = rf_scorecache_open(st && st->repo ? st : NULL, s);
	struct rf_gitindex *gi = !commit && st && st->repo ? rf_gitindex_open(st) : NULL;
	struct rf_vouched v = { 0 };
	size_t cap = 0;
	memset(out, 0, sizeof(out[0]));
	int r = files_to_score(nd, st, commit, slugs, &files);
	/* What the cache does not know yet is parsed on threads first. */
	if (r == 0 && commit) {
		git_oid *ids = rf_xmalloc((files.n ? files.n : 1) * sizeof(*ids));
		size_t nids = 0;
		for (size_t i = 0; r == 0 && i < files.n; i++) {
			int e = rf_store_entry_id(st, commit, files.v[i], &ids[nids]);
			r = e < 0 ? -1 : 0;
			nids += e > 0;
		}
		if (r == 0)
			rf_scorecache_fill(cache, ids, nids, 1);
		free(ids);
	} else if (r == 0) {
		rf_scorecache_vouched(gi, nd, files.v, files.n, &v);
		rf_scorecache_fill_worktree(cache, nd, files.v, files.n, &v);
	}
	for (size_t i = 0; r == 0 && i < files.n; i++) {
		if (commit) {
			r = add_at(out, &cap, cache, st, commit, files.v[i]);
			continue;
		}
		int missing = 0;
		const struct rf_scored *sc = v.at[i] != RF_UNVOUCHED ? rf_scorecache_get(cache, &v.ids[v.at[i]]) : NULL;
		if (!sc)
			sc = rf_scorecache_worktree(cache, gi, nd, files.v[i], &missing);
		if (missing) {
			errno = ENOENT;	/* gone since it was listed */
			r = rf_error_errno("%s", files.v[i]);
		} else if (!sc) {
			/* A link or an unreadable file, reported: the others still count. */
			out->nbroken++;
		} else {
			r = add_scored(out, &cap, files.v[i], files.v[i], sc);
		}
	}
	rf_vouched_free(&v);
	rf_gitindex_free(gi);
	rf_scorecache_close(cache);
	rf_strv_free(&files);
	if (r == 0)
		place_on_list(out, nd, st, commit, NULL, slugs->n == 0);
	if (r < 0)
		rf_ranking_free(out);
	return r;
}

int rf_ranking_build_notes(struct rf_ranking *out, const struct rf_scorer *s, struct rf_noteset *ns,
			   const struct rf_strv *slugs)
{
	struct rf_strv files = RF_STRV_INIT;
	size_t cap = 0;
	memset(out, 0, sizeof(*out));
	int r = files_to_score(ns->nd, ns->st, ns->commit, slugs, &files);
	const struct rf_revnote **notes = rf_xmalloc((files.n ? files.n : 1) * sizeof(*notes));
	if (r == 0)
		rf_noteset_prefetch(ns, files.v, files.n);
	for (size_t i = 0; r == 0 && i < files.n; i++) {
		const struct rf_revnote *rn;
		r = rf_noteset_get(ns, files.v[i], &rn);
		if (r < 0 && !ns->commit) {
			/* A link or an unreadable file, reported: the others still count. */
			out->nbroken++;
			r = 0;
		} else if (r == 0 && rn->missing && ns->commit) {
			r = rf_error("%s: no such note at %s", files.v[i], rn->where);
		} else if (r == 0 && rn->missing) {
			errno = ENOENT;	/* gone since it was listed */
			r = rf_error_errno("%s", files.v[i]);
		} else if (r == 0 && add_note(out, &cap, rn)) {
			notes[out->n - 1] = rn;
		}
	}
	if (r == 0)
		score_on_threads(out, s, notes);
	free(notes);
	rf_strv_free(&files);
	if (r == 0)
		place_on_list(out, ns->nd, ns->st, ns->commit, ns, slugs->n == 0);
	if (r < 0)
		rf_ranking_free(out);
	return r;
}

int rf_ranking_build_full(struct rf_ranking *out, const struct rf_scorer *s, const struct rf_notesdir *nd,
			  struct rf_store *st, const git_commit *commit, const struct rf_strv *slugs)
{
	struct rf_noteset ns;
	rf_noteset_init(&ns, nd, st, commit);
	int r = rf_ranking_build_notes(out, s, &ns, slugs);
	rf_noteset_free(&ns);
	return r;
}

void rf_ranking_free(struct rf_ranking *r)
{
	for (size_t i = 0; i < r->n; i++) {
		free(r->v[i].slug);
		free(r->v[i].track);
		free(r->v[i].status);
		free(r->v[i].rank);
		rf_score_free(&r->v[i].score);
	}
	free(r->v);
	memset(r, 0, sizeof(*r));
}

static int cmp_num_str(const char *a, const char *b)
{
	double x, y;
	int ha = rf_parse_number(a, &x) == 0, hb = rf_parse_number(b, &y) == 0;
	if (ha != hb)
		return ha ? -1 : 1;	/* unset ranks go last */
	if (!ha)
		return 0;
	return (x > y) - (x < y);
}

static int compare(const struct rf_ranked *a, const struct rf_ranked *b, int col)
{
	if (!!a->score.dealbreaker != !!b->score.dealbreaker)
		return a->score.dealbreaker ? 1 : -1;
	int c = 0;
	switch (col) {
	case 0: c = cmp_num_str(a->rank, b->rank); break;
	case 1: c = strcmp(a->slug, b->slug); break;
	case 2: c = strcmp(a->track, b->track); break;
	case 5: c = (a->score.pattern < b->score.pattern) - (a->score.pattern > b->score.pattern); break;
	case 6: c = (a->score.nflagged < b->score.nflagged) - (a->score.nflagged > b->score.nflagged); break;
	case 7: c = (a->score.unknowns > b->score.unknowns) - (a->score.unknowns < b->score.unknowns); break;
	case 8: c = (rf_score_known_pct(&a->score) < rf_score_known_pct(&b->score)) -
		    (rf_score_known_pct(&a->score) > rf_score_known_pct(&b->score)); break;
	case 9: c = (a->score.green < b->score.green) - (a->score.green > b->score.green); break;
	case 10: c = strcmp(a->status, b->status); break;
	default: break;	/* risk, tier */
	}
	if (!c)
		c = (a->score.risk > b->score.risk) - (a->score.risk < b->score.risk);
	return c ? c : strcmp(a->slug, b->slug);
}

static int compare_col(const void *a, const void *b, void *col)
{
	return compare(a, b, *(const int *)col);
}

int rf_ranking_sort(struct rf_ranking *r, const char *column)
{
	int col = 3;
	if (column) {
		col = -1;
		for (int i = 0; i < RF_RANKING_NCOLS; i++)
			if (!strcmp(rf_ranking_columns[i], column))
				col = i;
		if (col < 0)
			return rf_error("--sort %s: expected one of rank, program, track, risk, tier, marks, "
					"flagged, unknowns, known, green, status", column);
	}
	/* compare ends on the slug, which no two notes share: an order without
	 * ties, so an unstable sort gives the one answer (an insertion sort
	 * was quadratic in a 2,000-program list). */
	if (r->n > 1)
		qsort_r(r->v, r->n, sizeof(*r->v), compare_col, &col);
	return 0;
}

void rf_ranking_table(const struct rf_ranking *r, struct rf_table *t)
{
	rf_table_init(t, RF_RANKING_NCOLS, rf_ranking_columns);
	rf_table_set_kind(t, 0, RF_COL_NUMBER);
	rf_table_set_kind(t, 3, RF_COL_NUMBER);
	rf_table_set_kind(t, 7, RF_COL_NUMBER);
	rf_table_set_kind(t, 8, RF_COL_PERCENT);
	rf_table_set_kind(t, 9, RF_COL_NUMBER);
	for (size_t i = 0; i < r->n; i++) {
		const struct rf_ranked *x = &r->v[i];
		char risk[32], unknowns[24], known[24], green[24], marks[32] = "";
		rf_hundredths_format(x->score.risk, risk);
		rf_fmt_ulong(unknowns, x->score.unknowns);
		rf_fmt_ulong(known, rf_score_known_pct(&x->score));
		rf_fmt_ulong(green, x->score.green);
		char *flagged = rf_score_flagged_list(&x->score);
		/* conflict: an answer still to decide between two devices. */
		if (x->score.pattern)
			strcat(marks, "pattern");
		if (x->score.dealbreaker)
			strcat(marks, *marks ? ",dealbreaker" : "dealbreaker");
		if (x->conflicts)
			strcat(marks, *marks ? ",conflict" : "conflict");
		const char *cells[RF_RANKING_NCOLS] = {
			*x->rank ? x->rank : NULL, x->slug, x->track, risk, x->score.tier, marks, flagged, unknowns, known,
			green, x->status,
		};
		rf_table_add(t, cells);
		free(flagged);
	}
}
