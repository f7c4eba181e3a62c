// SPDX-License-Identifier: GPL-2.0
/*
 * libvsm name tables: every capability bit of the ABI has exactly one
 * stable, unique name, so `vsmctl info` can never silently drop one.
 */
#include <string.h>

#include "unit.h"
#include "libvsm.h"

/* Highest VSM_CAP_* bit defined in the ABI header. */
#define LAST_CAP_BIT 23

TEST(every_cap_bit_has_one_name)
{
	const struct vsm_cap_name *t;
	uint64_t seen = 0, all = (1ULL << (LAST_CAP_BIT + 1)) - 1;
	size_t n, i, j;

	t = vsm_cap_names(&n);
	EXPECT_EQ(n, LAST_CAP_BIT + 1);
	for (i = 0; i < n; i++) {
		EXPECT(t[i].bit && !(t[i].bit & (t[i].bit - 1)));
		EXPECT(!(seen & t[i].bit));
		seen |= t[i].bit;
		for (j = 0; j < i; j++)
			EXPECT(strcmp(t[i].name, t[j].name));
	}
	EXPECT_EQ(seen, all);
}

TEST(state_and_vendor_names)
{
	EXPECT(!strcmp(vsm_state_name(VSM_STATE_LOADED), "loaded"));
	EXPECT(!strcmp(vsm_state_name(VSM_STATE_PROTECTED), "protected"));
	EXPECT(!strcmp(vsm_state_name(VSM_STATE_LOCKED), "locked"));
	EXPECT(!strcmp(vsm_state_name(0), "unknown"));
	EXPECT(!strcmp(vsm_vendor_name(VSM_VENDOR_AMD), "amd"));
	EXPECT(!strcmp(vsm_vendor_name(VSM_VENDOR_INTEL), "intel"));
	EXPECT(!strcmp(vsm_vendor_name(99), "unknown"));
}
