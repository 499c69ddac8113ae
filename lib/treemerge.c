#include "treemerge.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "notefile.h"
#include "merge.h"
#include "notemerge.h"

static int same_entry(const git_tree_entry *a, const git_tree_entry *b)
{
	if (!a || !b)
		return a == b;
	return git_oid_equal(git_tree_entry_id(a), git_tree_entry_id(b)) &&
	       git_tree_entry_filemode(a) == git_tree_entry_filemode(b);
}

static const git_tree_entry *entry(git_tree *t, const char *name)
{
	return t ? git_tree_entry_byname(t, name) : NULL;
}

/* Every top-level name of the three trees, sorted, once. */
static void all_names(git_tree *a, git_tree *b, git_tree *c, struct rf_strv *out)
{
	git_tree *trees[3] = { a, b, c };
	for (int t = 0; t < 3; t++)
		for (size_t i = 0; trees[t] && i < git_tree_entrycount(trees[t]); i++) {
			const char *name = git_tree_entry_name(git_tree_entry_byindex(trees[t], i));
			if (!rf_strv_contains(out, name))
				rf_strv_push(out, rf_xstrdup(name));
		}
	rf_strv_sort(out);
}

static int is_blob(const git_tree_entry *e)
{
	return e && git_tree_entry_type(e) == GIT_OBJECT_BLOB &&
	       git_tree_entry_filemode(e) != GIT_FILEMODE_LINK;
}

/* Notes, the profile and the rules are merged answer by answer. */
static int merges_per_key(const char *name)
{
	return rf_notefile_is_note(name) || !strcmp(name, RF_NOTEFILE_PROFILE) || !strcmp(name, RF_NOTEFILE_RULES);
}

/* A file both sides changed, both still have: its merged blob in *id. */
static int merge_file(struct rf_store *st, const char *name, const git_tree_entry *eb, const git_tree_entry *eo,
		      const git_tree_entry *et, const struct rf_conflict_origin *origin, git_oid *id,
		      struct rf_treemerge_item *it)
{
	if (!is_blob(eo) || !is_blob(et) || (eb && !is_blob(eb)))
		return rf_error("%s: changed on both sides, and not a file rf merges; merge it with git "
				"(git pull), then sync again: nothing was changed", name);
	struct rf_buf b = RF_BUF_INIT, o = RF_BUF_INIT, t = RF_BUF_INIT, merged = RF_BUF_INIT;
	int r = -1;
	if ((eb && rf_store_blob(st, git_tree_entry_id(eb), name, &b) < 0) ||
	    rf_store_blob(st, git_tree_entry_id(eo), name, &o) < 0 || rf_store_blob(st, git_tree_entry_id(et), name, &t) < 0)
		goto out;
	if (merges_per_key(name)) {
		struct rf_notemerge nm;
		if (rf_notemerge_run(name, eb ? b.buf : NULL, b.len, o.buf, o.len, t.buf, t.len, origin, &nm) < 0)
			goto out;
		merged = nm.text;
		it->conflicts = nm.conflicts;
		if (nm.conflicts)
			it->detail = rf_xasprintf("%zu %s recorded", nm.conflicts,
						  nm.conflicts == 1 ? "conflict" : "conflicts");
		if (nm.renumbered) {
			char *d = rf_xasprintf("%s%s%zu %s renumbered", it->detail ? it->detail : "",
					       it->detail ? ", " : "", nm.renumbered,
					       nm.renumbered == 1 ? "entry" : "entries");
			free(it->detail);
			it->detail = d;
		}
		if (!it->detail)
			it->detail = rf_xstrdup(eb ? "answer by answer" : "new on both sides, answer by answer");
	} else {
		int clean = rf_merge_lines(eb ? b.buf : NULL, b.len, o.buf, o.len, t.buf, t.len, &merged);
		if (clean < 0)
			goto out;
		if (!clean) {
			rf_error("%s: changed on both sides and git's line merge conflicts; merge it with git "
				 "(git pull), then sync again: nothing was changed", name);
			goto out;
		}
		it->detail = rf_xstrdup("git's line merge");
	}
	/* Blobs are stored clean: what merged from them needs no filter. */
	if (git_blob_create_from_buffer(id, st->repo, merged.buf ? merged.buf : "", merged.len) < 0) {
		rf_git_error(name);
		goto out;
	}
	it->outcome = RF_TM_MERGED;
	r = 0;
out:
	rf_buf_free(&merged);
	rf_buf_free(&b);
	rf_buf_free(&o);
	rf_buf_free(&t);
	return r;
}

