#include "lint.h"

#include <stdlib.h>
#include <string.h>

#include "applies.h"
#include "conflicts.h"
#include "notefile.h"
#include "ranklist.h"
#include "revnote.h"
#include "score.h"

char *rf_lint_answer(const struct rf_template *t, const char *section, const char *key, const char *value)
{
	const struct rf_field *f = rf_template_field(t, section, key);
	if (!f) {
		char *hint = rf_template_suggest(t, section, key);
		char *msg;
		if (!rf_template_has_section(t, section))
			msg = rf_xasprintf("unknown section [%s]%s%s%s", section, hint ? " (did you mean " : "",
					   hint ? hint : "", hint ? "?)" : "");
		else
			msg = rf_xasprintf("unknown key %s.%s%s%s%s", section, key, hint ? " (did you mean " : "",
					   hint ? hint : "", hint ? "?)" : "");
		free(hint);
		return msg;
	}
	char *bad = rf_field_check(f, value);
	if (!bad)
		return NULL;
	char *msg = rf_xasprintf("%s.%s: %s", section, key, bad);
	free(bad);
	return msg;
}

/* 'value' with controls shown escaped, into out. */
static void quoted(struct rf_buf *out, const char *value)
{
	rf_buf_adds(out, "'");
	rf_escape_controls(out, value);
	rf_buf_adds(out, "'");
}

/* An open entry of [conflicts] on line l: "conflict: visa.h1b is 'yes'
 * here, 'no' from origin"; NULL when none of them is on that line. */
static char *conflict_at(const struct rf_note *note, const struct rf_conflict *c, size_t n, unsigned lineno)
{
	for (size_t i = 0; i < n; i++) {
		if (c[i].lineno != lineno)
			continue;
		struct rf_buf b = RF_BUF_INIT;
		const char *here = rf_note_get(note, c[i].section, c[i].key);
		rf_buf_addf(&b, "conflict: %s.%s is ", c[i].section, c[i].key);
		if (here)
			quoted(&b, here);
		else
			rf_buf_adds(&b, "not answered");
		rf_buf_adds(&b, " here, ");
		if (c[i].removed) {
			rf_buf_addf(&b, "removed on %s", c[i].from ? c[i].from : "the other side");
		} else {
			quoted(&b, c[i].value);
			rf_buf_addf(&b, " from %s", c[i].from ? c[i].from : "the other side");
		}
		return rf_buf_detach(&b);
	}
	return NULL;
}

size_t rf_lint_note(const struct rf_note *note, const struct rf_template *t, struct rf_strv *problems)
{
	const struct rf_ini *ini = &note->ini;
	size_t before = problems->n, nconflicts;
	struct rf_conflict *conflicts;
	rf_conflicts_list(note, &conflicts, &nconflicts);
	for (size_t i = 0; i < ini->n; i++) {
		const struct rf_line *l = &ini->lines[i];
		char *msg = NULL;
		if (l->conflict == RF_CONFLICT_MARKER && l->marker != '<') {
			continue;	/* one report per conflict, at its first marker */
		} else if (l->kind == RF_LINE_ERROR) {
			msg = rf_ini_problem(ini, l);
		} else if (l->conflict) {
			continue;	/* one side of a conflict: neither is the answer yet */
		} else if (l->kind == RF_LINE_SECTION) {
			for (size_t j = 0; j < i && !msg; j++)
				if (ini->lines[j].kind == RF_LINE_SECTION && !ini->lines[j].conflict &&
				    !strcmp(ini->lines[j].section, l->section))
					msg = rf_xasprintf("section [%s] again (first on line %u; iniparser merges them)",
							   l->section, ini->lines[j].lineno);
		} else if (l->kind == RF_LINE_VALUE) {
			for (size_t j = 0; j < i && !msg; j++) {
				const struct rf_line *m = &ini->lines[j];
				if (m->kind == RF_LINE_VALUE && !m->conflict && !strcmp(m->section, l->section) &&
				    !strcmp(m->key, l->key))
					msg = rf_xasprintf("duplicate key %s.%s (also on line %u; iniparser keeps "
							   "this one)", l->section, l->key, m->lineno);
			}
			/* iniparser files such a key as ":key", which no rf command
			 * reads: it is an answer lost, not an unknown section "[]". */
			if (!msg && !*l->section)
				msg = rf_xasprintf("key '%s' before any [section] (rf does not read it; move it "
						   "into its section)", l->key);
			/* [conflicts] is rf's own, not the template's: each entry
			 * is reported as the open question it is. */
			if (!msg && !strcmp(l->section, RF_CONFLICTS_SECTION) &&
			    !(msg = conflict_at(note, conflicts, nconflicts, l->lineno)) &&
			    rf_ini_find(ini, l->section, l->key) == l)
				msg = rf_xasprintf("[%s] entry '%s' names no answer (section.key); delete it",
						   RF_CONFLICTS_SECTION, l->key);
			else if (!msg && strcmp(l->section, RF_CONFLICTS_SECTION))
				msg = rf_lint_answer(t, l->section, l->key, l->value);
		}
		if (msg) {
			rf_strv_push(problems, rf_xasprintf("%s:%u: %s", note->label, l->lineno, msg));
			free(msg);
		}
	}
	rf_conflicts_free(conflicts, nconflicts);
	return problems->n - before;
}

long rf_lint_file(const struct rf_notesdir *nd, const char *file, const struct rf_template *t,
		  struct rf_strv *problems)
{
	struct rf_revnote rn;
	long n = -1;
	if (rf_revnote_worktree(&rn, nd, file) == 0)
		n = rn.missing ? 0 : (long)rf_lint_note(&rn.note, t, problems);
	rf_revnote_free(&rn);
	return n;
}

long rf_lint_scoring(const struct rf_notesdir *nd, struct rf_strv *problems)
{
	struct rf_template profile = { 0 };
	char *path = rf_share_path("profile.ini");
	long n = path && rf_template_load(&profile, path) == 0 ? rf_lint_file(nd, RF_NOTEFILE_PROFILE, &profile, problems)
							       : -1;
	struct rf_scorer *scorer = NULL;
	if (n == 0 && rf_scorer_load(&scorer, nd) < 0)
		n = 1;
	else if (n == 0)
		n = (long)rf_applies_contradictions(&scorer->rules, &scorer->profile, problems);
	rf_scorer_free(scorer);
	rf_template_free(&profile);
	free(path);
	return n;
}

long rf_lint_ranks(const struct rf_notesdir *nd, struct rf_strv *problems)
{
	struct rf_buf text = RF_BUF_INIT;
	struct rf_ranklist rl = { 0 };
	char *why = NULL;
	unsigned line;
	int missing;
	long n = rf_notesdir_read(nd, RF_NOTEFILE_RANKS, &text, &missing) < 0 ? -1 : 0;
	if (n == 0 && !missing &&
	    rf_ranklist_try_parse(&rl, RF_NOTEFILE_RANKS, text.buf ? text.buf : "", text.len, &why, &line) < 0) {
		rf_strv_push(problems, why);
		why = NULL;
		n = 1;
	}
	rf_ranklist_free(&rl);
	free(why);
	rf_buf_free(&text);
	return n;
}
