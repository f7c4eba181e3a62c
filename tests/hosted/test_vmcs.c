// SPDX-License-Identifier: GPL-2.0
/*
 * Intel VMX helpers: control words from capability MSRs, access rights in
 * VMCS layout, the MSR bitmap.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/vmx/vmcs.h"

TEST(vmx_controls_keep_must_be_one_and_drop_unsupported)
{
	/* must be 1: bits 1, 2; may be 1: bits 1, 2, 4, 31 */
	u64 cap = ((u64)(0x80000016U) << 32) | 0x6;
	u32 out;

	EXPECT_EQ(vmx_adjust_controls(VSM_BIT(31) | VSM_BIT(8), VSM_BIT(31), cap, &out), 0);
	EXPECT_EQ(out, VSM_BIT(31) | 0x6);	/* bit 8 dropped, 1 and 2 forced */
	EXPECT_EQ(vmx_adjust_controls(VSM_BIT(8), VSM_BIT(8), cap, &out), -EOPNOTSUPP);
	EXPECT_EQ(vmx_adjust_controls(0, 0, cap, &out), 0);
	EXPECT_EQ(out, 0x6);
}

TEST(vmx_segment_access_rights)
{
	/* 64-bit kernel code: type b, S, P, L (VMCB layout a9b) */
	EXPECT_EQ(vmx_segment_ar(0x10, 0xa9b), 0xa09b);
	/* a busy 64-bit TSS: type b, P */
	EXPECT_EQ(vmx_segment_ar(0x40, 0x08b), 0x008b);
	/* a null selector is unusable, whatever the attributes */
	EXPECT_EQ(vmx_segment_ar(0, 0xc93), VMX_AR_UNUSABLE);
	EXPECT_EQ(vmx_segment_ar(3, 0xc93), VMX_AR_UNUSABLE);
	EXPECT_EQ(vmx_segment_ar(0x18, 0), VMX_AR_UNUSABLE);
}

TEST(vmx_msr_bitmap_quarters)
{
	static u8 bitmap[4096];

	memset(bitmap, 0, sizeof(bitmap));
	EXPECT(vmx_msr_bitmap_intercept(bitmap, 0x174, false, true));
	EXPECT_EQ(bitmap[2048 + 0x174 / 8], 1U << (0x174 % 8));
	EXPECT_EQ(bitmap[0x174 / 8], 0);
	EXPECT(vmx_msr_bitmap_intercept(bitmap, 0xc0000082, true, true));
	EXPECT_EQ(bitmap[1024 + 0x82 / 8], 1U << (0x82 % 8));
	EXPECT_EQ(bitmap[3072 + 0x82 / 8], 1U << (0x82 % 8));
	EXPECT(!vmx_msr_bitmap_intercept(bitmap, 0xc0010117, true, true));
	EXPECT(!vmx_msr_bitmap_intercept(bitmap, 0x2000, true, true));
}
