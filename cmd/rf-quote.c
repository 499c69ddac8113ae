/* rf-quote: keep the exact words someone said, dated. */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "date.h"
#include "edit.h"
#include "notesdir.h"
#include "quote.h"
#include "record.h"
#include "store.h"

static const char usage[] = "rf-quote [-C DIR] [-w WHO] PROGRAM [TEXT...]";

static void help(void)
{
	printf("usage: %s\n\n"
	       "Add TEXT (the words joined by spaces; standard input when absent) to the\n"
	       "program's [quotes] exactly as said, under the key \"DATE WHO\", and commit.\n\n"
	       "  -C DIR          notes directory (default $RF_DIR, else ~/rf)\n"
	       "  -w, --who WHO   who said it (pd, apd, resident, ...)\n"
	       "  -h, --help      show this help\n      --version\n",
	       usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "who", required_argument, NULL, 'w' },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 },
	};
	const char *dir_opt = NULL, *who = NULL;
	int c;
	rf_cli_init();
	while ((c = getopt_long(argc, argv, "C:w:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'C': dir_opt = optarg; break;
		case 'w': who = optarg; break;
		case 'h': help(); return rf_cli_finish(RF_OK);
		case 'V': return rf_cli_finish(rf_cli_version());
		default: return rf_cli_usage_error(usage);
		}
	}
	if (argc - optind < 1)
		return rf_cli_usage_error(usage);

	int status = RF_FAIL, committed;
	char *dir = rf_notesdir_locate(dir_opt), *slug = NULL, *file = NULL, *key = NULL;
	struct rf_notesdir nd = { NULL, -1 };
	struct rf_store st = { NULL, NULL, -1 };
	struct rf_buf text = RF_BUF_INIT, words = RF_BUF_INIT, next = RF_BUF_INIT;
	struct rf_note note = { 0 };
	struct rf_when now;

	if (optind + 1 < argc) {
		for (int i = optind + 1; i < argc; i++)
			rf_buf_addf(&words, "%s%s", i > optind + 1 ? " " : "", argv[i]);
	} else if (rf_read_fd(STDIN_FILENO, &words) < 0) {
		rf_error_errno("standard input");
		goto out;
	} else if (words.len && words.buf[words.len - 1] == '\n') {
		words.buf[--words.len] = '\0';	/* the newline that ends the input */
	}
	if (memchr(words.buf ? words.buf : "", '\0', words.len)) {
		rf_error("the text holds a NUL byte");
		goto out;
	}
	if (!words.len) {
		rf_error("no text to quote");
		goto out;
	}
	if (rf_date_now(&now) < 0 || rf_notesdir_open(&nd, dir) < 0 ||
	    rf_store_open(&st, dir, RF_STORE_WRITE) < 0 || rf_notesdir_resolve(&nd, argv[optind], &slug) < 0)
		goto out;
	file = rf_xasprintf("%s.ini", slug);
	if (rf_notesdir_read(&nd, file, &text, NULL) < 0 || rf_note_parse(&note, file, text.buf, text.len, 1) < 0)
		goto out;
	if (!(key = rf_quote_key(&note, &now, who)))
		goto out;
	if (rf_edit_set(file, text.buf, text.len, "quotes", key, words.buf, &next) < 0 ||
	    rf_record_text(&st, &nd, "quote", file, next.buf, next.len, 0, &committed) < 0)
		goto out;
	status = RF_OK;
out:
	rf_note_free(&note);
	rf_buf_free(&text);
	rf_buf_free(&words);
	rf_buf_free(&next);
	rf_store_close(&st);
	rf_notesdir_close(&nd);
	free(key);
	free(file);
	free(slug);
	free(dir);
	return rf_cli_finish(status);
}
