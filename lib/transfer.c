#include "transfer.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "store.h"

static int starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* "Connection refused" as it reads inside a sentence. */
static char *lower_first(const char *s)
{
	char *d = rf_xstrdup(s);
	if (d[0] && isupper((unsigned char)d[0]) && !isupper((unsigned char)d[1]))
		d[0] = (char)tolower((unsigned char)d[0]);
	return d;
}

/* The text between the first pair of quotes after prefix, or NULL. */
static char *quoted_after(const char *s, const char *prefix)
{
	const char *p = strstr(s, prefix);
	if (!p)
		return NULL;
	p += strlen(prefix);
	const char *q = strchr(p, '\'');
	return q ? rf_xstrndup(p, (size_t)(q - p)) : NULL;
}

/* "host" or "host port N" when the URL names a port of its own. */
static char *host_port(const char *url, const char *host)
{
	struct rf_cred_url u;
	if (!url || rf_cred_url_parse(url, &u) < 0)
		return rf_xstrdup(host);
	int dflt = !strcmp(u.scheme, "ssh") ? 22 : !strcmp(u.scheme, "https") ? 443 : !strcmp(u.scheme, "http") ? 80 : 0;
	char *s = u.port && u.port != dflt && !strcmp(u.host, host) ? rf_xasprintf("%s port %d", host, u.port)
								   : rf_xstrdup(host);
	rf_cred_url_free(&u);
	return s;
}

char *rf_transfer_reason(const char *url, int code, const char *message, const char *why)
{
	if (why && *why)
		return rf_xstrdup(why);
	/* libgit2 takes a path that does not exist for a URL it has no
	 * transport for. */
	if (url && !strstr(url, "://") && (url[0] == '/' || url[0] == '.') && access(url, F_OK) != 0)
		return rf_xasprintf("no repository at %s", url);
	struct rf_buf line = RF_BUF_INIT;
	const char *m = message && *message ? message : "unknown error";
	/* One line: the first that says something (a server may send
	 * several, "fatal: ..." first). */
	while (*m == '\n' || *m == '\r' || *m == ' ')
		m++;
	size_t n = strcspn(m, "\r\n");
	char *first = rf_xstrndup(m, n);
	rf_escape_controls(&line, first);
	free(first);
	char *s = line.buf ? line.buf : "";
	char *out, *a, *b;

	if (starts(s, "failed to resolve address for ")) {
		a = rf_xstrdup(s + 30);
		char *colon = strstr(a, ": ");
		if (colon)
			*colon = '\0';
		b = colon ? lower_first(colon + 2) : rf_xstrdup("unknown host");
		out = rf_xasprintf("cannot resolve host %s (%s): offline, or the name is wrong", a, b);
		free(a);
		free(b);
	} else if (starts(s, "failed to connect to ")) {
		a = rf_xstrdup(s + 21);
		char *colon = strstr(a, ": ");
		if (colon)
			*colon = '\0';
		b = colon ? lower_first(colon + 2) : rf_xstrdup("no answer");
		char *where = host_port(url, a);
		out = rf_xasprintf("cannot connect to %s: %s (offline, or the server is down)", where, b);
		free(where);
		free(a);
		free(b);
	} else if ((a = quoted_after(s, "could not find repository at '")) ||
		   (a = quoted_after(s, "failed to resolve path '"))) {
		out = rf_xasprintf("no repository at %s", a);
		free(a);
	} else if (strstr(s, "support pushing to non-bare repos")) {
		out = rf_xstrdup("a repository given by its path must be bare to be pushed to "
				 "(make one with git init --bare)");
	} else if (starts(s, "unexpected http status code: ")) {
		int status = atoi(s + 29);
		out = status == 404 ? rf_xstrdup("no repository there (HTTP 404)")
		    : status == 401 || status == 403 ? rf_xasprintf("access denied (HTTP %d)", status)
						     : rf_xasprintf("the server answered HTTP %d", status);
	} else if (strstr(s, "too many redirects or authentication replays") ||
		   strstr(s, "authentication required but no callback set")) {
		out = rf_xstrdup("authentication failed: the server refused the credentials");
	} else if (starts(s, "fatal: ") || starts(s, "ERROR: ") || starts(s, "error: ")) {
		const char *said = strchr(s, ' ') + 1;
		out = strstr(said, "does not appear to be a git repository") || strstr(said, "not a git repository") ||
			      strstr(said, "No such file")
			      ? rf_xasprintf("no repository there (the server says: %s)", said)
			      : rf_xasprintf("the server says: %s", said);
	} else if (!strcmp(s, "early EOF")) {
		out = rf_xstrdup("the server closed the connection before answering (early EOF)");
	} else if (starts(s, "remote error: ")) {
		out = rf_xasprintf("the server says: %s", s + 14);
	} else if (code == GIT_ECERTIFICATE) {
		out = rf_xasprintf("the server's certificate or host key is not trusted (%s)", s);
	} else if (code == GIT_EAUTH) {
		out = rf_xasprintf("authentication failed (%s)", s);
	} else {
		out = rf_xstrdup(s);
	}
	rf_buf_free(&line);
	return out;
}

