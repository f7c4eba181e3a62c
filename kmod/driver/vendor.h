/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The small interface each virtualization vendor implements for the
 * driver (AMD SVM in svm/, Intel VMX in vmx/).
 */
#ifndef VSM_DRIVER_VENDOR_H
#define VSM_DRIVER_VENDOR_H

#include <linux/types.h>
#include <linux/vsm.h>

struct vsm_region;

/**
 * struct vsm_vendor_ops - what the generic driver asks of a vendor
 * @name: for messages
 * @check: can this CPU be protected? 0, or a negative errno after logging
 *	the reason and the remedy
 * @cpu_launch: put the hypervisor under the calling CPU; interrupts are
 *	off; 0 or a negative errno (the CPU is then left as it was)
 * @cpu_devirt: take the hypervisor away from the calling CPU; interrupts
 *	are off
 * @hypercall: issue a hypercall on the calling (protected) CPU
 * @devirt_tail: the address the secure world returns to on devirtualize
 * @sw_vendor: VSM_SW_VENDOR_*: which vendor half of the secure world runs
 * @npt_leaf_flags: extra bits of every nested-page-table leaf (EPT: the
 *	memory type)
 * @nested_kvm: the host's own KVM runs its guests under vsm (nested SVM);
 *	without it vsm hides the virtualization extension from the host and
 *	refuses to load under a loaded KVM module
 * @kvm_module: that KVM module's name, for messages
 */
struct vsm_vendor_ops {
	const char *name;
	int (*check)(const struct vsm_info *caps);
	int (*cpu_launch)(struct vsm_region *r, unsigned int cpu);
	int (*cpu_devirt)(void);
	long (*hypercall)(unsigned long nr, unsigned long a0, unsigned long a1,
			  unsigned long a2);
	u64 (*devirt_tail)(void);
	u32 sw_vendor;
	u64 npt_leaf_flags;
	bool nested_kvm;
	const char *kvm_module;
};

extern const struct vsm_vendor_ops vsm_svm_ops;
extern const struct vsm_vendor_ops vsm_vmx_ops;

#endif /* VSM_DRIVER_VENDOR_H */
