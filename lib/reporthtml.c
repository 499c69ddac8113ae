#include "reporthtml.h"

#include <string.h>
#include <time.h>

#include "chart.h"
#include "explain.h"
#include "html.h"
#include "palette.h"
#include "parallel.h"
#include "reportrank.h"
#include "rules.h"

/* What the page may load: nothing.  Its own <style> is the only exception;
 * no script runs, whatever a note holds. */
#define CSP "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'"

/* At most this many open questions per program; rf-ask lists them all. */
enum { TOP_QUESTIONS = 5 };

static const char css[] =
	":root{color-scheme:light}\n"
	"*{box-sizing:border-box}\n"
	"body{margin:0 auto;max-width:72rem;padding:1rem;font:15px/1.45 system-ui,-apple-system,\"Segoe UI\","
	"Roboto,\"Noto Sans\",Arial,sans-serif;color:" RF_PALETTE_TEXT ";background:" RF_PALETTE_BG "}\n"
	"h1{font-size:1.6em;margin:.2em 0}\n"
	"h2{font-size:1.3em;margin:1.6em 0 .5em;padding-bottom:.1em;border-bottom:1px solid #b3b3b3}\n"
	"h3{font-size:1.15em;margin:0 0 .3em}\n"
	"h4{font-size:1em;margin:.8em 0 .3em}\n"
	"a{color:" RF_PALETTE_LINK "}\n"
	".muted{color:" RF_PALETTE_MUTED "}\n"
	"nav ol{display:flex;flex-wrap:wrap;gap:.2em 1.4em;padding:0;margin:.6em 0;list-style:none}\n"
	"table{border-collapse:collapse;margin:.4em 0}\n"
	"th,td{padding:2px 6px;text-align:left;vertical-align:top}\n"
	"thead th{border-bottom:1px solid " RF_PALETTE_TEXT ";font-weight:600}\n"
	"tfoot th,tfoot td{border-top:1px solid " RF_PALETTE_TEXT "}\n"
	".n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"caption{text-align:left;font-weight:600;padding:.2em 0}\n"
	".scroll{overflow-x:auto}\n"
	".heat{font-size:13px}\n"
	".heat thead th{writing-mode:horizontal-tb;white-space:nowrap}\n"
	".heat tbody th{font-weight:normal;border-left:4px solid transparent;min-width:12em}\n"
	".heat tbody tr.marked th{border-left-color:" RF_PALETTE_MARK "}\n"
	".heat td.cell{text-align:right;min-width:3.3em;border:1px solid " RF_PALETTE_BG ";"
	"font-variant-numeric:tabular-nums}\n"
	".mark{display:inline-block;font-size:11px;font-weight:600;color:" RF_PALETTE_MARK ";border:1px solid "
	RF_PALETTE_MARK ";border-radius:3px;padding:0 3px;margin-left:4px;white-space:nowrap}\n"
	".legend{display:flex;flex-wrap:wrap;gap:.3em 1.2em;list-style:none;padding:0;font-size:13px}\n"
	".sw{display:inline-block;min-width:2.6em;padding:0 4px;text-align:right;border:1px solid #767676;"
	"margin-right:.35em;font-variant-numeric:tabular-nums}\n"
	".charts{display:grid;grid-template-columns:repeat(auto-fill,minmax(17rem,1fr));gap:.8rem 1.2rem}\n"
	"figure{margin:0}\n"
	"figcaption{font-size:13px}\n"
	"svg.chart{width:100%;height:auto;display:block}\n"
	"svg text{font-size:9px;fill:" RF_PALETTE_TEXT "}\n"
	"svg text.y,svg text.x1,svg text.tier{text-anchor:end}\n"
	"svg text.m,svg text.none{text-anchor:middle}\n"
	"svg .tick{stroke:" RF_PALETTE_BG ";stroke-width:1}\n"
	"svg .frame{stroke:" RF_PALETTE_MUTED ";fill:none}\n"
	"svg .risk{stroke:" RF_PALETTE_LINE ";stroke-width:1.6;fill:none}\n"
	"svg circle{fill:" RF_PALETTE_LINE "}\n"
	".program{border-top:1px solid #b3b3b3;padding-top:.7em;margin-top:1.4em;break-inside:avoid;"
	"page-break-inside:avoid}\n"
	".facts{margin:.2em 0 .5em}\n"
	".cols{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 1.5rem}\n"
	".explain{font-size:13px}\n"
	"blockquote{margin:.3em 0 0;padding-left:.6em;border-left:3px solid " RF_PALETTE_MARK "}\n"
	".quote{margin:0 0 .6em}\n"
	"ol.ask{padding-left:1.4em;margin:.2em 0}\n"
	"ol.ask li{margin-bottom:.25em}\n"
	"code{font-size:.92em}\n"
	".ranks{font-size:13px}\n"
	".ranks tbody th{font-weight:normal}\n"
	".ranks tr.found th{border-left:4px solid " RF_PALETTE_MARK "}\n"
	".findings{margin:0 0 .4em;padding-left:1.1em}\n"
	".findings li.error strong{color:" RF_PALETTE_MARK "}\n"
	"@media (max-width:44rem){.cols{grid-template-columns:1fr}body{padding:.5rem}}\n"
	"@media print{\n"
	"@page{margin:12mm}\n"
	"*{-webkit-print-color-adjust:exact;print-color-adjust:exact}\n"
	"body{max-width:none;padding:0;font-size:9.5pt}\n"
	"nav,details{display:none}\n"
	"a{color:inherit;text-decoration:none}\n"
	"h2{break-after:avoid;page-break-after:avoid}\n"
	".heat{font-size:7.5pt}\n"
	".heat tbody th{min-width:0}\n"
	".heat td.cell{min-width:0}\n"
	".scroll{overflow:visible}\n"
	".charts{grid-template-columns:repeat(3,minmax(0,1fr))}\n"
	"figure{break-inside:avoid;page-break-inside:avoid}\n"
	".explain{font-size:8pt}\n"
	"}\n";

