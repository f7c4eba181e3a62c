// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the hypercall buffer check with arbitrary limits, addresses and
 * lengths: an accepted buffer is aligned, in one page, below the end of
 * the host RAM map and entirely outside the secure region.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/hcall.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vsm_hc_limits lim;
	u64 v[5] = { 0 };
	u64 pa, len;

	memcpy(v, data, size < sizeof(v) ? size : sizeof(v));
	lim.physmap_end = v[0];
	lim.region_pa = v[1] & ~0xfffULL;
	lim.region_size = (v[2] % 64 + 1) << 21;
	if (lim.region_pa + lim.region_size < lim.region_pa)
		return 0;
	pa = v[3];
	len = v[4] % 8192;
	if (!vsm_hc_check_buffer(&lim, pa, len)) {
		if (!len || len > 4096 || (pa & 7) || (pa & 4095) + len > 4096)
			abort();
		if (pa + len < pa || pa + len > lim.physmap_end)
			abort();
		if (pa < lim.region_pa + lim.region_size && pa + len > lim.region_pa)
			abort();
	}
	return 0;
}
