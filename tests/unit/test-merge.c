/* The per-key three-way merge of note texts: who wins what, the text it
 * writes (git's line merge when it agrees, else one side's layout with the
 * other's answers), and what it refuses. */
#include <git2.h>
#include <stdlib.h>

#include "merge.h"
#include "unit.h"

/* Merge three texts (base may be NULL); returns 0 or -1. */
static int merge(const char *base, const char *ours, const char *theirs, enum rf_merge_policy policy,
		 struct rf_merge *m)
{
	struct rf_note b, o, t;
	if (base)
		rf_note_parse(&b, "base.ini", base, strlen(base), 0);
	rf_note_parse(&o, "ours.ini", ours, strlen(ours), 0);
	rf_note_parse(&t, "theirs.ini", theirs, strlen(theirs), 0);
	int r = rf_merge_notes("m.ini", base ? &b : NULL, &o, &t, policy, m);
	if (base)
		rf_note_free(&b);
	rf_note_free(&o);
	rf_note_free(&t);
	return r;
}

/* "section.key outcome result" per key. */
static char *outcomes(const struct rf_merge *m)
{
	static const char *const names[] = { "ours", "theirs", "both", "conflict" };
	struct rf_buf b = RF_BUF_INIT;
	for (size_t i = 0; i < m->n; i++)
		rf_buf_addf(&b, "%s.%s %s %s\n", m->keys[i].section, m->keys[i].key, names[m->keys[i].outcome],
			    m->keys[i].result ? m->keys[i].result : "(none)");
	rf_buf_adds(&b, "");
	return rf_buf_detach(&b);
}

#define BASE "[visa]\n; H-1B?\nh1b = unknown\n; J-1?\nj1 = unknown\n\n[culture]\n; tone?\nstaff_tone = unknown\n"

static void disjoint_keys_keep_both_sides(struct unit *u)
{
	struct rf_merge m;
	const char *ours = "[visa]\n; H-1B?\nh1b = no\n; J-1?\nj1 = unknown\n\n[culture]\n; tone?\nstaff_tone = unknown\n";
	const char *theirs = "[visa]\n; H-1B?\nh1b = unknown\n; J-1?\nj1 = unknown\n\n[culture]\n; tone, asked twice\nstaff_tone = hostile\n";
	CHECK(u, merge(BASE, ours, theirs, RF_MERGE_KEEP_OURS, &m) == 0);
	char *o = outcomes(&m);
	CHECK_STR(u, o, "visa.h1b ours no\nculture.staff_tone theirs hostile\n");
	free(o);
	/* git's line merge agreed, so theirs' comment is kept too. */
	CHECK(u, m.line_merged && !m.lost_layout && m.conflicts == 0);
	CHECK_STR(u, m.text.buf, "[visa]\n; H-1B?\nh1b = no\n; J-1?\nj1 = unknown\n\n[culture]\n; tone, asked twice\nstaff_tone = hostile\n");
	rf_merge_free(&m);
}

static void adjacent_keys_are_merged_key_by_key(struct unit *u)
{
	struct rf_merge m;
	const char *base = "[visa]\nh1b = unknown\nj1 = unknown\n";
	const char *ours = "[visa]\nh1b = no   ; said the PD\nj1 = unknown\n";
	const char *theirs = "[visa]\nh1b = unknown\nj1 = yes\n";
	CHECK(u, merge(base, ours, theirs, RF_MERGE_KEEP_OURS, &m) == 0);
	CHECK(u, !m.line_merged && !m.lost_layout);
	CHECK_STR(u, m.text.buf, "[visa]\nh1b = no   ; said the PD\nj1 = yes\n");
	rf_merge_free(&m);
}

static void a_key_both_changed_follows_the_policy(struct unit *u)
{
	struct rf_merge m;
	const char *base = "[culture]\n; asked?\nstaff_tone = unknown\n";
	const char *ours = "[culture]\n; asked the residents\nstaff_tone = respectful\n";
	const char *theirs = "[culture]\n; asked?\nstaff_tone = hostile\n";
	CHECK(u, merge(base, ours, theirs, RF_MERGE_KEEP_OURS, &m) == 0);
	char *o = outcomes(&m);
	CHECK_STR(u, o, "culture.staff_tone conflict respectful\n");
	free(o);
	CHECK(u, m.conflicts == 1 && !m.line_merged);
	CHECK_STR(u, m.keys[0].base, "unknown");
	CHECK_STR(u, m.keys[0].ours, "respectful");
	CHECK_STR(u, m.keys[0].theirs, "hostile");
	CHECK_STR(u, m.text.buf, ours);
	rf_merge_free(&m);
	/* Theirs wins, on theirs' layout; ours' comment is reported lost. */
	CHECK(u, merge(base, ours, theirs, RF_MERGE_KEEP_THEIRS, &m) == 0);
	CHECK_STR(u, m.text.buf, theirs);
	CHECK(u, m.lost_layout);
	rf_merge_free(&m);
	/* The same change on both sides is no conflict. */
	CHECK(u, merge(base, theirs, theirs, RF_MERGE_KEEP_OURS, &m) == 0);
	o = outcomes(&m);
	CHECK_STR(u, o, "culture.staff_tone both hostile\n");
	free(o);
	CHECK(u, m.conflicts == 0);
	rf_merge_free(&m);
}

