// SPDX-License-Identifier: GPL-2.0
/*
 * AMD SVM capabilities: CPUID 0x80000001 ECX.SVM, the SVM feature leaf
 * 0x8000000A and the VM_CR MSR (AMD APM vol. 2, "SVM Feature Identification").
 */
#include "../caps.h"

#define EXT1_ECX_SVM		VSM_BIT(2)

#define SVM_EDX_NP		VSM_BIT(0)
#define SVM_EDX_NRIPS		VSM_BIT(3)
#define SVM_EDX_VMCB_CLEAN	VSM_BIT(5)
#define SVM_EDX_FLUSH_BY_ASID	VSM_BIT(6)
#define SVM_EDX_DECODE_ASSISTS	VSM_BIT(7)
#define SVM_EDX_VGIF		VSM_BIT(16)
#define SVM_EDX_GMET		VSM_BIT(17)

#define VM_CR_SVMDIS		VSM_BIT64(4)

static const struct {
	u32 edx_bit;
	u64 cap;
} svm_feature_map[] = {
	{ SVM_EDX_NP, VSM_CAP_NPT },
	{ SVM_EDX_NRIPS, VSM_CAP_NRIP_SAVE },
	{ SVM_EDX_VMCB_CLEAN, VSM_CAP_VMCB_CLEAN },
	{ SVM_EDX_FLUSH_BY_ASID, VSM_CAP_FLUSH_BY_ASID },
	{ SVM_EDX_DECODE_ASSISTS, VSM_CAP_DECODE_ASSISTS },
	{ SVM_EDX_VGIF, VSM_CAP_VGIF },
	{ SVM_EDX_GMET, VSM_CAP_GMET },
};

/**
 * vsm_svm_decode_caps() - decode the SVM part of the capability report
 * @raw: CPUID leaves and MSR values of the boot CPU
 * @info: the report being filled by vsm_decode_caps()
 *
 * Nothing is reported unless CPUID says SVM exists.  Nested paging maps
 * 1 GiB pages exactly when the CPU's own paging does (PDPE1GB).
 */
void vsm_svm_decode_caps(const struct vsm_cpu_raw *raw, struct vsm_info *info)
{
	unsigned int i;

	if (raw->ext0.eax < VSM_CPUID_EXT_BASE + 1 ||
	    !(raw->ext1.ecx & EXT1_ECX_SVM))
		return;

	info->caps |= VSM_CAP_SVM;
	if (raw->vm_cr.ok && (raw->vm_cr.val & VM_CR_SVMDIS))
		info->fw_locks |= VSM_FW_SVM_DISABLED;

	if (raw->ext0.eax < VSM_CPUID_EXT_SVM)
		return;

	info->svm_revision = raw->svm.eax & 0xff;
	info->svm_nr_asids = raw->svm.ebx;
	for (i = 0; i < ARRAY_SIZE(svm_feature_map); i++)
		if (raw->svm.edx & svm_feature_map[i].edx_bit)
			info->caps |= svm_feature_map[i].cap;

	if ((info->caps & VSM_CAP_NPT) && (info->caps & VSM_CAP_PAGE_1G))
		info->caps |= VSM_CAP_NPT_1G;
}
