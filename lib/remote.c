#include "remote.h"

#include <ctype.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "util.h"

int rf_remote_is_url(const char *arg)
{
	if (strstr(arg, "://"))
		return 1;
	if (arg[0] == '/' || !strncmp(arg, "./", 2) || !strncmp(arg, "../", 3) || !strncmp(arg, "~/", 2) ||
	    !strcmp(arg, ".") || !strcmp(arg, ".."))
		return 1;
	const char *colon = strchr(arg, ':'), *slash = strchr(arg, '/');
	return colon && colon > arg && (!slash || colon < slash);
}

static int hexval(int c)
{
	return isdigit(c) ? c - '0' : isxdigit(c) ? (tolower(c) - 'a' + 10) : -1;
}

static char *decode(const char *s, size_t n)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_add(&b, "", 0);
	for (size_t i = 0; i < n; i++) {
		int hi, lo;
		if (s[i] == '%' && i + 2 < n && (hi = hexval((unsigned char)s[i + 1])) >= 0 &&
		    (lo = hexval((unsigned char)s[i + 2])) >= 0) {
			rf_buf_addc(&b, (char)(hi * 16 + lo));
			i += 2;
		} else {
			rf_buf_addc(&b, s[i]);
		}
	}
	return rf_buf_detach(&b);
}

/* A local path as an absolute one ("~/" from $HOME; the directory itself
 * when it exists, so that symbolic links in it are kept as given). */
static char *absolute_path(const char *path)
{
	const char *home = getenv("HOME");
	if (!strncmp(path, "~/", 2) && home && *home)
		return rf_xasprintf("%s/%s", home, path + 2);
	if (path[0] == '/')
		return rf_xstrdup(path);
	char cwd[PATH_MAX];
	if (!getcwd(cwd, sizeof(cwd)))
		return rf_xstrdup(path);
	while (!strncmp(path, "./", 2))
		path += 2;
	return !strcmp(path, ".") ? rf_xstrdup(cwd) : rf_xasprintf("%s/%s", cwd, path);
}

void rf_remote_split_url(const char *url, char **clean, char **user, char **password)
{
	*user = *password = NULL;
	const char *scheme = strstr(url, "://");
	if (!scheme) {
		const char *colon = strchr(url, ':'), *slash = strchr(url, '/'), *at = strchr(url, '@');
		int scp = rf_remote_is_url(url) && colon && colon > url && (!slash || colon < slash) &&
			  url[0] != '.' && url[0] != '~';
		if (!scp) {
			*clean = absolute_path(url);
			return;
		}
		if (at && at < colon)
			*user = rf_xstrndup(url, (size_t)(at - url));
		*clean = rf_xstrdup(url);
		return;
	}
	const char *auth = scheme + 3;
	size_t authlen = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + authlen; p++)
		if (*p == '@')
			at = p;	/* the last '@' before the path ends the user part */
	if (!at) {
		*clean = rf_xstrdup(url);
		return;
	}
	const char *colon = memchr(auth, ':', (size_t)(at - auth));
	size_t ulen = (size_t)((colon ? colon : at) - auth);
	*user = decode(auth, ulen);
	if (colon)
		*password = decode(colon + 1, (size_t)(at - colon - 1));
	*clean = rf_xasprintf("%.*s%.*s%s", (int)(auth - url), url, (int)ulen, auth, at);
}

void rf_remote_free(struct rf_remote *r)
{
	git_remote_free(r->remote);
	free(r->name);
	free(r->url);
	free(r->user);
	if (r->password) {
		explicit_bzero(r->password, strlen(r->password));
		free(r->password);
	}
	free(r->shown);
	free(r->branch);
	free(r->merge);
	memset(r, 0, sizeof(*r));
}

/* HEAD's branch, also when unborn ("refs/heads/main"). */
static char *head_branch(git_repository *repo)
{
	git_reference *head = NULL;
	char *out = NULL;
	if (git_reference_lookup(&head, repo, "HEAD") < 0) {
		rf_git_error("HEAD");
		return NULL;
	}
	if (git_reference_type(head) == GIT_REFERENCE_SYMBOLIC &&
	    !strncmp(git_reference_symbolic_target(head), "refs/heads/", 11))
		out = rf_xstrdup(git_reference_symbolic_target(head));
	else
		rf_error("HEAD is detached; check out a branch first (git switch main)");
	git_reference_free(head);
	return out;
}

/* The branch's upstream (remote name and merge ref) when configured. */
static void upstream(git_repository *repo, const char *branch, char **remote, char **merge)
{
	git_buf b = GIT_BUF_INIT;
	*remote = *merge = NULL;
	if (git_branch_upstream_remote(&b, repo, branch) == 0)
		*remote = rf_xstrdup(b.ptr);
	git_buf_dispose(&b);
	if (git_branch_upstream_merge(&b, repo, branch) == 0)
		*merge = rf_xstrdup(b.ptr);
	git_buf_dispose(&b);
	git_error_clear();
}

static void list_remotes(git_repository *repo, struct rf_buf *out)
{
	git_strarray names = { 0 };
	if (git_remote_list(&names, repo) == 0)
		for (size_t i = 0; i < names.count; i++)
			rf_buf_addf(out, "%s%s", i ? ", " : "", names.strings[i]);
	git_strarray_dispose(&names);
	git_error_clear();
}

