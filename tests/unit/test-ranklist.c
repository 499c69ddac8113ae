/* The rank list file: reading, edits that keep every other byte, the
 * list program.rank makes, and program.rank retired once a list exists. */
#include <stdlib.h>
#include <string.h>

#include "ranklist.h"
#include "unit.h"

static const char LIST[] =
	"# my list\n"
	"crestview   # safe?\n"
	"\n"
	"lakeside-ir\n"
	"# between\n"
	"summit\n"
	"\n"
	"[supplemental prelims] for lakeside-ir  # PGY-1\n"
	"st-joe\n"
	"county-ty\n";

static int parse(struct rf_ranklist *rl, const char *text)
{
	return rf_ranklist_parse(rl, "ranks.txt", text, strlen(text));
}

static char *text_of(const struct rf_ranklist *rl)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_ranklist_text(rl, &b);
	return rf_buf_detach(&b);
}

/* "a b c | prelims(for x y): d e" */
static char *shape(const struct rf_ranklist *rl)
{
	struct rf_buf b = RF_BUF_INIT;
	for (size_t k = 0; k < rl->nlists; k++) {
		const struct rf_ranklist_list *l = &rl->lists[k];
		if (k) {
			rf_buf_addf(&b, " | %s(for", l->name);
			for (size_t i = 0; i < l->attached.n; i++)
				rf_buf_addf(&b, " %s", l->attached.v[i]);
			rf_buf_adds(&b, "):");
		}
		for (size_t i = 0; i < l->n; i++)
			rf_buf_addf(&b, "%s%s", k || i ? " " : "", l->v[i].slug);
	}
	return rf_buf_detach(&b);
}

static void check_shape(struct unit *u, const struct rf_ranklist *rl, const char *want)
{
	char *got = shape(rl);
	CHECK_STR(u, got, want);
	free(got);
}

static void check_text(struct unit *u, const struct rf_ranklist *rl, const char *want)
{
	char *got = text_of(rl);
	CHECK_STR(u, got, want);
	free(got);
}

/* Places for a whole ranking at once are rf_ranklist_place's, the first
 * of a slug listed twice included. */
static void test_place_all(struct unit *u)
{
	struct rf_ranklist rl;
	CHECK(u, parse(&rl, "zeta\nalpha\nmid\nalpha\nbeta\n") == 0);
	char *slugs[] = { "alpha", "zeta", "mid", "none", "beta", "aaa", "zz" };
	size_t n = sizeof(slugs) / sizeof(*slugs), place[sizeof(slugs) / sizeof(*slugs)];
	const struct rf_ranklist_list *primary = rf_ranklist_find(&rl, NULL);
	rf_ranklist_place_all(primary, slugs, n, place);
	CHECK(u, place[0] == 2 && place[1] == 1 && place[2] == 3 && place[3] == 0 && place[4] == 5);
	for (size_t k = 0; k < n; k++)
		CHECK(u, place[k] == rf_ranklist_place(primary, slugs[k]));
	rf_ranklist_place_all(NULL, slugs, n, place);
	for (size_t k = 0; k < n; k++)
		CHECK(u, place[k] == 0);
	rf_ranklist_free(&rl);
}

static void test_parse(struct unit *u)
{
	struct rf_ranklist rl;
	CHECK(u, parse(&rl, LIST) == 0);
	check_shape(u, &rl, "crestview lakeside-ir summit | prelims(for lakeside-ir): st-joe county-ty");
	check_text(u, &rl, LIST);
	CHECK(u, rf_ranklist_place(rf_ranklist_find(&rl, NULL), "summit") == 3);
	CHECK(u, rf_ranklist_place(rf_ranklist_find(&rl, "prelims"), "summit") == 0);
	CHECK(u, rf_ranklist_find(&rl, "primary") == &rl.lists[0]);
	CHECK(u, rf_ranklist_attached_to(&rl, "lakeside-ir") == &rl.lists[1]);
	CHECK(u, rl.lists[0].v[2].line == 5 && rl.lines[5].lineno == 6);
	rf_ranklist_free(&rl);
	/* CRLF, a BOM, no final newline, commas and blanks in the header. */
	CHECK(u, parse(&rl, "\xef\xbb\xbf" "a\r\n  [ supplemental  p ]  for x,y ,z\r\nb") == 0);
	check_shape(u, &rl, "a | p(for x y z): b");
	CHECK(u, rl.crlf);
	rf_ranklist_free(&rl);
	CHECK(u, parse(&rl, "") == 0 && rl.nlists == 1 && rl.lists[0].n == 0 && rl.exists);
	rf_ranklist_free(&rl);
}

