#include "rankcheck.h"

#include <stdlib.h>
#include <string.h>

#include "ask.h"
#include "notefile.h"
#include "noteset.h"

/* The NRMP's rules as its applicant pages state them (the amounts of the
 * fee change by year, so the profile holds the number), and the article's
 * sentences word for word. */
const struct rf_rankrule rf_rankcheck_rules[] = {
	{ "nrmp-300-ranks", "NRMP", "No rank order list may hold more than 300 ranks." },
	{ "nrmp-fee", "NRMP",
	  "The registration fee covers 20 unique programs on the primary list and 20 across all supplemental "
	  "lists combined; each further program costs extra, and the amounts change by year." },
	{ "nrmp-no-pgy1", "NRMP",
	  "An applicant who ranks advanced (PGY-2) programs may attach supplemental lists of preliminary or "
	  "transitional programs to them: matched to an advanced program with none, you start a year later "
	  "with no PGY-1 position." },
	{ "nrmp-supplemental", "NRMP",
	  "A supplemental list holds preliminary and transitional (PGY-1) programs, for the advanced programs "
	  "it is attached to." },
	{ "nrmp-attach", "NRMP",
	  "A supplemental list is used only through the advanced programs on the primary list it is attached "
	  "to, and each advanced program takes one supplemental list." },
	{ "nrmp-twice", "NRMP", "A program is ranked once on a list." },
	{ "nrmp-not-interviewed", "NRMP", "Programs rank only applicants they interviewed." },
	{ "nrmp-withdrawn", "NRMP",
	  "Programs rank only applicants they interviewed: a program you withdrew from will not rank you." },
	{ "nrmp-code", "NRMP",
	  "A program code is the institution's 4 digits, the specialty's 3, the program type's letter (C "
	  "categorical, M primary care, P preliminary, A advanced, R physician) and a track number." },
	{ "no-note", "rf", "rf knows a program through its note only: rf-new writes one, rf-check finds what "
			  "keeps iniparser from reading it." },
	{ "malignant-first", "article",
	  "Do not rank a clearly malignant program first just because it is your only IR option." },
	{ "dr-safer", "article",
	  "Sometimes, a high-quality DR program is a safer route than a malignant integrated IR program." },
	{ "open-questions", "article",
	  "Vague answers should downgrade a program on your rank list, especially if multiple issues appear." },
	{ "conflicts", "rf",
	  "A conflict is an answer your devices recorded differently: until you decide it, the note's answer "
	  "may not be the one you meant." },
	{ NULL, NULL, NULL },
};

const struct rf_rankrule *rf_rankcheck_rule(const char *id)
{
	for (const struct rf_rankrule *r = rf_rankcheck_rules; r->id; r++)
		if (!strcmp(r->id, id))
			return r;
	return NULL;
}

/* ---- what the notes say ---- */

static char *field(const struct rf_note *note, const char *key)
{
	const char *v = rf_note_get(note, "program", key);
	return rf_strstrip(rf_xstrdup(v ? v : ""));
}

static int prog_read(struct rf_rankprog *p, const char *slug, const struct rf_scorer *s, const struct rf_template *t,
		     struct rf_noteset *ns)
{
	const struct rf_revnote *rn;
	memset(p, 0, sizeof(*p));
	p->slug = rf_xstrdup(slug);
	char *file = rf_notefile_name(p->slug);
	int r = rf_noteset_get(ns, file, &rn);
	free(file);
	p->track = rf_xstrdup("");
	p->status = rf_xstrdup("");
	p->position = rf_xstrdup("");
	p->nrmp_code = rf_xstrdup("");
	if (r < 0 || (p->missing = rn->missing))
		return r;
	if (rn->broken) {
		const struct rf_line *bad = rf_ini_first_error(&rn->note.ini);
		p->broken = rf_xasprintf("%s:%u: %s", rn->label, bad ? bad->lineno : 1,
					 bad ? bad->error : "iniparser cannot read it");
		return 0;
	}
	free(p->track);
	free(p->status);
	free(p->position);
	free(p->nrmp_code);
	p->track = field(&rn->note, "track");
	p->status = field(&rn->note, "status");
	p->position = field(&rn->note, "position");
	p->nrmp_code = field(&rn->note, "nrmp_code");
	const char *from_code = rf_field_nrmp_position(p->nrmp_code);
	if ((!*p->position || !strcmp(p->position, "unknown")) && from_code) {
		free(p->position);
		p->position = rf_xstrdup(from_code);
	}
	rf_score_note(s, &rn->note, &p->score);
	for (size_t i = 0; i < rn->note.ini.n; i++)
		p->conflicts += rn->note.ini.lines[i].kind == RF_LINE_VALUE &&
				!strcmp(rn->note.ini.lines[i].section, "conflicts");
	struct rf_ask a;
	rf_ask_build(s, t, &rn->note, &a);
	for (size_t i = 0; i < a.n; i++)
		p->open += a.v[i].stake >= s->rules.red;
	rf_ask_free(&a);
	return 0;
}

