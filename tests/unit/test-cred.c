/* Credentials: URLs as credentials are looked up by, git's credential
 * store, which keys need a passphrase, fingerprints as ssh prints them. */
#include <stdlib.h>
#include <string.h>

#include "cred.h"
#include "unit.h"

static char *parsed(const char *url)
{
	struct rf_cred_url u;
	if (rf_cred_url_parse(url, &u) < 0)
		return rf_xstrdup("(error)");
	char *s = rf_xasprintf("%s %s %d", u.scheme, u.host, u.port);
	rf_cred_url_free(&u);
	return s;
}

static void urls(struct unit *u)
{
	static const char *const cases[][2] = {
		{ "ssh://ana@nas.local:2222/srv/notes.git", "ssh nas.local 2222" },
		{ "ssh://nas/notes.git", "ssh nas 22" },
		{ "git@github.com:ana/notes.git", "ssh github.com 22" },
		{ "nas:notes.git", "ssh nas 22" },
		{ "https://ana:pw@Example.ORG/notes.git", "https example.org 443" },
		{ "https://example.org:8443", "https example.org 8443" },
		{ "http://127.0.0.1:8080/x", "http 127.0.0.1 8080" },
		{ "ssh://[::1]:2200/x", "ssh ::1 2200" },
		{ "/media/usb/notes.git", "file  0" },
		{ "file:///media/usb/notes.git", "file  0" },
		{ "./notes.git", "file  0" },
		{ "https://host:99999/x", "(error)" },
		{ "https://host:x/x", "(error)" },
	};
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *s = parsed(cases[i][0]);
		CHECK_STR(u, s, cases[i][1]);
		free(s);
	}
}

static char *found(const char *store, const char *url, const char *user)
{
	char *nu, *np;
	if (!rf_cred_store_find(store, strlen(store), url, user, &nu, &np))
		return rf_xstrdup("(none)");
	char *s = rf_xasprintf("%s|%s", nu, np);
	free(nu);
	free(np);
	return s;
}

static void store(struct unit *u)
{
	const char *text = "https://bob:first@other.org\n"
			   "garbage line\n"
			   "\n"
			   "https://ana:p%40ss%3Aw%C3%B6rd@example.org\r\n"
			   "https://carl:c@example.org\n"
			   "https://dora:d@example.org:8443/some/path\n"
			   "http://eve:e@example.org\n"
			   "https://nopass@example.com\n";
	char *s = found(text, "https://example.org/ana/notes.git", NULL);
	CHECK_STR(u, s, "ana|p@ss:wörd");
	free(s);
	/* The user in the URL must match. */
	s = found(text, "https://carl@example.org/notes.git", "carl");
	CHECK_STR(u, s, "carl|c");
	free(s);
	/* Port and scheme are part of the host; the stored path is not matched. */
	s = found(text, "https://example.org:8443/notes.git", NULL);
	CHECK_STR(u, s, "dora|d");
	free(s);
	s = found(text, "http://example.org/notes.git", NULL);
	CHECK_STR(u, s, "eve|e");
	free(s);
	s = found(text, "https://example.net/notes.git", NULL);
	CHECK_STR(u, s, "(none)");
	free(s);
	s = found(text, "https://zed@example.org/notes.git", "zed");
	CHECK_STR(u, s, "(none)");
	free(s);
	/* A line without a password is no credential. */
	s = found(text, "https://example.com/x", NULL);
	CHECK_STR(u, s, "(none)");
	free(s);
	/* No newline at the end. */
	s = found("https://ana:x@h.org", "https://h.org/x", NULL);
	CHECK_STR(u, s, "ana|x");
	free(s);
}

static void keys(struct unit *u)
{
	static const char plain[] = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
				    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW\n"
				    "QyNTUxOQAAACBtIBiLxlSCpWKaQLpO4BfLOmgBM9rrcpOufZEEuiHLfgAAAIhdR+MjXUfj\n"
				    "-----END OPENSSH PRIVATE KEY-----\n";
	static const char locked[] = "-----BEGIN OPENSSH PRIVATE KEY-----\n"
				     "b3BlbnNzaC1rZXktdjEAAAAACmFlczI1Ni1jdHIAAAAGYmNyeXB0AAAAGAAAABC0AjVmIo\n"
				     "6tgeCemx5+hxwIAAAAEAAAAAEAAAAzAAAAC3NzaC1lZDI1NTE5AAAAIHQmAYInZtQfVMQn\n"
				     "-----END OPENSSH PRIVATE KEY-----\n";
	static const char pem_locked[] = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n"
					 "DEK-Info: AES-128-CBC,00\n\nAAAA\n-----END RSA PRIVATE KEY-----\n";
	static const char pem_plain[] = "-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----\n";
	static const char pkcs8[] = "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n";
	CHECK(u, rf_cred_key_encrypted(plain, sizeof(plain) - 1) == 0);
	CHECK(u, rf_cred_key_encrypted(locked, sizeof(locked) - 1) == 1);
	CHECK(u, rf_cred_key_encrypted(pem_locked, sizeof(pem_locked) - 1) == 1);
	CHECK(u, rf_cred_key_encrypted(pem_plain, sizeof(pem_plain) - 1) == 0);
	CHECK(u, rf_cred_key_encrypted(pkcs8, sizeof(pkcs8) - 1) == 1);
	CHECK(u, rf_cred_key_encrypted("ssh-ed25519 AAAA", 16) == -1);
	CHECK(u, rf_cred_key_encrypted("-----BEGIN OPENSSH PRIVATE KEY-----\nAAAA\n", 40) == -1);
	CHECK(u, rf_cred_key_encrypted("", 0) == -1);
}

static void fingerprints(struct unit *u)
{
	unsigned char sha[32];
	memset(sha, 0, sizeof(sha));
	char *s = rf_cred_fingerprint(sha);
	CHECK_STR(u, s, "SHA256:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
	free(s);
	/* The SHA-256 of the key "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIIBqBjvZVsP2
	 * Cu+tEjSLXZXW7i+h1xeDKQa7JoyObs0b", which ssh-keygen -lf prints so. */
	static const unsigned char k[32] = { 0xfb, 0xe8, 0x0f, 0xac, 0x90, 0xa6, 0x0c, 0x41, 0x5a, 0xa8, 0x24,
					     0xc6, 0xec, 0x55, 0x5f, 0x27, 0xb6, 0xd2, 0x38, 0x9d, 0x94, 0x8e,
					     0x8e, 0xf7, 0xb1, 0xa6, 0xb0, 0xa1, 0x93, 0xbd, 0x56, 0xe3 };
	s = rf_cred_fingerprint(k);
	CHECK_STR(u, s, "SHA256:++gPrJCmDEFaqCTG7FVfJ7bSOJ2Ujo73saawoZO9VuM");
	free(s);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, urls);
	RUN(&u, store);
	RUN(&u, keys);
	RUN(&u, fingerprints);
	return UNIT_DONE(&u);
}
