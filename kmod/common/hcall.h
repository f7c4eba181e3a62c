/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks of hypercall arguments, done by the secure world on the values it
 * copied out of the host's registers.  Pure, so they are unit-tested and
 * fuzzed in the hosted build.
 */
#ifndef VSM_COMMON_HCALL_H
#define VSM_COMMON_HCALL_H

#include "own.h"
#include "types.h"

/**
 * struct vsm_hc_limits - what a host buffer must stay within
 * @physmap_end: host RAM the secure world maps ends here
 * @own: who owns each page: a buffer read must be the host's, a buffer
 *	written must be the host's and writable
 */
struct vsm_hc_limits {
	u64 physmap_end;
	const struct vsm_own_table *own;
};

bool vsm_hc_host_ram(const struct vsm_hc_limits *lim, u64 pa, u64 len);
bool vsm_hc_host_writable(const struct vsm_hc_limits *lim, u64 pa, u64 len);
int vsm_hc_check_buffer(const struct vsm_hc_limits *lim, u64 pa, u64 len);
int vsm_hc_check_span(const struct vsm_hc_limits *lim, u64 pa, u64 len, u64 max, bool write);

#endif /* VSM_COMMON_HCALL_H */