int rf_rankprog_read(struct rf_rankprog *p, const char *slug, const struct rf_scorer *s,
		     const struct rf_template *t, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit)
{
	struct rf_noteset ns;
	rf_noteset_init(&ns, nd, st, commit);
	int r = prog_read(p, slug, s, t, &ns);
	rf_noteset_free(&ns);
	return r;
}

static int cmp_prog(const void *a, const void *b)
{
	return strcmp(((const struct rf_rankprog *)a)->slug, ((const struct rf_rankprog *)b)->slug);
}

const struct rf_rankprog *rf_rankcheck_prog(const struct rf_rankcheck *c, const char *slug)
{
	struct rf_rankprog key = { .slug = (char *)slug };
	return c->nprogs ? bsearch(&key, c->progs, c->nprogs, sizeof(key), cmp_prog) : NULL;
}

static int gather(struct rf_rankcheck *c, const struct rf_ranklist *rl, const struct rf_scorer *s,
		  const struct rf_template *t, struct rf_noteset *ns)
{
	struct rf_strv slugs = RF_STRV_INIT;
	for (size_t k = 0; k < rl->nlists; k++) {
		for (size_t i = 0; i < rl->lists[k].n; i++)
			if (!rf_strv_contains(&slugs, rl->lists[k].v[i].slug))
				rf_strv_push(&slugs, rf_xstrdup(rl->lists[k].v[i].slug));
		for (size_t i = 0; i < rl->lists[k].attached.n; i++)
			if (!rf_strv_contains(&slugs, rl->lists[k].attached.v[i]))
				rf_strv_push(&slugs, rf_xstrdup(rl->lists[k].attached.v[i]));
	}
	rf_strv_sort(&slugs);
	c->progs = rf_xcalloc(slugs.n ? slugs.n : 1, sizeof(*c->progs));
	int r = 0;
	for (size_t i = 0; r == 0 && i < slugs.n; i++)
		r = prog_read(&c->progs[c->nprogs++], slugs.v[i], s, t, ns);
	rf_strv_free(&slugs);
	return r;
}

/* ---- findings ---- */

static void add(struct rf_rankcheck *c, enum rf_rank_severity sev, const char *list, size_t rank,
		const char *program, const char *rule, char *message)
{
	if ((c->n & (c->n - 1)) == 0)
		c->v = rf_xrealloc(c->v, (c->n ? 2 * c->n : 1) * sizeof(*c->v));
	c->v[c->n++] = (struct rf_rankfinding){ sev, list ? rf_xstrdup(list) : NULL, rank,
						 program ? rf_xstrdup(program) : NULL, rule, message };
	if (sev == RF_RANK_ERROR)
		c->errors++;
	else
		c->warnings++;
}

static const char *where(const char *list)
{
	return list ? "the supplemental lists" : "the primary list";
}

static int interviewed(const char *status)
{
	return !strcmp(status, "interviewed") || !strcmp(status, "ranked");
}

/* The rank of the (fee + 1)-th unique program of list k (counting across
 * every supplemental list when k > 0, from the first), or 0; *unique the
 * count of unique programs there. */
