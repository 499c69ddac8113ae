#include "gitindex.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "util.h"

struct rf_gitindex {
	git_odb *odb;
	git_index *idx;
	struct timespec written;	/* the index file's mtime */
	int filters;		/* a filter may stand between a file and its blob */
};

/* A word of the attributes that turn filters on, anywhere in file path
 * (missing: none). */
static int names_a_filter(const char *path)
{
	static const char *const words[] = { "text", "eol", "crlf", "ident", "filter", "binary" };
	struct rf_buf b = RF_BUF_INIT;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1, found = 0;
	if (fd < 0)
		return 0;
	if (rf_read_fd(fd, &b) < 0)
		found = 1;	/* unreadable: cannot tell */
	for (size_t i = 0; !found && i < sizeof(words) / sizeof(words[0]); i++)
		found = b.len && strstr(b.buf, words[i]) != NULL;
	close(fd);
	rf_buf_free(&b);
	return found;
}

/* Whether any filter could apply to a file: core.autocrlf or core.eol, or
 * an attribute file that names one (the work tree's, .git/info's, the
 * user's and the system's).  Looking, once, where git looks is cheaper
 * than asking libgit2 per file; a word in a comment only costs reads. */
static int filters_possible(git_repository *repo)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v;
	char *path;
	int possible = 0, b;
	if (git_repository_config(&cfg, repo) < 0 || git_config_snapshot(&snap, cfg) < 0) {
		possible = 1;
	} else {
		possible = (git_config_get_bool(&b, snap, "core.autocrlf") == 0 && b) ||
			   (git_config_get_string(&v, snap, "core.autocrlf") == 0 && !strcasecmp(v, "input")) ||
			   git_config_get_string(&v, snap, "core.eol") == 0;
		if (!possible && git_config_get_string(&v, snap, "core.attributesfile") == 0) {
			const char *home = getenv("HOME");
			path = v[0] == '~' && v[1] == '/' && home ? rf_xasprintf("%s%s", home, v + 1) : rf_xstrdup(v);
			possible = names_a_filter(path);
			free(path);
		}
	}
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	char *paths[4] = {
		git_repository_workdir(repo) ? rf_xasprintf("%s.gitattributes", git_repository_workdir(repo)) : NULL,
		rf_xasprintf("%sinfo/attributes", git_repository_path(repo)),
		xdg && *xdg ? rf_xasprintf("%s/git/attributes", xdg)
			    : home ? rf_xasprintf("%s/.config/git/attributes", home) : NULL,
		rf_xstrdup("/etc/gitattributes"),
	};
	for (size_t i = 0; i < 4; i++) {
		possible = possible || names_a_filter(paths[i]);
		free(paths[i]);
	}
	return possible;
}

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
	gi->filters = filters_possible(st->repo);
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
	 * costs a dozen system calls per file; where a filter may apply, one
	 * that changed the bytes changed their number (line endings, $Id$, a
	 * pointer for the file), so the blob's size tells. */
	size_t size;
	git_object_t type;
	if (gi->filters && (!gi->odb || git_odb_read_header(&size, &type, gi->odb, &e->id) < 0 ||
			    type != GIT_OBJECT_BLOB || size != (size_t)sb->st_size)) {
		git_error_clear();
		return 0;
	}
	git_oid_cpy(id, &e->id);
	return 1;
}
