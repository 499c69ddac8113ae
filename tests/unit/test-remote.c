/* Remotes: what is a URL, passwords kept out of URLs, and which remote and
 * branch a sync talks to in a repository built here. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "remote.h"
#include "store.h"
#include "unit.h"

static void urls(struct unit *u)
{
	CHECK(u, rf_remote_is_url("ssh://host/x"));
	CHECK(u, rf_remote_is_url("git@github.com:ana/notes.git"));
	CHECK(u, rf_remote_is_url("nas:notes"));
	CHECK(u, rf_remote_is_url("/media/usb/notes.git"));
	CHECK(u, rf_remote_is_url("./notes.git"));
	CHECK(u, rf_remote_is_url("../notes.git"));
	CHECK(u, rf_remote_is_url("~/notes.git"));
	CHECK(u, rf_remote_is_url("file:///x"));
	CHECK(u, !rf_remote_is_url("origin"));
	CHECK(u, !rf_remote_is_url("usb-stick"));
	CHECK(u, !rf_remote_is_url("dir/sub:x"));
	CHECK(u, !rf_remote_is_url(":x"));
}

static char *split(const char *url)
{
	char *c, *us, *p;
	rf_remote_split_url(url, &c, &us, &p);
	char *s = rf_xasprintf("%s|%s|%s", c, us ? us : "-", p ? p : "-");
	free(c);
	free(us);
	free(p);
	return s;
}

static void passwords(struct unit *u)
{
	char *s = split("https://ana:p%40ss%3A@example.org/notes.git");
	CHECK_STR(u, s, "https://ana@example.org/notes.git|ana|p@ss:");
	free(s);
	s = split("https://ana@example.org/notes.git");
	CHECK_STR(u, s, "https://ana@example.org/notes.git|ana|-");
	free(s);
	s = split("https://example.org/a@b");
	CHECK_STR(u, s, "https://example.org/a@b|-|-");
	free(s);
	s = split("ssh://git@host:22/x");
	CHECK_STR(u, s, "ssh://git@host:22/x|git|-");
	free(s);
	s = split("git@github.com:ana/x.git");
	CHECK_STR(u, s, "git@github.com:ana/x.git|git|-");
	free(s);
	s = split("/abs/notes.git");
	CHECK_STR(u, s, "/abs/notes.git|-|-");
	free(s);
	char cwd[512];
	if (!getcwd(cwd, sizeof(cwd)))
		abort();
	char *want = rf_xasprintf("%s/rel/notes.git|-|-", cwd);
	s = split("./rel/notes.git");
	CHECK_STR(u, s, want);
	free(s);
	free(want);
	setenv("HOME", "/home/ana", 1);
	s = split("~/notes.git");
	CHECK_STR(u, s, "/home/ana/notes.git|-|-");
	free(s);
}

static char dir[] = "/tmp/rf-test-remote-XXXXXX";

static char *resolved(git_repository *repo, const char *arg)
{
	struct rf_remote r;
	if (rf_remote_resolve(repo, arg, &r) < 0)
		return rf_xstrdup("(error)");
	char *s = rf_xasprintf("%s|%s|%s|%s|adopt=%d|up=%d", r.name ? r.name : "-", r.url, r.shown, r.merge,
			       r.adopt, r.set_upstream);
	rf_remote_free(&r);
	return s;
}

static void resolution(struct unit *u)
{
	git_repository *repo;
	git_config *cfg;
	git_repository_init_options o;
	if (!mkdtemp(dir))
		abort();
	git_libgit2_init();
	git_repository_init_options_init(&o, GIT_REPOSITORY_INIT_OPTIONS_VERSION);
	o.initial_head = "main";
	git_repository_init_ext(&repo, dir, &o);

	char *s = resolved(repo, NULL);
	CHECK_STR(u, s, "(error)");
	free(s);
	/* A URL, no origin yet: it becomes origin and the upstream. */
	s = resolved(repo, "/media/usb/notes.git");
	CHECK_STR(u, s, "-|/media/usb/notes.git|origin (/media/usb/notes.git)|refs/heads/main|adopt=1|up=1");
	free(s);
	struct rf_remote r;
	rf_remote_resolve(repo, "/media/usb/notes.git", &r);
	git_oid tip;
	git_oid_fromstr(&tip, "4b825dc642cb6eb9a060e54bf8d69288fbee4904");
	CHECK(u, rf_remote_save(repo, &r, &tip) == 0);
	rf_remote_free(&r);
	/* Now origin is the upstream, by default and by URL. */
	s = resolved(repo, NULL);
	CHECK_STR(u, s, "origin|/media/usb/notes.git|origin (/media/usb/notes.git)|refs/heads/main|adopt=0|up=0");
	free(s);
	s = resolved(repo, "/media/usb/notes.git");
	CHECK_STR(u, s, "origin|/media/usb/notes.git|origin (/media/usb/notes.git)|refs/heads/main|adopt=0|up=0");
	free(s);
	git_reference *ref;
	CHECK(u, git_reference_lookup(&ref, repo, "refs/remotes/origin/main") == 0);
	git_reference_free(ref);
	/* Another URL is used as it is; another remote by name. */
	s = resolved(repo, "ssh://nas/notes.git");
	CHECK_STR(u, s, "-|ssh://nas/notes.git|ssh://nas/notes.git|refs/heads/main|adopt=0|up=0");
	free(s);
	/* As git remote add writes it (libgit2's git_remote_create leaks; see
	 * lib/remote.h). */
	git_repository_config(&cfg, repo);
	git_config_set_string(cfg, "remote.usb.url", "https://ana:secret@example.org/n.git");
	git_config_set_string(cfg, "remote.usb.fetch", "+refs/heads/*:refs/remotes/usb/*");
	git_config_free(cfg);
	s = resolved(repo, "usb");
	CHECK_STR(u, s, "usb|https://ana@example.org/n.git|usb (https://ana@example.org/n.git)|refs/heads/main|adopt=0|up=0");
	free(s);
	s = resolved(repo, "nosuch");
	CHECK_STR(u, s, "(error)");
	free(s);
	/* The upstream's branch is the one synced with. */
	git_repository_config(&cfg, repo);
	git_config_set_string(cfg, "branch.main.merge", "refs/heads/season");
	s = resolved(repo, NULL);
	CHECK_STR(u, s, "origin|/media/usb/notes.git|origin (/media/usb/notes.git)|refs/heads/season|adopt=0|up=0");
	free(s);
	git_config_set_string(cfg, "branch.main.remote", ".");
	s = resolved(repo, NULL);
	CHECK_STR(u, s, "(error)");
	free(s);
	git_config_free(cfg);
	git_repository_free(repo);
	git_libgit2_shutdown();
	unit_remove_dir(dir);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, urls);
	RUN(&u, passwords);
	RUN(&u, resolution);
	return UNIT_DONE(&u);
}
