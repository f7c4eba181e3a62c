/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 (FIPS 180-4), freestanding: the first piece of secure-world
 * cryptography, used for the audit log's hash chain.
 */
#ifndef VSM_COMMON_SHA256_H
#define VSM_COMMON_SHA256_H

#include "types.h"

#define VSM_SHA256_DIGEST	32
#define VSM_SHA256_BLOCK	64

/**
 * struct vsm_sha256 - hashing state
 * @h: chaining value
 * @bytes: message length so far
 * @buf: partial block
 * @used: bytes in @buf
 * @accel: blocks go to vsm_sha256_ni_blocks() (vsm_sha256_init_accel())
 */
struct vsm_sha256 {
	u32 h[8];
	u64 bytes;
	u8 buf[VSM_SHA256_BLOCK];
	u32 used;
	bool accel;
};

void vsm_sha256_init_accel(struct vsm_sha256 *s, bool accel);
void vsm_sha256_init(struct vsm_sha256 *s);
void vsm_sha256_update(struct vsm_sha256 *s, const void *data, size_t len);
void vsm_sha256_final(struct vsm_sha256 *s, u8 out[VSM_SHA256_DIGEST]);
void vsm_sha256(const void *data, size_t len, u8 out[VSM_SHA256_DIGEST]);

/* crypto/x86/sha256_ni.S; @k is the round constants, 16-byte aligned. */
void vsm_sha256_ni_blocks(u32 h[8], const u8 *data, size_t blocks, const u32 k[64]);

#endif /* VSM_COMMON_SHA256_H */
