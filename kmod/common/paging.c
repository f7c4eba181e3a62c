// SPDX-License-Identifier: GPL-2.0
/*
 * Building 4-level page tables with the largest pages alignment allows,
 * and measuring their large-page coverage.  Used for the secure world's
 * own address space and for the host's nested page tables.
 */
#include "paging.h"

static unsigned int pt_index(u64 va, unsigned int level)
{
	return (va >> VSM_PT_SHIFT(level)) & 511;
}

static bool is_leaf(u64 pte, unsigned int level)
{
	return level == 1 || (pte & VSM_PTE_PS);
}

/* The table one level below @pte, allocating it if the entry is empty. */
static int next_table(const struct vsm_pt_ops *ops, u64 *pte,
		      unsigned int level, u64 **table)
{
	u64 pa;

	if (*pte & VSM_PTE_P) {
		if (is_leaf(*pte, level))
			return -EEXIST;
		*table = ops->va(ops->ctx, *pte & VSM_PTE_ADDR);
		return 0;
	}
	*table = ops->alloc(ops->ctx, &pa);
	if (!*table)
		return -ENOMEM;
	/* Intermediate entries allow everything; leaves restrict. */
	*pte = pa | VSM_PTE_P | VSM_PTE_RW | VSM_PTE_US;
	return 0;
}

static unsigned int best_level(u64 va, u64 pa, u64 left, unsigned int max_level)
{
	unsigned int level;

	for (level = max_level; level > 1; level--) {
		u64 sz = VSM_PT_SIZE(level);

		if (!(va & (sz - 1)) && !(pa & (sz - 1)) && left >= sz)
			return level;
	}
	return 1;
}

/**
 * vsm_pt_map() - map a virtual range to a physical range
 * @ops: table allocator
 * @root: the PML4
 * @va: first virtual address, page aligned
 * @pa: first physical address, page aligned
 * @size: bytes, a multiple of 4 KiB
 * @flags: leaf flags (VSM_PTE_*; P is implied, PS is added for large pages)
 * @max_level: largest page to use: 1 (4 KiB), 2 (2 MiB) or 3 (1 GiB)
 *
 * Return: 0; -EINVAL for misaligned arguments; -EEXIST if part of the range
 * is already mapped; -ENOMEM if a table could not be allocated (the tables
 * built so far stay in place).
 */
int vsm_pt_map(const struct vsm_pt_ops *ops, u64 *root, u64 va, u64 pa,
	       u64 size, u64 flags, unsigned int max_level)
{
	if ((va | pa | size) & (VSM_PAGE_SIZE_MASK) || max_level < 1 || max_level > 3)
		return -EINVAL;
	if (va + size < va || (pa + size) > (1ULL << 52))
		return -EINVAL;

	while (size) {
		unsigned int target = best_level(va, pa, size, max_level);
		unsigned int level;
		u64 *table = root;
		u64 *pte;
		int ret;

		for (level = VSM_PT_LEVELS; level > target; level--) {
			ret = next_table(ops, &table[pt_index(va, level)], level, &table);
			if (ret)
				return ret;
		}
		pte = &table[pt_index(va, target)];
		if (*pte & VSM_PTE_P)
			return -EEXIST;
		*pte = pa | flags | VSM_PTE_P | (target > 1 ? VSM_PTE_PS : 0);
		va += VSM_PT_SIZE(target);
		pa += VSM_PT_SIZE(target);
		size -= VSM_PT_SIZE(target);
	}
	return 0;
}

/**
 * vsm_pt_table_for() - the table at a given level covering an address
 * @ops: table allocator
 * @root: the PML4
 * @va: the address
 * @level: 1 for the page table of 4 KiB entries, 2 for the page directory,
 *	3 for the PDPT
 *
 * Missing tables on the way are allocated; entries of a new table are not
 * present.  Used to prepare 4 KiB entries that the secure world fills in
 * later without allocating.
 *
 * Return: the table, or NULL if a large page is in the way, allocation
 * failed, or @level is out of range.
 */
