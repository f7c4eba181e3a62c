// SPDX-License-Identifier: GPL-2.0
/*
 * CPUID as the host sees it under vsm: the real values, with the vendor's
 * virtualization reduced to what vsm emulates (or hidden), the hypervisor
 * bit set, and vsm's signature leaf.
 */
#include "../include/sw.h"
#include "../include/x86.h"

#define LEAF1_ECX_HYPERVISOR	VSM_BIT(31)

/**
 * sw_cpuid() - the CPUID result the host gets
 * @c: this CPU
 * @leaf: EAX
 * @sub: ECX
 * @regs: EAX, EBX, ECX, EDX out
 */
void sw_cpuid(struct vsm_sw_cpu *c, u32 leaf, u32 sub, u32 regs[4])
{
	if (leaf == VSM_CPUID_LEAF) {
		regs[0] = VSM_CPUID_LEAF + 1;
		regs[1] = VSM_CPUID_SIG_EBX;
		regs[2] = VSM_CPUID_SIG_ECX;
		regs[3] = VSM_CPUID_SIG_EDX;
		return;
	}
	if (leaf == VSM_CPUID_LEAF + 1) {
		regs[0] = VSM_SW_ABI_VERSION;
		regs[1] = c->cpu;
		regs[2] = 0;
		regs[3] = 0;
		return;
	}
	cpuid_count(leaf, sub, &regs[0], &regs[1], &regs[2], &regs[3]);
	if (leaf == 1)
		regs[2] |= LEAF1_ECX_HYPERVISOR;
	arch_cpuid_adjust(leaf, sub, regs);
}
