// SPDX-License-Identifier: GPL-2.0
/*
 * Guest page walks and intercepted-instruction lengths.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/insn.h"
#include "../../kmod/common/paging.h"

#define MEM_SIZE (64 * 4096)

static u8 guest[MEM_SIZE] __aligned(4096);

static int read_guest(void *ctx, u64 gpa, void *buf, u32 len)
{
	(void)ctx;
	if (gpa >= MEM_SIZE || len > MEM_SIZE - gpa)
		return -EFAULT;
	memcpy(buf, guest + gpa, len);
	return 0;
}

static const struct vsm_guest_mem mem = { .read = read_guest };

static void set_pte(u64 table, unsigned int idx, u64 val)
{
	memcpy(guest + table + idx * 8, &val, 8);
}

/*
 * Guest tables: PML4 at 0x1000; kernel VA 0xffffffff81000000 mapped by
 * 4 KiB pages 0x10000 (first) and 0x11000 (second); VA 0x40000000 by a
 * 1 GiB page at 0; VA 0x200000 by a 2 MiB page at 0.
 */
static void build_guest(void)
{
	u64 va = 0xffffffff81000000ULL;

	memset(guest, 0, sizeof(guest));
	set_pte(0x1000, (va >> 39) & 511, 0x2000 | VSM_PTE_P);
	set_pte(0x2000, (va >> 30) & 511, 0x3000 | VSM_PTE_P);
	set_pte(0x3000, (va >> 21) & 511, 0x4000 | VSM_PTE_P);
	set_pte(0x4000, (va >> 12) & 511, 0x10000 | VSM_PTE_P);
	set_pte(0x4000, ((va >> 12) & 511) + 1, 0x11000 | VSM_PTE_P);
	set_pte(0x1000, 0, 0x5000 | VSM_PTE_P);
	set_pte(0x5000, 1, 0 | VSM_PTE_P | VSM_PTE_PS);
	set_pte(0x5000, 0, 0x6000 | VSM_PTE_P);
	set_pte(0x6000, 1, 0 | VSM_PTE_P | VSM_PTE_PS);
}

TEST(guest_translate_all_page_sizes)
{
	u64 gpa;

	build_guest();
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000 | 0x5, 0xffffffff81000123ULL, &gpa), 0);
	EXPECT_EQ(gpa, 0x10123);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0xffffffff81001ff0ULL, &gpa), 0);
	EXPECT_EQ(gpa, 0x11ff0);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0x40000000ULL + 0x1234, &gpa), 0);
	EXPECT_EQ(gpa, 0x1234);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0x200000ULL + 0x77, &gpa), 0);
	EXPECT_EQ(gpa, 0x77);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0xffffffff81002000ULL, &gpa), -EFAULT);
	/* A table pointing outside readable memory. */
	set_pte(0x1000, 5, 0x7ffff000 | VSM_PTE_P);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 5ULL << 39, &gpa), -EFAULT);
	/* A PS bit in the PML4 is not a 512 GiB page. */
	set_pte(0x1000, 6, 0x0 | VSM_PTE_P | VSM_PTE_PS);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 6ULL << 39, &gpa), -EFAULT);
}

TEST(guest_fetch_across_pages)
{
	u8 buf[4];

	build_guest();
	guest[0x10ffe] = 0x0f;
	guest[0x10fff] = 0x01;
	guest[0x11000] = 0xd9;
	guest[0x11001] = 0x90;
	EXPECT_EQ(vsm_guest_fetch(&mem, 0x1000, 0xffffffff81000ffeULL, buf, 4), 0);
	EXPECT_EQ(buf[0], 0x0f);
	EXPECT_EQ(buf[2], 0xd9);
	EXPECT_EQ(buf[3], 0x90);
	EXPECT_EQ(vsm_guest_fetch(&mem, 0x1000, 0xffffffff81001ffeULL, buf, 4), -EFAULT);
}