static void check_refused_len(struct unit *u, const char *text, size_t len)
{
	struct rf_ranklist rl;
	CHECK(u, rf_ranklist_parse(&rl, "ranks.txt", text, len) < 0);
	CHECK(u, rl.nlines == 0 && rl.nlists == 0 && rl.label == NULL);
	rf_ranklist_free(&rl);
}

static void check_refused(struct unit *u, const char *text)
{
	check_refused_len(u, text, strlen(text));
}

static void test_malformed(struct unit *u)
{
	check_refused(u, "Mercy General\n");
	check_refused(u, "mercy-general.ini\n");
	check_refused(u, "mercy 3\n");
	check_refused(u, "a\n[prelims]\n");
	check_refused(u, "[supplemental]\n");
	check_refused(u, "[supplemental Prelims]\n");
	check_refused(u, "[supplemental primary]\n");
	check_refused(u, "[supplemental p] x\n");
	check_refused(u, "[supplemental p] for\n");
	check_refused(u, "[supplemental p] for a a\n");
	check_refused(u, "[supplemental p] for A\n");
	check_refused(u, "[supplemental p]\n[supplemental p]\n");
	check_refused_len(u, "a\nb\0c\n", 6);
	check_refused(u, "[supplemental p\n");
}

static void test_insert(struct unit *u)
{
	struct rf_ranklist rl;
	parse(&rl, LIST);
	CHECK(u, rf_ranklist_insert(&rl, NULL, "mercy", 2) == 0);
	check_shape(u, &rl, "crestview mercy lakeside-ir summit | prelims(for lakeside-ir): st-joe county-ty");
	CHECK(u, rf_ranklist_insert(&rl, NULL, "zed", 0) == 0);
	CHECK(u, rf_ranklist_insert(&rl, "prelims", "mid", 1) == 0);
	check_text(u, &rl,
		   "# my list\ncrestview   # safe?\n\nmercy\nlakeside-ir\n# between\nsummit\nzed\n\n"
		   "[supplemental prelims] for lakeside-ir  # PGY-1\nmid\nst-joe\ncounty-ty\n");
	/* refused: already there, out of range, not a list name */
	CHECK(u, rf_ranklist_insert(&rl, NULL, "mercy", 1) < 0);
	CHECK(u, rf_ranklist_insert(&rl, NULL, "other", 7) < 0);
	CHECK(u, rf_ranklist_insert(&rl, "Bad Name", "other", 1) < 0);
	CHECK(u, rf_ranklist_insert(&rl, "surgery", "other", 2) < 0);
	/* a new supplemental list at the end */
	CHECK(u, rf_ranklist_insert(&rl, "surgery", "gen-surg", 1) == 0);
	check_shape(u, &rl, "crestview mercy lakeside-ir summit zed | prelims(for lakeside-ir): mid st-joe county-ty"
			    " | surgery(for): gen-surg");
	rf_ranklist_free(&rl);
	/* An empty file, a file without a final newline, CRLF. */
	parse(&rl, "");
	CHECK(u, rf_ranklist_insert(&rl, NULL, "a", 0) == 0);
	check_text(u, &rl, "a\n");
	rf_ranklist_free(&rl);
	parse(&rl, "a\nb\r");
	CHECK(u, rf_ranklist_insert(&rl, NULL, "c", 0) == 0);
	check_text(u, &rl, "a\nb\r\nc\n");
	rf_ranklist_free(&rl);
	parse(&rl, "# c\r\na");
	CHECK(u, rf_ranklist_insert(&rl, NULL, "b", 0) == 0);
	check_text(u, &rl, "# c\r\na\r\nb\r\n");
	rf_ranklist_free(&rl);
	/* An empty primary list before a supplemental one: after the comments. */
	parse(&rl, "# top\n\n[supplemental p]\n");
	CHECK(u, rf_ranklist_insert(&rl, NULL, "a", 1) == 0);
	CHECK(u, rf_ranklist_insert(&rl, "p", "b", 0) == 0);
	check_text(u, &rl, "# top\na\n\n[supplemental p]\nb\n");
	rf_ranklist_free(&rl);
	/* A file that begins with a supplemental list, and a BOM: the BOM
	 * stays first. */
	parse(&rl, "\xef\xbb\xbf[supplemental p] for a\nx\n");
	CHECK(u, rf_ranklist_insert(&rl, NULL, "a", 1) == 0);
	check_text(u, &rl, "\xef\xbb\xbf" "a\n[supplemental p] for a\nx\n");
	check_shape(u, &rl, "a | p(for a): x");
	rf_ranklist_free(&rl);
}

