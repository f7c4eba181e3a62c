// SPDX-License-Identifier: GPL-2.0
/*
 * Jump-label sites: sizes as Linux decides them, the states a site may
 * pass through while text_poke_bp() switches it, and lookup.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/textpatch.h"

static const u8 nop5[] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

TEST(patch_site_five_byte_states)
{
	struct vsm_patch_site s;
	/* code at 0x1000, target 0x1105: disp 0x100 from the end of the jump */
	u8 jmp[5] = { 0xe9, 0x00, 0x01, 0x00, 0x00 }, b[5];

	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x1105, nop5, 5), 0);
	EXPECT_EQ(s.size, 5);
	EXPECT_EQ(s.disp, 0x100);
	EXPECT(vsm_patch_site_valid(&s, nop5));
	EXPECT(vsm_patch_site_valid(&s, jmp));
	memcpy(b, nop5, 5);
	b[0] = 0xcc;				/* step 1 of enabling */
	EXPECT(vsm_patch_site_valid(&s, b));
	memcpy(b + 1, jmp + 1, 4);		/* step 2 */
	EXPECT(vsm_patch_site_valid(&s, b));
	b[0] = 0xe9;				/* step 3 */
	EXPECT(vsm_patch_site_valid(&s, b));
	/* a jump elsewhere, a NOP head with a JMP tail, other bytes: no */
	jmp[1] = 0x01;
	EXPECT(!vsm_patch_site_valid(&s, jmp));
	memcpy(b, nop5, 1);
	memcpy(b + 1, jmp + 1, 4);
	EXPECT(!vsm_patch_site_valid(&s, b));
	b[0] = 0x0f;
	b[1] = 0x1f;
	b[2] = 0x44;
	b[3] = 0x00;
	b[4] = 0x01;
	EXPECT(!vsm_patch_site_valid(&s, b));
	memset(b, 0x90, 5);
	EXPECT(!vsm_patch_site_valid(&s, b));
	/* the JMP head on the NOP tail is not a state either */
	memcpy(b, nop5, 5);
	b[0] = 0xe9;
	EXPECT(!vsm_patch_site_valid(&s, b));
}

TEST(patch_site_two_byte_and_init_checks)
{
	static const u8 nop2[] = { 0x66, 0x90, 0xff, 0xff, 0xff };
	static const u8 jmp8[] = { 0xeb, 0x10, 0xff, 0xff, 0xff };
	struct vsm_patch_site s;
	u8 b[2] = { 0xcc, 0x10 };

	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x1012, nop2, 5), 0);
	EXPECT_EQ(s.size, 2);
	EXPECT_EQ(s.disp, 0x10);
	EXPECT(vsm_patch_site_valid(&s, jmp8));
	EXPECT(vsm_patch_site_valid(&s, b));
	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x1012, jmp8, 5), 0);
	/* a short site whose target is out of reach, a site mid-patch, junk */
	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x2000, nop2, 5), -EINVAL);
	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x1012, b, 2), -EINVAL);
	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x1105, (const u8 *)"\x90\x90\x90\x90\x90", 5),
		  -EINVAL);
	EXPECT_EQ(vsm_patch_site_init(&s, 0x9000, 0x1000, 0x1105, nop5, 4), -EINVAL);
}

TEST(patch_sites_sort_and_find)
{
	struct vsm_patch_site s[5] = {
		{ .pa = 0x3000, .size = 5 }, { .pa = 0x1000, .size = 5 },
		{ .pa = 0x2000, .size = 2 }, { .pa = 0x1000, .size = 5 },
		{ .pa = 0x2001, .size = 5 },	/* overlaps 0x2000: both go */
	};
	u32 n = vsm_patch_sites_sort(s, 5);

	EXPECT_EQ(n, 2);
	EXPECT_EQ(s[0].pa, 0x1000);
	EXPECT_EQ(s[1].pa, 0x3000);
	EXPECT_EQ(vsm_patch_site_find(s, n, 0x1000), 0);
	EXPECT_EQ(vsm_patch_site_find(s, n, 0x1004), 0);
	EXPECT_EQ(vsm_patch_site_find(s, n, 0x1005), -1);
	EXPECT_EQ(vsm_patch_site_find(s, n, 0x3002), 1);
	EXPECT_EQ(vsm_patch_site_find(s, n, 0x2000), -1);
	EXPECT_EQ(vsm_patch_site_find(s, n, 0), -1);
}

TEST(static_call_states)
{
	/* kernel text at VA 0xffffffff81000000 = PA 0x1000000; modules above */
	const struct vsm_code_ranges code = {
		.va_minus_pa = 0xffffffff80000000ULL,
		.text_va = 0xffffffff81000000ULL, .text_va_end = 0xffffffff82000000ULL,
		.modules_va = 0xffffffffa0000000ULL, .modules_va_end = 0xffffffffff000000ULL,
	};
	/* a site at VA 0xffffffff81100000: CALL +0x1000 (into the text) */
	u8 call[5] = { 0xe8, 0x00, 0x10, 0x00, 0x00 };
	u8 jmp_mod[5] = { 0xe9, 0, 0, 0, 0 };
	u8 b[5];
	struct vsm_patch_site s;
	s32 rel = (s32)(0xffffffffa0001000ULL - (0xffffffff81100000ULL + 5));

	EXPECT_EQ(vsm_static_call_site_init(&s, 0x1100000, call, &code), 0);
	EXPECT_EQ(s.kind, VSM_PATCH_STATIC_CALL);
	EXPECT(vsm_patch_site_valid_in(&s, call, &code));
	memcpy(jmp_mod + 1, &rel, 4);
	EXPECT(vsm_patch_site_valid_in(&s, jmp_mod, &code));	/* a module's function */
	EXPECT(vsm_patch_site_valid_in(&s, nop5, &code));
	EXPECT(vsm_patch_site_valid_in(&s, (const u8 *)"\xc3\xcc\xcc\xcc\xcc", &code));
	memcpy(b, call, 5);
	b[0] = 0xcc;
	EXPECT(vsm_patch_site_valid_in(&s, b, &code));		/* mid-switch */
	/* a call into data (the direct map), or outside any code: no */
	rel = (s32)(0xffff888000001000ULL - (0xffffffff81100000ULL + 5));
	memcpy(b, call, 5);
	memcpy(b + 1, &rel, 4);
	EXPECT(!vsm_patch_site_valid_in(&s, b, &code));
	b[0] = 0xe9;
	EXPECT(!vsm_patch_site_valid_in(&s, b, &code));
	EXPECT(!vsm_patch_site_valid_in(&s, (const u8 *)"\xc3\x90\x90\x90\x90", &code));
	EXPECT(!vsm_patch_site_valid_in(&s, (const u8 *)"\xeb\x10\x0f\x1f\x00", &code));
	/* without ranges no call is allowed; a site mid-switch is not taken */
	EXPECT(!vsm_patch_site_valid_in(&s, call, NULL));
	b[0] = 0xcc;
	EXPECT_EQ(vsm_static_call_site_init(&s, 0x1100000, b, &code), -EINVAL);
}
