/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES (FIPS 197) encryption, 128/192/256-bit keys.  Only the forward
 * cipher: the modes vsm uses (GCM, CTR) never decrypt a block.
 */
#ifndef VSM_COMMON_CRYPTO_AES_H
#define VSM_COMMON_CRYPTO_AES_H

#include "../types.h"

#define VSM_AES_BLOCK		16
#define VSM_AES_MAX_ROUNDS	14

/**
 * struct vsm_aes_key - an expanded key
 * @rounds: 10, 12 or 14
 * @rk: round keys, in the byte order FIPS 197 uses (and AESENC expects)
 */
struct vsm_aes_key {
	u32 rounds;
	u8 rk[VSM_AES_MAX_ROUNDS + 1][VSM_AES_BLOCK] __aligned(16);
};

int vsm_aes_setkey(struct vsm_aes_key *k, const u8 *key, size_t len);
void vsm_aes_encrypt(const struct vsm_aes_key *k, const u8 in[VSM_AES_BLOCK],
		     u8 out[VSM_AES_BLOCK]);
void vsm_aes_encrypt_portable(const struct vsm_aes_key *k,
			      const u8 in[VSM_AES_BLOCK], u8 out[VSM_AES_BLOCK]);

#endif /* VSM_COMMON_CRYPTO_AES_H */
