#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "merge.h"
#include "notefile.h"
#include "rename.h"
#include "ranklist.h"
#include "rankmoves.h"
#include "revnote.h"
#include "treecache.h"

static void item_free(struct rf_record_item *it)
{
	free(it->file);
	free(it->name);
	free(it->renamed_from);
	rf_changes_free(&it->changes);
	rf_strv_free(&it->moves);
}

static void item_phrases(const struct rf_record_item *it, struct rf_strv *out)
{
	for (size_t i = 0; i < it->moves.n; i++)
		rf_strv_push(out, rf_xstrdup(it->moves.v[i]));
	if (it->moves.n)
		return;
	if (it->deleted) {
		rf_strv_push(out, rf_xstrdup("deleted"));
		return;
	}
	if (it->created) {
		/* A new note is all template; its name says what it is. */
		rf_strv_push(out, rf_xstrdup(it->name ? it->name : "created"));
		return;
	}
	if (it->renamed_from) {
		char *from = rf_notefile_slug(it->renamed_from);
		rf_strv_push(out, rf_xasprintf("renamed from %s", from));
		free(from);
	}
	for (size_t i = 0; i < it->changes.n; i++)
		rf_strv_push(out, rf_change_phrase(&it->changes.v[i]));
	/* A note iniparser rejects is news in itself: the log must not call
	 * it a layout change. */
	if (it->broken_line)
		rf_strv_push(out, rf_xasprintf("does not parse (line %u)", it->broken_line));
	else if (!out->n || (out->n == 1 && it->renamed_from && it->changes.layout_only))
		rf_strv_push(out, rf_xstrdup(it->changes.layout_only ? "comments and layout only" : "no change"));
}

char *rf_record_message(const char *verb, const struct rf_record_item *items, size_t n)
{
	struct rf_buf msg = RF_BUF_INIT;
	if (n == 1) {
		struct rf_strv ph = RF_STRV_INIT;
		item_phrases(&items[0], &ph);
		char *slug = rf_notefile_slug(items[0].file);
		struct rf_buf subject = RF_BUF_INIT;
		rf_buf_addf(&subject, "%s %s: ", verb, slug);
		size_t prefix = subject.len;
		for (size_t i = 0; i < ph.n; i++)
			rf_buf_addf(&subject, "%s%s", i ? ", " : "", ph.v[i]);
		if (subject.len <= 72 || ph.n == 1) {
			rf_buf_add(&msg, subject.buf, subject.len);
			rf_buf_addc(&msg, '\n');
		} else {
			subject.len = prefix;
			rf_buf_addf(&msg, "%.*s%zu changes\n\n", (int)prefix, subject.buf, ph.n);
			for (size_t i = 0; i < ph.n; i++)
				rf_buf_addf(&msg, "%s\n", ph.v[i]);
		}
		rf_buf_free(&subject);
		free(slug);
		rf_strv_free(&ph);
		return rf_buf_detach(&msg);
	}
	rf_buf_addf(&msg, "%s %zu notes\n\n", verb, n);
	for (size_t k = 0; k < n; k++) {
		struct rf_strv ph = RF_STRV_INIT;
		item_phrases(&items[k], &ph);
		char *slug = rf_notefile_slug(items[k].file);
		for (size_t i = 0; i < ph.n; i++)
			rf_buf_addf(&msg, "%s: %s\n", slug, ph.v[i]);
		free(slug);
		rf_strv_free(&ph);
	}
	return rf_buf_detach(&msg);
}