u64 *vsm_pt_table_for(const struct vsm_pt_ops *ops, u64 *root, u64 va,
		      unsigned int level)
{
	u64 *table = root;
	unsigned int l;

	if (level < 1 || level >= VSM_PT_LEVELS)
		return NULL;
	for (l = VSM_PT_LEVELS; l > level; l--)
		if (next_table(ops, &table[pt_index(va, l)], l, &table))
			return NULL;
	return table;
}

/**
 * vsm_pt_map_identity() - identity-map [0, @limit) except some holes
 * @ops: table allocator
 * @root: the PML4
 * @limit: end of the mapped space, page aligned
 * @holes: ranges left unmapped, page aligned, sorted, not overlapping
 * @nr_holes: number of @holes
 * @flags: leaf flags
 * @max_level: largest page size to use (see vsm_pt_map())
 *
 * Return: 0, -EINVAL for bad holes (nothing is mapped then), or an error
 * of vsm_pt_map().
 */
int vsm_pt_map_identity(const struct vsm_pt_ops *ops, u64 *root, u64 limit,
			const struct vsm_range *holes, unsigned int nr_holes,
			u64 flags, unsigned int max_level)
{
	u64 at = 0;
	unsigned int i;
	int ret;

	/* Check every hole before changing anything. */
	for (i = 0; i < nr_holes; i++) {
		if (holes[i].start < at || holes[i].end < holes[i].start ||
		    ((holes[i].start | holes[i].end) & VSM_PAGE_SIZE_MASK))
			return -EINVAL;
		at = holes[i].end;
	}
	if (limit & VSM_PAGE_SIZE_MASK)
		return -EINVAL;

	at = 0;
	for (i = 0; i < nr_holes; i++) {
		if (holes[i].start >= limit)
			break;
		if (holes[i].start > at) {
			ret = vsm_pt_map(ops, root, at, at, holes[i].start - at,
					 flags, max_level);
			if (ret)
				return ret;
		}
		at = holes[i].end;
	}
	if (at < limit)
		return vsm_pt_map(ops, root, at, at, limit - at, flags, max_level);
	return 0;
}

static u64 overlap(u64 a, u64 b, const struct vsm_range *r)
{
	u64 s = a > r->start ? a : r->start;
	u64 e = b < r->end ? b : r->end;

	return e > s ? e - s : 0;
}

static void cover_table(const struct vsm_pt_ops *ops, const u64 *table,
			unsigned int level, u64 base,
			const struct vsm_range *ranges, unsigned int nr,
			struct vsm_pt_coverage *cov)
{
	unsigned int i, r;

	cov->tables++;
	for (i = 0; i < 512; i++) {
		u64 pte = table[i];
		u64 a = base + ((u64)i << VSM_PT_SHIFT(level));

		if (!(pte & VSM_PTE_P))
			continue;
		if (is_leaf(pte, level)) {
			u64 pa = pte & VSM_PTE_ADDR & ~(VSM_PT_SIZE(level) - 1);

			for (r = 0; r < nr; r++)
				cov->bytes[level] += overlap(pa, pa + VSM_PT_SIZE(level),
							     &ranges[r]);
			continue;
		}
		cover_table(ops, ops->va(ops->ctx, pte & VSM_PTE_ADDR), level - 1,
			    a, ranges, nr, cov);
	}
}

/**
 * vsm_pt_coverage() - measure how a table maps a set of physical ranges
 * @ops: gives access to the tables
 * @root: the PML4
 * @ranges: physical ranges to account (typically System RAM)
 * @nr_ranges: number of @ranges
 * @cov: result; bytes are counted by the physical address the leaves map
 *	to, so it works for identity maps and for the secure world's map
 */
