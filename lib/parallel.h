/* parallel.h: work split into neighbouring stretches run on threads, one
 * per CPU: the score cache's parsing, the history index's records, the
 * tree prefetch of a note's history, a noteset's reading.  Each caller
 * keeps its own job per stretch; this starts and joins the threads. */
#ifndef RF_PARALLEL_H
#define RF_PARALLEL_H

#include <stddef.h>

/* The most threads any of rf's loops starts. */
#define RF_PARALLEL_MAX 8

/* How many stretches for items items, at least min_each in each: one per
 * CPU online, at most RF_PARALLEL_MAX, and 1 when there is too little. */
size_t rf_parallel_threads(size_t items, size_t min_each);

/* fn on each of the n jobs of size bytes at jobs (beyond RF_PARALLEL_MAX,
 * on the calling thread): the first on the calling thread, the others on
 * threads of their own; a job whose thread cannot be started runs on the
 * calling thread after its own.  Returns when every job is done. */
void rf_parallel_run(void *(*fn)(void *job), void *jobs, size_t size, size_t n);

#endif
