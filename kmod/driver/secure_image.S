/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secure-world image, embedded in vsm.ko and copied into the secure
 * region at load (kmod/driver/region.c checks its header).
 */
	.section .rodata, "a"
	.balign 4096
	.globl vsm_sw_image
vsm_sw_image:
	.incbin VSM_SW_BIN
	.globl vsm_sw_image_end
vsm_sw_image_end:
