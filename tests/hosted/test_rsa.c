// SPDX-License-Identifier: GPL-2.0
/*
 * RSA PKCS#1 v1.5 verification against OpenSSL: keys of 2048, 3072 and
 * 4096 bits, SHA-256/384/512, signatures OpenSSL made; then every kind of
 * damage and every refused key shape.
 */
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/rsa.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/crypto/rsa.h"

static const EVP_MD *md_of(enum vsm_hash h)
{
	return h == VSM_HASH_SHA256 ? EVP_sha256() : h == VSM_HASH_SHA384 ? EVP_sha384() :
	       EVP_sha512();
}

struct rsa_key {
	EVP_PKEY *pkey;
	u8 n[512], e[8];
	size_t n_len, e_len;
};

static int make_key(struct rsa_key *k, int bits)
{
	BIGNUM *n = NULL, *e = NULL;

	k->pkey = EVP_RSA_gen(bits);
	if (!k->pkey || !EVP_PKEY_get_bn_param(k->pkey, "n", &n) ||
	    !EVP_PKEY_get_bn_param(k->pkey, "e", &e))
		return -1;
	k->n_len = BN_bn2bin(n, k->n);
	k->e_len = BN_bn2bin(e, k->e);
	BN_free(n);
	BN_free(e);
	return 0;
}

static size_t sign(struct rsa_key *k, enum vsm_hash h, const u8 *msg, size_t len, u8 *sig)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t sig_len = 512;

	EVP_DigestSignInit(ctx, NULL, md_of(h), NULL, k->pkey);
	EVP_DigestSign(ctx, sig, &sig_len, msg, len);
	EVP_MD_CTX_free(ctx);
	return sig_len;
}

TEST(rsa_pkcs1_matches_openssl)
{
	static const int sizes[] = { 2048, 3072, 4096 };
	u8 msg[300], sig[512], digest[64];
	int s, h, i, bad = 0, good = 0;

	srandom(6);
	for (s = 0; s < 3; s++) {
		struct rsa_key k;

		if (make_key(&k, sizes[s])) {
			EXPECT(0);
			continue;
		}
		for (h = VSM_HASH_SHA256; h <= VSM_HASH_SHA512; h++) {
			for (i = 0; i < 3; i++) {
				size_t len = random() % sizeof(msg), sl;

				for (size_t j = 0; j < len; j++)
					msg[j] = (u8)random();
				sl = sign(&k, h, msg, len, sig);
				vsm_hash(h, msg, len, digest);
				good += !vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, h,
							      digest, sig, sl);
				/* Another hash, a changed digest, a changed signature. */
				bad += !vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len,
							     h == 1 ? 2 : 1, digest, sig, sl);
				digest[0] ^= 1;
				bad += !vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, h,
							     digest, sig, sl);
				digest[0] ^= 1;
				sig[sl / 2] ^= 0x40;
				bad += !vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, h,
							     digest, sig, sl);
				sig[sl / 2] ^= 0x40;
				/* A signature one byte short, or not below n. */
				EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, h,
							       digest, sig + 1, sl - 1), -EBADMSG);
				EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, h,
							       digest, k.n, k.n_len), -EBADMSG);
			}
		}
		EVP_PKEY_free(k.pkey);
	}
	EXPECT_EQ(good, 27);
	EXPECT_EQ(bad, 0);
}

TEST(rsa_refuses_weak_or_odd_keys)
{
	struct rsa_key k;
	u8 digest[32] = { 0 }, sig[512] = { 1 }, big[520];

	if (make_key(&k, 2048)) {
		EXPECT(0);
		return;
	}
	/* Below 2048 bits, above 4096, even modulus, bad exponents, unknown hash. */
	EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, 255, k.e, k.e_len, VSM_HASH_SHA256, digest, sig,
				       255), -EINVAL);
	memset(big, 0xff, sizeof(big));
	EXPECT_EQ(vsm_rsa_pkcs1_verify(big, 513, k.e, k.e_len, VSM_HASH_SHA256, digest, sig,
				       513), -EINVAL);
	k.n[k.n_len - 1] &= 0xfe;
	EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, VSM_HASH_SHA256, digest,
				       sig, k.n_len), -EINVAL);
	k.n[k.n_len - 1] |= 1;
	EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, k.n_len, (const u8 *)"\x01", 1, VSM_HASH_SHA256,
				       digest, sig, k.n_len), -EINVAL);
	EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, k.n_len, (const u8 *)"\x01\x00\x00", 3,
				       VSM_HASH_SHA256, digest, sig, k.n_len), -EINVAL);
	EXPECT_EQ(vsm_rsa_pkcs1_verify(k.n, k.n_len, k.e, k.e_len, 9, digest, sig, k.n_len),
		  -EINVAL);
	EVP_PKEY_free(k.pkey);
}
