/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HMAC-SHA256 (RFC 2104, FIPS 198-1) and HKDF-SHA256 (RFC 5869).
 */
#ifndef VSM_COMMON_CRYPTO_HMAC_H
#define VSM_COMMON_CRYPTO_HMAC_H

#include "../sha256.h"

#define VSM_HMAC_SHA256_LEN	VSM_SHA256_DIGEST
/* RFC 5869: at most 255 blocks of output. */
#define VSM_HKDF_MAX_OUT	(255 * VSM_SHA256_DIGEST)

/**
 * struct vsm_hmac - HMAC-SHA256 state
 * @inner: hash of (key ^ ipad) || message so far
 * @outer_key: key ^ opad, for the final hash
 */
struct vsm_hmac {
	struct vsm_sha256 inner;
	u8 outer_key[VSM_SHA256_BLOCK];
};

void vsm_hmac_init(struct vsm_hmac *m, const u8 *key, size_t key_len);
void vsm_hmac_update(struct vsm_hmac *m, const void *data, size_t len);
void vsm_hmac_final(struct vsm_hmac *m, u8 out[VSM_HMAC_SHA256_LEN]);
void vsm_hmac_sha256(const u8 *key, size_t key_len, const void *data,
		     size_t len, u8 out[VSM_HMAC_SHA256_LEN]);
bool vsm_hmac_verify(const u8 *key, size_t key_len, const void *data,
		     size_t len, const u8 *tag, size_t tag_len);

void vsm_hkdf_extract(const u8 *salt, size_t salt_len, const u8 *ikm,
		      size_t ikm_len, u8 prk[VSM_HMAC_SHA256_LEN]);
int vsm_hkdf_expand(const u8 *prk, size_t prk_len, const u8 *info,
		    size_t info_len, u8 *out, size_t out_len);
int vsm_hkdf(const u8 *salt, size_t salt_len, const u8 *ikm, size_t ikm_len,
	     const u8 *info, size_t info_len, u8 *out, size_t out_len);

#endif /* VSM_COMMON_CRYPTO_HMAC_H */
