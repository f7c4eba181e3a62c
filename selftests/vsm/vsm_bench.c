// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_bench - the in-VM half of `make bench`: counts, from vsm's exit
 * counters, what the host's work costs in hypervisor exits.  Counts do
 * not depend on how fast the emulator is; no timing is reported here.
 * Every figure is printed as a line "# bench: NAME=VALUE" that
 * scripts/bench collects.
 *
 * Usage:
 *   vsm_bench hot	exits per operation on the host's hot paths: getpid,
 *			page fault, fork+exit, context switch, timer
 *			interrupt, IPI
 *   vsm_bench idle S	exits per second and CPU of the host idling S seconds
 *   vsm_bench keys N	exits per key-store operation (seal, open, sign of
 *			64 B, 1 KiB, 16 KiB), N of each
 *
 * The measurement's own cost (one stats hypercall per protected CPU per
 * snapshot) is measured with nothing in between and subtracted.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "libvsm.h"
#include "ping_pong.h"

#define MAX_CPUS	512	/* vsm's per-CPU memory is sized for up to 512 */
#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))

struct snapshot {
	struct vsm_cpu_stats cpu[MAX_CPUS];
	uint32_t n;
};

static int vsm_fd;

static void die(const char *what)
{
	fprintf(stderr, "vsm_bench: %s: %s\n", what, strerror(errno));
	exit(1);
}

static void snap(struct snapshot *s)
{
	struct vsm_stats st;
	int ret = vsm_get_stats(vsm_fd, &st, s->cpu, MAX_CPUS);

	if (ret) {
		errno = -ret;
		die("VSM_IOC_STATS");
	}
	s->n = st.nr_cpus < MAX_CPUS ? st.nr_cpus : MAX_CPUS;
}

/* Real exits of one class or all: the l2_* parts and rebuilds are not. */
static bool real_exit(int cls)
{
	return cls != VSM_EXIT_CLASS_L2_REFLECTED && cls != VSM_EXIT_CLASS_L2_NPF &&
	       cls != VSM_EXIT_CLASS_SNPT_REBUILD;
}

static uint64_t delta(const struct snapshot *a, const struct snapshot *b, int cls)
{
	uint64_t sum = 0;
	uint32_t i;
	int c;

	for (i = 0; i < a->n && i < b->n; i++)
		for (c = 0; c < VSM_EXIT_CLASS_MAX; c++)
			if (cls == c || (cls < 0 && real_exit(c)))
				sum += b->cpu[i].exits[c] - a->cpu[i].exits[c];
	return sum;
}

/* What a pair of snapshots costs by itself, in class @cls (-1: all). */
static uint64_t overhead(int cls)
{
	struct snapshot a, b;

	snap(&a);
	snap(&b);
	return delta(&a, &b, cls);
}

/* Exits (all classes, or @cls) of running @fn(@arg), less the overhead. */
static double exits_of(void (*fn)(long), long arg, int cls)
{
	uint64_t base = overhead(cls), d;
	struct snapshot a, b;

	snap(&a);
	fn(arg);
	snap(&b);
	d = delta(&a, &b, cls);
	return d > base ? (double)(d - base) : 0;
}

static void pin_to(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		die("sched_setaffinity");
}

static void getpids(long n)
{
	while (n--)
		syscall(SYS_getpid);
}

