/* The score cache: what it keeps of a score is what scoring gives, kept
 * across runs for the same rules and profile only; and git's index as the
 * witness of which work-tree files need no hashing. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "gitindex.h"
#include "scorecache.h"
#include "unit.h"

static const char RULES[] = "[defaults]\nunknown = 0.25\nvague = 4\nred = 5\n"
			    "[visa]\nh1b = no:12, yes:0\nj1 = no:6\n"
			    "[culture]\nstaff_tone = hostile:8\n"
			    "[tiers]\nlow = 0\nhigh = 10\n";
static const char PROFILE[] = "[applicant]\nvisa_needed = h1b\n[weights]\nvisa = 1.5\n";
static const char NOTE[] = "[program]\ntrack = dr\nstatus = applied\nrank = 3\n"
			   "[visa]\nh1b = no\nj1 = vague\n[culture]\nstaff_tone = hostile\n"
			   "[conflicts]\nvisa.h1b = yes\n";

struct fixture {
	char dir[64];
	struct rf_notesdir nd;
	struct rf_store st;
	struct rf_scorer *s;
};

static void setup(struct fixture *f, const char *rules)
{
	int created;
	strcpy(f->dir, "/tmp/rf-test-scorecache-XXXXXX");
	if (!mkdtemp(f->dir) || rf_store_init(f->dir, &created) < 0 || rf_notesdir_open(&f->nd, f->dir) < 0)
		abort();
	rf_notesdir_write(&f->nd, "rules.ini", rules, strlen(rules), 0);
	rf_notesdir_write(&f->nd, "profile.ini", PROFILE, strlen(PROFILE), 0);
	if (rf_store_open(&f->st, f->dir, RF_STORE_READ) < 0 || rf_scorer_load(&f->s, &f->nd) < 0)
		abort();
}

static void teardown(struct fixture *f)
{
	rf_scorer_free(f->s);
	rf_store_close(&f->st);
	rf_notesdir_close(&f->nd);
	unit_remove_dir(f->dir);
}

/* The cached record and a fresh score agree on everything kept. */
static void same_as_scoring(struct unit *u, const struct rf_scorer *s, const struct rf_scored *sc, const char *text)
{
	struct rf_note note;
	struct rf_score want;
	rf_note_parse(&note, "x", text, strlen(text), 0);
	rf_score_note(s, &note, &want);
	CHECK(u, sc && !sc->broken);
	if (!sc || sc->broken)
		goto out;
	CHECK(u, sc->score.risk == want.risk && sc->score.flagged == want.flagged &&
			 sc->score.nflagged == want.nflagged && sc->score.unknowns == want.unknowns &&
			 sc->score.green == want.green && sc->score.pattern == want.pattern);
	CHECK(u, sc->score.vague == want.vague && sc->score.stake == want.stake && sc->score.known == want.known);
	CHECK(u, rf_score_known_pct(&sc->score) == rf_score_known_pct(&want));
	CHECK_STR(u, sc->score.tier, want.tier);
	CHECK_STR(u, sc->score.dealbreaker ? sc->score.dealbreaker : "-", want.dealbreaker ? want.dealbreaker : "-");
	CHECK(u, sc->score.v == NULL && sc->score.n == 0);
	long sum = 0, dom[RF_NDOMAINS] = { 0 };
	for (size_t i = 0; i < want.n; i++)
		if (want.v[i].domain >= 0)
			dom[want.v[i].domain] += want.v[i].value;
	for (int d = 0; d < RF_NDOMAINS; d++) {
		CHECK(u, sc->domain[d] == dom[d]);
		sum += sc->domain[d];
	}
	CHECK(u, sum <= sc->score.risk);
	unsigned char *open = rf_xcalloc(s->rules.nrules + 1, 1);
	rf_ask_open(s, &note, open);
	CHECK(u, sc->nopen == s->rules.nrules && !memcmp(sc->open, open, sc->nopen));
	free(open);
out:
	rf_score_free(&want);
	rf_note_free(&note);
}

static git_oid blob_id(const char *text)
{
	git_oid id;
	git_odb_hash(&id, text, strlen(text), GIT_OBJECT_BLOB);
	return id;
}

