// SPDX-License-Identifier: GPL-2.0
/*
 * Boot parameters, written by the driver into the copied image before the
 * first CPU enters; read-only for the secure world afterwards.
 */
#include "../include/sw.h"

struct vsm_sw_boot vsm_boot __section(".data");

/*
 * A known pattern in secure memory: the attack selftests search everything
 * the host can read for it.  (VSM_SECRET_MARKER in kmod/common/sw_abi.h.)
 */
char vsm_secret_marker[64] __section(".secret") __aligned(64) =
	VSM_SECRET_MARKER;
