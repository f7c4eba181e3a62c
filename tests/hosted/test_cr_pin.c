// SPDX-License-Identifier: GPL-2.0
/*
 * The CR0 and CR4 policy of a pinned host.
 */
#include "unit.h"
#include "../../kmod/common/cr_pin.h"

#define LINUX_CR0	(X86_CR0_PE | X86_CR0_MP | X86_CR0_ET | X86_CR0_NE | \
			 X86_CR0_WP | X86_CR0_AM | X86_CR0_PG)
#define LINUX_CR4	(X86_CR4_DE | X86_CR4_PSE | X86_CR4_PAE | X86_CR4_MCE | \
			 X86_CR4_PGE | X86_CR4_UMIP | X86_CR4_SMEP | X86_CR4_SMAP | \
			 VSM_BIT64(9) | VSM_BIT64(10) | VSM_BIT64(16) | VSM_BIT64(18))

static int cr0(u64 val, struct vsm_cr_write *w)
{
	w->old = LINUX_CR0;
	w->val = val;
	w->pinned = LINUX_CR0 & VSM_CR0_PINNABLE;
	return vsm_cr0_write(w);
}

static int cr4(u64 val, struct vsm_cr_write *w)
{
	w->old = LINUX_CR4;
	w->val = val;
	w->pinned = LINUX_CR4 & VSM_CR4_PINNABLE;
	return vsm_cr4_write(w);
}

TEST(cr0_pinned_bits_stay_set)
{
	struct vsm_cr_write w;

	EXPECT_EQ(cr0(LINUX_CR0 & ~X86_CR0_WP, &w), VSM_CR_IGNORE);
	EXPECT_EQ(cr0(LINUX_CR0 & ~X86_CR0_PG, &w), VSM_CR_IGNORE);
	/* the same value, and an unpinned change (cache disable), go through */
	EXPECT_EQ(cr0(LINUX_CR0, &w), VSM_CR_WRITE);
	EXPECT_EQ(w.result, LINUX_CR0);
	EXPECT(!w.flush);
	EXPECT_EQ(cr0(LINUX_CR0 | X86_CR0_CD, &w), VSM_CR_WRITE);
	EXPECT(w.flush);
	EXPECT_EQ(cr0(LINUX_CR0 & ~X86_CR0_AM, &w), VSM_CR_WRITE);
	EXPECT(!w.flush);
	/* ET always reads as one */
	EXPECT_EQ(cr0(LINUX_CR0 & ~X86_CR0_ET, &w), VSM_CR_WRITE);
	EXPECT_EQ(w.result, LINUX_CR0);
}

TEST(cr0_invalid_writes_fault)
{
	struct vsm_cr_write w;

	EXPECT_EQ(cr0(LINUX_CR0 | VSM_BIT64(32), &w), VSM_CR_FAULT);
	EXPECT_EQ(cr0(LINUX_CR0 | X86_CR0_NW, &w), VSM_CR_FAULT);
	EXPECT_EQ(cr0((LINUX_CR0 & ~X86_CR0_PE) | X86_CR0_PG, &w), VSM_CR_FAULT);
}

TEST(cr4_hardening_bits_stay_set)
{
	struct vsm_cr_write w;

	EXPECT_EQ(cr4(LINUX_CR4 & ~X86_CR4_SMEP, &w), VSM_CR_IGNORE);
	EXPECT_EQ(cr4(LINUX_CR4 & ~X86_CR4_SMAP, &w), VSM_CR_IGNORE);
	EXPECT_EQ(cr4(LINUX_CR4 & ~X86_CR4_UMIP, &w), VSM_CR_IGNORE);
	EXPECT_EQ(cr4(LINUX_CR4 & ~(X86_CR4_SMEP | X86_CR4_TSD), &w), VSM_CR_IGNORE);
	/* PAE is pinned, so clearing it is ignored rather than a #GP */
	EXPECT_EQ(cr4(LINUX_CR4 & ~X86_CR4_PAE, &w), VSM_CR_IGNORE);
}

TEST(cr4_pge_clear_is_a_flush)
{
	struct vsm_cr_write w;

	EXPECT_EQ(cr4(LINUX_CR4 & ~X86_CR4_PGE, &w), VSM_CR_WRITE);
	EXPECT_EQ(w.result, LINUX_CR4);
	EXPECT(w.flush);
	EXPECT_EQ(cr4(LINUX_CR4, &w), VSM_CR_WRITE);
	EXPECT(!w.flush);
}

TEST(cr4_unpinned_toggles_and_new_features)
{
	struct vsm_cr_write w;

	EXPECT_EQ(cr4(LINUX_CR4 | X86_CR4_TSD, &w), VSM_CR_WRITE);
	EXPECT_EQ(w.result, LINUX_CR4 | X86_CR4_TSD);
	EXPECT(w.flush);
	EXPECT_EQ(cr4(LINUX_CR4 | X86_CR4_PCE, &w), VSM_CR_WRITE);
	EXPECT_EQ(cr4(LINUX_CR4 & ~X86_CR4_DE, &w), VSM_CR_WRITE);
	/* a feature not enabled before the pin, or reserved bits: #GP */
	EXPECT_EQ(cr4(LINUX_CR4 | X86_CR4_PCIDE, &w), VSM_CR_FAULT);
	EXPECT_EQ(cr4(LINUX_CR4 | VSM_BIT64(13), &w), VSM_CR_FAULT);
	EXPECT_EQ(cr4(LINUX_CR4 | VSM_BIT64(40), &w), VSM_CR_FAULT);
	EXPECT_EQ(cr4(LINUX_CR4 | X86_CR4_LA57, &w), VSM_CR_FAULT);
}

TEST(cr4_unpinned_cpu_keeps_architecture_rules)
{
	struct vsm_cr_write w = { .old = LINUX_CR4, .pinned = 0 };

	w.val = LINUX_CR4 & ~X86_CR4_PAE;
	EXPECT_EQ(vsm_cr4_write(&w), VSM_CR_FAULT);
	w.val = LINUX_CR4 & ~X86_CR4_SMEP;
	EXPECT_EQ(vsm_cr4_write(&w), VSM_CR_WRITE);
}