static void kept_across_runs(struct unit *u)
{
	struct fixture f;
	setup(&f, RULES);
	struct rf_note note;
	git_oid id = blob_id(NOTE), other = blob_id("[visa]\n");
	rf_note_parse(&note, "x", NOTE, strlen(NOTE), 0);
	struct rf_scorecache *c = rf_scorecache_open(&f.st, f.s);
	CHECK(u, rf_scorecache_get(c, &id) == NULL);
	const struct rf_scored *sc = rf_scorecache_put(c, &id, &note);
	same_as_scoring(u, f.s, sc, NOTE);
	CHECK_STR(u, sc->track, "dr");
	CHECK_STR(u, sc->rank, "3");
	CHECK(u, sc->conflicts == 1);
	CHECK(u, rf_scorecache_get(c, &id) == sc);
	rf_scorecache_close(c);
	rf_note_free(&note);

	/* The next run reads it back. */
	c = rf_scorecache_open(&f.st, f.s);
	sc = rf_scorecache_get(c, &id);
	same_as_scoring(u, f.s, sc, NOTE);
	CHECK_STR(u, sc ? sc->status : NULL, "applied");
	CHECK(u, sc && sc->conflicts == 1);
	CHECK(u, rf_scorecache_get(c, &other) == NULL);
	rf_scorecache_close(c);

	/* Other rules: not theirs. */
	struct fixture g = f;
	rf_notesdir_write(&f.nd, "rules.ini", "[visa]\nh1b = no:1\n", 18, 0);
	CHECK(u, rf_scorer_load(&g.s, &f.nd) == 0);
	CHECK(u, g.s->key != f.s->key);
	c = rf_scorecache_open(&f.st, g.s);
	CHECK(u, rf_scorecache_get(c, &id) == NULL);
	rf_scorecache_close(c);
	rf_scorer_free(g.s);
	teardown(&f);
}

static void broken_notes(struct unit *u)
{
	struct fixture f;
	setup(&f, RULES);
	static const char bad[] = "[visa]\nh1b = no\n[culture\n";
	struct rf_note note;
	git_oid id = blob_id(bad);
	rf_note_parse(&note, "x", bad, strlen(bad), 0);
	struct rf_scorecache *c = rf_scorecache_open(&f.st, f.s);
	const struct rf_scored *sc = rf_scorecache_put(c, &id, &note);
	CHECK(u, sc && sc->broken && sc->lineno == 3);
	long risk;
	CHECK(u, rf_scorecache_risk(c, &id, &risk) == 0);
	rf_scorecache_close(c);
	rf_note_free(&note);
	c = rf_scorecache_open(&f.st, f.s);
	sc = rf_scorecache_get(c, &id);
	CHECK(u, sc && sc->broken && sc->lineno == 3);
	CHECK_STR(u, sc ? sc->error : NULL, "section header without its closing ']'");
	printf("# an expected error follows\n");
	fflush(stdout);
	CHECK(u, sc && rf_scored_report(sc, "b.ini") == -1);
	rf_scorecache_close(c);
	teardown(&f);
}

/* Blobs of the repository scored on threads, each once. */
static void filled_from_blobs(struct unit *u)
{
	struct fixture f;
	setup(&f, RULES);
	git_oid ids[100];
	char text[100][160];
	for (int i = 0; i < 100; i++) {
		snprintf(text[i], sizeof(text[i]), "[program]\nrank = %d\n[visa]\nh1b = %s\nj1 = %s\n", i,
			 i % 3 ? "no" : "yes", i % 2 ? "vague" : "no");
		git_blob_create_from_buffer(&ids[i], f.st.repo, text[i], strlen(text[i]));
	}
	/* The risks alone first, as rf-log asks for them. */
	struct rf_scorecache *c = rf_scorecache_open(&f.st, f.s);
	rf_scorecache_fill(c, ids, 60, 0);
	long risk;
	CHECK(u, rf_scorecache_get(c, &ids[0]) == NULL && rf_scorecache_risk(c, &ids[0], &risk) == 1);
	rf_scorecache_close(c);
	c = rf_scorecache_open(&f.st, f.s);
	CHECK(u, rf_scorecache_get(c, &ids[59]) == NULL && rf_scorecache_risk(c, &ids[59], &risk) == 1);
	CHECK(u, rf_scorecache_risk(c, &ids[60], &risk) == -1);
	rf_scorecache_fill(c, ids, 100, 1);
	rf_scorecache_fill(c, ids, 50, 1);
	for (int i = 0; i < 100; i++) {
		const struct rf_scored *sc = rf_scorecache_get(c, &ids[i]);
		same_as_scoring(u, f.s, sc, text[i]);
		CHECK(u, rf_scorecache_risk(c, &ids[i], &risk) == 1 && sc && risk == sc->score.risk);
	}
	/* A blob that is not there is left out. */
	git_oid missing = blob_id("not in the repository");
	rf_scorecache_fill(c, &missing, 1, 1);
	CHECK(u, rf_scorecache_get(c, &missing) == NULL);
	rf_scorecache_close(c);
	/* Whole records replace the risks alone in the file. */
	c = rf_scorecache_open(&f.st, f.s);
	CHECK(u, rf_scorecache_get(c, &ids[99]) != NULL && rf_scorecache_get(c, &ids[0]) != NULL);
	rf_scorecache_close(c);
	teardown(&f);
}

