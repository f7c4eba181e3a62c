// SPDX-License-Identifier: GPL-2.0
/*
 * The hypervisor under the running host: every CPU runs under it, it hides
 * SVM, answers hypercalls from every CPU with exact exit accounting, maps
 * RAM with large nested pages, costs no exits on the host's hot paths, and
 * survives root's attempts to turn it off through the MSRs.
 *
 * Needs vsm loaded.  On hosts vsm does not protect yet (Intel), the tests
 * are skipped with the reason.
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <linux/vsm.h>

#include "kselftest_harness.h"
#include "libvsm.h"
#include "ping_pong.h"

#define SIG_LEAF	0x40000f00U
#define MSR_EFER	0xc0000080U
#define MSR_VM_CR	0xc0010114U
#define MSR_HSAVE	0xc0010117U
#define EFER_SVME	(1ULL << 12)

struct snapshot {
	uint32_t n;
	struct vsm_cpu_stats cpu[64];
};

static void pin(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static void unpin(void)
{
	cpu_set_t set;
	int i;

	CPU_ZERO(&set);
	for (i = 0; i < CPU_SETSIZE; i++)
		CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

static int snap(int fd, struct snapshot *s, struct vsm_stats *st)
{
	struct vsm_stats tmp;
	int ret = vsm_get_stats(fd, st ? st : &tmp, s->cpu, 64);

	s->n = (st ? st : &tmp)->nr_cpus;
	if (s->n > 64)
		s->n = 64;
	return ret;
}

static uint64_t exits_of(const struct snapshot *s, int cls)
{
	uint64_t sum = 0;
	uint32_t i;

	for (i = 0; i < s->n; i++)
		sum += s->cpu[i].exits[cls];
	return sum;
}

static int nr_protected(const struct snapshot *s)
{
	int n = 0;
	uint32_t i;

	for (i = 0; i < s->n; i++)
		n += s->cpu[i].state == VSM_CPU_PROTECTED;
	return n;
}

static int msr_fd(int cpu, int flags)
{
	char path[64];

	snprintf(path, sizeof(path), "/dev/cpu/%d/msr", cpu);
	return open(path, flags);
}

FIXTURE(hv) {
	int fd;
	struct vsm_info info;
	int ncpu;
};

/* The 6.1 harness runs the body even when the setup skipped. */
static bool unprotected(struct __test_metadata *_metadata,
			const struct vsm_info *info)
{
	if (info->state == VSM_STATE_PROTECTED || info->state == VSM_STATE_LOCKED)
		return false;
	SKIP(return true, "this host is not protected (Intel: vsm loaded with vmx=0?)");
}

/* What only AMD has so far: nested SVM, SVM's MSRs. */
static bool not_amd(struct __test_metadata *_metadata, const struct vsm_info *info)
{
	if (info->vendor == VSM_VENDOR_AMD)
		return false;
	SKIP(return true, "AMD SVM specific");
}

FIXTURE_SETUP(hv)
{
	self->fd = open("/dev/vsm", O_RDWR | O_CLOEXEC);
	ASSERT_GE(self->fd, 0) TH_LOG("open /dev/vsm: %s", strerror(errno));
	ASSERT_EQ(0, vsm_get_info(self->fd, &self->info));
	self->ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	if (self->info.vendor != VSM_VENDOR_AMD && self->info.state == VSM_STATE_LOADED)
		SKIP(return, "this %s host is not protected (Intel: vsm loaded with vmx=0?)",
		     vsm_vendor_name(self->info.vendor));
	/* Locked and pinned, everything here must hold too (vsm_pin_test.sh). */
	ASSERT_TRUE(self->info.state == VSM_STATE_PROTECTED ||
		    self->info.state == VSM_STATE_LOCKED)
		TH_LOG("state %u", self->info.state);
}

FIXTURE_TEARDOWN(hv)
{
	unpin();
	close(self->fd);
}

TEST_F(hv, every_cpu_is_protected)
{
	struct snapshot s;
	int cpu;

	if (unprotected(_metadata, &self->info))
		return;

	EXPECT_EQ(self->ncpu, self->info.nr_protected_cpus);
	ASSERT_EQ(0, snap(self->fd, &s, NULL));
	EXPECT_EQ(self->ncpu, nr_protected(&s));
	for (cpu = 0; cpu < self->ncpu; cpu++) {
		unsigned int a, b, c, d;

		pin(cpu);
		__cpuid(SIG_LEAF, a, b, c, d);
		EXPECT_EQ(SIG_LEAF + 1, a);
		EXPECT_EQ(0, memcmp((char[]){ "VSMV" }, &b, 4));
		EXPECT_EQ(0, memcmp((char[]){ "SMVS" }, &c, 4));
		EXPECT_EQ(0, memcmp((char[]){ "MVSM" }, &d, 4));
		__cpuid(SIG_LEAF + 1, a, b, c, d);
		EXPECT_EQ(1, a);
		EXPECT_EQ(cpu, b) TH_LOG("leaf answered by the wrong CPU");
	}
}

