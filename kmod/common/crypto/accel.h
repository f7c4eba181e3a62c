/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The x86 fast paths (the assembly in crypto/x86) and the switch that
 * selects them.
 *
 * They use XMM registers.  In the secure world those belong to the host
 * that was interrupted, so a caller that turns the fast paths on must save
 * and restore the XMM state around every use (FXSAVE is enough: only
 * legacy SSE encodings are used).  Off by default.
 */
#ifndef VSM_COMMON_CRYPTO_ACCEL_H
#define VSM_COMMON_CRYPTO_ACCEL_H

#include "aes.h"

extern bool vsm_crypto_accel;
/* HMAC-SHA256 (and what is built on it) uses the SHA extensions. */
extern bool vsm_crypto_accel_sha;

bool vsm_crypto_accel_supported(void);
bool vsm_crypto_accel_sha_supported(void);

u32 vsm_aesni_sub_word(u32 w);
void vsm_aesni_encrypt(const struct vsm_aes_key *k, const u8 *in, u8 *out);
void vsm_aesni_ctr32(const struct vsm_aes_key *k, u8 ctr[16], const u8 *in,
		     u8 *out, size_t blocks);
void vsm_clmul_ghash(u8 x[16], const u8 htab[8][16], const u8 *data, size_t blocks);

#endif /* VSM_COMMON_CRYPTO_ACCEL_H */
