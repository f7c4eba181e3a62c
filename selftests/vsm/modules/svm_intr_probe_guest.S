/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guests of vsm_svm_intr_probe.ko, on the host's page tables and code
 * segment.  vsm_probe_guest spins RCX times, then VMMCALL; vsm_probe_loop
 * executes CPUID for ever (the stress mode).  Every IDT vector enters
 * vsm_probe_isr_N, which counts vsm_probe_hits[N] and returns with IRETQ
 * (a vector with an error code would be counted too, and the run fails on
 * the count of the wrong vector).
 */
	.text
	.globl vsm_probe_guest
vsm_probe_guest:
1:	dec	%rcx
	jnz	1b
	vmmcall
	ud2

	.globl vsm_probe_loop
vsm_probe_loop:
	cpuid
	jmp	vsm_probe_loop
	.globl vsm_probe_loop_end
vsm_probe_loop_end:

.macro isr n
	.globl vsm_probe_isr_\n
vsm_probe_isr_\n:
	lock incq vsm_probe_hits + 8 * \n(%rip)
	iretq
.endm

/* Stubs for the vectors that could plausibly come; the rest count as 255. */
	isr 0
	isr 1
	isr 2
	isr 3
	isr 4
	isr 5
	isr 6
	isr 7
	isr 8
	isr 13
	isr 14
	isr 32
	isr 65
	isr 236
	isr 251
	isr 252
	isr 253
	isr 254
	isr 255