static void local(int64_t t, const char *fmt, char *buf, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;
	localtime_r(&tt, &tm);
	strftime(buf, size, fmt, &tm);
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

static void head(const struct rf_season *S, struct rf_buf *b)
{
	char day[16];
	local(S->when, "%Y-%m-%d", day, sizeof(day));
	rf_buf_adds(b, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
	rf_buf_adds(b, "<meta http-equiv=\"Content-Security-Policy\" content=\"" CSP "\">\n");
	rf_buf_adds(b, "<meta name=\"referrer\" content=\"no-referrer\">\n"
		       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
		       "<meta name=\"generator\" content=\"rf-report " RF_VERSION "\">\n");
	rf_html_addf(b, "<title>rf-report: %zu %s, %s</title>\n", S->n, plural(S->n, "program", "programs"), day);
	rf_buf_adds(b, "<style>\n");
	rf_buf_adds(b, css);
	for (int i = 0; i < RF_HEAT_NBANDS; i++)
		rf_buf_addf(b, ".b%d{background:%s;color:%s}\n", i, rf_heat_bands[i].bg, rf_heat_bands[i].fg);
	for (size_t i = 0; i < S->rules->ntiers; i++)
		rf_buf_addf(b, ".t%zu{background:%s;color:" RF_PALETTE_TEXT "}\n", i,
			    rf_palette_tier(i, S->rules->ntiers));
	rf_buf_adds(b, "</style>\n</head>\n<body>\n");
}

static void banner(const struct rf_season *S, struct rf_buf *b)
{
	char when[32];
	local(S->when, "%Y-%m-%d %H:%M", when, sizeof(when));
	rf_buf_adds(b, "<header>\n<h1>The season on one page</h1>\n");
	rf_html_addf(b, "<p class=\"muted\">%zu %s; the notes as of %s", S->n, plural(S->n, "program", "programs"),
		     when);
	if (*S->at)
		rf_buf_addf(b, " (commit <code>%.7s</code>)", S->at);	/* hex digits */
	else
		rf_buf_adds(b, " (the working tree)");
	/* The label is a path only for the shipped rules: the page names no
	 * directory of this machine. */
	rf_html_addf(b, "; scored with %s rules.ini; made by rf-report " RF_VERSION ".</p>\n</header>\n",
		     S->rules->label && !strcmp(S->rules->label, "rules.ini") ? "your" : "the shipped");
	rf_buf_adds(b, "<nav aria-label=\"Sections\"><ol>"
		       "<li><a href=\"#summary\">Summary</a></li>"
		       "<li><a href=\"#ranklist\">Rank list</a></li>"
		       "<li><a href=\"#heatmap\">Heat map</a></li>"
		       "<li><a href=\"#trajectories\">Risk over the season</a></li>"
		       "<li><a href=\"#programs\">Programs</a></li>"
		       "</ol></nav>\n<main>\n");
}

/* "<a href="#p3">Name</a>" for each program that has, comma separated. */
static void links(const struct rf_season *S, struct rf_buf *b, int (*has)(const struct rf_season_program *))
{
	int first = 1;
	for (size_t i = 0; i < S->n; i++) {
		if (!has(&S->v[i]))
			continue;
		rf_html_addf(b, "%s<a href=\"#%s\">%s</a>", first ? "" : ", ", S->v[i].id, S->v[i].name);
		first = 0;
	}
}

static int has_pattern(const struct rf_season_program *p)
{
	return p->r->score.pattern;
}

static void summary(const struct rf_season *S, struct rf_buf *b)
{
	const struct rf_rules *rules = S->rules;
	rf_buf_adds(b, "<section id=\"summary\" aria-labelledby=\"h-summary\">\n<h2 id=\"h-summary\">Summary</h2>\n");
	rf_buf_adds(b, "<table class=\"tiers\">\n<caption>Programs by tier</caption>\n<thead><tr><th scope=\"col\">tier</th>"
		       "<th scope=\"col\" class=\"n\">from risk</th><th scope=\"col\" class=\"n\">programs</th></tr></thead>\n"
		       "<tbody>\n");
	if (!rules->ntiers)
		rf_buf_adds(b, "<tr><td colspan=\"3\">rules.ini has no [tiers]</td></tr>\n");
	for (size_t t = 0; t < rules->ntiers; t++) {
		char from[32];
		rf_hundredths_format(rules->tiers[t].from, from);
		rf_html_addf(b, "<tr class=\"t%zu\"><th scope=\"row\">%s</th><td class=\"n\">%s</td><td class=\"n\">%zu</td></tr>\n",
			     t, rules->tiers[t].name, from, S->tiers[t]);
	}
	rf_buf_adds(b, "</tbody>\n</table>\n<ul>\n");
	rf_html_addf(b, "<li>Pattern (red answers in %u or more domains): %zu", rules->pattern_domains, S->patterns);
	if (S->patterns) {
		rf_buf_adds(b, ": ");
		links(S, b, has_pattern);
	}
	rf_html_addf(b, "</li>\n<li>Deal-breakers of your profile: %zu", S->dealbreakers);
	for (size_t i = 0, k = 0; i < S->n; i++)
		if (S->v[i].r->score.dealbreaker)
			rf_html_addf(b, "%s<a href=\"#%s\">%s</a> (<code>%s</code>)", k++ ? ", " : ": ", S->v[i].id,
				     S->v[i].name, S->v[i].r->score.dealbreaker);
	rf_html_addf(b, "</li>\n<li>Open conflicts between devices: %zu", S->conflicts);
	for (size_t i = 0, k = 0; i < S->n; i++)
		if (S->v[i].conflicts)
			rf_html_addf(b, "%s<a href=\"#%s\">%s</a> (%zu)", k++ ? ", " : ": ", S->v[i].id, S->v[i].name,
				     S->v[i].conflicts);
	unsigned long answered = S->asked - S->unknown;
	rf_html_addf(b, "</li>\n<li>Questions answered: %lu of %lu", answered, S->asked);
	if (S->asked)
		rf_buf_addf(b, " (%lu %%)", answered * 100 / S->asked);
	rf_buf_addf(b, "; %lu of them vague (asked, but dodged); %lu not asked yet.</li>\n", S->vague, S->unknown);
	char known[32], stake[32];
	rf_hundredths_format(S->known, known);
	rf_hundredths_format(S->stake, stake);
	rf_buf_addf(b, "<li>Known: %s of the %s points at stake are answered (%lu %%), as <code>rf-score</code>'s "
		       "known column weighs them.</li>\n</ul>\n</section>\n", known, stake,
		    (unsigned long)rf_season_known_pct(S));
}

static void cell(struct rf_buf *b, const char *domain, long v)
{
	char num[32];
	rf_hundredths_format(v, num);
	rf_html_addf(b, "<td class=\"cell b%d\" data-domain=\"%s\">%s</td>", rf_heat_band(v), domain, num);
}

static void marks(struct rf_buf *b, const struct rf_score *sc)
{
	if (sc->pattern)
		rf_buf_adds(b, " <span class=\"mark\">pattern</span>");
	if (sc->dealbreaker)
		rf_buf_adds(b, " <span class=\"mark\">deal-breaker</span>");
}

static void heatmap(const struct rf_season *S, struct rf_buf *b)
{
	rf_buf_adds(b, "<section id=\"heatmap\" aria-labelledby=\"h-heatmap\">\n<h2 id=\"h-heatmap\">Heat map</h2>\n");
	rf_buf_adds(b, "<p>Each cell is the weighted points one domain adds to a program's risk (the sum of its "
		       "contributions in <code>rf-score --explain</code>); a row adds up to the risk. Programs you "
		       "ranked come first, in rank order, then the others from lowest risk, deal-breakers last. "
		       "A bar at the left and a label mark <span class=\"mark\">pattern</span> and "
		       "<span class=\"mark\">deal-breaker</span> rows.</p>\n");
	rf_buf_adds(b, "<div class=\"scroll\">\n<table class=\"heat\">\n<caption>Weighted points by domain</caption>\n"
		       "<thead><tr><th scope=\"col\">program</th><th scope=\"col\" class=\"n\">rank</th>");
	for (int d = 0; d < RF_NDOMAINS; d++)
		rf_html_addf(b, "<th scope=\"col\" class=\"n\">%s</th>", rf_domains[d]);
	rf_buf_adds(b, "<th scope=\"col\" class=\"n\">pattern</th><th scope=\"col\" class=\"n\">risk</th>"
		       "<th scope=\"col\">tier</th></tr></thead>\n<tbody>\n");
	if (!S->n)
		rf_buf_addf(b, "<tr><td colspan=\"%d\">No notes yet: <code>rf-new NAME</code> makes one.</td></tr>\n",
			    RF_NDOMAINS + 5);
	for (size_t i = 0; i < S->n; i++) {
		const struct rf_season_program *p = &S->v[i];
		const struct rf_score *sc = &p->r->score;
		char risk[32];
		rf_hundredths_format(sc->risk, risk);
		rf_html_addf(b, "<tr data-program=\"%s\"", p->r->slug);
		rf_buf_adds(b, sc->pattern || sc->dealbreaker ? " class=\"marked\">" : ">");
		rf_html_addf(b, "<th scope=\"row\"><a href=\"#%s\">%s</a>", p->id, p->name);
		marks(b, sc);
		rf_html_addf(b, "</th><td class=\"n\">%s</td>", p->r->rank);
		for (int d = 0; d < RF_NDOMAINS; d++)
			cell(b, rf_domains[d], p->domain[d]);
		cell(b, "pattern", p->pattern);
		rf_html_addf(b, "<td class=\"n\" data-domain=\"risk\">%s</td><td>%s</td></tr>\n", risk, sc->tier);
	}
	rf_buf_adds(b, "</tbody>\n</table>\n</div>\n<ul class=\"legend\" aria-label=\"Colour scale of the cells\">\n");
	/* Each swatch shows a value of its band, as a cell would. */
	static const char *const sample[RF_HEAT_NBANDS] = { "0", "0.25", "2", "6", "12", "25" };
	for (int i = 0; i < RF_HEAT_NBANDS; i++)
		rf_html_addf(b, "<li><span class=\"sw b%d\">%s</span>%s %s</li>\n", i, sample[i], rf_heat_bands[i].label,
			     i == 1 ? "point" : "points");
	rf_buf_adds(b, "</ul>\n</section>\n");
}

/* The chart's text alternative: where the risk started and ended. */
static char *chart_desc(const struct rf_season_program *p)
{
	if (!p->npoints)
		return rf_xasprintf("No committed version of %s to chart.", p->name);
	const struct rf_season_point *a = &p->points[0], *z = &p->points[p->npoints - 1];
	char from[32], to[32], d0[16], d1[16];
	rf_hundredths_format(a->after, from);
	rf_hundredths_format(z->after, to);
	local(a->time, "%Y-%m-%d", d0, sizeof(d0));
	local(z->time, "%Y-%m-%d", d1, sizeof(d1));
	return rf_xasprintf("Risk %s on %s, %s on %s, after %zu change%s; tier now %s.", from, d0, to, d1,
			    p->npoints, p->npoints == 1 ? "" : "s", p->r->score.tier);
}

static void trajectories(const struct rf_season *S, const struct rf_chart_scale *sc, struct rf_buf *b)
{
	char top[32];
	rf_hundredths_format(sc->top, top);
	rf_buf_adds(b, "<section id=\"trajectories\" aria-labelledby=\"h-trajectories\">\n"
		       "<h2 id=\"h-trajectories\">Risk over the season</h2>\n");
	rf_html_addf(b, "<p>Each program's risk after every commit that changed it, scored with today's rules and "
		       "profile (as <code>rf-log</code> shows it), on one scale from 0 to %s for every chart. "
		       "The shaded bands are the tiers", top);
	for (size_t t = 0; t < S->rules->ntiers; t++) {
		char from[32];
		rf_hundredths_format(S->rules->tiers[t].from, from);
		rf_html_addf(b, "%s%s from %s", t ? ", " : ": ", S->rules->tiers[t].name, from);
	}
	rf_buf_adds(b, ". Each point names its change; the list is under each program below.</p>\n"
		       "<div class=\"charts\">\n");
}

/* One program's chart, on the season's scale. */
static void figure(const struct rf_season *S, const struct rf_chart_scale *sc, const struct rf_season_program *p,
		   struct rf_buf *b)
{
	char *title = rf_xasprintf("Risk of %s over the season", p->name), *desc = chart_desc(p), risk[32];
	rf_hundredths_format(p->r->score.risk, risk);
	rf_html_addf(b, "<figure data-program=\"%s\" data-points=\"%zu\">", p->r->slug, p->npoints);
	rf_chart_svg(b, sc, S->rules, p->points, p->npoints, title, desc);
	rf_html_addf(b, "<figcaption><a href=\"#%s\">%s</a>: risk %s, %s</figcaption></figure>\n", p->id, p->name, risk,
		     p->r->score.tier);
	free(title);
	free(desc);
}

/* rf-score --explain's table (explain.h): a domain's unknowns summed in
 * one row, the values summing to the total. */
static void explain(const struct rf_season_program *p, struct rf_buf *b)
{
	struct rf_table t;
	rf_explain_table(&p->r->score, 0, &t);
	rf_buf_adds(b, "<table class=\"explain\">\n<caption>What makes the risk</caption>\n<thead><tr>"
		       "<th scope=\"col\">domain</th><th scope=\"col\">key</th><th scope=\"col\">answer</th>"
		       "<th scope=\"col\">rule</th><th scope=\"col\" class=\"n\">points</th>"
		       "<th scope=\"col\" class=\"n\">weight</th><th scope=\"col\" class=\"n\">value</th></tr></thead>\n<tbody>\n");
	for (size_t r = 0; r + 1 < t.nrows; r++) {
		char *const *c = &t.cells[r * t.ncols];
		const char *v[7];
		for (size_t k = 0; k < 7; k++)
			v[k] = c[k] ? c[k] : "";
		/* "8 keys": the summed unknowns, not a key to look up. */
		int folded = !strcmp(v[2], "unknown") && strchr(v[1], ' ');
		rf_html_addf(b, folded ? "<tr><td>%s</td><td>%s</td>" : "<tr><td>%s</td><td><code>%s</code></td>", v[0],
			     v[1]);
		rf_html_addf(b, *v[3] ? "<td>%s</td><td><code>%s</code></td>" : "<td>%s</td><td>%s</td>", v[2], v[3]);
		rf_html_addf(b, "<td class=\"n\">%s</td><td class=\"n\">%s</td><td class=\"n\">%s</td></tr>\n", v[4],
			     v[5], v[6]);
	}
	char total[32];
	rf_hundredths_format(p->r->score.risk, total);
	rf_html_addf(b, "</tbody>\n<tfoot><tr><th scope=\"row\" colspan=\"6\">total</th><td class=\"n\">%s</td></tr>"
		       "</tfoot>\n</table>\n", total);
	rf_table_free(&t);
	char known[32], stake[32];
	rf_hundredths_format(p->r->score.known, known);
	rf_hundredths_format(p->r->score.stake, stake);
	rf_html_addf(b, "<p class=\"muted\">Known %u %%: %s of the %s points at stake are answered.</p>\n",
		     rf_score_known_pct(&p->r->score), known, stake);
}

static void quotes(const struct rf_season_program *p, struct rf_buf *b)
{
	rf_buf_adds(b, "<h4>Warning phrases in your quotes</h4>\n");
	if (!p->nquotes)
		rf_buf_adds(b, "<p class=\"muted\">None of the quotes holds a warning phrase of the rules.</p>\n");
	for (size_t i = 0; i < p->nquotes; i++) {
		const struct rf_season_quote *q = &p->quotes[i];
		char value[32];
		rf_hundredths_format(q->value, value);
		rf_html_addf(b, "<figure class=\"quote\"><blockquote>%s</blockquote><figcaption class=\"muted\">%s: "
			       "“%s”, +%s</figcaption></figure>\n", q->text, q->key, q->phrase, value);
	}
}

static void questions(const struct rf_season_program *p, struct rf_buf *b)
{
	rf_buf_adds(b, "<h4>Open questions, most at stake first</h4>\n");
	if (!p->ask.n) {
		rf_buf_adds(b, "<p class=\"muted\">Every scored question has an answer.</p>\n");
		return;
	}
	rf_buf_adds(b, "<ol class=\"ask\">\n");
	for (size_t i = 0; i < p->ask.n && i < TOP_QUESTIONS; i++) {
		const struct rf_ask_item *it = &p->ask.v[i];
		char stake[32];
		rf_hundredths_format(it->stake, stake);
		rf_html_addf(b, "<li>%s <code>%s</code>%s: %s <span class=\"muted\">(up to %s points)</span></li>\n",
			     rf_domains[it->domain], it->key, strcmp(it->answer, "vague") ? "" : " (vague)",
			     it->question ? it->question : "", stake);
	}
	rf_buf_adds(b, "</ol>\n");
	if (p->ask.n > TOP_QUESTIONS)
		rf_html_addf(b, "<p class=\"muted\">%zu more: <code>rf-ask %s</code></p>\n", p->ask.n - TOP_QUESTIONS,
			     p->r->slug);
}

static void changes(const struct rf_season_program *p, struct rf_buf *b)
{
	rf_html_addf(b, "<details><summary>Risk changes (%zu)</summary>\n", p->npoints);
	rf_buf_adds(b, "<table class=\"changes explain\">\n<thead><tr><th scope=\"col\">date</th><th scope=\"col\">commit</th>"
		       "<th scope=\"col\">change</th><th scope=\"col\" class=\"n\">risk</th></tr></thead>\n<tbody>\n");
	for (size_t k = 0; k < p->npoints; k++) {
		const struct rf_season_point *pt = &p->points[k];
		char when[32], before[32], after[32];
		local(pt->time, "%Y-%m-%d %H:%M", when, sizeof(when));
		rf_hundredths_format(pt->after, after);
		if (pt->before >= 0)
			rf_hundredths_format(pt->before, before);
		else
			strcpy(before, "-");
		rf_html_addf(b, "<tr><td class=\"n\">%s</td><td><code>%s</code></td><td>%s</td><td class=\"n\">%s → %s</td></tr>\n",
			     when, *pt->id ? pt->id : "working tree", pt->subject, before, after);
	}
	rf_buf_adds(b, "</tbody>\n</table>\n</details>\n");
}

static void program(const struct rf_season_program *p, struct rf_buf *b)
{
	const struct rf_ranked *r = p->r;
	char risk[32];
	rf_hundredths_format(r->score.risk, risk);
	rf_html_addf(b, "<article class=\"program\" id=\"%s\" aria-labelledby=\"%s-h\">\n<h3 id=\"%s-h\">%s", p->id, p->id,
		     p->id, p->name);
	marks(b, &r->score);
	rf_html_addf(b, "</h3>\n<p class=\"facts\"><code>%s</code>", r->slug);
	if (*r->track)
		rf_html_addf(b, " · %s", r->track);
	if (*r->status)
		rf_html_addf(b, " · %s", r->status);
	if (*r->rank)
		rf_html_addf(b, " · rank %s", r->rank);
	rf_html_addf(b, " · risk <strong>%s</strong> (%s) · %u unknown · %u green %s</p>\n", risk, r->score.tier,
		     r->score.unknowns, r->score.green, r->score.green == 1 ? "flag" : "flags");
	if (r->score.dealbreaker)
		rf_html_addf(b, "<p><strong>Deal-breaker:</strong> <code>%s</code></p>\n", r->score.dealbreaker);
	if (p->conflicts)
		rf_html_addf(b, "<p><strong>Open conflicts:</strong> %zu in <code>[conflicts]</code></p>\n", p->conflicts);
	rf_buf_adds(b, "<div class=\"cols\">\n<div>\n");
	explain(p, b);
	rf_buf_adds(b, "</div>\n<div>\n");
	quotes(p, b);
	questions(p, b);
	changes(p, b);
	rf_buf_adds(b, "</div>\n</div>\n</article>\n");
}

/* Each program's chart and article, written on threads into buffers of
 * their own: most of the page, one program at a time. */
struct parts_job {
	const struct rf_season *S;
	const struct rf_chart_scale *sc;
	struct rf_buf *figures, *articles;
	size_t lo, hi;
};

static void *parts_run(void *arg)
{
	const struct parts_job *j = arg;
	for (size_t i = j->lo; i < j->hi; i++) {
		figure(j->S, j->sc, &j->S->v[i], &j->figures[i]);
		program(&j->S->v[i], &j->articles[i]);
	}
	return NULL;
}

void rf_reporthtml_write(const struct rf_season *S, struct rf_buf *b)
{
	struct rf_chart_scale sc;
	rf_chart_scale_of(S, &sc);
	struct rf_buf *figures = rf_xcalloc(S->n ? S->n : 1, sizeof(*figures));
	struct rf_buf *articles = rf_xcalloc(S->n ? S->n : 1, sizeof(*articles));
	size_t nthreads = rf_parallel_threads(S->n, 16);
	struct parts_job jobs[RF_PARALLEL_MAX];
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct parts_job){ S, &sc, figures, articles, S->n * k / nthreads, S->n * (k + 1) / nthreads };
	rf_parallel_run(parts_run, jobs, sizeof(*jobs), nthreads);
	head(S, b);
	banner(S, b);
	summary(S, b);
	rf_reportrank_html(S, b);
	heatmap(S, b);
	trajectories(S, &sc, b);
	for (size_t i = 0; i < S->n; i++)
		rf_buf_add(b, figures[i].buf ? figures[i].buf : "", figures[i].len);
	rf_buf_adds(b, "</div>\n</section>\n");
	rf_buf_adds(b, "<section id=\"programs\" aria-labelledby=\"h-programs\">\n<h2 id=\"h-programs\">Programs</h2>\n");
	for (size_t i = 0; i < S->n; i++)
		rf_buf_add(b, articles[i].buf ? articles[i].buf : "", articles[i].len);
	rf_buf_adds(b, "</section>\n</main>\n</body>\n</html>\n");
	for (size_t i = 0; i < S->n; i++) {
		rf_buf_free(&figures[i]);
		rf_buf_free(&articles[i]);
	}
	free(figures);
	free(articles);
}
