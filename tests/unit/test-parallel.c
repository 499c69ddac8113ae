/* Work on threads: every job runs once, whether on a thread of its own or
 * on the caller (the first, and those beyond the most threads), and the
 * number of stretches follows the CPUs and the least work per stretch. */
#include <pthread.h>
#include <stdlib.h>
#include <unistd.h>

#include "parallel.h"
#include "unit.h"

struct job {
	unsigned char *seen;
	size_t lo, hi;
	pthread_t by;
	int ran;
};

static void *mark(void *arg)
{
	struct job *j = arg;
	for (size_t i = j->lo; i < j->hi; i++)
		j->seen[i]++;
	j->by = pthread_self();
	j->ran++;
	return NULL;
}

static void every_job_once(struct unit *u)
{
	enum { N = 1000 };
	for (size_t n = 0; n <= RF_PARALLEL_MAX + 4; n++) {
		unsigned char seen[N] = { 0 };
		struct job jobs[RF_PARALLEL_MAX + 4];
		for (size_t k = 0; k < n; k++)
			jobs[k] = (struct job){ seen, N * k / n, N * (k + 1) / n, 0, 0 };
		rf_parallel_run(mark, jobs, sizeof(*jobs), n);
		int once = 1;
		for (size_t i = 0; i < N; i++)
			once &= seen[i] == (n ? 1 : 0);
		CHECK(u, once);
		for (size_t k = 0; k < n; k++)
			CHECK(u, jobs[k].ran == 1);
		if (n)
			CHECK(u, pthread_equal(jobs[0].by, pthread_self()));
		for (size_t k = RF_PARALLEL_MAX; k < n; k++)
			CHECK(u, pthread_equal(jobs[k].by, pthread_self()));
	}
}

static void how_many(struct unit *u)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t most = cpus < 1 ? 1 : cpus > RF_PARALLEL_MAX ? RF_PARALLEL_MAX : (size_t)cpus;
	CHECK(u, rf_parallel_threads(0, 16) == 1);
	CHECK(u, rf_parallel_threads(15, 16) == 1);
	CHECK(u, rf_parallel_threads(32, 16) == (most < 2 ? most : 2));
	CHECK(u, rf_parallel_threads(1000000, 16) == most);
	CHECK(u, rf_parallel_threads(3, 0) == (most < 3 ? most : 3));
}

int main(void)
{
	struct unit u = { 0, 0, 0 };
	RUN(&u, every_job_once);
	RUN(&u, how_many);
	return UNIT_DONE(&u);
}
