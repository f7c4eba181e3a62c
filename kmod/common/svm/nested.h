/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Nested SVM, the pure part: whose #VMEXIT is it?  When the host's own
 * hypervisor (L1, e.g. KVM) runs a guest (L2) on vsm, L2 runs with the
 * union of L1's intercepts and vsm's; each exit then goes to L1 if L1
 * asked for it (its intercept vectors, MSR and I/O permission maps), and
 * is handled by vsm otherwise.  Shared by the secure world and the hosted
 * tests.
 */
#ifndef VSM_COMMON_SVM_NESTED_H
#define VSM_COMMON_SVM_NESTED_H

#include "vmcb.h"

/**
 * struct svm_intercepts - the intercept vectors of a VMCB (offset 0x00)
 * @cr: CR reads (bits 0..15) and writes (16..31)
 * @dr: DR reads (0..15) and writes (16..31)
 * @exceptions: one bit per vector
 * @misc3: vector 3 (INTR .. SHUTDOWN)
 * @misc4: vector 4 (VMRUN .. CR write traps)
 * @misc5: vector 5 (INVLPGB .. TLBSYNC)
 */
struct svm_intercepts {
	u32 cr;
	u32 dr;
	u32 exceptions;
	u32 misc3;
	u32 misc4;
	u32 misc5;
};

/**
 * struct svm_nested_own - what vsm imposes on every nested guest
 * @intercepts: intercepts vsm needs from any guest of the host
 * @asid: the ASID vsm gives the nested guest
 * @n_cr3: the root of vsm's shadow nested tables for it
 * @msrpm_pa: the merged MSR permission map
 * @iopm_pa: the merged I/O permission map
 */
struct svm_nested_own {
	struct svm_intercepts intercepts;
	u32 asid;
	u64 n_cr3;
	u64 msrpm_pa;
	u64 iopm_pa;
};

int svm_nested_controls(struct vmcb_control *c, const struct vmcb_control *l1,
			const struct svm_nested_own *own);
bool svm_nested_state_valid(const struct vmcb_save *s, u64 efer_ok, u64 cr4_ok);
void svm_nested_exit_to_l1(struct vmcb *l1_vmcb, const struct vmcb *run);
void svm_intercepts_get(struct svm_intercepts *i, const struct vmcb_control *c);
void svm_intercepts_merge(struct vmcb_control *c, const struct svm_intercepts *l1,
			  const struct svm_intercepts *own);
bool svm_msrpm_test(const u8 *msrpm, u32 msr, bool write);
bool svm_iopm_test(const u8 *iopm, u16 port, u32 size);
void svm_vmload_state_copy(struct vmcb_save *dst, const struct vmcb_save *src);
void svm_nested_guest_state(struct vmcb_save *run, const struct vmcb_save *gave,
			    const struct vmcb_save *cpu, u64 own_pat, bool np);
u64 svm_exit_int_info(u64 exit_int_info);
u64 svm_event_to_redeliver(u64 exit_int_info);
bool svm_l1_wants_exit(const struct svm_intercepts *l1, const u8 *l1_msrpm,
		       const u8 *l1_iopm, u64 exit_code, u64 info1, u32 msr);

#endif /* VSM_COMMON_SVM_NESTED_H */