static void vouched_by_git_index(struct unit *u)
{
	struct fixture f;
	setup(&f, RULES);
	git_index *idx;
	git_oid id, want = blob_id(NOTE);
	struct stat sb;
	char path[128];
	rf_notesdir_write(&f.nd, "a.ini", NOTE, strlen(NOTE), 0);
	rf_notesdir_write(&f.nd, "b.ini", NOTE, strlen(NOTE), 0);
	/* The index written a moment after the files, as git does. */
	usleep(20000);
	git_repository_index(&idx, f.st.repo);
	git_index_add_bypath(idx, "a.ini");
	git_index_add_bypath(idx, "b.ini");
	git_index_write(idx);
	git_index_free(idx);
	struct rf_gitindex *gi = rf_gitindex_open(&f.st);
	CHECK(u, gi != NULL);
	fstatat(f.nd.fd, "a.ini", &sb, AT_SYMLINK_NOFOLLOW);
	CHECK(u, rf_gitindex_id(gi, "a.ini", &sb, &id) == 1 && git_oid_equal(&id, &want));
	CHECK(u, rf_gitindex_id(NULL, "a.ini", &sb, &id) == 0);
	/* Not in the index, or changed since. */
	CHECK(u, rf_gitindex_id(gi, "c.ini", &sb, &id) == 0);
	struct stat changed = sb;
	changed.st_ctim.tv_nsec ^= 1;
	CHECK(u, rf_gitindex_id(gi, "a.ini", &changed, &id) == 0);
	changed = sb;
	changed.st_size++;
	CHECK(u, rf_gitindex_id(gi, "a.ini", &changed, &id) == 0);
	changed = sb;
	changed.st_mode = S_IFLNK | 0777;
	CHECK(u, rf_gitindex_id(gi, "a.ini", &changed, &id) == 0);
	rf_gitindex_free(gi);
	/* Changed in the moment the index was written: not vouched for. */
	snprintf(path, sizeof(path), "%s/.git/index", f.dir);
	struct timespec old[2] = { sb.st_mtim, sb.st_mtim };
	CHECK(u, utimensat(AT_FDCWD, path, old, 0) == 0);
	gi = rf_gitindex_open(&f.st);
	CHECK(u, rf_gitindex_id(gi, "a.ini", &sb, &id) == 0);
	rf_gitindex_free(gi);
	teardown(&f);
}

/* What git's index vouched for is read from the work tree while the file
 * is as the index saw it (a.ini: its blob is gone from the repository, so
 * the file is where its score came from), else from the repository (b.ini,
 * rewritten after the index vouched for it; c.ini, removed). */
static void filled_from_worktree(struct unit *u)
{
	struct fixture f;
	static const char B[] = "[visa]\nh1b = yes\n", B2[] = "[visa]\nh1b = no\nj1 = no\n", C[] = "[visa]\nj1 = no\n";
	char *files[] = { "a.ini", "b.ini", "c.ini", "d.ini" };
	setup(&f, RULES);
	rf_notesdir_write(&f.nd, "a.ini", NOTE, strlen(NOTE), 0);
	rf_notesdir_write(&f.nd, "b.ini", B, strlen(B), 0);
	rf_notesdir_write(&f.nd, "c.ini", C, strlen(C), 0);
	rf_notesdir_write(&f.nd, "d.ini", C, strlen(C), 0);
	usleep(20000);
	git_index *idx;
	git_repository_index(&idx, f.st.repo);
	for (int i = 0; i < 3; i++)
		git_index_add_bypath(idx, files[i]);
	git_index_write(idx);
	git_index_free(idx);
	git_oid a = blob_id(NOTE), b = blob_id(B), c = blob_id(C);
	char hex[GIT_OID_HEXSZ + 1], path[256];
	git_oid_tostr(hex, sizeof(hex), &a);
	snprintf(path, sizeof(path), "%s/.git/objects/%.2s/%s", f.dir, hex, hex + 2);
	CHECK(u, unlink(path) == 0);
	struct rf_gitindex *gi = rf_gitindex_open(&f.st);
	struct rf_vouched v;
	rf_scorecache_vouched(gi, &f.nd, files, 4, &v);
	CHECK(u, v.n == 3 && v.at[0] == 0 && v.at[1] == 1 && v.at[2] == 2 && v.at[3] == RF_UNVOUCHED);
	rf_notesdir_write(&f.nd, "b.ini", B2, strlen(B2), 0);
	CHECK(u, unlinkat(f.nd.fd, "c.ini", 0) == 0);
	struct rf_scorecache *sc = rf_scorecache_open(&f.st, f.s);
	rf_scorecache_fill_worktree(sc, &f.nd, files, 4, &v);
	same_as_scoring(u, f.s, rf_scorecache_get(sc, &a), NOTE);
	same_as_scoring(u, f.s, rf_scorecache_get(sc, &b), B);
	same_as_scoring(u, f.s, rf_scorecache_get(sc, &c), C);
	rf_scorecache_close(sc);
	rf_vouched_free(&v);
	rf_gitindex_free(gi);
	teardown(&f);
}

