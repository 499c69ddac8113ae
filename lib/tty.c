#include "tty.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <sys/signalfd.h>
#include <termios.h>
#include <unistd.h>

/* Longest answer kept; a longer line is refused rather than cut. */
#define ANSWER_MAX 4096

/* A prompt the terminal does not take is no reason to stop asking. */
static void put(int fd, const char *s)
{
	(void)rf_write_all(fd, s, strlen(s));
}

void rf_tty_wipe(struct rf_buf *secret)
{
	if (secret->buf)
		explicit_bzero(secret->buf, secret->cap ? secret->cap : secret->len);
	rf_buf_free(secret);
}

/* Read one line from fd while the signals that end a process are held in a
 * signalfd: a signal then ends the read, and the caller restores the
 * terminal before letting it act.  Returns 1 with the line, 0 at end of
 * input, -1 with *sig set to the signal that came, or -2 on an error. */
static int read_line(int fd, int sfd, struct rf_buf *answer, int *sig)
{
	char c;
	rf_buf_reset(answer);
	for (;;) {
		struct pollfd p[2] = { { fd, POLLIN, 0 }, { sfd, POLLIN, 0 } };
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return -2;
		}
		if (p[1].revents & POLLIN) {
			struct signalfd_siginfo si;
			if (read(sfd, &si, sizeof(si)) == (ssize_t)sizeof(si)) {
				*sig = (int)si.ssi_signo;
				return -1;
			}
		}
		if (!(p[0].revents & (POLLIN | POLLHUP | POLLERR)))
			continue;
		ssize_t n = read(fd, &c, 1);
		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0)
			return -2;
		if (n == 0)
			return answer->len ? 1 : 0;
		if (c == '\n')
			return 1;
		if (answer->len >= ANSWER_MAX) {
			errno = E2BIG;
			return -2;
		}
		rf_buf_addc(answer, c);
	}
}

int rf_tty_ask_fd(int fd, const char *prompt, int echo, struct rf_buf *answer)
{
	struct termios saved, quiet;
	int restore = 0, sig = 0, r;
	sigset_t mask, old;

	if (fd < 0 || !isatty(fd))
		return 0;

	sigemptyset(&mask);
	sigaddset(&mask, SIGINT);
	sigaddset(&mask, SIGTERM);
	sigaddset(&mask, SIGHUP);
	sigaddset(&mask, SIGQUIT);
	sigaddset(&mask, SIGTSTP);
	if (sigprocmask(SIG_BLOCK, &mask, &old) < 0)
		return rf_error_errno("terminal");
	int sfd = signalfd(-1, &mask, SFD_CLOEXEC);
	if (sfd < 0) {
		sigprocmask(SIG_SETMASK, &old, NULL);
		return rf_error_errno("terminal");
	}
	if (!echo && tcgetattr(fd, &saved) == 0) {
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)(ECHO | ECHOE | ECHOK | ECHONL);
		restore = tcsetattr(fd, TCSAFLUSH, &quiet) == 0;
	}
	put(fd, prompt);
	r = read_line(fd, sfd, answer, &sig);
	if (restore)
		tcsetattr(fd, TCSAFLUSH, &saved);
	if (!echo)
		put(fd, "\n");	/* the newline typed was not shown */
	close(sfd);
	if (r == -1) {
		/* Let the signal act as it would have, now that the terminal
		 * shows what is typed again. */
		rf_tty_wipe(answer);
		sigprocmask(SIG_SETMASK, &old, NULL);
		raise(sig);
		return rf_error("interrupted");
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	if (r == -2) {
		rf_tty_wipe(answer);
		return rf_error_errno("terminal");
	}
	return r;
}

int rf_tty_ask(const char *prompt, int echo, struct rf_buf *answer)
{
	int fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	int r = rf_tty_ask_fd(fd, prompt, echo, answer);
	close(fd);
	return r;
}
