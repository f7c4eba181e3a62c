// SPDX-License-Identifier: GPL-2.0
/*
 * What the host may reach through vsm's nested page tables, as a block:
 * the question shadow nested paging asks before it lets a guest of the
 * host (L2) reach an address the host gave it.  The page ownership table
 * answers: the secure world's pages are not present, host read-only pages
 * (the kernel image once locked) are not writable.
 */
#include "../include/sw.h"
#include "../../common/own.h"
#include "../../common/paging.h"
#include "../../common/snpt.h"

/**
 * sw_host_view() - what the host may do at a physical address
 * @pa: the address
 * @h: filled in: present (not hidden from the host), writable (the host's,
 *	read-write), and the largest aligned block (1 GiB, 2 MiB, 4 KiB)
 *	around @pa whose pages are all in the same state
 */
void sw_host_view(u64 pa, struct vsm_snpt_host *h)
{
	u32 state = sw_own_state(pa);
	unsigned int level;

	h->pa = pa;
	h->present = !vsm_own_host_hidden(state);
	h->write = state == VSM_OWN_HOST_RW;
	for (level = 3; level > 1; level--)
		if (sw_own_uniform(pa & ~(VSM_PT_SIZE(level) - 1), VSM_PT_SIZE(level)))
			break;
	h->size = VSM_PT_SIZE(level);
}
