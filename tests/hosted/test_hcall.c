// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall buffer checks: the secure world never reads or writes its own
 * memory, memory it does not map, a wrapped range or across a page, and
 * never writes a page the host may only read.
 */
#include "unit.h"
#include "../../kmod/common/hcall.h"

static struct vsm_own_table own;
static const struct vsm_hc_limits lim = {
	.physmap_end = 1ULL << 30,
	.own = &own,
};

/* The region at 0x3400000 (4 MiB), and host read-only text at 0x1000000. */
static void setup(void)
{
	vsm_own_init(&own);
	vsm_own_claim_secure(&own, 0x3400000, 0x400000);
	vsm_own_protect(&own, 0x1000000, 0x200000);
}

TEST(hcall_host_ram_excludes_the_region)
{
	setup();
	EXPECT(vsm_hc_host_ram(&lim, 0x1000, 8));
	EXPECT(vsm_hc_host_ram(&lim, 0x3400000 - 8, 8));
	EXPECT(!vsm_hc_host_ram(&lim, 0x3400000 - 8, 9));
	EXPECT(!vsm_hc_host_ram(&lim, 0x3400000, 1));
	EXPECT(!vsm_hc_host_ram(&lim, 0x37fffff, 1));
	EXPECT(vsm_hc_host_ram(&lim, 0x3800000, 4096));
	/* A range covering the whole region from outside. */
	EXPECT(!vsm_hc_host_ram(&lim, 0x3000000, 0x1000000));
	EXPECT(!vsm_hc_host_ram(&lim, (1ULL << 30) - 4, 8));
	EXPECT(!vsm_hc_host_ram(&lim, ~0ULL - 3, 8));
	/* Host read-only pages are readable. */
	EXPECT(vsm_hc_host_ram(&lim, 0x1000000, 4096));
}

TEST(hcall_buffer_rules)
{
	setup();
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 80), 0);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 0), -EINVAL);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 4097), -EINVAL);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10004, 80), -EFAULT);
	/* Spans: several pages are fine, the limits still hold. */
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f00, 20000, 20480, true), 0);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f00, 20481, 20480, true), -EINVAL);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f00, 0, 20480, false), -EINVAL);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f04, 64, 20480, false), -EFAULT);
	EXPECT_EQ(vsm_hc_check_span(&lim, ~0ULL - 63, 128, 20480, false), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10ff8, 16), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 4096), 0);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x3401000, 8), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 1ULL << 40, 8), -EFAULT);
}

/* The confused deputy: no output into a page the host may only read. */
TEST(hcall_no_output_into_host_read_only)
{
	setup();
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x1000000, 64), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x11ff000, 4096), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x1200000, 4096), 0);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0xfff000, 4096), 0);
	/* One byte into it, from either side. */
	EXPECT_EQ(vsm_hc_check_span(&lim, 0xfff000, 4097, 8192, true), -EFAULT);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x11ffff8, 16, 8192, true), -EFAULT);
	/* Read from it: allowed; written: not. */
	EXPECT_EQ(vsm_hc_check_span(&lim, 0xfff000, 8192, 8192, false), 0);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0xfff000, 8192, 8192, true), -EFAULT);
	/* Input overlapping the region: refused too. */
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x33ff000, 4097, 8192, false), -EFAULT);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x33ff000, 4096, 8192, false), 0);
	EXPECT(!vsm_hc_host_writable(&lim, 0x1100000, 1));
	EXPECT(vsm_hc_host_writable(&lim, 0x1200000, 1));
}
