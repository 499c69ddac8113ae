/* remote.h: which remote a sync talks to, and which of its branches.
 *
 * REMOTE is a configured remote's name or a URL (ssh://, scp-like
 * host:path, https://, file://, a path).  Without one, the current
 * branch's upstream, else "origin".  A URL that a configured remote has is
 * that remote; any other URL is used as it is (git's anonymous remote),
 * unless the branch has no upstream and there is no origin yet: then it
 * becomes origin once a sync succeeds.  A password in a URL
 * (https://user:secret@host/...) is used for this run only and never
 * written to the repository's config.
 *
 * Remotes are read from the config and reached through in-memory
 * (anonymous) libgit2 remotes with rf's own insteadOf rewriting: libgit2
 * 1.5's regular expressions (git_remote_lookup, git_remote_list,
 * git_remote_create and git_clone all use them on every config entry)
 * leak their match data on each entry that does not match. */
#ifndef RF_REMOTE_H
#define RF_REMOTE_H

#include <git2.h>

#include "util.h"

struct rf_remote {
	git_remote *remote;	/* owned; fetches from url */
	git_remote *push_remote;	/* owned; pushes to remote.NAME.pushurl; NULL: remote */
	char *name;		/* the configured name, NULL for a URL used as it is */
	char *url;		/* without a password, insteadOf applied */
	char *user, *password;	/* from the URL, or NULL; password wiped on free */
	char *shown;		/* for messages: "origin (ssh://host/notes.git)" or the URL */
	char *branch;		/* the local branch: "refs/heads/main" */
	char *merge;		/* the remote's branch it syncs with: "refs/heads/main" */
	char *tracking;		/* its remote-tracking branch ("refs/remotes/origin/main"), or NULL */
	struct rf_strv fetchspecs;	/* what a fetch asks for: the remote's refspecs, or merge */
	int adopt;		/* the URL becomes remote origin (rf_remote_save) */
	int set_upstream;	/* the remote becomes the branch's upstream (rf_remote_save) */
};

/* Find the remote arg names (NULL: the upstream, else origin) for the
 * current branch of repo.  An unknown name is reported with the remotes
 * there are.  Free with rf_remote_free. */
int rf_remote_resolve(git_repository *repo, const char *arg, struct rf_remote *out);

/* After a sync that succeeded: write what resolve decided to keep
 * (origin added, its tracking branch at tip, the upstream set).  tip may
 * be NULL when the remote branch does not exist. */
int rf_remote_save(git_repository *repo, const struct rf_remote *r, const git_oid *tip);

/* An in-memory remote of repo at url, insteadOf (pushInsteadOf with push)
 * of repo's config applied first; *rewritten (if given) gets the URL used
 * (caller frees).  Reports and returns -1. */
int rf_remote_open_url(git_repository *repo, const char *url, int push, git_remote **out, char **rewritten);

void rf_remote_free(struct rf_remote *r);

/* 1 when arg is written as a URL or a path rather than a remote's name:
 * it has "://", is scp-like (a ':' before any '/': host:path,
 * user@host:path), or starts with '/', "./", "../" or "~/". */
int rf_remote_is_url(const char *arg);

/* Split url into the URL without its password (*clean), and the user
 * name and password of its user:password@ part (percent-decoded; NULL when
 * absent).  A path (not a URL) is made absolute, so that the config that
 * keeps it does not depend on the directory rf was run from.  Callers free
 * all three. */
void rf_remote_split_url(const char *url, char **clean, char **user, char **password);

#endif
