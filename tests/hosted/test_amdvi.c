// SPDX-License-Identifier: GPL-2.0
/*
 * The AMD-Vi identity I/O page table: walked here the way the IOMMU walks
 * it, every page's translation and permissions follow the ownership table
 * (secure pages and IOMMU registers absent, host read-only pages not
 * writable), large pages where the table is uniform, and the DTE never
 * asks for untranslated DMA.
 */
#include <stdlib.h>

#include "unit.h"
#include "../../kmod/common/amdvi.h"

#define POOL	64
#define MIB(n)	((u64)(n) << 20)
#define GIB(n)	((u64)(n) << 30)

static struct vsm_own_table t;
static u8 pool[POOL * 4096];
static struct vsm_amdvi_pages p;
static const u64 pool_pa = 0x7700000000ULL;

static u64 *table_at(u64 pa)
{
	if (pa < pool_pa || pa >= pool_pa + (u64)p.used * 4096)
		abort();
	return (u64 *)(pool + (pa - pool_pa));
}

/* The walk: the physical address and permissions, or -1 when absent. */
static s64 walk(u64 root, unsigned int levels, u64 iova, u64 *perm)
{
	u64 pa = root, e = 0, mask;
	unsigned int level = levels, next;

	*perm = VSM_AMDVI_IR | VSM_AMDVI_IW;
	for (;;) {
		e = table_at(pa)[(iova >> (12 + 9 * (level - 1))) & 511];
		if (!(e & VSM_AMDVI_PR))
			return -1;
		*perm &= e;
		next = (e & VSM_AMDVI_NEXT_MASK) >> VSM_AMDVI_NEXT_SHIFT;
		if (!next)
			break;
		if (next != level - 1)
			abort();
		pa = e & VSM_AMDVI_ADDR_MASK;
		level = next;
	}
	mask = (1ULL << (12 + 9 * (level - 1))) - 1;
	if ((e & VSM_AMDVI_ADDR_MASK) & mask)
		abort();
	return (s64)((e & VSM_AMDVI_ADDR_MASK) | (iova & mask));
}

static void setup(void)
{
	memset(pool, 0, sizeof(pool));
	p.va = pool;
	p.pa = pool_pa;
	p.nr = POOL;
	p.used = 0;
	vsm_own_init(&t);
}

/* Every 4 KiB page of [from, to) translates as the table says. */
static bool follows(u64 root, unsigned int levels, u64 end, u64 from, u64 to)
{
	u64 pa, perm;

	for (pa = from; pa < to; pa += 4096) {
		u32 state = vsm_own_state(&t, pa);
		s64 got = walk(root, levels, pa + 123, &perm);
		bool absent = pa >= end || vsm_own_host_hidden(state);

		if (absent != (got < 0))
			return false;
		if (absent)
			continue;
		if (got != (s64)(pa + 123) || !(perm & VSM_AMDVI_IR) ||
		    !!(perm & VSM_AMDVI_IW) != (state == VSM_OWN_HOST_RW))
			return false;
	}
	return true;
}

TEST(amdvi_identity_map_follows_ownership)
{
	u64 root, end = GIB(3) + MIB(6);

	setup();
	EXPECT_EQ(vsm_own_claim_secure(&t, MIB(40), MIB(4)), 0);
	EXPECT_EQ(vsm_own_protect(&t, MIB(16) + 0x3000, MIB(3)), 0);
	EXPECT_EQ(vsm_own_claim_iommu(&t, GIB(2) + 0x5000, 0x4000), 0);
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, end, 3, &p, &root), 0);
	EXPECT_EQ(root, pool_pa);
	EXPECT(follows(root, 3, end, 0, MIB(64)));
	EXPECT(follows(root, 3, end, GIB(2), GIB(2) + MIB(4)));
	EXPECT(follows(root, 3, end, GIB(3), GIB(3) + MIB(8)));
	EXPECT(follows(root, 3, end, GIB(511), GIB(511) + MIB(2)));
	/* Large pages: root, two 1 GiB splits, 4 KiB tables at the edges. */
	EXPECT(p.used <= 8);
}

TEST(amdvi_secure_region_alone_needs_few_tables)
{
	u64 root, perm;

	setup();
	EXPECT_EQ(vsm_own_claim_secure(&t, MIB(40), MIB(4)), 0);
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(1), 3, &p, &root), 0);
	EXPECT_EQ(p.used, 2);	/* the root and one table of 2 MiB pages */
	EXPECT(walk(root, 3, MIB(40), &perm) < 0);
	EXPECT(walk(root, 3, MIB(44) - 1, &perm) < 0);
	EXPECT_EQ(walk(root, 3, MIB(44), &perm), (s64)MIB(44));
	EXPECT(walk(root, 3, GIB(1), &perm) < 0);
}

TEST(amdvi_four_levels)
{
	u64 root;

	setup();
	EXPECT_EQ(vsm_own_claim_secure(&t, GIB(600), MIB(2)), 0);
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(601), 4, &p, &root), 0);
	EXPECT(follows(root, 4, GIB(601), GIB(600) - MIB(2), GIB(600) + MIB(4)));
	EXPECT(follows(root, 4, GIB(601), GIB(601) - MIB(1), GIB(601) + MIB(1)));
}

