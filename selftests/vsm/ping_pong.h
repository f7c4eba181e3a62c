/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A pipe ping-pong between two processes: two context switches per round
 * on one CPU, two wakeups (IPIs) per round across CPUs.  Shared by the
 * hot-path test and the benchmark.
 */
#ifndef VSM_SELFTEST_PING_PONG_H
#define VSM_SELFTEST_PING_PONG_H

#include <sched.h>
#include <sys/wait.h>
#include <unistd.h>

/*
 * vsm_ping_pong() - @rounds round trips of one byte through two pipes
 * @child_cpu: the CPU the child runs on, or -1 to leave it anywhere
 *
 * Return: 0, or -1 if a pipe or fork failed or a trip was cut short.
 */
static inline int vsm_ping_pong(long rounds, int child_cpu)
{
	int a[2], b[2], ret = 0;
	char ch = 0;
	long i;
	pid_t pid;

	if (pipe(a) || pipe(b))
		return -1;
	pid = fork();
	if (pid == 0) {
		if (child_cpu >= 0) {
			cpu_set_t set;

			CPU_ZERO(&set);
			CPU_SET(child_cpu, &set);
			sched_setaffinity(0, sizeof(set), &set);
		}
		for (i = 0; i < rounds; i++)
			if (read(a[0], &ch, 1) != 1 || write(b[1], &ch, 1) != 1)
				_exit(1);
		_exit(0);
	}
	for (i = 0; i < rounds && pid > 0; i++)
		if (write(a[1], &ch, 1) != 1 || read(b[0], &ch, 1) != 1)
			break;
	if (pid < 0 || i < rounds)
		ret = -1;
	if (pid > 0)
		waitpid(pid, NULL, 0);
	close(a[0]);
	close(a[1]);
	close(b[0]);
	close(b[1]);
	return ret;
}

#endif /* VSM_SELFTEST_PING_PONG_H */
