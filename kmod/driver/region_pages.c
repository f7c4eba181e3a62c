// SPDX-License-Identifier: GPL-2.0
/*
 * Where the secure region's pages come from.
 *
 * Low in RAM if possible: kexec places the next kernel, its initrd and its
 * purgatory at the top of RAM, and on a locked host those writes would
 * land in the region (and go to the decoy page), so the new kernel would
 * never start.  The first free, movable, naturally aligned range above
 * 16 MiB and in the lower half of RAM is claimed with alloc_contig_range();
 * if there is none, any block from the page allocator is taken, with a
 * warning that kexec on a locked host may then fail.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/string.h>

#include "region.h"

/* Every page of [pfn, pfn + nr) is RAM the allocator manages, in one zone. */
static bool range_claimable(unsigned long pfn, unsigned long nr)
{
	struct zone *zone = NULL;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		struct page *page;

		if (!pfn_valid(pfn + i))
			return false;
		page = pfn_to_page(pfn + i);
		if (PageReserved(page) || (zone && page_zone(page) != zone))
			return false;
		zone = page_zone(page);
	}
	return true;
}

static struct page *alloc_low(const struct vsm_region *r, size_t size, u64 ram_end)
{
	unsigned long nr = size >> PAGE_SHIFT;
	unsigned int i;
	u64 pa;

	for (i = 0; i < r->nr_ram; i++) {
		for (pa = ALIGN(max_t(u64, r->ram[i].start, SZ_16M), size);
		     pa + size <= r->ram[i].end && pa + size <= ram_end / 2; pa += size) {
			unsigned long pfn = PHYS_PFN(pa);

			if (!range_claimable(pfn, nr))
				continue;
			if (!alloc_contig_range(pfn, pfn + nr, MIGRATE_MOVABLE,
						GFP_KERNEL | __GFP_NOWARN))
				return pfn_to_page(pfn);
		}
	}
	return NULL;
}

/**
 * vsm_region_pages_alloc() - allocate the region's pages, zeroed
 * @r: the region; r->ram lists RAM, r->size is set
 * @ram_end: end of RAM
 *
 * Sets r->pages and r->contig.
 *
 * Return: 0 or -ENOMEM.
 */
int vsm_region_pages_alloc(struct vsm_region *r, u64 ram_end)
{
	r->pages = alloc_low(r, r->size, ram_end);
	r->contig = r->pages != NULL;
	if (!r->pages) {
		r->pages = alloc_pages(GFP_KERNEL | __GFP_NOWARN, get_order(r->size));
		if (!r->pages)
			return -ENOMEM;
		pr_warn("secure region not in the lower half of RAM: kexec on a locked host may fail\n");
	}
	memset(page_address(r->pages), 0, r->size);
	return 0;
}

/* Give the region's pages back (the caller has wiped them). */
void vsm_region_pages_free(struct vsm_region *r)
{
	if (r->contig)
		free_contig_range(page_to_pfn(r->pages), r->size >> PAGE_SHIFT);
	else
		__free_pages(r->pages, get_order(r->size));
}
