// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow nested tables from a fixed pool of pages.  Tables only point at
 * pages of the pool (checked on every step down), so a corrupted or stale
 * entry can never send the walk outside it.
 */
#include "snpt_pool.h"
#include "paging.h"

/* Non-leaf entries allow everything; the leaf decides. */
#define TABLE_FLAGS	(VSM_PTE_P | VSM_PTE_RW | VSM_PTE_US)

static u64 *page(const struct vsm_snpt_pool *p, u32 i)
{
	return (u64 *)(p->base + (u64)i * VSM_PAGE_SIZE);
}

/* The pool page an entry points at, or NULL if it is no pool page. */
static u64 *table_of(const struct vsm_snpt_pool *p, u64 e)
{
	u64 pa = e & VSM_PTE_ADDR;

	if (pa < p->base_pa || pa >= p->base_pa + (u64)p->used * VSM_PAGE_SIZE)
		return NULL;
	return page(p, (u32)((pa - p->base_pa) / VSM_PAGE_SIZE));
}

/**
 * vsm_snpt_pool_init() - an empty shadow table
 * @p: the pool
 * @base: @pages contiguous pages (at least 1: the root)
 * @base_pa: their physical address
 * @pages: how many
 */
void vsm_snpt_pool_init(struct vsm_snpt_pool *p, void *base, u64 base_pa, u32 pages)
{
	p->base = base;
	p->base_pa = base_pa;
	p->max = pages;
	p->rebuilds = 0;
	p->used = 1;
	memset(base, 0, VSM_PAGE_SIZE);
}

/**
 * vsm_snpt_pool_drop() - drop every entry (a rebuild starts)
 * @p: the pool
 *
 * The caller flushes the nested guest's TLB before it runs again.
 */
void vsm_snpt_pool_drop(struct vsm_snpt_pool *p)
{
	memset(p->base, 0, VSM_PAGE_SIZE);
	p->used = 1;
	p->rebuilds++;
}

static int try_install(struct vsm_snpt_pool *p, u64 l2_pa, u64 entry, unsigned int target)
{
	u64 *table = page(p, 0);
	unsigned int level;

	for (level = VSM_PT_LEVELS; level > target; level--) {
		u64 *e = &table[(l2_pa >> VSM_PT_SHIFT(level)) & 511];

		if (!(*e & VSM_PTE_P)) {
			if (p->used == p->max)
				return -ENOSPC;
			memset(page(p, p->used), 0, VSM_PAGE_SIZE);
			*e = (p->base_pa + (u64)p->used * VSM_PAGE_SIZE) | TABLE_FLAGS;
			p->used++;
		} else if (*e & VSM_PTE_PS) {
			return -EEXIST;		/* a larger page is in the way */
		}
		table = table_of(p, *e);
		if (!table)
			return -EEXIST;
	}
	table[(l2_pa >> VSM_PT_SHIFT(target)) & 511] = entry;
	return 0;
}

/**
 * vsm_snpt_install() - put one shadow entry in the table
 * @p: the pool
 * @l2_pa: the nested guest's physical address it covers
 * @entry: the entry (vsm_snpt_entry())
 * @size: its page size: 4 KiB, 2 MiB or 1 GiB
 *
 * When the pool is full, or a larger page is in the way, the table is
 * dropped and the entry installed in the empty one.
 *
 * Return: 0; -EINVAL for another size or a misaligned address.
 */
int vsm_snpt_install(struct vsm_snpt_pool *p, u64 l2_pa, u64 entry, u64 size)
{
	unsigned int target;
	int ret;

	if (size == VSM_PT_SIZE(1))
		target = 1;
	else if (size == VSM_PT_SIZE(2))
		target = 2;
	else if (size == VSM_PT_SIZE(3))
		target = 3;
	else
		return -EINVAL;
	if ((l2_pa & (size - 1)) || (entry & VSM_PTE_ADDR & (size - 1)))
		return -EINVAL;
	ret = try_install(p, l2_pa, entry, target);
	if (ret) {
		vsm_snpt_pool_drop(p);
		ret = try_install(p, l2_pa, entry, target);
	}
	return ret;
}

/**
 * vsm_snpt_lookup() - the shadow entry covering an address
 * @p: the pool
 * @l2_pa: the address
 * @size: out: the entry's page size (0 if none)
 *
 * Return: the entry, or 0.
 */
u64 vsm_snpt_lookup(const struct vsm_snpt_pool *p, u64 l2_pa, u64 *size)
{
	const u64 *table = page(p, 0);
	unsigned int level;

	*size = 0;
	for (level = VSM_PT_LEVELS; level >= 1; level--) {
		u64 e = table[(l2_pa >> VSM_PT_SHIFT(level)) & 511];

		if (!(e & VSM_PTE_P))
			return 0;
		if (level == 1 || (level <= 3 && (e & VSM_PTE_PS))) {
			*size = VSM_PT_SIZE(level);
			return e;
		}
		table = table_of(p, e);
		if (!table)
			return 0;
	}
	return 0;
}
