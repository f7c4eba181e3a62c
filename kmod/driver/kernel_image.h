/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The running kernel's image: what is write-protected at the lock.
 */
#ifndef VSM_DRIVER_KERNEL_IMAGE_H
#define VSM_DRIVER_KERNEL_IMAGE_H

#include "../common/paging.h"

/**
 * struct vsm_kernel_image - physical ranges and the jump-label table
 * @text: [_text, _etext), page-aligned, physical
 * @rodata: [__start_rodata, __end_rodata), page-aligned, physical
 * @jump_table: virtual address of __start___jump_table
 * @jump_table_end: virtual address of __stop___jump_table
 * @text_va: virtual address of _text
 * @sc_sites: __start_static_call_sites (virtual)
 * @sc_sites_end: __stop_static_call_sites
 * @sc_tramps: __static_call_text_start (virtual)
 * @sc_tramps_end: __static_call_text_end
 * @text_poke_memcpy: text_poke_memcpy(), the copy __text_poke() is given
 *	by text_poke() (0 if not found: no guard, text_guard.c)
 */
struct vsm_kernel_image {
	struct vsm_range text;
	struct vsm_range rodata;
	u64 jump_table;
	u64 jump_table_end;
	u64 text_va;
	u64 sc_sites;
	u64 sc_sites_end;
	u64 sc_tramps;
	u64 sc_tramps_end;
	u64 text_poke_memcpy;
};

int vsm_kernel_image_find(struct vsm_kernel_image *k);

#endif /* VSM_DRIVER_KERNEL_IMAGE_H */