/*
 * With nested SVM the host sees SVM with nested paging and nothing vsm
 * does not emulate; without it, no SVM at all.  Never SKINIT.
 */
TEST_F(hv, host_sees_only_the_svm_vsm_emulates)
{
	unsigned int a, b, c, d;

	if (unprotected(_metadata, &self->info) || not_amd(_metadata, &self->info))
		return;

	__cpuid(0x80000001, a, b, c, d);
	EXPECT_EQ(0, c & (1U << 12)) TH_LOG("CPUID shows SKINIT");
	__cpuid(0x8000000a, a, b, c, d);
	if (self->info.nested_pages) {
		__cpuid(0x80000001, a, b, c, d);
		EXPECT_NE(0, c & (1U << 2)) TH_LOG("CPUID hides SVM");
		__cpuid(0x8000000a, a, b, c, d);
		EXPECT_EQ(1, a);
		EXPECT_EQ(0, c);
		EXPECT_EQ(1, d) TH_LOG("SVM features %#x: only nested paging is emulated", d);
	} else {
		EXPECT_EQ(0, c & (1U << 2)) TH_LOG("CPUID still shows SVM");
		EXPECT_EQ(0, a | b | c | d);
	}
	__cpuid(1, a, b, c, d);
	EXPECT_NE(0, c & (1U << 31)) TH_LOG("hypervisor bit not set");
}

TEST_F(hv, ping_every_cpu_exactly_one_exit)
{
	struct snapshot before, after;
	int cpu, n;

	if (unprotected(_metadata, &self->info))
		return;

	for (cpu = 0; cpu < self->ncpu; cpu++) {
		uint64_t result = 0;
		uint32_t ran_on = ~0U;

		pin(cpu);
		ASSERT_EQ(0, snap(self->fd, &before, NULL));
		n = nr_protected(&before);
		ASSERT_EQ(0, vsm_ping(self->fd, 41 + cpu, &result, &ran_on));
		ASSERT_EQ(0, snap(self->fd, &after, NULL));
		EXPECT_EQ(42 + cpu, result);
		EXPECT_EQ(cpu, ran_on);
		/*
		 * Between the two reads of this CPU's counter: the ping, plus
		 * one GET_STATS hypercall per protected CPU of the two
		 * snapshots (the rest of the first, the start of the second).
		 */
		EXPECT_EQ(before.cpu[cpu].exits[VSM_EXIT_CLASS_VMMCALL] + n + 1,
			  after.cpu[cpu].exits[VSM_EXIT_CLASS_VMMCALL]);
	}
}

TEST_F(hv, nested_paging_is_large_and_hides_the_region)
{
	struct snapshot s;
	struct vsm_stats st;
	uint64_t large;

	if (unprotected(_metadata, &self->info))
		return;

	ASSERT_EQ(0, snap(self->fd, &s, &st));
	large = st.npt_bytes_1g + st.npt_bytes_2m;
	TH_LOG("RAM %llu MiB: 1G %llu MiB, 2M %llu MiB, 4K %llu KiB, hidden %llu KiB, %llu tables",
	       (unsigned long long)st.ram_bytes >> 20,
	       (unsigned long long)st.npt_bytes_1g >> 20,
	       (unsigned long long)st.npt_bytes_2m >> 20,
	       (unsigned long long)st.npt_bytes_4k >> 10,
	       (unsigned long long)st.npt_bytes_unmapped >> 10,
	       (unsigned long long)st.npt_tables);
	EXPECT_EQ(self->info.region_base, st.region_base);
	EXPECT_EQ(self->info.region_size, st.region_size);
	EXPECT_EQ(st.region_size, st.npt_bytes_unmapped);
	EXPECT_EQ(st.ram_bytes, large + st.npt_bytes_4k + st.npt_bytes_unmapped);
	/*
	 * Of the RAM the host sees (all but the region), 99% in large pages;
	 * 4 KiB entries go where the kernel image's write-protected ranges
	 * end inside a 2 MiB page, and where RAM does.
	 */
	EXPECT_GE(large * 100, (st.ram_bytes - st.npt_bytes_unmapped) * 99);
	EXPECT_GE(st.npt_tables, 2);
}

