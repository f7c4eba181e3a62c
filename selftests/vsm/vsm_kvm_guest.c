// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_kvm_guest - the smallest real KVM guests, run through /dev/kvm.  On
 * a protected host they run as nested guests (L2) of vsm's emulated SVM.
 *
 * Usage:
 *   vsm_kvm_guest [LOOPS [both|cpuid|io]]
 *	Real-mode code that does LOOPS (at most 65535) CPUID and LOOPS OUT
 *	instructions (each an exit to KVM; only one kind with cpuid or io),
 *	then sums 1..10 and reports it through an I/O port.  Exits 0 only
 *	if the sum and the count are right.
 *   vsm_kvm_guest --count LOOPS cpuid|io
 *	The same loop guest, pinned to CPU 0, with vsm's exit counters
 *	read around the KVM_RUN calls alone (see count_loop()): prints the
 *	exits per exit KVM saw as "# nested:" lines and exits 0 only if
 *	every exit is accounted for.
 *   vsm_kvm_guest --scan FILE SIZE
 *	Attack: maps SIZE bytes of FILE (e.g. /dev/vsm_attack, a mapping of
 *	the secure region) as guest memory at 4 MiB; 32-bit code reads every
 *	doubleword of it looking for the secure world's marker ("vsm-") and
 *	image magic ("VSMV"), then writes to every page.  Prints the hits;
 *	exits 0 only if there were none.
 *   vsm_kvm_guest --spin SECONDS
 *	A guest that spins in place (no exits) for SECONDS: a VM that exists
 *	while something else is tried.
 *   vsm_kvm_guest --hold
 *	Creates a VM (no vCPU runs) and waits for a signal: while any VM
 *	exists, KVM's preempt-notifier static key stays on, so the kernel
 *	text it patches is not rewritten at every VM's creation and end
 *	(see vsm_kvm_selftests.sh for why that matters under QEMU).
 *   vsm_kvm_guest --scan-planted SIZE
 *	The same scan over anonymous memory with markers planted: exits 0
 *	only if the guest found each of them (the scanner works).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <linux/kvm.h>
#include <linux/vsm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <unistd.h>

#include "libvsm.h"

#define GUEST_MEM	0x10000
#define CODE_AT		0x1000
#define SCAN_AT		0x400000
#define PORT_RESULT	0x10
#define PORT_TICK	0x11
#define PORT_HITS	0x12
#define PORT_READBACK	0x13
#define PLANTED		3

/*
 * 16-bit code (CS = 0): LOOPS times CPUID and OUT (the count in SI: CPUID
 * clobbers the others), then the sum 1..10 to PORT_RESULT, then HLT.
 */
static const uint8_t loop_code[] = {
	0xbe, 0x00, 0x00,	/* mov si, LOOPS (patched) */
	0x85, 0xf6,		/* 1: test si, si */
	0x74, 0x0c,		/* jz sum (+12) */
	0x66, 0x31, 0xc0,	/* xor eax, eax */
	0x0f, 0xa2,		/* cpuid */
	0xe6, PORT_TICK,	/* out PORT_TICK, al */
	0x4e,			/* dec si */
	0xeb, 0xf2,		/* jmp 1b (-14) */
	/* sum: */
	0x31, 0xc0,		/* xor ax, ax */
	0xbb, 0x0a, 0x00,	/* mov bx, 10 */
	0x01, 0xd8,		/* 1: add ax, bx */
	0x4b,			/* dec bx */
	0x75, 0xfb,		/* jnz 1b */
	0xe7, PORT_RESULT,	/* out PORT_RESULT, ax */
	0xf4,			/* hlt */
};

/*
 * 32-bit flat code: count the doublewords "vsm-" and "VSMV" in
 * [SCAN_AT, SCAN_AT + SIZE), report the count, write every page, read the
 * first doubleword back, report it, HLT.
 */
