/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Checks of ioctl argument structures, done on the copy the checker owns.
 * The rules are stated in include/uapi/linux/vsm.h and Documentation/abi.rst.
 */
#ifndef VSM_COMMON_ABI_H
#define VSM_COMMON_ABI_H

#include <linux/vsm.h>
#include "types.h"

bool vsm_mem_is_zero(const void *p, size_t len);
int vsm_check_arg_size(u32 size, u32 min_size);
int vsm_check_hdr(const struct vsm_hdr *hdr, u32 min_size, u32 valid_flags);
int vsm_check_info_request(const struct vsm_info *req);
int vsm_check_stats_request(const struct vsm_stats *req);
int vsm_check_ping_request(const struct vsm_ping *req);
int vsm_check_lock_request(const struct vsm_lock *req);
int vsm_check_audit_read_request(const struct vsm_audit_read *req);

#endif /* VSM_COMMON_ABI_H */
