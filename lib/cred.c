#include "cred.h"

#include <libssh2.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store.h"
#include "tty.h"

/* What a connection is offered, in this order. */
enum { OFFER_NONE, OFFER_WORKED, OFFER_URL, OFFER_STORE, OFFER_TYPED, OFFER_AGENT, OFFER_KEY, OFFER_DONE };

/* The keys ssh itself tries by default that libssh2 can use. */
static const char *const key_names[] = { "id_ed25519", "id_ecdsa", "id_rsa" };
enum { NKEYS = sizeof(key_names) / sizeof(key_names[0]) };

/* Times a passphrase is asked for one key, as ssh asks it. */
#define PASSPHRASE_TRIES 3

void rf_cred_init(struct rf_cred *c, const char *url, const char *user, const char *password)
{
	memset(c, 0, sizeof(*c));
	c->url = url;
	c->user = user;
	c->password = password;
	c->passphrase_key = -1;
}

void rf_cred_free(struct rf_cred *c)
{
	rf_tty_wipe(&c->typed_user);
	rf_tty_wipe(&c->typed_pass);
	rf_tty_wipe(&c->passphrase);
	rf_buf_free(&c->tried);
	rf_buf_free(&c->skipped);
	free(c->failure);
	c->failure = NULL;
}

void rf_cred_succeeded(struct rf_cred *c)
{
	if (c->offered != OFFER_NONE)
		c->worked = c->offered;
	if (c->offered == OFFER_KEY)
		c->worked_key = c->key;
}

static void wipe_free(char *s)
{
	if (s) {
		explicit_bzero(s, strlen(s));
		free(s);
	}
}

/* --- URLs ------------------------------------------------------------ */

static int default_port(const char *scheme)
{
	return !strcmp(scheme, "ssh") ? 22 : !strcmp(scheme, "https") ? 443 : !strcmp(scheme, "http") ? 80
	     : !strcmp(scheme, "git") ? 9418 : 0;
}

void rf_cred_url_free(struct rf_cred_url *u)
{
	free(u->scheme);
	free(u->host);
	memset(u, 0, sizeof(*u));
}

/* host[:port] (or [v6]:port) of length n into u. */
static int parse_hostport(const char *s, size_t n, struct rf_cred_url *u)
{
	const char *end = s + n, *colon = NULL;
	if (n && s[0] == '[') {
		const char *close = memchr(s, ']', n);
		if (!close)
			return -1;
		u->host = rf_xstrndup(s + 1, (size_t)(close - s - 1));
		colon = close + 1 < end && close[1] == ':' ? close + 1 : NULL;
	} else {
		colon = memchr(s, ':', n);
		u->host = rf_xstrndup(s, (size_t)((colon ? colon : end) - s));
	}
	u->port = default_port(u->scheme);
	if (colon && colon + 1 < end) {
		char *digits = rf_xstrndup(colon + 1, (size_t)(end - colon - 1));
		unsigned p;
		int bad = rf_parse_uint(digits, &p) < 0 || p == 0 || p > 65535;
		free(digits);
		if (bad)
			return -1;
		u->port = (int)p;
	}
	rf_strlower(u->host);
	return 0;
}

int rf_cred_url_parse(const char *url, struct rf_cred_url *u)
{
	memset(u, 0, sizeof(*u));
	const char *sep = strstr(url, "://");
	if (sep) {
		u->scheme = rf_strlower(rf_xstrndup(url, (size_t)(sep - url)));
		const char *auth = sep + 3;
		size_t n = strcspn(auth, "/?#");
		const char *at = NULL;
		for (const char *p = auth; p < auth + n; p++)
			if (*p == '@')
				at = p;
		const char *hp = at ? at + 1 : auth;
		if (parse_hostport(hp, (size_t)(auth + n - hp), u) < 0) {
			rf_cred_url_free(u);
			return -1;
		}
		return 0;
	}
	const char *colon = strchr(url, ':'), *slash = strchr(url, '/');
	if (colon && colon > url && (!slash || colon < slash) && url[0] != '.' && url[0] != '~') {
		const char *at = memchr(url, '@', (size_t)(colon - url));
		const char *h = at ? at + 1 : url;
		u->scheme = rf_xstrdup("ssh");
		u->host = rf_strlower(rf_xstrndup(h, (size_t)(colon - h)));
		u->port = 22;
		return 0;
	}
	u->scheme = rf_xstrdup("file");
	u->host = rf_xstrdup("");
	return 0;
}