/* Report the last libgit2 error of an operation on shown. */
static int report(const char *shown, const char *url, int code, const struct rf_cred *c, const char *tail)
{
	const git_error *e = git_error_last();
	char *why = rf_transfer_reason(url, code, e ? e->message : NULL, c ? c->failure : NULL);
	rf_error("%s: %s%s%s", shown, why, tail ? "; " : "", tail ? tail : "");
	free(why);
	return -1;
}

int rf_transfer_fetch(struct rf_remote *r, struct rf_cred *c, const char *tail, git_oid *tip, int *found)
{
	git_fetch_options fo;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	git_strarray specs = { r->fetchspecs.v, r->fetchspecs.n };
	*found = 0;
	if (rf_cred_tls_setup(git_remote_owner(r->remote)) < 0)
		return -1;
	rf_cred_callbacks(c, &fo.callbacks);
	/* The remote is an in-memory one (lib/remote.h): its refspecs are
	 * passed, and the tracking branches they name are updated. */
	int e = git_remote_fetch(r->remote, &specs, &fo, "rf-sync: fetch");
	if (e < 0)
		return report(r->shown, r->url, e, c, tail);
	rf_cred_succeeded(c);
	const git_remote_head **heads;
	size_t n;
	if (git_remote_ls(&heads, &n, r->remote) < 0)
		return report(r->shown, r->url, -1, NULL, tail);
	for (size_t i = 0; i < n; i++)
		if (!strcmp(heads[i]->name, r->merge)) {
			git_oid_cpy(tip, &heads[i]->oid);
			*found = 1;
		}
	return 0;
}

/* A ref the remote refused, with its reason (the push's one ref). */
static int ref_status(const char *refname, const char *status, void *payload)
{
	struct rf_cred *c = payload;
	char **refused = c->owner;
	(void)refname;
	if (status && !*refused)
		*refused = rf_xstrdup(status);
	return 0;
}

/* After a push: the tracking branch at what was pushed, as git push
 * leaves it (an in-memory remote has no refspecs to do it itself). */
static int update_tracking(const struct rf_remote *r)
{
	git_repository *repo = git_remote_owner(r->remote);
	git_reference *ref = NULL, *made = NULL;
	if (!r->tracking)
		return 0;
	int e = git_reference_lookup(&ref, repo, r->branch);
	if (e == 0)
		e = git_reference_create(&made, repo, r->tracking, git_reference_target(ref), 1, "rf-sync: push");
	git_reference_free(made);
	git_reference_free(ref);
	return e < 0 ? rf_git_error(r->tracking) : 0;
}

int rf_transfer_push(struct rf_remote *r, struct rf_cred *c, const char *tail, int *moved)
{
	git_push_options po;
	git_push_options_init(&po, GIT_PUSH_OPTIONS_VERSION);
	char *spec = rf_xasprintf("%s:%s", r->branch, r->merge);
	git_strarray specs = { &spec, 1 };
	char *refused = NULL;
	*moved = 0;
	rf_cred_callbacks(c, &po.callbacks);
	po.callbacks.push_update_reference = ref_status;
	c->owner = &refused;
	git_remote *to = r->push_remote ? r->push_remote : r->remote;
	if (r->push_remote && rf_cred_tls_setup(git_remote_owner(to)) < 0) {
		free(spec);
		c->owner = NULL;
		return -1;
	}
	int e = git_remote_push(to, &specs, &po);
	c->owner = NULL;
	free(spec);
	if (e == GIT_ENONFASTFORWARD) {
		*moved = 1;
		return -1;
	}
	if (e < 0)
		return report(r->shown, r->url, e, c, tail);
	rf_cred_succeeded(c);
	if (refused) {
		/* The remote's own refusal: "fetch first" and the like mean it
		 * moved; anything else (a hook, a protected branch) is said. */
		if (strstr(refused, "fetch first") || strstr(refused, "non-fast-forward") ||
		    strstr(refused, "stale info") || strstr(refused, "failed to update ref") ||
		    strstr(refused, "failed to lock"))
			*moved = 1;
		else
			rf_error("%s: the server refused to update %s: %s%s%s", r->shown, r->merge + 11, refused,
				 tail ? "; " : "", tail ? tail : "");
		free(refused);
		return -1;
	}
	return update_tracking(r);
}