int rf_treemerge_run(struct rf_store *st, git_commit *ours, git_commit *theirs, const char *theirs_name,
		     struct rf_treemerge *out)
{
	git_oid base_id;
	git_commit *base = NULL;
	git_tree *tb = NULL, *to = NULL, *tt = NULL;
	git_treebuilder *bld = NULL;
	struct rf_strv names = RF_STRV_INIT;
	int r = -1;
	memset(out, 0, sizeof(*out));
	int e = git_merge_base(&base_id, st->repo, git_commit_id(ours), git_commit_id(theirs));
	if (e < 0 && e != GIT_ENOTFOUND)
		return rf_git_error("merge base");
	git_error_clear();
	if ((e == 0 && (git_commit_lookup(&base, st->repo, &base_id) < 0 || git_commit_tree(&tb, base) < 0)) ||
	    git_commit_tree(&to, ours) < 0 || git_commit_tree(&tt, theirs) < 0 ||
	    git_treebuilder_new(&bld, st->repo, to) < 0) {
		rf_git_error("merge");
		goto done;
	}
	/* Where the other side's answers came from, for [conflicts]. */
	char when[32], commit[8];
	time_t secs = (time_t)git_commit_time(theirs) + 60 * git_commit_time_offset(theirs);
	struct tm tm;
	int off = git_commit_time_offset(theirs);
	gmtime_r(&secs, &tm);
	size_t w = strftime(when, sizeof(when) - 8, "%Y-%m-%d %H:%M", &tm);
	snprintf(when + w, sizeof(when) - w, " %c%02d%02d", off < 0 ? '-' : '+', abs(off) / 60, abs(off) % 60);
	git_oid_tostr(commit, sizeof(commit), git_commit_id(theirs));
	const struct rf_conflict_origin origin = { theirs_name, when, commit };
	all_names(tb, to, tt, &names);
	out->items = rf_xcalloc(names.n ? names.n : 1, sizeof(*out->items));
	for (size_t i = 0; i < names.n; i++) {
		const char *name = names.v[i];
		const git_tree_entry *eb = entry(tb, name), *eo = entry(to, name), *et = entry(tt, name);
		const git_tree_entry *take = eo;
		git_oid merged;
		int use_merged = 0;
		struct rf_treemerge_item *it = &out->items[out->n];
		if (same_entry(eo, et)) {
			if (same_entry(eb, eo))
				continue;
			it->outcome = RF_TM_SAME;
		} else if (same_entry(eb, eo)) {
			it->outcome = RF_TM_THEIRS;
			take = et;
		} else if (same_entry(eb, et)) {
			it->outcome = RF_TM_OURS;
		} else if (!eo) {
			it->outcome = RF_TM_KEPT_THEIRS;
			take = et;
		} else if (!et) {
			it->outcome = RF_TM_KEPT_OURS;
		} else {
			if (merge_file(st, name, eb, eo, et, &origin, &merged, it) < 0) {
				free(it->detail);
				goto done;
			}
			use_merged = 1;
		}
		it->path = rf_xstrdup(name);
		it->created = !eb && (use_merged || take);
		it->deleted = eb && !use_merged && !take;
		out->n++;
		out->conflicts += it->conflicts;
		if (use_merged) {
			if (git_treebuilder_insert(NULL, bld, name, &merged, git_tree_entry_filemode(eo)) < 0) {
				rf_git_error(name);
				goto done;
			}
		} else if (take != eo) {
			if (take ? git_treebuilder_insert(NULL, bld, name, git_tree_entry_id(take),
							  git_tree_entry_filemode(take)) < 0
				 : git_treebuilder_remove(bld, name) < 0) {
				rf_git_error(name);
				goto done;
			}
		}
	}
	if (git_treebuilder_write(&out->tree, bld) < 0) {
		rf_git_error("tree");
		goto done;
	}
	out->fast = git_oid_equal(&out->tree, git_tree_id(tt));
	r = 0;
done:
	if (r < 0)
		rf_treemerge_free(out);
	rf_strv_free(&names);
	git_treebuilder_free(bld);
	git_tree_free(tb);
	git_tree_free(to);
	git_tree_free(tt);
	git_commit_free(base);
	return r;
}

static char *item_line(const struct rf_treemerge_item *it, const char *name)
{
	char *who = rf_notefile_is_note(it->path) ? rf_notefile_slug(it->path) : rf_xstrdup(it->path);
	const char *what;
	char *line;
	switch (it->outcome) {
	case RF_TM_THEIRS:
		what = it->created ? "new on" : it->deleted ? "deleted on" : "taken from";
		line = rf_xasprintf("%s: %s %s", who, what, name);
		break;
	case RF_TM_OURS:
		line = rf_xasprintf("%s: %s", who, it->created ? "new here" : it->deleted ? "deleted here" : "as here");
		break;
	case RF_TM_SAME:
		line = rf_xasprintf("%s: the same on both sides", who);
		break;
	case RF_TM_KEPT_OURS:
		line = rf_xasprintf("%s: deleted on %s, changed here: kept", who, name);
		break;
	case RF_TM_KEPT_THEIRS:
		line = rf_xasprintf("%s: deleted here, changed on %s: kept as %s has it", who, name, name);
		break;
	default:
		line = rf_xasprintf("%s: merged%s%s", who, it->detail ? ", " : "", it->detail ? it->detail : "");
		break;
	}
	free(who);
	return line;
}

char *rf_treemerge_message(const struct rf_treemerge *m, const char *theirs_name)
{
	struct rf_buf msg = RF_BUF_INIT;
	rf_buf_addf(&msg, "sync with %s: %zu %s", theirs_name, m->n, m->n == 1 ? "file" : "files");
	if (m->conflicts)
		rf_buf_addf(&msg, ", %zu %s recorded", m->conflicts, m->conflicts == 1 ? "conflict" : "conflicts");
	rf_buf_adds(&msg, "\n\n");
	for (size_t i = 0; i < m->n; i++) {
		char *line = item_line(&m->items[i], theirs_name);
		rf_buf_addf(&msg, "%s\n", line);
		free(line);
	}
	return rf_buf_detach(&msg);
}

void rf_treemerge_free(struct rf_treemerge *m)
{
	for (size_t i = 0; i < m->n; i++) {
		free(m->items[i].path);
		free(m->items[i].detail);
	}
	free(m->items);
	memset(m, 0, sizeof(*m));
}
