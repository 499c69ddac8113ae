/* Asking on a terminal, driven through a pseudo-terminal: the answer read,
 * a secret not echoed, end of input, and Ctrl-C with the terminal
 * restored. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include "tty.h"
#include "unit.h"

struct pty {
	int master, slave;
};

static void pty_open(struct pty *p)
{
	p->master = posix_openpt(O_RDWR | O_NOCTTY);
	if (p->master < 0 || grantpt(p->master) < 0 || unlockpt(p->master) < 0)
		abort();
	p->slave = open(ptsname(p->master), O_RDWR | O_NOCTTY);
	if (p->slave < 0)
		abort();
}

static void pty_close(struct pty *p)
{
	close(p->master);
	close(p->slave);
}

/* What the terminal shows until it shows want (or 2 s pass), appended. */
static void shown_until(int master, const char *want, struct rf_buf *seen)
{
	char c;
	for (int i = 0; i < 2000 && (!seen->buf || !strstr(seen->buf, want)); i++) {
		fd_set fds;
		struct timeval tv = { 0, 1000 };
		FD_ZERO(&fds);
		FD_SET(master, &fds);
		if (select(master + 1, &fds, NULL, NULL, &tv) > 0 && read(master, &c, 1) == 1)
			rf_buf_addc(seen, c);
	}
}

/* A child that plays the person: waits for the prompt, then types. */
static pid_t typist(int master, const char *prompt, const char *keys)
{
	pid_t pid = fork();
	if (pid == 0) {
		struct rf_buf seen = RF_BUF_INIT;
		shown_until(master, prompt, &seen);
		if (write(master, keys, strlen(keys)) < 0)
			_exit(1);
		_exit(0);
	}
	return pid;
}

static void secret_not_echoed(struct unit *u)
{
	struct pty p;
	struct rf_buf ans = RF_BUF_INIT, seen = RF_BUF_INIT;
	pty_open(&p);
	pid_t t = typist(p.master, "Passphrase: ", "open sesame\n");
	CHECK(u, rf_tty_ask_fd(p.slave, "Passphrase: ", 0, &ans) == 1);
	waitpid(t, NULL, 0);
	CHECK_STR(u, ans.buf, "open sesame");
	/* After the prompt (which the typist read) only the newline rf
	 * writes for the one typed. */
	shown_until(p.master, "\n", &seen);
	CHECK_STR(u, seen.buf, "\r\n");
	/* Echo is back on afterwards. */
	struct termios tio;
	tcgetattr(p.slave, &tio);
	CHECK(u, tio.c_lflag & ECHO);
	rf_tty_wipe(&ans);
	rf_buf_free(&seen);
	pty_close(&p);
}

static void name_echoed(struct unit *u)
{
	struct pty p;
	struct rf_buf ans = RF_BUF_INIT, seen = RF_BUF_INIT;
	pty_open(&p);
	pid_t t = typist(p.master, "Username: ", "ana\n");
	CHECK(u, rf_tty_ask_fd(p.slave, "Username: ", 1, &ans) == 1);
	waitpid(t, NULL, 0);
	CHECK_STR(u, ans.buf, "ana");
	shown_until(p.master, "\n", &seen);
	CHECK_STR(u, seen.buf, "ana\r\n");
	rf_buf_free(&ans);
	rf_buf_free(&seen);
	pty_close(&p);
}

static void end_of_input(struct unit *u)
{
	struct pty p;
	struct rf_buf ans = RF_BUF_INIT;
	pty_open(&p);
	pid_t t = typist(p.master, "Q: ", "\x04");	/* Ctrl-D */
	CHECK(u, rf_tty_ask_fd(p.slave, "Q: ", 1, &ans) == 0);
	waitpid(t, NULL, 0);
	rf_buf_free(&ans);
	pty_close(&p);
	/* No terminal at all is no answer, not an error. */
	CHECK(u, rf_tty_ask_fd(-1, "Q: ", 1, &ans) != 1);
	rf_buf_free(&ans);
}

static void interrupted(struct unit *u)
{
	struct pty p;
	struct rf_buf seen = RF_BUF_INIT;
	pty_open(&p);
	pid_t asker = fork();
	if (asker == 0) {
		struct rf_buf ans = RF_BUF_INIT;
		rf_tty_ask_fd(p.slave, "Passphrase: ", 0, &ans);
		_exit(3);
	}
	shown_until(p.master, "Passphrase: ", &seen);
	kill(asker, SIGINT);
	int status;
	waitpid(asker, &status, 0);
	CHECK(u, WIFSIGNALED(status) && WTERMSIG(status) == SIGINT);
	struct termios tio;
	tcgetattr(p.slave, &tio);
	CHECK(u, tio.c_lflag & ECHO);
	rf_buf_free(&seen);
	pty_close(&p);
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, secret_not_echoed);
	RUN(&u, name_echoed);
	RUN(&u, end_of_input);
	RUN(&u, interrupted);
	return UNIT_DONE(&u);
}