/* @pages first touches of anonymous memory, 64 MiB at a time. */
static void faults(long pages)
{
	const long chunk = 16384;
	long i, n;

	for (; pages > 0; pages -= n) {
		char *p;

		n = pages < chunk ? pages : chunk;
		p = mmap(NULL, n * 4096, PROT_READ | PROT_WRITE,
			 MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (p == MAP_FAILED)
			die("mmap");
		for (i = 0; i < n; i++)
			p[i * 4096] = 1;
		munmap(p, n * 4096);
	}
}

static void forks(long n)
{
	while (n--) {
		pid_t pid = fork();

		if (pid < 0)
			die("fork");
		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
}

static void switches_same_cpu(long rounds)
{
	if (vsm_ping_pong(rounds, 0))
		die("ping-pong");
}

static void switches_other_cpu(long rounds)
{
	if (vsm_ping_pong(rounds, 1))
		die("ping-pong");
}

static void idle(long seconds)
{
	sleep(seconds);
}

/* The sum of the /proc/interrupts rows whose name is one of @names. */
static uint64_t irq_count(const char *const *names)
{
	FILE *f = fopen("/proc/interrupts", "r");
	char line[4096], name[32];
	uint64_t sum = 0;

	if (!f)
		die("/proc/interrupts");
	while (fgets(line, sizeof(line), f)) {
		char *p = line;
		int i, used;

		if (sscanf(p, " %31[^:]:%n", name, &used) != 1)
			continue;
		for (i = 0; names[i] && strcmp(names[i], name); i++)
			;
		if (!names[i])
			continue;
		p += used;
		for (;;) {
			char *end;
			unsigned long long v = strtoull(p, &end, 10);

			if (end == p)
				break;
			sum += v;
			p = end;
		}
	}
	fclose(f);
	return sum;
}

static void print(const char *name, double value)
{
	printf("# bench: %s=%.4g\n", name, value);
}

static void hot(void)
{
	static const char *const timer[] = { "LOC", NULL };
	static const char *const ipi[] = { "RES", "CAL", "TLB", NULL };
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	uint64_t before, n;
	double e;

	pin_to(0);
	print("hot_getpid_exits_per_op", exits_of(getpids, 1000000, -1) / 1e6);
	print("hot_page_fault_exits_per_op", exits_of(faults, 262144, -1) / 262144);
	print("hot_fork_exit_exits_per_op", exits_of(forks, 10000, -1) / 10000);
	/* Each round trip is two switches on the one CPU. */
	print("hot_context_switch_exits_per_op",
	      exits_of(switches_same_cpu, 10000, -1) / 20000);
	before = irq_count(timer);
	e = exits_of(idle, 3, -1);
	n = irq_count(timer) - before;
	print("hot_timer_interrupts", (double)n);
	print("hot_timer_interrupt_exits_per_op", n ? e / n : 0);
	if (ncpu < 2) {
		print("hot_ipi_exits_per_op", -1);	/* no second CPU */
		return;
	}
	before = irq_count(ipi);
	e = exits_of(switches_other_cpu, 10000, -1);
	n = irq_count(ipi) - before;
	print("hot_ipis", (double)n);
	print("hot_ipi_exits_per_op", n ? e / n : 0);
}

static void idle_rate(long seconds)
{
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	struct snapshot a, b;
	uint64_t base = overhead(-1);
	int cls;

	snap(&a);
	sleep(seconds);
	snap(&b);
	print("idle_exits_per_cpu_second",
	      (double)(delta(&a, &b, -1) - base) / seconds / ncpu);
	for (cls = 0; cls < VSM_EXIT_CLASS_MAX; cls++) {
		char name[64];
		uint64_t d = delta(&a, &b, cls);

		if (!real_exit(cls) || !vsm_exit_class_name(cls))
			continue;
		if (cls == VSM_EXIT_CLASS_VMMCALL)
			d = d > base ? d - base : 0;
		snprintf(name, sizeof(name), "idle_%s_exits", vsm_exit_class_name(cls));
		print(name, (double)d);
	}
}

/* Key-store operations: the state of one run. */
static struct {
	int fd;
	uint32_t aead, mac;
	size_t len;
	uint8_t in[16384], out[16384];
	uint8_t iv[VSM_AEAD_IV_LEN], tag[VSM_AEAD_TAG_LEN], mac_out[32];
} ks;

static void check(int ret, const char *what)
{
	if (ret) {
		errno = -ret;
		die(what);
	}
}

static void seals(long n)
{
	while (n--)
		check(vsm_aead_seal(ks.fd, ks.aead, NULL, 0, ks.in, ks.len, ks.out,
				    ks.iv, ks.tag), "seal");
}

static void opens(long n)
{
	while (n--)
		check(vsm_aead_open(ks.fd, ks.aead, ks.iv, NULL, 0, ks.out, ks.len,
				    ks.tag, ks.in), "open");
}

static void signs(long n)
{
	while (n--)
		check(vsm_mac_sign(ks.fd, ks.mac, ks.in, ks.len, ks.mac_out, sizeof(ks.mac_out)), "sign");
}

static void keys(long n)
{
	static const uint8_t secret[32] = "vsm bench domain secret";
	static const size_t sizes[] = { 64, 1024, 16384 };
	static const struct {
		const char *name;
		void (*fn)(long count);
	} ops[] = { { "seal", seals }, { "open", opens }, { "sign", signs } };
	uint32_t domain;
	unsigned int s, o;

	check(vsm_domain_create(vsm_fd, secret, sizeof(secret), 4, 256, 0, &domain),
	      "domain create");
	ks.fd = vsm_open(VSM_DEVICE_PATH);
	if (ks.fd < 0)
		die("open " VSM_DEVICE_PATH);
	check(vsm_domain_bind(ks.fd, domain, secret, sizeof(secret)), "domain bind");
	check(vsm_key_generate(ks.fd, VSM_KEY_AES256_GCM,
			       VSM_KEY_USE_ENCRYPT | VSM_KEY_USE_DECRYPT, 0, "bench-aead",
			       &ks.aead), "generate AES key");
	check(vsm_key_generate(ks.fd, VSM_KEY_HMAC_SHA256, VSM_KEY_USE_SIGN, 0, "bench-mac",
			       &ks.mac), "generate HMAC key");
	for (s = 0; s < ARRAY_SIZE(sizes); s++) {
		ks.len = sizes[s];
		seals(1);	/* an IV and tag for open */
		for (o = 0; o < ARRAY_SIZE(ops); o++) {
			char name[64];

			snprintf(name, sizeof(name), "keys_%s_%zu_hypercalls_per_op",
				 ops[o].name, sizes[s]);
			print(name, exits_of(ops[o].fn, n, VSM_EXIT_CLASS_VMMCALL) / n);
			snprintf(name, sizeof(name), "keys_%s_%zu_exits_per_op",
				 ops[o].name, sizes[s]);
			print(name, exits_of(ops[o].fn, n, -1) / n);
		}
	}
	vsm_domain_destroy(ks.fd);
	close(ks.fd);
}

int main(int argc, char **argv)
{
	vsm_fd = vsm_open(VSM_DEVICE_PATH);
	if (vsm_fd < 0)
		die("open " VSM_DEVICE_PATH " (is vsm loaded?)");
	if (argc == 2 && !strcmp(argv[1], "hot"))
		hot();
	else if (argc == 3 && !strcmp(argv[1], "idle") && atol(argv[2]) > 0)
		idle_rate(atol(argv[2]));
	else if (argc == 3 && !strcmp(argv[1], "keys") && atol(argv[2]) > 0)
		keys(atol(argv[2]));
	else {
		fprintf(stderr, "usage: vsm_bench hot | idle SECONDS | keys COUNT\n");
		return 2;
	}
	return 0;
}
