// SPDX-License-Identifier: GPL-2.0
/*
 * Intel VMX capabilities: CPUID 1 ECX.VMX, IA32_FEATURE_CONTROL and the VMX
 * capability MSRs (Intel SDM vol. 3D, appendix A).  A control is reported
 * only if its allowed-1 bit is set, i.e. if a VMM may really turn it on.
 */
#include "../caps.h"

#define LEAF1_ECX_VMX			VSM_BIT(5)

#define FEATURE_CONTROL_LOCKED		VSM_BIT64(0)
#define FEATURE_CONTROL_VMX_OUTSIDE_SMX	VSM_BIT64(2)

#define VMX_BASIC_REVISION_MASK		0x7fffffffULL
#define VMX_BASIC_TRUE_CTLS		VSM_BIT64(55)

/* Allowed-1 settings are the high half of a control capability MSR. */
#define ALLOWED1(msr)			((u32)((msr) >> 32))

#define PROCBASED_SECONDARY		VSM_BIT(31)
#define PROCBASED2_EPT			VSM_BIT(1)
#define PROCBASED2_VPID			VSM_BIT(5)
#define PROCBASED2_UNRESTRICTED		VSM_BIT(7)
#define PROCBASED2_MBEC			VSM_BIT(22)

#define EPT_CAP_2M			VSM_BIT64(16)
#define EPT_CAP_1G			VSM_BIT64(17)

static u32 secondary_allowed1(const struct vsm_cpu_raw *raw, bool true_ctls)
{
	const struct vsm_msr_val *primary = &raw->vmx_procbased;

	if (true_ctls && raw->vmx_true_procbased.ok)
		primary = &raw->vmx_true_procbased;
	if (!primary->ok || !(ALLOWED1(primary->val) & PROCBASED_SECONDARY))
		return 0;
	if (!raw->vmx_procbased2.ok)
		return 0;
	return ALLOWED1(raw->vmx_procbased2.val);
}

/**
 * vsm_vmx_decode_caps() - decode the VMX part of the capability report
 * @raw: CPUID leaves and MSR values of the boot CPU
 * @info: the report being filled by vsm_decode_caps()
 *
 * VMX counts as disabled by firmware when IA32_FEATURE_CONTROL is locked
 * without the "VMXON outside SMX" bit: VMXON would fault until reset.
 */
void vsm_vmx_decode_caps(const struct vsm_cpu_raw *raw, struct vsm_info *info)
{
	bool true_ctls = false;
	u32 sec;

	if (!(raw->leaf1.ecx & LEAF1_ECX_VMX))
		return;

	info->caps |= VSM_CAP_VMX;
	if (raw->feature_control.ok &&
	    (raw->feature_control.val & FEATURE_CONTROL_LOCKED) &&
	    !(raw->feature_control.val & FEATURE_CONTROL_VMX_OUTSIDE_SMX))
		info->fw_locks |= VSM_FW_VMX_DISABLED;

	if (raw->vmx_basic.ok) {
		info->vmcs_revision = raw->vmx_basic.val & VMX_BASIC_REVISION_MASK;
		true_ctls = raw->vmx_basic.val & VMX_BASIC_TRUE_CTLS;
		if (true_ctls)
			info->caps |= VSM_CAP_VMX_TRUE_CTLS;
	}

	sec = secondary_allowed1(raw, true_ctls);
	if (sec & PROCBASED2_VPID)
		info->caps |= VSM_CAP_VPID;
	if (sec & PROCBASED2_UNRESTRICTED)
		info->caps |= VSM_CAP_UNRESTRICTED_GUEST;
	if (sec & PROCBASED2_MBEC)
		info->caps |= VSM_CAP_MBEC;
	if (!(sec & PROCBASED2_EPT))
		return;

	info->caps |= VSM_CAP_EPT;
	if (raw->vmx_ept_vpid_cap.ok) {
		if (raw->vmx_ept_vpid_cap.val & EPT_CAP_2M)
			info->caps |= VSM_CAP_EPT_2M;
		if (raw->vmx_ept_vpid_cap.val & EPT_CAP_1G)
			info->caps |= VSM_CAP_EPT_1G;
	}
}
