// SPDX-License-Identifier: GPL-2.0
/*
 * Boot parameters, written by the driver into the copied image before the
 * first CPU enters; read-only for the secure world afterwards.
 */
#include "../include/sw.h"

struct vsm_sw_boot vsm_boot __section(".data");
