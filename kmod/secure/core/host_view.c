// SPDX-License-Identifier: GPL-2.0
/*
 * What the host may reach through vsm's nested page tables, as a block:
 * the question shadow nested paging asks before it lets a guest of the
 * host (L2) reach an address the host gave it.  Everything but the secure
 * region is reachable; the kernel image is read-only once locked.
 */
#include "../include/sw.h"
#include "../../common/paging.h"
#include "../../common/snpt.h"

static bool overlaps(u64 start, u64 size, u64 lo, u64 hi)
{
	return lo < hi && start < hi && lo < start + size;
}

/* Does [start, start + size) mix addresses the host sees differently? */
static bool mixed(u64 start, u64 size)
{
	u64 region_end = vsm_boot.region_pa + vsm_boot.region_size;

	if (overlaps(start, size, vsm_boot.region_pa, region_end))
		return true;
	if (!sw_text_protected(vsm_boot.text_pa))
		return false;
	return overlaps(start, size, vsm_boot.text_pa, vsm_boot.text_end) ||
	       overlaps(start, size, vsm_boot.rodata_pa, vsm_boot.rodata_end);
}

/**
 * sw_host_view() - what the host may do at a physical address
 * @pa: the address
 * @h: filled in: present (not the secure region), writable (not the
 *	write-protected kernel image), and the largest aligned block (1 GiB,
 *	2 MiB, 4 KiB) around @pa with the same answer
 */
void sw_host_view(u64 pa, struct vsm_snpt_host *h)
{
	unsigned int level;

	h->pa = pa;
	h->present = !(pa >= vsm_boot.region_pa &&
		       pa < vsm_boot.region_pa + vsm_boot.region_size);
	h->write = h->present && !sw_text_protected(pa);
	for (level = 3; level > 1; level--)
		if (!mixed(pa & ~(VSM_PT_SIZE(level) - 1), VSM_PT_SIZE(level)))
			break;
	h->size = VSM_PT_SIZE(level);
}