/* The rank list is no note: its change is told as moves. */
static int describe_ranks(struct rf_store *st, const char *file, const char *text, size_t len, int warn_broken,
			  struct rf_record_item *it, int *same)
{
	struct rf_buf head = RF_BUF_INIT;
	int missing;
	if (rf_store_read(st, NULL, file, &head, &missing) < 0) {
		rf_buf_free(&head);
		return -1;
	}
	it->file = rf_xstrdup(file);
	it->created = missing && text;
	it->deleted = !missing && !text;
	if (same)
		*same = missing == !text && (!text || (head.len == len && (!len || !memcmp(head.buf, text, len))));
	struct rf_ranklist rl;
	char *why;
	unsigned line;
	if (text && rf_ranklist_try_parse(&rl, file, text, len, &why, &line) < 0) {
		if (warn_broken)
			rf_warn("%s (committed anyway; fix it and run rf-commit)", why);
		free(why);
	}
	rf_ranklist_free(&rl);
	rf_rankmoves_describe(missing ? NULL : head.buf ? head.buf : "", head.len, text, len, NULL, &it->moves);
	rf_buf_free(&head);
	return 0;
}

/* Describe file going from its HEAD version (that of from, when renamed)
 * to text (NULL: deleted); *same (if given) says whether HEAD has exactly
 * that. */
static int describe(struct rf_store *st, const char *file, const char *from, const char *text, size_t len,
		    int warn_broken, struct rf_record_item *it, int *same)
{
	struct rf_revnote head;
	memset(it, 0, sizeof(*it));
	if (!strcmp(file, RF_NOTEFILE_RANKS))
		return describe_ranks(st, file, text, len, warn_broken, it, same);
	if (rf_revnote_at(&head, st, NULL, from ? from : file) < 0) {
		rf_revnote_free(&head);
		return -1;	/* callers free an item only when described */
	}
	it->file = rf_xstrdup(file);
	struct rf_note b;
	struct rf_buf clean = RF_BUF_INIT;
	int have_a = !head.missing, have_b = text != NULL;
	/* What git would store: a CRLF note under autocrlf equals its LF blob. */
	if (have_b && rf_store_clean(st, file, text, len, &clean) < 0) {
		rf_revnote_free(&head);
		free(it->file);
		return -1;
	}
	if (have_b) {
		text = clean.buf ? clean.buf : "";
		len = clean.len;
	}
	if (same)
		*same = have_a == have_b &&
			(!have_b || (head.note.len == len && (!len || !memcmp(head.note.text, text, len))));
	if (have_b && rf_note_parse(&b, file, text, len, 0) < 0) {
		const struct rf_line *bad = rf_ini_first_error(&b.ini);
		it->broken_line = bad ? bad->lineno : 1;
	}
	if (it->broken_line && warn_broken) {
		const struct rf_line *bad = rf_ini_first_error(&b.ini);
		char *problem = bad ? rf_ini_problem(&b.ini, bad) : rf_xstrdup("iniparser cannot read this file");
		rf_warn("%s:%u: %s (committed anyway; fix it and run rf-commit)", file, bad ? bad->lineno : 0, problem);
		free(problem);
	}
	rf_semdiff(have_a ? &head.note : NULL, have_b ? &b : NULL, &it->changes);
	if (from) {
		it->renamed_from = rf_xstrdup(from);
		if (same)
			*same = 0;
	}
	it->created = !have_a && have_b;
	it->deleted = have_a && !have_b;
	if (it->created) {
		const struct rf_line *l = rf_ini_find(&b.ini, "program", "name");
		if (l && *l->value)
			it->name = rf_xstrdup(l->value);
	}
	if (have_b)
		rf_note_free(&b);
	rf_buf_free(&clean);
	rf_revnote_free(&head);
	return 0;
}

/* The note at HEAD that file (new since HEAD, holding text) was renamed
 * from: one gone from the work tree and from the index (git mv, or git rm)
 * with the same or a similar text (rename.h).  A note only deleted from
 * the work tree stays a deletion: notes share their template's lines, so
 * similarity alone would take a new program for an old one renamed.
 * *from is NULL when there is none; caller frees. */
