/* SPDX-License-Identifier: GPL-2.0 */
/*
 * For the world-switch stubs (svm/enter.S, vmx/enter.S): the registers a
 * C caller expects back, kept on the stack across a jump into the secure
 * world, which gives back only RSP and RIP.
 */
#ifndef VSM_DRIVER_CALLEE_SAVED_H
#define VSM_DRIVER_CALLEE_SAVED_H

#ifdef __ASSEMBLY__

.macro PUSH_CALLEE_SAVED
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
.endm

.macro POP_CALLEE_SAVED
	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
.endm

#endif /* __ASSEMBLY__ */

#endif /* VSM_DRIVER_CALLEE_SAVED_H */
