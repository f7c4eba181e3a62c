/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-512 and SHA-384 (FIPS 180-4), freestanding: for module signatures,
 * whose digests may be SHA-256, SHA-384 or SHA-512.
 */
#ifndef VSM_COMMON_CRYPTO_SHA512_H
#define VSM_COMMON_CRYPTO_SHA512_H

#include "../types.h"

#define VSM_SHA512_DIGEST	64
#define VSM_SHA384_DIGEST	48
#define VSM_SHA512_BLOCK	128

/**
 * struct vsm_sha512 - hashing state (SHA-512 or SHA-384)
 * @h: chaining value
 * @bytes: message length so far (messages stay below 2^64 bytes)
 * @buf: partial block
 * @used: bytes in @buf
 * @digest_len: 64 for SHA-512, 48 for SHA-384
 */
struct vsm_sha512 {
	u64 h[8];
	u64 bytes;
	u8 buf[VSM_SHA512_BLOCK];
	u32 used;
	u32 digest_len;
};

void vsm_sha512_init(struct vsm_sha512 *s);
void vsm_sha384_init(struct vsm_sha512 *s);
void vsm_sha512_update(struct vsm_sha512 *s, const void *data, size_t len);
void vsm_sha512_final(struct vsm_sha512 *s, u8 *out);
void vsm_sha512(const void *data, size_t len, u8 out[VSM_SHA512_DIGEST]);
void vsm_sha384(const void *data, size_t len, u8 out[VSM_SHA384_DIGEST]);

#endif /* VSM_COMMON_CRYPTO_SHA512_H */