static int rename_source(struct rf_store *st, const struct rf_notesdir *nd, const char *file, const char *text,
			 size_t len, char **from)
{
	git_tree *head = NULL;
	git_index *idx = NULL;
	struct rf_rename_cands gone = { NULL, 0 };
	struct rf_buf probe = RF_BUF_INIT;
	struct rf_rename_cand added;
	int r = -1;
	*from = NULL;
	memset(&added, 0, sizeof(added));
	if (rf_store_head_tree(st, &head) < 0)
		return -1;
	if (!head || git_tree_entry_byname(head, file) || git_repository_index(&idx, st->repo) < 0 ||
	    git_index_read(idx, 0) < 0) {
		git_tree_free(head);
		git_error_clear();
		return 0;
	}
	for (size_t i = 0; i < git_tree_entrycount(head); i++) {
		const git_tree_entry *e = git_tree_entry_byindex(head, i);
		int missing;
		if (!rf_treecache_is_note(e) || git_index_get_bypath(idx, git_tree_entry_name(e), 0) ||
		    rf_notesdir_read(nd, git_tree_entry_name(e), &probe, &missing) < 0)
			continue;
		if (missing)
			rf_rename_add(&gone, git_tree_entry_name(e), git_tree_entry_id(e));
	}
	git_error_clear();
	added.name = file;
	if (gone.n && (rf_store_clean(st, file, text, len, &added.text) < 0 ||
		       git_odb_hash(&added.id, added.text.buf ? added.text.buf : "", added.text.len, GIT_OBJECT_BLOB) < 0))
		goto out;
	added.have_text = 1;
	long k = gone.n ? rf_rename_source(st, &added, &gone) : -1;
	if (k == -2)
		goto out;
	if (k >= 0)
		*from = rf_xstrdup(gone.v[k].name);
	r = 0;
out:
	if (r < 0 && !git_error_last())
		rf_error("%s: cannot tell whether it was renamed", file);
	rf_buf_free(&added.text);
	rf_buf_free(&probe);
	rf_rename_cands_free(&gone);
	git_index_free(idx);
	git_tree_free(head);
	return r;
}

static int place_note(void *pending)
{
	return rf_notesdir_place(pending);
}

/* msg with more lines at the end of its body (extra may be NULL). */
static char *with_body(char *msg, const char *extra)
{
	if (!extra || !*extra)
		return msg;
	size_t n = strlen(msg);
	int has_body = strstr(msg, "\n\n") != NULL;
	char *out = rf_xasprintf("%s%s%s", msg, has_body || (n && msg[n - 1] != '\n') ? "" : "\n", extra);
	free(msg);
	return out;
}

/* rf_record_text, with extra lines for the message's body, and a warning
 * when the note does not parse (warn_broken: it was not checked before). */
static int record_text(struct rf_store *st, const struct rf_notesdir *nd, const char *verb, const char *file,
		       const char *text, size_t len, int create_only, const char *extra, int warn_broken,
		       int *committed)
{
	struct rf_record_item it;
	char *from = NULL;
	*committed = 0;
	if ((!create_only && rename_source(st, nd, file, text, len, &from) < 0) ||
	    describe(st, file, from, text, len, warn_broken, &it, NULL) < 0) {
		free(from);
		return -1;
	}
	char *msg = with_body(rf_record_message(verb, &it, 1), extra);
	/* The new bytes are written first, the commit's objects next, then
	 * the note is put in place and HEAD moved: a full disk or any other
	 * failure leaves the note as it was, so a retried rf-quote stores the
	 * quote once. */
	struct rf_notesdir_pending p;
	int r = rf_notesdir_stage(nd, file, text, len, create_only, &p);
	if (r == 0) {
		/* A rename is the new file and the old one's removal, together. */
		struct rf_store_change ch[2] = { { .path = file, .data = text, .len = len },
						 { .path = from, .data = NULL, .len = 0 } };
		r = rf_store_commit_placed(st, ch, from ? 2 : 1, msg, place_note, &p, NULL);
		if (r > 0)
			*committed = 1;
		if (r < 0)
			rf_notesdir_restore(&p);
		else
			rf_notesdir_done(&p);
		r = r < 0 ? -1 : 0;
	}
	free(msg);
	free(from);
	item_free(&it);
	return r;
}