static size_t first_over(const struct rf_ranklist *rl, size_t k, unsigned fee, size_t *unique)
{
	struct rf_strv seen = RF_STRV_INIT;
	size_t at = 0;
	*unique = 0;
	for (size_t j = k ? 1 : 0; j < (k ? rl->nlists : 1); j++)
		for (size_t i = 0; i < rl->lists[j].n; i++) {
			const char *slug = rl->lists[j].v[i].slug;
			if (rf_strv_contains(&seen, slug))
				continue;
			rf_strv_push(&seen, rf_xstrdup(slug));
			if (++*unique == (size_t)fee + 1 && j == k)
				at = i + 1;
		}
	rf_strv_free(&seen);
	return at;
}

/* The first program below rank i of the primary list on a DR or DR-ESIR
 * track with a lower risk and no deal-breaker, or NULL. */
static size_t safer_dr(const struct rf_rankcheck *c, const struct rf_ranklist_list *list, size_t i,
		       const struct rf_rankprog *ir)
{
	for (size_t j = i + 1; j < list->n; j++) {
		const struct rf_rankprog *p = rf_rankcheck_prog(c, list->v[j].slug);
		if (p && !p->missing && !p->broken && (!strcmp(p->track, "dr") || !strcmp(p->track, "dr-esir")) &&
		    !p->score.dealbreaker && p->score.risk < ir->score.risk)
			return j + 1;
	}
	return 0;
}

static void check_article(struct rf_rankcheck *c, const struct rf_ranklist_list *list, size_t i,
			  const struct rf_rankprog *p, const struct rf_scorer *s)
{
	const char *slug = p->slug;
	size_t rank = i + 1;
	const struct rf_tier *top = s->rules.ntiers ? &s->rules.tiers[s->rules.ntiers - 1] : NULL;
	if (rank == 1 && p->score.dealbreaker)
		add(c, RF_RANK_WARNING, NULL, rank, slug, "malignant-first",
		    rf_xasprintf("a deal-breaker program ranked first (%s)", p->score.dealbreaker));
	else if (rank == 1 && p->score.pattern)
		add(c, RF_RANK_WARNING, NULL, rank, slug, "malignant-first",
		    rf_xasprintf("a pattern program ranked first (red answers in %u domains)", p->score.nflagged));
	int severe = top && !strcmp(p->score.tier, top->name);
	if (!strcmp(p->track, "ir-integrated") && (p->score.pattern || severe)) {
		size_t j = safer_dr(c, list, i, p);
		if (j) {
			const struct rf_rankprog *dr = rf_rankcheck_prog(c, list->v[j - 1].slug);
			char a[32], b[32];
			rf_hundredths_format(dr->score.risk, a);
			rf_hundredths_format(p->score.risk, b);
			add(c, RF_RANK_WARNING, NULL, rank, slug, "dr-safer",
			    rf_xasprintf("a %s integrated-IR program ranked above %s (rank %zu, %s, risk %s against %s)",
					 p->score.pattern ? "pattern" : p->score.tier, dr->slug, j, dr->track, a, b));
		}
	}
	if (rank <= 3 && p->open > s->profile.rank_open_questions)
		add(c, RF_RANK_WARNING, NULL, rank, slug, "open-questions",
		    rf_xasprintf("%u open questions in your top 3 (more than %u): rf-ask %s", p->open,
				 s->profile.rank_open_questions, slug));
}

