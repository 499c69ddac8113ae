/* One note changed on two devices: append-only sections renumbered, the
 * other side's differing answers in [conflicts], add/add, free keys. */
#include <git2.h>

#include "note.h"
#include "notemerge.h"
#include "unit.h"

static const struct rf_conflict_origin origin = { "origin", "2026-12-05 09:00 +0000", "1a2b3c4" };

static char *merge(const char *base, const char *ours, const char *theirs, size_t *conflicts, size_t *renumbered)
{
	struct rf_notemerge m;
	if (rf_notemerge_run("n.ini", base, base ? strlen(base) : 0, ours, strlen(ours), theirs, strlen(theirs),
			     &origin, &m) < 0)
		return NULL;
	*conflicts = m.conflicts;
	*renumbered = m.renumbered;
	return rf_buf_detach(&m.text);
}

static void different_keys(struct unit *u)
{
	size_t c, n;
	char *t = merge("[visa]\nh1b = unknown\nj1 = unknown\n", "; mine\n[visa]\nh1b = yes\nj1 = unknown\n",
			"[visa]\nh1b = unknown\nj1 = no\n", &c, &n);
	CHECK_STR(u, t, "; mine\n[visa]\nh1b = yes\nj1 = no\n");
	CHECK(u, c == 0 && n == 0);
	free(t);
}

static void same_key(struct unit *u)
{
	size_t c, n;
	char *t = merge("[visa]\nh1b = unknown\n", "[visa]\nh1b = yes\n", "[visa]\nh1b = no\n", &c, &n);
	CHECK_STR(u, t, "[visa]\nh1b = yes\n\n[conflicts]\n; visa.h1b: from origin, 2026-12-05 09:00 +0000 (1a2b3c4)\n"
			"visa.h1b = no\n");
	CHECK(u, c == 1 && n == 0);
	free(t);
	/* Removed there: recorded as removed. */
	t = merge("[visa]\nh1b = unknown\n", "[visa]\nh1b = yes\n", "[visa]\n", &c, &n);
	CHECK_STR(u, t, "[visa]\nh1b = yes\n\n[conflicts]\n; visa.h1b: removed on origin, 2026-12-05 09:00 +0000 "
			"(1a2b3c4)\nvisa.h1b =\n");
	CHECK(u, c == 1);
	free(t);
}

static void quotes(struct unit *u)
{
	size_t c, n;
	char *t = merge("[quotes]\n", "[quotes]\n2026-12-05 dr lee = We work hard.\n",
			"[quotes]\n2026-12-05 dr lee = Residents never leave.\n", &c, &n);
	CHECK_STR(u, t, "[quotes]\n2026-12-05 dr lee = We work hard.\n2026-12-05 dr lee 2 = Residents never leave.\n");
	CHECK(u, c == 0 && n == 1);
	free(t);
	/* The same quote on both sides is one. */
	t = merge("[quotes]\n", "[quotes]\n2026-12-05 = Same.\n", "[quotes]\n2026-12-05 = Same.\n", &c, &n);
	CHECK_STR(u, t, "[quotes]\n2026-12-05 = Same.\n");
	CHECK(u, c == 0 && n == 0);
	free(t);
}

static void added_on_both(struct unit *u)
{
	size_t c, n;
	char *t = merge(NULL, "[program]\nname = Mercy\n", "[program]\nname = Mercy General\ncity = Boston\n", &c, &n);
	CHECK(u, t != NULL && c == 1);
	struct rf_note note;
	CHECK(u, t && rf_note_parse(&note, "n.ini", t, strlen(t), 0) == 0);
	CHECK_STR(u, rf_note_get(&note, "program", "name"), "Mercy");
	CHECK_STR(u, rf_note_get(&note, "program", "city"), "Boston");
	CHECK_STR(u, rf_note_get(&note, "conflicts", "program.name"), "Mercy General");
	rf_note_free(&note);
	free(t);
	/* A side that does not parse is refused. */
	CHECK(u, merge(NULL, "[program\n", "[program]\n", &c, &n) == NULL);
}

static void free_key(struct unit *u)
{
	struct rf_note a;
	const char *text = "[quotes]\nd w = x\nd w 2 = y\nd 3 = z\n";
	rf_note_parse(&a, "a", text, strlen(text), 0);
	const struct rf_note *notes[2] = { &a, NULL };
	char *k = rf_notemerge_free_key(notes, 2, "quotes", "d w");
	CHECK_STR(u, k, "d w 3");
	free(k);
	k = rf_notemerge_free_key(notes, 2, "quotes", "d w 2");
	CHECK_STR(u, k, "d w 3");
	free(k);
	k = rf_notemerge_free_key(notes, 2, "quotes", "d");
	CHECK_STR(u, k, "d 2");
	free(k);
	rf_note_free(&a);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	git_libgit2_init();
	RUN(&u, different_keys);
	RUN(&u, same_key);
	RUN(&u, quotes);
	RUN(&u, added_on_both);
	RUN(&u, free_key);
	git_libgit2_shutdown();
	return UNIT_DONE(&u);
}
