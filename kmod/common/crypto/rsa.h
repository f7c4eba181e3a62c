/* SPDX-License-Identifier: GPL-2.0 */
/*
 * RSA signature verification, PKCS#1 v1.5 (RFC 8017, RSASSA-PKCS1-v1_5),
 * 2048 to 4096-bit keys, SHA-256/384/512.
 */
#ifndef VSM_COMMON_CRYPTO_RSA_H
#define VSM_COMMON_CRYPTO_RSA_H

#include "../types.h"

enum vsm_hash {
	VSM_HASH_SHA256 = 1,
	VSM_HASH_SHA384 = 2,
	VSM_HASH_SHA512 = 3,
};

#define VSM_RSA_MIN_BITS	2048

size_t vsm_hash_len(enum vsm_hash hash);
void vsm_hash(enum vsm_hash hash, const void *data, size_t len, u8 *out);
void vsm_hash2(enum vsm_hash hash, const void *a, size_t a_len, const void *b,
	       size_t b_len, u8 *out);
int vsm_rsa_pkcs1_verify(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
			 enum vsm_hash hash, const u8 *digest, const u8 *sig,
			 size_t sig_len);

#endif /* VSM_COMMON_CRYPTO_RSA_H */
