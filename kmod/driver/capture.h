/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Launching a CPU, the parts both vendors share.
 */
#ifndef VSM_DRIVER_CAPTURE_H
#define VSM_DRIVER_CAPTURE_H

#include "../common/sw_abi.h"

struct vsm_region;

void vsm_capture_state(struct vsm_cpu_state *s);
int vsm_build_trampoline(struct vsm_region *r, u64 *tramp);

#endif /* VSM_DRIVER_CAPTURE_H */
