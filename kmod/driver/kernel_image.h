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
 */
struct vsm_kernel_image {
	struct vsm_range text;
	struct vsm_range rodata;
	u64 jump_table;
	u64 jump_table_end;
};

int vsm_kernel_image_find(struct vsm_kernel_image *k);

#endif /* VSM_DRIVER_KERNEL_IMAGE_H */
