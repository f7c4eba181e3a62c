/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Capability decoding: from raw CPUID/MSR values to struct vsm_info.
 */
#ifndef VSM_COMMON_CAPS_H
#define VSM_COMMON_CAPS_H

#include <linux/vsm.h>
#include "cpu_raw.h"

enum vsm_vendor vsm_decode_vendor(const struct vsm_cpuid_regs *leaf0);
void vsm_decode_caps(const struct vsm_cpu_raw *raw, struct vsm_info *info);

/* Vendor halves, called by vsm_decode_caps(). */
void vsm_svm_decode_caps(const struct vsm_cpu_raw *raw, struct vsm_info *info);
void vsm_vmx_decode_caps(const struct vsm_cpu_raw *raw, struct vsm_info *info);

#endif /* VSM_COMMON_CAPS_H */
