/* cli.h: what every rf command does the same way: start-up, --version,
 * usage errors, and making stdout write errors reach the exit status. */
#ifndef RF_CLI_H
#define RF_CLI_H

#include <stdio.h>

/* Exit statuses (SPEC §4). */
enum { RF_OK = 0, RF_NO = 1, RF_FAIL = 2 };

/* umask 077 (notes are private), line-buffered errors. */
void rf_cli_init(void);
/* Print "NAME (rf) VERSION"; returns RF_OK. */
int rf_cli_version(void);
/* Print "usage: ..." and the hint to stderr; returns RF_FAIL. */
int rf_cli_usage_error(const char *usage);
/* Flush and close stdout: a write error is reported and turns status into
 * RF_FAIL; a closed pipe (rf-log | head) is not an error. */
int rf_cli_finish(int status);

#endif
