// SPDX-License-Identifier: GPL-2.0
/*
 * The vendor half of the secure world, chosen by the driver at launch
 * (vsm_boot.vendor): generic code calls arch_*(), never svm_*() or
 * vmx_*(), and never touches a VMCB or a VMCS.
 */
#include "../include/sw.h"
#include "../include/x86.h"
#include "../../common/paging.h"
#include "../arch/svm/svm.h"
#include "../arch/vmx/vmx.h"

static bool intel(void)
{
	return vsm_boot.vendor == VSM_SW_VENDOR_INTEL;
}

/* Record what of Linux's state the vendor code takes from the CPU itself. */
void arch_cpu_capture(struct vsm_sw_cpu *c)
{
	/* Intel: the driver recorded them (VMX has no VMSAVE). */
	if (intel())
		return;
	/* FS, GS, TR, LDTR and the syscall MSRs, exactly, into the guest VMCB. */
	sw_vmsave(c->guest_ctl_pa);
}

void __noreturn arch_cpu_run(struct vsm_sw_cpu *c)
{
	if (intel())
		vmx_cpu_run(c);
	svm_cpu_run(c);
}

void __noreturn arch_cpu_devirt(struct vsm_sw_cpu *c, s64 result)
{
	if (intel())
		vmx_cpu_devirt(c, result);
	svm_cpu_devirt(c, result);
}

/**
 * arch_npt_leaf_read_only() - a nested-map leaf the host may only read
 * @pa: the 4 KiB page it maps
 *
 * Return: the entry: EPT read (bits 1 and 2, write and execute, clear) and
 * write-back; NPT present, user (every nested access counts as one) and
 * not executable.
 */
u64 arch_npt_leaf_read_only(u64 pa)
{
	if (intel())
		return pa | VSM_PTE_P | VSM_EPT_LEAF_WB;
	return pa | VSM_PTE_P | VSM_PTE_US | VSM_PTE_NX;
}

/**
 * arch_npt_leaf_allows() - does a nested-map leaf allow an access?
 * @e: the leaf
 * @write: a write
 * @fetch: an instruction fetch
 *
 * Return: true if so (EPT: R, W, X; NPT: P and U, RW, no NX).
 */
bool arch_npt_leaf_allows(u64 e, bool write, bool fetch)
{
	if (intel())
		return (e & VSM_PTE_P) && (!write || (e & VSM_PTE_RW)) &&
		       (!fetch || (e & VSM_PTE_US));
	return (e & VSM_PTE_P) && (e & VSM_PTE_US) && (!write || (e & VSM_PTE_RW)) &&
	       (!fetch || !(e & VSM_PTE_NX));
}

u64 arch_host_cr3(struct vsm_sw_cpu *c)
{
	return intel() ? vmx_host_cr3(c) : svm_host_cr3(c);
}

void arch_cpuid_adjust(u32 leaf, u32 sub, u32 regs[4])
{
	if (intel())
		vmx_cpuid_adjust(leaf, regs);
	else
		svm_nested_cpuid(leaf, regs);
}

/* At the lock: the intercepts every CPU shares (the MSR map or bitmap). */
void arch_lock_intercepts(void)
{
	if (intel())
		vmx_lock_intercepts();
	else
		svm_lock_intercepts();
}
