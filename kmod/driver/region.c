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
#include <linux/sort.h>
#include <linux/string.h>
#include <asm/io.h>

#include "region.h"
#include "vendor.h"

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
		c->guest_vmcb_pa = vsm_region_pa_of(r, base) +
				   VSM_CPU_PAGE_GUEST_VMCB * VSM_PAGE_SIZE;
		c->host_vmcb_pa = vsm_region_pa_of(r, base) +
				  VSM_CPU_PAGE_HOST_VMCB * VSM_PAGE_SIZE;
		c->hsave_pa = vsm_region_pa_of(r, base) +
			      VSM_CPU_PAGE_HSAVE * VSM_PAGE_SIZE;
		c->stack_top = sw_va + (VSM_CPU_PAGE_STACK + VSM_CPU_STACK_PAGES) *
				       VSM_PAGE_SIZE;
	}
}

/*
 * The secure world's own address space: the region at VSM_SW_BASE, W^X for
 * the image, and host RAM 1:1 below physmap_end (never executable).
 */
static int build_sw_tables(struct vsm_region *r, const struct vsm_sw_header *h,
			   u64 physmap_end)
{
	const struct vsm_pt_ops ops = { pt_alloc, pt_va, r };
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
	if (!ret)
		ret = vsm_pt_map_identity(&ops, r->sw_root, physmap_end, NULL, 0,
					  VSM_PTE_RW | VSM_PTE_NX, 3);
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
	struct vsm_range holes[3] = { { r->pa, r->pa + r->size } };
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
		sort(holes, nr, sizeof(holes[0]), cmp_range, NULL);
		for (i = 1; i < nr; i++)
			if (holes[i].start < holes[i - 1].end)
				return -EINVAL;
	}
	/*
	 * P, RW, US (AMD NPT: present, writable, user) are R, W, X in Intel's
	 * EPT, whose other bits mostly mean the same; EPT leaves also carry
	 * their memory type (@leaf_flags).
	 */
	leaf_flags |= VSM_PTE_RW | VSM_PTE_US;
	ret = vsm_pt_map_identity(&ops, root, 1ULL << phys_bits, holes, nr, leaf_flags, 3);
	for (i = 0; !ret && img && i < nr; i++)
		if (holes[i].start != r->pa)
			ret = vsm_pt_map(&ops, root, holes[i].start, holes[i].start,
					 holes[i].end - holes[i].start, leaf_flags, 2);
	if (ret)
		return ret;
	/* 4 KiB entries, all absent, for the secure world to point at the decoy. */
	for (chunk = r->pa; chunk < r->pa + r->size; chunk += VSM_PT_SIZE(2))
		if (!vsm_pt_table_for(&ops, root, chunk, 1))
			return -ENOMEM;
	vsm_pt_coverage(&ops, root, r->ram, r->nr_ram, &r->npt_cov);
	return 0;
}

/*
 * What is left of the region becomes the pools of shadow nested page
 * tables (nested virtualization), the same number of pages for each CPU.
 */
static void alloc_snpt_pools(struct vsm_region *r)
{
	size_t per_cpu = (r->size - r->used) / VSM_PAGE_SIZE / nr_cpu_ids;
	u8 *pools;

	per_cpu = min_t(size_t, per_cpu, VSM_SNPT_POOL_MAX);
	if (per_cpu < VSM_SNPT_POOL_MIN)
		return;
	pools = region_alloc(r, per_cpu * nr_cpu_ids * VSM_PAGE_SIZE);
	r->boot->snpt_pool_pa = vsm_region_pa_of(r, pools);
	r->boot->snpt_pool_pages = per_cpu;
}

/**
 * vsm_region_create() - allocate and populate the secure region
 * @r: filled in
 * @size: bytes, a power of two from 2 MiB to 4 MiB (validated by the caller)
 * @phys_bits: physical address width: the nested page tables cover it all
 * @vendor: the vendor half (its devirtualization tail, nested-table format)
 * @img: the kernel image's ranges to prepare for write protection, or NULL
 *
 * Return: 0, -ENOMEM (allocation, or @size too small for the tables),
 * -ENOEXEC (bad image), -E2BIG (too many RAM ranges), -EINVAL.
 */
int vsm_region_create(struct vsm_region *r, size_t size, unsigned int phys_bits,
		      const struct vsm_vendor_ops *vendor,
		      const struct vsm_kernel_image *img)
{
	const struct vsm_sw_header *h = (const void *)vsm_sw_image;
	size_t image_bytes = vsm_sw_image_end - vsm_sw_image;
	size_t percpu_offset;
	u8 *areas, *msrpm, *iopm, *decoy;
	u64 ram_end = 0;
	unsigned int i;
	int ret;

	memset(r, 0, sizeof(*r));
	ret = check_image(h, image_bytes, size);
	if (ret) {
		pr_err("secure-world image is corrupt or from another build: rebuild and reinstall vsm.ko\n");
		return ret;
	}
	ret = collect_ram(r);
	if (ret)
		return ret;
	for (i = 0; i < r->nr_ram; i++)
		ram_end = max(ram_end, r->ram[i].end);
	if (phys_bits > 48 || ram_end > (1ULL << 46))
		return -EINVAL;

	r->size = size;
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
	msrpm = region_alloc(r, 0x2000);
	iopm = region_alloc(r, 0x3000);
	decoy = region_alloc(r, VSM_PAGE_SIZE);
	if (!areas || !msrpm || !iopm || !decoy)
		goto too_small;
	init_cpu_areas(r, areas, percpu_offset);

	ret = build_sw_tables(r, h, ALIGN(ram_end, 1ULL << 30));
	if (!ret)
		ret = build_npt(r, phys_bits, img, vendor->npt_leaf_flags);
	if (ret == -ENOMEM)
		goto too_small;
	if (ret)
		goto fail;
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
	r->boot->physmap_end = ALIGN(ram_end, 1ULL << 30);
	r->boot->decoy_pa = vsm_region_pa_of(r, decoy);
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
	pr_err("secure region of %zu KiB is too small for %u CPUs and a %u-bit physical address space; load vsm with secure_size_kib=4096\n",
	       size >> 10, nr_cpu_ids, phys_bits);
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
