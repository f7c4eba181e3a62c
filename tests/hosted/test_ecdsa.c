// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA verification against OpenSSL: P-256 and P-384 keys, SHA-256/384/512
 * digests, DER signatures OpenSSL made; then damaged signatures, r and s
 * out of range, keys off the curve, and malformed DER.
 */
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/ec.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/crypto/ecdsa.h"
#include "../../kmod/common/crypto/rsa.h"

struct ec_key {
	EVP_PKEY *pkey;
	u8 x[48], y[48];
	size_t bytes;
};

static int make_key(struct ec_key *k, enum vsm_curve curve)
{
	BIGNUM *x = NULL, *y = NULL;

	k->bytes = vsm_curve_bytes(curve);
	k->pkey = EVP_EC_gen(curve == VSM_CURVE_P256 ? "P-256" : "P-384");
	if (!k->pkey || !EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_EC_PUB_X, &x) ||
	    !EVP_PKEY_get_bn_param(k->pkey, OSSL_PKEY_PARAM_EC_PUB_Y, &y))
		return -1;
	BN_bn2binpad(x, k->x, (int)k->bytes);
	BN_bn2binpad(y, k->y, (int)k->bytes);
	BN_free(x);
	BN_free(y);
	return 0;
}

static const EVP_MD *md_of(enum vsm_hash h)
{
	return h == VSM_HASH_SHA256 ? EVP_sha256() : h == VSM_HASH_SHA384 ? EVP_sha384() :
	       EVP_sha512();
}

static size_t sign(struct ec_key *k, enum vsm_hash h, const u8 *msg, size_t len, u8 *sig)
{
	EVP_MD_CTX *ctx = EVP_MD_CTX_new();
	size_t sig_len = 128;

	EVP_DigestSignInit(ctx, NULL, md_of(h), NULL, k->pkey);
	EVP_DigestSign(ctx, sig, &sig_len, msg, len);
	EVP_MD_CTX_free(ctx);
	return sig_len;
}

TEST(ecdsa_matches_openssl)
{
	u8 msg[200], sig[128], digest[64];
	int curve, h, i, good = 0, bad = 0;

	srandom(8);
	for (curve = VSM_CURVE_P256; curve <= VSM_CURVE_P384; curve++) {
		struct ec_key k;

		if (make_key(&k, curve)) {
			EXPECT(0);
			continue;
		}
		for (h = VSM_HASH_SHA256; h <= VSM_HASH_SHA512; h++) {
			for (i = 0; i < 4; i++) {
				size_t len = random() % sizeof(msg), sl, dl = vsm_hash_len(h);

				for (size_t j = 0; j < len; j++)
					msg[j] = (u8)random();
				sl = sign(&k, h, msg, len, sig);
				vsm_hash(h, msg, len, digest);
				good += !vsm_ecdsa_verify_der(curve, k.x, k.y, digest, dl, sig, sl);
				digest[dl - 1] ^= 1;
				/* The last digest byte matters only if the order is that long. */
				if (dl <= k.bytes)
					bad += !vsm_ecdsa_verify_der(curve, k.x, k.y, digest, dl,
								     sig, sl);
				digest[dl - 1] ^= 1;
				digest[0] ^= 0x80;
				bad += !vsm_ecdsa_verify_der(curve, k.x, k.y, digest, dl, sig, sl);
				digest[0] ^= 0x80;
				sig[sl - 3] ^= 0x10;
				bad += !vsm_ecdsa_verify_der(curve, k.x, k.y, digest, dl, sig, sl);
				sig[sl - 3] ^= 0x10;
				EXPECT_EQ(vsm_ecdsa_verify_der(curve, k.x, k.y, digest, dl, sig,
							       sl - 1), -EBADMSG);
			}
		}
		/* A key off the curve. */
		k.y[k.bytes - 1] ^= 1;
		EXPECT_EQ(vsm_ecdsa_verify(curve, k.x, k.y, digest, 32, (const u8 *)"\x01", 1,
					   (const u8 *)"\x01", 1), -EINVAL);
		EVP_PKEY_free(k.pkey);
	}
	EXPECT_EQ(good, 24);
	EXPECT_EQ(bad, 0);
}

TEST(ecdsa_range_checks)
{
	static const u8 n256[] = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84, 0xf3, 0xb9, 0xca, 0xc2,
		0xfc, 0x63, 0x25, 0x51,
	};
	struct ec_key k;
	u8 digest[32] = { 7 }, zero = 0, one = 1;

	if (make_key(&k, VSM_CURVE_P256)) {
		EXPECT(0);
		return;
	}
	EXPECT_EQ(vsm_ecdsa_verify(VSM_CURVE_P256, k.x, k.y, digest, 32, &zero, 1, &one, 1),
		  -EBADMSG);
	EXPECT_EQ(vsm_ecdsa_verify(VSM_CURVE_P256, k.x, k.y, digest, 32, &one, 1, &zero, 1),
		  -EBADMSG);
	EXPECT_EQ(vsm_ecdsa_verify(VSM_CURVE_P256, k.x, k.y, digest, 32, n256, 32, &one, 1),
		  -EBADMSG);
	EXPECT_EQ(vsm_ecdsa_verify(VSM_CURVE_P256, k.x, k.y, digest, 32, &one, 1, n256, 32),
		  -EBADMSG);
	EXPECT_EQ(vsm_ecdsa_verify(3, k.x, k.y, digest, 32, &one, 1, &one, 1), -EINVAL);
	/* DER: a negative r, trailing bytes. */
	EXPECT_EQ(vsm_ecdsa_verify_der(VSM_CURVE_P256, k.x, k.y, digest, 32,
				       (const u8 *)"\x30\x06\x02\x01\x81\x02\x01\x01", 8),
		  -EBADMSG);
	EXPECT_EQ(vsm_ecdsa_verify_der(VSM_CURVE_P256, k.x, k.y, digest, 32,
				       (const u8 *)"\x30\x06\x02\x01\x01\x02\x01\x01\x00", 9),
		  -EBADMSG);
	EVP_PKEY_free(k.pkey);
}
