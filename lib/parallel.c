#include "parallel.h"

#include <pthread.h>
#include <unistd.h>

size_t rf_parallel_threads(size_t items, size_t min_each)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	size_t n = cpus < 1 ? 1 : cpus > RF_PARALLEL_MAX ? RF_PARALLEL_MAX : (size_t)cpus;
	size_t fit = min_each ? items / min_each : items;
	if (n > fit)
		n = fit ? fit : 1;
	return n;
}

void rf_parallel_run(void *(*fn)(void *job), void *jobs, size_t size, size_t n)
{
	pthread_t tids[RF_PARALLEL_MAX];
	int started[RF_PARALLEL_MAX] = { 0 };
	char *at = jobs;
	for (size_t k = 1; k < n && k < RF_PARALLEL_MAX; k++)
		started[k] = pthread_create(&tids[k], NULL, fn, at + k * size) == 0;
	if (n)
		fn(at);
	for (size_t k = 1; k < n; k++) {
		if (k < RF_PARALLEL_MAX && started[k])
			pthread_join(tids[k], NULL);
		else
			fn(at + k * size);
	}
}
