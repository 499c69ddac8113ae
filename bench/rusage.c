/* bench/rusage.c: rusage OUT COMMAND [ARG...]: run COMMAND and write its wall
 * time in nanoseconds and its peak RSS in KB (the largest process of its tree)
 * to the file OUT; exit with COMMAND's status.
 *
 * bench/run.py compiles and uses it because a child of Python starts with
 * Python's own peak RSS (about 15 MB: exec keeps the high-water mark of the
 * memory it replaces), and GNU time adds milliseconds to every run. */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	struct rusage ru;
	int status;
	if (argc < 3) {
		fputs("usage: rusage OUT COMMAND [ARG...]\n", stderr);
		return 125;
	}
	clock_gettime(CLOCK_MONOTONIC, &t0);
	pid_t pid = fork();
	if (pid < 0) {
		perror("rusage: fork");
		return 125;
	}
	if (pid == 0) {
		execvp(argv[2], argv + 2);
		perror(argv[2]);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0) {
		perror("rusage: wait4");
		return 125;
	}
	clock_gettime(CLOCK_MONOTONIC, &t1);
	FILE *out = fopen(argv[1], "w");
	if (!out || fprintf(out, "%lld %ld\n", (long long)(t1.tv_sec - t0.tv_sec) * 1000000000LL +
			    (t1.tv_nsec - t0.tv_nsec), ru.ru_maxrss) < 0 || fclose(out) != 0) {
		perror(argv[1]);
		return 125;
	}
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
