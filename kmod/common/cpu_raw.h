/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Raw CPUID leaves and MSR values of one CPU, as read by the driver.  The
 * decoders in caps.c and svm/, vmx/ turn them into the ABI's capability
 * report; keeping the reading apart from the decoding lets the hosted unit
 * tests feed in the exact values of real and emulated CPUs.
 */
#ifndef VSM_COMMON_CPU_RAW_H
#define VSM_COMMON_CPU_RAW_H

#include "types.h"

/**
 * struct vsm_cpuid_regs - output registers of one CPUID leaf
 * @eax: EAX
 * @ebx: EBX
 * @ecx: ECX
 * @edx: EDX
 */
struct vsm_cpuid_regs {
	u32 eax, ebx, ecx, edx;
};

/**
 * struct vsm_msr_val - an MSR value that may not exist on this CPU
 * @val: the value, valid only if @ok
 * @ok: the read did not fault
 */
struct vsm_msr_val {
	u64 val;
	bool ok;
};

/**
 * struct vsm_cpu_raw - everything the capability decoder looks at
 * @leaf0: CPUID 0 (max basic leaf, vendor string)
 * @leaf1: CPUID 1 (feature flags)
 * @leaf7: CPUID 7 subleaf 0 (structured extended features)
 * @ext0: CPUID 0x80000000 (max extended leaf)
 * @ext1: CPUID 0x80000001 (extended feature flags)
 * @ext8: CPUID 0x80000008 (address sizes)
 * @svm: CPUID 0x8000000A (SVM features), AMD only
 * @vm_cr: MSR VM_CR (0xC0010114), AMD only
 * @feature_control: MSR IA32_FEATURE_CONTROL (0x3A), Intel only
 * @vmx_basic: MSR IA32_VMX_BASIC (0x480)
 * @vmx_procbased: MSR IA32_VMX_PROCBASED_CTLS (0x482)
 * @vmx_true_procbased: MSR IA32_VMX_TRUE_PROCBASED_CTLS (0x48E)
 * @vmx_procbased2: MSR IA32_VMX_PROCBASED_CTLS2 (0x48B)
 * @vmx_ept_vpid_cap: MSR IA32_VMX_EPT_VPID_CAP (0x48C)
 */
struct vsm_cpu_raw {
	struct vsm_cpuid_regs leaf0, leaf1, leaf7;
	struct vsm_cpuid_regs ext0, ext1, ext8, svm;
	struct vsm_msr_val vm_cr;
	struct vsm_msr_val feature_control;
	struct vsm_msr_val vmx_basic;
	struct vsm_msr_val vmx_procbased;
	struct vsm_msr_val vmx_true_procbased;
	struct vsm_msr_val vmx_procbased2;
	struct vsm_msr_val vmx_ept_vpid_cap;
};

#define VSM_CPUID_EXT_BASE	0x80000000U
#define VSM_CPUID_EXT_ADDR	0x80000008U
#define VSM_CPUID_EXT_SVM	0x8000000AU

#define VSM_MSR_FEATURE_CONTROL		0x0000003aU
#define VSM_MSR_VMX_BASIC		0x00000480U
#define VSM_MSR_VMX_PROCBASED		0x00000482U
#define VSM_MSR_VMX_PROCBASED2		0x0000048bU
#define VSM_MSR_VMX_EPT_VPID_CAP	0x0000048cU
#define VSM_MSR_VMX_TRUE_PROCBASED	0x0000048eU
#define VSM_MSR_VM_CR			0xc0010114U

#endif /* VSM_COMMON_CPU_RAW_H */
