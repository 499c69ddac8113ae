#include "rankchange.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "editor.h"
#include "notefile.h"
#include "rankcheck.h"
#include "ranklist.h"
#include "rankmoves.h"
#include "rankview.h"

struct state {
	struct rf_session *s;
	struct rf_ranklist head;	/* the list HEAD has (empty when none, or when it does not parse) */
	struct rf_ranklist rl;		/* the work tree's, changed in place */
};

static void state_free(struct state *st)
{
	rf_ranklist_free(&st->head);
	rf_ranklist_free(&st->rl);
}

static void parse_empty(struct rf_ranklist *rl, const char *text)
{
	rf_ranklist_parse(rl, RF_NOTEFILE_RANKS, text, strlen(text));
	rl->exists = 0;
}

/* HEAD's list: only what a commit changes is read from it, so a version
 * that does not parse counts as none. */
static int read_head(struct rf_session *s, struct rf_ranklist *out)
{
	struct rf_buf text = RF_BUF_INIT;
	int missing;
	char *why = NULL;
	unsigned line;
	if (rf_store_read(&s->st, NULL, RF_NOTEFILE_RANKS, &text, &missing) < 0) {
		rf_buf_free(&text);
		return -1;
	}
	if (missing || rf_ranklist_try_parse(out, RF_NOTEFILE_RANKS, text.buf ? text.buf : "", text.len, &why, &line) < 0)
		parse_empty(out, "");
	else
		out->exists = 1;
	free(why);
	rf_buf_free(&text);
	return 0;
}

/* Write text as the list file and commit it with msg.  *committed says
 * whether HEAD changed. */
static int commit_text(struct rf_session *s, const char *text, size_t len, const char *msg, int write, int *committed)
{
	struct rf_store_change ch = { .path = RF_NOTEFILE_RANKS, .data = text, .len = len };
	*committed = 0;
	if (write && rf_notesdir_write(&s->nd, RF_NOTEFILE_RANKS, text, len, 0) < 0)
		return -1;
	int r = rf_store_commit(&s->st, &ch, 1, msg, NULL);
	*committed = r > 0;
	return r < 0 ? -1 : 0;
}

static int commit_list(struct rf_session *s, const struct rf_ranklist *to, const char *msg, int *committed)
{
	struct rf_buf text = RF_BUF_INIT;
	rf_ranklist_text(to, &text);
	int r = commit_text(s, text.buf ? text.buf : "", text.len, msg, 1, committed);
	rf_buf_free(&text);
	return r;
}

/* The work tree has no list file: take the notes' program.rank into one
 * (the list every command showed), in a commit of its own, and say so. */
static int migrate(struct state *st)
{
	struct rf_session *s = st->s;
	struct rf_ranklist d, none;
	struct rf_rankmoves m;
	int committed;
	if (rf_ranklist_load(&d, &s->nd, &s->st, NULL) < 0)
		return -1;
	for (size_t i = 0; i < d.skipped.n; i++)
		rf_warn("%s (left off the list)", d.skipped.v[i]);
	const struct rf_ranklist_list *p = &d.lists[0];
	if (!p->n) {
		rf_ranklist_free(&d);
		return 0;
	}
	parse_empty(&none, "");
	rf_rankmoves_diff(&none, &d, NULL, &m);
	struct rf_buf msg = RF_BUF_INIT, said = RF_BUF_INIT;
	rf_buf_addf(&msg, "rank: list made from program.rank of %zu note%s\n\n", p->n, p->n == 1 ? "" : "s");
	for (size_t i = 0; i < m.n; i++) {
		char *ph = rf_rankmoves_phrase(&m.v[i]);
		rf_buf_addf(&msg, "%s\n", ph);
		free(ph);
	}
	for (size_t i = 0; i < p->n; i++)
		rf_buf_addf(&said, "%s%s %zu", i ? ", " : "", p->v[i].slug, i + 1);
	int r = commit_list(s, &d, msg.buf, &committed);
	if (r == 0) {
		fprintf(stderr, "%s: %s made from program.rank of %zu note%s (%s); from now on only %s counts\n",
			rf_progname(), RF_NOTEFILE_RANKS, p->n, p->n == 1 ? "" : "s", said.buf, RF_NOTEFILE_RANKS);
		struct rf_buf text = RF_BUF_INIT;
		rf_ranklist_text(&d, &text);
		rf_ranklist_free(&st->head);
		rf_ranklist_free(&st->rl);
		rf_ranklist_parse(&st->head, RF_NOTEFILE_RANKS, text.buf, text.len);
		rf_ranklist_parse(&st->rl, RF_NOTEFILE_RANKS, text.buf, text.len);
		rf_buf_free(&text);
	}
	rf_rankmoves_free(&m);
	rf_buf_free(&msg);
	rf_buf_free(&said);
	rf_ranklist_free(&none);
	rf_ranklist_free(&d);
	return r;
}

