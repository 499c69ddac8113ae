#include "record.h"

#include <stdlib.h>
#include <string.h>

#include "notefile.h"
#include "ranklist.h"
#include "rankmoves.h"
#include "revnote.h"

static void item_free(struct rf_record_item *it)
{
	free(it->file);
	free(it->name);
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
	for (size_t i = 0; i < it->changes.n; i++)
		rf_strv_push(out, rf_change_phrase(&it->changes.v[i]));
	/* A note iniparser rejects is news in itself: the log must not call
	 * it a layout change. */
	if (it->broken_line)
		rf_strv_push(out, rf_xasprintf("does not parse (line %u)", it->broken_line));
	else if (!out->n)
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

/* Describe file going from its HEAD version to text (NULL: deleted);
 * *same (if given) says whether HEAD has exactly that. */
static int describe(struct rf_store *st, const char *file, const char *text, size_t len, int warn_broken,
		    struct rf_record_item *it, int *same)
{
	struct rf_revnote head;
	memset(it, 0, sizeof(*it));
	if (!strcmp(file, RF_NOTEFILE_RANKS))
		return describe_ranks(st, file, text, len, warn_broken, it, same);
	if (rf_revnote_at(&head, st, NULL, file) < 0) {
		rf_revnote_free(&head);
		return -1;	/* callers free an item only when described */
	}
	it->file = rf_xstrdup(file);
	struct rf_note b;
	int have_a = !head.missing, have_b = text != NULL;
	if (same)
		*same = have_a == have_b &&
			(!have_b || (head.note.len == len && (!len || !memcmp(head.note.text, text, len))));
	if (have_b && rf_note_parse(&b, file, text, len, 0) < 0) {
		const struct rf_line *bad = rf_ini_first_error(&b.ini);
		it->broken_line = bad ? bad->lineno : 1;
	}
	if (it->broken_line && warn_broken) {
		const struct rf_line *bad = rf_ini_first_error(&b.ini);
		rf_warn("%s:%u: %s (committed anyway; fix it and run rf-commit)", file, bad ? bad->lineno : 0,
			bad ? bad->error : "iniparser cannot read this file");
	}
	rf_semdiff(have_a ? &head.note : NULL, have_b ? &b : NULL, &it->changes);
	it->created = !have_a && have_b;
	it->deleted = have_a && !have_b;
	if (it->created) {
		const struct rf_line *l = rf_ini_find(&b.ini, "program", "name");
		if (l && *l->value)
			it->name = rf_xstrdup(l->value);
	}
	if (have_b)
		rf_note_free(&b);
	rf_revnote_free(&head);
	return 0;
}

int rf_record_text(struct rf_store *st, const struct rf_notesdir *nd, const char *verb, const char *file,
		   const char *text, size_t len, int create_only, int *committed)
{
	struct rf_record_item it;
	*committed = 0;
	if (describe(st, file, text, len, 0, &it, NULL) < 0)
		return -1;
	char *msg = rf_record_message(verb, &it, 1);
	int r = rf_notesdir_write(nd, file, text, len, create_only);
	if (r == 0) {
		struct rf_store_change ch = { file, text, len };
		r = rf_store_commit(st, &ch, 1, msg, NULL);
		if (r > 0)
			*committed = 1;
		r = r < 0 ? -1 : 0;
	}
	free(msg);
	item_free(&it);
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

int rf_record_worktree(struct rf_store *st, const struct rf_notesdir *nd, const char *verb,
		       const struct rf_strv *files, const char *msg, int *committed)
{
	struct rf_buf *texts = rf_xcalloc(files->n, sizeof(*texts));
	struct rf_record_item *items = rf_xcalloc(files->n, sizeof(*items));
	/* ch[0..n) changed since HEAD; ch[same..files->n) as HEAD has them. */
	struct rf_store_change *ch = rf_xcalloc(files->n, sizeof(*ch));
	size_t n = 0, same = files->n;
	int r = -1;
	*committed = 0;
	for (size_t i = 0; i < files->n; i++) {
		int missing, unchanged;
		if (rf_notesdir_read(nd, files->v[i], &texts[i], &missing) < 0)
			goto out;
		struct rf_store_change c = { files->v[i], missing ? NULL : texts[i].buf, texts[i].len };
		if (describe(st, files->v[i], c.data, c.len, 1, &items[n], &unchanged) < 0)
			goto out;
		if (unchanged) {
			item_free(&items[n]);
			ch[--same] = c;
			continue;
		}
		ch[n++] = c;
	}
	r = 0;
	if (n) {
		char *made = msg ? NULL : rf_record_message(verb, items, n);
		int c = rf_store_commit(st, ch, n, msg ? msg : made, NULL);
		free(made);
		r = c < 0 ? -1 : 0;
		*committed = c > 0;
	} else {
		/* Nothing to commit, perhaps because an rf was killed after its
		 * commit and before its index refresh: the index may lag. */
		rf_store_refresh_index(st, ch + same, files->n - same);
	}
out:
	for (size_t i = 0; i < files->n; i++)
		rf_buf_free(&texts[i]);
	for (size_t i = 0; i < n; i++)
		item_free(&items[i]);
	free(texts);
	free(items);
	free(ch);
	return r;
}
