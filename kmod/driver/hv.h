/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Generic hypervisor lifecycle, for the rest of the driver.
 */
#ifndef VSM_DRIVER_HV_H
#define VSM_DRIVER_HV_H

#include <linux/types.h>
#include <linux/vsm.h>

#include "../common/paging.h"

int vsm_hv_start(const struct vsm_info *caps);
void vsm_hv_stop(void);
int vsm_hv_lock(void);
enum vsm_state vsm_hv_state(void);
bool vsm_hv_cpu_protected(unsigned int cpu);
long vsm_hv_call(unsigned long nr, unsigned long a0, unsigned long a1,
		 unsigned long a2);
u64 vsm_hv_cpu_bytes(void);
struct vsm_kernel_image;
const struct vsm_kernel_image *vsm_hv_kernel_image(void);
void vsm_hv_region_info(u64 *pa, u64 *size, struct vsm_pt_coverage *cov,
			u64 *sw_tables, u32 *snpt_pages);

#endif /* VSM_DRIVER_HV_H */
