/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMX world switch: enter the host as a guest (VMLAUNCH, then
 * VMRESUME after each exit), save its registers at each exit, handle the
 * exit, repeat.  And the way back out.
 */
#include "../../../common/sw_abi.h"

#define GPR(n)	(VSM_SW_CPU_GPRS + 8 * (n))
#define VMCS_HOST_RSP	0x6c14
#define VMCS_HOST_RIP	0x6c16

/* Load the guest's registers but RSP (in the VMCS) from vsm_sw_cpu.gprs. */
.macro LOAD_GUEST_GPRS
	movq	GPR(0)(%rdi), %rax
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
.endm

	.text

/*
 * vmx_run_loop - enter the guest, forever
 * %rdi: this CPU's struct vsm_sw_cpu
 *
 * The VMCS is current and filled in.  Every exit lands at vmx_exit with
 * RSP as set here, this CPU's data at 8(%rsp).  Returns only if VMLAUNCH
 * itself fails (RFLAGS tell how; the VMCS error field says why).
 */
	.globl vmx_run_loop
vmx_run_loop:
	pushq	%rdi
	subq	$8, %rsp
	movq	$VMCS_HOST_RSP, %rax
	vmwrite	%rsp, %rax
	leaq	vmx_exit(%rip), %rdx
	movq	$VMCS_HOST_RIP, %rax
	vmwrite	%rdx, %rax
	LOAD_GUEST_GPRS
	vmlaunch
	addq	$16, %rsp
	ret

vmx_exit:
	pushq	%rdi
	movq	16(%rsp), %rdi
	movq	%rax, GPR(0)(%rdi)
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
	xorl	%ebp, %ebp
	call	vmx_handle_exit
	movq	8(%rsp), %rdi
	LOAD_GUEST_GPRS
	vmresume
	/* VMRESUME failed: the VMCS is broken; give the CPU back. */
	movq	8(%rsp), %rdi
	call	vmx_resume_failed
	ud2

/*
 * vmx_leave - give the CPU back to Linux without a hypervisor
 * %rdi: struct vmx_leave_state (vmx.c), read before anything changes
 * %rsi: the trampoline PML4's physical address
 * %rdx: the driver's devirtualization tail
 * %rcx: value for the caller's RAX
 *
 * VMX is already off.  Switches to the trampoline page tables, loads
 * Linux's GDT, IDT, TR (its descriptor made available again by the caller),
 * DS, ES, and
 * IRETs to the driver's tail on Linux's stack with Linux's CS, SS and
 * RFLAGS.  Arguments for the tail: %rdi = CR3, %rsi = RIP, %rdx = CR4,
 * %rax = result.
 */
	.globl vmx_leave
vmx_leave:
	movq	%rdi, %r9
	movq	%rcx, %r8
	movq	%rdx, %rcx
	movq	%rsi, %cr3
	lgdt	0(%r9)			/* gdtr: limit, base */
	lidt	16(%r9)			/* idtr: limit, base */
	/*
	 * LTR marks the TSS descriptor busy in Linux's GDT, which Linux maps
	 * read-only: write-protection is off for that one write.
	 */
	movq	%cr0, %r10
	movq	%r10, %rax
	andq	$~0x10000, %rax		/* CR0.WP */
	movq	%rax, %cr0
	movw	32(%r9), %ax		/* tr */
	ltr	%ax
	movq	%r10, %cr0
	movw	34(%r9), %ax		/* ds */
	movw	%ax, %ds
	movw	36(%r9), %ax		/* es */
	movw	%ax, %es
	movq	40(%r9), %rax		/* dr7 */
	movq	%rax, %dr7
	/* IRET frame: SS, RSP, RFLAGS, CS, RIP. */
	movzwq	38(%r9), %rax		/* ss */
	pushq	%rax
	pushq	48(%r9)			/* rsp */
	pushq	56(%r9)			/* rflags */
	movzwq	64(%r9), %rax		/* cs */
	pushq	%rax
	pushq	%rcx			/* the tail */
	movq	72(%r9), %rdi		/* cr3 */
	movq	80(%r9), %rsi		/* rip */
	movq	88(%r9), %rdx		/* cr4 */
	movq	%r8, %rax
	iretq
