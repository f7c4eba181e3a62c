// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the hypercall buffer check with arbitrary limits, addresses and
 * lengths: an accepted output buffer is aligned, in one page, below the
 * end of the host RAM map and entirely outside the secure region and the
 * host read-only pages.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/hcall.h"
#include "../../kmod/common/own.h"

static struct vsm_own_table own;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vsm_hc_limits lim = { .own = &own };
	u64 v[7] = { 0 };
	u64 pa, len, region_pa, region_size, ro_pa, ro_size;

	memcpy(v, data, size < sizeof(v) ? size : sizeof(v));
	lim.physmap_end = v[0];
	region_pa = v[1] & ~0xfffULL;
	region_size = (v[2] % 64 + 1) << 21;
	ro_pa = v[5] & ~0xfffULL;
	ro_size = (v[6] % 1024 + 1) << 12;
	if (region_pa + region_size < region_pa)
		return 0;
	vsm_own_init(&own);
	if (vsm_own_claim_secure(&own, region_pa, region_size))
		abort();
	/* Host read-only pages, unless they overlap the region (refused). */
	if (vsm_own_protect(&own, ro_pa, ro_size))
		ro_size = 0;
	pa = v[3];
	len = v[4] % 8192;
	if (!vsm_hc_check_buffer(&lim, pa, len)) {
		if (!len || len > 4096 || (pa & 7) || (pa & 4095) + len > 4096)
			abort();
		if (pa + len < pa || pa + len > lim.physmap_end)
			abort();
		if (pa < region_pa + region_size && pa + len > region_pa)
			abort();
		if (pa < ro_pa + ro_size && pa + len > ro_pa)
			abort();
	}
	return 0;
}
