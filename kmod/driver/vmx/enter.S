/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's half of the world switch on Intel: jump into the secure
 * world with the CPU's state recorded so that Linux resumes, as a guest,
 * right here; and the tail the secure world returns through when it
 * leaves.  As on AMD (svm/enter.S), but interrupts, not GIF, are what is
 * off, and hypercalls are VMCALL.
 *
 * Unusual control flow (a function "returns" via VMLAUNCH or IRET):
 * objtool is told to skip this file (Kbuild).
 */
#include <linux/linkage.h>
#include <asm/processor-flags.h>

#include "../callee_saved.inc"

#define STATE_RFLAGS	64
#define STATE_RSP	72
#define STATE_RIP	80

	.text

/*
 * long vsm_vmx_enter(struct vsm_cpu_state *state, u64 trampoline_cr3,
 *                    u64 sw_entry, u64 sw_cpu)
 *
 * Records RSP, RIP and RFLAGS of the resume point, switches to the
 * trampoline page tables and jumps to the secure world (interrupts are
 * off).  Linux comes back at .Lresume as a guest with RAX = 0, or without
 * a hypervisor with RAX = -errno.
 */
SYM_FUNC_START(vsm_vmx_enter)
	PUSH_CALLEE_SAVED
	movq	%rsp, STATE_RSP(%rdi)
	leaq	.Lresume(%rip), %rax
	movq	%rax, STATE_RIP(%rdi)
	pushfq
	popq	STATE_RFLAGS(%rdi)
	movq	%rsi, %cr3
	movq	%rcx, %rdi
	jmp	*%rdx
.Lresume:
	POP_CALLEE_SAVED
	RET
SYM_FUNC_END(vsm_vmx_enter)

/* long vsm_vmx_devirt(void) - VSM_HC_DEVIRT; returns without a hypervisor */
SYM_FUNC_START(vsm_vmx_devirt)
	PUSH_CALLEE_SAVED
	movl	$3, %eax		/* VSM_HC_DEVIRT */
	vmcall
	POP_CALLEE_SAVED
	RET
SYM_FUNC_END(vsm_vmx_devirt)

/*
 * vsm_vmx_devirt_tail - last step out of the secure world
 * %rdi: Linux's CR3, %rsi: where to continue, %rdx: Linux's CR4 (without
 * VMXE: VMX is off), %rax: result for the caller
 *
 * Switches to Linux's page tables and flushes every TLB entry (CR4.PGE
 * toggled) so that nothing of the secure world's mappings survives.
 */
SYM_FUNC_START(vsm_vmx_devirt_tail)
	movq	%rdi, %cr3
	movq	%rdx, %rcx
	andq	$~X86_CR4_PGE, %rcx
	movq	%rcx, %cr4
	movq	%rdx, %cr4
	jmp	*%rsi
SYM_FUNC_END(vsm_vmx_devirt_tail)
