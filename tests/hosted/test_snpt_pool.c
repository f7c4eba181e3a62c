// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow tables from a bounded pool: entries of every size, the table
 * dropped and rebuilt when the pool runs dry or a large page is in the
 * way, and walks that never leave the pool.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/paging.h"
#include "../../kmod/common/snpt_pool.h"

#define PAGES 6
static u8 pool_mem[PAGES * 4096] __aligned(4096);
#define POOL_PA 0x100000ULL

TEST(snpt_pool_installs_every_size)
{
	struct vsm_snpt_pool p;
	u64 size;

	vsm_snpt_pool_init(&p, pool_mem, POOL_PA, PAGES);
	EXPECT_EQ(vsm_snpt_install(&p, 0x5000, 0x70000 | VSM_PTE_P | VSM_PTE_US, 4096), 0);
	EXPECT_EQ(p.used, 4);		/* root, PDPT, PD, PT */
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x5123, &size), 0x70000 | VSM_PTE_P | VSM_PTE_US);
	EXPECT_EQ(size, 4096);
	EXPECT_EQ(vsm_snpt_install(&p, 0x200000, 0x40000000ULL | VSM_PTE_P | VSM_PTE_PS, 2ULL << 20), 0);
	EXPECT_EQ(p.used, 4);		/* same PD */
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x3fffff, &size) & VSM_PTE_ADDR, 0x40000000ULL);
	EXPECT_EQ(size, 2ULL << 20);
	EXPECT_EQ(vsm_snpt_install(&p, 1ULL << 30, 0x80000000ULL | VSM_PTE_P | VSM_PTE_PS, 1ULL << 30), 0);
	EXPECT_EQ(vsm_snpt_lookup(&p, (1ULL << 30) + 5, &size) & VSM_PTE_ADDR, 0x80000000ULL);
	EXPECT_EQ(size, 1ULL << 30);
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x9000, &size), 0);
	EXPECT_EQ(size, 0);
	EXPECT_EQ(p.rebuilds, 0);
	/* bad sizes and alignment change nothing */
	EXPECT_EQ(vsm_snpt_install(&p, 0x5000, 0x70000 | VSM_PTE_P, 8192), -EINVAL);
	EXPECT_EQ(vsm_snpt_install(&p, 0x201000, 0x40000000ULL | VSM_PTE_P, 2ULL << 20), -EINVAL);
	EXPECT_EQ(p.rebuilds, 0);
}

TEST(snpt_pool_rebuilds_when_full_or_in_the_way)
{
	struct vsm_snpt_pool p;
	u64 size;

	vsm_snpt_pool_init(&p, pool_mem, POOL_PA, PAGES);
	/* 4 KiB pages in three different 1 GiB regions: 1 + 1 + 2*3 tables > 6 */
	EXPECT_EQ(vsm_snpt_install(&p, 0x1000, 0x1000 | VSM_PTE_P, 4096), 0);
	EXPECT_EQ(vsm_snpt_install(&p, (1ULL << 30) + 0x1000, 0x2000 | VSM_PTE_P, 4096), 0);
	EXPECT_EQ(p.used, 6);
	EXPECT_EQ(vsm_snpt_install(&p, (2ULL << 30) + 0x1000, 0x3000 | VSM_PTE_P, 4096), 0);
	EXPECT_EQ(p.rebuilds, 1);
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x1000, &size), 0);	/* dropped */
	EXPECT_EQ(vsm_snpt_lookup(&p, (2ULL << 30) + 0x1000, &size), 0x3000 | VSM_PTE_P);
	/* a 2 MiB page where a 4 KiB one is wanted: rebuilt around it */
	EXPECT_EQ(vsm_snpt_install(&p, 0x200000, 0x400000 | VSM_PTE_P | VSM_PTE_PS, 2ULL << 20), 0);
	EXPECT_EQ(vsm_snpt_install(&p, 0x201000, 0x5000 | VSM_PTE_P, 4096), 0);
	EXPECT_EQ(p.rebuilds, 2);
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x201000, &size), 0x5000 | VSM_PTE_P);
	EXPECT_EQ(size, 4096);
}

TEST(snpt_pool_walks_stay_in_the_pool)
{
	struct vsm_snpt_pool p;
	u64 size, *root = (u64 *)pool_mem;

	vsm_snpt_pool_init(&p, pool_mem, POOL_PA, PAGES);
	root[0] = 0x7777000 | VSM_PTE_P;			/* not a pool page */
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x1000, &size), 0);
	EXPECT_EQ(vsm_snpt_install(&p, 0x1000, 0x1000 | VSM_PTE_P, 4096), 0);
	EXPECT_EQ(p.rebuilds, 1);
	EXPECT_EQ(vsm_snpt_lookup(&p, 0x1000, &size), 0x1000 | VSM_PTE_P);
}
