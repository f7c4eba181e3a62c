/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Constant-time helpers: no branch and no memory access depends on the
 * values they compare or select.
 */
#ifndef VSM_COMMON_CRYPTO_CT_H
#define VSM_COMMON_CRYPTO_CT_H

#include "../types.h"

/* All ones if @bit (0 or 1) is set, else zero. */
static inline u64 vsm_ct_mask64(u64 bit)
{
	return 0 - (bit & 1);
}

/**
 * vsm_ct_memeq() - compare two buffers in time that depends only on @len
 * @a: first buffer
 * @b: second buffer
 * @len: bytes to compare
 *
 * Return: true if they are equal.
 */
static inline bool vsm_ct_memeq(const void *a, const void *b, size_t len)
{
	const u8 *x = a, *y = b;
	u32 diff = 0;
	size_t i;

	for (i = 0; i < len; i++) {
		diff |= x[i] ^ y[i];
		/* Hide @diff from the optimiser: no early exit. */
		__asm__("" : "+r"(diff));
	}
	return (diff - 1) >> 31;
}

/**
 * vsm_wipe() - zero memory the compiler may not skip
 * @p: memory
 * @len: bytes
 */
static inline void vsm_wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

static inline u32 vsm_load_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static inline void vsm_store_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static inline u64 vsm_load_be64(const u8 *p)
{
	return (u64)vsm_load_be32(p) << 32 | vsm_load_be32(p + 4);
}

static inline void vsm_store_be64(u8 *p, u64 v)
{
	vsm_store_be32(p, v >> 32);
	vsm_store_be32(p + 4, (u32)v);
}

#endif /* VSM_COMMON_CRYPTO_CT_H */