/* The configured remote whose URL is url, or NULL. */
static char *remote_with_url(git_repository *repo, const char *url)
{
	git_strarray names = { 0 };
	char *found = NULL;
	if (git_remote_list(&names, repo) == 0) {
		for (size_t i = 0; i < names.count && !found; i++) {
			git_remote *rm = NULL;
			if (git_remote_lookup(&rm, repo, names.strings[i]) == 0 && git_remote_url(rm)) {
				char *clean, *u, *p;
				rf_remote_split_url(git_remote_url(rm), &clean, &u, &p);
				if (!strcmp(clean, url))
					found = rf_xstrdup(names.strings[i]);
				free(clean);
				free(u);
				if (p)
					explicit_bzero(p, strlen(p));
				free(p);
			}
			git_remote_free(rm);
		}
	}
	git_strarray_dispose(&names);
	git_error_clear();
	return found;
}

static int exists_remote(git_repository *repo, const char *name)
{
	git_remote *rm = NULL;
	int e = git_remote_lookup(&rm, repo, name);
	git_remote_free(rm);
	git_error_clear();
	return e == 0;
}

static int use_named(git_repository *repo, const char *name, struct rf_remote *r)
{
	if (git_remote_lookup(&r->remote, repo, name) < 0)
		return rf_git_error(name);
	const char *url = git_remote_url(r->remote);
	if (!url || !*url)
		return rf_error("remote '%s' has no URL (git remote set-url %s URL)", name, name);
	r->name = rf_xstrdup(name);
	rf_remote_split_url(url, &r->url, &r->user, &r->password);
	/* A password that is in the config already is used as it is; rf
	 * itself never writes one there. */
	return 0;
}

int rf_remote_resolve(git_repository *repo, const char *arg, struct rf_remote *r)
{
	char *up_remote = NULL, *up_merge = NULL;
	int ret = -1;
	memset(r, 0, sizeof(*r));
	if (!(r->branch = head_branch(repo)))
		return -1;
	upstream(repo, r->branch, &up_remote, &up_merge);
	if (up_remote && !strcmp(up_remote, ".")) {
		rf_error("%s's upstream is a local branch; name the remote to sync with (rf-sync origin)",
			 r->branch + 11);
		goto out;
	}

	const char *name = NULL;
	char *byurl = NULL;
	if (!arg) {
		name = up_remote ? up_remote : "origin";
		if (!exists_remote(repo, name)) {
			rf_error("no remote to sync with: give one (rf-sync URL), or add origin "
				 "(git remote add origin URL)");
			goto out;
		}
	} else if (exists_remote(repo, arg)) {
		name = arg;
	} else if (rf_remote_is_url(arg)) {
		rf_remote_split_url(arg, &r->url, &r->user, &r->password);
		name = byurl = remote_with_url(repo, r->url);
		if (name) {
			/* Named by its URL: the configured remote (a password the
			 * URL given carried still counts for this run). */
			free(r->url);
			r->url = NULL;
		}
	} else {
		struct rf_buf have = RF_BUF_INIT;
		list_remotes(repo, &have);
		struct rf_buf shown = RF_BUF_INIT;
		rf_escape_controls(&shown, arg);
		rf_error("'%s': no such remote (%s); give a remote's name or a URL", shown.buf,
			 have.len ? have.buf : "none is configured");
		rf_buf_free(&have);
		rf_buf_free(&shown);
		goto out;
	}

	if (name) {
		char *user = r->user, *pass = r->password;
		r->user = r->password = NULL;
		if (use_named(repo, name, r) < 0) {
			free(user);
			free(pass);
			free(byurl);
			goto out;
		}
		if (user && !r->user)
			r->user = user;
		else
			free(user);
		if (pass && !r->password)
			r->password = pass;
		else
			free(pass);
		r->set_upstream = !up_remote;
		r->merge = rf_xstrdup(up_remote && !strcmp(up_remote, name) && up_merge ? up_merge : r->branch);
		r->shown = rf_xasprintf("%s (%s)", name, r->url);
		free(byurl);
	} else {
		if (git_remote_create_anonymous(&r->remote, repo, r->url) < 0) {
			rf_git_error(r->url);
			goto out;
		}
		r->adopt = r->set_upstream = !up_remote && !exists_remote(repo, "origin");
		r->merge = rf_xstrdup(r->branch);
		r->shown = r->adopt ? rf_xasprintf("origin (%s)", r->url) : rf_xstrdup(r->url);
	}
	ret = 0;
out:
	free(up_remote);
	free(up_merge);
	if (ret < 0)
		rf_remote_free(r);
	return ret;
}

int rf_remote_save(git_repository *repo, const struct rf_remote *r, const git_oid *tip)
{
	git_remote *created = NULL;
	git_reference *ref = NULL;
	const char *name = r->adopt ? "origin" : r->name;
	if (r->adopt) {
		if (git_remote_create(&created, repo, "origin", r->url) < 0)
			return rf_git_error("git remote add origin");
		git_remote_free(created);
		if (tip) {
			char *tracking = rf_xasprintf("refs/remotes/origin/%s", r->merge + 11);
			int e = git_reference_create(&ref, repo, tracking, tip, 1, "rf-sync");
			git_reference_free(ref);
			free(tracking);
			if (e < 0)
				return rf_git_error("refs/remotes/origin");
		}
	}
	if (r->set_upstream && name) {
		git_config *cfg = NULL;
		char *k1 = rf_xasprintf("branch.%s.remote", r->branch + 11);
		char *k2 = rf_xasprintf("branch.%s.merge", r->branch + 11);
		int e = git_repository_config(&cfg, repo);
		if (e == 0)
			e = git_config_set_string(cfg, k1, name);
		if (e == 0)
			e = git_config_set_string(cfg, k2, r->merge);
		git_config_free(cfg);
		free(k1);
		free(k2);
		if (e < 0)
			return rf_git_error("upstream");
	}
	return 0;
}
