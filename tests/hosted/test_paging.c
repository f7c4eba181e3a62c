// SPDX-License-Identifier: GPL-2.0
/*
 * Page-table builder: largest pages by alignment, holes, errors, lookup,
 * and RAM coverage for the memory maps of the test VMs.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/paging.h"

#define KiB (1ULL << 10)
#define MiB (1ULL << 20)
#define GiB (1ULL << 30)

struct pool {
	unsigned int used, max;
	void *pages[4096];
};

static void *pool_alloc(void *ctx, u64 *pa)
{
	struct pool *p = ctx;
	void *page;

	if (p->used >= p->max)
		return NULL;
	page = aligned_alloc(4096, 4096);
	memset(page, 0, 4096);
	p->pages[p->used++] = page;
	*pa = (u64)(uintptr_t)page;
	return page;
}

static void *pool_va(void *ctx, u64 pa)
{
	(void)ctx;
	return (void *)(uintptr_t)pa;
}

static struct pool *pool_new(unsigned int max)
{
	struct pool *p = calloc(1, sizeof(*p));

	p->max = max;
	return p;
}

static void pool_free(struct pool *p)
{
	while (p->used)
		free(p->pages[--p->used]);
	free(p);
}

#define OPS(p) { .alloc = pool_alloc, .va = pool_va, .ctx = (p) }

TEST(paging_identity_uses_1g_pages)
{
	struct pool *p = pool_new(4096);
	struct vsm_pt_ops ops = OPS(p);
	struct vsm_range ram[] = { { 0, 512 * MiB } };
	struct vsm_pt_coverage cov;
	u64 pa, *root = pool_alloc(p, &pa);

	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 1ULL << 40, NULL, 0,
				      VSM_PTE_RW | VSM_PTE_US, 3), 0);
	vsm_pt_coverage(&ops, root, ram, 1, &cov);
	EXPECT_EQ(cov.bytes[3], 512 * MiB);
	EXPECT_EQ(cov.bytes[2] + cov.bytes[1] + cov.unmapped, 0);
	/* 1 TiB = two PDPTs of 1 GiB entries under one PML4. */
	EXPECT_EQ(cov.tables, 3);
	EXPECT_EQ(p->used, 3);
	pool_free(p);
}

TEST(paging_hole_splits_only_where_needed)
{
	struct pool *p = pool_new(4096);
	struct vsm_pt_ops ops = OPS(p);
	struct vsm_range ram[] = { { 0, 640 * KiB }, { 1 * MiB, 3 * GiB } };
	struct vsm_range hole[] = { { 1 * GiB + 6 * MiB, 1 * GiB + 10 * MiB } };
	struct vsm_pt_coverage cov;
	unsigned int level;
	u64 pa, *root = pool_alloc(p, &pa);

	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 1ULL << 40, hole, 1,
				      VSM_PTE_RW | VSM_PTE_US, 3), 0);
	vsm_pt_coverage(&ops, root, ram, 2, &cov);
	EXPECT_EQ(cov.unmapped, 4 * MiB);
	EXPECT_EQ(cov.bytes[1], 0);
	EXPECT_EQ(cov.bytes[2], 1 * GiB - 4 * MiB);
	EXPECT_EQ(cov.bytes[3], 2 * GiB - 384 * KiB);
	EXPECT_EQ(cov.tables, 4);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 1 * GiB + 6 * MiB, NULL), 0);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 1 * GiB + 10 * MiB - 1, NULL), 0);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 1 * GiB + 10 * MiB, &level) & VSM_PTE_ADDR,
		  1 * GiB + 10 * MiB);
	EXPECT_EQ(level, 2);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 1 * GiB + 6 * MiB - 4096, &level) &
		  VSM_PTE_ADDR, 1 * GiB + 6 * MiB - 4096);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 5 * GiB + 12345, &level) & VSM_PTE_ADDR,
		  5 * GiB + 12288);
	EXPECT_EQ(level, 3);
	pool_free(p);
}

TEST(paging_unaligned_hole_uses_4k_pages_at_its_edges)
{
	struct pool *p = pool_new(4096);
	struct vsm_pt_ops ops = OPS(p);
	struct vsm_range ram[] = { { 0, 2 * GiB } };
	struct vsm_range hole[] = { { 100 * MiB + 4096, 100 * MiB + 12288 } };
	struct vsm_pt_coverage cov;
	u64 pa, *root = pool_alloc(p, &pa);

	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 4 * GiB, hole, 1, 0, 3), 0);
	vsm_pt_coverage(&ops, root, ram, 1, &cov);
	EXPECT_EQ(cov.unmapped, 8192);
	EXPECT_EQ(cov.bytes[1], 2 * MiB - 8192);
	EXPECT_EQ(cov.bytes[2], 1 * GiB - 2 * MiB);
	EXPECT_EQ(cov.bytes[3], 1 * GiB);
	pool_free(p);
}

