// SPDX-License-Identifier: GPL-2.0
/*
 * Jump-label and static-call sites and their legal states.  Linux switches
 * a static branch by replacing a NOP with a JMP to the branch's target, or
 * back, through text_poke_bp(): the first byte becomes INT3, then the rest
 * is written, then the first byte.  So a jump-label site may hold the NOP,
 * the JMP, or INT3 followed by the rest of either, and nothing else.  A
 * static call (a call site, or the trampoline callers call through) may
 * hold a CALL or JMP to kernel or module code, the 5-byte NOP, a RET padded
 * with INT3s, or INT3 followed by anything (the steps in between).
 */
#include "textpatch.h"

static const u8 nop5[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
static const u8 nop2[2] = { 0x66, 0x90 };

#define INT3	0xcc
#define JMP32	0xe9
#define JMP8	0xeb

/* The two encodings of @s: the NOP and the JMP. */
static void encodings(const struct vsm_patch_site *s, u8 nop[5], u8 jmp[5])
{
	u32 d = (u32)s->disp;

	if (s->size == 2) {
		memcpy(nop, nop2, 2);
		jmp[0] = JMP8;
		jmp[1] = (u8)d;
		return;
	}
	memcpy(nop, nop5, 5);
	jmp[0] = JMP32;
	jmp[1] = (u8)d;
	jmp[2] = (u8)(d >> 8);
	jmp[3] = (u8)(d >> 16);
	jmp[4] = (u8)(d >> 24);
}

/**
 * vsm_patch_site_init() - describe a site from its jump_entry and its bytes
 * @s: the result
 * @pa: physical address of the code
 * @code_va: its virtual address
 * @target_va: where the enabled branch jumps
 * @bytes: the code's current bytes
 * @n: how many (at least 5, or up to the end of the text)
 *
 * The size is the current instruction's, as Linux decides it.
 *
 * Return: 0; -EINVAL if the bytes are neither state of a site.
 */
int vsm_patch_site_init(struct vsm_patch_site *s, u64 pa, u64 code_va, u64 target_va,
			const u8 *bytes, u32 n)
{
	s64 d2 = (s64)(target_va - (code_va + 2));
	s64 d5 = (s64)(target_va - (code_va + 5));

	s->pa = pa;
	s->va = code_va;
	s->kind = VSM_PATCH_JUMP_LABEL;
	if (n >= 2 && (bytes[0] == JMP8 || (bytes[0] == nop2[0] && bytes[1] == nop2[1]))) {
		if (d2 < -128 || d2 > 127)
			return -EINVAL;
		s->size = 2;
		s->disp = (s32)d2;
	} else {
		if (n < 5 || d5 < -0x80000000LL || d5 > 0x7fffffffLL)
			return -EINVAL;
		s->size = 5;
		s->disp = (s32)d5;
	}
	return vsm_patch_site_valid(s, bytes) && bytes[0] != INT3 ? 0 : -EINVAL;
}

/**
 * vsm_patch_site_valid() - may the site hold these bytes?
 * @s: the site
 * @bytes: its @s->size bytes
 *
 * Return: true for the NOP, the JMP, or INT3 followed by the rest of one.
 */
bool vsm_patch_site_valid(const struct vsm_patch_site *s, const u8 *bytes)
{
	u8 nop[5], jmp[5];
	u32 n = s->size;

	encodings(s, nop, jmp);
	if (bytes[0] != INT3 && bytes[0] != nop[0] && bytes[0] != jmp[0])
		return false;
	if (!memcmp(bytes + 1, nop + 1, n - 1))
		return bytes[0] != jmp[0] || !memcmp(bytes + 1, jmp + 1, n - 1);
	if (!memcmp(bytes + 1, jmp + 1, n - 1))
		return bytes[0] != nop[0];
	return false;
}

/**
 * vsm_patch_sites_sort() - sort by address and drop overlapping sites
 * @sites: the sites
 * @n: their number
 *
 * Return: how many are kept (a site that overlaps the one before it is
 * dropped: no write may be judged against two sites).
 */
u32 vsm_patch_sites_sort(struct vsm_patch_site *sites, u32 n)
{
	u32 i, j, kept = 0;

	/* Insertion sort: once, at the lock, and the table is mostly sorted. */
	for (i = 1; i < n; i++) {
		struct vsm_patch_site t = sites[i];

		for (j = i; j > 0 && sites[j - 1].pa > t.pa; j--)
			sites[j] = sites[j - 1];
		sites[j] = t;
	}
	for (i = 0; i < n; i++) {
		if (kept && sites[kept - 1].pa + sites[kept - 1].size > sites[i].pa) {
			/* Identical entries are one site; overlapping ones none. */
			if (sites[kept - 1].pa == sites[i].pa &&
			    sites[kept - 1].size == sites[i].size &&
			    sites[kept - 1].disp == sites[i].disp)
				continue;
			kept--;
			continue;
		}
		sites[kept++] = sites[i];
	}
	return kept;
}

/**
 * vsm_patch_site_find() - the site holding a byte
 * @sites: sorted sites
 * @n: their number
 * @pa: the byte's physical address
 *
 * Return: its index, or -1.
 */
int vsm_patch_site_find(const struct vsm_patch_site *sites, u32 n, u64 pa)
{
	u32 lo = 0, hi = n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (pa < sites[mid].pa)
			hi = mid;
		else if (pa >= sites[mid].pa + sites[mid].size)
			lo = mid + 1;
		else
			return (int)mid;
	}
	return -1;
}