/* The work tree's list (refused when it does not parse) and HEAD's; the
 * migration first when there is no file; else a new file starts as the
 * skeleton. */
static int start(struct state *st, struct rf_session *s)
{
	memset(st, 0, sizeof(*st));
	st->s = s;
	if (rf_session_open(s, RF_SESSION_WRITE | RF_SESSION_SCORER | RF_SESSION_TEMPLATE) < 0 ||
	    read_head(s, &st->head) < 0 || rf_ranklist_read(&st->rl, &s->nd, &s->st, NULL) < 0)
		return -1;
	if (st->rl.exists)
		return 0;
	if (migrate(st) < 0)
		return -1;
	if (!st->rl.exists) {
		rf_ranklist_free(&st->rl);
		parse_empty(&st->rl, rf_ranklist_skeleton);
	}
	return 0;
}

/* A program argument: as the list names it, else as notes are named. */
static int program(struct rf_session *s, const struct rf_ranklist_list *list, const char *arg, char **slug)
{
	if (list && rf_ranklist_place(list, arg)) {
		*slug = rf_xstrdup(arg);
		return 0;
	}
	return rf_notesdir_resolve(&s->nd, arg, slug);
}

static int parse_rank(const char *arg, size_t *pos)
{
	unsigned n;
	if (rf_parse_uint(arg, &n) < 0 || n == 0)
		return rf_error("'%s' is not a rank (a whole number from 1)", arg);
	*pos = n;
	return 0;
}

/* The position the note of slug gives (program.position, else its NRMP
 * code's letter), or "" when it says none. */
static char *position_of(struct rf_session *s, const char *slug)
{
	struct rf_rankprog p;
	if (rf_rankprog_read(&p, slug, s->scorer, &s->t, &s->nd, NULL, NULL) < 0) {
		rf_rankprog_free(&p);
		return NULL;
	}
	char *pos = rf_xstrdup(p.position);
	rf_rankprog_free(&p);
	return pos;
}

static int add(struct state *st, const struct rf_rankchange *c, char **hint)
{
	size_t pos = 0;
	if (rf_notesdir_resolve(&st->s->nd, c->args[0], hint) < 0 || (c->nargs > 1 && parse_rank(c->args[1], &pos) < 0))
		return -1;
	if (c->list && strcmp(c->list, "primary") != 0) {
		char *p = position_of(st->s, *hint);
		int r = 0;
		if (!p)
			return -1;
		if (!strcmp(p, "categorical") || !strcmp(p, "advanced"))
			r = rf_error("%s is a%s %s program: a supplemental list takes preliminary and transitional "
				     "programs (program.position)", *hint, p[0] == 'a' ? "n" : "", p);
		free(p);
		if (r < 0)
			return -1;
	}
	return rf_ranklist_insert(&st->rl, c->list, *hint, pos);
}

static int move_or_remove(struct state *st, const struct rf_rankchange *c, char **hint)
{
	const struct rf_ranklist_list *list = rf_ranklist_find(&st->rl, c->list);
	size_t pos = 0;
	if (!list)
		return rf_error("no supplemental list %s in %s", c->list, RF_NOTEFILE_RANKS);
	if (program(st->s, list, c->args[0], hint) < 0 || (c->op == RF_RANKOP_MOVE && parse_rank(c->args[1], &pos) < 0))
		return -1;
	return c->op == RF_RANKOP_MOVE ? rf_ranklist_move(&st->rl, c->list, *hint, pos)
				       : rf_ranklist_remove(&st->rl, c->list, *hint);
}

