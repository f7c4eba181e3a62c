// SPDX-License-Identifier: GPL-2.0
/*
 * The module check's one pass (modsig_hash.c) against OpenSSL: the whole
 * file's SHA-256 and the signed prefix's SHA-256/384/512, for prefixes
 * that end inside, at the start and at the end of a chunk, fed in chunks
 * of several sizes, on both SHA-256 paths.
 */
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/crypto/accel.h"
#include "../../kmod/common/modsig_hash.h"

static u8 file[20000];

/* 0 if one pass over @len bytes in @chunk pieces gives OpenSSL's digests. */
static int one_pass(size_t len, size_t limit, int hash, size_t chunk, bool accel)
{
	struct vsm_modsig sig = { .content_len = limit, .hash = hash };
	struct vsm_modsig_hash h;
	u8 sha[32], digest[64], want_sha[32], want[64] = { 0 };
	size_t off, want_len = 32;

	vsm_modsig_hash_init(&h, &sig, accel);
	for (off = 0; off < len; off += chunk)
		vsm_modsig_hash_update(&h, file + off, len - off < chunk ? len - off : chunk);
	vsm_modsig_hash_final(&h, sha, digest);
	SHA256(file, len, want_sha);
	if (hash == VSM_HASH_SHA256) {
		SHA256(file, limit, want);
	} else if (hash == VSM_HASH_SHA384) {
		SHA384(file, limit, want);
		want_len = 48;
	} else {
		SHA512(file, limit, want);
		want_len = 64;
	}
	return memcmp(sha, want_sha, 32) || memcmp(digest, want, want_len);
}

TEST(modsig_hash_matches_openssl)
{
	static const size_t chunks[] = { 1, 63, 64, 4096 };
	static const int hashes[] = { VSM_HASH_SHA256, VSM_HASH_SHA384, VSM_HASH_SHA512 };
	size_t len = sizeof(file), limits[] = { 1, 4095, 4096, 4097, 8192, 19999, 20000 };
	int bad = 0, accel;
	size_t i, l, c, k;

	for (i = 0; i < sizeof(file); i++)
		file[i] = (u8)(i * 131 + (i >> 7));
	for (accel = 0; accel <= vsm_crypto_accel_sha_supported(); accel++)
		for (l = 0; l < ARRAY_SIZE(limits); l++)
			for (c = 0; c < ARRAY_SIZE(chunks); c++)
				for (k = 0; k < ARRAY_SIZE(hashes); k++)
					bad += one_pass(len, limits[l], hashes[k], chunks[c], accel);
	EXPECT_EQ(bad, 0);
}

TEST(modsig_hash_without_signature)
{
	struct vsm_modsig_hash h;
	u8 sha[32], digest[64], want[32], zero[64] = { 0 };

	memset(file, 0x5a, 5000);
	vsm_modsig_hash_init(&h, NULL, false);
	vsm_modsig_hash_update(&h, file, 5000);
	vsm_modsig_hash_final(&h, sha, digest);
	SHA256(file, 5000, want);
	EXPECT(!memcmp(sha, want, 32));
	EXPECT(!memcmp(digest, zero, 64));
}
