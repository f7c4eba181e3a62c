// SPDX-License-Identifier: GPL-2.0
/*
 * The CR0 and CR4 policy of a pinned host.  Pinned bits (the hardening
 * bits that were set at pin time) must stay set: a write that clears one
 * is ignored, so the host keeps running as it was.  CR4.PGE is the one
 * exception: Linux flushes global TLB entries by clearing and setting it
 * again (on CPUs without INVPCID), so a write that clears it performs that
 * flush while PGE stays set.  Writes the architecture forbids, and new
 * CR4 features the host did not enable before the pin, fault as invalid
 * writes do on hardware (#GP), so a value VMRUN or VM entry would reject
 * never reaches the hardware.
 */
#include "cr_pin.h"

/* A change of these CR0 bits changes how addresses translate. */
#define CR0_FLUSH_BITS	(X86_CR0_PE | X86_CR0_PG | X86_CR0_WP | X86_CR0_CD | X86_CR0_NW)

/**
 * vsm_cr0_write() - judge a write of CR0
 * @w: the write; @w->result and @w->flush are set for VSM_CR_WRITE
 *
 * Return: enum vsm_cr_verdict.
 */
enum vsm_cr_verdict vsm_cr0_write(struct vsm_cr_write *w)
{
	u64 val = w->val | X86_CR0_ET;	/* ET reads as 1 on every x86-64 CPU */

	if (val >> 32)
		return VSM_CR_FAULT;
	if ((val & X86_CR0_NW) && !(val & X86_CR0_CD))
		return VSM_CR_FAULT;
	if ((val & X86_CR0_PG) && !(val & X86_CR0_PE))
		return VSM_CR_FAULT;
	if ((val & w->pinned) != w->pinned)
		return VSM_CR_IGNORE;
	w->result = val;
	w->flush = (val ^ w->old) & CR0_FLUSH_BITS;
	return VSM_CR_WRITE;
}

/**
 * vsm_cr4_write() - judge a write of CR4
 * @w: the write; @w->result and @w->flush are set for VSM_CR_WRITE
 *
 * Return: enum vsm_cr_verdict.
 */
enum vsm_cr_verdict vsm_cr4_write(struct vsm_cr_write *w)
{
	u64 val = w->val, set = val & ~w->old;
	bool pge_flush = false;

	if (set & ~VSM_CR4_HOST_MAY_SET)
		return VSM_CR_FAULT;
	/* Long mode: PAE may not be cleared, nor LA57 changed. */
	if (!(val & X86_CR4_PAE) && !(w->pinned & X86_CR4_PAE))
		return VSM_CR_FAULT;
	if ((val ^ w->old) & X86_CR4_LA57)
		return VSM_CR_FAULT;
	if ((w->pinned & X86_CR4_PGE) && !(val & X86_CR4_PGE)) {
		val |= X86_CR4_PGE;
		pge_flush = true;
	}
	if ((val & w->pinned) != w->pinned)
		return VSM_CR_IGNORE;
	w->result = val;
	w->flush = pge_flush || val != w->old;
	return VSM_CR_WRITE;
}
