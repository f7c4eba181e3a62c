// SPDX-License-Identifier: GPL-2.0
/*
 * Where the secure region's pages come from.
 *
 * Low in RAM if possible: kexec places the next kernel, its initrd and its
 * purgatory at the top of RAM, and on a locked host those writes would
 * land in the region (and go to the decoy page), so the new kernel would
 * never start.  The first free, movable, 2 MiB-aligned range above 16 MiB
 * and in the lower half of RAM is claimed with alloc_contig_range(), which
 * takes any number of pages.  If there is none, a region that fits one
 * buddy block is taken from the page allocator, a larger one from
 * anywhere in RAM with alloc_contig_range(), with a warning that kexec on
 * a locked host may then fail.
 */
#include <linux/gfp.h>
#include <linux/mm.h>
#include <linux/mmzone.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sizes.h>
#include <linux/string.h>
#include <asm/io.h>

#include "region.h"

/*
 * How many pages from @pfn on, at most @nr, are RAM the allocator manages,
 * in one zone: @nr if the whole range is claimable.
 */
static unsigned long claimable_pages(unsigned long pfn, unsigned long nr)
{
	struct zone *zone = NULL;
	unsigned long i;

	for (i = 0; i < nr; i++) {
		struct page *page;

		if (!pfn_valid(pfn + i))
			break;
		page = pfn_to_page(pfn + i);
		if (PageReserved(page) || (zone && page_zone(page) != zone))
			break;
		zone = page_zone(page);
	}
	return i;
}

/* Claim @size bytes, 2 MiB-aligned, at or above 16 MiB and below @limit. */
static struct page *alloc_range(const struct vsm_region *r, size_t size, u64 limit)
{
	unsigned long nr = size >> PAGE_SHIFT;
	u64 step = min_t(u64, size, SZ_64M);
	unsigned int i;
	u64 pa;

	for (i = 0; i < r->nr_ram; i++) {
		pa = ALIGN(max_t(u64, r->ram[i].start, SZ_16M), VSM_REGION_ALIGN);
		while (pa + size <= r->ram[i].end && pa + size <= limit) {
			unsigned long pfn = PHYS_PFN(pa);
			unsigned long ok = claimable_pages(pfn, nr);

			cond_resched();
			if (ok < nr) {
				/* Start again after the page that is not RAM. */
				pa = ALIGN(PFN_PHYS(pfn + ok + 1), VSM_REGION_ALIGN);
				continue;
			}
			if (!alloc_contig_range(pfn, pfn + nr, MIGRATE_MOVABLE,
						GFP_KERNEL | __GFP_NOWARN))
				return pfn_to_page(pfn);
			pa += step;
		}
	}
	return NULL;
}

/**
 * vsm_region_pages_alloc() - allocate the region's pages, zeroed
 * @r: the region; r->ram lists RAM, r->size is set (a multiple of 2 MiB)
 * @ram_end: end of RAM
 *
 * Sets r->pages and r->contig.  The pages are 2 MiB-aligned.
 *
 * Return: 0 or -ENOMEM (with a message).
 */
int vsm_region_pages_alloc(struct vsm_region *r, u64 ram_end)
{
	bool buddy = get_order(r->size) < MAX_ORDER;

	r->pages = alloc_range(r, r->size, ram_end / 2);
	r->contig = r->pages != NULL;
	if (!r->pages && buddy)
		r->pages = alloc_pages(GFP_KERNEL | __GFP_NOWARN, get_order(r->size));
	if (!r->pages && !buddy) {
		r->pages = alloc_range(r, r->size, ram_end);
		r->contig = r->pages != NULL;
	}
	if (!r->pages) {
		pr_err("no free %zu KiB of contiguous RAM for the secure region: load vsm early (before memory fragments) or with a smaller secure_size_kib\n",
		       r->size >> 10);
		return -ENOMEM;
	}
	if (page_to_phys(r->pages) >= ram_end / 2)
		pr_warn("secure region not in the lower half of RAM: kexec on a locked host may fail\n");
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
