/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Unsigned big integers for public-key verification: fixed-size arrays of
 * 64-bit limbs, least significant first, up to 4096 bits, and Montgomery
 * arithmetic modulo an odd modulus.
 */
#ifndef VSM_COMMON_CRYPTO_BIGNUM_H
#define VSM_COMMON_CRYPTO_BIGNUM_H

#include "../types.h"

#define VSM_BN_MAX_BITS		4096
#define VSM_BN_LIMBS		(VSM_BN_MAX_BITS / 64)

/**
 * struct vsm_mont - a modulus ready for Montgomery multiplication
 * @n: the modulus (odd), @limbs limbs
 * @rr: R^2 mod n, R = 2^(64 * @limbs)
 * @n0inv: -n^-1 mod 2^64
 * @limbs: its size in limbs
 */
struct vsm_mont {
	u64 n[VSM_BN_LIMBS];
	u64 rr[VSM_BN_LIMBS];
	u64 n0inv;
	u32 limbs;
};

int vsm_bn_from_be(u64 *out, u32 limbs, const u8 *in, size_t len);
void vsm_bn_to_be(u8 *out, size_t len, const u64 *in, u32 limbs);
int vsm_bn_cmp(const u64 *a, const u64 *b, u32 limbs);
int vsm_mont_init(struct vsm_mont *m, const u8 *n_be, size_t len);
void vsm_mont_mul(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b);
void vsm_mod_add(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b);
void vsm_mod_sub(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b);
void vsm_mont_to(const struct vsm_mont *m, u64 *out, const u64 *a);
void vsm_mont_from(const struct vsm_mont *m, u64 *out, const u64 *a);
void vsm_mont_inv_prime(const struct vsm_mont *m, u64 *out, const u64 *a);
void vsm_mont_exp_public(const struct vsm_mont *m, u64 *out, const u64 *base,
			 const u8 *e_be, size_t e_len);

#endif /* VSM_COMMON_CRYPTO_BIGNUM_H */