/* Enough notes for the stat calls to be split over threads: each file is
 * matched with its own state and blob, whichever thread saw it (every
 * seventh is not in git's index, every fifth removed after it was). */
static void vouched_on_threads(struct unit *u)
{
	enum { N = 700 };
	struct fixture f;
	char *files[N], text[N][32];
	setup(&f, RULES);
	git_index *idx;
	git_repository_index(&idx, f.st.repo);
	for (int i = 0; i < N; i++) {
		files[i] = rf_xasprintf("n%04d.ini", i);
		snprintf(text[i], sizeof(text[i]), "[visa]\nh1b = %s\n; %d\n", i % 2 ? "no" : "yes", i);
		int fd = openat(f.nd.fd, files[i], O_WRONLY | O_CREAT | O_TRUNC, 0644);
		CHECK(u, fd >= 0 && write(fd, text[i], strlen(text[i])) == (ssize_t)strlen(text[i]));
		close(fd);
	}
	usleep(20000);
	for (int i = 0; i < N; i++)
		if (i % 7)
			git_index_add_bypath(idx, files[i]);
	git_index_write(idx);
	git_index_free(idx);
	for (int i = 0; i < N; i += 5)
		unlinkat(f.nd.fd, files[i], 0);
	struct rf_gitindex *gi = rf_gitindex_open(&f.st);
	struct rf_vouched v;
	rf_scorecache_vouched(gi, &f.nd, files, N, &v);
	size_t expect = 0;
	for (int i = 0; i < N; i++) {
		struct stat sb;
		if (!(i % 7) || !(i % 5)) {
			CHECK(u, v.at[i] == RF_UNVOUCHED);
			continue;
		}
		CHECK(u, v.at[i] == expect);
		if (v.at[i] != expect)
			break;
		git_oid id = blob_id(text[i]);
		CHECK(u, git_oid_equal(&v.ids[expect], &id));
		CHECK(u, fstatat(f.nd.fd, files[i], &sb, 0) == 0 && sb.st_ino == v.seen[expect].st_ino &&
			 sb.st_size == v.seen[expect].st_size);
		expect++;
	}
	CHECK(u, v.n == expect);
	rf_vouched_free(&v);
	rf_gitindex_free(gi);
	for (int i = 0; i < N; i++)
		free(files[i]);
	teardown(&f);
}

/* core.autocrlf: the blob holds LF, the file CRLF: never vouched for. */
static void not_vouched_through_a_filter(struct unit *u)
{
	struct fixture f;
	static const char crlf[] = "[visa]\r\nh1b = no\r\n";
	setup(&f, RULES);
	git_config *cfg;
	git_index *idx;
	git_oid id;
	struct stat sb;
	git_repository_config(&cfg, f.st.repo);
	git_config_set_string(cfg, "core.autocrlf", "true");
	git_config_free(cfg);
	rf_notesdir_write(&f.nd, "a.ini", crlf, strlen(crlf), 0);
	rf_notesdir_write(&f.nd, "b.ini", "[visa]\n", 7, 0);
	usleep(20000);
	git_repository_index(&idx, f.st.repo);
	git_index_add_bypath(idx, "a.ini");
	git_index_add_bypath(idx, "b.ini");
	git_index_write(idx);
	git_index_free(idx);
	struct rf_gitindex *gi = rf_gitindex_open(&f.st);
	fstatat(f.nd.fd, "a.ini", &sb, AT_SYMLINK_NOFOLLOW);
	CHECK(u, rf_gitindex_id(gi, "a.ini", &sb, &id) == 0);
	/* Where the filter changed nothing, the blob's size agrees. */
	fstatat(f.nd.fd, "b.ini", &sb, AT_SYMLINK_NOFOLLOW);
	CHECK(u, rf_gitindex_id(gi, "b.ini", &sb, &id) == 1);
	rf_gitindex_free(gi);
	teardown(&f);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, kept_across_runs);
	RUN(&u, broken_notes);
	RUN(&u, filled_from_blobs);
	RUN(&u, vouched_by_git_index);
	RUN(&u, filled_from_worktree);
	RUN(&u, vouched_on_threads);
	RUN(&u, not_vouched_through_a_filter);
	return UNIT_DONE(&u);
}
