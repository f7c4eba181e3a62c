/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES-GCM (NIST SP 800-38D): authenticated encryption with associated
 * data.  IVs of any non-zero length (96 bits is the fast, recommended
 * one); tags of 4 to 16 bytes, checked in constant time.
 */
#ifndef VSM_COMMON_CRYPTO_GCM_H
#define VSM_COMMON_CRYPTO_GCM_H

#include "aes.h"

#define VSM_GCM_TAG		16
#define VSM_GCM_IV		12
#define VSM_GCM_MIN_TAG		4
/* SP 800-38D: at most 2^39 - 256 bits of plaintext. */
#define VSM_GCM_MAX_TEXT	((1ULL << 36) - 32)

/**
 * struct vsm_gcm - a key ready for GCM
 * @aes: the expanded AES key
 * @h: the hash key H = E(K, 0^128), as two big-endian halves
 * @h_table: H, H^2, ..., H^8 as bytes
 * @h_clmul: the same times x^-1, bit-reversed, as the fast path uses them
 */
struct vsm_gcm {
	struct vsm_aes_key aes;
	u64 h[2];
	u8 h_table[8][16];
	u8 h_clmul[8][16];
};

int vsm_gcm_setkey(struct vsm_gcm *g, const u8 *key, size_t len);
int vsm_gcm_seal(const struct vsm_gcm *g, const u8 *iv, size_t iv_len,
		 const u8 *aad, size_t aad_len, const u8 *in, size_t len,
		 u8 *out, u8 *tag, size_t tag_len);
int vsm_gcm_open(const struct vsm_gcm *g, const u8 *iv, size_t iv_len,
		 const u8 *aad, size_t aad_len, const u8 *in, size_t len,
		 const u8 *tag, size_t tag_len, u8 *out);

#endif /* VSM_COMMON_CRYPTO_GCM_H */
