/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The driver's half of the world switch, for both vendors: jump into the
 * secure world with the CPU's state recorded so that Linux resumes, as a
 * guest, right here; the hypercall that leaves the hypervisor; and the
 * tail the secure world returns through when it leaves.  The vendors
 * differ only in what is masked across the switch (AMD clears GIF and
 * sets it again at the tail; on Intel interrupts are already off, which
 * is enough) and in the hypercall instruction (VMMCALL, VMCALL).
 *
 * Unusual control flow (a function "returns" via VMRUN, VMLAUNCH or IRET):
 * objtool is told to skip this file (Kbuild).
 */
#include <linux/linkage.h>
#include <asm/processor-flags.h>

#include "callee_saved.inc"

/* Offsets in struct vsm_cpu_state (kmod/common/sw_abi.h; capture.c checks). */
#define STATE_RFLAGS	64
#define STATE_RSP	72
#define STATE_RIP	80

	.text

/*
 * WORLD_SWITCH vendor, mask, unmask, hypercall - the three entry points
 * of one vendor:
 *
 * long vsm_<vendor>_enter(struct vsm_cpu_state *state, u64 trampoline_cr3,
 *                         u64 sw_entry, u64 sw_cpu)
 *	Records RSP, RIP and RFLAGS of the resume point, masks (GIF on AMD),
 *	switches to the trampoline page tables and jumps to the secure world.
 *	Linux comes back at the resume point as a guest with RAX = 0, or
 *	without a hypervisor with RAX = -errno if the secure world could not
 *	run it.
 *
 * long vsm_<vendor>_devirt(void)
 *	VSM_HC_DEVIRT; returns without a hypervisor.  The secure world gives
 *	back RSP and RIP but not the other registers, so the callee-saved
 *	ones are kept on the stack across the call.
 *
 * vsm_<vendor>_devirt_tail - last step out of the secure world
 *	%rdi: Linux's CR3, %rsi: where to continue, %rdx: Linux's CR4 (on
 *	Intel without VMXE: VMX is off), %rax: result for the caller.
 *	Entered by IRET on the trampoline page tables with Linux's GDT, IDT,
 *	segments and stack already in place.  Switches to Linux's page
 *	tables, flushes every TLB entry (global ones and all PCIDs, by
 *	toggling CR4.PGE) so nothing of the secure world's mappings survives,
 *	unmasks and continues.
 */
.macro WORLD_SWITCH vendor:req, mask, unmask, hypercall:req
SYM_FUNC_START(vsm_\vendor\()_enter)
	PUSH_CALLEE_SAVED
	movq	%rsp, STATE_RSP(%rdi)
	leaq	1f(%rip), %rax
	movq	%rax, STATE_RIP(%rdi)
	pushfq
	popq	STATE_RFLAGS(%rdi)
	\mask
	movq	%rsi, %cr3
	movq	%rcx, %rdi
	jmp	*%rdx
1:
	POP_CALLEE_SAVED
	RET
SYM_FUNC_END(vsm_\vendor\()_enter)

SYM_FUNC_START(vsm_\vendor\()_devirt)
	PUSH_CALLEE_SAVED
	movl	$3, %eax		/* VSM_HC_DEVIRT */
	\hypercall
	POP_CALLEE_SAVED
	RET
SYM_FUNC_END(vsm_\vendor\()_devirt)

SYM_FUNC_START(vsm_\vendor\()_devirt_tail)
	movq	%rdi, %cr3
	movq	%rdx, %rcx
	andq	$~X86_CR4_PGE, %rcx
	movq	%rcx, %cr4
	movq	%rdx, %cr4
	\unmask
	jmp	*%rsi
SYM_FUNC_END(vsm_\vendor\()_devirt_tail)
.endm

WORLD_SWITCH svm, clgi, stgi, vmmcall
WORLD_SWITCH vmx, , , vmcall
