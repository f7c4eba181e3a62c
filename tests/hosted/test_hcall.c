// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall buffer checks: the secure world never writes its own memory,
 * memory it does not map, a wrapped range or across a page.
 */
#include "unit.h"
#include "../../kmod/common/hcall.h"

static const struct vsm_hc_limits lim = {
	.physmap_end = 1ULL << 30,
	.region_pa = 0x3400000,
	.region_size = 0x400000,
};

TEST(hcall_host_ram_excludes_the_region)
{
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
}

TEST(hcall_buffer_rules)
{
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 80), 0);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 0), -EINVAL);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 4097), -EINVAL);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10004, 80), -EFAULT);
	/* Spans: several pages are fine, the limits still hold. */
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f00, 20000, 20480), 0);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f00, 20481, 20480), -EINVAL);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f00, 0, 20480), -EINVAL);
	EXPECT_EQ(vsm_hc_check_span(&lim, 0x10f04, 64, 20480), -EFAULT);
	EXPECT_EQ(vsm_hc_check_span(&lim, ~0ULL - 63, 128, 20480), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10ff8, 16), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x10000, 4096), 0);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 0x3401000, 8), -EFAULT);
	EXPECT_EQ(vsm_hc_check_buffer(&lim, 1ULL << 40, 8), -EFAULT);
}
