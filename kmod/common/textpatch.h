/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which writes to write-protected kernel text are the kernel patching its
 * own jump labels: the sites (from the kernel's __jump_table, taken at the
 * lock) and the byte states each may pass through.  Pure logic, shared by
 * the secure world and the hosted tests.
 */
#ifndef VSM_COMMON_TEXTPATCH_H
#define VSM_COMMON_TEXTPATCH_H

#include "types.h"

#define VSM_PATCH_SITES_MAX	8192
#define VSM_PATCH_SITE_MAX_LEN	5

/**
 * struct vsm_patch_site - one jump-label site
 * @pa: physical address of its first byte
 * @disp: the jump's displacement when enabled (from the end of the jump)
 * @size: 2 (JMP rel8 / 2-byte NOP) or 5 (JMP rel32 / 5-byte NOP)
 */
struct vsm_patch_site {
	u64 pa;
	s32 disp;
	u32 size;
};

int vsm_patch_site_init(struct vsm_patch_site *s, u64 pa, u64 code_va, u64 target_va,
			const u8 *bytes, u32 n);
bool vsm_patch_site_valid(const struct vsm_patch_site *s, const u8 *bytes);
u32 vsm_patch_sites_sort(struct vsm_patch_site *sites, u32 n);
int vsm_patch_site_find(const struct vsm_patch_site *sites, u32 n, u64 pa);

#endif /* VSM_COMMON_TEXTPATCH_H */