static const uint8_t scan_code[] = {
	0xbe, 0x00, 0x00, 0x40, 0x00,	/* mov esi, SCAN_AT */
	0xb9, 0x00, 0x00, 0x00, 0x00,	/* mov ecx, SIZE / 4 (patched) */
	0x31, 0xdb,			/* xor ebx, ebx */
	0x8b, 0x06,			/* 1: mov eax, [esi] */
	0x3d, 0x76, 0x73, 0x6d, 0x2d,	/* cmp eax, "vsm-" */
	0x74, 0x07,			/* je hit */
	0x3d, 0x56, 0x53, 0x4d, 0x56,	/* cmp eax, "VSMV" */
	0x75, 0x01,			/* jne next */
	0x43,				/* hit: inc ebx */
	0x83, 0xc6, 0x04,		/* next: add esi, 4 */
	0x49,				/* dec ecx */
	0x75, 0xe9,			/* jnz 1b */
	0x89, 0xd8,			/* mov eax, ebx */
	0xe7, PORT_HITS,		/* out PORT_HITS, eax */
	0xbe, 0x00, 0x00, 0x40, 0x00,	/* mov esi, SCAN_AT */
	0xb9, 0x00, 0x00, 0x00, 0x00,	/* mov ecx, SIZE / 4096 (patched) */
	0xc7, 0x06, 0x5a, 0x5a, 0x5a, 0x5a,	/* 2: mov dword [esi], 0x5a5a5a5a */
	0x81, 0xc6, 0x00, 0x10, 0x00, 0x00,	/* add esi, 4096 */
	0x49,				/* dec ecx */
	0x75, 0xf1,			/* jnz 2b */
	0xa1, 0x00, 0x00, 0x40, 0x00,	/* mov eax, [SCAN_AT] */
	0xe7, PORT_READBACK,		/* out PORT_READBACK, eax */
	0xf4,				/* hlt */
};

#define SCAN_DWORDS_AT	6
#define SCAN_PAGES_AT	45

struct guest {
	int kvm, vm, vcpu;
	struct kvm_run *run;
};

static int fail(const char *what)
{
	fprintf(stderr, "vsm_kvm_guest: %s: %s\n", what, strerror(errno));
	return 1;
}

static void put32(uint8_t *p, uint32_t v)
{
	memcpy(p, &v, sizeof(v));
}

static int add_memory(struct guest *g, int slot, uint64_t gpa, void *mem, size_t size)
{
	struct kvm_userspace_memory_region mr = {
		.slot = slot,
		.guest_phys_addr = gpa,
		.memory_size = size,
		.userspace_addr = (uintptr_t)mem,
	};

	return ioctl(g->vm, KVM_SET_USER_MEMORY_REGION, &mr) ? fail("KVM_SET_USER_MEMORY_REGION") : 0;
}

