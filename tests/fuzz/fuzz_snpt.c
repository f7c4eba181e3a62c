// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow nested paging on hostile L1 tables: the walk never reads outside
 * what the reader allows, a shadow entry never allows a write or a fetch
 * that L1's tables or vsm's own refuse, and the bounded pool holds it
 * (what was installed is what a lookup finds).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/paging.h"
#include "../../kmod/common/snpt.h"
#include "../../kmod/common/snpt_pool.h"

#define MEM (8 * 4096)
static u8 mem[MEM];

static int rd(void *ctx, u64 pa, void *buf, u32 len)
{
	(void)ctx;
	if (pa >= MEM || len > MEM - pa)
		return -EFAULT;
	memcpy(buf, mem + pa, len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const struct vsm_guest_mem l1 = { rd, NULL };
	struct vsm_snpt_leaf leaf;
	struct vsm_snpt_host host;
	u64 ncr3, l2, fault, sz, e;
	u32 access;

	if (size < 24)
		return 0;
	memcpy(&ncr3, data, 8);
	memcpy(&l2, data + 8, 8);
	access = data[16] & 3;
	memset(mem, 0, sizeof(mem));
	memcpy(mem, data + 24, size - 24 < MEM ? size - 24 : MEM);
	if (vsm_snpt_walk(&l1, ncr3 % MEM, l2, access, &leaf, &fault))
		return 0;
	if (leaf.size != 4096 && leaf.size != (2ULL << 20) && leaf.size != (1ULL << 30))
		abort();
	if (((access & VSM_SNPT_ACC_WRITE) && !leaf.write) ||
	    ((access & VSM_SNPT_ACC_FETCH) && !leaf.exec) || fault)
		abort();
	host.pa = leaf.l1_pa;
	host.present = data[17] & 1;
	host.write = data[17] & 2;
	host.size = 4096ULL << (9 * (data[18] % 3));
	e = vsm_snpt_entry(&leaf, l2, &host, &sz);
	if (!host.present && e)
		abort();
	if ((e & VSM_PTE_RW) && (!host.write || !leaf.write))
		abort();
	if (e && !leaf.exec && !(e & VSM_PTE_NX))
		abort();
	if (e && (sz > leaf.size || sz > host.size))
		abort();
	if (e) {
		static u8 pool_mem[4 * 4096] __aligned(4096);
		struct vsm_snpt_pool pool;
		u64 got, gsz;

		vsm_snpt_pool_init(&pool, pool_mem, 0x100000, 4);
		if (vsm_snpt_install(&pool, l2 & ~(sz - 1), e, sz))
			abort();
		got = vsm_snpt_lookup(&pool, l2, &gsz);
		if (got != e || gsz != sz || pool.used > pool.max)
			abort();
	}
	return 0;
}