static void fault_loop(size_t bytes, int rounds)
{
	int r;
	size_t off;

	for (r = 0; r < rounds; r++) {
		char *p = mmap(NULL, bytes, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED)
			return;
		for (off = 0; off < bytes; off += 4096)
			p[off] = 1;
		munmap(p, bytes);
	}
}

static void getpids(long n)
{
	while (n--)
		syscall(SYS_getpid);
}

static void forks(long n)
{
	while (n--) {
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		waitpid(pid, NULL, 0);
	}
}

static void faults(long rounds)
{
	fault_loop(64 << 20, rounds);		/* 16,384 first touches a round */
}

static void switches_here(long rounds)
{
	vsm_ping_pong(rounds, 0);		/* both ends on CPU 0 */
}

static void switches_across(long rounds)
{
	vsm_ping_pong(rounds, 1);		/* a wake-up IPI each way */
}

/*
 * The exits of each class during @fn(@n) alone, summed over every CPU.
 * Called on CPU 0: both snapshots' GET_STATS hypercalls run there, and
 * between the two reads of CPU 0's counter there are exactly one per
 * protected CPU (the rest of the first snapshot, the start of the second),
 * none on the other CPUs.
 */
static void window(int fd, void (*fn)(long), long n, uint64_t d[VSM_EXIT_CLASS_MAX])
{
	struct snapshot a, b;
	int cls;

	memset(d, 0, VSM_EXIT_CLASS_MAX * sizeof(d[0]));
	if (snap(fd, &a, NULL))
		return;
	fn(n);
	if (snap(fd, &b, NULL))
		return;
	for (cls = 0; cls < VSM_EXIT_CLASS_MAX; cls++)
		d[cls] = exits_of(&b, cls) - exits_of(&a, cls);
}

/*
 * Count-based: what matters is how many exits, never how long.  Each hot
 * path is counted over its own loop, so nothing the test does around it
 * (its snapshots' hypercalls aside, which are exact) is counted.  The
 * bound is zero in every class, with one exception: on a locked (pinned)
 * host whose CPUs lack INVPCID (QEMU's EPYC, AMD before Zen 3), Linux
 * flushes global TLB entries by toggling CR4.PGE, which vsm intercepts
 * from the lock on: two "tlb_flush" exits on every CPU per global flush.
 * fork + exit does no global flush itself, but each exit frees a
 * vmalloc'ed kernel stack (16 KiB and a guard page: 5 pages), and once
 * the lazily freed vmalloc space exceeds lazy_max_pages() (32 MiB times
 * fls(CPUs) in Linux 6.1: 8,192 pages per fls step), Linux purges it
 * with flush_tlb_all().  So at most 10,000 * 5 / (8,192 * fls(CPUs)) + 1
 * global flushes, whichever window they land in (stacks are freed after
 * an RCU grace period).
 */
TEST_F_TIMEOUT(hv, hot_paths_cause_no_exits, 600)
{
	static const struct {
		const char *name;
		void (*fn)(long n);
		long n;
	} paths[] = {
		{ "1,000,000 getpid", getpids, 1000000 },
		{ "10,000 fork + exit", forks, 10000 },
		{ "262,144 page faults", faults, 4 },
		{ "20,000 context switches on one CPU", switches_here, 10000 },
		{ "20,000 wake-ups across CPUs (IPIs)", switches_across, 10000 },
	};
	uint64_t d[VSM_EXIT_CLASS_MAX], tlb = 0, flushes;
	struct snapshot s;
	int i, cls, nprot, fls_cpus = 0;

	if (unprotected(_metadata, &self->info))
		return;

	pin(0);
	ASSERT_EQ(0, snap(self->fd, &s, NULL));
	nprot = nr_protected(&s);
	while (nprot >> fls_cpus)
		fls_cpus++;
	for (i = 0; i < (int)ARRAY_SIZE(paths); i++) {
		if (paths[i].fn == switches_across && self->ncpu < 2)
			continue;
		window(self->fd, paths[i].fn, paths[i].n, d);
		for (cls = 0; cls < VSM_EXIT_CLASS_MAX; cls++) {
			uint64_t want = cls == VSM_EXIT_CLASS_VMMCALL ? nprot : 0;

			if (cls == VSM_EXIT_CLASS_TLB_FLUSH) {
				tlb += d[cls];
				continue;
			}
			EXPECT_EQ(want, d[cls])
				TH_LOG("%s: %llu %s exits (want %llu)", paths[i].name,
				       (unsigned long long)d[cls],
				       vsm_exit_class_name(cls) ?: "?",
				       (unsigned long long)want);
		}
		TH_LOG("%s: no exit but the snapshots' %d hypercalls, %llu tlb_flush",
		       paths[i].name, nprot, (unsigned long long)d[VSM_EXIT_CLASS_TLB_FLUSH]);
	}
	flushes = 10000 * 5 / (8192 * fls_cpus) + 1;
	if (self->info.state != VSM_STATE_LOCKED) {
		EXPECT_EQ(0, tlb) TH_LOG("CR4 is not intercepted before the lock");
	} else {
		EXPECT_LE(tlb, 2 * nprot * flushes)
			TH_LOG("%llu tlb_flush exits: more than %llu global flushes of %d CPUs",
			       (unsigned long long)tlb, (unsigned long long)flushes, nprot);
	}
}

