/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The devirtualize hypercall as a hostile module issues it (VMMCALL on
 * AMD, VMCALL on Intel: the first argument says which).  If it were
 * wrongly granted, only RSP and RIP would come back intact, so the
 * callee-saved registers are kept on the stack.
 */
#include <linux/linkage.h>

	.text
SYM_FUNC_START(vsm_attack_devirt)
	pushq	%rbp
	pushq	%rbx
	pushq	%r12
	pushq	%r13
	pushq	%r14
	pushq	%r15
	movl	$3, %eax	/* VSM_HC_DEVIRT */
	testl	%edi, %edi	/* Intel? */
	jnz	1f
	vmmcall
	jmp	2f
1:	vmcall
2:	popq	%r15
	popq	%r14
	popq	%r13
	popq	%r12
	popq	%rbx
	popq	%rbp
	RET
SYM_FUNC_END(vsm_attack_devirt)
