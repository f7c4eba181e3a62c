// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the ioctl argument checks with arbitrary structures: no crash, and
 * whatever is accepted respects the documented rules.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/abi.h"

#define CHECK(type, fn, extra)						\
	do {								\
		type a;							\
		memset(&a, 0, sizeof(a));				\
		memcpy(&a, data, size < sizeof(a) ? size : sizeof(a));	\
		if (!fn(&a)) {						\
			if (a.hdr.size > VSM_ARG_MAX_SIZE || a.hdr.flags) \
				abort();				\
			extra;						\
		}							\
	} while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	CHECK(struct vsm_info, vsm_check_info_request,
	      if (a.reserved0 || a.reserved1 || a.hdr.size < VSM_INFO_SIZE_VER0)
		      abort());
	CHECK(struct vsm_stats, vsm_check_stats_request,
	      if (a.nr_cpus > VSM_STATS_MAX_CPUS || (a.nr_cpus && !a.cpus_ptr))
		      abort());
	CHECK(struct vsm_ping, vsm_check_ping_request,
	      if (a.value >> 63 || a.reserved0) abort());
	CHECK(struct vsm_lock, vsm_check_lock_request,
	      if (a.reserved[0] | a.reserved[1]) abort());
	CHECK(struct vsm_audit_read, vsm_check_audit_read_request,
	      if (!a.nr_records || a.nr_records > VSM_AUDIT_READ_MAX) abort());
	return 0;
}
