/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Secure-world entry from the driver's launch trampoline, and the
 * exception entry stubs.
 */
#include "../../../common/sw_abi.h"

	.text

/*
 * sw_entry - a CPU enters the secure world
 * %rdi: this CPU's struct vsm_sw_cpu (secure-world address)
 *
 * Runs on the trampoline page tables (Linux's kernel half plus the secure
 * world's slot), on Linux's stack, with GIF and IF clear.  Switches to the
 * secure world's own page tables and stack and never returns: Linux
 * continues as a guest through VMRUN.
 */
	.globl sw_entry
sw_entry:
	movq	vsm_boot + VSM_SW_BOOT_SW_CR3(%rip), %rax
	movq	%rax, %cr3
	movq	VSM_SW_CPU_STACK_TOP(%rdi), %rsp
	xorl	%ebp, %ebp
	call	sw_cpu_start
	ud2

/*
 * Exception stubs: 32 entries of 16 bytes.  Vectors without an error code
 * push a zero so the frame looks the same for all of them.
 */
	.balign 16
	.globl sw_exception_stubs
sw_exception_stubs:
	vector = 0
	.rept 32
	.balign 16
	.if (vector == 8) || (vector >= 10 && vector <= 14) || (vector == 17) || (vector == 21) || (vector == 29) || (vector == 30)
	pushq	$vector
	.else
	pushq	$0
	pushq	$vector
	.endif
	jmp	sw_exception_common
	vector = vector + 1
	.endr

/*
 * sw_nmi_entry - an NMI inside the secure world: counted, nothing else
 *
 * The secure world runs with GIF clear (SVM), so an NMI reaches it only
 * where it opens GIF on purpose to take one that is pending for the host
 * (core/nmi.c).  The counter is the quadword just above the NMI's IST
 * frame (the IST pointer leaves room for it), so no per-CPU lookup is
 * needed here.
 */
	.balign 16
	.globl sw_nmi_entry
sw_nmi_entry:
	lock incq 40(%rsp)
	iretq

sw_exception_common:
	popq	%rdi		/* vector */
	popq	%rsi		/* error code */
	movq	(%rsp), %rdx	/* RIP of the interrupted code */
	andq	$~15, %rsp
	call	sw_exception
	ud2
