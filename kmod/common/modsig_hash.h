/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The digests a module check needs, from one pass over the image: SHA-256
 * of the whole file (what hash rules name) and the digest the signature
 * covers (its first content_len bytes, with the signature's hash).
 */
#ifndef VSM_COMMON_MODSIG_HASH_H
#define VSM_COMMON_MODSIG_HASH_H

#include "crypto/rsa.h"
#include "crypto/sha512.h"
#include "modsig.h"
#include "sha256.h"

/**
 * struct vsm_modsig_hash - one pass over a module image
 * @image: SHA-256 of everything so far
 * @content: SHA-256 of the signed content: a copy of @image taken when
 *	exactly content_len bytes were in, so the bytes are hashed once
 * @wide: SHA-384/512 of the signed content, when the signature uses it
 * @off: bytes seen
 * @limit: content_len, 0 if the signature did not parse
 * @hash: the signature's hash (VSM_HASH_*), 0 if none
 * @taken: @content has been taken
 */
struct vsm_modsig_hash {
	struct vsm_sha256 image, content;
	struct vsm_sha512 wide;
	u64 off, limit;
	int hash;
	bool taken;
};

void vsm_modsig_hash_init(struct vsm_modsig_hash *h, const struct vsm_modsig *sig,
			  bool accel);
void vsm_modsig_hash_update(struct vsm_modsig_hash *h, const u8 *data, size_t len);
void vsm_modsig_hash_final(struct vsm_modsig_hash *h, u8 sha[VSM_SHA256_DIGEST],
			   u8 digest[VSM_SHA512_DIGEST]);

#endif /* VSM_COMMON_MODSIG_HASH_H */
