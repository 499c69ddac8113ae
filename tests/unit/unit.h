/* unit.h: a minimal TAP producer for rf's C unit tests.  Each test file
 * defines test functions and lists them in main with RUN(). */
#ifndef RF_UNIT_H
#define RF_UNIT_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct unit {
	int n, failed;	/* tests run, tests failed */
	int bad;	/* checks failed in the current test */
};

#define CHECK(u, cond)                                                                        \
	do {                                                                                  \
		if (!(cond)) {                                                                \
			printf("# %s:%d: CHECK(%s) failed\n", __FILE__, __LINE__, #cond);     \
			(u)->bad++;                                                           \
		}                                                                             \
	} while (0)

#define CHECK_STR(u, got, want)                                                               \
	do {                                                                                  \
		const char *g_ = (got), *w_ = (want);                                         \
		if (!g_ || strcmp(g_, w_) != 0) {                                             \
			printf("# %s:%d: got \"%s\", want \"%s\"\n", __FILE__, __LINE__,      \
			       g_ ? g_ : "(null)", w_);                                       \
			(u)->bad++;                                                           \
		}                                                                             \
	} while (0)

#define RUN(u, fn)                                                                            \
	do {                                                                                  \
		(u)->bad = 0;                                                                 \
		fn(u);                                                                        \
		(u)->n++;                                                                     \
		printf("%sok %d - %s\n", (u)->bad ? "not " : "", (u)->n, #fn);                \
		if ((u)->bad)                                                                 \
			(u)->failed++;                                                        \
	} while (0)

/* Remove a test's temporary directory (from mkdtemp) and all it holds. */
static inline void unit_remove_dir(const char *dir)
{
	char cmd[256];
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		abort();
}

#define UNIT_DONE(u) (printf("1..%d\n", (u)->n), (u)->failed ? 1 : 0)

#endif
