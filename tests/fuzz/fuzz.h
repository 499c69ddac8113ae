/* fuzz.h: what every rf libFuzzer target shares. */
#ifndef RF_FUZZ_H
#define RF_FUZZ_H

#include <stdio.h>
#include <stdlib.h>

/* rf reports bad input on stderr by design; millions of those lines would
 * only slow the fuzzer down, so the stdio stream goes to /dev/null while
 * file descriptor 2 stays open for libFuzzer's stats and sanitizer reports
 * (RF_FUZZ_VERBOSE=1 keeps rf's messages). */
static inline void rf_fuzz_quiet(void)
{
	FILE *null;
	if (getenv("RF_FUZZ_VERBOSE") || !(null = fopen("/dev/null", "w")))
		return;
	stderr = null;
}

/* A broken guarantee: say which and crash so libFuzzer keeps the input. */
#define RF_FUZZ_ASSERT(cond)                                                          \
	do {                                                                          \
		if (!(cond)) {                                                        \
			dprintf(1, "%s:%d: guarantee broken: %s\n", __FILE__, __LINE__, #cond); \
			abort();                                                      \
		}                                                                     \
	} while (0)

#endif
