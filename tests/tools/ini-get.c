/* ini-get FILE SECTION:KEY: print the value exactly as iniparser 4.1 reads
 * it (no newline added), so tests can check what rf wrote independently of
 * rf's own reader.  Exit 1 when the key is absent, 2 when the file fails. */
#include <stdio.h>

#include <iniparser.h>

static int quiet(const char *fmt, ...)
{
	(void)fmt;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fputs("usage: ini-get FILE SECTION:KEY\n", stderr);
		return 2;
	}
	iniparser_set_error_callback(quiet);
	dictionary *d = iniparser_load(argv[1]);
	if (!d) {
		fprintf(stderr, "ini-get: %s: iniparser cannot read it\n", argv[1]);
		return 2;
	}
	const char *v = iniparser_getstring(d, argv[2], NULL);
	int status = 1;
	if (v) {
		fputs(v, stdout);
		status = 0;
	}
	iniparser_freedict(d);
	return fflush(stdout) == 0 ? status : 2;
}
