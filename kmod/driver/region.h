/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secure region: one physically contiguous allocation holding the
 * secure-world image, its per-CPU areas, page tables and the nested page
 * tables.  Written by the driver only before the first CPU is protected.
 */
#ifndef VSM_DRIVER_REGION_H
#define VSM_DRIVER_REGION_H

#include <linux/mm_types.h>
#include <linux/types.h>

#include "kernel_image.h"
#include "../common/paging.h"
#include "../common/sw_abi.h"

#define VSM_MAX_RAM_RANGES	64

/*
 * Sizes of the secure region.  An explicit secure_size_kib is a multiple
 * of VSM_REGION_ALIGN from VSM_REGION_ALIGN to VSM_REGION_MAX; automatic
 * sizing (secure_size_kib=0) takes at most 1/VSM_REGION_RAM_SHARE of RAM,
 * and never more than VSM_REGION_MAX.
 */
#define VSM_REGION_ALIGN	(2UL << 20)
#define VSM_REGION_MAX		(2UL << 30)
#define VSM_REGION_RAM_SHARE	32

/**
 * struct vsm_region - the secure region as the driver sees it
 * @pages: the allocation
 * @contig: claimed with alloc_contig_range() (else alloc_pages())
 * @va: Linux's address of the region (direct map)
 * @pa: physical base
 * @size: bytes
 * @used: bump allocator: bytes handed out so far
 * @boot: the image's boot parameters (Linux address)
 * @sw_root: the secure world's PML4 (Linux address)
 * @entry: secure-world address of the launch entry point
 * @ram: System RAM ranges when the region was built
 * @nr_ram: number of @ram ranges
 * @npt_cov: large-page coverage of RAM by the nested page tables
 * @sw_tables: page-table pages of the secure world's own address space
 * @pools: shadow nested page-table pools were asked for
 * @automatic: @size was chosen by vsm_region_plan(), not by the user
 * @capped: automatic sizing hit its share of RAM and shrank the pools
 * @plan_pool_pages: pool pages per CPU the size was planned for
 * @pool_pages: pool pages per CPU given (0: none); a copy of
 *	boot->snpt_pool_pages the host can still read once protected
 * @min_size: the smallest region that holds everything but the pools
 * @amdvi: physical base of the AMD-Vi unit for the secure world to take, or 0
 * @full_size: a region with VSM_SNPT_POOL_MAX pool pages per CPU (capped
 *	at VSM_REGION_MAX): the size to suggest when the pools are short
 */
struct vsm_region {
	struct page *pages;
	bool contig;
	void *va;
	phys_addr_t pa;
	size_t size;
	size_t used;
	struct vsm_sw_boot *boot;
	u64 *sw_root;
	u64 entry;
	struct vsm_range ram[VSM_MAX_RAM_RANGES];
	unsigned int nr_ram;
	struct vsm_pt_coverage npt_cov;
	u64 sw_tables;
	bool pools;
	bool automatic;
	bool capped;
	u32 plan_pool_pages;
	u32 pool_pages;
	size_t min_size;
	size_t full_size;
	u64 amdvi;
};

/* The secure-world image embedded in vsm.ko (secure_image.S). */
extern const u8 vsm_sw_image[];
extern const u8 vsm_sw_image_end[];

/* region_pages.c */
int vsm_region_pages_alloc(struct vsm_region *r, u64 ram_end);
void vsm_region_pages_free(struct vsm_region *r);

struct vsm_vendor_ops;
int vsm_region_create(struct vsm_region *r, size_t size, bool pools,
		      unsigned int phys_bits, const struct vsm_vendor_ops *vendor,
		      const struct vsm_kernel_image *img);
void vsm_region_destroy(struct vsm_region *r);
struct vsm_sw_cpu *vsm_region_cpu(struct vsm_region *r, unsigned int cpu);
u64 vsm_region_cpu_sw_va(struct vsm_region *r, unsigned int cpu);
u64 vsm_region_pa_of(struct vsm_region *r, const void *va);

#endif /* VSM_DRIVER_REGION_H */
