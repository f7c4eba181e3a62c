/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which writes to write-protected kernel text are the kernel patching its
 * own jump labels and static calls: the sites (from the kernel's
 * __jump_table, static_call_sites and static-call trampolines, taken at
 * the lock) and the byte states each may pass through.  Pure logic, shared
 * by the secure world and the hosted tests.
 */
#ifndef VSM_COMMON_TEXTPATCH_H
#define VSM_COMMON_TEXTPATCH_H

#include "types.h"

#define VSM_PATCH_SITES_MAX	16384
#define VSM_PATCH_SITE_MAX_LEN	5

enum vsm_patch_kind {
	VSM_PATCH_JUMP_LABEL,
	VSM_PATCH_STATIC_CALL,	/* a call site or a trampoline */
};

/**
 * struct vsm_patch_site - one jump-label or static-call site
 * @pa: physical address of its first byte
 * @va: its virtual address (a static call's target is relative to it)
 * @disp: jump label: the jump's displacement when enabled (from the end
 *	of the jump)
 * @size: 2 (JMP rel8 / 2-byte NOP) or 5
 * @kind: enum vsm_patch_kind
 */
struct vsm_patch_site {
	u64 pa;
	u64 va;
	s32 disp;
	u16 size;
	u16 kind;
};

/**
 * struct vsm_code_ranges - where a static call may go
 * @va_minus_pa: a new static-call site's virtual address minus its
 *	physical one (the kernel image is mapped at one offset; a module's
 *	page each at its own)
 * @text_va: start of the kernel's text (virtual)
 * @text_va_end: its end
 * @modules_va: start of the module area
 * @modules_va_end: its end
 * @module_code: if set, says whether a module-area address is approved
 *	module code (the area holds module data too)
 * @ctx: passed to @module_code
 */
struct vsm_code_ranges {
	u64 va_minus_pa;
	u64 text_va;
	u64 text_va_end;
	u64 modules_va;
	u64 modules_va_end;
	bool (*module_code)(void *ctx, u64 va);
	void *ctx;
};

int vsm_patch_site_init(struct vsm_patch_site *s, u64 pa, u64 code_va, u64 target_va,
			const u8 *bytes, u32 n);
bool vsm_patch_site_valid(const struct vsm_patch_site *s, const u8 *bytes);
int vsm_static_call_site_init(struct vsm_patch_site *s, u64 pa, const u8 *bytes,
			      const struct vsm_code_ranges *code);
bool vsm_patch_site_valid_in(const struct vsm_patch_site *s, const u8 *bytes,
			     const struct vsm_code_ranges *code);
u32 vsm_patch_sites_sort(struct vsm_patch_site *sites, u32 n);
int vsm_patch_site_find(const struct vsm_patch_site *sites, u32 n, u64 pa);

#endif /* VSM_COMMON_TEXTPATCH_H */
