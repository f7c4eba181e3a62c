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

#endif /* VSM_SW_SVM_H */