static void test_move_remove(struct unit *u)
{
	struct rf_ranklist rl;
	parse(&rl, LIST);
	CHECK(u, rf_ranklist_move(&rl, NULL, "summit", 1) == 0);
	check_text(u, &rl,
		   "# my list\nsummit\ncrestview   # safe?\n\nlakeside-ir\n# between\n\n"
		   "[supplemental prelims] for lakeside-ir  # PGY-1\nst-joe\ncounty-ty\n");
	CHECK(u, rf_ranklist_move(&rl, NULL, "summit", 3) == 0);
	check_shape(u, &rl, "crestview lakeside-ir summit | prelims(for lakeside-ir): st-joe county-ty");
	CHECK(u, rf_ranklist_move(&rl, NULL, "crestview", 2) == 0);
	check_text(u, &rl,
		   "# my list\n\nlakeside-ir\ncrestview   # safe?\nsummit\n# between\n\n"
		   "[supplemental prelims] for lakeside-ir  # PGY-1\nst-joe\ncounty-ty\n");
	CHECK(u, rf_ranklist_move(&rl, NULL, "crestview", 4) < 0);
	CHECK(u, rf_ranklist_move(&rl, NULL, "crestview", 0) < 0);
	CHECK(u, rf_ranklist_move(&rl, NULL, "nosuch", 1) < 0);
	CHECK(u, rf_ranklist_move(&rl, "nosuch", "crestview", 1) < 0);
	/* Removing from the primary list detaches too. */
	CHECK(u, rf_ranklist_remove(&rl, NULL, "lakeside-ir") == 0);
	check_text(u, &rl,
		   "# my list\n\ncrestview   # safe?\nsummit\n# between\n\n"
		   "[supplemental prelims]  # PGY-1\nst-joe\ncounty-ty\n");
	CHECK(u, rf_ranklist_remove(&rl, "prelims", "st-joe") == 0);
	CHECK(u, rf_ranklist_remove(&rl, "prelims", "st-joe") < 0);
	check_shape(u, &rl, "crestview summit | prelims(for): county-ty");
	rf_ranklist_free(&rl);
	/* The last line, without its newline, moves up. */
	parse(&rl, "a\nb");
	CHECK(u, rf_ranklist_move(&rl, NULL, "b", 1) == 0);
	check_text(u, &rl, "b\na\n");
	rf_ranklist_free(&rl);
	/* Twice on a list: move refused, remove takes both. */
	parse(&rl, "a\nb\na\n");
	CHECK(u, rf_ranklist_move(&rl, NULL, "a", 2) < 0);
	CHECK(u, rf_ranklist_remove(&rl, NULL, "a") == 0);
	check_text(u, &rl, "b\n");
	rf_ranklist_free(&rl);
}

