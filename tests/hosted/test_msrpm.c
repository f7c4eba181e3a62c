// SPDX-License-Identifier: GPL-2.0
/*
 * SVM MSR permission map bit positions (AMD APM vol. 2, "MSR Intercepts").
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/svm/vmcb.h"

TEST(msrpm_bit_positions)
{
	static u8 map[SVM_MSRPM_SIZE];

	memset(map, 0, sizeof(map));
	EXPECT(svm_msrpm_intercept(map, 0xc0000080, false, true));	/* EFER */
	EXPECT_EQ(map[0x820], 0x02);
	EXPECT(svm_msrpm_intercept(map, 0xc0010114, true, true));	/* VM_CR */
	EXPECT(svm_msrpm_intercept(map, 0xc0010117, true, false));	/* HSAVE */
	EXPECT_EQ(map[0x1045], 0x43);
	EXPECT(svm_msrpm_intercept(map, 0x00000010, true, false));	/* TSC */
	EXPECT_EQ(map[0x4], 0x01);
	EXPECT(svm_msrpm_intercept(map, 0x00001fff, false, true));
	EXPECT_EQ(map[0x7ff], 0x80);
	EXPECT(!svm_msrpm_intercept(map, 0x00002000, true, true));
	EXPECT(!svm_msrpm_intercept(map, 0xc0012000, true, true));
	EXPECT(!svm_msrpm_intercept(map, 0x40000000, true, true));
}
