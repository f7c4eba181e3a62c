// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC_DRBG (SHA-256) against OpenSSL's HMAC-DRBG, fed the same entropy,
 * nonce, personalization and additional input through OpenSSL's TEST-RAND
 * source; then the error paths.
 */
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/crypto/drbg.h"

static EVP_RAND_CTX *openssl_drbg(const u8 *entropy, size_t elen, const u8 *nonce,
				  size_t nlen, EVP_RAND_CTX **parent_out)
{
	unsigned int strength = 256;
	EVP_RAND *test = EVP_RAND_fetch(NULL, "TEST-RAND", NULL);
	EVP_RAND *hmac = EVP_RAND_fetch(NULL, "HMAC-DRBG", NULL);
	EVP_RAND_CTX *parent, *ctx;
	OSSL_PARAM pp[4], dp[3];

	if (!test || !hmac)
		return NULL;
	parent = EVP_RAND_CTX_new(test, NULL);
	pp[0] = OSSL_PARAM_construct_uint(OSSL_RAND_PARAM_STRENGTH, &strength);
	pp[1] = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_ENTROPY,
						  (void *)entropy, elen);
	pp[2] = OSSL_PARAM_construct_octet_string(OSSL_RAND_PARAM_TEST_NONCE,
						  (void *)nonce, nlen);
	pp[3] = OSSL_PARAM_construct_end();
	EVP_RAND_CTX_set_params(parent, pp);
	EVP_RAND_instantiate(parent, strength, 0, NULL, 0, NULL);
	ctx = EVP_RAND_CTX_new(hmac, parent);
	dp[0] = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_MAC, "HMAC", 0);
	dp[1] = OSSL_PARAM_construct_utf8_string(OSSL_DRBG_PARAM_DIGEST, "SHA256", 0);
	dp[2] = OSSL_PARAM_construct_end();
	EVP_RAND_CTX_set_params(ctx, dp);
	EVP_RAND_free(test);
	EVP_RAND_free(hmac);
	*parent_out = parent;
	return ctx;
}

TEST(drbg_matches_openssl_hmac_drbg)
{
	u8 entropy[32], nonce[16], pers[20], addl[24], a[300], b[300];
	int i, r, bad = 0, ran = 0;

	srandom(4);
	for (i = 0; i < 40; i++) {
		EVP_RAND_CTX *parent, *ctx;
		struct vsm_drbg d;
		size_t pl = random() % 21, al = i % 2 ? random() % 25 : 0;
		size_t n = 1 + random() % 300;

		for (r = 0; r < 32; r++)
			entropy[r] = (u8)random();
		for (r = 0; r < 16; r++)
			nonce[r] = (u8)random();
		for (r = 0; r < 24; r++)
			addl[r] = pers[r % 20] = (u8)random();
		ctx = openssl_drbg(entropy, 32, nonce, 16, &parent);
		if (!ctx)
			break;
		if (EVP_RAND_instantiate(ctx, 256, 0, pers, pl, NULL) != 1) {
			bad++;
			continue;
		}
		EXPECT_EQ(vsm_drbg_instantiate(&d, entropy, 32, nonce, 16, pers, pl), 0);
		for (r = 0; r < 3; r++) {
			bad += EVP_RAND_generate(ctx, a, n, 256, 0, al ? addl : NULL, al) != 1;
			bad += vsm_drbg_generate(&d, b, n, addl, al) != 0;
			bad += !!memcmp(a, b, n);
		}
		ran++;
		EVP_RAND_CTX_free(ctx);
		EVP_RAND_CTX_free(parent);
	}
	EXPECT_EQ(ran, 40);
	EXPECT_EQ(bad, 0);
}

TEST(drbg_errors)
{
	u8 seed[32] = { 1 }, out[16];
	struct vsm_drbg d, before;

	EXPECT_EQ(vsm_drbg_instantiate(&d, seed, 31, NULL, 0, NULL, 0), -EINVAL);
	EXPECT_EQ(vsm_drbg_instantiate(&d, seed, 32, NULL, 0, NULL, 0), 0);
	before = d;
	EXPECT_EQ(vsm_drbg_generate(&d, out, VSM_DRBG_MAX_REQUEST + 1, NULL, 0), -EINVAL);
	EXPECT(!memcmp(&d, &before, sizeof(d)));
	EXPECT_EQ(vsm_drbg_reseed(&d, seed, 16, NULL, 0), -EINVAL);
	d.reseed_counter = VSM_DRBG_RESEED_INTERVAL + 1;
	EXPECT_EQ(vsm_drbg_generate(&d, out, 16, NULL, 0), -EAGAIN);
	EXPECT_EQ(vsm_drbg_reseed(&d, seed, 32, NULL, 0), 0);
	EXPECT_EQ(vsm_drbg_generate(&d, out, 16, NULL, 0), 0);
	EXPECT_EQ(d.reseed_counter, 2);
}
