// SPDX-License-Identifier: GPL-2.0
/*
 * CPU-state pinning, the vendor-neutral part: which state is pinned, and
 * whether a write keeps it.  From the lock on, each CPU records its own
 * values, and a write that would change one is ignored and audited: the
 * host keeps running with the state it had at the lock.  (Injecting #GP
 * instead would oops Linux, whose writes of this state are not the "safe"
 * kind.)  Documentation/hypervisor.rst lists the rules register by
 * register.
 */
#include "../include/sw.h"
#include "../include/x86.h"
#include "../../common/cr_pin.h"

/* The syscall and sysenter entry points and their masks. */
const u32 sw_pinned_msrs[VSM_PINNED_MSRS] = {
	MSR_STAR, MSR_LSTAR, MSR_CSTAR, MSR_SFMASK,
	MSR_SYSENTER_CS, MSR_SYSENTER_ESP, MSR_SYSENTER_EIP,
};

/* EFER bits that harden the host and may not be cleared once set. */
#define EFER_PINNED	(EFER_NXE | EFER_SCE)

/* Index of @msr in sw_pinned_msrs, or -1. */
int sw_pinned_index(u32 msr)
{
	int i;

	for (i = 0; i < VSM_PINNED_MSRS; i++)
		if (sw_pinned_msrs[i] == msr)
			return i;
	return -1;
}

/**
 * sw_pin() - record this CPU's state, once
 * @c: this CPU
 * @now: its current state (EFER, CR0 and CR4 in full; they are masked here)
 *
 * Return: true if this call pinned the CPU (the vendor code then turns on
 * the intercepts that enforce the pin).
 */
bool sw_pin(struct vsm_sw_cpu *c, const struct vsm_pin_state *now)
{
	if (c->pinned)
		return false;
	c->pin = *now;
	c->pin.efer &= EFER_PINNED;
	c->pin.cr0 &= VSM_CR0_PINNABLE;
	c->pin.cr4 &= VSM_CR4_PINNABLE;
	c->pinned = 1;
	return true;
}

static void audit_pinned(struct vsm_sw_cpu *c, u64 what, u64 val)
{
	sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_PINNED, what, val);
}

/* May pinned MSR @index become @val?  Always, until the CPU is pinned. */
bool sw_pin_allows_msr(struct vsm_sw_cpu *c, int index, u64 val)
{
	if (!c->pinned || c->pin.msr[index] == val)
		return true;
	audit_pinned(c, sw_pinned_msrs[index], val);
	return false;
}

/* May EFER become @val?  Not if it clears a pinned bit. */
bool sw_pin_allows_efer(struct vsm_sw_cpu *c, u64 val)
{
	if (!c->pinned || (val & c->pin.efer) == c->pin.efer)
		return true;
	audit_pinned(c, MSR_EFER, val);
	return false;
}

/**
 * sw_pin_cr_write() - judge a write of CR0 or CR4, and audit a refusal
 * @c: this CPU
 * @cr: 0 or 4
 * @w: the write (old and new value); the result is filled in
 *
 * Return: enum vsm_cr_verdict.
 */
int sw_pin_cr_write(struct vsm_sw_cpu *c, u32 cr, struct vsm_cr_write *w)
{
	enum vsm_cr_verdict v;

	w->pinned = c->pinned ? (cr ? c->pin.cr4 : c->pin.cr0) : 0;
	v = cr ? vsm_cr4_write(w) : vsm_cr0_write(w);
	if (v == VSM_CR_IGNORE)
		audit_pinned(c, cr ? VSM_AEV_PINNED_CR4 : VSM_AEV_PINNED_CR0, w->val);
	return v;
}

/**
 * sw_pin_allows_dt() - may LIDT or LGDT load this table?
 * @c: this CPU
 * @idt: the IDTR (true) or the GDTR
 * @base: the base loaded
 * @limit: the limit loaded
 * @cr3: the host's page tables
 *
 * Only the pinned table itself may be loaded again: at its pinned address,
 * or at another mapping of the same physical page (Linux's GDT has a
 * read-only alias, which is pinned, and the writable mapping it loads for
 * a moment to run LTR, as KVM does after every VMRUN).  The page's
 * contents are no more writable for it: the writable mapping exists
 * either way.
 *
 * Return: true to load it; false if refused (and audited).
 */
bool sw_pin_allows_dt(struct vsm_sw_cpu *c, bool idt, u64 base, u32 limit, u64 cr3)
{
	u64 pbase = idt ? c->pin.idtr_base : c->pin.gdtr_base;
	u32 plimit = idt ? c->pin.idtr_limit : c->pin.gdtr_limit;
	u64 pa, ppa;

	if (!c->pinned || (base == pbase && limit == plimit))
		return true;
	if (limit == plimit && !((base ^ pbase) & VSM_PAGE_SIZE_MASK) &&
	    !sw_guest_translate(cr3, base, &pa) && !sw_guest_translate(cr3, pbase, &ppa) &&
	    pa == ppa)
		return true;
	audit_pinned(c, idt ? VSM_AEV_PINNED_IDTR : VSM_AEV_PINNED_GDTR, base);
	return false;
}