static int create(struct guest *g, uint8_t **low)
{
	int size;

	g->kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (g->kvm < 0)
		return fail("open /dev/kvm");
	if (ioctl(g->kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return fail("KVM API version");
	g->vm = ioctl(g->kvm, KVM_CREATE_VM, 0);
	if (g->vm < 0)
		return fail("KVM_CREATE_VM");
	*low = mmap(NULL, GUEST_MEM, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (*low == MAP_FAILED)
		return fail("mmap");
	if (add_memory(g, 0, 0, *low, GUEST_MEM))
		return 1;
	g->vcpu = ioctl(g->vm, KVM_CREATE_VCPU, 0);
	if (g->vcpu < 0)
		return fail("KVM_CREATE_VCPU");
	size = ioctl(g->kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(*g->run))
		return fail("KVM_GET_VCPU_MMAP_SIZE");
	g->run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, g->vcpu, 0);
	return g->run == MAP_FAILED ? fail("mmap vcpu") : 0;
}

/* Start at CODE_AT, in real mode or 32-bit flat protected mode. */
static int start(struct guest *g, int flat32)
{
	struct kvm_segment code = {
		.limit = 0xffffffff, .selector = 8, .type = 11, .present = 1,
		.db = 1, .s = 1, .g = 1,
	};
	struct kvm_segment data = code;
	struct kvm_sregs sregs;
	struct kvm_regs regs;

	if (ioctl(g->vcpu, KVM_GET_SREGS, &sregs))
		return fail("KVM_GET_SREGS");
	if (flat32) {
		data.selector = 16;
		data.type = 3;
		sregs.cs = code;
		sregs.ds = sregs.es = sregs.ss = sregs.fs = sregs.gs = data;
		sregs.cr0 |= 1;
	} else {
		sregs.cs.base = 0;
		sregs.cs.selector = 0;
	}
	if (ioctl(g->vcpu, KVM_SET_SREGS, &sregs))
		return fail("KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rip = CODE_AT;
	regs.rflags = 2;
	return ioctl(g->vcpu, KVM_SET_REGS, &regs) ? fail("KVM_SET_REGS") : 0;
}

static unsigned long kvm_runs;	/* KVM_RUN calls so far */

/* Run until HLT; values OUT to ports 0x10..0x13 land in @ports. */
static int run_to_hlt(struct guest *g, uint32_t ports[4], unsigned long *ticks)
{
	for (;;) {
		struct kvm_run *run = g->run;
		uint8_t *data = (uint8_t *)run + run->io.data_offset;
		uint32_t v = 0;

		kvm_runs++;
		if (ioctl(g->vcpu, KVM_RUN, 0))
			return fail("KVM_RUN");
		if (run->exit_reason == KVM_EXIT_HLT)
			return 0;
		if (run->exit_reason != KVM_EXIT_IO || run->io.direction != KVM_EXIT_IO_OUT ||
		    run->io.port < PORT_RESULT || run->io.port > PORT_READBACK) {
			fprintf(stderr, "vsm_kvm_guest: unexpected exit %u\n", run->exit_reason);
			return 1;
		}
		data = (uint8_t *)run + run->io.data_offset;
		memcpy(&v, data, run->io.size);
		if (run->io.port == PORT_TICK)
			(*ticks)++;
		else
			ports[run->io.port - PORT_RESULT] = v;
	}
}

#define LOOP_CPUID_AT	10	/* offset of CPUID in loop_code */
#define LOOP_OUT_AT	12	/* offset of OUT PORT_TICK */

#define MAX_CPUS	512

struct counts {
	uint64_t exits[VSM_EXIT_CLASS_MAX];	/* summed over every CPU */
	uint32_t protected;			/* CPUs under vsm */
	long switches;				/* this process's context switches */
};

static struct vsm_cpu_stats cpu_stats[MAX_CPUS];

static int read_counts(int fd, struct counts *c)
{
	struct vsm_stats st;
	struct rusage ru;
	uint32_t i, n;
	int cls, ret;

	memset(c, 0, sizeof(*c));
	ret = vsm_get_stats(fd, &st, cpu_stats, MAX_CPUS);
	if (ret) {
		errno = -ret;
		return fail("VSM_IOC_STATS");
	}
	n = st.nr_cpus < MAX_CPUS ? st.nr_cpus : MAX_CPUS;
	for (i = 0; i < n; i++) {
		c->protected += cpu_stats[i].state == VSM_CPU_PROTECTED;
		for (cls = 0; cls < VSM_EXIT_CLASS_MAX; cls++)
			c->exits[cls] += cpu_stats[i].exits[cls];
	}
	getrusage(RUSAGE_SELF, &ru);
	c->switches = ru.ru_nvcsw + ru.ru_nivcsw;
	return 0;
}

/*
 * What one exit KVM sees costs in hypervisor exits, every exit accounted
 * for.  Counted from just before the first KVM_RUN to just after the last,
 * on CPU 0, so creating the VM and starting this program are not counted,
 * and the two snapshots cost exactly one GET_STATS hypercall per protected
 * CPU (all on CPU 0).  In that window:
 *
 *   l2      = exits of the guest: each is reflected to KVM or a shadow
 *             nested page fault vsm fills itself (l2_npf); a reflected
 *             exit vsm makes up (VMEXIT_INVALID, a held NMI) has no L2
 *             exit, so l2 <= l2_reflected + l2_npf;
 *   vmrun   = KVM's SVM instructions: six per reflected exit (CLGI,
 *             VMLOAD, VMRUN on the way in, VMSAVE, VMLOAD, STGI on the way
 *             out: TCG offers L1 neither vGIF nor virtual VMLOAD/VMSAVE),
 *             plus one VMSAVE of KVM's host state each time the vCPU is
 *             loaded again: once per KVM_RUN call, and once per time the
 *             thread was scheduled out inside KVM_RUN (at most its
 *             context switches);
 *   nothing else but the snapshots' hypercalls.
 *
 * So per exit KVM sees: 7, plus the shadow faults and one per KVM_RUN.
 * The CPUID loop has two KVM_RUN calls (the result port, HLT), so it costs
 * 7 and a little; the I/O loop returns to user space every iteration, so
 * 8 per OUT (7 for the timer interrupts KVM also sees).
 */
static int count_loop(int fd, struct guest *g, uint32_t ports[4], unsigned long *ticks,
		      const char *kind)
{
	struct counts a, b;
	uint64_t d[VSM_EXIT_CLASS_MAX], refl, npf, l2, vmrun, base;
	long switches;
	unsigned long runs;
	int cls, bad = 0;

	if (read_counts(fd, &a))
		return 1;
	runs = kvm_runs;
	if (run_to_hlt(g, ports, ticks) || read_counts(fd, &b))
		return 1;
	runs = kvm_runs - runs;
	switches = b.switches - a.switches;
	for (cls = 0; cls < VSM_EXIT_CLASS_MAX; cls++)
		d[cls] = b.exits[cls] - a.exits[cls];
	refl = d[VSM_EXIT_CLASS_L2_REFLECTED];
	npf = d[VSM_EXIT_CLASS_L2_NPF];
	l2 = d[VSM_EXIT_CLASS_L2];
	vmrun = d[VSM_EXIT_CLASS_VMRUN];
	base = 6 * refl + runs;
	printf("# nested: %s_loop_exits=%llu %s_loop_l2_exits=%llu %s_exits_per_l2_exit=%.2f\n",
	       kind, (unsigned long long)(l2 + vmrun), kind, (unsigned long long)refl,
	       kind, refl ? (double)(l2 + vmrun) / refl : 0);
	printf("# %s loop: l2 %llu (reflected %llu, shadow faults %llu), ",
	       kind, (unsigned long long)l2, (unsigned long long)refl, (unsigned long long)npf);
	printf("KVM's SVM instructions %llu (6 x %llu + %lu KVM_RUN calls + %llu), ",
	       (unsigned long long)vmrun, (unsigned long long)refl, runs,
	       (unsigned long long)(vmrun - base));
	printf("%ld context switches\n", switches);
	if (l2 > refl + npf) {
		fprintf(stderr, "vsm_kvm_guest: %llu guest exits are neither reflected nor shadow faults\n",
			(unsigned long long)(l2 - refl - npf));
		bad = 1;
	}
	if (vmrun < base || vmrun > base + switches) {
		fprintf(stderr, "vsm_kvm_guest: %llu SVM instructions of KVM, want %llu to %llu\n",
			(unsigned long long)vmrun, (unsigned long long)base,
			(unsigned long long)(base + switches));
		bad = 1;
	}
	for (cls = 0; cls < VSM_EXIT_CLASS_MAX; cls++) {
		uint64_t want = cls == VSM_EXIT_CLASS_VMMCALL ? a.protected : 0;

		if (cls == VSM_EXIT_CLASS_L2 || cls == VSM_EXIT_CLASS_VMRUN ||
		    cls == VSM_EXIT_CLASS_L2_REFLECTED || cls == VSM_EXIT_CLASS_L2_NPF ||
		    cls == VSM_EXIT_CLASS_SNPT_REBUILD || d[cls] == want)
			continue;
		fprintf(stderr, "vsm_kvm_guest: %llu %s exits during the loop, want %llu\n",
			(unsigned long long)d[cls], vsm_exit_class_name(cls) ?: "?",
			(unsigned long long)want);
		bad = 1;
	}
	return bad;
}

static int loops_guest(unsigned long loops, const char *kind, int count)
{
	unsigned long want_ticks = loops;
	uint32_t ports[4] = { 0 };
	unsigned long ticks = 0;
	struct guest g;
	uint8_t *low;
	int fd = -1;

	if (count) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(0, &set);
		if (sched_setaffinity(0, sizeof(set), &set))
			return fail("sched_setaffinity");
		fd = vsm_open(VSM_DEVICE_PATH);
		if (fd < 0) {
			errno = -fd;
			return fail(VSM_DEVICE_PATH);
		}
	}
	if (create(&g, &low))
		return 1;
	memcpy(low + CODE_AT, loop_code, sizeof(loop_code));
	low[CODE_AT + 1] = loops & 0xff;
	low[CODE_AT + 2] = (loops >> 8) & 0xff;
	if (!strcmp(kind, "cpuid")) {		/* OUT becomes NOPs */
		memset(low + CODE_AT + LOOP_OUT_AT, 0x90, 2);
		want_ticks = 0;
	} else if (!strcmp(kind, "io")) {	/* CPUID becomes NOPs */
		memset(low + CODE_AT + LOOP_CPUID_AT, 0x90, 2);
	} else if (strcmp(kind, "both")) {
		fprintf(stderr, "vsm_kvm_guest: loop kind is both, cpuid or io\n");
		return 2;
	}
	if (start(&g, 0))
		return 1;
	if (count ? count_loop(fd, &g, ports, &ticks, kind) : run_to_hlt(&g, ports, &ticks))
		return 1;
	printf("guest result %u (want 55), %lu OUT iterations (want %lu)\n",
	       ports[0], ticks, want_ticks);
	return ports[0] == 55 && ticks == want_ticks ? 0 : 1;
}

static int scan_guest(const char *file, size_t size)
{
	uint32_t ports[4] = { 0 };
	unsigned long ticks = 0;
	unsigned int want = 0;
	struct guest g;
	uint8_t *low, *mem;
	int fd = -1;

	if (!size || size % 4096 || size > 64 << 20)
		return fprintf(stderr, "vsm_kvm_guest: SIZE must be 4 KiB .. 64 MiB, in pages\n"), 2;
	if (create(&g, &low))
		return 1;
	if (file) {
		fd = open(file, O_RDWR | O_CLOEXEC);
		if (fd < 0)
			return fail(file);
		mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	} else {
		mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	}
	if (mem == MAP_FAILED)
		return fail("mmap the scanned memory");
	if (!file) {
		memcpy(mem + 64, "vsm-secure-world-marker", 23);
		memcpy(mem + size / 2, "VSMVSMW1", 8);
		memcpy(mem + size - 4, "vsm-", 4);
		want = PLANTED;
	}
	if (add_memory(&g, 1, SCAN_AT, mem, size))
		return 1;
	memcpy(low + CODE_AT, scan_code, sizeof(scan_code));
	put32(low + CODE_AT + SCAN_DWORDS_AT, size / 4);
	put32(low + CODE_AT + SCAN_PAGES_AT, size / 4096);
	if (start(&g, 1) || run_to_hlt(&g, ports, &ticks))
		return 1;
	printf("guest scanned %zu KiB: %u hits (want %u), read back %#x after writing 0x5a5a5a5a\n",
	       size >> 10, ports[2], want, ports[3]);
	return ports[2] == want ? 0 : 1;
}

static void spin_over(int sig)
{
	_exit(0);
}

static int spin_guest(unsigned int seconds)
{
	static const uint8_t spin_code[] = { 0xeb, 0xfe };	/* jmp . */
	struct guest g;
	uint8_t *low;

	if (create(&g, &low))
		return 1;
	memcpy(low + CODE_AT, spin_code, sizeof(spin_code));
	if (start(&g, 0))
		return 1;
	signal(SIGALRM, spin_over);
	alarm(seconds);
	for (;;)
		if (ioctl(g.vcpu, KVM_RUN, 0) && errno != EINTR)
			return fail("KVM_RUN");
}

static int hold_vm(void)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC), vm;

	if (kvm < 0)
		return fail("open /dev/kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");
	printf("holding VM fd %d\n", vm);
	fflush(stdout);
	for (;;)
		pause();
}