static const u8 ret5[5] = { 0xc3, 0xcc, 0xcc, 0xcc, 0xcc };

#define CALL32	0xe8

static bool in_code(u64 va, const struct vsm_code_ranges *code)
{
	if (va >= code->text_va && va < code->text_va_end)
		return true;
	if (va < code->modules_va || va >= code->modules_va_end)
		return false;
	return !code->module_code || code->module_code(code->ctx, va);
}

/* May a static call site hold these 5 bytes? */
static bool static_call_valid(const struct vsm_patch_site *s, const u8 *b,
			      const struct vsm_code_ranges *code)
{
	s32 rel;

	if (b[0] == INT3)
		return true;
	if (!memcmp(b, nop5, 5) || !memcmp(b, ret5, 5))
		return true;
	if ((b[0] != CALL32 && b[0] != JMP32) || !code)
		return false;
	rel = (s32)((u32)b[1] | (u32)b[2] << 8 | (u32)b[3] << 16 | (u32)b[4] << 24);
	return in_code(s->va + 5 + (s64)rel, code);
}

/**
 * vsm_static_call_site_init() - describe a static-call site from its bytes
 * @s: the result
 * @pa: physical address of the site
 * @bytes: its 5 current bytes
 * @code: where calls may go
 *
 * Return: 0; -EINVAL if the bytes are no state of a static call.
 */
int vsm_static_call_site_init(struct vsm_patch_site *s, u64 pa, const u8 *bytes,
			      const struct vsm_code_ranges *code)
{
	s->pa = pa;
	s->va = pa + code->va_minus_pa;
	s->disp = 0;
	s->size = 5;
	s->kind = VSM_PATCH_STATIC_CALL;
	return bytes[0] != INT3 && static_call_valid(s, bytes, code) ? 0 : -EINVAL;
}

/**
 * vsm_patch_site_valid_in() - may the site hold these bytes?
 * @s: the site
 * @bytes: its @s->size bytes
 * @code: where static calls may go (NULL: nowhere)
 *
 * Return: true for a legal state of the site's kind.
 */
bool vsm_patch_site_valid_in(const struct vsm_patch_site *s, const u8 *bytes,
			     const struct vsm_code_ranges *code)
{
	if (s->kind == VSM_PATCH_STATIC_CALL)
		return static_call_valid(s, bytes, code);
	return vsm_patch_site_valid(s, bytes);
}
