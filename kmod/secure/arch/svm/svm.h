/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SVM world switch (entry.S) and the exit handler it calls.
 */
#ifndef VSM_SW_SVM_H
#define VSM_SW_SVM_H

#include "../../include/sw.h"
#include "../../../common/svm/vmcb.h"

void __noreturn svm_run_loop(struct vsm_sw_cpu *c);
void __noreturn svm_leave(struct vmcb *vmcb, u64 vmcb_pa, u64 trampoline_cr3,
			  u64 tail, s64 result);
void svm_handle_exit(struct vsm_sw_cpu *c);

/* svm.c: the vendor half for core/arch.c */
void __noreturn svm_cpu_run(struct vsm_sw_cpu *c);
void __noreturn svm_cpu_devirt(struct vsm_sw_cpu *c, s64 result);
u64 svm_host_cr3(struct vsm_sw_cpu *c);
void svm_lock_intercepts(void);	/* pin.c */

/* pin.c: the pinned state, and its emulation */
void svm_pin_if_locked(struct vsm_sw_cpu *c, struct vmcb *v);
void svm_handle_msr(struct vsm_sw_cpu *c, struct vmcb *v);
void svm_handle_sys(struct vsm_sw_cpu *c, struct vmcb *v, u32 allowed);

/* svm.c, for nested.c and pin.c */
void svm_host_regs(const struct vsm_sw_cpu *c, const struct vmcb *v, struct vsm_host_regs *r);
void svm_put_host_regs(struct vsm_sw_cpu *c, struct vmcb *v, const struct vsm_host_regs *r);
bool svm_skip_insn(struct vmcb *v, const u8 *op, u32 op_len);
void svm_inject_exception(struct vmcb *v, unsigned int vector, bool error);
u64 svm_pinned_get(const struct vmcb_save *s, int i);
void svm_pinned_set(struct vmcb_save *s, int i, u64 val);
void svm_iopm_intercept_reset_ports(u8 *iopm);
void __noreturn svm_shutdown(struct vsm_sw_cpu *c, struct vmcb *v);

/* nested.c: SVM for the host's own hypervisor */
bool svm_nested_enabled(void);
bool svm_nested_in_l2(struct vsm_sw_cpu *c);
bool svm_nested_gif(struct vsm_sw_cpu *c);
u64 svm_nested_svme(struct vsm_sw_cpu *c);
bool svm_nested_set_svme(struct vsm_sw_cpu *c, bool on);
void svm_nested_msr_written(struct vsm_sw_cpu *c, int index);
void svm_nested_lock(void);
void svm_nested_cpuid(u32 leaf, u32 regs[4]);
void svm_l1_svm_insn(struct vsm_sw_cpu *c, struct vmcb *v, u64 code);
void svm_l2_exit(struct vsm_sw_cpu *c);
void svm_nested_hold_nmi(struct vsm_sw_cpu *c, struct vmcb *v);

#endif /* VSM_SW_SVM_H */