TEST(amdvi_bad_arguments_and_small_pools)
{
	u64 root;

	setup();
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(1), 2, &p, &root), -EINVAL);
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(1) + 1, 3, &p, &root), -EINVAL);
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(513), 3, &p, &root), -EINVAL);
	EXPECT_EQ(vsm_own_claim_secure(&t, 0x1000, 0x1000), 0);
	p.nr = 2;	/* root and a 2 MiB table, no room for the 4 KiB one */
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(1), 3, &p, &root), -ENOMEM);
}

TEST(amdvi_dte_always_translates)
{
	u64 dte[4] = { ~0ULL, ~0ULL, ~0ULL, ~0ULL };

	vsm_amdvi_dte(dte, 0x123456000ULL, 3, 7);
	EXPECT(dte[0] & VSM_AMDVI_DTE_V);
	EXPECT(dte[0] & VSM_AMDVI_DTE_TV);
	EXPECT_EQ((dte[0] >> VSM_AMDVI_DTE_MODE_SHIFT) & 7, 3);
	EXPECT_EQ(dte[0] & VSM_AMDVI_ADDR_MASK, 0x123456000ULL);
	EXPECT_EQ(dte[1], 7);
	EXPECT_EQ(dte[2] | dte[3], 0);
}

/* An absent page's entry is not present, whatever else it says. */
TEST(amdvi_absent_entries_are_not_present_but_not_zero)
{
	u64 root, *leaf2m;

	setup();
	EXPECT_EQ(vsm_own_claim_secure(&t, MIB(40), MIB(2)), 0);
	EXPECT_EQ(vsm_amdvi_build_iopt(&t, GIB(1), 3, &p, &root), 0);
	leaf2m = table_at(table_at(root)[0] & VSM_AMDVI_ADDR_MASK);
	EXPECT_EQ(leaf2m[20], VSM_AMDVI_ABSENT);
	EXPECT(!(leaf2m[20] & VSM_AMDVI_PR));
	EXPECT(!(leaf2m[20] & (VSM_AMDVI_IR | VSM_AMDVI_IW)));
	EXPECT(leaf2m[21] & VSM_AMDVI_PR);
	/* Past the end (1 GiB and up): absent too. */
	EXPECT_EQ(table_at(root)[1], VSM_AMDVI_ABSENT);
}

TEST(amdvi_event_decode_io_page_fault)
{
	/* A write by 00:04.0 to 0x12345678, page present, domain 0x0203. */
	u64 e[2] = { 0x0020ULL | (0x03ULL << 16) | (0x02ULL << 32) |
		     ((u64)(VSM_AMDVI_EVF_RW | VSM_AMDVI_EVF_PR) << 48) |
		     ((u64)VSM_AMDVI_EV_IO_PAGE_FAULT << 60), 0x12345678ULL };
	struct vsm_amdvi_event ev;

	vsm_amdvi_event_decode(e, &ev);
	EXPECT_EQ(ev.code, VSM_AMDVI_EV_IO_PAGE_FAULT);
	EXPECT_EQ(ev.devid, 0x20);
	EXPECT_EQ(ev.flags, VSM_AMDVI_EVF_RW | VSM_AMDVI_EVF_PR);
	EXPECT_EQ(ev.domain, 0x00020003);
	EXPECT_EQ(ev.addr, 0x12345678ULL);
	EXPECT(ev.write);
	/* A read: RW clear. */
	e[0] &= ~((u64)VSM_AMDVI_EVF_RW << 48);
	vsm_amdvi_event_decode(e, &ev);
	EXPECT(!ev.write);
	/* Another event with the RW bit set is no write fault. */
	e[0] = (0x3ULL << 60) | ((u64)VSM_AMDVI_EVF_RW << 48) | 0xffff;
	vsm_amdvi_event_decode(e, &ev);
	EXPECT_EQ(ev.code, VSM_AMDVI_EV_DEV_TAB_HW_ERROR);
	EXPECT_EQ(ev.devid, 0xffff);
	EXPECT(!ev.write);
	/* An entry the IOMMU has not written yet. */
	e[0] = 0;
	e[1] = 0;
	vsm_amdvi_event_decode(e, &ev);
	EXPECT_EQ(ev.code, 0);
}

TEST(amdvi_commands_and_base_registers)
{
	u64 cmd[2];

	vsm_amdvi_cmd_wait(cmd, 0x123456789abcULL | 7, 0xfeed);
	EXPECT_EQ(cmd[0], 0x123456789ab8ULL | 1 | (1ULL << 60));
	EXPECT_EQ(cmd[1], 0xfeed);
	/* Bits 59:52 reserved: an address past 52 bits does not leak into them. */
	vsm_amdvi_cmd_wait(cmd, ~0ULL, 0);
	EXPECT_EQ((cmd[0] >> 52) & 0xff, 0);
	vsm_amdvi_cmd_inval_all(cmd);
	EXPECT_EQ(cmd[0], 8ULL << 60);
	EXPECT_EQ(cmd[1], 0);
	vsm_amdvi_cmd_inval_dte(cmd, 0xbeef);
	EXPECT_EQ(cmd[0], 0xbeefULL | (2ULL << 60));
	EXPECT_EQ(vsm_amdvi_ring_reg(0x40001000ULL | 0x123), 0x40001000ULL | (8ULL << 56));
	EXPECT_EQ(vsm_amdvi_devtab_reg(0x40200000ULL), 0x40200000ULL | 511);
	EXPECT_EQ(VSM_AMDVI_DEVTAB_PAGES, 512);
	EXPECT_EQ(VSM_AMDVI_RING_BYTES, (1 << VSM_AMDVI_RING_LOG2) * VSM_AMDVI_ENTRY_BYTES);
}