static void test_attach(struct unit *u)
{
	struct rf_ranklist rl;
	parse(&rl, "a\nb\n[supplemental p] for a # one\nx\n[supplemental q]\ny\n");
	CHECK(u, rf_ranklist_attach(&rl, "p", "b") == 0);
	check_text(u, &rl, "a\nb\n[supplemental p] for a, b # one\nx\n[supplemental q]\ny\n");
	/* One list per advanced program: attaching to q detaches from p. */
	CHECK(u, rf_ranklist_attach(&rl, "q", "a") == 0);
	check_text(u, &rl, "a\nb\n[supplemental p] for b # one\nx\n[supplemental q] for a\ny\n");
	CHECK(u, rf_ranklist_attach(&rl, "q", "a") == 0);
	CHECK(u, rf_ranklist_detach(&rl, "p", "b") == 0);
	check_text(u, &rl, "a\nb\n[supplemental p] # one\nx\n[supplemental q] for a\ny\n");
	CHECK(u, rf_ranklist_detach(&rl, "p", "b") < 0);
	CHECK(u, rf_ranklist_attach(&rl, NULL, "b") < 0);
	CHECK(u, rf_ranklist_attach(&rl, "nosuch", "b") < 0);
	rf_ranklist_free(&rl);
}

static void test_derive(struct unit *u)
{
	const struct rf_rank_legacy v[] = {
		{ "summit", "3", "summit.ini" }, { "crest", "1", "crest.ini" }, { "lake", "", "lake.ini" },
		{ "odd", "first", "odd.ini" }, { "beta", "3", "beta.ini" }, { "zero", "0", "zero.ini" },
		{ "unk", "unknown", "unk.ini" },
	};
	struct rf_ranklist rl;
	rf_ranklist_derive(&rl, v, sizeof(v) / sizeof(v[0]));
	CHECK(u, rl.derived && !rl.exists);
	check_shape(u, &rl, "crest beta summit");
	CHECK(u, rl.skipped.n == 2);
	CHECK_STR(u, rl.skipped.n ? rl.skipped.v[0] : "", "odd.ini: program.rank 'first' is not a rank (a number from 1)");
	char *t = text_of(&rl);
	CHECK(u, strncmp(t, rf_ranklist_skeleton, strlen(rf_ranklist_skeleton)) == 0);
	CHECK_STR(u, t + strlen(rf_ranklist_skeleton), "crest\nbeta\nsummit\n");
	free(t);
	rf_ranklist_free(&rl);
}

static void test_rank_retired(struct unit *u)
{
	char dir[] = "/tmp/rf-test-ranklist-XXXXXX";
	struct rf_notesdir nd;
	char *sets[] = { "visa.h1b=no", "PROGRAM.Rank=2" }, *other[] = { "visa.h1b=no" };
	if (!mkdtemp(dir) || rf_notesdir_open(&nd, dir) < 0)
		abort();
	CHECK(u, rf_ranklist_refuse_rank(&nd, sets, 2, "mercy") == 0);	/* no list yet */
	if (rf_notesdir_write(&nd, "ranks.txt", "mercy\n", 6, 0) < 0)
		abort();
	CHECK(u, rf_ranklist_refuse_rank(&nd, other, 1, "mercy") == 0);
	CHECK(u, rf_ranklist_refuse_rank(&nd, sets, 2, "mercy") == -1);
	rf_notesdir_close(&nd);
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	/* The refusals print their reasons: not what this test reads. */
	if (!freopen("/dev/null", "w", stderr))
		return 1;
	RUN(&u, test_parse);
	RUN(&u, test_place_all);
	RUN(&u, test_malformed);
	RUN(&u, test_insert);
	RUN(&u, test_move_remove);
	RUN(&u, test_attach);
	RUN(&u, test_derive);
	RUN(&u, test_rank_retired);
	return UNIT_DONE(&u);
}
