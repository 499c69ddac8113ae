#include "reportrank.h"

#include <stdlib.h>
#include <string.h>

#include "html.h"
#include "notefile.h"

/* slug's program on the page, or NULL when the page has none (a program
 * left out by the PROGRAM arguments, or without a note). */
static const struct rf_season_program *on_page(const struct rf_season *S, const char *slug)
{
	for (size_t i = 0; i < S->n; i++)
		if (!strcmp(S->v[i].r->slug, slug))
			return &S->v[i];
	return NULL;
}

static int same_list(const struct rf_rankfinding *f, const struct rf_ranklist_list *list)
{
	return !f->list == !list->name && (!f->list || !strcmp(f->list, list->name));
}

static void finding(struct rf_buf *b, const struct rf_rankfinding *f)
{
	const struct rf_rankrule *r = rf_rankcheck_rule(f->rule);
	const char *sev = f->severity == RF_RANK_ERROR ? "error" : "warning";
	rf_html_addf(b, "<li class=\"%s\" data-rule=\"%s\"><strong>%s:</strong> %s <span class=\"muted\">[%s]</span>", sev,
		     f->rule, sev, f->message, f->rule);
	if (r)
		rf_html_addf(b, "<br><span class=\"muted\">%s: %s</span>", r->source, r->text);
	rf_buf_adds(b, "</li>\n");
}

/* The program by its name, linked to its section; the slug rf-rank knows
 * it by when the page has no section for it. */
static void program_cell(const struct rf_season *S, struct rf_buf *b, const char *slug)
{
	const struct rf_season_program *p = on_page(S, slug);
	if (p)
		rf_html_addf(b, "<th scope=\"row\"><a href=\"#%s\">%s</a>", p->id, p->name);
	else
		rf_html_addf(b, "<th scope=\"row\"><code>%s</code>", slug);
}

static void list_table(const struct rf_season *S, struct rf_buf *b, size_t k)
{
	const struct rf_ranklist_list *list = &S->ranks.lists[k];
	if (list->name) {
		rf_html_addf(b, "<h3>Supplemental list %s, ", list->name);
		if (!list->attached.n)
			rf_buf_adds(b, "attached to no advanced program");
		for (size_t i = 0; i < list->attached.n; i++)
			rf_html_addf(b, "%s<code>%s</code>", i ? ", " : "for ", list->attached.v[i]);
		rf_buf_adds(b, "</h3>\n");
	}
	rf_buf_adds(b, "<table class=\"ranks\">\n<thead><tr><th scope=\"col\" class=\"n\">rank</th>"
		       "<th scope=\"col\">program</th><th scope=\"col\">track</th><th scope=\"col\">position</th>"
		       "<th scope=\"col\" class=\"n\">risk</th><th scope=\"col\">tier</th><th scope=\"col\">marks</th>"
		       "<th scope=\"col\">status</th><th scope=\"col\">findings</th></tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < list->n; i++) {
		const char *slug = list->v[i].slug;
		const struct rf_rankprog *p = rf_rankcheck_prog(&S->check, slug);
		int scored = p && !p->missing && !p->broken;
		char risk[32] = "";
		if (scored)
			rf_hundredths_format(p->score.risk, risk);
		char *marks = p ? rf_rankprog_marks(p) : rf_xstrdup("");
		size_t nf = 0;
		for (size_t f = 0; f < S->check.n; f++)
			nf += same_list(&S->check.v[f], list) && S->check.v[f].rank == i + 1;
		rf_html_addf(b, nf ? "<tr data-list=\"%s\" data-rank=\"%zu\" data-slug=\"%s\" class=\"found\">"
				   : "<tr data-list=\"%s\" data-rank=\"%zu\" data-slug=\"%s\">",
			     list->name ? list->name : "primary", i + 1, slug);
		rf_html_addf(b, "<td class=\"n\">%zu</td>", i + 1);
		program_cell(S, b, slug);
		rf_html_addf(b, "</th><td>%s</td><td>%s</td><td class=\"n\">%s</td><td>%s</td><td>%s</td><td>%s</td><td>",
			     p ? p->track : "", p ? p->position : "", risk, scored ? p->score.tier : "", marks,
			     !p || p->missing ? "(no note)" : p->broken ? "(does not parse)" : p->status);
		if (nf) {
			rf_buf_adds(b, "<ul class=\"findings\">\n");
			for (size_t f = 0; f < S->check.n; f++)
				if (same_list(&S->check.v[f], list) && S->check.v[f].rank == i + 1)
					finding(b, &S->check.v[f]);
			rf_buf_adds(b, "</ul>");
		}
		rf_buf_adds(b, "</td></tr>\n");
		free(marks);
	}
	if (!list->n)
		rf_buf_adds(b, "<tr><td colspan=\"9\">No program on this list yet: <code>rf-rank add PROGRAM</code>."
			       "</td></tr>\n");
	rf_buf_adds(b, "</tbody>\n</table>\n");
	size_t nwhole = 0;
	for (size_t f = 0; f < S->check.n; f++)
		nwhole += same_list(&S->check.v[f], list) && !S->check.v[f].rank;
	if (!nwhole)
		return;
	rf_buf_adds(b, "<ul class=\"findings\">\n");
	for (size_t f = 0; f < S->check.n; f++)
		if (same_list(&S->check.v[f], list) && !S->check.v[f].rank)
			finding(b, &S->check.v[f]);
	rf_buf_adds(b, "</ul>\n");
}

void rf_reportrank_html(const struct rf_season *S, struct rf_buf *b)
{
	rf_buf_adds(b, "<section id=\"ranklist\" aria-labelledby=\"h-ranklist\">\n<h2 id=\"h-ranklist\">Rank list</h2>\n");
	if (S->ranks_problem) {
		rf_html_addf(b, "<p><strong>The list file does not parse:</strong> <code>%s</code>. Programs have no "
			       "rank until it is fixed (<code>rf-rank edit</code>).</p>\n</section>\n", S->ranks_problem);
		return;
	}
	rf_html_addf(b, "<p>Your rank order list (<code>" RF_NOTEFILE_RANKS "</code>%s), as <code>rf-rank</code> "
		       "shows it, with what <code>rf-rank check</code> finds beside the program it is about: "
		       "%zu %s, %zu %s. Certify the final list in R3.</p>\n",
		     S->ranks.derived ? ", not written yet: made from the notes' program.rank" : "", S->check.errors,
		     S->check.errors == 1 ? "error" : "errors", S->check.warnings,
		     S->check.warnings == 1 ? "warning" : "warnings");
	for (size_t k = 0; k < S->ranks.nlists; k++)
		list_table(S, b, k);
	rf_buf_adds(b, "</section>\n");
}

char *rf_reportrank_summary(const struct rf_season *S)
{
	if (S->ranks_problem)
		return rf_xasprintf("rank list: does not parse: %s", S->ranks_problem);
	size_t n = S->ranks.nlists ? S->ranks.lists[0].n : 0;
	return rf_xasprintf("rank list: %zu %s, %zu %s, %zu %s (rf-rank)", n, n == 1 ? "program" : "programs",
			    S->check.errors, S->check.errors == 1 ? "error" : "errors", S->check.warnings,
			    S->check.warnings == 1 ? "warning" : "warnings");
}