int rf_record_text(struct rf_store *st, const struct rf_notesdir *nd, const char *verb, const char *file,
		   const char *text, size_t len, int create_only, int *committed)
{
	return record_text(st, nd, verb, file, text, len, create_only, NULL, 0, committed);
}

/* ---- rf-edit: merging what was committed while the editor was open ---- */

/* The note's blob at HEAD now: 1 and *id, 0 when HEAD has none. */
static int head_blob(struct rf_store *st, const char *file, git_oid *id)
{
	git_tree *t = NULL;
	if (rf_store_head_tree(st, &t) < 0)
		return -1;
	const git_tree_entry *e = t ? git_tree_entry_byname(t, file) : NULL;
	int have = e && git_tree_entry_type(e) == GIT_OBJECT_BLOB;
	if (have)
		git_oid_cpy(id, git_tree_entry_id(e));
	git_tree_free(t);
	return have;
}

int rf_record_snapshot(struct rf_store *st, const struct rf_notesdir *nd, const char *file,
		       struct rf_record_snapshot *snap)
{
	memset(snap, 0, sizeof(*snap));
	snap->file = rf_xstrdup(file);
	int have = head_blob(st, file, &snap->head_blob);
	snap->head_missing = have == 0;
	if (have < 0 || rf_notesdir_read(nd, file, &snap->given, NULL) < 0)
		return -1;
	rf_buf_adds(&snap->given, "");
	return 0;
}

void rf_record_snapshot_free(struct rf_record_snapshot *snap)
{
	free(snap->file);
	rf_buf_free(&snap->given);
	memset(snap, 0, sizeof(*snap));
}

/* A blob as the work tree would hold it (CRLF under autocrlf), parsed. */
static int blob_note(struct rf_store *st, const char *file, const git_oid *id, const char *label,
		     struct rf_note *out)
{
	struct rf_buf raw = RF_BUF_INIT, text = RF_BUF_INIT;
	int r = rf_store_blob(st, id, file, &raw) < 0 || rf_store_smudge(st, file, raw.buf, raw.len, &text) < 0 ? -1 : 0;
	if (r == 0)
		rf_note_parse(out, label, text.buf ? text.buf : "", text.len, 0);
	rf_buf_free(&raw);
	rf_buf_free(&text);
	return r;
}

static const char *shown(const char *v)
{
	return v ? v : "(none)";
}

/* Name each key both sides changed: a warning, and a line of the commit
 * message's body.  whose names the side that was kept. */
static void name_conflicts(const struct rf_merge *m, const char *file, const char *whose, const char *meanwhile,
			   struct rf_buf *body)
{
	for (size_t i = 0; i < m->n; i++) {
		const struct rf_merge_key *k = &m->keys[i];
		if (k->outcome != RF_MERGE_CONFLICT)
			continue;
		rf_warn("%s: %s.%s: kept %s '%s' over '%s', committed while the editor was open (%s)", file,
			k->section, k->key, whose, shown(k->ours), shown(k->theirs), meanwhile);
		rf_buf_addf(body, "%s.%s: kept %s '%s' over '%s'\n", k->section, k->key, whose, shown(k->ours),
			    shown(k->theirs));
	}
}

