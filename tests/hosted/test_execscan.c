// SPDX-License-Identifier: GPL-2.0
/*
 * The executable-mapping walk: only supervisor-executable leaves of the
 * kernel half, at every page size; NX or U/S anywhere on the way hides a
 * leaf; unreadable tables are reported.
 */
#include <string.h>

#include "fake_ram.h"
#include "unit.h"
#include "../../kmod/common/execscan.h"
#include "../../kmod/common/paging.h"

#define MEM (32 * 4096)
static u8 ram[MEM] __aligned(4096);

static struct fake_ram fake = { ram, MEM };

static void set(u64 table, unsigned int i, u64 v)
{
	fake_ram_set(&fake, table, i, v);
}

struct seen {
	u64 va[8], pa[8], size[8];
	int n;
};

static void visit(void *ctx, u64 va, u64 pa, u64 size)
{
	struct seen *s = ctx;

	if (s->n < 8) {
		s->va[s->n] = va;
		s->pa[s->n] = pa;
		s->size[s->n] = size;
	}
	s->n++;
}

TEST(exec_scan_finds_supervisor_executable_leaves)
{
	const struct vsm_guest_mem mem = { fake_ram_read, &fake };
	const u64 P = VSM_PTE_P, W = VSM_PTE_RW, US = VSM_PTE_US, PS = VSM_PTE_PS;
	struct seen s = { .n = 0 };

	memset(ram, 0, sizeof(ram));
	/* PML4 at 0x1000: slot 511 (kernel) -> PDPT 0x2000; slot 0 (user) -> 0x5000 */
	set(0x1000, 511, 0x2000 | P | W);
	set(0x1000, 0, 0x5000 | P | W | US);
	set(0x1000, 300, 0x6000 | P | W | VSM_PTE_NX);	/* NX above: nothing below counts */
	/* PDPT slot 510 -> PD 0x3000; slot 2: a 1 GiB executable page */
	set(0x2000, 510, 0x3000 | P | W);
	set(0x2000, 2, 0x40000000 | P | PS);
	/* PD: slot 8 a 2 MiB exec page; slot 9 -> PT 0x4000; slot 10 NX 2 MiB */
	set(0x3000, 8, 0x1000000 | P | PS);
	set(0x3000, 9, 0x4000 | P | W);
	set(0x3000, 10, 0x1400000 | P | PS | VSM_PTE_NX);
	/* PT: slot 0 exec 4 KiB, slot 1 NX, slot 2 a user page (U/S all the way? no: PD is not) */
	set(0x4000, 0, 0x7000 | P);
	set(0x4000, 1, 0x8000 | P | VSM_PTE_NX);
	set(0x4000, 2, 0x9000 | P | US);
	/* the user half's executable page is never looked at */
	set(0x5000, 0, 0x40000000 | P | PS | US);
	set(0x6000, 0, 0x80000000 | P | PS);

	EXPECT_EQ(vsm_exec_scan(&mem, 0x1000, visit, &s), 4);
	EXPECT_EQ(s.n, 4);
	/* in walk order: the 1 GiB page, the 2 MiB page, the two 4 KiB pages */
	EXPECT_EQ(s.va[0], 0xffffff8080000000ULL);
	EXPECT_EQ(s.size[0], 1ULL << 30);
	EXPECT_EQ(s.pa[1], 0x1000000);
	EXPECT_EQ(s.size[1], 2ULL << 20);
	EXPECT_EQ(s.va[1], 0xffffffff81000000ULL);
	EXPECT_EQ(s.pa[2], 0x7000);
	EXPECT_EQ(s.va[2], 0xffffffff81200000ULL);
	EXPECT_EQ(s.size[2], 4096);
	/* U/S on the leaf alone does not make a user page: the PD says kernel */
	EXPECT_EQ(s.pa[3], 0x9000);
}

TEST(exec_scan_reports_unreadable_tables)
{
	const struct vsm_guest_mem mem = { fake_ram_read, &fake };
	struct seen s = { .n = 0 };

	memset(ram, 0, sizeof(ram));
	set(0x1000, 511, 0x7fff0000ULL | VSM_PTE_P);	/* a table outside RAM */
	EXPECT_EQ(vsm_exec_scan(&mem, 0x1000, visit, &s), -EFAULT);
	EXPECT_EQ(s.n, 0);
}
