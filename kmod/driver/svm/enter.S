/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's half of the world switch on AMD: jump into the secure world
 * with the CPU's state recorded so that Linux resumes, as a guest, right
 * here; and the tail the secure world returns through when it leaves.
 *
 * Both run with unusual control flow (a function "returns" via VMRUN or
 * IRET), so objtool is told to skip this file (Kbuild).
 */
#include <linux/linkage.h>
#include <asm/processor-flags.h>

#include "../callee_saved.inc"

/* Offsets in struct vsm_cpu_state (kmod/common/sw_abi.h). */
#define STATE_RFLAGS	64
#define STATE_RSP	72
#define STATE_RIP	80


	.text

/*
 * long vsm_svm_enter(struct vsm_cpu_state *state, u64 trampoline_cr3,
 *                    u64 sw_entry, u64 sw_cpu)
 *
 * Records RSP, RIP and RFLAGS of the resume point, clears GIF, switches to
 * the trampoline page tables and jumps to the secure world.  Linux comes
 * back at .Lresume as a guest with RAX = 0, or without a hypervisor with
 * RAX = -errno if the secure world could not run it.
 */
SYM_FUNC_START(vsm_svm_enter)
	PUSH_CALLEE_SAVED
	movq	%rsp, STATE_RSP(%rdi)
	leaq	.Lresume(%rip), %rax
	movq	%rax, STATE_RIP(%rdi)
	pushfq
	popq	STATE_RFLAGS(%rdi)
	clgi
	movq	%rsi, %cr3
	movq	%rcx, %rdi
	jmp	*%rdx
.Lresume:
	POP_CALLEE_SAVED
	RET
SYM_FUNC_END(vsm_svm_enter)

/*
 * long vsm_svm_devirt(void) - VSM_HC_DEVIRT; returns without a hypervisor
 *
 * The secure world gives back RSP and RIP but not the other registers, so
 * the callee-saved ones are kept on the stack across the call.
 */
SYM_FUNC_START(vsm_svm_devirt)
	PUSH_CALLEE_SAVED
	movl	$3, %eax		/* VSM_HC_DEVIRT */
	vmmcall
	POP_CALLEE_SAVED
	RET
SYM_FUNC_END(vsm_svm_devirt)

/*
 * vsm_svm_devirt_tail - last step out of the secure world
 * %rdi: Linux's CR3, %rsi: where to continue, %rdx: Linux's CR4,
 * %rax: result for the caller
 *
 * Entered by IRET on the trampoline page tables with Linux's GDT, IDT,
 * segments and stack already in place.  Switches to Linux's page tables,
 * flushes every TLB entry (global ones and all PCIDs, by toggling
 * CR4.PGE) so nothing of the secure world's mappings survives, sets GIF
 * and continues.
 */
SYM_FUNC_START(vsm_svm_devirt_tail)
	movq	%rdi, %cr3
	movq	%rdx, %rcx
	andq	$~X86_CR4_PGE, %rcx
	movq	%rcx, %cr4
	movq	%rdx, %cr4
	stgi
	jmp	*%rsi
SYM_FUNC_END(vsm_svm_devirt_tail)
