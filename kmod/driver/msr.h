/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fault-tolerant MSR reads into struct vsm_msr_val.
 */
#ifndef VSM_DRIVER_MSR_H
#define VSM_DRIVER_MSR_H

#include <asm/msr.h>

#include "../common/cpu_raw.h"

static inline void vsm_read_msr(u32 msr, struct vsm_msr_val *out)
{
	u64 val;

	out->ok = !rdmsrl_safe(msr, &val);
	out->val = out->ok ? val : 0;
}

#endif /* VSM_DRIVER_MSR_H */