void vsm_pt_coverage(const struct vsm_pt_ops *ops, const u64 *root,
		     const struct vsm_range *ranges, unsigned int nr_ranges,
		     struct vsm_pt_coverage *cov)
{
	u64 total = 0, mapped = 0;
	unsigned int i;

	for (i = 0; i < VSM_PT_LEVELS; i++)
		cov->bytes[i] = 0;
	cov->tables = 0;
	cover_table(ops, root, VSM_PT_LEVELS, 0, ranges, nr_ranges, cov);
	for (i = 0; i < nr_ranges; i++)
		total += ranges[i].end - ranges[i].start;
	for (i = 1; i < VSM_PT_LEVELS; i++)
		mapped += cov->bytes[i];
	cov->unmapped = total > mapped ? total - mapped : 0;
}

/**
 * vsm_pt_lookup() - translate one address
 * @ops: gives access to the tables
 * @root: the PML4
 * @va: the address
 * @level: if not NULL, set to the level of the leaf (1..3)
 *
 * Return: the leaf entry with the physical address adjusted to @va's page
 * frame within a large page, or 0 if @va is not mapped.
 */
u64 vsm_pt_lookup(const struct vsm_pt_ops *ops, const u64 *root, u64 va,
		  unsigned int *level)
{
	const u64 *table = root;
	unsigned int l;

	for (l = VSM_PT_LEVELS; l >= 1; l--) {
		u64 pte = table[pt_index(va, l)];

		if (!(pte & VSM_PTE_P))
			return 0;
		if (is_leaf(pte, l)) {
			u64 mask = VSM_PT_SIZE(l) - 1;

			if (level)
				*level = l;
			return (pte & ~(mask & VSM_PTE_ADDR)) | (va & mask & VSM_PTE_ADDR);
		}
		table = ops->va(ops->ctx, pte & VSM_PTE_ADDR);
	}
	return 0;
}

/**
 * vsm_pt_leaf_4k() - the 4 KiB leaf entry of an address, splitting large pages
 * @ops: table allocator (the split tables come from it)
 * @root: the PML4
 * @va: the address
 *
 * A 1 GiB or 2 MiB leaf on the way is replaced by a table of 512 leaves of
 * the next size down that map exactly what it mapped, with its flags; the
 * table is filled before the one store that publishes it, so a concurrent
 * walker sees either the large page or the equivalent table.  The caller
 * flushes TLBs once it has changed the leaf.
 *
 * Return: the 4 KiB entry, or NULL if @va is not mapped or a table could
 * not be allocated (nothing is changed then above the level reached).
 */
u64 *vsm_pt_leaf_4k(const struct vsm_pt_ops *ops, u64 *root, u64 va)
{
	u64 *table = root;
	unsigned int l;

	for (l = VSM_PT_LEVELS; l > 1; l--) {
		u64 *pte = &table[pt_index(va, l)], e = *pte, pa, flags, step;
		u64 *next;
		unsigned int i;

		if (!(e & VSM_PTE_P))
			return NULL;
		if (!is_leaf(e, l)) {
			table = ops->va(ops->ctx, e & VSM_PTE_ADDR);
			continue;
		}
		next = ops->alloc(ops->ctx, &pa);
		if (!next)
			return NULL;
		step = VSM_PT_SIZE(l - 1);
		flags = e & ~VSM_PTE_ADDR & ~VSM_PTE_PS;
		if (l - 1 > 1)
			flags |= VSM_PTE_PS;
		for (i = 0; i < 512; i++)
			next[i] = ((e & VSM_PTE_ADDR & ~(VSM_PT_SIZE(l) - 1)) + i * step) | flags;
		/* Intermediate entries allow everything; leaves restrict. */
		__atomic_store_n(pte, pa | VSM_PTE_P | VSM_PTE_RW | VSM_PTE_US, __ATOMIC_RELEASE);
		table = next;
	}
	return &table[pt_index(va, 1)];
}
