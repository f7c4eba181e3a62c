// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the raw CPUID leaves and MSRs the capability report is decoded
 * from.  Vendor MSRs are read by svm/probe.c and vmx/probe.c.
 */
#include <asm/processor.h>
#include <linux/smp.h>

#include "vsm.h"
#include "../common/caps.h"

static void read_leaf(u32 leaf, struct vsm_cpuid_regs *r)
{
	cpuid_count(leaf, 0, &r->eax, &r->ebx, &r->ecx, &r->edx);
}

/**
 * vsm_read_cpu_raw() - read the current CPU's identification and MSRs
 * @raw: filled in; leaves the CPU does not implement are left zero
 *
 * Runs with preemption disabled so that every value comes from one CPU.
 */
void vsm_read_cpu_raw(struct vsm_cpu_raw *raw)
{
	memset(raw, 0, sizeof(*raw));
	get_cpu();
	read_leaf(0, &raw->leaf0);
	read_leaf(1, &raw->leaf1);
	if (raw->leaf0.eax >= 7)
		read_leaf(7, &raw->leaf7);
	read_leaf(VSM_CPUID_EXT_BASE, &raw->ext0);
	if (raw->ext0.eax >= VSM_CPUID_EXT_BASE + 1)
		read_leaf(VSM_CPUID_EXT_BASE + 1, &raw->ext1);
	if (raw->ext0.eax >= VSM_CPUID_EXT_ADDR)
		read_leaf(VSM_CPUID_EXT_ADDR, &raw->ext8);
	if (raw->ext0.eax >= VSM_CPUID_EXT_SVM)
		read_leaf(VSM_CPUID_EXT_SVM, &raw->svm);

	switch (vsm_decode_vendor(&raw->leaf0)) {
	case VSM_VENDOR_AMD:
		vsm_svm_read_msrs(raw);
		break;
	case VSM_VENDOR_INTEL:
		vsm_vmx_read_msrs(raw);
		break;
	default:
		break;
	}
	put_cpu();
}
