#include "gitindex.h"

#include <stdlib.h>
#include <string.h>

#include "util.h"

struct rf_gitindex {
	git_odb *odb;
	git_index *idx;
	struct timespec written;	/* the index file's mtime */
};

struct rf_gitindex *rf_gitindex_open(struct rf_store *st)
{
	git_index *idx = NULL;
	struct stat sb;
	/* An index with an unknown extension or a bad checksum fails to
	 * load: every file is then read. */
	if (git_repository_index(&idx, st->repo) < 0 || !git_index_path(idx) ||
	    stat(git_index_path(idx), &sb) < 0) {
		git_index_free(idx);
		git_error_clear();
		return NULL;
	}
	struct rf_gitindex *gi = rf_xcalloc(1, sizeof(*gi));
	if (git_repository_odb(&gi->odb, st->repo) < 0)
		git_error_clear();
	gi->idx = idx;
	gi->written = sb.st_mtim;
	return gi;
}

void rf_gitindex_free(struct rf_gitindex *gi)
{
	if (!gi)
		return;
	git_index_free(gi->idx);
	git_odb_free(gi->odb);
	free(gi);
}

static int before(int64_t s, uint32_t ns, struct timespec t)
{
	return s < (int64_t)t.tv_sec || (s == (int64_t)t.tv_sec && ns < (uint32_t)t.tv_nsec);
}

int rf_gitindex_id(struct rf_gitindex *gi, const char *name, const struct stat *sb, git_oid *id)
{
	if (!gi || !S_ISREG(sb->st_mode))
		return 0;
	const git_index_entry *e = git_index_get_bypath(gi->idx, name, 0);
	if (!e || (e->flags & GIT_INDEX_ENTRY_VALID) || (e->flags_extended & GIT_INDEX_ENTRY_SKIP_WORKTREE))
		return 0;
	/* The fields git compares (not the device, which libgit2 does not
	 * record and git checks only when built to). */
	if (e->mtime.seconds != (int32_t)sb->st_mtim.tv_sec || e->mtime.nanoseconds != (uint32_t)sb->st_mtim.tv_nsec ||
	    e->ctime.seconds != (int32_t)sb->st_ctim.tv_sec || e->ctime.nanoseconds != (uint32_t)sb->st_ctim.tv_nsec ||
	    e->file_size != (uint32_t)sb->st_size || e->ino != (uint32_t)sb->st_ino ||
	    e->uid != (uint32_t)sb->st_uid || e->gid != (uint32_t)sb->st_gid ||
	    (e->mode & 0777) != ((sb->st_mode & 0100) ? 0755u : 0644u) || !S_ISREG(e->mode))
		return 0;
	/* Changed in the same moment the index was written: git cannot tell
	 * either ("racily clean"). */
	if (!before(e->mtime.seconds, e->mtime.nanoseconds, gi->written))
		return 0;
	/* The blob must hold the file's very bytes, not what a filter made of
	 * them (autocrlf, eol, ident, a clean filter).  Asking the attributes
	 * costs a dozen system calls per file; a filter that changed the bytes
	 * changed their number (line endings, $Id$, a pointer for the file),
	 * so the blob's size tells. */
	size_t size;
	git_object_t type;
	if (!gi->odb || git_odb_read_header(&size, &type, gi->odb, &e->id) < 0 || type != GIT_OBJECT_BLOB ||
	    size != (size_t)sb->st_size) {
		git_error_clear();
		return 0;
	}
	git_oid_cpy(id, &e->id);
	return 1;
}