int main(int argc, char **argv)
{
	if (argc == 4 && !strcmp(argv[1], "--scan"))
		return scan_guest(argv[2], strtoul(argv[3], NULL, 0));
	if (argc == 3 && !strcmp(argv[1], "--spin"))
		return spin_guest(strtoul(argv[2], NULL, 0));
	if (argc == 2 && !strcmp(argv[1], "--hold"))
		return hold_vm();
	if (argc == 4 && !strcmp(argv[1], "--count") &&
	    (!strcmp(argv[3], "cpuid") || !strcmp(argv[3], "io")))
		return loops_guest(strtoul(argv[2], NULL, 0) & 0xffff, argv[3], 1);
	if (argc == 3 && !strcmp(argv[1], "--scan-planted"))
		return scan_guest(NULL, strtoul(argv[2], NULL, 0));
	if (argc > 3 || (argc >= 2 && argv[1][0] == '-')) {
		fprintf(stderr, "usage: vsm_kvm_guest [LOOPS [both|cpuid|io]] | --count LOOPS cpuid|io | --scan FILE SIZE | --scan-planted SIZE | --spin SECONDS | --hold\n");
		return 2;
	}
	return loops_guest(argc > 1 ? strtoul(argv[1], NULL, 0) & 0xffff : 0,
			   argc > 2 ? argv[2] : "both", 0);
}
