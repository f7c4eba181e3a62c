/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A shadow nested page table with a bounded number of table pages: entries
 * are installed as nested guests touch memory, and when the pool runs dry
 * (or an entry no longer fits what is there) the whole table is dropped
 * and rebuilt on demand.  Shared by the secure world and the hosted tests.
 */
#ifndef VSM_COMMON_SNPT_POOL_H
#define VSM_COMMON_SNPT_POOL_H

#include "types.h"

/**
 * struct vsm_snpt_pool - one shadow table and the pages it may use
 * @base: the pages, contiguous; page 0 is the root
 * @base_pa: their physical address
 * @max: how many pages there are
 * @used: how many are in the table now
 * @rebuilds: how often the table was dropped (for the exit statistics)
 */
struct vsm_snpt_pool {
	u8 *base;
	u64 base_pa;
	u32 max;
	u32 used;
	u64 rebuilds;
};

void vsm_snpt_pool_init(struct vsm_snpt_pool *p, void *base, u64 base_pa, u32 pages);
void vsm_snpt_pool_drop(struct vsm_snpt_pool *p);
int vsm_snpt_install(struct vsm_snpt_pool *p, u64 l2_pa, u64 entry, u64 size);
u64 vsm_snpt_lookup(const struct vsm_snpt_pool *p, u64 l2_pa, u64 *size);

#endif /* VSM_COMMON_SNPT_POOL_H */
