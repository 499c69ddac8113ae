#include "gitmerge.h"

#include <git2.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "notemerge.h"
#include "merge.h"

extern char **environ;

/* The id git merges, from GITHEAD_<id>=NAME, and NAME. */
static int githead(char id[GIT_OID_HEXSZ + 1], const char **name)
{
	for (char **e = environ; *e; e++) {
		const char *eq = strchr(*e, '=');
		if (strncmp(*e, "GITHEAD_", 8) || !eq || eq - (*e + 8) != GIT_OID_HEXSZ)
			continue;
		memcpy(id, *e + 8, GIT_OID_HEXSZ);
		id[GIT_OID_HEXSZ] = '\0';
		*name = eq + 1;
		return 1;
	}
	return 0;
}

/* The remote one of whose tracking branches is at id, or NULL. */
static char *remote_at(git_repository *repo, const git_oid *id)
{
	git_reference_iterator *it = NULL;
	git_reference *ref;
	char *found = NULL;
	if (git_reference_iterator_glob_new(&it, repo, "refs/remotes/*") < 0)
		return NULL;
	while (!found && git_reference_next(&ref, it) == 0) {
		const char *name = git_reference_name(ref) + strlen("refs/remotes/");
		const git_oid *at = git_reference_target(ref);
		const char *slash = strchr(name, '/');
		if (at && slash && git_oid_equal(at, id) && strcmp(slash, "/HEAD"))
			found = rf_xstrndup(name, (size_t)(slash - name));
		git_reference_free(ref);
	}
	git_reference_iterator_free(it);
	return found;
}

void rf_gitmerge_origin(struct rf_conflict_origin *origin, struct rf_buf *buf)
{
	char hex[GIT_OID_HEXSZ + 1];
	const char *name = NULL;
	char *from = NULL, when[32] = "unknown", commit[8] = "unknown";
	git_repository *repo = NULL;
	git_commit *c = NULL;
	git_oid id;
	if (githead(hex, &name) && git_oid_fromstr(&id, hex) == 0 &&
	    git_repository_open_ext(&repo, ".", GIT_REPOSITORY_OPEN_FROM_ENV, NULL) == 0) {
		from = remote_at(repo, &id);
		if (git_commit_lookup(&c, repo, &id) == 0) {
			int off = git_commit_time_offset(c);
			time_t secs = (time_t)git_commit_time(c) + 60 * off;
			struct tm tm;
			gmtime_r(&secs, &tm);
			size_t w = strftime(when, sizeof(when) - 8, "%Y-%m-%d %H:%M", &tm);
			snprintf(when + w, sizeof(when) - w, " %c%02d%02d", off < 0 ? '-' : '+', abs(off) / 60,
				 abs(off) % 60);
			git_oid_tostr(commit, sizeof(commit), &id);
		}
	}
	git_error_clear();
	/* What git called it, unless that is the bare id of a pull. */
	if (!from && name && *name && strcmp(name, hex))
		from = rf_xstrdup(name);
	rf_buf_reset(buf);
	size_t f = buf->len;
	rf_buf_adds(buf, from ? from : "the other side");
	rf_buf_addc(buf, '\0');
	size_t w = buf->len;
	rf_buf_adds(buf, when);
	rf_buf_addc(buf, '\0');
	size_t k = buf->len;
	rf_buf_adds(buf, commit);
	origin->from = buf->buf + f;
	origin->when = buf->buf + w;
	origin->commit = buf->buf + k;
	free(from);
	git_commit_free(c);
	git_repository_free(repo);
}

static int write_over(const char *path, const char *data, size_t len)
{
	FILE *f = fopen(path, "wb");
	if (!f)
		return rf_error_errno("%s", path);
	size_t n = fwrite(data, 1, len, f);
	if (fclose(f) != 0 || n != len)
		return rf_error_errno("%s", path);
	return 0;
}

int rf_gitmerge_run(const char *path, const char *ancestor, const char *current, const char *other)
{
	struct rf_buf b = RF_BUF_INIT, o = RF_BUF_INIT, t = RF_BUF_INIT, obuf = RF_BUF_INIT, lines = RF_BUF_INIT;
	struct rf_conflict_origin origin;
	struct rf_notemerge m;
	int r = -1;
	if (git_libgit2_init() < 0)
		return rf_error("%s: libgit2 cannot start", path);
	if (rf_read_file(ancestor, &b) < 0 || rf_read_file(current, &o) < 0 || rf_read_file(other, &t) < 0)
		goto out;
	rf_gitmerge_origin(&origin, &obuf);
	/* git gives an empty ancestor when both sides added the note. */
	if (rf_notemerge_run(path, b.len ? b.buf : NULL, b.len, o.buf ? o.buf : "", o.len, t.buf ? t.buf : "", t.len,
			     &origin, &m) == 0) {
		r = write_over(current, m.text.buf, m.text.len);
		if (r == 0 && m.conflicts)
			rf_warn("%s: %zu %s recorded in [conflicts] (rf-check lists %s)", path, m.conflicts,
				m.conflicts == 1 ? "answer" : "answers", m.conflicts == 1 ? "it" : "them");
		rf_notemerge_free(&m);
		goto out;
	}
	/* Not mergeable per key: git's markers, for the editor and rf-check. */
	if (rf_merge_lines(b.len ? b.buf : NULL, b.len, o.buf ? o.buf : "", o.len, t.buf ? t.buf : "", t.len,
			   &lines) >= 0)
		write_over(current, lines.buf ? lines.buf : "", lines.len);
out:
	rf_buf_free(&b);
	rf_buf_free(&o);
	rf_buf_free(&t);
	rf_buf_free(&obuf);
	rf_buf_free(&lines);
	git_libgit2_shutdown();
	return r;
}
