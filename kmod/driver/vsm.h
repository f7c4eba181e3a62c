/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interfaces of the normal-world (Linux) side of vsm.
 */
#ifndef VSM_DRIVER_VSM_H
#define VSM_DRIVER_VSM_H

#include <linux/compiler_types.h>
#include <linux/types.h>
#include <linux/vsm.h>

#include "../common/cpu_raw.h"

/* cpu_probe.c: read the boot CPU's identification and capabilities. */
void vsm_read_cpu_raw(struct vsm_cpu_raw *raw);
void vsm_svm_read_msrs(struct vsm_cpu_raw *raw);
void vsm_vmx_read_msrs(struct vsm_cpu_raw *raw);

/* info.c: the capability report, computed once at load. */
int vsm_info_init(void);
const struct vsm_info *vsm_boot_info(void);
int vsm_dma_init(u32 vendor);
u32 vsm_dma_state(void);
u64 vsm_dma_amdvi_base(void);
void vsm_dma_taken(long ret);
void vsm_dma_released(long ret);
int vsm_dma_report(void);
const char *vsm_dma_state_name(u32 state);
int vsm_ioctl_get_info(void __user *uarg);

/* stats.c */
int vsm_ioctl_stats(void __user *uarg);
int vsm_ioctl_ping(void __user *uarg);

/* lock_audit.c */
int vsm_ioctl_lock(void __user *uarg);
int vsm_ioctl_audit_read(void __user *uarg);

/* keys.c: the key-store ioctls and the per-file session. */
struct file;
long vsm_keys_ioctl(struct file *file, unsigned int nr, void __user *uarg);
int vsm_keys_open(struct file *file);
void vsm_keys_release(struct file *file);

/* uarg.c: copying extensible argument structures across the boundary. */
int vsm_copy_arg_from_user(void *karg, u32 ksize, u32 min_size,
			   const void __user *uarg);
int vsm_copy_arg_to_user(void __user *uarg, u32 usize, void *karg, u32 ksize);

/* chardev.c: /dev/vsm. */
int vsm_chardev_register(void);
void vsm_chardev_unregister(void);

#endif /* VSM_DRIVER_VSM_H */
