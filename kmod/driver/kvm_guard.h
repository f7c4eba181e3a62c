/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Keeping vsm loaded while KVM runs on its emulated SVM.
 */
#ifndef VSM_DRIVER_KVM_GUARD_H
#define VSM_DRIVER_KVM_GUARD_H

#include <linux/types.h>

bool vsm_kvm_loaded(void);
int vsm_kvm_guard_start(void);
void vsm_kvm_guard_stop(void);

#endif /* VSM_DRIVER_KVM_GUARD_H */
