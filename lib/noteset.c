#include "noteset.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct rf_noteset_slot {
	char *file;
	int r;			/* what reading it returned */
	struct rf_revnote rn;
};

void rf_noteset_init(struct rf_noteset *ns, const struct rf_notesdir *nd, struct rf_store *st,
		     const git_commit *commit)
{
	memset(ns, 0, sizeof(*ns));
	ns->nd = nd;
	ns->st = st;
	ns->commit = commit;
}

/* FNV-1a: file names are short and the set holds at most every note. */
static size_t hash_name(const char *s)
{
	uint64_t h = 1469598103934665603ULL;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211ULL;
	return (size_t)h;
}

static struct rf_noteset_slot **find(const struct rf_noteset *ns, const char *file)
{
	size_t i = hash_name(file) & (ns->cap - 1);
	while (ns->slots[i] && strcmp(ns->slots[i]->file, file) != 0)
		i = (i + 1) & (ns->cap - 1);
	return &ns->slots[i];
}

static void grow(struct rf_noteset *ns)
{
	struct rf_noteset_slot **old = ns->slots;
	size_t oldcap = ns->cap;
	ns->cap = oldcap ? 2 * oldcap : 64;
	ns->slots = rf_xcalloc(ns->cap, sizeof(*ns->slots));
	for (size_t i = 0; i < oldcap; i++)
		if (old[i])
			*find(ns, old[i]->file) = old[i];
	free(old);
}

int rf_noteset_get(struct rf_noteset *ns, const char *file, const struct rf_revnote **out)
{
	/* Kept under half full, so that a probe ends at an empty slot. */
	if (2 * (ns->n + 1) > ns->cap)
		grow(ns);
	struct rf_noteset_slot **at = find(ns, file);
	if (!*at) {
		struct rf_noteset_slot *slot = rf_xcalloc(1, sizeof(*slot));
		slot->file = rf_xstrdup(file);
		slot->r = ns->commit ? rf_revnote_at(&slot->rn, ns->st, ns->commit, file)
				     : rf_revnote_worktree(&slot->rn, ns->nd, file);
		*at = slot;
		ns->n++;
	}
	*out = &(*at)->rn;
	return (*at)->r;
}

void rf_noteset_free(struct rf_noteset *ns)
{
	for (size_t i = 0; i < ns->cap; i++) {
		if (!ns->slots[i])
			continue;
		free(ns->slots[i]->file);
		rf_revnote_free(&ns->slots[i]->rn);
		free(ns->slots[i]);
	}
	free(ns->slots);
	memset(ns, 0, sizeof(*ns));
}