int rf_record_edited(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_record_snapshot *snap,
		     int *committed)
{
	struct rf_strv one = RF_STRV_INIT;
	struct rf_buf ours_text = RF_BUF_INIT, body = RF_BUF_INIT;
	struct rf_note given = { 0 }, then = { 0 }, now = { 0 }, ours = { 0 }, step = { 0 };
	struct rf_merge first = { 0 }, final = { 0 };
	git_commit *head = NULL;
	git_oid now_id;
	char *meanwhile = NULL, *then_label = NULL, *now_label = NULL;
	const char *file = snap->file;
	int r = -1, missing, have_now;

	*committed = 0;
	rf_strv_push(&one, rf_xstrdup(file));
	if (rf_store_merging(st))
		goto plain;	/* the edit concludes the merge */
	if ((have_now = head_blob(st, file, &now_id)) < 0 || rf_notesdir_read(nd, file, &ours_text, &missing) < 0)
		goto out;
	if (have_now == !snap->head_missing && (!have_now || git_oid_equal(&now_id, &snap->head_blob)))
		goto plain;	/* HEAD's note did not move: the editor's text is the change */
	if (rf_store_head_commit(st, &head) < 0)
		goto out;
	char id[8];
	git_oid_tostr(id, sizeof(id), git_commit_id(head));
	meanwhile = rf_xasprintf("%s %s", id, git_commit_summary(head) ? git_commit_summary(head) : "");
	if (missing || !have_now) {
		rf_warn("%s was %s while the editor was open (%s); recording your text as it is", file,
			missing ? "deleted (by the editor?)" : "removed at HEAD", meanwhile);
		goto plain;
	}

	/* theirs: HEAD's note now.  If the editor did not start from HEAD's
	 * version then (uncommitted edits), that work-tree text first takes
	 * in what HEAD changed since, so the final merge is of the editor's
	 * changes to what it was given. */
	then_label = rf_xasprintf("%s@HEAD-then", file);
	now_label = rf_xasprintf("%s@%s", file, id);
	rf_note_parse(&given, file, snap->given.buf, snap->given.len, 0);
	rf_note_parse(&ours, file, ours_text.buf ? ours_text.buf : "", ours_text.len, 0);
	if (blob_note(st, file, &now_id, now_label, &now) < 0 ||
	    (!snap->head_missing && blob_note(st, file, &snap->head_blob, then_label, &then) < 0))
		goto out;
	const struct rf_note *theirs = &now;
	int from_head = !snap->head_missing && then.len == given.len && !memcmp(then.text, given.text, given.len);
	int parses = given.dict && ours.dict && now.dict && (snap->head_missing || then.dict);
	struct rf_buf result = RF_BUF_INIT;
	if (parses) {
		if (!from_head) {
			if (rf_merge_notes(file, snap->head_missing ? NULL : &then, &given, &now, RF_MERGE_KEEP_OURS,
					   &first) < 0)
				goto out;
			rf_note_parse(&step, now_label, first.text.buf, first.text.len, 0);
			theirs = &step;
		}
		if (rf_merge_notes(file, &given, &ours, theirs, RF_MERGE_KEEP_OURS, &final) < 0)
			goto out;
		rf_buf_add(&result, final.text.buf, final.text.len);
		name_conflicts(&first, file, "the work tree's uncommitted", meanwhile, &body);
		name_conflicts(&final, file, "your", meanwhile, &body);
		if (final.lost_layout || first.lost_layout)
			rf_warn("%s: comments or layout changed by %s were not kept (its answers were)", file, id);
	} else {
		/* A note that does not parse: git's line merge, if clean, in the
		 * same two steps. */
		struct rf_buf lines = RF_BUF_INIT;
		int clean = 1;
		if (!from_head)
			clean = rf_merge_lines(snap->head_missing ? NULL : then.text, then.len, given.text, given.len,
					       now.text, now.len, &lines);
		else
			rf_buf_add(&lines, now.text, now.len);
		if (clean > 0)
			clean = rf_merge_lines(given.text, given.len, ours.text, ours.len, lines.buf ? lines.buf : "",
					       lines.len, &result);
		rf_buf_free(&lines);
		if (clean <= 0) {
			if (clean == 0)
				rf_error("%s also changed at HEAD while the editor was open (%s), and a note that does not "
					 "parse cannot be merged key by key: nothing committed, your text is kept in %s",
					 file, meanwhile, file);
			rf_buf_free(&result);
			goto out;
		}
	}
	rf_inform("%s: merged with %s, committed while the editor was open", file, meanwhile);
	struct rf_buf extra = RF_BUF_INIT;
	rf_buf_addf(&extra, "Merged with %s, committed while the editor was open.\n", meanwhile);
	if (body.len)
		rf_buf_add(&extra, body.buf, body.len);
	r = record_text(st, nd, "edit", file, result.buf ? result.buf : "", result.len, 0, extra.buf, 1, committed);
	rf_buf_free(&extra);
	rf_buf_free(&result);
	goto out;
plain:
	r = rf_record_worktree(st, nd, "edit", &one, NULL, committed);
out:
	rf_merge_free(&first);
	rf_merge_free(&final);
	rf_note_free(&given);
	rf_note_free(&then);
	rf_note_free(&now);
	rf_note_free(&ours);
	rf_note_free(&step);
	git_commit_free(head);
	free(meanwhile);
	free(then_label);
	free(now_label);
	rf_buf_free(&ours_text);
	rf_buf_free(&body);
	rf_strv_free(&one);
	return r;
}