/* --- git's credential store --------------------------------------------- */

/* One line of a store: its URL parts, user and password (decoded). */
static int store_line(const char *line, struct rf_cred_url *u, char **user, char **pass)
{
	*user = *pass = NULL;
	const char *sep = strstr(line, "://");
	if (!sep || rf_cred_url_parse(line, u) < 0)
		return -1;
	const char *auth = sep + 3;
	size_t n = strcspn(auth, "/?#");
	const char *at = NULL;
	for (const char *p = auth; p < auth + n; p++)
		if (*p == '@')
			at = p;
	if (!at) {
		rf_cred_url_free(u);
		return -1;
	}
	const char *colon = memchr(auth, ':', (size_t)(at - auth));
	if (!colon) {
		rf_cred_url_free(u);
		return -1;
	}
	*user = rf_pct_decode(auth, (size_t)(colon - auth));
	*pass = rf_pct_decode(colon + 1, (size_t)(at - colon - 1));
	return 0;
}

int rf_cred_store_find(const char *text, size_t len, const char *url, const char *user, char **user_out,
		       char **pass_out)
{
	struct rf_cred_url want;
	*user_out = *pass_out = NULL;
	if (rf_cred_url_parse(url, &want) < 0)
		return 0;
	int found = 0;
	for (size_t off = 0; off < len && !found;) {
		const char *nl = memchr(text + off, '\n', len - off);
		size_t n = nl ? (size_t)(nl - (text + off)) : len - off;
		char *line = rf_xstrndup(text + off, n);
		off += n + 1;
		size_t l = strlen(line);
		while (l && (line[l - 1] == '\r' || line[l - 1] == ' '))
			line[--l] = '\0';
		struct rf_cred_url have;
		char *u, *p;
		if (store_line(line, &have, &u, &p) == 0) {
			if (!strcmp(have.scheme, want.scheme) && !strcmp(have.host, want.host) &&
			    have.port == want.port && (!user || !strcmp(user, u))) {
				*user_out = u;
				*pass_out = p;
				found = 1;
			} else {
				wipe_free(u);
				wipe_free(p);
			}
			rf_cred_url_free(&have);
		}
		explicit_bzero(line, l);
		free(line);
	}
	rf_cred_url_free(&want);
	return found;
}

/* Read a file that holds secrets without reporting: one rf cannot read is
 * as good as none.  Returns 1 when read; the caller wipes out. */
static int read_secret_file(const char *path, struct rf_buf *out)
{
	struct stat sb;
	FILE *f;
	if (stat(path, &sb) < 0 || !S_ISREG(sb.st_mode) || !(f = fopen(path, "re")))
		return 0;
	char chunk[4096];
	size_t n;
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		rf_buf_add(out, chunk, n);
	explicit_bzero(chunk, sizeof(chunk));
	fclose(f);
	return 1;
}

/* The store files git's credential-store reads, in its order. */
static int store_lookup(const char *url, const char *user, struct rf_buf *u_out, struct rf_buf *p_out)
{
	const char *home = getenv("HOME"), *xdg = getenv("XDG_CONFIG_HOME");
	char *paths[2] = {
		home ? rf_xasprintf("%s/.git-credentials", home) : NULL,
		xdg && *xdg ? rf_xasprintf("%s/git/credentials", xdg)
			    : home ? rf_xasprintf("%s/.config/git/credentials", home) : NULL,
	};
	int found = 0;
	for (int i = 0; i < 2 && !found; i++) {
		struct rf_buf text = RF_BUF_INIT;
		if (paths[i] && read_secret_file(paths[i], &text)) {
			char *u, *p;
			if (text.len && rf_cred_store_find(text.buf, text.len, url, user, &u, &p)) {
				rf_tty_wipe(u_out);
				rf_tty_wipe(p_out);
				rf_buf_adds(u_out, u);
				rf_buf_adds(p_out, p);
				wipe_free(u);
				wipe_free(p);
				found = 1;
			}
		}
		rf_tty_wipe(&text);
	}
	free(paths[0]);
	free(paths[1]);
	return found;
}

