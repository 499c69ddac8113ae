#include "noteset.h"

#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "parallel.h"
#include "util.h"

#define MIN_PER_THREAD 16

struct rf_noteset_slot {
	char *file;
	int read;		/* rn and r are set */
	int queued;		/* to be read by rf_noteset_prefetch's threads */
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

/* The slot of file, made (unread) when there is none. */
static struct rf_noteset_slot *slot_of(struct rf_noteset *ns, const char *file)
{
	/* Kept under half full, so that a probe ends at an empty slot. */
	if (2 * (ns->n + 1) > ns->cap) {
		struct rf_noteset_slot **old = ns->slots;
		size_t oldcap = ns->cap;
		ns->cap = oldcap ? 2 * oldcap : 64;
		ns->slots = rf_xcalloc(ns->cap, sizeof(*ns->slots));
		for (size_t i = 0; i < oldcap; i++)
			if (old[i])
				*find(ns, old[i]->file) = old[i];
		free(old);
	}
	struct rf_noteset_slot **at = find(ns, file);
	if (!*at) {
		*at = rf_xcalloc(1, sizeof(**at));
		(*at)->file = rf_xstrdup(file);
		ns->n++;
	}
	return *at;
}

static void read_slot(const struct rf_noteset *ns, struct rf_noteset_slot *slot)
{
	slot->r = ns->commit ? rf_revnote_at(&slot->rn, ns->st, ns->commit, slot->file)
			     : rf_revnote_worktree(&slot->rn, ns->nd, slot->file);
	slot->read = 1;
}

int rf_noteset_get(struct rf_noteset *ns, const char *file, const struct rf_revnote **out)
{
	struct rf_noteset_slot *slot = slot_of(ns, file);
	if (!slot->read)
		read_slot(ns, slot);
	*out = &slot->rn;
	return slot->r;
}

struct job {
	const struct rf_noteset *ns;
	struct rf_noteset_slot **todo;
	size_t lo, hi;
};

static void *prefetch_run(void *arg)
{
	const struct job *j = arg;
	for (size_t i = j->lo; i < j->hi; i++)
		read_slot(j->ns, j->todo[i]);
	return NULL;
}

void rf_noteset_prefetch(struct rf_noteset *ns, char *const *files, size_t n)
{
	if (ns->commit)
		return;
	struct rf_noteset_slot **todo = rf_xmalloc((n ? n : 1) * sizeof(*todo));
	size_t m = 0;
	for (size_t i = 0; i < n; i++) {
		struct rf_noteset_slot *slot = slot_of(ns, files[i]);
		/* Once each: a program named twice must not be read twice
		 * (the first reading would leak) or by two threads at once. */
		if (slot->read || slot->queued)
			continue;
		/* What rf_notesdir_open_file would refuse (a link, an odd or
		 * unreadable file) is left to the first asking, which reports
		 * it, in order, from this thread. */
		struct stat sb;
		int fd = openat(ns->nd->fd, files[i], O_RDONLY | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK);
		if (fd >= 0 && fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode)) {
			slot->queued = 1;
			todo[m++] = slot;
		}
		if (fd >= 0)
			close(fd);
	}
	size_t nthreads = rf_parallel_threads(m, MIN_PER_THREAD);
	struct job jobs[RF_PARALLEL_MAX];
	for (size_t k = 0; k < nthreads; k++)
		jobs[k] = (struct job){ ns, todo, m * k / nthreads, m * (k + 1) / nthreads };
	rf_parallel_run(prefetch_run, jobs, sizeof(*jobs), nthreads);
	free(todo);
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
