// SPDX-License-Identifier: GPL-2.0
/*
 * Walking L1's nested page tables (AMD NPT: long-mode 4-level tables whose
 * accesses all count as user accesses) and composing a shadow entry.
 * Everything read comes from L1 and is untrusted: reserved bits fault,
 * nothing is followed outside what the reader allows.
 */
#include "snpt.h"
#include "paging.h"

#define NCR3_ADDR	0x000ffffffffff000ULL
/* Bits 51..M of an address, with M the physical width vsm supports (46). */
#define PA_RSVD		0x000fc00000000000ULL
/* Large-page entries: the address's low bits (above PAT) must be zero. */
#define LARGE_RSVD(level)	((VSM_PT_SIZE(level) - 1) & ~0x1fffULL)

static bool reserved(u64 e, unsigned int level)
{
	if (e & PA_RSVD)
		return true;
	if (level == 4 && (e & VSM_PTE_PS))
		return true;			/* no 512 GiB pages */
	if (level > 1 && level < 4 && (e & VSM_PTE_PS))
		return (e & VSM_PTE_ADDR & LARGE_RSVD(level)) != 0;
	return false;
}

/**
 * vsm_snpt_walk() - translate an L2-physical address through L1's tables
 * @l1: reads L1-physical memory (the tables live there)
 * @ncr3: L1's nested CR3 for L2
 * @l2_pa: the address
 * @access: VSM_SNPT_ACC_* of the access that faulted
 * @leaf: the result
 * @fault: on -EFAULT, the #NPF error code for L1 (VSM_SNPT_FAULT_*)
 *
 * Accessed and dirty bits are not set here; the caller sets them in L1's
 * entries when it installs a shadow entry, as hardware would.
 *
 * Return: 0; -EFAULT when L1's tables do not allow the access (reflect a
 * nested page fault to L1); -EIO when a table cannot be read.
 */
int vsm_snpt_walk(const struct vsm_guest_mem *l1, u64 ncr3, u64 l2_pa, u32 access,
		  struct vsm_snpt_leaf *leaf, u64 *fault)
{
	u64 table = ncr3 & NCR3_ADDR;
	bool write = true, exec = true;
	unsigned int level;

	*fault = VSM_SNPT_FAULT_USER | (access & VSM_SNPT_ACC_WRITE ? VSM_SNPT_FAULT_WRITE : 0) |
		 (access & VSM_SNPT_ACC_FETCH ? VSM_SNPT_FAULT_FETCH : 0);
	for (level = VSM_PT_LEVELS; level >= 1; level--) {
		u64 e;

		if (l1->read(l1->ctx, table + ((l2_pa >> VSM_PT_SHIFT(level)) & 511) * 8, &e, 8))
			return -EIO;
		if (!(e & VSM_PTE_P))
			return -EFAULT;
		if (reserved(e, level)) {
			*fault |= VSM_SNPT_FAULT_PRESENT | VSM_SNPT_FAULT_RSVD;
			return -EFAULT;
		}
		write &= !!(e & VSM_PTE_RW);
		exec &= !(e & VSM_PTE_NX);
		if (!(e & VSM_PTE_US)) {
			*fault |= VSM_SNPT_FAULT_PRESENT;
			return -EFAULT;		/* nested walks are user walks */
		}
		if (level == 1 || (e & VSM_PTE_PS)) {
			u64 size = VSM_PT_SIZE(level);

			leaf->l1_pa = (e & VSM_PTE_ADDR & ~(size - 1)) | (l2_pa & (size - 1));
			leaf->size = size;
			leaf->write = write;
			leaf->exec = exec;
			if (((access & VSM_SNPT_ACC_WRITE) && !write) ||
			    ((access & VSM_SNPT_ACC_FETCH) && !exec)) {
				*fault |= VSM_SNPT_FAULT_PRESENT;
				return -EFAULT;
			}
			*fault = 0;
			return 0;
		}
		table = e & VSM_PTE_ADDR;
	}
	return -EIO;
}

/**
 * vsm_snpt_entry() - the shadow entry for an L2-physical address
 * @leaf: where L1's tables send it
 * @l2_pa: the address
 * @host: what vsm's tables allow the host at @leaf->l1_pa
 * @size: out: the size of the shadow page (the smaller of both, aligned)
 *
 * Return: the entry (present, user, the permissions both allow, the host
 * physical address), or 0 if the host may not reach the page: then no
 * shadow entry is made, and the access is handled as the host's would be
 * (contained and audited for the secure region).
 */
u64 vsm_snpt_entry(const struct vsm_snpt_leaf *leaf, u64 l2_pa,
		   const struct vsm_snpt_host *host, u64 *size)
{
	u64 sz = leaf->size < host->size ? leaf->size : host->size;
	u64 e;

	*size = 0;
	if (!host->present || host->pa != leaf->l1_pa)
		return 0;
	/* Both the L2 and the L1 address must sit the same way in the page. */
	while (sz > VSM_PAGE_SIZE && ((l2_pa ^ leaf->l1_pa) & (sz - 1)))
		sz = sz == VSM_PT_SIZE(3) ? VSM_PT_SIZE(2) : VSM_PAGE_SIZE;
	e = (leaf->l1_pa & ~(sz - 1)) | VSM_PTE_P | VSM_PTE_US;
	if (leaf->write && host->write)
		e |= VSM_PTE_RW;
	if (!leaf->exec)
		e |= VSM_PTE_NX;
	if (sz > VSM_PAGE_SIZE)
		e |= VSM_PTE_PS;
	*size = sz;
	return e;
}