/* --- ssh keys ---------------------------------------------------------- */

static int b64val(int c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	return c == '+' ? 62 : c == '/' ? 63 : -1;
}

/* Decode up to max bytes of base64 text (whitespace skipped). */
static size_t b64_decode(const char *s, size_t n, unsigned char *out, size_t max)
{
	unsigned acc = 0;
	int bits = 0;
	size_t len = 0;
	for (size_t i = 0; i < n && len < max; i++) {
		int v = b64val((unsigned char)s[i]);
		if (v < 0) {
			if (s[i] == '=' || s[i] == '-')
				break;
			continue;
		}
		acc = (acc << 6) | (unsigned)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			out[len++] = (unsigned char)(acc >> bits);
		}
	}
	return len;
}

int rf_cred_key_encrypted(const char *text, size_t len)
{
	static const char openssh[] = "-----BEGIN OPENSSH PRIVATE KEY-----";
	const char *p = memmem(text, len, openssh, sizeof(openssh) - 1);
	if (p) {
		unsigned char raw[64];
		p += sizeof(openssh) - 1;
		size_t n = b64_decode(p, len - (size_t)(p - text), raw, sizeof(raw));
		static const char magic[] = "openssh-key-v1";
		if (n < sizeof(magic) + 4 || memcmp(raw, magic, sizeof(magic)))
			return -1;
		const unsigned char *q = raw + sizeof(magic);
		size_t clen = (size_t)q[0] << 24 | (size_t)q[1] << 16 | (size_t)q[2] << 8 | q[3];
		if (sizeof(magic) + 4 + clen > n)
			return -1;
		return !(clen == 4 && !memcmp(q + 4, "none", 4));
	}
	if (memmem(text, len, "-----BEGIN ENCRYPTED PRIVATE KEY-----", 37))
		return 1;
	if (memmem(text, len, "PRIVATE KEY-----", 16))
		return memmem(text, len, "Proc-Type: 4,ENCRYPTED", 22) != NULL;
	return -1;
}

