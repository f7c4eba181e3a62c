// SPDX-License-Identifier: GPL-2.0
/*
 * Building the secure region: copy the secure-world image, lay out the
 * per-CPU areas, and build the secure world's page tables and the host's
 * nested page tables.  Everything here happens before any CPU is
 * protected; afterwards the host cannot read or write the region.
 */
#include <linux/cpumask.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/sizes.h>
#include <linux/sort.h>
#include <linux/string.h>
#include <asm/io.h>

#include "region.h"
#include "../common/amdvi.h"
#include "vsm.h"
#include "vendor.h"

/* Pages besides the per-CPU areas and tables: MSR map, I/O map, decoy, L2 sink. */
#define VSM_REGION_MAP_PAGES	(2 + 3 + 1 + 1)

static void *region_alloc(struct vsm_region *r, size_t bytes)
{
	void *p;

	bytes = ALIGN(bytes, VSM_PAGE_SIZE);
	if (bytes > r->size - r->used)
		return NULL;
	p = r->va + r->used;
	r->used += bytes;
	return p;
}

u64 vsm_region_pa_of(struct vsm_region *r, const void *va)
{
	return r->pa + ((const u8 *)va - (const u8 *)r->va);
}

static void *pt_alloc(void *ctx, u64 *pa)
{
	struct vsm_region *r = ctx;
	void *p = region_alloc(r, VSM_PAGE_SIZE);

	if (p)
		*pa = vsm_region_pa_of(r, p);
	return p;
}

static void *pt_va(void *ctx, u64 pa)
{
	struct vsm_region *r = ctx;

	return r->va + (pa - r->pa);
}

static int check_image(const struct vsm_sw_header *h, size_t bytes, size_t region)
{
	if (bytes < sizeof(*h) || h->magic != VSM_SW_MAGIC ||
	    h->header_size != sizeof(*h) || h->abi_version != VSM_SW_ABI_VERSION ||
	    h->link_base != VSM_SW_BASE)
		return -ENOEXEC;
	if (h->file_size > bytes || h->file_size > h->mem_size ||
	    h->mem_size > region || (h->mem_size & VSM_PAGE_SIZE_MASK) ||
	    h->text_end > h->rodata_end || h->rodata_end > h->mem_size ||
	    h->entry >= h->text_end ||
	    h->boot + sizeof(struct vsm_sw_boot) > h->mem_size)
		return -ENOEXEC;
	return 0;
}

static int add_ram_range(struct resource *res, void *arg)
{
	struct vsm_region *r = arg;

	if (r->nr_ram == VSM_MAX_RAM_RANGES)
		return -E2BIG;
	r->ram[r->nr_ram].start = res->start;
	r->ram[r->nr_ram].end = res->end + 1;
	r->nr_ram++;
	return 0;
}

static int collect_ram(struct vsm_region *r)
{
	r->nr_ram = 0;
	return walk_iomem_res_desc(IORES_DESC_NONE,
				   IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
				   0, -1, r, add_ram_range);
}

static void init_cpu_areas(struct vsm_region *r, u8 *areas, size_t percpu_offset)
{
	unsigned int cpu;

	for (cpu = 0; cpu < nr_cpu_ids; cpu++) {
		u8 *base = areas + (size_t)cpu * VSM_CPU_PAGES * VSM_PAGE_SIZE;
		struct vsm_sw_cpu *c = (struct vsm_sw_cpu *)base;
		u64 sw_va = VSM_SW_BASE + percpu_offset +
			    (u64)cpu * VSM_CPU_PAGES * VSM_PAGE_SIZE;

		c->self = sw_va;
		c->cpu = cpu;
		c->state = VSM_SW_CPU_OFF;
		c->guest_ctl_pa = vsm_region_pa_of(r, base) +
				   VSM_CPU_PAGE_GUEST_CTL * VSM_PAGE_SIZE;
		c->host_vmcb_pa = vsm_region_pa_of(r, base) +
				  VSM_CPU_PAGE_HOST_VMCB * VSM_PAGE_SIZE;
		c->root_area_pa = vsm_region_pa_of(r, base) +
			      VSM_CPU_PAGE_ROOT_AREA * VSM_PAGE_SIZE;
		c->stack_top = sw_va + (VSM_CPU_PAGE_STACK + VSM_CPU_STACK_PAGES) *
				       VSM_PAGE_SIZE;
	}
}

