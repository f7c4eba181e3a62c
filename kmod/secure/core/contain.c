// SPDX-License-Identifier: GPL-2.0
/*
 * Containing host accesses to the secure region.  The nested page tables
 * leave every secure page out, with prepared 4 KiB entries.  The first
 * time the host touches a secure page, the secure world audits the address
 * and the host's RIP, and points that entry at the decoy page: from then
 * on the host reads whatever is in the decoy (zeros, or what it wrote
 * there itself) and its writes land there.  Secure memory is never read
 * or written for the host, and the host does not crash.
 */
#include "../include/sw.h"
#include "../../common/own.h"
#include "../../common/paging.h"

static void *table_va(void *ctx, u64 pa)
{
	return sw_va(pa);
}

/**
 * sw_npt_entry() - the prepared 4 KiB nested entry of @gpa
 * @gpa: a host-physical address the nested map leaves out
 *
 * Return: the entry, or NULL where a large page or no table covers it.
 */
u64 *sw_npt_entry(u64 gpa)
{
	u64 *table = sw_va(vsm_boot.npt_root);
	unsigned int level;

	for (level = VSM_PT_LEVELS; level > 1; level--) {
		u64 e = table[(gpa >> VSM_PT_SHIFT(level)) & 511];

		if (!(e & VSM_PTE_P) || (e & VSM_PTE_PS))
			return NULL;
		table = table_va(NULL, e & VSM_PTE_ADDR);
	}
	return &table[(gpa >> VSM_PT_SHIFT(1)) & 511];
}

/**
 * sw_contain_access() - handle a nested page fault of the host
 * @c: this CPU
 * @gpa: the address the host touched
 * @rip: where
 * @code: the nested page fault error code (bit 1: write)
 *
 * Return: 0 when contained (the host retries and now reaches the decoy),
 * -EFAULT for an address that is not the secure world's in the ownership
 * table (nothing else is unmapped, so this is an emulator or hardware
 * oddity; the caller injects #GP).
 */
int sw_contain_access(struct vsm_sw_cpu *c, u64 gpa, u64 rip, u64 code)
{
	u64 page = gpa & ~VSM_PAGE_SIZE_MASK;
	u64 expected = 0, decoy;
	u64 *pte;

	if (!vsm_own_host_hidden(sw_own_state(gpa)))
		return -EFAULT;
	pte = sw_npt_entry(gpa);
	if (!pte)
		return -EFAULT;
	decoy = vsm_boot.decoy_pa | VSM_PTE_P | VSM_PTE_RW | VSM_PTE_US | vsm_boot.npt_leaf_flags;
	/* Several CPUs may fault on the same page: one audits it. */
	if (__atomic_compare_exchange_n(pte, &expected, decoy, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		sw_audit(c, VSM_AEV_PROTECTED_ACCESS, page, rip, code);
	return 0;
}