/* attach, detach: every advanced program checked before any is changed. */
static int attach(struct state *st, const struct rf_rankchange *c, char **hint)
{
	const struct rf_ranklist_list *primary = &st->rl.lists[0];
	struct rf_strv slugs = RF_STRV_INIT;
	const char *name = c->args[0];
	int r = 0;
	if (!rf_ranklist_find(&st->rl, name) || !strcmp(name, "primary"))
		return rf_error("no supplemental list %s in %s (rf-rank add --list %s PROGRAM makes one)", name,
				RF_NOTEFILE_RANKS, name);
	for (int i = 1; r == 0 && i < c->nargs; i++) {
		char *slug;
		if ((r = program(st->s, primary, c->args[i], &slug)) < 0)
			break;
		rf_strv_push(&slugs, slug);
		if (c->op == RF_RANKOP_DETACH)
			continue;
		if (!rf_ranklist_place(primary, slug)) {
			r = rf_error("%s is not on the primary list (rf-rank add %s first)", slug, slug);
			break;
		}
		char *p = position_of(st->s, slug);
		if (!p)
			r = -1;
		else if (strcmp(p, "advanced") != 0)
			r = rf_error("%s is %s, not an advanced program: R3 attaches supplemental lists to advanced "
				     "programs only (rf-set %s program.position=advanced if it is one)", slug,
				     *p && strcmp(p, "unknown") != 0 ? p : "of unknown position", slug);
		free(p);
	}
	for (size_t i = 0; r == 0 && i < slugs.n; i++)
		r = c->op == RF_RANKOP_ATTACH ? rf_ranklist_attach(&st->rl, name, slugs.v[i])
					      : rf_ranklist_detach(&st->rl, name, slugs.v[i]);
	if (r == 0 && slugs.n)
		*hint = rf_xstrdup(slugs.v[0]);
	rf_strv_free(&slugs);
	return r;
}

/* After a change: its moves since HEAD, then the findings. */
static int report(struct state *st, const char *hint)
{
	struct rf_session *s = st->s;
	struct rf_rankmoves m;
	struct rf_rankcheck c;
	rf_rankmoves_diff(&st->head, &st->rl, hint, &m);
	for (size_t i = 0; i < m.n; i++) {
		char *ph = rf_rankmoves_phrase(&m.v[i]);
		printf("%s\n", ph);
		free(ph);
	}
	rf_rankmoves_free(&m);
	if (rf_rankcheck_run(&c, &st->rl, s->scorer, &s->t, &s->nd, NULL, NULL) < 0)
		return -1;
	rf_rankview_findings(stdout, &c, 0);
	rf_rankcheck_free(&c);
	return 0;
}

static int text_equal(const struct rf_ranklist *a, const struct rf_ranklist *b)
{
	struct rf_buf ta = RF_BUF_INIT, tb = RF_BUF_INIT;
	rf_ranklist_text(a, &ta);
	rf_ranklist_text(b, &tb);
	int eq = ta.len == tb.len && (!ta.len || !memcmp(ta.buf, tb.buf, ta.len));
	rf_buf_free(&ta);
	rf_buf_free(&tb);
	return eq;
}

int rf_rankchange_run(struct rf_session *s, const struct rf_rankchange *c)
{
	struct state st;
	struct rf_ranklist before;
	char *hint = NULL;
	int r = -1, committed;
	memset(&before, 0, sizeof(before));
	if (start(&st, s) < 0)
		goto out;
	struct rf_buf text = RF_BUF_INIT;
	rf_ranklist_text(&st.rl, &text);
	rf_ranklist_parse(&before, RF_NOTEFILE_RANKS, text.buf ? text.buf : "", text.len);
	before.exists = st.rl.exists;
	rf_buf_free(&text);
	switch (c->op) {
	case RF_RANKOP_ADD: r = add(&st, c, &hint); break;
	case RF_RANKOP_MOVE:
	case RF_RANKOP_REMOVE: r = move_or_remove(&st, c, &hint); break;
	case RF_RANKOP_ATTACH:
	case RF_RANKOP_DETACH: r = attach(&st, c, &hint); break;
	}
	if (r < 0)
		goto out;
	if (before.exists && text_equal(&before, &st.rl)) {
		printf("no change\n");
		goto out;
	}
	struct rf_rankmoves m;
	rf_rankmoves_diff(&st.head, &st.rl, hint, &m);
	char *msg = rf_rankmoves_message(&m);
	rf_rankmoves_free(&m);
	r = commit_list(s, &st.rl, msg, &committed);
	free(msg);
	if (r == 0)
		r = report(&st, hint);
out:
	free(hint);
	rf_ranklist_free(&before);
	state_free(&st);
	return r;
}