/* The guests of the selftests: 512 MiB, 3 GiB and 6 GiB with a PCI hole. */
TEST(paging_vm_memory_maps_are_99_percent_large)
{
	static const struct vsm_range maps[3][3] = {
		{ { 0, 0x9fc00 }, { 1 * MiB, 512 * MiB } },
		{ { 0, 0x9fc00 }, { 1 * MiB, 3 * GiB } },
		{ { 0, 0x9fc00 }, { 1 * MiB, 3 * GiB }, { 4 * GiB, 7 * GiB } },
	};
	static const unsigned int nr[3] = { 2, 2, 3 };
	unsigned int m;

	for (m = 0; m < 3; m++) {
		struct pool *p = pool_new(4096);
		struct vsm_pt_ops ops = OPS(p);
		struct vsm_range hole[] = { { 256 * MiB, 260 * MiB } };
		struct vsm_pt_coverage cov;
		u64 pa, *root = pool_alloc(p, &pa), ram = 0, large;
		unsigned int i;

		EXPECT_EQ(vsm_pt_map_identity(&ops, root, 1ULL << 40, hole, 1, 0, 3), 0);
		vsm_pt_coverage(&ops, root, maps[m], nr[m], &cov);
		for (i = 0; i < nr[m]; i++)
			ram += maps[m][i].end - maps[m][i].start;
		large = cov.bytes[2] + cov.bytes[3];
		EXPECT(large * 100 >= ram * 99);
		EXPECT_EQ(large + cov.bytes[1] + cov.unmapped, ram);
		pool_free(p);
	}
}

TEST(paging_map_errors)
{
	struct pool *p = pool_new(5);
	struct vsm_pt_ops ops = OPS(p);
	struct vsm_range bad[] = { { 8192, 4096 } };
	struct vsm_range unsorted[] = { { 8 * MiB, 9 * MiB }, { 4 * MiB, 5 * MiB } };
	u64 pa, *root = pool_alloc(p, &pa);

	EXPECT_EQ(vsm_pt_map(&ops, root, 4096 + 1, 0, 4096, 0, 1), -EINVAL);
	EXPECT_EQ(vsm_pt_map(&ops, root, 0, 0, 4095, 0, 1), -EINVAL);
	EXPECT_EQ(vsm_pt_map(&ops, root, 0, 0, 4096, 0, 4), -EINVAL);
	EXPECT_EQ(vsm_pt_map(&ops, root, ~0ULL - 4095, 0, 8192, 0, 1), -EINVAL);
	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 1 * GiB, bad, 1, 0, 3), -EINVAL);
	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 1 * GiB, unsorted, 2, 0, 3), -EINVAL);
	EXPECT_EQ(vsm_pt_map(&ops, root, 2 * MiB, 2 * MiB, 2 * MiB, 0, 2), 0);
	/* Already mapped, by a large page or by a 4 KiB page inside it. */
	EXPECT_EQ(vsm_pt_map(&ops, root, 2 * MiB, 2 * MiB, 2 * MiB, 0, 2), -EEXIST);
	EXPECT_EQ(vsm_pt_map(&ops, root, 3 * MiB, 0, 4096, 0, 1), -EEXIST);
	/* 4 tables are used; the fifth allocation succeeds, the sixth fails. */
	EXPECT_EQ(vsm_pt_map(&ops, root, 0, 0, 4096, 0, 1), 0);
	EXPECT_EQ(vsm_pt_map(&ops, root, 1ULL << 39, 0, 4096, 0, 1), -ENOMEM);
	pool_free(p);
}

TEST(paging_table_for_prepares_4k_entries_in_a_hole)
{
	struct pool *p = pool_new(64);
	struct vsm_pt_ops ops = OPS(p);
	struct vsm_range hole[] = { { 6 * MiB, 8 * MiB } };
	u64 pa, *root = pool_alloc(p, &pa), *pt;
	unsigned int i, level;

	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 1 * GiB, hole, 1, VSM_PTE_RW, 3), 0);
	pt = vsm_pt_table_for(&ops, root, 6 * MiB + 4096, 1);
	EXPECT(pt != NULL);
	for (i = 0; i < 512; i++)
		EXPECT_EQ(pt[i], 0);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 6 * MiB + 4096, NULL), 0);
	/* The same table again, no new allocation. */
	i = p->used;
	EXPECT(vsm_pt_table_for(&ops, root, 7 * MiB, 1) == pt);
	EXPECT_EQ(p->used, i);
	/* Filling one entry maps exactly that page. */
	pt[1] = 0x5000 | VSM_PTE_P | VSM_PTE_RW;
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 6 * MiB + 4096 + 12, &level) & VSM_PTE_ADDR,
		  0x5000);
	EXPECT_EQ(level, 1);
	/* A large page in the way. */
	EXPECT(vsm_pt_table_for(&ops, root, 2 * MiB, 1) == NULL);
	EXPECT(vsm_pt_table_for(&ops, root, 2 * MiB, 4) == NULL);
	pool_free(p);
}

