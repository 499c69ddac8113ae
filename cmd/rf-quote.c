/* rf-quote: keep the exact words someone said, dated. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "edit.h"
#include "quote.h"
#include "record.h"
#include "session.h"

static const struct rf_option options[] = {
	{ 'w', "who", "WHO", "who said it (pd, apd, resident, ...)" },
	{ 0 },
};

static int option(struct rf_cli *cli, int id)
{
	if (id == 'w')
		*(const char **)cli->opts = cli->arg;
	return 0;
}

/* The words to quote: the operands after PROGRAM, else standard input.
 * The line breaks and blank lines that end a paste or a file (CRLF from
 * Windows too) are dropped; a text of several lines is refused with the way
 * to join it, since a quote is one line of the note. */
static int read_words(const char *prog, char *const *words, int n, struct rf_buf *out)
{
	for (int i = 0; i < n; i++)
		rf_buf_addf(out, "%s%s", i ? " " : "", words[i]);
	if (n == 0 && rf_read_fd(STDIN_FILENO, out) < 0)
		return rf_error_errno("standard input");
	if (memchr(out->buf ? out->buf : "", '\0', out->len))
		return rf_error("the text holds a NUL byte");
	if (n == 0)
		rf_quote_trim_end(out);
	size_t lines = rf_quote_lines(out->buf ? out->buf : "");
	if (lines > 1) {
		struct rf_buf q = RF_BUF_INIT;
		rf_shell_quote(&q, prog);
		rf_error("the text has %zu lines, and a quote is one line of the note: join them "
			 "(... | tr '\\n' ' ' | rf-quote %s) or quote each line by itself", lines, q.buf);
		rf_buf_free(&q);
		return -1;
	}
	if (strspn(out->buf ? out->buf : "", " \t") == out->len)
		return rf_error("no text to quote");
	return 0;
}

static int run(struct rf_cli *cli, struct rf_session *s)
{
	struct rf_buf words = RF_BUF_INIT, next = RF_BUF_INIT;
	struct rf_revnote rn = { 0 };
	struct rf_when now;
	char *key = NULL;
	int status = RF_FAIL, committed;
	if (read_words(cli->operands[0], cli->operands + 1, cli->noperands - 1, &words) == 0 && rf_date_now(&now) == 0 &&
	    rf_session_open(s, RF_SESSION_WRITE) == 0 && rf_session_note(s, cli->operands[0], &rn) == 0 &&
	    (key = rf_quote_key(&rn.note, &now, *(const char **)cli->opts)) &&
	    rf_edit_set(rn.file, rn.note.text, rn.note.len, "quotes", key, words.buf, &next) == 0 &&
	    rf_record_text(&s->st, &s->nd, "quote", rn.file, next.buf, next.len, 0, &committed) == 0)
		status = RF_OK;
	rf_revnote_free(&rn);
	rf_buf_free(&words);
	rf_buf_free(&next);
	free(key);
	return status;
}

static const struct rf_command command = {
	.usage = "rf-quote [-C DIR] [-w WHO] PROGRAM [TEXT...]",
	.about = "Add TEXT (the words after PROGRAM joined by spaces, even those starting\n"
		 "with '-'; standard input when absent, without the line breaks and blank\n"
		 "lines that end it) to the program's [quotes] exactly as said, under the\n"
		 "key \"DATE WHO\", and commit.",
	.options = options,
	.min_operands = 1,
	.max_operands = -1,
	.option = option,
	.run = run,
};

int main(int argc, char **argv)
{
	const char *who = NULL;
	return rf_cli_main(&command, &who, argc, argv);
}
