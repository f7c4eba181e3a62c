/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD-Vi structures the secure world will own (Documentation/dma.rst):
 * the I/O page table every device translates through (host memory 1:1 as
 * the ownership table allows it) and the device-table entry pointing to
 * it.  Pure, so it is unit-tested in the hosted build.
 */
#ifndef VSM_COMMON_AMDVI_H
#define VSM_COMMON_AMDVI_H

#include "own.h"
#include "types.h"

/* I/O page-table entry bits (AMD IOMMU specification, "I/O Page Tables"). */
#define VSM_AMDVI_PR		(1ULL << 0)	/* present */
#define VSM_AMDVI_NEXT_SHIFT	9		/* next level; 0 in a page */
#define VSM_AMDVI_NEXT_MASK	(7ULL << VSM_AMDVI_NEXT_SHIFT)
#define VSM_AMDVI_ADDR_MASK	0x000ffffffffff000ULL
#define VSM_AMDVI_IR		(1ULL << 61)	/* device may read */
#define VSM_AMDVI_IW		(1ULL << 62)	/* device may write */

/* Device-table entry, first quadword. */
#define VSM_AMDVI_DTE_V		(1ULL << 0)	/* entry valid */
#define VSM_AMDVI_DTE_TV	(1ULL << 1)	/* translation information valid */
#define VSM_AMDVI_DTE_MODE_SHIFT 9		/* paging levels; 0 = no translation */

/**
 * struct vsm_amdvi_pages - where the I/O page table's pages come from
 * @va: @nr zeroed pages, contiguous, as the builder writes them
 * @pa: the physical (device) address of @va's first page
 * @nr: pages available
 * @used: pages taken so far
 */
struct vsm_amdvi_pages {
	u8 *va;
	u64 pa;
	u32 nr;
	u32 used;
};

int vsm_amdvi_build_iopt(const struct vsm_own_table *t, u64 end, unsigned int levels,
			 struct vsm_amdvi_pages *p, u64 *root_pa);
void vsm_amdvi_dte(u64 dte[4], u64 root_pa, unsigned int levels, u16 domain);

#endif /* VSM_COMMON_AMDVI_H */
