// SPDX-License-Identifier: GPL-2.0
/*
 * Intel VMX, the pure part: control words from the capability MSRs, access
 * rights in VMCS layout, and the MSR bitmap (Intel SDM vol. 3C, 24.6 and
 * appendix A).  Shared by the secure world and the hosted tests.
 */
#include "vmcs.h"

/**
 * vmx_adjust_controls() - a VMX control word the CPU accepts
 * @want: bits vsm would like (used where the CPU allows them)
 * @need: bits vsm cannot run without (a subset of @want)
 * @cap: the control's capability MSR: allowed-0 settings in the low half
 *	(a 1 there is a bit that must be 1), allowed-1 in the high half (a 0
 *	there is a bit that must be 0)
 * @out: the word: @want where allowed, plus every bit that must be 1
 *
 * Return: 0, or -EOPNOTSUPP if a bit of @need cannot be set.
 */
int vmx_adjust_controls(u32 want, u32 need, u64 cap, u32 *out)
{
	u32 must1 = (u32)cap, may1 = (u32)(cap >> 32);

	if ((need & may1) != need)
		return -EOPNOTSUPP;
	*out = (want & may1) | must1;
	return 0;
}

/**
 * vmx_segment_ar() - a segment's access rights in VMCS layout
 * @selector: its selector (a null selector makes it unusable)
 * @attrib: descriptor bits 40..47 in bits 0..7 and 52..55 in bits 8..11
 *	(the VMCB layout the driver captures)
 *
 * Return: bits 0..7 and 12..15 as in the descriptor, or VMX_AR_UNUSABLE.
 */
u32 vmx_segment_ar(u16 selector, u16 attrib)
{
	if (!(selector & ~3) || !attrib)
		return VMX_AR_UNUSABLE;
	return (attrib & 0xff) | ((u32)(attrib & 0xf00) << 4);
}

/**
 * vmx_msr_bitmap_intercept() - make accesses to an MSR exit
 * @bitmap: the 4 KiB MSR bitmap (reads of 0..0x1fff, of 0xc0000000..
 *	0xc0001fff, then writes of both)
 * @msr: the MSR
 * @read: make RDMSR exit
 * @write: make WRMSR exit
 *
 * Return: false for an MSR outside both ranges (those always exit).
 */
bool vmx_msr_bitmap_intercept(u8 *bitmap, u32 msr, bool read, bool write)
{
	u32 base, bit;

	if (msr <= 0x1fff)
		base = 0;
	else if (msr >= 0xc0000000 && msr <= 0xc0001fff)
		base = 1024;
	else
		return false;
	bit = msr & 0x1fff;
	if (read)
		bitmap[base + bit / 8] |= 1U << (bit % 8);
	if (write)
		bitmap[2048 + base + bit / 8] |= 1U << (bit % 8);
	return true;
}
