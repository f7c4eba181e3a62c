/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Argument checks for the key-store ioctls (include/uapi/linux/vsm.h),
 * on copies the caller owns.  The secure world checks everything again:
 * these only give early, specific errors.
 */
#ifndef VSM_COMMON_ABI_KEYS_H
#define VSM_COMMON_ABI_KEYS_H

#include "abi.h"

int vsm_check_domain_create(const struct vsm_domain_create *req);
int vsm_check_domain_bind(const struct vsm_domain_bind *req);
int vsm_check_key_create(const struct vsm_key_create *req);
int vsm_check_key_delete(const struct vsm_key_delete *req);
int vsm_check_key_list(const struct vsm_key_list *req);
int vsm_check_aead(const struct vsm_aead *req);
int vsm_check_mac(const struct vsm_mac *req);
int vsm_check_key_derive(const struct vsm_key_derive *req);
int vsm_check_key_wrap(const struct vsm_key_wrap *req);
int vsm_check_random(const struct vsm_random *req);

#endif /* VSM_COMMON_ABI_KEYS_H */
