// SPDX-License-Identifier: GPL-2.0
/*
 * AMD: the MSRs the SVM capability report needs.
 */
#include "../vsm.h"
#include "../msr.h"

#define EXT1_ECX_SVM	BIT(2)

/**
 * vsm_svm_read_msrs() - read VM_CR if the CPU has SVM
 * @raw: CPUID leaves already read; the MSR fields are filled in
 */
void vsm_svm_read_msrs(struct vsm_cpu_raw *raw)
{
	if (raw->ext1.ecx & EXT1_ECX_SVM)
		vsm_read_msr(VSM_MSR_VM_CR, &raw->vm_cr);
}
