// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-512 and SHA-384: FIPS 180-4 examples, then against OpenSSL for every
 * length to 600 bytes, fed in uneven pieces.
 */
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "crypto_util.h"
#include "unit.h"
#include "../../kmod/common/crypto/sha512.h"

TEST(sha512_fips_vectors)
{
	u8 d[64], want[64];

	vsm_sha512("abc", 3, d);
	unhex("ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a", want, 32);
	unhex("2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f", want + 32, 32);
	EXPECT(!memcmp(d, want, 64));
	vsm_sha384("abc", 3, d);
	unhex("cb00753f45a35e8bb5a03d699ac65007272c32ab0eded1631a8b605a43ff5bed", want, 32);
	unhex("8086072ba1e7cc2358baeca134c825a7", want + 32, 16);
	EXPECT(!memcmp(d, want, 48));
	vsm_sha512("", 0, d);
	unhex("cf83e1357eefb8bdf1542850d66d8007d620e4050b5715dc83f4a921d36ce9ce", want, 32);
	unhex("47d0d13c5d85f2b0ff8318d2877eec2f63b931bd47417a81a538327af927da3e", want + 32, 32);
	EXPECT(!memcmp(d, want, 64));
}

TEST(sha512_matches_openssl)
{
	u8 msg[600], a[64], b[64];
	struct vsm_sha512 s;
	size_t len, split;
	int bad = 0;

	srandom(5);
	for (len = 0; len < sizeof(msg); len++)
		msg[len] = (u8)random();
	for (len = 0; len <= sizeof(msg); len++) {
		split = len ? (size_t)random() % (len + 1) : 0;
		vsm_sha512_init(&s);
		vsm_sha512_update(&s, msg, split);
		vsm_sha512_update(&s, msg + split, len - split);
		vsm_sha512_final(&s, a);
		SHA512(msg, len, b);
		bad += !!memcmp(a, b, 64);
		vsm_sha384_init(&s);
		vsm_sha512_update(&s, msg, split);
		vsm_sha512_update(&s, msg + split, len - split);
		vsm_sha512_final(&s, a);
		SHA384(msg, len, b);
		bad += !!memcmp(a, b, 48);
	}
	EXPECT_EQ(bad, 0);
}
