/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Recording the launching CPU's state (both vendors).
 */
#ifndef VSM_DRIVER_CAPTURE_H
#define VSM_DRIVER_CAPTURE_H

#include "../common/sw_abi.h"

void vsm_capture_state(struct vsm_cpu_state *s);

#endif /* VSM_DRIVER_CAPTURE_H */