/*
 * The secure world's own address space: the region at VSM_SW_BASE, W^X for
 * the image, host RAM 1:1 below physmap_end (read-only, never executable),
 * and the empty tables of the per-CPU windows through which it writes
 * host RAM (core/host_window.c).
 */
static int build_sw_tables(struct vsm_region *r, const struct vsm_sw_header *h,
			   u64 physmap_end)
{
	const struct vsm_pt_ops ops = { pt_alloc, pt_va, r };
	u64 w, windows = (u64)nr_cpu_ids * VSM_SW_WINDOWS;
	u64 pa, b = VSM_SW_BASE;
	size_t before = r->used;
	int ret;

	r->sw_root = pt_alloc(r, &pa);
	if (!r->sw_root)
		return -ENOMEM;
	r->boot->sw_cr3 = pa;
	ret = vsm_pt_map(&ops, r->sw_root, b, r->pa, h->text_end, 0, 1);
	if (!ret)
		ret = vsm_pt_map(&ops, r->sw_root, b + h->text_end, r->pa + h->text_end,
				 h->rodata_end - h->text_end, VSM_PTE_NX, 1);
	if (!ret)
		ret = vsm_pt_map(&ops, r->sw_root, b + h->rodata_end,
				 r->pa + h->rodata_end, r->size - h->rodata_end,
				 VSM_PTE_RW | VSM_PTE_NX, 2);
	/* Read-only: the secure world writes host RAM only through windows. */
	if (!ret)
		ret = vsm_pt_map_identity(&ops, r->sw_root, physmap_end, NULL, 0,
					  VSM_PTE_NX, 3);
	for (w = 0; !ret && w < windows; w += 512)
		if (!vsm_pt_table_for(&ops, r->sw_root,
				      VSM_SW_WINDOW_VA + w * VSM_PAGE_SIZE, 1))
			ret = -ENOMEM;
	/* An IOMMU's registers, uncached (PCD | PWT: UC in Linux's PAT). */
	if (!ret && r->amdvi)
		ret = vsm_pt_map(&ops, r->sw_root, VSM_SW_IOMMU_VA, r->amdvi,
				 VSM_AMDVI_MMIO_SIZE,
				 VSM_PTE_RW | VSM_PTE_NX | VSM_BIT64(3) | VSM_BIT64(4), 1);
	r->sw_tables = (r->used - before) / VSM_PAGE_SIZE;
	return ret;
}

static int cmp_range(const void *a, const void *b)
{
	const struct vsm_range *x = a, *y = b;

	return x->start < y->start ? -1 : x->start > y->start;
}

/*
 * The host's view of physical memory: everything, 1:1, but the region.
 * The kernel image's ranges (@img, may be NULL) are mapped on their own,
 * with pages that end where they end, for the secure world to
 * write-protect at the lock.
 */