/* What is wrong with one entry of list k, beyond being there twice. */
static void check_entry(struct rf_rankcheck *c, const struct rf_ranklist *rl, size_t k, size_t i,
			const struct rf_scorer *s)
{
	const struct rf_ranklist_list *list = &rl->lists[k];
	const char *slug = list->v[i].slug, *name = list->name;
	size_t rank = i + 1;
	const struct rf_rankprog *p = rf_rankcheck_prog(c, slug);
	if (p->missing) {
		add(c, RF_RANK_ERROR, name, rank, slug, "no-note",
		    rf_xasprintf("no note %s.ini (rf-new makes one; rf-rank remove takes it off)", slug));
		return;
	}
	if (p->broken) {
		add(c, RF_RANK_ERROR, name, rank, slug, "no-note", rf_xasprintf("its note does not parse: %s", p->broken));
		return;
	}
	if (!strcmp(p->status, "withdrawn"))
		add(c, RF_RANK_ERROR, name, rank, slug, "nrmp-withdrawn",
		    rf_xstrdup("withdrawn (program.status = withdrawn): it will not rank you"));
	else if (!interviewed(p->status))
		add(c, RF_RANK_WARNING, name, rank, slug, "nrmp-not-interviewed",
		    rf_xasprintf("not interviewed (program.status = %s): programs rank only applicants they interviewed",
				 *p->status ? p->status : "unset"));
	const char *coded = rf_field_nrmp_position(p->nrmp_code);
	if (coded && *p->position && strcmp(coded, p->position) != 0 && strcmp(coded, "physician") != 0 &&
	    !(p->nrmp_code[7] == 'P' && !strcmp(p->position, "transitional")))
		add(c, RF_RANK_WARNING, name, rank, slug, "nrmp-code",
		    rf_xasprintf("program.position is %s, but program.nrmp_code %s is a%s %s code", p->position,
				 p->nrmp_code, coded[0] == 'a' ? "n" : "", coded));
	if (!name && !strcmp(p->position, "advanced") && !rf_ranklist_attached_to(rl, slug))
		add(c, RF_RANK_WARNING, NULL, rank, slug, "nrmp-no-pgy1",
		    rf_xasprintf("an advanced program with no supplemental list attached: you could match its PGY-2 "
				 "year and have no PGY-1 year (rf-rank attach LIST %s)", slug));
	if (name && (!strcmp(p->position, "categorical") || !strcmp(p->position, "advanced")))
		add(c, RF_RANK_ERROR, name, rank, slug, "nrmp-supplemental",
		    rf_xasprintf("a%s %s program on a supplemental list, which takes preliminary and transitional "
				 "programs only", p->position[0] == 'a' ? "n" : "", p->position));
	else if (name && (!*p->position || !strcmp(p->position, "unknown") || !strcmp(p->position, "physician")))
		add(c, RF_RANK_WARNING, name, rank, slug, "nrmp-supplemental",
		    rf_xasprintf("position %s on a supplemental list (rf-set %s program.position=preliminary, or "
				 "transitional)", *p->position ? p->position : "unknown", slug));
	if (!name)
		check_article(c, list, i, p, s);
	if (p->conflicts)
		add(c, RF_RANK_WARNING, name, rank, slug, "conflicts",
		    rf_xasprintf("%u answer%s in [conflicts] still to decide (rf-edit %s)", p->conflicts,
				 p->conflicts == 1 ? "" : "s", slug));
}

/* A supplemental list's attachments. */
static void check_attachments(struct rf_rankcheck *c, const struct rf_ranklist *rl, size_t k)
{
	const struct rf_ranklist_list *list = &rl->lists[k];
	if (!list->attached.n)
		add(c, RF_RANK_WARNING, list->name, 0, NULL, "nrmp-attach",
		    rf_xasprintf("attached to no advanced program, so R3 would never use it (rf-rank attach %s ADVANCED)",
				 list->name));
	for (size_t i = 0; i < list->attached.n; i++) {
		const char *adv = list->attached.v[i];
		const struct rf_rankprog *p = rf_rankcheck_prog(c, adv);
		const struct rf_ranklist_list *first = rf_ranklist_attached_to(rl, adv);
		if (!rf_ranklist_place(&rl->lists[0], adv))
			add(c, RF_RANK_ERROR, list->name, 0, adv, "nrmp-attach",
			    rf_xasprintf("attached to %s, which is not on the primary list", adv));
		else if (p && *p->position && strcmp(p->position, "advanced") != 0 && strcmp(p->position, "unknown") != 0)
			add(c, RF_RANK_WARNING, list->name, 0, adv, "nrmp-attach",
			    rf_xasprintf("attached to %s, a%s %s program, not an advanced one", adv,
					 p->position[0] == 'a' ? "n" : "", p->position));
		if (first != list)
			add(c, RF_RANK_ERROR, list->name, 0, adv, "nrmp-attach",
			    rf_xasprintf("%s is attached to %s too: R3 links one supplemental list to an advanced program",
					 adv, first->name));
	}
}

