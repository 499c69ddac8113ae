/* The rank list's checks on a small notes directory of its own: each
 * finding's line, the facts read from the notes, the rules' sentences,
 * and the position an NRMP code names. */
#include <stdlib.h>
#include <unistd.h>

#include "rankcheck.h"
#include "unit.h"

static const char RULES[] = "[defaults]\nunknown = 0.25\nvague = 4\nred = 5\n"
			    "[outcomes]\nforced_to_dr = yes:10, no:0\n[supervision]\nsolo_high_risk = yes:10, no:0\n"
			    "[culture]\nretaliation = yes:10, no:0\n[pattern]\ndomains = 3\npoints = 10\n"
			    "[tiers]\nlow = 0\nhigh = 20\nsevere = 35\n";
static const char PROFILE[] = "[applicant]\nvisa_needed = none\n[rank]\nfee_covered = 3\nopen_questions = 2\n";

struct dir {
	char path[64];
	struct rf_notesdir nd;
	struct rf_scorer *s;
	struct rf_template t;
};

static void put(struct dir *d, const char *name, const char *text)
{
	if (rf_notesdir_write(&d->nd, name, text, strlen(text), 0) < 0)
		abort();
}

static void note(struct dir *d, const char *slug, const char *program, const char *answers)
{
	char *name = rf_xasprintf("%s.ini", slug);
	char *text = rf_xasprintf("[program]\n%s\n%s", program, answers);
	put(d, name, text);
	free(name);
	free(text);
}

static char *shipped(const char *name)
{
	const char *share = getenv("RF_SHARE");
	char *path = rf_xasprintf("templates/%s", name);
	if (access(path, R_OK) != 0 && share) {
		free(path);
		path = rf_xasprintf("%s/%s", share, name);
	}
	return path;
}

static void make_dir(struct dir *d)
{
	strcpy(d->path, "/tmp/rf-test-rankcheck-XXXXXX");
	char *tpath = shipped("program.ini");
	if (!mkdtemp(d->path) || rf_notesdir_open(&d->nd, d->path) < 0 || rf_template_load(&d->t, tpath) < 0)
		abort();
	free(tpath);
	put(d, "rules.ini", RULES);
	put(d, "profile.ini", PROFILE);
	note(d, "ir", "track = ir-integrated\nposition = advanced\nstatus = interviewed",
	     "[outcomes]\nforced_to_dr = yes\n[supervision]\nsolo_high_risk = yes\n[culture]\nretaliation = yes\n");
	note(d, "dr", "track = dr\nnrmp_code = 1234420C0\nstatus = ranked",
	     "[outcomes]\nforced_to_dr = no\n[supervision]\nsolo_high_risk = no\n[culture]\nretaliation = no\n");
	note(d, "gone", "status = withdrawn\nposition = categorical", "");
	note(d, "ty", "status = interviewed\nnrmp_code = 4321999P1", "[conflicts]\nvisa.h1b = yes\n");
	note(d, "odd", "status = invited\nposition = categorical\nnrmp_code = 1111140A0", "[visa\n");
	if (rf_scorer_load(&d->s, &d->nd) < 0)
		abort();
}

static void remove_dir(struct dir *d)
{
	rf_scorer_free(d->s);
	rf_template_free(&d->t);
	rf_notesdir_close(&d->nd);
	unit_remove_dir(d->path);
}

/* The findings of text, one line each. */
static char *check(struct dir *d, const char *text, struct rf_rankcheck *c)
{
	struct rf_ranklist rl;
	struct rf_buf out = RF_BUF_INIT;
	if (rf_ranklist_parse(&rl, "ranks.txt", text, strlen(text)) < 0 ||
	    rf_rankcheck_run(c, &rl, d->s, &d->t, &d->nd, NULL, NULL) < 0)
		abort();
	for (size_t i = 0; i < c->n; i++) {
		char *line = rf_rankfinding_line(&c->v[i]);
		rf_buf_addf(&out, "%s\n", line);
		free(line);
	}
	rf_ranklist_free(&rl);
	return rf_buf_detach(&out);
}

