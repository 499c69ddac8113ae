/* cred.h: credentials and host keys for libgit2's network transports.
 *
 * libgit2 runs no credential helper and asks the callback installed here,
 * again after each refusal.  ssh: the URL's user (else the login name), the
 * agent at $SSH_AUTH_SOCK, then ~/.ssh/id_ed25519, id_ecdsa and id_rsa, a
 * key with a passphrase asking it on the terminal (lib/tty.h).  https: the
 * password in the URL, then ~/.git-credentials and
 * $XDG_CONFIG_HOME/git/credentials (git's store format), then a user name
 * and password asked on the terminal.  What worked is offered first to the
 * next connection of the same run (a fetch, then a push), so nothing is
 * asked twice; nothing is ever written anywhere, and secrets are wiped
 * from memory when the run ends.
 *
 * Host keys: libgit2 1.5.1 checks the server's ssh key against
 * ~/.ssh/known_hosts; the check installed here never overrules a refusal,
 * it only tells an unknown host from a changed key and says how to add one
 * (ssh-keyscan, or a first ssh HOST).  A TLS certificate is checked by
 * libgit2 against the system's authorities, or the file GIT_SSL_CAINFO or
 * http.sslCAInfo names (rf_cred_tls_setup). */
#ifndef RF_CRED_H
#define RF_CRED_H

#include <git2.h>

#include "util.h"

struct rf_cred {
	const char *url;		/* borrowed: the URL connected to */
	const char *user, *password;	/* borrowed: from the URL, or NULL */
	int next;			/* the next thing to offer, this connection */
	int offered, worked;		/* what was offered last, and what a connection took */
	size_t key, worked_key;		/* the ~/.ssh key offered last, and the one taken */
	struct rf_buf typed_user, typed_pass;	/* asked or read from a store, wiped */
	struct rf_buf passphrase;	/* for key passphrase_key, wiped */
	int passphrase_key;		/* -1: none yet */
	int passphrase_tries, key_encrypted;	/* for the key offered last */
	struct rf_buf tried;		/* what the server refused, for the message */
	struct rf_buf skipped;		/* keys that could not be offered, and why */
	char *failure;			/* why the connection was refused here, one line, or NULL */
	void *owner;			/* the caller's, for other callbacks it installs
					 * (their payload is c too) */
};

/* Credentials for url (user and password from the URL, or NULL; all
 * borrowed for the lifetime of c). */
void rf_cred_init(struct rf_cred *c, const char *url, const char *user, const char *password);
void rf_cred_free(struct rf_cred *c);

/* Point callbacks at c (credentials, certificate check); call before each
 * connection, which then starts again from what worked last. */
void rf_cred_callbacks(struct rf_cred *c, git_remote_callbacks *callbacks);
/* The connection just made worked: its credential is offered first next
 * time. */
void rf_cred_succeeded(struct rf_cred *c);

/* Trust the authorities in GIT_SSL_CAINFO, else http.sslCAInfo of repo's
 * config (may be NULL), when set, as git does. */
int rf_cred_tls_setup(git_repository *repo);

/* The parts of a remote URL that credentials and host keys are looked up
 * by: scheme ("ssh" for host:path), host, port (the scheme's default when
 * none is written).  Owned, free with rf_cred_url_free. */
struct rf_cred_url {
	char *scheme, *host;
	int port;
};
int rf_cred_url_parse(const char *url, struct rf_cred_url *out);
void rf_cred_url_free(struct rf_cred_url *u);

/* Look url up in text, a credentials file in git's store format (one
 * https://user:password@host[:port][/path] per line, percent-encoded): the
 * first line with the same scheme and host (and user, when user is given).
 * Returns 1 with *user_out and *pass_out set (caller wipes and frees), 0
 * when none matches. */
int rf_cred_store_find(const char *text, size_t len, const char *url, const char *user, char **user_out,
		       char **pass_out);

/* 1 when the private key file text needs a passphrase (an OpenSSH key with
 * a cipher, or a PEM key marked ENCRYPTED), 0 when not, -1 when it is no
 * key rf can read. */
int rf_cred_key_encrypted(const char *text, size_t len);

/* "SHA256:..." as ssh prints a key's fingerprint.  Caller frees. */
char *rf_cred_fingerprint(const unsigned char sha256[32]);

#endif