static void keys_and_sections_added_and_removed(struct unit *u)
{
	struct rf_merge m;
	const char *base = "[visa]\nh1b = unknown\nj1 = unknown\nnote = x\n";
	const char *ours = "[visa]\nh1b = no\nj1 = unknown\n";
	const char *theirs = "[visa]\nh1b = unknown\nj1 = unknown\nnote = x\nextra = 1\n[img]\naccent_comments = yes\n";
	CHECK(u, merge(base, ours, theirs, RF_MERGE_KEEP_OURS, &m) == 0);
	char *o = outcomes(&m);
	CHECK_STR(u, o, "visa.h1b ours no\nvisa.note ours (none)\nvisa.extra theirs 1\nimg.accent_comments theirs yes\n");
	free(o);
	struct rf_note got;
	CHECK(u, rf_note_parse(&got, "got", m.text.buf, m.text.len, 0) == 0);
	CHECK_STR(u, rf_note_get(&got, "visa", "h1b"), "no");
	CHECK_STR(u, rf_note_get(&got, "visa", "extra"), "1");
	CHECK_STR(u, rf_note_get(&got, "img", "accent_comments"), "yes");
	CHECK(u, rf_note_get(&got, "visa", "note") == NULL);
	rf_note_free(&got);
	rf_merge_free(&m);
	/* Theirs removed a key ours left alone. */
	CHECK(u, merge(base, "[visa]\nh1b = no\nj1 = unknown\nnote = x\n", "[visa]\nh1b = unknown\nj1 = unknown\n",
		       RF_MERGE_KEEP_OURS, &m) == 0);
	CHECK_STR(u, m.text.buf, "[visa]\nh1b = no\nj1 = unknown\n");
	rf_merge_free(&m);
}

static void no_common_base(struct unit *u)
{
	struct rf_merge m;
	CHECK(u, merge(NULL, "[visa]\nh1b = no\n", "[visa]\nh1b = no\nj1 = yes\n", RF_MERGE_KEEP_OURS, &m) == 0);
	char *o = outcomes(&m);
	CHECK_STR(u, o, "visa.h1b both no\nvisa.j1 theirs yes\n");
	free(o);
	rf_merge_free(&m);
}

static void values_are_stored_exactly_and_line_endings_kept(struct unit *u)
{
	struct rf_merge m;
	const char *base = "[quotes]\r\na = x\r\nb = y\r\n";
	const char *ours = "[quotes]\r\na = changed\r\nb = y\r\n";
	const char *theirs = "[quotes]\na = x\nb = \"we sponsor; case by case\"\n";
	CHECK(u, merge(base, ours, theirs, RF_MERGE_KEEP_OURS, &m) == 0);
	CHECK_STR(u, m.text.buf, "[quotes]\r\na = changed\r\nb = \"we sponsor; case by case\"\r\n");
	rf_merge_free(&m);
}

static void notes_that_do_not_parse_are_refused(struct unit *u)
{
	struct rf_merge m;
	printf("# an expected error follows\n");
	CHECK(u, merge(BASE, "[visa\nh1b = no\n", BASE, RF_MERGE_KEEP_OURS, &m) < 0);
	CHECK(u, m.n == 0 && m.text.buf == NULL);
	printf("# an expected error follows\n");
	CHECK(u, merge(BASE, BASE, "[visa]\n<<<<<<< HEAD\nh1b = no\n=======\nh1b = yes\n>>>>>>> x\n",
		       RF_MERGE_KEEP_OURS, &m) < 0);
	/* The line merge alone still works on them. */
	struct rf_buf out = RF_BUF_INIT;
	CHECK(u, rf_merge_lines("a\nb\nc\n", 6, "A\nb\nc\n", 6, "a\nb\nC\n", 6, &out) == 1);
	CHECK_STR(u, out.buf, "A\nb\nC\n");
	CHECK(u, rf_merge_lines("a\n", 2, "b\n", 2, "c\n", 2, &out) == 0);
	rf_buf_free(&out);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	git_libgit2_init();
	RUN(&u, disjoint_keys_keep_both_sides);
	RUN(&u, adjacent_keys_are_merged_key_by_key);
	RUN(&u, a_key_both_changed_follows_the_policy);
	RUN(&u, keys_and_sections_added_and_removed);
	RUN(&u, no_common_base);
	RUN(&u, values_are_stored_exactly_and_line_endings_kept);
	RUN(&u, notes_that_do_not_parse_are_refused);
	git_libgit2_shutdown();
	return UNIT_DONE(&u);
}