TEST(insn_length_with_prefixes)
{
	static const u8 cpuid[] = { 0x0f, 0xa2 };
	static const u8 vmmcall[] = { 0x0f, 0x01, 0xd9 };
	static const u8 plain[] = { 0x0f, 0xa2, 0x90 };
	static const u8 prefixed[] = { 0x66, 0x2e, 0x48, 0x0f, 0xa2 };
	static const u8 rex_not_last[] = { 0x48, 0x66, 0x0f, 0xa2 };
	static const u8 call[] = { 0x0f, 0x01, 0xd9 };
	static const u8 other[] = { 0x0f, 0x01, 0xd8 };
	u8 long_run[16];

	EXPECT_EQ(vsm_insn_length(plain, 3, cpuid, 2), 2);
	EXPECT_EQ(vsm_insn_length(prefixed, 5, cpuid, 2), 5);
	EXPECT_EQ(vsm_insn_length(rex_not_last, 4, cpuid, 2), -EINVAL);
	EXPECT_EQ(vsm_insn_length(call, 3, vmmcall, 3), 3);
	EXPECT_EQ(vsm_insn_length(other, 3, vmmcall, 3), -EINVAL);
	EXPECT_EQ(vsm_insn_length(plain, 1, cpuid, 2), -EINVAL);
	/* More than 15 bytes is not an instruction. */
	memset(long_run, 0x66, sizeof(long_run));
	long_run[14] = 0x0f;
	long_run[15] = 0xa2;
	EXPECT_EQ(vsm_insn_length(long_run, 16, cpuid, 2), -EINVAL);
	long_run[13] = 0x0f;
	long_run[14] = 0xa2;
	EXPECT_EQ(vsm_insn_length(long_run, 16, cpuid, 2), 15);
}

TEST(io_insn_lengths)
{
	static const u8 out_imm[] = { 0xe6, 0x64 };
	static const u8 out_dx[] = { 0xee };
	static const u8 out_dx16[] = { 0x66, 0xef };
	static const u8 in_imm[] = { 0xe4, 0x64 };
	static const u8 in_dx32[] = { 0xed };
	static const u8 cut[] = { 0xe6 };
	static const u8 nop[] = { 0x90, 0xee };

	EXPECT_EQ(vsm_io_insn_length(out_imm, 2, false), 2);
	EXPECT_EQ(vsm_io_insn_length(out_dx, 1, false), 1);
	EXPECT_EQ(vsm_io_insn_length(out_dx16, 2, false), 2);
	EXPECT_EQ(vsm_io_insn_length(in_imm, 2, true), 2);
	EXPECT_EQ(vsm_io_insn_length(in_dx32, 1, true), 1);
	/* Direction must match what the exit said. */
	EXPECT_EQ(vsm_io_insn_length(out_dx, 1, true), -EINVAL);
	EXPECT_EQ(vsm_io_insn_length(in_imm, 2, false), -EINVAL);
	EXPECT_EQ(vsm_io_insn_length(cut, 1, false), -EINVAL);
	EXPECT_EQ(vsm_io_insn_length(nop, 2, false), -EINVAL);
}

TEST(io_reset_writes)
{
	EXPECT(vsm_io_resets_machine(0xcf9, 0x06, 1));
	EXPECT(vsm_io_resets_machine(0xcf9, 0x0e, 1));
	EXPECT(vsm_io_resets_machine(0xcf9, 0x04, 1));
	EXPECT(!vsm_io_resets_machine(0xcf9, 0x02, 1));
	EXPECT(vsm_io_resets_machine(0x64, 0xfe, 1));
	EXPECT(!vsm_io_resets_machine(0x64, 0xd1, 1));
	EXPECT(!vsm_io_resets_machine(0x60, 0xfe, 1));
	EXPECT(!vsm_io_resets_machine(0x80, 0x06, 1));
	/* PCI configuration address writes span 0xCF9 but do not reset. */
	EXPECT(!vsm_io_resets_machine(0xcf9, 0x06, 2));
	EXPECT(!vsm_io_resets_machine(0xcf8, 0x80000604, 4));
}