static void test_findings(struct unit *u)
{
	struct dir d;
	struct rf_rankcheck c;
	make_dir(&d);
	char *got = check(&d, "ir\ndr\ngone\nghost\ndr\nodd\n[supplemental x] for ir, dr\nty\ndr\n[supplemental y] for ir\n", &c);
	CHECK_STR(u, got,
		  "rank 1 ir: warning: a pattern program ranked first (red answers in 3 domains) [malignant-first]\n"
		  "rank 1 ir: warning: a pattern integrated-IR program ranked above dr (rank 2, dr, risk 0 against 40) [dr-safer]\n"
		  "rank 3 gone: error: withdrawn (program.status = withdrawn): it will not rank you [nrmp-withdrawn]\n"
		  "rank 3 gone: warning: 3 open questions in your top 3 (more than 2): rf-ask gone [open-questions]\n"
		  "rank 4 ghost: warning: 5 unique programs on the primary list, 2 more than the 3 the fee covers (each costs extra) [nrmp-fee]\n"
		  "rank 4 ghost: error: no note ghost.ini (rf-new makes one; rf-rank remove takes it off) [no-note]\n"
		  "rank 5 dr: error: listed twice on the primary list (also rank 2) [nrmp-twice]\n"
		  "rank 6 odd: error: its note does not parse: odd.ini:5: section header without its closing ']' [no-note]\n"
		  "x: warning: attached to dr, a categorical program, not an advanced one [nrmp-attach]\n"
		  "x rank 1 ty: warning: 1 answer in [conflicts] still to decide (rf-edit ty) [conflicts]\n"
		  "x rank 2 dr: error: a categorical program on a supplemental list, which takes preliminary and transitional programs only [nrmp-supplemental]\n"
		  "y: error: ir is attached to x too: R3 links one supplemental list to an advanced program [nrmp-attach]\n");
	CHECK(u, c.errors == 6 && c.warnings == 6);
	/* What the views and rf-report read beside the lines. */
	CHECK(u, c.n > 8 && c.v[8].rank == 0 && !strcmp(c.v[8].list, "x") && !strcmp(c.v[8].program, "dr"));
	CHECK(u, c.nprogs == 6);
	const struct rf_rankprog *dr = rf_rankcheck_prog(&c, "dr"), *ty = rf_rankcheck_prog(&c, "ty");
	CHECK(u, dr && !strcmp(dr->position, "categorical") && !strcmp(dr->track, "dr") && dr->score.risk == 0);
	CHECK(u, ty && !strcmp(ty->position, "transitional") && ty->conflicts == 1);
	CHECK(u, rf_rankcheck_prog(&c, "ghost")->missing && rf_rankcheck_prog(&c, "odd")->broken);
	CHECK(u, !rf_rankcheck_prog(&c, "nosuch"));
	char *marks = rf_rankprog_marks(rf_rankcheck_prog(&c, "ir"));
	CHECK_STR(u, marks, "pattern");
	free(marks);
	marks = rf_rankprog_marks(ty);
	CHECK_STR(u, marks, "conflict");
	free(marks);
	free(got);
	rf_rankcheck_free(&c);
	remove_dir(&d);
}

static void test_clean(struct unit *u)
{
	struct dir d;
	struct rf_rankcheck c;
	make_dir(&d);
	char *got = check(&d, "dr\nir\n[supplemental x] for ir\n", &c);
	CHECK_STR(u, got, "");
	CHECK(u, c.errors == 0 && c.warnings == 0);
	free(got);
	rf_rankcheck_free(&c);
	remove_dir(&d);
}

static void test_rules(struct unit *u)
{
	size_t n = 0;
	for (const struct rf_rankrule *r = rf_rankcheck_rules; r->id; r++, n++)
		CHECK(u, *r->text && (!strcmp(r->source, "NRMP") || !strcmp(r->source, "article") || !strcmp(r->source, "rf")));
	CHECK(u, n == 14);
	CHECK_STR(u, rf_rankcheck_rule("malignant-first")->text,
		  "Do not rank a clearly malignant program first just because it is your only IR option.");
	CHECK(u, rf_rankcheck_rule("nosuch") == NULL);
}

static void test_nrmp_code(struct unit *u)
{
	CHECK_STR(u, rf_field_nrmp_position("1000140C0"), "categorical");
	CHECK_STR(u, rf_field_nrmp_position("1000140M12"), "categorical");
	CHECK_STR(u, rf_field_nrmp_position("1234420A0"), "advanced");
	CHECK_STR(u, rf_field_nrmp_position("1234140P0"), "preliminary");
	CHECK_STR(u, rf_field_nrmp_position("1234999P0"), "transitional");
	CHECK_STR(u, rf_field_nrmp_position("1234420R123"), "physician");
	CHECK(u, !rf_field_nrmp_position("1234420A1234"));
	CHECK(u, !rf_field_nrmp_position("1234420a0"));
	CHECK(u, !rf_field_nrmp_position("123442A0"));
	CHECK(u, !rf_field_nrmp_position("1234420F0"));
	CHECK(u, !rf_field_nrmp_position("1234420A"));
	CHECK(u, !rf_field_nrmp_position(""));
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, test_findings);
	RUN(&u, test_clean);
	RUN(&u, test_rules);
	RUN(&u, test_nrmp_code);
	return UNIT_DONE(&u);
}