TEST(paging_map_at_high_address)
{
	struct pool *p = pool_new(64);
	struct vsm_pt_ops ops = OPS(p);
	u64 pa, *root = pool_alloc(p, &pa), base = 0xffff800000000000ULL;
	unsigned int level;

	EXPECT_EQ(vsm_pt_map(&ops, root, base, 6 * MiB, 2 * MiB + 8192,
			     VSM_PTE_RW | VSM_PTE_NX, 2), 0);
	EXPECT(root[256] & VSM_PTE_P);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, base + 4096, &level),
		  (6 * MiB + 4096) | VSM_PTE_RW | VSM_PTE_NX | VSM_PTE_P | VSM_PTE_PS);
	EXPECT_EQ(level, 2);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, base + 2 * MiB + 4096, &level),
		  (8 * MiB + 4096) | VSM_PTE_RW | VSM_PTE_NX | VSM_PTE_P);
	EXPECT_EQ(level, 1);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, base + 2 * MiB + 8192, NULL), 0);
	pool_free(p);
}

TEST(paging_leaf_4k_splits_large_pages_in_place)
{
	struct pool *p = pool_new(4096);
	struct vsm_pt_ops ops = OPS(p);
	struct vsm_range hole[] = { { 3 * GiB, 3 * GiB + 2 * MiB } };
	const u64 flags = VSM_PTE_RW | VSM_PTE_US | 0x30 | VSM_PTE_NX;
	u64 pa, *root = pool_alloc(p, &pa), *e, va = GiB + 2 * MiB + 3 * 4 * KiB;
	unsigned int level, used;

	EXPECT_EQ(vsm_pt_map_identity(&ops, root, 4 * GiB, hole, 1, flags, 3), 0);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, va, &level) & VSM_PTE_ADDR, va);
	EXPECT_EQ(level, 3);
	used = p->used;
	e = vsm_pt_leaf_4k(&ops, root, va);
	EXPECT(e != NULL);
	EXPECT_EQ(p->used, used + 2);		/* a page directory and a page table */
	EXPECT_EQ(*e, va | flags | VSM_PTE_P);
	/* Everything else maps as before, with the same flags. */
	static const u64 probe[] = { 0, GiB - 4 * KiB, GiB, GiB + 2 * MiB, GiB + 2 * MiB + 8 * KiB,
				     GiB + 4 * MiB, 2 * GiB - 4 * KiB, 2 * GiB, 4 * GiB - 4 * KiB };
	for (unsigned int i = 0; i < ARRAY_SIZE(probe); i++) {
		u64 l = vsm_pt_lookup(&ops, root, probe[i], &level);

		EXPECT_EQ(l & VSM_PTE_ADDR, probe[i]);
		EXPECT_EQ(l & ~VSM_PTE_ADDR & ~VSM_PTE_PS, flags | VSM_PTE_P);
	}
	EXPECT_EQ(level, 2);			/* the hole split the last GiB at load */
	vsm_pt_lookup(&ops, root, GiB + 2 * MiB + 8 * KiB, &level);
	EXPECT_EQ(level, 1);
	vsm_pt_lookup(&ops, root, GiB + 4 * MiB, &level);
	EXPECT_EQ(level, 2);
	vsm_pt_lookup(&ops, root, 0, &level);
	EXPECT_EQ(level, 3);
	/* A second page of the same 2 MiB needs no table; a hole has no leaf. */
	EXPECT(vsm_pt_leaf_4k(&ops, root, va + 4 * KiB) == e + 1);
	EXPECT_EQ(p->used, used + 2);
	EXPECT(vsm_pt_leaf_4k(&ops, root, 3 * GiB + 4 * KiB) == NULL);
	EXPECT(vsm_pt_leaf_4k(&ops, root, 8 * GiB) == NULL);
	/* Out of tables: NULL, and the large page still maps. */
	p->max = p->used;
	EXPECT(vsm_pt_leaf_4k(&ops, root, 5 * MiB) == NULL);
	EXPECT_EQ(vsm_pt_lookup(&ops, root, 5 * MiB, &level) & VSM_PTE_ADDR, 5 * MiB);
	EXPECT_EQ(level, 3);
	pool_free(p);
}