static void check_list(struct rf_rankcheck *c, const struct rf_ranklist *rl, size_t k, const struct rf_scorer *s)
{
	const struct rf_ranklist_list *list = &rl->lists[k];
	unsigned fee = s->profile.rank_fee_covered;
	size_t unique, over = first_over(rl, k, fee, &unique);
	if (k)
		check_attachments(c, rl, k);
	for (size_t i = 0; i < list->n; i++) {
		const char *slug = list->v[i].slug;
		size_t first = rf_ranklist_place(list, slug);
		if (i + 1 == RF_RANKLIST_MAX + 1)
			add(c, RF_RANK_ERROR, list->name, i + 1, slug, "nrmp-300-ranks",
			    rf_xasprintf("%zu ranks on %s, more than the %d the NRMP takes", list->n,
					 list->name ? list->name : "the primary list", RF_RANKLIST_MAX));
		if (i + 1 == over)
			add(c, RF_RANK_WARNING, list->name, i + 1, slug, "nrmp-fee",
			    rf_xasprintf("%zu unique programs on %s, %zu more than the %u the fee covers (each costs extra)",
					 unique, where(list->name), unique - fee, fee));
		if (first != i + 1) {
			add(c, RF_RANK_ERROR, list->name, i + 1, slug, "nrmp-twice",
			    rf_xasprintf("listed twice on %s (also rank %zu)", list->name ? list->name : "the primary list",
					 first));
			continue;
		}
		check_entry(c, rl, k, i, s);
	}
}

int rf_rankcheck_run_notes(struct rf_rankcheck *out, const struct rf_ranklist *rl, const struct rf_scorer *s,
			   const struct rf_template *t, struct rf_noteset *ns)
{
	memset(out, 0, sizeof(*out));
	if (gather(out, rl, s, t, ns) < 0) {
		rf_rankcheck_free(out);
		return -1;
	}
	for (size_t k = 0; k < rl->nlists; k++)
		check_list(out, rl, k, s);
	return 0;
}

int rf_rankcheck_run(struct rf_rankcheck *out, const struct rf_ranklist *rl, const struct rf_scorer *s,
		     const struct rf_template *t, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit)
{
	struct rf_noteset ns;
	rf_noteset_init(&ns, nd, st, commit);
	int r = rf_rankcheck_run_notes(out, rl, s, t, &ns);
	rf_noteset_free(&ns);
	return r;
}

void rf_rankcheck_free(struct rf_rankcheck *c)
{
	for (size_t i = 0; i < c->nprogs; i++)
		rf_rankprog_free(&c->progs[i]);
	for (size_t i = 0; i < c->n; i++) {
		free(c->v[i].list);
		free(c->v[i].program);
		free(c->v[i].message);
	}
	free(c->progs);
	free(c->v);
	memset(c, 0, sizeof(*c));
}

void rf_rankprog_free(struct rf_rankprog *p)
{
	free(p->slug);
	free(p->broken);
	free(p->track);
	free(p->status);
	free(p->position);
	free(p->nrmp_code);
	rf_score_free(&p->score);
	memset(p, 0, sizeof(*p));
}

char *rf_rankprog_marks(const struct rf_rankprog *p)
{
	struct rf_buf b = RF_BUF_INIT;
	if (p->score.pattern)
		rf_buf_adds(&b, "pattern");
	if (p->score.dealbreaker)
		rf_buf_addf(&b, "%sdealbreaker", b.len ? "," : "");
	if (p->conflicts)
		rf_buf_addf(&b, "%sconflict", b.len ? "," : "");
	return rf_buf_detach(&b);
}

char *rf_rankfinding_line(const struct rf_rankfinding *f)
{
	struct rf_buf b = RF_BUF_INIT;
	if (f->list)
		rf_buf_adds(&b, f->list);
	if (f->rank)
		rf_buf_addf(&b, "%srank %zu %s", f->list ? " " : "", f->rank, f->program);
	rf_buf_addf(&b, ": %s: %s [%s]", f->severity == RF_RANK_ERROR ? "error" : "warning", f->message, f->rule);
	return rf_buf_detach(&b);
}
