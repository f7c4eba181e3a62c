// SPDX-License-Identifier: GPL-2.0
/*
 * Intel: the MSRs the VMX capability report needs.  Each read is
 * fault-tolerant: emulators and hypervisors do not always implement them.
 */
#include "../vsm.h"
#include "../msr.h"

#define LEAF1_ECX_VMX	BIT(5)

/**
 * vsm_vmx_read_msrs() - read IA32_FEATURE_CONTROL and the VMX capability MSRs
 * @raw: CPUID leaves already read; the MSR fields are filled in
 */
void vsm_vmx_read_msrs(struct vsm_cpu_raw *raw)
{
	vsm_read_msr(VSM_MSR_FEATURE_CONTROL, &raw->feature_control);
	if (!(raw->leaf1.ecx & LEAF1_ECX_VMX))
		return;
	vsm_read_msr(VSM_MSR_VMX_BASIC, &raw->vmx_basic);
	vsm_read_msr(VSM_MSR_VMX_PROCBASED, &raw->vmx_procbased);
	vsm_read_msr(VSM_MSR_VMX_TRUE_PROCBASED, &raw->vmx_true_procbased);
	vsm_read_msr(VSM_MSR_VMX_PROCBASED2, &raw->vmx_procbased2);
	vsm_read_msr(VSM_MSR_VMX_EPT_VPID_CAP, &raw->vmx_ept_vpid_cap);
}
