/* fuzz-cache: the payloads of rf's cache files (.git/rf/history and
 * .git/rf/scores), past the checksum that normally keeps damaged ones
 * out.  Whatever they hold, they are refused or answer every question
 * without a crash or a leak.  The first byte picks the file. */
#include <stdint.h>
#include <string.h>

#include "fuzz.h"
#include "histindex.h"
#include "scorecache.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct rf_scorer scorer;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char rules[] = "[visa]\nh1b = no:12\n[tiers]\nlow = 0\nhigh = 10\n";
	static const char profile[] = "[weights]\nvisa = 2\n";
	(void)argc;
	(void)argv;
	rf_fuzz_quiet();
	if (rf_rules_parse(&scorer.rules, "rules.ini", rules, sizeof(rules) - 1) < 0 ||
	    rf_profile_parse(&scorer.profile, "profile.ini", profile, sizeof(profile) - 1) < 0)
		abort();
	scorer.key = 42;
	return 0;
}

static int enough(const struct rf_history *h, void *arg)
{
	return h->n >= *(const size_t *)arg;
}

static void history(const uint8_t *data, size_t size)
{
	struct rf_histindex *hx = rf_histindex_parse(data, size);
	if (!hx)
		return;
	struct rf_history h = { 0 };
	size_t stop = size % 7 + 1;
	rf_histindex_query(hx, NULL, NULL, NULL, &h);
	/* Every name the timeline shows, followed as a note's history. */
	for (size_t i = 0; i < h.n; i++) {
		struct rf_history one = { 0 };
		rf_histindex_query(hx, h.v[i].path, i % 2 ? enough : NULL, &stop, &one);
		for (size_t k = 0; k < one.n; k++)
			RF_FUZZ_ASSERT(one.v[k].path && one.v[k].subject);
		rf_history_free(&one);
	}
	/* A name no entry of the timeline holds has no history (the fuzzer
	 * learns this very name from the comparison, so look first). */
	static const char absent[] = "no-such-note.ini";
	int named = 0;
	for (size_t i = 0; i < h.n && !named; i++)
		named = !strcmp(h.v[i].path, absent) || (h.v[i].old_path && !strcmp(h.v[i].old_path, absent));
	rf_history_free(&h);
	rf_histindex_query(hx, absent, NULL, NULL, &h);
	RF_FUZZ_ASSERT(named || h.n == 0);
	rf_history_free(&h);
	rf_histindex_free(hx);
}

static void scores(const uint8_t *data, size_t size)
{
	uint8_t *p = malloc(size > 8 ? size : 8);
	memset(p, 0, 8);
	memcpy(p, data, size);
	/* The scorer's key, as a file written for it would have. */
	for (int i = 0; i < 8; i++)
		p[i] = i ? 0 : 42;
	struct rf_scorecache *c = rf_scorecache_parse(&scorer, p, size > 8 ? size : 8);
	/* Ask for every id that could be in the index, and one that is not. */
	for (size_t off = 12; off + GIT_OID_RAWSZ <= size; off += 40) {
		git_oid id;
		long risk;
		git_oid_fromraw(&id, p + off);
		const struct rf_scored *sc = rf_scorecache_get(c, &id);
		int r = rf_scorecache_risk(c, &id, &risk);
		if (sc && !sc->broken) {
			RF_FUZZ_ASSERT(r == 1 && risk == sc->score.risk);
			RF_FUZZ_ASSERT(sc->track && sc->status && sc->rank && sc->score.tier);
			RF_FUZZ_ASSERT(sc->nopen == scorer.rules.nrules);
		}
	}
	rf_scorecache_close(c);
	free(p);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!size)
		return 0;
	if (data[0] & 1)
		history(data + 1, size - 1);
	else
		scores(data + 1, size - 1);
	return 0;
}
