// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow nested paging, the pure part: L1's nested tables walked as
 * hardware walks them (user walks, every page size, reserved bits), the
 * #NPF error code L1 would see, and shadow entries that never allow more
 * than L1's tables or vsm's own.
 */
#include <string.h>

#include "fake_ram.h"
#include "unit.h"
#include "../../kmod/common/paging.h"
#include "../../kmod/common/snpt.h"

#define MEM (16 * 4096)
static u8 l1mem[MEM] __aligned(4096);

static struct fake_ram fake = { l1mem, MEM };
static const struct vsm_guest_mem l1 = { fake_ram_read, &fake };

static void set(u64 table, unsigned int i, u64 v)
{
	fake_ram_set(&fake, table, i, v);
}

#define P	VSM_PTE_P
#define W	VSM_PTE_RW
#define U	VSM_PTE_US
#define PS	VSM_PTE_PS

/*
 * ncr3 0x1000 -> PDPT 0x2000 -> PD 0x3000 -> PT 0x4000.
 * L2 0x0000_0000 + 4 KiB page 5 -> L1 0x7_0000 (RW)
 * L2 0x0020_0000 (2 MiB) -> L1 0x4000_0000 (read-only)
 * L2 0x4000_0000 (1 GiB) -> L1 0x8000_0000, NX
 */
static void build(void)
{
	memset(l1mem, 0, sizeof(l1mem));
	set(0x1000, 0, 0x2000 | P | W | U);
	set(0x2000, 0, 0x3000 | P | W | U);
	set(0x2000, 1, 0x80000000ULL | P | W | U | PS | VSM_PTE_NX);
	set(0x3000, 0, 0x4000 | P | W | U);
	set(0x3000, 1, 0x40000000ULL | P | U | PS);
	set(0x4000, 5, 0x70000 | P | W | U);
	set(0x4000, 6, 0x71000 | P | W);		/* supervisor: a fault */
}

TEST(snpt_walk_page_sizes_and_permissions)
{
	struct vsm_snpt_leaf leaf;
	u64 fault;

	build();
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x5123, VSM_SNPT_ACC_WRITE, &leaf, &fault), 0);
	EXPECT_EQ(leaf.l1_pa, 0x70123);
	EXPECT_EQ(leaf.size, 4096);
	EXPECT(leaf.write && leaf.exec);
	EXPECT_EQ(fault, 0);
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x212345, 0, &leaf, &fault), 0);
	EXPECT_EQ(leaf.l1_pa, 0x40012345);
	EXPECT_EQ(leaf.size, 2ULL << 20);
	EXPECT(!leaf.write);
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x40000010, 0, &leaf, &fault), 0);
	EXPECT_EQ(leaf.l1_pa, 0x80000010ULL);
	EXPECT_EQ(leaf.size, 1ULL << 30);
	EXPECT(!leaf.exec);
}

TEST(snpt_walk_faults_as_hardware_reports_them)
{
	struct vsm_snpt_leaf leaf;
	u64 fault;

	build();
	/* not present: no P bit in the code */
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x9000, VSM_SNPT_ACC_WRITE, &leaf, &fault), -EFAULT);
	EXPECT_EQ(fault, VSM_SNPT_FAULT_USER | VSM_SNPT_FAULT_WRITE);
	/* write to a read-only 2 MiB page */
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x200000, VSM_SNPT_ACC_WRITE, &leaf, &fault),
		  -EFAULT);
	EXPECT_EQ(fault, VSM_SNPT_FAULT_PRESENT | VSM_SNPT_FAULT_USER | VSM_SNPT_FAULT_WRITE);
	/* fetch from NX */
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x40000000, VSM_SNPT_ACC_FETCH, &leaf, &fault),
		  -EFAULT);
	EXPECT_EQ(fault, VSM_SNPT_FAULT_PRESENT | VSM_SNPT_FAULT_USER | VSM_SNPT_FAULT_FETCH);
	/* a supervisor entry faults: nested walks are user walks */
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x6000, 0, &leaf, &fault), -EFAULT);
	EXPECT_EQ(fault, VSM_SNPT_FAULT_PRESENT | VSM_SNPT_FAULT_USER);
	/* reserved: a 2 MiB page with address bits below 2 MiB, high bits, PS in the PML4 */
	set(0x3000, 2, 0x40100000ULL | P | U | PS);
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x400000, 0, &leaf, &fault), -EFAULT);
	EXPECT(fault & VSM_SNPT_FAULT_RSVD);
	set(0x4000, 7, 0x0008000000070000ULL | P | U);
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x7000, 0, &leaf, &fault), -EFAULT);
	EXPECT(fault & VSM_SNPT_FAULT_RSVD);
	set(0x1000, 1, P | U | PS);
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 1ULL << 39, 0, &leaf, &fault), -EFAULT);
	EXPECT(fault & VSM_SNPT_FAULT_RSVD);
	/* a table outside what the reader allows */
	set(0x4000, 8, 0);
	set(0x3000, 3, 0x7fff0000ULL | P | W | U);
	EXPECT_EQ(vsm_snpt_walk(&l1, 0x1000, 0x600000, 0, &leaf, &fault), -EIO);
}

TEST(snpt_entry_never_allows_more_than_either)
{
	struct vsm_snpt_leaf leaf = { .l1_pa = 0x40012345, .size = 2ULL << 20,
				       .write = true, .exec = false };
	struct vsm_snpt_host host = { .pa = 0x40012345, .present = true, .write = true,
				      .size = 1ULL << 30 };
	u64 size, e;

	e = vsm_snpt_entry(&leaf, 0x212345, &host, &size);
	EXPECT_EQ(size, 2ULL << 20);
	EXPECT_EQ(e, 0x40000000ULL | P | U | W | PS | VSM_PTE_NX);
	/* the host's own map is read-only there (kernel text): no write */
	host.write = false;
	host.size = 4096;
	e = vsm_snpt_entry(&leaf, 0x212345, &host, &size);
	EXPECT_EQ(size, 4096);
	EXPECT_EQ(e, 0x40012000ULL | P | U | VSM_PTE_NX);
	/* the secure region: no entry at all */
	host.present = false;
	EXPECT_EQ(vsm_snpt_entry(&leaf, 0x212345, &host, &size), 0);
	EXPECT_EQ(size, 0);
	/* an answer for another address is not used */
	host.present = true;
	host.pa = 0x40013000;
	EXPECT_EQ(vsm_snpt_entry(&leaf, 0x212345, &host, &size), 0);
}
