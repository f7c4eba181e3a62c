// SPDX-License-Identifier: GPL-2.0
/*
 * The SVM MSR permission map: which MSR accesses cause a #VMEXIT.
 */
#include "vmcb.h"

static const struct {
	u32 first_msr;
	u32 map_offset;
} msrpm_ranges[] = {
	{ 0x00000000, 0x0000 },
	{ 0xc0000000, 0x0800 },
	{ 0xc0010000, 0x1000 },
};

#define MSRS_PER_RANGE	0x2000

/**
 * svm_msrpm_intercept() - make reads and/or writes of one MSR exit
 * @msrpm: the 8 KiB map
 * @msr: MSR index
 * @read: intercept RDMSR
 * @write: intercept WRMSR
 *
 * MSRs outside the three mapped ranges always exit; they need no bit.
 *
 * Return: false if @msr is outside the mapped ranges.
 */
bool svm_msrpm_intercept(u8 *msrpm, u32 msr, bool read, bool write)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(msrpm_ranges); i++) {
		u32 off = msr - msrpm_ranges[i].first_msr;
		u32 bit;

		if (msr < msrpm_ranges[i].first_msr || off >= MSRS_PER_RANGE)
			continue;
		bit = off * 2;
		if (read)
			msrpm[msrpm_ranges[i].map_offset + bit / 8] |= 1U << (bit % 8);
		if (write)
			msrpm[msrpm_ranges[i].map_offset + bit / 8] |= 2U << (bit % 8);
		return true;
	}
	return false;
}