int rf_record_files(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_notesdir_file *files,
		    size_t n, const char *message, int *committed)
{
	struct rf_store_change *ch = rf_xcalloc(n ? n : 1, sizeof(*ch));
	int r = -1;
	*committed = 0;
	for (size_t i = 0; i < n; i++)
		ch[i] = (struct rf_store_change){ .path = files[i].name, .data = files[i].data, .len = files[i].len };
	if (rf_store_write_blobs(st, ch, n) == 0 && rf_notesdir_write_many(nd, files, n) == 0) {
		int c = rf_store_commit(st, ch, n, message, NULL);
		*committed = c > 0;
		r = c < 0 ? -1 : 0;
	}
	free(ch);
	return r;
}

int rf_record_worktree_files(struct rf_store *st, const struct rf_notesdir *nd, struct rf_strv *files)
{
	static const char *const settings[] = { RF_NOTEFILE_PROFILE, RF_NOTEFILE_RULES, RF_NOTEFILE_RANKS };
	struct rf_strv slugs = RF_STRV_INIT;
	if (rf_notesdir_list(nd, &slugs) < 0 || rf_store_files(st, NULL, rf_notefile_is_recorded, files) < 0) {
		rf_strv_free(&slugs);
		return -1;
	}
	for (size_t i = 0; i < slugs.n; i++) {
		char *f = rf_notefile_name(slugs.v[i]);
		if (rf_strv_contains(files, f))
			free(f);
		else
			rf_strv_push(files, f);
	}
	rf_strv_free(&slugs);
	for (size_t i = 0; i < sizeof(settings) / sizeof(settings[0]); i++) {
		/* An unreadable profile or rules (a symbolic link) is an error,
		 * not something to leave out silently. */
		struct rf_buf b = RF_BUF_INIT;
		int missing, e = rf_notesdir_read(nd, settings[i], &b, &missing);
		rf_buf_free(&b);
		if (e < 0)
			return -1;
		if (!missing && !rf_strv_contains(files, settings[i]))
			rf_strv_push(files, rf_xstrdup(settings[i]));
	}
	rf_strv_sort(files);
	return 0;
}

/* A merge in progress is concluded with the files' work-tree versions,
 * once none of them holds a conflict marker any more. */
