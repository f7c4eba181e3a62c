/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86-64 4-level page-table building, shared by the secure world's own
 * page tables and the AMD nested page tables (which use the same format),
 * and measuring how much of RAM a table maps with each page size.
 */
#ifndef VSM_COMMON_PAGING_H
#define VSM_COMMON_PAGING_H

#include "types.h"

#define VSM_PTE_P	VSM_BIT64(0)
#define VSM_PTE_RW	VSM_BIT64(1)
#define VSM_PTE_US	VSM_BIT64(2)
#define VSM_PTE_A	VSM_BIT64(5)
#define VSM_PTE_D	VSM_BIT64(6)
#define VSM_PTE_PS	VSM_BIT64(7)
#define VSM_PTE_G	VSM_BIT64(8)
#define VSM_PTE_NX	VSM_BIT64(63)
#define VSM_PTE_ADDR	0x000ffffffffff000ULL

/* Levels: 1 maps 4 KiB pages, 2 maps 2 MiB, 3 maps 1 GiB, 4 is the root. */
#define VSM_PT_LEVELS	4
#define VSM_PT_SHIFT(level)	(12 + 9 * ((level) - 1))
#define VSM_PT_SIZE(level)	(1ULL << VSM_PT_SHIFT(level))

/**
 * struct vsm_pt_ops - where page-table pages come from
 * @alloc: return a zeroed, page-aligned table and its physical address in
 *	*@pa, or NULL when out of memory
 * @va: return the address at which the table at physical @pa can be read
 * @ctx: passed to both
 */
struct vsm_pt_ops {
	void *(*alloc)(void *ctx, u64 *pa);
	void *(*va)(void *ctx, u64 pa);
	void *ctx;
};

/**
 * struct vsm_range - a half-open physical range [start, end)
 * @start: first byte
 * @end: first byte after the range
 */
struct vsm_range {
	u64 start;
	u64 end;
};

/**
 * struct vsm_pt_coverage - how a page table maps a set of ranges (RAM)
 * @bytes: bytes mapped by 4 KiB ([1]), 2 MiB ([2]) and 1 GiB ([3]) pages
 * @unmapped: bytes of the ranges not mapped at all
 * @tables: page-table pages reachable from the root, root included
 */
struct vsm_pt_coverage {
	u64 bytes[VSM_PT_LEVELS];
	u64 unmapped;
	u64 tables;
};

int vsm_pt_map(const struct vsm_pt_ops *ops, u64 *root, u64 va, u64 pa,
	       u64 size, u64 flags, unsigned int max_level);
int vsm_pt_map_identity(const struct vsm_pt_ops *ops, u64 *root, u64 limit,
			const struct vsm_range *holes, unsigned int nr_holes,
			u64 flags, unsigned int max_level);
void vsm_pt_coverage(const struct vsm_pt_ops *ops, const u64 *root,
		     const struct vsm_range *ranges, unsigned int nr_ranges,
		     struct vsm_pt_coverage *cov);
u64 *vsm_pt_table_for(const struct vsm_pt_ops *ops, u64 *root, u64 va,
		      unsigned int level);
u64 *vsm_pt_leaf_4k(const struct vsm_pt_ops *ops, u64 *root, u64 va);
u64 vsm_pt_lookup(const struct vsm_pt_ops *ops, const u64 *root, u64 va,
		  unsigned int *level);

#endif /* VSM_COMMON_PAGING_H */
