/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Code integrity in the driver: the module-load hook and the policy ioctls.
 */
#ifndef VSM_DRIVER_CI_H
#define VSM_DRIVER_CI_H

#include <linux/compiler_types.h>

/* A bare return, for a probed function that must return at once. */
void vsm_ci_return(void);

int vsm_ci_start(void);
void vsm_ci_stop(void);
int vsm_ioctl_ci_policy_set(void __user *uarg);
int vsm_ioctl_ci_policy_get(void __user *uarg);
int vsm_ioctl_ci_exec_scan(void __user *uarg);

#endif /* VSM_DRIVER_CI_H */