static int conclude(struct rf_store *st, const struct rf_notesdir *nd, const struct rf_strv *files, const char *msg,
		    int *committed)
{
	struct rf_buf *texts = rf_xcalloc(files->n ? files->n : 1, sizeof(*texts));
	struct rf_store_change *ch = rf_xcalloc(files->n ? files->n : 1, sizeof(*ch));
	int r = -1;
	size_t i;
	for (i = 0; i < files->n; i++) {
		int missing;
		struct rf_ini ini;
		if (rf_notesdir_read(nd, files->v[i], &texts[i], &missing) < 0)
			break;
		ch[i] = (struct rf_store_change){ .path = files->v[i], .data = missing ? NULL : texts[i].buf, .len = texts[i].len };
		if (missing)
			continue;
		rf_ini_scan(texts[i].buf, texts[i].len, &ini);
		const struct rf_line *c = rf_ini_first_conflict(&ini);
		if (c) {
			char *problem = rf_ini_problem(&ini, c);
			rf_error("%s:%u: %s; resolve it, then rf-commit concludes the merge (or git merge --abort)",
				 files->v[i], c->lineno, problem);
			free(problem);
		}
		rf_ini_free(&ini);
		if (c)
			break;
	}
	if (i == files->n && rf_store_conclude_merge(st, ch, files->n, msg, NULL) > 0) {
		*committed = 1;
		r = 0;
	}
	for (i = 0; i < files->n; i++)
		rf_buf_free(&texts[i]);
	free(texts);
	free(ch);
	return r;
}

int rf_record_worktree(struct rf_store *st, const struct rf_notesdir *nd, const char *verb,
		       const struct rf_strv *files, const char *msg, int *committed)
{
	if (rf_store_merging(st)) {
		*committed = 0;
		return conclude(st, nd, files, msg, committed);
	}
	size_t nf = files->n;
	struct rf_buf *texts = rf_xcalloc(nf ? nf : 1, sizeof(*texts));
	struct rf_record_item *items = rf_xcalloc(nf ? nf : 1, sizeof(*items));
	char **from = rf_xcalloc(nf ? nf : 1, sizeof(*from));
	int *missing = rf_xcalloc(nf ? nf : 1, sizeof(*missing));
	/* ch[0..n) changed since HEAD (a rename's source too, when not among
	 * files); ch[same..) as HEAD has them. */
	struct rf_store_change *ch = rf_xcalloc(2 * nf + 1, sizeof(*ch));
	size_t n = 0, ni = 0, same = 2 * nf + 1;
	int r = -1;
	*committed = 0;
	for (size_t i = 0; i < nf; i++)
		if (rf_notesdir_read(nd, files->v[i], &texts[i], &missing[i]) < 0 ||
		    (!missing[i] && rename_source(st, nd, files->v[i], texts[i].buf, texts[i].len, &from[i]) < 0))
			goto out;
	for (size_t i = 0; i < nf; i++) {
		int unchanged, source = 0;
		for (size_t k = 0; k < nf && !source; k++)
			source = from[k] && !strcmp(from[k], files->v[i]);
		struct rf_store_change c = { .path = files->v[i], .data = missing[i] ? NULL : texts[i].buf, .len = texts[i].len };
		if (source && missing[i]) {
			ch[n++] = c;	/* told as the rename it is part of */
			continue;
		}
		if (describe(st, files->v[i], from[i], c.data, c.len, 1, &items[ni], &unchanged) < 0)
			goto out;
		if (unchanged) {
			item_free(&items[ni]);
			ch[--same] = c;
			continue;
		}
		ni++;
		ch[n++] = c;
		if (from[i] && !rf_strv_contains(files, from[i]))
			ch[n++] = (struct rf_store_change){ .path = from[i], .data = NULL, .len = 0 };
	}
	r = 0;
	if (n) {
		char *made = msg ? NULL : rf_record_message(verb, items, ni);
		int c = rf_store_commit(st, ch, n, msg ? msg : made, NULL);
		free(made);
		r = c < 0 ? -1 : 0;
		*committed = c > 0;
	} else {
		/* Nothing to commit, perhaps because an rf was killed after its
		 * commit and before its index refresh: the index may lag. */
		rf_store_refresh_index(st, ch + same, 2 * nf + 1 - same);
	}
out:
	for (size_t i = 0; i < nf; i++) {
		rf_buf_free(&texts[i]);
		free(from[i]);
	}
	for (size_t i = 0; i < ni; i++)
		item_free(&items[i]);
	free(texts);
	free(items);
	free(from);
	free(missing);
	free(ch);
	return r;
}
