/* Unit tests for lib/editor.c: which editor runs, how the path reaches it,
 * and the one line reported when it cannot run or fails. */
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "editor.h"
#include "unit.h"
#include "util.h"

struct scratch {
	char *dir, *note, *err;
};

static void scratch_open(struct scratch *s)
{
	const char *tmp = getenv("TMPDIR");
	s->dir = rf_xasprintf("%s/rf-test-editor-%ld", tmp && *tmp ? tmp : "/tmp", (long)getpid());
	mkdir(s->dir, 0700);
	/* Spaces, quotes and a leading dash: the path must reach the editor whole. */
	s->note = rf_xasprintf("%s/-it's a \"note\" $HOME.ini", s->dir);
	s->err = rf_xasprintf("%s/stderr", s->dir);
	int fd = open(s->note, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	if (fd >= 0) {
		ssize_t n = write(fd, "a\n", 2);
		(void)n;
		close(fd);
	}
	unsetenv("VISUAL");
	unsetenv("EDITOR");
}

static void scratch_close(struct scratch *s)
{
	unlink(s->note);
	unlink(s->err);
	rmdir(s->dir);
	free(s->dir);
	free(s->note);
	free(s->err);
}

/* Run the editor with stderr captured; *said gets what it printed. */
static int run_capturing(struct scratch *s, const char *aftermath, struct rf_buf *said)
{
	fflush(stderr);
	int saved = dup(STDERR_FILENO);
	int fd = open(s->err, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	dup2(fd, STDERR_FILENO);
	close(fd);
	int rc = rf_editor_run(s->note, aftermath);
	fflush(stderr);
	dup2(saved, STDERR_FILENO);
	close(saved);
	rf_read_file(s->err, said);
	return rc;
}

static char *note_text(struct scratch *s)
{
	struct rf_buf b = RF_BUF_INIT;
	rf_read_file(s->note, &b);
	return b.buf ? b.buf : rf_xstrdup("");
}

/* Run the editor on the scratch note and check the result, what it printed
 * (want_said without the program name, NULL for nothing) and, unless NULL,
 * the note's text afterwards. */
static void expect_run(struct unit *u, struct scratch *s, const char *aftermath, int want_rc,
		       const char *want_said, const char *want_text)
{
	struct rf_buf said = RF_BUF_INIT;
	CHECK(u, run_capturing(s, aftermath, &said) == want_rc);
	char *want = want_said ? rf_xasprintf("%s: %s\n", rf_progname(), want_said) : rf_xstrdup("");
	CHECK_STR(u, said.buf ? said.buf : "", want);
	free(want);
	free(said.buf);
	if (want_text) {
		char *text = note_text(s);
		CHECK_STR(u, text, want_text);
		free(text);
	}
}

static void bare_command_gets_the_path_as_one_argument(struct unit *u)
{
	struct scratch s;
	scratch_open(&s);
	/* rm fails unless it gets the exact path as one word. */
	setenv("EDITOR", "rm", 1);
	expect_run(u, &s, "nothing committed", 0, NULL, NULL);
	CHECK(u, access(s.note, F_OK) < 0);
	scratch_close(&s);
}

static void editor_with_arguments_runs_through_the_shell(struct unit *u)
{
	struct scratch s;
	scratch_open(&s);
	setenv("EDITOR", "sed -i -e s/a/b/", 1);
	expect_run(u, &s, "nothing committed", 0, NULL, "b\n");
	scratch_close(&s);
}

static void visual_wins_over_editor(struct unit *u)
{
	struct scratch s;
	scratch_open(&s);
	setenv("VISUAL", "sed -i -e s/a/visual/", 1);
	setenv("EDITOR", "false", 1);
	expect_run(u, &s, "nothing committed", 0, NULL, "visual\n");
	/* An empty VISUAL counts as unset. */
	setenv("VISUAL", "", 1);
	setenv("EDITOR", "sed -i -e s/visual/editor/", 1);
	expect_run(u, &s, "nothing committed", 0, NULL, "editor\n");
	scratch_close(&s);
}

static void missing_program_is_one_line(struct unit *u)
{
	struct scratch s;
	scratch_open(&s);
	setenv("EDITOR", "rf-no-such-editor", 1);
	expect_run(u, &s, "the note is kept", -1,
		   "cannot run editor 'rf-no-such-editor': No such file or directory (set VISUAL or EDITOR); "
		   "the note is kept",
		   "a\n");
	scratch_close(&s);
}

static void failure_and_signal_are_reported_with_the_aftermath(struct unit *u)
{
	struct scratch s;
	scratch_open(&s);
	setenv("EDITOR", "exit 3;", 1);
	expect_run(u, &s, "nothing committed", -1, "editor 'exit 3;' exited with status 3; nothing committed", "a\n");
	setenv("EDITOR", "kill -TERM $$;", 1);
	expect_run(u, &s, "nothing committed", -1,
		   "editor 'kill -TERM $$;' was killed by signal 15; nothing committed", "a\n");
	scratch_close(&s);
}

/* Ctrl-C and Ctrl-\ reach rf as well as the editor: rf ignores them while
 * it waits (this test process would die otherwise), the editor gets the
 * dispositions rf had, and rf's own are back afterwards. */
static void interrupts_are_ignored_while_the_editor_runs(struct unit *u)
{
	struct scratch s;
	scratch_open(&s);
	/* A shell starts background jobs with both ignored (make check &). */
	signal(SIGINT, SIG_DFL);
	signal(SIGQUIT, SIG_DFL);
	setenv("EDITOR", "trap '' INT QUIT; kill -INT $PPID; kill -QUIT $PPID; echo b >", 1);
	expect_run(u, &s, "nothing committed", 0, NULL, "b\n");
	struct sigaction now;
	sigaction(SIGINT, NULL, &now);
	CHECK(u, now.sa_handler == SIG_DFL);
	/* An editor killed by Ctrl-C is reported, rf still running. */
	setenv("EDITOR", "kill -INT $$; :", 1);
	expect_run(u, &s, "nothing committed", -1, "editor 'kill -INT $$; :' was killed by signal 2; nothing committed",
		   NULL);
	scratch_close(&s);
}

int main(void)
{
	struct unit u = { 0 };
	RUN(&u, bare_command_gets_the_path_as_one_argument);
	RUN(&u, editor_with_arguments_runs_through_the_shell);
	RUN(&u, visual_wins_over_editor);
	RUN(&u, missing_program_is_one_line);
	RUN(&u, failure_and_signal_are_reported_with_the_aftermath);
	RUN(&u, interrupts_are_ignored_while_the_editor_runs);
	return UNIT_DONE(&u);
}