static int build_npt(struct vsm_region *r, unsigned int phys_bits,
		     const struct vsm_kernel_image *img, u64 leaf_flags)
{
	const struct vsm_pt_ops ops = { pt_alloc, pt_va, r };
	struct vsm_range holes[4] = { { r->pa, r->pa + r->size } };
	unsigned int nr = 1, i;
	u64 *root, pa, chunk;
	int ret;

	root = pt_alloc(r, &pa);
	if (!root)
		return -ENOMEM;
	r->boot->npt_root = pa;
	if (img) {
		holes[nr++] = img->text;
		holes[nr++] = img->rodata;
	}
	/* An IOMMU the secure world takes: its registers are not the host's. */
	if (r->amdvi) {
		holes[nr].start = r->amdvi;
		holes[nr++].end = r->amdvi + VSM_AMDVI_MMIO_SIZE;
	}
	sort(holes, nr, sizeof(holes[0]), cmp_range, NULL);
	for (i = 1; i < nr; i++)
		if (holes[i].start < holes[i - 1].end)
			return -EINVAL;
	/*
	 * P, RW, US (AMD NPT: present, writable, user) are R, W, X in Intel's
	 * EPT, whose other bits mostly mean the same; EPT leaves also carry
	 * their memory type (@leaf_flags).
	 */
	leaf_flags |= VSM_PTE_RW | VSM_PTE_US;
	ret = vsm_pt_map_identity(&ops, root, 1ULL << phys_bits, holes, nr, leaf_flags, 3);
	for (i = 0; !ret && img && i < nr; i++)
		if (holes[i].start != r->pa && holes[i].start != r->amdvi)
			ret = vsm_pt_map(&ops, root, holes[i].start, holes[i].start,
					 holes[i].end - holes[i].start, leaf_flags, 2);
	if (ret)
		return ret;
	/* 4 KiB entries, all absent, for the secure world to point at the decoy. */
	for (chunk = r->pa; chunk < r->pa + r->size; chunk += VSM_PT_SIZE(2))
		if (!vsm_pt_table_for(&ops, root, chunk, 1))
			return -ENOMEM;
	if (r->amdvi && !vsm_pt_table_for(&ops, root, r->amdvi, 1))
		return -ENOMEM;
	vsm_pt_coverage(&ops, root, r->ram, r->nr_ram, &r->npt_cov);
	return 0;
}

/*
 * The tables that split large pages around frozen module code come first
 * from what is left (automatic sizing plans VSM_SPLIT_POOL_PAGES; a small
 * explicit region gets fewer, and module pages beyond them stay writable,
 * which their audit records say).
 */
static void alloc_split_pool(struct vsm_region *r)
{
	size_t pages = min_t(size_t, (r->size - r->used) / VSM_PAGE_SIZE, VSM_SPLIT_POOL_PAGES);

	if (!pages)
		return;
	r->boot->split_pool_pa = vsm_region_pa_of(r, region_alloc(r, pages * VSM_PAGE_SIZE));
	r->boot->split_pool_pages = pages;
}

/*
 * What is left of the region becomes the pools of shadow nested page
 * tables (nested virtualization), the same number of pages for each CPU,
 * at most VSM_SNPT_POOL_MAX; fewer than VSM_SNPT_POOL_MIN: no pools.
 */
static void alloc_snpt_pools(struct vsm_region *r)
{
	size_t per_cpu = (r->size - r->used) / VSM_PAGE_SIZE / nr_cpu_ids;
	u8 *pools;

	per_cpu = min_t(size_t, per_cpu, VSM_SNPT_POOL_MAX);
	if (!r->pools || per_cpu < VSM_SNPT_POOL_MIN)
		return;
	pools = region_alloc(r, per_cpu * nr_cpu_ids * VSM_PAGE_SIZE);
	r->boot->snpt_pool_pa = vsm_region_pa_of(r, pools);
	r->boot->snpt_pool_pages = per_cpu;
	r->pool_pages = per_cpu;
}

/*
 * Page-table pages the region of @size bytes needs, generously: the
 * secure world's map (the region at VSM_SW_BASE, 4 KiB pages over the
 * image, host RAM below @physmap_end in 1 GiB pages) and the host's
 * nested map (all of the @phys_bits address space in 1 GiB pages, split
 * around the region, whose 2 MiB chunks all get a 4 KiB table, and around
 * the kernel's text and read-only data).  An eighth more, plus 16 pages,
 * is slack for what the count misses (ranges crossing 1 GiB lines).
 */
static size_t table_pages_estimate(size_t size, size_t image,
				   unsigned int phys_bits, u64 physmap_end)
{
	size_t gib = DIV_ROUND_UP(size, SZ_1G) + 1;
	size_t n;

	/* Secure world: PML4, PDPT, PDs, image tables, physmap PDPTs, windows. */
	n = 2 + gib + DIV_ROUND_UP(image, SZ_2M) + 2 +
	    DIV_ROUND_UP(physmap_end, 512ULL << 30) +
	    1 + DIV_ROUND_UP((size_t)nr_cpu_ids * VSM_SW_WINDOWS, 512);
	/* Host: PML4, PDPTs, PDs and 4 KiB tables around three holes. */
	n += 1 + DIV_ROUND_UP(1ULL << phys_bits, 512ULL << 30) +
	     gib + 2 * 2 + size / SZ_2M + 3 * 4;
	return n + n / 8 + 16;
}