char *rf_cred_fingerprint(const unsigned char sha[32])
{
	static const char tab[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	struct rf_buf b = RF_BUF_INIT;
	rf_buf_adds(&b, "SHA256:");
	for (size_t i = 0; i < 32; i += 3) {
		unsigned v = (unsigned)sha[i] << 16 | (i + 1 < 32 ? (unsigned)sha[i + 1] << 8 : 0) |
			     (i + 2 < 32 ? sha[i + 2] : 0);
		rf_buf_addc(&b, tab[(v >> 18) & 63]);
		rf_buf_addc(&b, tab[(v >> 12) & 63]);
		if (i + 1 < 32)
			rf_buf_addc(&b, tab[(v >> 6) & 63]);
		if (i + 2 < 32)
			rf_buf_addc(&b, tab[v & 63]);
	}
	return rf_buf_detach(&b);
}

/* --- the callbacks ----------------------------------------------------- */

static char *login_name(void)
{
	struct passwd *pw = getpwuid(getuid());
	return rf_xstrdup(pw && pw->pw_name ? pw->pw_name : "git");
}

static char *home_path(const char *rel)
{
	const char *home = getenv("HOME");
	return rf_xasprintf("%s/%s", home ? home : "", rel);
}

static void tried(struct rf_cred *c, const char *what)
{
	if (c->tried.len && strstr(c->tried.buf, what))
		return;
	rf_buf_addf(&c->tried, "%s%s", c->tried.len ? ", " : "", what);
}

static int give_up(struct rf_cred *c, char *why)
{
	free(c->failure);
	c->failure = why;
	git_error_set_str(GIT_ERROR_SSH, why);
	c->offered = OFFER_NONE;
	return GIT_EAUTH;
}

/* Offer key i, its passphrase asked once per run, or again (retry) after
 * the server did not take the key: a mistyped passphrase cannot be told
 * from a key the server does not know, as libssh2 decrypts it only to
 * sign.  0 when offered, 1 when it cannot be (missing, unreadable, no
 * terminal to ask on). */
static int offer_key(struct rf_cred *c, git_credential **out, const char *user, size_t i, int retry,
		     struct rf_buf *skipped)
{
	char *rel = rf_xasprintf(".ssh/%s", key_names[i]);
	char *priv = home_path(rel), *pub = rf_xasprintf("%s.pub", priv);
	struct rf_buf text = RF_BUF_INIT;
	int r = 1;
	int enc = read_secret_file(priv, &text) ? rf_cred_key_encrypted(text.buf ? text.buf : "", text.len) : -1;
	rf_tty_wipe(&text);
	if (enc < 0)
		goto out;
	c->key_encrypted = enc;
	if (enc && (retry || c->passphrase_key != (int)i)) {
		char *prompt = rf_xasprintf(retry ? "The server did not take it; passphrase for key '%s' again: "
						  : "Enter passphrase for key '%s': ", priv);
		c->passphrase_tries = retry ? c->passphrase_tries + 1 : 1;
		rf_tty_wipe(&c->passphrase);
		int a = rf_tty_ask(prompt, 0, &c->passphrase);
		free(prompt);
		if (a <= 0) {
			if (a == 0)
				rf_buf_addf(skipped, "%s~/%s needs its passphrase and there is no terminal to ask it on "
					    "(ssh-add it to the agent)", skipped->len ? "; " : "", rel);
			c->passphrase_key = -1;
			goto out;
		}
		c->passphrase_key = (int)i;
	}
	if (git_credential_ssh_key_new(out, user, access(pub, R_OK) == 0 ? pub : NULL, priv,
				       enc ? c->passphrase.buf : NULL) == 0) {
		c->offered = OFFER_KEY;
		c->key = i;
		char *shown = rf_xasprintf("~/%s", rel);
		tried(c, shown);
		free(shown);
		r = 0;
	}
out:
	free(rel);
	free(priv);
	free(pub);
	return r;
}

static int offer_agent(struct rf_cred *c, git_credential **out, const char *user)
{
	if (git_credential_ssh_key_from_agent(out, user) < 0)
		return 1;
	c->offered = OFFER_AGENT;
	tried(c, "the ssh agent's keys");
	return 0;
}

static int ssh_key(struct rf_cred *c, git_credential **out, const char *user)
{
	const char *sock = getenv("SSH_AUTH_SOCK");
	int agent = sock && *sock;
	/* A key whose passphrase was typed, refused: perhaps mistyped. */
	if (c->offered == OFFER_KEY && c->key_encrypted && c->passphrase_key == (int)c->key &&
	    c->passphrase_tries < PASSPHRASE_TRIES && offer_key(c, out, user, c->key, 1, &c->skipped) == 0)
		return 0;
	for (;;) {
		int stage = c->next++;
		if (stage == 0) {
			/* What worked for this run's last connection, first. */
			if (c->worked == OFFER_AGENT && agent && offer_agent(c, out, user) == 0)
				return 0;
			if (c->worked == OFFER_KEY && offer_key(c, out, user, c->worked_key, 0, &c->skipped) == 0)
				return 0;
			continue;
		}
		if (stage == 1) {
			if (agent && c->worked != OFFER_AGENT && offer_agent(c, out, user) == 0)
				return 0;
			continue;
		}
		size_t i = (size_t)(stage - 2);
		if (i >= NKEYS)
			break;
		if (c->worked == OFFER_KEY && i == c->worked_key)
			continue;
		if (offer_key(c, out, user, i, 0, &c->skipped) == 0)
			return 0;
	}
	char *why;
	if (c->tried.len)
		why = rf_xasprintf("the server refused %s for user %s (%sadd your public key to the server's "
				   "~/.ssh/authorized_keys, or the key to the agent with ssh-add)%s%s",
				   c->tried.buf, user, c->passphrase_tries ? "a wrong passphrase, or a key it does not know: " : "",
				   c->skipped.len ? "; " : "", c->skipped.len ? c->skipped.buf : "");
	else if (c->skipped.len)
		why = rf_xstrdup(c->skipped.buf);
	else
		why = rf_xstrdup("no ssh key to offer (no agent at SSH_AUTH_SOCK, no id_ed25519, id_ecdsa or "
				 "id_rsa in ~/.ssh): create one with ssh-keygen and add it to the server");
	return give_up(c, why);
}

/* The scheme://host[:port] a prompt names. */
static char *prompt_host(const char *url, const char *user)
{
	struct rf_cred_url u;
	if (rf_cred_url_parse(url, &u) < 0)
		return rf_xstrdup(url);
	char *s = u.port && u.port != default_port(u.scheme)
			  ? rf_xasprintf("%s://%s%s%s:%d", u.scheme, user ? user : "", user ? "@" : "", u.host, u.port)
			  : rf_xasprintf("%s://%s%s%s", u.scheme, user ? user : "", user ? "@" : "", u.host);
	rf_cred_url_free(&u);
	return s;
}

static int userpass(struct rf_cred *c, git_credential **out, const char *url, const char *user)
{
	for (;;) {
		int stage = c->next++;
		switch (stage) {
		case 0:
			if (c->worked == OFFER_URL || c->worked == OFFER_STORE || c->worked == OFFER_TYPED) {
				const char *u = c->worked == OFFER_URL ? user : c->typed_user.buf;
				const char *p = c->worked == OFFER_URL ? c->password : c->typed_pass.buf;
				if (u && p && git_credential_userpass_plaintext_new(out, u, p) == 0) {
					c->offered = c->worked;
					return 0;
				}
			}
			continue;
		case 1:
			if (c->password && c->worked != OFFER_URL && user &&
			    git_credential_userpass_plaintext_new(out, user, c->password) == 0) {
				c->offered = OFFER_URL;
				tried(c, "the password in the URL");
				return 0;
			}
			continue;
		case 2:
			if (c->worked != OFFER_STORE && store_lookup(url, user, &c->typed_user, &c->typed_pass) &&
			    git_credential_userpass_plaintext_new(out, c->typed_user.buf, c->typed_pass.buf) == 0) {
				c->offered = OFFER_STORE;
				tried(c, "the credentials in ~/.git-credentials");
				return 0;
			}
			continue;
		case 3: {
			rf_tty_wipe(&c->typed_user);
			rf_tty_wipe(&c->typed_pass);
			int a = 1;
			if (user) {
				rf_buf_adds(&c->typed_user, user);
			} else {
				char *host = prompt_host(url, NULL);
				char *prompt = rf_xasprintf("Username for '%s': ", host);
				a = rf_tty_ask(prompt, 1, &c->typed_user);
				free(prompt);
				free(host);
			}
			if (a > 0) {
				char *host = prompt_host(url, c->typed_user.buf);
				char *prompt = rf_xasprintf("Password for '%s': ", host);
				a = rf_tty_ask(prompt, 0, &c->typed_pass);
				free(prompt);
				free(host);
			}
			if (a < 0)
				return give_up(c, rf_xstrdup("no password was given"));
			if (a > 0 && git_credential_userpass_plaintext_new(out, c->typed_user.buf, c->typed_pass.buf) == 0) {
				c->offered = OFFER_TYPED;
				tried(c, "the password typed");
				return 0;
			}
			if (!c->tried.len)
				return give_up(c, rf_xstrdup("the server asks for a user name and password: put them "
							     "in ~/.git-credentials (git's store format), or run "
							     "rf-sync on a terminal to type them"));
			continue;
		}
		default:
			return give_up(c, rf_xasprintf("the server refused %s", c->tried.buf));
		}
	}
}

static int acquire(git_credential **out, const char *url, const char *username_from_url, unsigned allowed,
		   void *payload)
{
	struct rf_cred *c = payload;
	const char *user = username_from_url && *username_from_url ? username_from_url : c->user;
	if (allowed & GIT_CREDENTIAL_USERNAME) {
		char *login = user ? NULL : login_name();
		int e = git_credential_username_new(out, user ? user : login);
		free(login);
		return e;
	}
	if (allowed & GIT_CREDENTIAL_SSH_KEY) {
		char *login = user ? NULL : login_name();
		int e = ssh_key(c, out, user ? user : login);
		free(login);
		return e;
	}
	if (allowed & GIT_CREDENTIAL_USERPASS_PLAINTEXT)
		return userpass(c, out, url, user);
	return give_up(c, rf_xstrdup("the server asks for a kind of credentials rf cannot give "
				     "(ssh keys and passwords are what it has)"));
}

/* --- host keys and certificates --------------------------------------- */

static int knownhost_keytype(git_cert_ssh_raw_type_t t)
{
	switch (t) {
	case GIT_CERT_SSH_RAW_TYPE_RSA:
		return LIBSSH2_KNOWNHOST_KEY_SSHRSA;
	case GIT_CERT_SSH_RAW_TYPE_DSS:
		return LIBSSH2_KNOWNHOST_KEY_SSHDSS;
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256:
		return LIBSSH2_KNOWNHOST_KEY_ECDSA_256;
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384:
		return LIBSSH2_KNOWNHOST_KEY_ECDSA_384;
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521:
		return LIBSSH2_KNOWNHOST_KEY_ECDSA_521;
	case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519:
		return LIBSSH2_KNOWNHOST_KEY_ED25519;
	default:
		return LIBSSH2_KNOWNHOST_KEY_UNKNOWN;
	}
}

static const char *keytype_name(git_cert_ssh_raw_type_t t)
{
	switch (t) {
	case GIT_CERT_SSH_RAW_TYPE_RSA:
		return "RSA";
	case GIT_CERT_SSH_RAW_TYPE_DSS:
		return "DSA";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_256:
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_384:
	case GIT_CERT_SSH_RAW_TYPE_KEY_ECDSA_521:
		return "ECDSA";
	case GIT_CERT_SSH_RAW_TYPE_KEY_ED25519:
		return "ED25519";
	default:
		return "ssh";
	}
}

/* How ~/.ssh/known_hosts lists host:port: LIBSSH2_KNOWNHOST_CHECK_* , or
 * -1 when the file cannot be read. */
static int known_host(const char *host, int port, const git_cert_hostkey *hk)
{
	int r = -1;
	char *path = home_path(".ssh/known_hosts");
	if (libssh2_init(0) != 0) {
		free(path);
		return -1;
	}
	LIBSSH2_SESSION *s = libssh2_session_init();
	LIBSSH2_KNOWNHOSTS *kh = s ? libssh2_knownhost_init(s) : NULL;
	if (kh && libssh2_knownhost_readfile(kh, path, LIBSSH2_KNOWNHOST_FILE_OPENSSH) >= 0) {
		struct libssh2_knownhost *found = NULL;
		int mask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | knownhost_keytype(hk->raw_type);
		r = libssh2_knownhost_checkp(kh, host, port, hk->hostkey, hk->hostkey_len, mask, &found);
	}
	if (kh)
		libssh2_knownhost_free(kh);
	if (s)
		libssh2_session_free(s);
	libssh2_exit();
	free(path);
	return r;
}

static int check_host(git_cert *cert, int valid, const char *host, void *payload)
{
	struct rf_cred *c = payload;
	if (valid)
		return GIT_PASSTHROUGH;
	if (cert->cert_type != GIT_CERT_HOSTKEY_LIBSSH2) {
		free(c->failure);
		c->failure = rf_xasprintf("the TLS certificate of %s is not trusted (an unknown authority, an "
					  "expired certificate or another host's name); if the server has its own "
					  "authority, point GIT_SSL_CAINFO or git config http.sslCAInfo at it",
					  host);
		return GIT_PASSTHROUGH;	/* libgit2's refusal stands */
	}
	const git_cert_hostkey *hk = (const git_cert_hostkey *)cert;
	struct rf_cred_url u;
	int port = 22;
	if (rf_cred_url_parse(c->url, &u) == 0) {
		port = u.port ? u.port : 22;
		rf_cred_url_free(&u);
	}
	char *fp = hk->type & GIT_CERT_SSH_SHA256 ? rf_cred_fingerprint(hk->hash_sha256) : rf_xstrdup("");
	char *name = port == 22 ? rf_xstrdup(host) : rf_xasprintf("[%s]:%d", host, port);
	char *scan = port == 22 ? rf_xasprintf("ssh-keyscan %s", host) : rf_xasprintf("ssh-keyscan -p %d %s", port, host);
	int known = known_host(host, port, hk);
	free(c->failure);
	if (known == LIBSSH2_KNOWNHOST_CHECK_MISMATCH)
		c->failure = rf_xasprintf("the host key of %s (%s %s) is not the one ~/.ssh/known_hosts has for "
					  "it: someone may be intercepting the connection, or the server was "
					  "reinstalled; if you know it was, remove the old key (ssh-keygen -R '%s') "
					  "and add the new one (%s >> ~/.ssh/known_hosts)",
					  name, keytype_name(hk->raw_type), fp, name, scan);
	else
		c->failure = rf_xasprintf("%s is not a known host (its %s key %s is not in ~/.ssh/known_hosts): "
					  "if that is the server's fingerprint, add it with '%s >> "
					  "~/.ssh/known_hosts' or connect once with ssh",
					  name, keytype_name(hk->raw_type), fp, scan);
	git_error_set_str(GIT_ERROR_SSH, c->failure);
	free(fp);
	free(name);
	free(scan);
	return GIT_ECERTIFICATE;
}

void rf_cred_callbacks(struct rf_cred *c, git_remote_callbacks *cb)
{
	cb->credentials = acquire;
	cb->certificate_check = check_host;
	cb->payload = c;
	c->next = 0;
	c->offered = OFFER_NONE;
	rf_buf_reset(&c->tried);
	rf_buf_reset(&c->skipped);
	free(c->failure);
	c->failure = NULL;
}

int rf_cred_tls_setup(git_repository *repo)
{
	const char *file = getenv("GIT_SSL_CAINFO"), *dir = getenv("GIT_SSL_CAPATH");
	git_config *cfg = NULL, *snap = NULL;
	char *cfile = NULL, *cdir = NULL;
	if (repo && git_repository_config(&cfg, repo) == 0 && git_config_snapshot(&snap, cfg) == 0) {
		const char *v;
		if ((!file || !*file) && git_config_get_string(&v, snap, "http.sslcainfo") == 0 && *v)
			file = cfile = rf_xstrdup(v);
		if ((!dir || !*dir) && git_config_get_string(&v, snap, "http.sslcapath") == 0 && *v)
			dir = cdir = rf_xstrdup(v);
	}
	git_config_free(snap);
	git_config_free(cfg);
	git_error_clear();
	int r = 0;
	if ((file && *file) || (dir && *dir))
		if (git_libgit2_opts(GIT_OPT_SET_SSL_CERT_LOCATIONS, file && *file ? file : NULL,
				     dir && *dir ? dir : NULL) < 0)
			r = rf_git_error(file && *file ? file : dir);
	free(cfile);
	free(cdir);
	return r;
}