int rf_rankchange_edit(struct rf_session *s)
{
	struct state st;
	struct rf_buf before = RF_BUF_INIT, after = RF_BUF_INIT;
	char *path = NULL, *why = NULL;
	int r = -1, missing, made = 0, committed;
	memset(&st, 0, sizeof(st));
	st.s = s;
	/* A list that does not parse is what the user opens the editor to
	 * fix: it is read as bytes here, not refused. */
	if (rf_session_open(s, RF_SESSION_WRITE | RF_SESSION_SCORER | RF_SESSION_TEMPLATE) < 0 ||
	    read_head(s, &st.head) < 0 || rf_notesdir_read(&s->nd, RF_NOTEFILE_RANKS, &before, &missing) < 0)
		goto out;
	if (missing) {
		parse_empty(&st.rl, "");
		if (migrate(&st) < 0)
			goto out;
		if (st.rl.exists) {
			rf_ranklist_text(&st.rl, &before);
		} else {
			rf_buf_reset(&before);
			rf_buf_adds(&before, rf_ranklist_skeleton);
			if (rf_notesdir_write(&s->nd, RF_NOTEFILE_RANKS, before.buf, before.len, 1) < 0)
				goto out;
			made = 1;
		}
	}
	/* The writer lock is let go while the editor runs (as rf-edit does),
	 * and HEAD read again after it. */
	rf_store_close(&s->st);
	path = rf_xasprintf("%s/%s", s->dir, RF_NOTEFILE_RANKS);
	if (rf_editor_run(path, "nothing committed") < 0 || rf_store_open(&s->st, s->dir, RF_STORE_WRITE) < 0)
		goto out;
	rf_ranklist_free(&st.head);
	if (read_head(s, &st.head) < 0 || rf_notesdir_read(&s->nd, RF_NOTEFILE_RANKS, &after, &missing) < 0)
		goto out;
	if (missing) {
		rf_error("%s was removed while the editor ran: nothing committed", RF_NOTEFILE_RANKS);
		goto out;
	}
	if (after.len == before.len && (!after.len || !memcmp(after.buf, before.buf, after.len))) {
		/* A skeleton nobody filled in is not a list. */
		if (made)
			unlinkat(s->nd.fd, RF_NOTEFILE_RANKS, 0);
		printf("no changes\n");
		r = 0;
		goto out;
	}
	rf_ranklist_free(&st.rl);
	unsigned line;
	if (rf_ranklist_try_parse(&st.rl, RF_NOTEFILE_RANKS, after.buf, after.len, &why, &line) < 0) {
		rf_warn("%s (committed anyway; rf-rank edit to fix it)", why);
		char *msg = rf_xasprintf("rank: does not parse (line %u)\n", line);
		r = commit_text(s, after.buf, after.len, msg, 0, &committed);
		free(msg);
		goto out;
	}
	struct rf_rankmoves m;
	rf_rankmoves_diff(&st.head, &st.rl, NULL, &m);
	char *msg = rf_rankmoves_message(&m);
	rf_rankmoves_free(&m);
	r = commit_text(s, after.buf, after.len, msg, 0, &committed);
	free(msg);
	if (r == 0 && !committed)
		printf("no changes\n");
	else if (r == 0)
		r = report(&st, NULL);
out:
	free(path);
	free(why);
	rf_buf_free(&before);
	rf_buf_free(&after);
	state_free(&st);
	return r;
}
