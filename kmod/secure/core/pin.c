// SPDX-License-Identifier: GPL-2.0
/*
 * CPU-state pinning, the vendor-neutral part: which state is pinned, and
 * whether a write keeps it.  From the lock on, each CPU records its own
 * values (at its first exit after the lock), and a write that would change
 * one is ignored and audited: the host keeps running with the value it had
 * at the lock.  (Injecting #GP instead would oops Linux, whose writes of
 * these MSRs are not the "safe" kind.)
 */
#include "../include/sw.h"
#include "../include/x86.h"

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
 * sw_pin() - record this CPU's values, once
 * @c: this CPU
 * @msrs: current values of sw_pinned_msrs, in that order
 * @efer: current EFER
 */
void sw_pin(struct vsm_sw_cpu *c, const u64 msrs[VSM_PINNED_MSRS], u64 efer)
{
	if (c->pinned)
		return;
	memcpy(c->pin_msr, msrs, sizeof(c->pin_msr));
	c->pin_efer = efer & EFER_PINNED;
	c->pinned = 1;
}

/* May pinned MSR @index become @val?  Always, until the CPU is pinned. */
bool sw_pin_allows_msr(struct vsm_sw_cpu *c, int index, u64 val)
{
	if (!c->pinned || c->pin_msr[index] == val)
		return true;
	sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_PINNED, sw_pinned_msrs[index], val);
	return false;
}

/* May EFER become @val?  Not if it clears a pinned bit. */
bool sw_pin_allows_efer(struct vsm_sw_cpu *c, u64 val)
{
	if (!c->pinned || (val & c->pin_efer) == c->pin_efer)
		return true;
	sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_PINNED, MSR_EFER, val);
	return false;
}
