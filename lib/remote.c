#include "remote.h"

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
	*user = rf_pct_decode(auth, ulen);
	if (colon)
		*password = rf_pct_decode(colon + 1, (size_t)(at - colon - 1));
	*clean = rf_xasprintf("%.*s%.*s%s", (int)(auth - url), url, (int)ulen, auth, at);
}

void rf_remote_free(struct rf_remote *r)
{
	git_remote_free(r->remote);
	git_remote_free(r->push_remote);
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
	free(r->tracking);
	rf_strv_free(&r->fetchspecs);
	memset(r, 0, sizeof(*r));
}

/* --- the config, read without libgit2's regular expressions ----------- */

/* Every configured remote's name (remote.NAME.url), sorted. */
static void config_remotes(git_repository *repo, struct rf_strv *names)
{
	git_config *cfg = NULL, *snap = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_iterator_new(&it, snap) == 0) {
		while (git_config_next(&e, it) == 0) {
			size_t n = strlen(e->name);
			if (n > 11 && !strncmp(e->name, "remote.", 7) && !strcmp(e->name + n - 4, ".url")) {
				char *name = rf_xstrndup(e->name + 7, n - 11);
				if (rf_strv_contains(names, name))
					free(name);
				else
					rf_strv_push(names, name);
			}
		}
	}
	git_config_iterator_free(it);
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	rf_strv_sort(names);
}

/* remote.NAME.KEY, or NULL. */
static char *remote_config(git_repository *repo, const char *name, const char *key)
{
	git_config *cfg = NULL, *snap = NULL;
	const char *v;
	char *out = NULL, *var = rf_xasprintf("remote.%s.%s", name, key);
	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_get_string(&v, snap, var) == 0 && *v)
		out = rf_xstrdup(v);
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	free(var);
	return out;
}

static int push_value(const git_config_entry *e, void *payload)
{
	rf_strv_push(payload, rf_xstrdup(e->value));
	return 0;
}

/* The values of remote.NAME.fetch, in order. */
static void fetch_specs(git_repository *repo, const char *name, struct rf_strv *out)
{
	git_config *cfg = NULL, *snap = NULL;
	char *var = rf_xasprintf("remote.%s.fetch", name);
	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0)
		git_config_get_multivar_foreach(snap, var, NULL, push_value, out);
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	free(var);
}

/* url with the longest url.BASE.insteadOf (or pushInsteadOf) prefix
 * replaced by BASE, as git does. */
static char *insteadof(git_repository *repo, const char *url, int push)
{
	git_config *cfg = NULL, *snap = NULL;
	git_config_iterator *it = NULL;
	git_config_entry *e;
	const char *suffix = push ? ".pushinsteadof" : ".insteadof";
	char *best = NULL;
	size_t best_len = 0;
	if (git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0 &&
	    git_config_iterator_new(&it, snap) == 0) {
		while (git_config_next(&e, it) == 0) {
			size_t n = strlen(e->name), s = strlen(suffix), v = e->value ? strlen(e->value) : 0;
			if (n <= 4 + s || strncmp(e->name, "url.", 4) || strcmp(e->name + n - s, suffix) || !v ||
			    strncmp(url, e->value, v) || v <= best_len)
				continue;
			free(best);
			best = rf_xasprintf("%.*s%s", (int)(n - 4 - s), e->name + 4, url + v);
			best_len = v;
		}
	}
	git_config_iterator_free(it);
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	return best ? best : rf_xstrdup(url);
}

int rf_remote_open_url(git_repository *repo, const char *url, int push, git_remote **out, char **rewritten)
{
	git_remote_create_options o;
	git_remote_create_options_init(&o, GIT_REMOTE_CREATE_OPTIONS_VERSION);
	o.repository = repo;
	o.flags = GIT_REMOTE_CREATE_SKIP_INSTEADOF | GIT_REMOTE_CREATE_SKIP_DEFAULT_FETCHSPEC;
	char *u = insteadof(repo, url, push);
	int e = git_remote_create_with_opts(out, u, &o);
	if (e < 0)
		rf_git_error(u);
	if (rewritten && e == 0)
		*rewritten = u;
	else
		free(u);
	return e < 0 ? -1 : 0;
}

