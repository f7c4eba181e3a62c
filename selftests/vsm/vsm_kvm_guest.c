// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_kvm_guest - the smallest real KVM guest: a few instructions of
 * real-mode code that compute a sum, read CPUID, and report through I/O
 * ports, run through /dev/kvm.  On a protected host it runs as a nested
 * guest (L2) of vsm's emulated SVM.
 *
 * Usage: vsm_kvm_guest [LOOPS]
 *   With LOOPS (at most 65535), the guest first does LOOPS CPUID and LOOPS
 *   OUT instructions (each an exit to KVM), for the exit-cost figures.
 * Prints what the guest reported; exits 0 only if it is right.
 */
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#define GUEST_MEM	0x10000
#define CODE_AT		0x1000
#define PORT_RESULT	0x10
#define PORT_TICK	0x11

/*
 * 16-bit code at 0x1000 (CS = 0): LOOPS times CPUID and OUT to PORT_TICK
 * (the count in SI: CPUID clobbers the others), then the sum 1..10 to
 * PORT_RESULT, then HLT.
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
};

static const uint8_t sum_code[] = {
	0x31, 0xc0,		/* xor ax, ax */
	0xbb, 0x0a, 0x00,	/* mov bx, 10 */
	0x01, 0xd8,		/* 1: add ax, bx */
	0x4b,			/* dec bx */
	0x75, 0xfb,		/* jnz 1b */
	0xe7, PORT_RESULT,	/* out PORT_RESULT, ax */
	0xf4,			/* hlt */
};

static int fail(const char *what)
{
	fprintf(stderr, "vsm_kvm_guest: %s: %s\n", what, strerror(errno));
	return 1;
}

int main(int argc, char **argv)
{
	unsigned long loops = argc > 1 ? strtoul(argv[1], NULL, 0) & 0xffff : 0;
	unsigned long ticks = 0, exits = 0;
	struct kvm_userspace_memory_region mr = { 0 };
	struct kvm_sregs sregs;
	struct kvm_regs regs;
	struct kvm_run *run;
	int kvm, vm, vcpu, size, result = -1;
	uint8_t *mem;

	kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	if (kvm < 0)
		return fail("open /dev/kvm");
	if (ioctl(kvm, KVM_GET_API_VERSION, 0) != KVM_API_VERSION)
		return fail("KVM API version");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		return fail("KVM_CREATE_VM");
	mem = mmap(NULL, GUEST_MEM, PROT_READ | PROT_WRITE,
		   MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (mem == MAP_FAILED)
		return fail("mmap");
	memcpy(mem + CODE_AT, loop_code, sizeof(loop_code));
	mem[CODE_AT + 1] = loops & 0xff;
	mem[CODE_AT + 2] = (loops >> 8) & 0xff;
	memcpy(mem + CODE_AT + sizeof(loop_code), sum_code, sizeof(sum_code));
	mr.slot = 0;
	mr.guest_phys_addr = 0;
	mr.memory_size = GUEST_MEM;
	mr.userspace_addr = (uintptr_t)mem;
	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &mr))
		return fail("KVM_SET_USER_MEMORY_REGION");
	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		return fail("KVM_CREATE_VCPU");
	size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	if (size < (int)sizeof(*run))
		return fail("KVM_GET_VCPU_MMAP_SIZE");
	run = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		return fail("mmap vcpu");
	if (ioctl(vcpu, KVM_GET_SREGS, &sregs))
		return fail("KVM_GET_SREGS");
	sregs.cs.base = 0;
	sregs.cs.selector = 0;
	if (ioctl(vcpu, KVM_SET_SREGS, &sregs))
		return fail("KVM_SET_SREGS");
	memset(&regs, 0, sizeof(regs));
	regs.rip = CODE_AT;
	regs.rflags = 2;
	if (ioctl(vcpu, KVM_SET_REGS, &regs))
		return fail("KVM_SET_REGS");

	for (;;) {
		if (ioctl(vcpu, KVM_RUN, 0))
			return fail("KVM_RUN");
		exits++;
		if (run->exit_reason == KVM_EXIT_IO &&
		    run->io.direction == KVM_EXIT_IO_OUT) {
			uint8_t *data = (uint8_t *)run + run->io.data_offset;

			if (run->io.port == PORT_TICK) {
				ticks++;
				continue;
			}
			if (run->io.port == PORT_RESULT && run->io.size == 2) {
				result = data[0] | data[1] << 8;
				continue;
			}
		}
		if (run->exit_reason == KVM_EXIT_HLT)
			break;
		fprintf(stderr, "vsm_kvm_guest: unexpected exit %u\n", run->exit_reason);
		return 1;
	}
	printf("guest result %d (want 55), %lu loop iterations (want %lu), %lu exits to user space\n",
	       result, ticks, loops, exits);
	return result == 55 && ticks == loops ? 0 : 1;
}
