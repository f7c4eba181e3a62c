/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Link map of the secure-world image: header first, then text, read-only
 * data, data and bss, each section group page aligned so the driver can map
 * text read-only executable and everything else non-executable.
 */
#include "../common/sw_abi.h"

OUTPUT_FORMAT("elf64-x86-64")
OUTPUT_ARCH(i386:x86-64)
ENTRY(sw_entry)

PHDRS
{
	text PT_LOAD FLAGS(5);		/* R X */
	rodata PT_LOAD FLAGS(4);	/* R */
	data PT_LOAD FLAGS(6);		/* R W */
}

SECTIONS
{
	. = VSM_SW_BASE;
	__image_start = .;

	.head : {
		QUAD(VSM_SW_MAGIC)
		LONG(72)
		LONG(VSM_SW_ABI_VERSION)
		QUAD(VSM_SW_BASE)
		QUAD(__file_end - __image_start)
		QUAD(__mem_end - __image_start)
		QUAD(__text_end - __image_start)
		QUAD(__rodata_end - __image_start)
		QUAD(sw_entry - __image_start)
		QUAD(vsm_boot - __image_start)
	} :text

	.text ALIGN(16) : {
		*(.text .text.*)
	} :text
	. = ALIGN(4096);
	__text_end = .;

	.rodata : {
		*(.rodata .rodata.*)
	} :rodata
	. = ALIGN(4096);
	__rodata_end = .;

	/* Secrets only (key material, the marker): wiped as one range. */
	.secret : {
		__secret_start = .;
		*(.secret .secret.*)
		. = ALIGN(64);
		__secret_end = .;
	} :data

	.data : {
		*(.data .data.*)
	} :data
	__file_end = .;

	/* Zero-initialised secrets (the key store): wiped with .secret. */
	.secret_bss (NOLOAD) : ALIGN(64) {
		__secret_bss_start = .;
		*(.bss.secret .bss.secret.*)
		. = ALIGN(64);
		__secret_bss_end = .;
	} :data

	.bss : {
		*(.bss .bss.* COMMON)
	} :data
	. = ALIGN(4096);
	__mem_end = .;

	/DISCARD/ : {
		*(.comment) *(.note*) *(.eh_frame*)
		*(.interp) *(.gnu.hash) *(.dynsym) *(.dynstr)
	}
}
