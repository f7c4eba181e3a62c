// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the ioctl argument checks with arbitrary structures: no crash, and
 * whatever is accepted respects the documented rules.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/abi.h"

static void fill(void *dst, size_t dst_size, const uint8_t *data, size_t size)
{
	memset(dst, 0, dst_size);
	memcpy(dst, data, size < dst_size ? size : dst_size);
}

static void require(bool ok)
{
	if (!ok)
		abort();
}

static bool hdr_ok(const struct vsm_hdr *h, u32 min)
{
	return h->size >= min && h->size <= VSM_ARG_MAX_SIZE && !h->flags;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vsm_audit_read ar;
	struct vsm_stats st;
	struct vsm_info in;
	struct vsm_ping pg;
	struct vsm_lock lk;

	fill(&in, sizeof(in), data, size);
	if (!vsm_check_info_request(&in))
		require(hdr_ok(&in.hdr, VSM_INFO_SIZE_VER0) && !in.dma &&
			!in.nested_pages);
	fill(&st, sizeof(st), data, size);
	if (!vsm_check_stats_request(&st))
		require(hdr_ok(&st.hdr, VSM_STATS_SIZE_VER0) &&
			st.nr_cpus <= VSM_STATS_MAX_CPUS &&
			(!st.nr_cpus || st.cpus_ptr));
	fill(&pg, sizeof(pg), data, size);
	if (!vsm_check_ping_request(&pg))
		require(hdr_ok(&pg.hdr, VSM_PING_SIZE_VER0) && !(pg.value >> 63) &&
			!pg.reserved0);
	fill(&lk, sizeof(lk), data, size);
	if (!vsm_check_lock_request(&lk))
		require(hdr_ok(&lk.hdr, VSM_LOCK_SIZE_VER0) &&
			!(lk.reserved[0] | lk.reserved[1]));
	fill(&ar, sizeof(ar), data, size);
	if (!vsm_check_audit_read_request(&ar))
		require(hdr_ok(&ar.hdr, VSM_AUDIT_READ_SIZE_VER0) && ar.nr_records &&
			ar.nr_records <= VSM_AUDIT_READ_MAX && ar.records_ptr);
	return 0;
}
