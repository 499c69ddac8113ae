#include "cli.h"

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>

#include "util.h"

void rf_cli_init(void)
{
	umask(077);
	/* EPIPE as an error code, not a signal, so rf_cli_finish decides. */
	signal(SIGPIPE, SIG_IGN);
}

int rf_cli_version(void)
{
	printf("%s (rf) %s\n", rf_progname(), RF_VERSION);
	return RF_OK;
}

int rf_cli_usage_error(const char *usage)
{
	fprintf(stderr, "usage: %s\nTry '%s --help' for more information.\n", usage, rf_progname());
	return RF_FAIL;
}

int rf_cli_finish(int status)
{
	int err = 0;
	if (fflush(stdout) != 0 || ferror(stdout))
		err = errno ? errno : EIO;
	if (fclose(stdout) != 0 && !err)
		err = errno ? errno : EIO;
	if (!err || err == EPIPE)
		return status;
	fprintf(stderr, "%s: write error: %s\n", rf_progname(), strerror(err));
	return RF_FAIL;
}
