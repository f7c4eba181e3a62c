/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The SVM world switch: run the host as a guest until it exits, save its
 * registers, handle the exit, repeat.  And the way back out.
 */
#include "../../../common/sw_abi.h"

#define GPR(n)	(VSM_SW_CPU_GPRS + 8 * (n))

	.text

/*
 * svm_run_loop - enter the guest, forever
 * %rdi: this CPU's struct vsm_sw_cpu
 *
 * The guest's RAX and RSP live in the VMCB; the other general-purpose
 * registers are kept in vsm_sw_cpu.gprs while the secure world runs.  After
 * #VMEXIT the CPU still holds the guest's FS, GS, TR, LDTR and syscall MSRs:
 * VMSAVE stores them in the guest VMCB and VMLOAD brings back the secure
 * world's own before any C code runs.
 */
	.globl svm_run_loop
svm_run_loop:
	pushq	%rdi			/* keep this CPU's data at (%rsp) */
	subq	$8, %rsp		/* keep the stack 16-byte aligned */
1:
	movq	8(%rsp), %rdi
	movq	VSM_SW_CPU_GUEST_CTL_PA(%rdi), %rax
	vmload	%rax
	movq	GPR(1)(%rdi), %rcx
	movq	GPR(2)(%rdi), %rdx
	movq	GPR(3)(%rdi), %rbx
	movq	GPR(5)(%rdi), %rbp
	movq	GPR(6)(%rdi), %rsi
	movq	GPR(8)(%rdi), %r8
	movq	GPR(9)(%rdi), %r9
	movq	GPR(10)(%rdi), %r10
	movq	GPR(11)(%rdi), %r11
	movq	GPR(12)(%rdi), %r12
	movq	GPR(13)(%rdi), %r13
	movq	GPR(14)(%rdi), %r14
	movq	GPR(15)(%rdi), %r15
	movq	GPR(7)(%rdi), %rdi
	vmrun	%rax
	/* #VMEXIT: RAX is the guest VMCB's address again, RSP ours. */
	pushq	%rdi
	movq	16(%rsp), %rdi
	movq	%rcx, GPR(1)(%rdi)
	movq	%rdx, GPR(2)(%rdi)
	movq	%rbx, GPR(3)(%rdi)
	movq	%rbp, GPR(5)(%rdi)
	movq	%rsi, GPR(6)(%rdi)
	popq	GPR(7)(%rdi)
	movq	%r8, GPR(8)(%rdi)
	movq	%r9, GPR(9)(%rdi)
	movq	%r10, GPR(10)(%rdi)
	movq	%r11, GPR(11)(%rdi)
	movq	%r12, GPR(12)(%rdi)
	movq	%r13, GPR(13)(%rdi)
	movq	%r14, GPR(14)(%rdi)
	movq	%r15, GPR(15)(%rdi)
	vmsave	%rax
	movq	VSM_SW_CPU_HOST_VMCB_PA(%rdi), %rax
	vmload	%rax
	xorl	%ebp, %ebp
	call	svm_handle_exit
	jmp	1b

/*
 * svm_leave - give the CPU back to Linux without a hypervisor
 * %rdi: secure-world address of the guest VMCB
 * %rsi: its physical address
 * %rdx: the trampoline PML4's physical address
 * %rcx: the driver's devirtualization tail
 * %r8:  value for the caller's RAX
 *
 * Loads the guest's FS, GS, TR, LDTR and MSRs with VMLOAD (no LTR on
 * Linux's busy TSS), switches to the trampoline page tables, loads Linux's
 * GDT and IDT, and IRETs to the driver's tail on Linux's stack with
 * Linux's CS, SS and RFLAGS.  The tail (running on Linux's code mapping)
 * switches to Linux's CR3 and CR4, sets GIF and returns to the caller.
 * Arguments for the tail: %rdi = CR3, %rsi = RIP, %rdx = CR4, %rax = result.
 */
	.globl svm_leave
svm_leave:
	movq	%rdi, %r9
	movq	%rsi, %rax
	vmload	%rax
	movq	%rdx, %cr3
	/* Linux's GDTR and IDTR, as 10-byte pseudo-descriptors. */
	subq	$32, %rsp
	movw	0x464(%r9), %ax		/* save.gdtr.limit (low 16 bits) */
	movw	%ax, 0(%rsp)
	movq	0x468(%r9), %rax	/* save.gdtr.base */
	movq	%rax, 2(%rsp)
	lgdt	0(%rsp)
	movw	0x484(%r9), %ax		/* save.idtr.limit */
	movw	%ax, 16(%rsp)
	movq	0x488(%r9), %rax	/* save.idtr.base */
	movq	%rax, 18(%rsp)
	lidt	16(%rsp)
	addq	$32, %rsp
	movw	0x400(%r9), %ax		/* save.es.selector */
	movw	%ax, %es
	movw	0x430(%r9), %ax		/* save.ds.selector */
	movw	%ax, %ds
	movq	0x560(%r9), %rax	/* save.dr7 */
	movq	%rax, %dr7
	movq	0x640(%r9), %rax	/* save.cr2 */
	movq	%rax, %cr2
	/* IRET frame: SS, RSP, RFLAGS, CS, RIP. */
	movzwq	0x420(%r9), %rax	/* save.ss.selector */
	pushq	%rax
	pushq	0x5d8(%r9)		/* save.rsp */
	pushq	0x570(%r9)		/* save.rflags */
	movzwq	0x410(%r9), %rax	/* save.cs.selector */
	pushq	%rax
	pushq	%rcx			/* the tail */
	movq	0x550(%r9), %rdi	/* save.cr3 */
	movq	0x578(%r9), %rsi	/* save.rip */
	movq	0x548(%r9), %rdx	/* save.cr4 */
	movq	%r8, %rax
	iretq