/* Pages for an IOMMU the secure world takes, and its page tables. */
static size_t plan_extra_pages;
/* The split pool (alloc_split_pool()): planned, but not part of the minimum. */
static size_t plan_split_pages;

/* Bytes of the region for @pool pages per CPU, everything else included. */
static size_t plan_bytes(size_t image, u32 pool, unsigned int phys_bits,
			 u64 physmap_end)
{
	size_t fixed = image + (VSM_REGION_MAP_PAGES + plan_extra_pages + plan_split_pages +
			(size_t)nr_cpu_ids * (VSM_CPU_PAGES + pool)) * VSM_PAGE_SIZE;
	size_t size = ALIGN(fixed, VSM_REGION_ALIGN), prev = 0;

	/* The tables grow with the size; a few rounds settle it. */
	while (size != prev) {
		prev = size;
		size = ALIGN(fixed + VSM_PAGE_SIZE *
			     table_pages_estimate(prev, image, phys_bits, physmap_end),
			     VSM_REGION_ALIGN);
		size = max(size, prev);
	}
	return size;
}

/**
 * vsm_region_plan() - choose the region's size
 * @r: the region: r->pools set, r->ram collected; fills in r->size,
 *	r->automatic, r->capped, r->plan_pool_pages, r->min_size, r->full_size
 * @request: bytes asked for (secure_size_kib), 0 for automatic
 * @image: bytes of the secure-world image at run time
 * @phys_bits: physical address width
 * @ram_bytes: bytes of System RAM
 * @physmap_end: end of the secure world's map of host RAM
 *
 * Automatic: the image, nr_cpu_ids per-CPU areas, the MSR and I/O maps,
 * the decoy page, the page tables (estimated) and, if r->pools, a pool of
 * VSM_SNPT_POOL_MAX shadow page-table pages per CPU, rounded up to 2 MiB.
 * At most 1/VSM_REGION_RAM_SHARE of RAM (and VSM_REGION_MAX): above that
 * the pools shrink, and below VSM_SNPT_POOL_MIN pages there are none.
 *
 * Return: 0, or -ENOMEM if even the region without pools does not fit the
 * request or VSM_REGION_MAX (the message names the remedy).
 */
static int vsm_region_plan(struct vsm_region *r, size_t request, size_t image,
			   unsigned int phys_bits, u64 ram_bytes, u64 physmap_end)
{
	size_t cap, per_cpu;

	plan_split_pages = 0;
	r->min_size = plan_bytes(image, 0, phys_bits, physmap_end);
	plan_split_pages = VSM_SPLIT_POOL_PAGES;
	r->full_size = min_t(size_t, VSM_REGION_MAX,
			     plan_bytes(image, VSM_SNPT_POOL_MAX, phys_bits, physmap_end));
	if (request) {
		if (request < r->min_size) {
			pr_err("secure_size_kib=%zu is too small for %u CPUs and a %u-bit physical address space: load vsm with secure_size_kib=0 (automatic, the default) or at least %zu\n",
			       request >> 10, nr_cpu_ids, phys_bits, r->min_size >> 10);
			return -ENOMEM;
		}
		r->size = request;
		return 0;
	}
	if (r->min_size > VSM_REGION_MAX) {
		pr_err("%u CPUs need a secure region of %zu KiB, more than vsm's maximum of %lu KiB\n",
		       nr_cpu_ids, r->min_size >> 10, VSM_REGION_MAX >> 10);
		return -ENOMEM;
	}
	r->automatic = true;
	if (!r->pools) {
		r->size = min_t(size_t, VSM_REGION_MAX,
				plan_bytes(image, 0, phys_bits, physmap_end));
		return 0;
	}
	cap = ALIGN_DOWN(ram_bytes / VSM_REGION_RAM_SHARE, VSM_REGION_ALIGN);
	cap = clamp_t(size_t, cap, r->min_size, VSM_REGION_MAX);
	if (r->full_size <= cap) {
		r->size = r->full_size;
		r->plan_pool_pages = VSM_SNPT_POOL_MAX;
		return 0;
	}
	/* Shrink the pools until the region fits under the cap. */
	r->capped = true;
	per_cpu = (cap - r->min_size) / VSM_PAGE_SIZE / nr_cpu_ids;
	while (per_cpu >= VSM_SNPT_POOL_MIN &&
	       plan_bytes(image, per_cpu, phys_bits, physmap_end) > cap)
		per_cpu--;
	if (per_cpu < VSM_SNPT_POOL_MIN) {
		r->size = clamp_t(size_t, plan_bytes(image, 0, phys_bits, physmap_end),
				  r->min_size, cap);
		return 0;
	}
	r->plan_pool_pages = per_cpu;
	r->size = plan_bytes(image, per_cpu, phys_bits, physmap_end);
	return 0;
}