static sigjmp_buf ud_jump;

static void on_sigill(int sig)
{
	siglongjmp(ud_jump, 1);
}

/* Attack: a hypercall from user space is an invalid opcode, as without vsm. */
TEST_F(hv, user_space_hypercall_is_ud)
{
	struct sigaction sa = { .sa_handler = on_sigill };
	unsigned long rax = 3;	/* VSM_HC_DEVIRT */
	uint64_t result;
	int trapped;

	if (unprotected(_metadata, &self->info))
		return;

	sigaction(SIGILL, &sa, NULL);
	trapped = sigsetjmp(ud_jump, 1);
	if (!trapped)
		asm volatile("vmmcall" : "+a"(rax) : : "memory");
	EXPECT_EQ(1, trapped);
	EXPECT_EQ(0, vsm_ping(self->fd, 1, &result, NULL));
	EXPECT_EQ(2, result);
}

/*
 * Attack: root turns SVM off or moves the host-save area through the MSRs.
 * EFER.SVME and VM_HSAVE_PA are the host's own copies (with nested SVM
 * its hypervisor's); the real ones stay vsm's.
 */
TEST_F(hv, msr_attacks_are_contained)
{
	uint64_t efer, vm_cr, hsave, v;
	struct snapshot s;
	int cpu, fd;

	if (unprotected(_metadata, &self->info) || not_amd(_metadata, &self->info))
		return;

	for (cpu = 0; cpu < self->ncpu; cpu++) {
		fd = msr_fd(cpu, O_RDWR);
		ASSERT_GE(fd, 0) TH_LOG("msr device (modprobe msr): %s", strerror(errno));
		ASSERT_EQ(8, pread(fd, &efer, 8, MSR_EFER));
		EXPECT_EQ(0, efer & EFER_SVME) TH_LOG("EFER shows SVME");
		ASSERT_EQ(8, pread(fd, &vm_cr, 8, MSR_VM_CR));
		v = efer | EFER_SVME;
		if (self->info.nested_pages) {
			EXPECT_EQ(0, vm_cr & 0x18) TH_LOG("VM_CR should say SVM enabled");
			/* The host's own SVME: set, read back, cleared. */
			EXPECT_EQ(8, pwrite(fd, &v, 8, MSR_EFER));
			ASSERT_EQ(8, pread(fd, &v, 8, MSR_EFER));
			EXPECT_NE(0, v & EFER_SVME);
		} else {
			EXPECT_EQ(0x18, vm_cr & 0x18) TH_LOG("VM_CR should say SVM disabled, locked");
			/* Setting SVME is refused (#GP). */
			EXPECT_EQ(-1, pwrite(fd, &v, 8, MSR_EFER));
			EXPECT_EQ(EIO, errno);
		}
		/* Clearing SVME never reaches the hypervisor's own. */
		EXPECT_EQ(8, pwrite(fd, &efer, 8, MSR_EFER));
		ASSERT_EQ(8, pread(fd, &v, 8, MSR_EFER));
		EXPECT_EQ(0, v & EFER_SVME);
		v = 0;
		EXPECT_EQ(-1, pwrite(fd, &v, 8, MSR_VM_CR));
		/* VM_HSAVE_PA is the host's own copy, not the hypervisor's. */
		ASSERT_EQ(8, pread(fd, &hsave, 8, MSR_HSAVE));
		v = 0x1000;
		EXPECT_EQ(8, pwrite(fd, &v, 8, MSR_HSAVE));
		ASSERT_EQ(8, pread(fd, &v, 8, MSR_HSAVE));
		EXPECT_EQ(0x1000, v);
		EXPECT_EQ(8, pwrite(fd, &hsave, 8, MSR_HSAVE));
		close(fd);
	}
	ASSERT_EQ(0, snap(self->fd, &s, NULL));
	EXPECT_EQ(self->ncpu, nr_protected(&s));
	for (cpu = 0; cpu < self->ncpu; cpu++) {
		uint64_t result;

		pin(cpu);
		EXPECT_EQ(0, vsm_ping(self->fd, 7, &result, NULL));
		EXPECT_EQ(8, result);
	}
}

TEST_HARNESS_MAIN