/* After the clone's fetch: the branch the remote's HEAD names checked
 * out, tracking origin, as git clone leaves it.  A remote whose HEAD names
 * no branch it has (empty, or HEAD at a branch never pushed) leaves HEAD
 * unborn for the caller to settle. */
static int check_out_default(git_repository *repo, git_remote *remote)
{
	git_buf def = GIT_BUF_INIT;
	git_reference *tracking = NULL, *local = NULL, *sym = NULL;
	git_commit *tip = NULL;
	git_config *cfg = NULL;
	char *name = NULL;
	int e = 0;
	if (git_remote_default_branch(&def, remote) < 0 || strncmp(def.ptr, "refs/heads/", 11))
		goto out;
	const char *branch = def.ptr + 11;
	name = rf_xasprintf("refs/remotes/origin/%s", branch);
	if (git_reference_lookup(&tracking, repo, name) < 0)
		goto out;
	git_checkout_options co;
	git_checkout_options_init(&co, GIT_CHECKOUT_OPTIONS_VERSION);
	co.checkout_strategy = GIT_CHECKOUT_SAFE;
	e = git_reference_symbolic_create(&sym, repo, "refs/remotes/origin/HEAD", name, 1, "clone");
	if (e == 0)
		e = git_reference_peel((git_object **)&tip, tracking, GIT_OBJECT_COMMIT);
	if (e == 0)
		e = git_branch_create(&local, repo, branch, tip, 0);
	if (e == 0)
		e = git_repository_set_head(repo, def.ptr);
	if (e == 0)
		e = git_checkout_head(repo, &co);
	if (e == 0)
		e = git_repository_config(&cfg, repo);
	if (e == 0) {
		char *k1 = rf_xasprintf("branch.%s.remote", branch), *k2 = rf_xasprintf("branch.%s.merge", branch);
		e = git_config_set_string(cfg, k1, "origin");
		if (e == 0)
			e = git_config_set_string(cfg, k2, def.ptr);
		free(k1);
		free(k2);
	}
	if (e < 0)
		rf_git_error("clone");
out:
	if (e == 0)
		git_error_clear();
	git_config_free(cfg);
	git_commit_free(tip);
	git_reference_free(sym);
	git_reference_free(local);
	git_reference_free(tracking);
	git_buf_dispose(&def);
	free(name);
	return e < 0 ? -1 : 0;
}

int rf_transfer_clone(const char *url, const char *shown, const char *user, const char *password,
		      const char *path, git_repository **out)
{
	/* What git_clone does, by hand: git_clone creates its remote through
	 * libgit2's leaking regular expressions (lib/remote.h). */
	git_repository_init_options io;
	git_repository_init_options_init(&io, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	io.flags = GIT_REPOSITORY_INIT_MKPATH | GIT_REPOSITORY_INIT_NO_REINIT;
	git_fetch_options fo;
	git_fetch_options_init(&fo, GIT_FETCH_OPTIONS_VERSION);
	char *spec = "+refs/heads/*:refs/remotes/origin/*";
	git_strarray specs = { &spec, 1 };
	git_config *cfg = NULL;
	git_remote *remote = NULL;
	struct rf_cred c;
	rf_cred_init(&c, url, user, password);
	*out = NULL;
	int r = -1;
	if (git_repository_init_ext(out, path, &io) < 0 || git_repository_config(&cfg, *out) < 0 ||
	    git_config_set_string(cfg, "remote.origin.url", url) < 0 ||
	    git_config_set_string(cfg, "remote.origin.fetch", spec) < 0) {
		rf_git_error(path);
		goto out;
	}
	if (rf_remote_open_url(*out, url, 0, &remote, NULL) < 0 || rf_cred_tls_setup(*out) < 0)
		goto out;
	rf_cred_callbacks(&c, &fo.callbacks);
	char *reflog = rf_xasprintf("clone: from %s", url);
	int e = git_remote_fetch(remote, &specs, &fo, reflog);
	free(reflog);
	if (e < 0) {
		report(shown, url, e, &c, "nothing was created");
		goto out;
	}
	r = check_out_default(*out, remote);
out:
	git_remote_free(remote);
	git_config_free(cfg);
	rf_cred_free(&c);
	if (r < 0) {
		git_repository_free(*out);
		*out = NULL;
	}
	return r;
}