/**
 * vsm_region_create() - allocate and populate the secure region
 * @r: filled in
 * @size: bytes, a multiple of VSM_REGION_ALIGN up to VSM_REGION_MAX
 *	(validated by the caller), or 0: sized by vsm_region_plan()
 * @pools: give each CPU a pool of shadow nested page tables (nested SVM)
 * @phys_bits: physical address width: the nested page tables cover it all
 * @vendor: the vendor half (its devirtualization tail, nested-table format)
 * @img: the kernel image's ranges to prepare for write protection, or NULL
 *
 * The region is 2 MiB-aligned; its size, the per-CPU memory and the pool
 * pages per CPU are in @r afterwards.
 *
 * Return: 0, -ENOMEM (allocation, or @size too small for the tables),
 * -ENOEXEC (bad image), -E2BIG (too many RAM ranges), -EINVAL.
 */
int vsm_region_create(struct vsm_region *r, size_t size, bool pools,
		      unsigned int phys_bits, const struct vsm_vendor_ops *vendor,
		      const struct vsm_kernel_image *img)
{
	const struct vsm_sw_header *h = (const void *)vsm_sw_image;
	size_t image_bytes = vsm_sw_image_end - vsm_sw_image;
	size_t percpu_offset;
	u8 *areas, *msrpm, *iopm, *decoy, *sink, *amdvi = NULL;
	u64 ram_end = 0, ram_bytes = 0;
	unsigned int i;
	int ret;

	memset(r, 0, sizeof(*r));
	r->pools = pools;
	/* AMD only: the MMIO base must be 16 KiB aligned (the secure world checks again). */
	if (vendor->sw_vendor == VSM_SW_VENDOR_AMD &&
	    !(vsm_dma_amdvi_base() & (VSM_AMDVI_MMIO_SIZE - 1)))
		r->amdvi = vsm_dma_amdvi_base();
	/* Its area, and slack for the tables around its registers. */
	plan_extra_pages = r->amdvi ? VSM_AMDVI_AREA_PAGES + 8 : 0;
	ret = check_image(h, image_bytes, size ? size : VSM_REGION_MAX);
	if (ret) {
		pr_err("secure-world image is corrupt or from another build: rebuild and reinstall vsm.ko\n");
		return ret;
	}
	ret = collect_ram(r);
	if (ret)
		return ret;
	for (i = 0; i < r->nr_ram; i++) {
		ram_end = max(ram_end, r->ram[i].end);
		ram_bytes += r->ram[i].end - r->ram[i].start;
	}
	if (phys_bits > 48 || ram_end > (1ULL << 46))
		return -EINVAL;

	ret = vsm_region_plan(r, size, h->mem_size, phys_bits, ram_bytes,
			      ALIGN(ram_end, 1ULL << 30));
	if (ret)
		return ret;
	ret = vsm_region_pages_alloc(r, ram_end);
	if (ret)
		return ret;
	r->va = page_address(r->pages);
	r->pa = page_to_phys(r->pages);

	memcpy(r->va, vsm_sw_image, h->file_size);
	r->used = h->mem_size;
	r->boot = r->va + h->boot;
	r->entry = VSM_SW_BASE + h->entry;

	percpu_offset = r->used;
	areas = region_alloc(r, (size_t)nr_cpu_ids * VSM_CPU_PAGES * VSM_PAGE_SIZE);
	msrpm = region_alloc(r, 2 * VSM_PAGE_SIZE);
	iopm = region_alloc(r, 3 * VSM_PAGE_SIZE);
	decoy = region_alloc(r, VSM_PAGE_SIZE);
	sink = region_alloc(r, VSM_PAGE_SIZE);
	if (!areas || !msrpm || !iopm || !decoy || !sink)
		goto too_small;
	if (r->amdvi) {
		amdvi = region_alloc(r, VSM_AMDVI_AREA_PAGES * VSM_PAGE_SIZE);
		if (!amdvi)
			goto too_small;
		memset(amdvi, 0, VSM_AMDVI_AREA_PAGES * VSM_PAGE_SIZE);
	}
	init_cpu_areas(r, areas, percpu_offset);

	ret = build_sw_tables(r, h, ALIGN(ram_end, 1ULL << 30));
	if (!ret)
		ret = build_npt(r, phys_bits, img, vendor->npt_leaf_flags);
	if (ret == -ENOMEM)
		goto too_small;
	if (ret)
		goto fail;
	alloc_split_pool(r);
	alloc_snpt_pools(r);

	r->boot->region_pa = r->pa;
	r->boot->region_size = r->size;
	r->boot->msrpm_pa = vsm_region_pa_of(r, msrpm);
	r->boot->iopm_pa = vsm_region_pa_of(r, iopm);
	r->boot->percpu_offset = percpu_offset;
	r->boot->nr_cpu_ids = nr_cpu_ids;
	r->boot->devirt_tail = vendor->devirt_tail();
	r->boot->vendor = vendor->sw_vendor;
	r->boot->npt_leaf_flags = vendor->npt_leaf_flags;
	r->boot->dma = vsm_dma_state();
	r->boot->physmap_end = ALIGN(ram_end, 1ULL << 30);
	r->boot->decoy_pa = vsm_region_pa_of(r, decoy);
	r->boot->l2_sink_pa = vsm_region_pa_of(r, sink);
	if (amdvi) {
		r->boot->amdvi_mmio = r->amdvi;
		r->boot->amdvi_area = vsm_region_pa_of(r, amdvi);
	}
	r->boot->tsc_khz = tsc_khz;
	if (img) {
		r->boot->text_pa = img->text.start;
		r->boot->text_end = img->text.end;
		r->boot->rodata_pa = img->rodata.start;
		r->boot->rodata_end = img->rodata.end;
		r->boot->jump_table = img->jump_table;
		r->boot->jump_table_end = img->jump_table_end;
		r->boot->text_va = img->text_va & PAGE_MASK;
		r->boot->modules_va = MODULES_VADDR;
		r->boot->modules_end = MODULES_END;
		r->boot->sc_sites = img->sc_sites;
		r->boot->sc_sites_end = img->sc_sites_end;
		r->boot->sc_tramps = img->sc_tramps;
		r->boot->sc_tramps_end = img->sc_tramps_end;
	}
	return 0;

too_small:
	pr_err("secure region of %zu KiB is too small for %u CPUs and a %u-bit physical address space; load vsm with secure_size_kib=0 (automatic, the default)%s\n",
	       r->size >> 10, nr_cpu_ids, phys_bits,
	       r->automatic ? " and report this bug: the automatic size was too small" : "");
	ret = -ENOMEM;
fail:
	vsm_region_destroy(r);
	return ret;
}

/**
 * vsm_region_destroy() - wipe and free the region
 * @r: the region; no CPU may be running the secure world
 */
void vsm_region_destroy(struct vsm_region *r)
{
	if (!r->pages)
		return;
	memzero_explicit(r->va, r->size);
	vsm_region_pages_free(r);
	r->pages = NULL;
}

struct vsm_sw_cpu *vsm_region_cpu(struct vsm_region *r, unsigned int cpu)
{
	return r->va + r->boot->percpu_offset +
	       (size_t)cpu * VSM_CPU_PAGES * VSM_PAGE_SIZE;
}

u64 vsm_region_cpu_sw_va(struct vsm_region *r, unsigned int cpu)
{
	return VSM_SW_BASE + r->boot->percpu_offset +
	       (u64)cpu * VSM_CPU_PAGES * VSM_PAGE_SIZE;
}
