/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The assembly world-switch stubs of the driver on Intel (../world_switch.S).
 */
#ifndef VSM_DRIVER_VMX_ENTER_H
#define VSM_DRIVER_VMX_ENTER_H

#include <linux/types.h>

#include "../../common/sw_abi.h"

long vsm_vmx_enter(struct vsm_cpu_state *state, u64 trampoline_cr3,
		   u64 sw_entry, u64 sw_cpu);
long vsm_vmx_devirt(void);
void vsm_vmx_devirt_tail(void);

#endif /* VSM_DRIVER_VMX_ENTER_H */