/* The branch merge maps to through refspecs, or NULL. */
static char *tracking_of(const struct rf_strv *specs, const char *merge)
{
	char *out = NULL;
	for (size_t i = 0; i < specs->n && !out; i++) {
		git_refspec *spec;
		git_buf b = GIT_BUF_INIT;
		if (git_refspec_parse(&spec, specs->v[i], 1) < 0)
			continue;
		if (git_refspec_src_matches(spec, merge) && git_refspec_dst(spec) &&
		    git_refspec_transform(&b, spec, merge) == 0)
			out = rf_xstrdup(b.ptr);
		git_buf_dispose(&b);
		git_refspec_free(spec);
	}
	git_error_clear();
	return out;
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

/* The configured remote whose URL is url, or NULL. */
static char *remote_with_url(git_repository *repo, const struct rf_strv *names, const char *url)
{
	for (size_t i = 0; i < names->n; i++) {
		char *have = remote_config(repo, names->v[i], "url"), *clean, *u, *p;
		int same = 0;
		if (have) {
			rf_remote_split_url(have, &clean, &u, &p);
			same = !strcmp(clean, url);
			free(clean);
			free(u);
			if (p)
				explicit_bzero(p, strlen(p));
			free(p);
		}
		free(have);
		if (same)
			return rf_xstrdup(names->v[i]);
	}
	return NULL;
}

static int use_named(git_repository *repo, const char *name, struct rf_remote *r)
{
	char *url = remote_config(repo, name, "url");
	if (!url)
		return rf_error("remote '%s' has no URL (git remote set-url %s URL)", name, name);
	char *clean, *user, *pass;
	rf_remote_split_url(url, &clean, &user, &pass);
	r->name = rf_xstrdup(name);
	if (!r->user)
		r->user = user;
	else
		free(user);
	/* A password that is in the config already is used as it is; rf
	 * itself never writes one there. */
	if (!r->password)
		r->password = pass;
	else if (pass) {
		explicit_bzero(pass, strlen(pass));
		free(pass);
	}
	int e = rf_remote_open_url(repo, url, 0, &r->remote, &r->url);
	char *push = remote_config(repo, name, "pushurl");
	if (e == 0 && push)
		e = rf_remote_open_url(repo, push, 1, &r->push_remote, NULL);
	free(push);
	free(url);
	free(clean);
	if (e < 0)
		return -1;
	/* r->url is for messages and credentials: no password in it. */
	rf_remote_split_url(r->url, &clean, &user, &pass);
	free(r->url);
	r->url = clean;
	free(user);
	if (pass)
		explicit_bzero(pass, strlen(pass));
	free(pass);
	fetch_specs(repo, name, &r->fetchspecs);
	return 0;
}

int rf_remote_resolve(git_repository *repo, const char *arg, struct rf_remote *r)
{
	char *up_remote = NULL, *up_merge = NULL, *byurl = NULL;
	struct rf_strv names = RF_STRV_INIT;
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
	config_remotes(repo, &names);

	const char *name = NULL;
	if (!arg) {
		name = up_remote ? up_remote : "origin";
		if (!rf_strv_contains(&names, name)) {
			rf_error("no remote to sync with: give one (rf-sync URL), or add origin "
				 "(git remote add origin URL)");
			goto out;
		}
	} else if (rf_strv_contains(&names, arg)) {
		name = arg;
	} else if (rf_remote_is_url(arg)) {
		rf_remote_split_url(arg, &r->url, &r->user, &r->password);
		/* Named by its URL: the configured remote (a password the URL
		 * given carried still counts for this run). */
		name = byurl = remote_with_url(repo, &names, r->url);
		if (name) {
			free(r->url);
			r->url = NULL;
		}
	} else {
		struct rf_buf have = RF_BUF_INIT, shown = RF_BUF_INIT;
		for (size_t i = 0; i < names.n; i++)
			rf_buf_addf(&have, "%s%s", i ? ", " : "", names.v[i]);
		rf_escape_controls(&shown, arg);
		rf_error("'%s': no such remote (%s); give a remote's name or a URL", shown.buf,
			 have.len ? have.buf : "none is configured");
		rf_buf_free(&have);
		rf_buf_free(&shown);
		goto out;
	}

	if (name) {
		if (use_named(repo, name, r) < 0)
			goto out;
		r->set_upstream = !up_remote;
		r->merge = rf_xstrdup(up_remote && !strcmp(up_remote, name) && up_merge ? up_merge : r->branch);
		r->shown = rf_xasprintf("%s (%s)", name, r->url);
		if (!r->fetchspecs.n)
			rf_strv_push(&r->fetchspecs, rf_xstrdup(r->merge));
		r->tracking = tracking_of(&r->fetchspecs, r->merge);
	} else {
		char *used;
		if (rf_remote_open_url(repo, r->url, 0, &r->remote, &used) < 0)
			goto out;
		free(used);
		r->adopt = r->set_upstream = !up_remote && !rf_strv_contains(&names, "origin");
		r->merge = rf_xstrdup(r->branch);
		r->shown = r->adopt ? rf_xasprintf("origin (%s)", r->url) : rf_xstrdup(r->url);
		rf_strv_push(&r->fetchspecs, rf_xstrdup(r->merge));
	}
	ret = 0;
out:
	free(byurl);
	free(up_remote);
	free(up_merge);
	rf_strv_free(&names);
	if (ret < 0)
		rf_remote_free(r);
	return ret;
}

int rf_remote_save(git_repository *repo, const struct rf_remote *r, const git_oid *tip)
{
	git_config *cfg = NULL;
	git_reference *ref = NULL;
	const char *name = r->adopt ? "origin" : r->name;
	int e = git_repository_config(&cfg, repo);
	if (e == 0 && r->adopt) {
		/* What git remote add writes. */
		e = git_config_set_string(cfg, "remote.origin.url", r->url);
		if (e == 0)
			e = git_config_set_string(cfg, "remote.origin.fetch", "+refs/heads/*:refs/remotes/origin/*");
		if (e == 0 && tip) {
			char *tracking = rf_xasprintf("refs/remotes/origin/%s", r->merge + 11);
			e = git_reference_create(&ref, repo, tracking, tip, 1, "rf-sync");
			git_reference_free(ref);
			free(tracking);
		}
	}
	if (e == 0 && r->set_upstream && name) {
		char *k1 = rf_xasprintf("branch.%s.remote", r->branch + 11);
		char *k2 = rf_xasprintf("branch.%s.merge", r->branch + 11);
		e = git_config_set_string(cfg, k1, name);
		if (e == 0)
			e = git_config_set_string(cfg, k2, r->merge);
		free(k1);
		free(k2);
	}
	git_config_free(cfg);
	return e < 0 ? rf_git_error(r->adopt ? "git remote add origin" : "upstream") : 0;
}
