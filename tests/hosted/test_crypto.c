// SPDX-License-Identifier: GPL-2.0
/*
 * Secure-world cryptography: published vectors (FIPS 197, the GCM
 * specification's test cases, RFC 4231, RFC 5869), then differentially
 * against OpenSSL on random inputs of many shapes.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/kdf.h>
#include <stdlib.h>
#include <string.h>

#include "crypto_util.h"
#include "openssl_ref.h"
#include "unit.h"
#include "../../kmod/common/crypto/accel.h"
#include "../../kmod/common/crypto/gcm.h"
#include "../../kmod/common/crypto/hmac.h"

/*
 * Each AES and GCM test runs on the portable path, then on the AES-NI and
 * PCLMULQDQ path where this CPU has it.
 */
#define FOR_EACH_PATH(p)						\
	for (p = 0, vsm_crypto_accel = false;				\
	     p < 1 + vsm_crypto_accel_supported();			\
	     vsm_crypto_accel = ++p == 1)

/* Each HMAC test runs portably, then with the SHA extensions if present. */
#define FOR_EACH_SHA_PATH(p)						\
	for (p = 0, vsm_crypto_accel_sha = false;			\
	     p < 1 + vsm_crypto_accel_sha_supported();			\
	     vsm_crypto_accel_sha = ++p == 1)

static int same(const u8 *got, const char *want_hex, size_t len)
{
	u8 want[256];

	if (unhex(want_hex, want, sizeof(want)) != (long)len)
		return 0;
	return !memcmp(got, want, len);
}

TEST(aes_fips197_vectors)
{
	static const char *const want[] = {
		"69c4e0d86a7b0430d8cdb78070b4c55a",
		"dda97ca4864cdfe06eaf70a0ec0d7191",
		"8ea2b7ca516745bfeafc49904b496089",
	};
	u8 key[32], pt[16], ct[16];
	struct vsm_aes_key k;
	int i, v;
	int path;

	FOR_EACH_PATH(path) {
		for (i = 0; i < 32; i++)
			key[i] = (u8)i;
		unhex("00112233445566778899aabbccddeeff", pt, 16);
		for (v = 0; v < 3; v++) {
			EXPECT_EQ(vsm_aes_setkey(&k, key, 16 + 8 * v), 0);
			vsm_aes_encrypt_portable(&k, pt, ct);
			EXPECT(same(ct, want[v], 16));
			vsm_aes_encrypt(&k, pt, ct);
			EXPECT(same(ct, want[v], 16));
		}
		EXPECT_EQ(vsm_aes_setkey(&k, key, 31), -EINVAL);
		EXPECT_EQ(vsm_aes_setkey(&k, key, 0), -EINVAL);
	}
	vsm_crypto_accel = false;
}

TEST(gcm_specification_vectors)
{
	static const char p60a[] = "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72";
	static const char p60b[] = "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39";
	static const char c60a[] = "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa";
	static const char c60b[] = "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662";
	u8 key[32] = { 0 }, iv[12] = { 0 }, pt[64] = { 0 }, ct[64], tag[16], aad[20];
	struct vsm_gcm g;
	int path;

	FOR_EACH_PATH(path) {
		/* Test cases 13 and 14: zero key and IV. */
		memset(key, 0, sizeof(key));
		memset(iv, 0, sizeof(iv));
		memset(pt, 0, sizeof(pt));
		EXPECT_EQ(vsm_gcm_setkey(&g, key, 32), 0);
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 12, NULL, 0, NULL, 0, NULL, tag, 16), 0);
		EXPECT(same(tag, "530f8afbc74536b9a963b4f1c4cb738b", 16));
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 12, NULL, 0, pt, 16, ct, tag, 16), 0);
		EXPECT(same(ct, "cea7403d4d606b6e074ec5d3baf39d18", 16));
		EXPECT(same(tag, "d0d1c8a799996bf0265b98b5d48ab919", 16));

		/* Test case 16: 60 bytes with associated data. */
		unhex("feffe9928665731c6d6a8f9467308308feffe9928665731c6d6a8f9467308308",
		      key, 32);
		unhex("cafebabefacedbaddecaf888", iv, 12);
		unhex(p60a, pt, 32);
		unhex(p60b, pt + 32, 28);
		unhex("feedfacedeadbeeffeedfacedeadbeefabaddad2", aad, 20);
		EXPECT_EQ(vsm_gcm_setkey(&g, key, 32), 0);
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 12, aad, 20, pt, 60, ct, tag, 16), 0);
		EXPECT(same(ct, c60a, 32) && same(ct + 32, c60b, 28));
		EXPECT(same(tag, "76fc6ece0f4e1768cddf8853bb2d551b", 16));
		memset(pt, 0, sizeof(pt));
		EXPECT_EQ(vsm_gcm_open(&g, iv, 12, aad, 20, ct, 60, tag, 16, pt), 0);
		EXPECT(same(pt, p60a, 32) && same(pt + 32, p60b, 28));
	}
	vsm_crypto_accel = false;
}

TEST(gcm_rejects_forgeries_without_output)
{
	u8 key[32] = { 1 }, iv[12] = { 2 }, pt[40], ct[40], tag[16], out[40];
	struct vsm_gcm g;
	int i;
	int path;

	FOR_EACH_PATH(path) {
		memset(pt, 0x77, sizeof(pt));
		vsm_gcm_setkey(&g, key, 32);
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 12, (u8 *)"ad", 2, pt, 40, ct, tag, 16), 0);
		for (i = 0; i < 40 * 8; i += 37) {
			ct[i / 8] ^= 1 << (i % 8);
			memset(out, 0xee, sizeof(out));
			EXPECT_EQ(vsm_gcm_open(&g, iv, 12, (u8 *)"ad", 2, ct, 40, tag, 16, out),
				  -EBADMSG);
			EXPECT_EQ(out[0], 0xee);	/* nothing decrypted */
			ct[i / 8] ^= 1 << (i % 8);
		}
		tag[15] ^= 0x80;
		EXPECT_EQ(vsm_gcm_open(&g, iv, 12, (u8 *)"ad", 2, ct, 40, tag, 16, out), -EBADMSG);
		tag[15] ^= 0x80;
		EXPECT_EQ(vsm_gcm_open(&g, iv, 12, (u8 *)"aD", 2, ct, 40, tag, 16, out), -EBADMSG);
		EXPECT_EQ(vsm_gcm_open(&g, iv, 12, (u8 *)"ad", 2, ct, 40, tag, 16, out), 0);
		EXPECT(!memcmp(out, pt, 40));
		/* Bad lengths. */
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 0, NULL, 0, pt, 1, ct, tag, 16), -EINVAL);
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 12, NULL, 0, pt, 1, ct, tag, 3), -EINVAL);
		EXPECT_EQ(vsm_gcm_seal(&g, iv, 12, NULL, 0, pt, 1, ct, tag, 17), -EINVAL);
	}
	vsm_crypto_accel = false;
}

static void fill(u8 *p, size_t n)
{
	while (n--)
		*p++ = (u8)random();
}

/* One random GCM case against OpenSSL; returns 0 if both agree. */
static int gcm_vs_openssl(size_t key_len, size_t iv_len, size_t aad_len,
			  size_t len, size_t tag_len)
{
	u8 key[32], iv[64], aad[300], pt[1100], ct[1100], ref[1100], back[1100];
	u8 tag[16], rtag[16];
	struct vsm_gcm g;
	int bad = 0;

	fill(key, key_len);
	fill(iv, iv_len);
	fill(aad, aad_len);
	fill(pt, len);
	ref_gcm_seal(key, key_len, iv, iv_len, aad, aad_len, pt, len, ref, rtag);

	bad |= vsm_gcm_setkey(&g, key, key_len);
	bad |= vsm_gcm_seal(&g, iv, iv_len, aad, aad_len, pt, len, ct, tag, tag_len);
	bad |= memcmp(ct, ref, len) || memcmp(tag, rtag, tag_len);
	bad |= vsm_gcm_open(&g, iv, iv_len, aad, aad_len, ct, len, rtag, tag_len, back);
	bad |= memcmp(back, pt, len);
	return bad;
}

TEST(gcm_matches_openssl)
{
	int i, bad = 0;
	int path;

	FOR_EACH_PATH(path) {
		srandom(1);
		for (i = 0; i < 600; i++) {
			size_t iv_len = i % 5 ? 12 : 1 + random() % 64;

			bad += !!gcm_vs_openssl(16 + 8 * (i % 3), iv_len, random() % 300,
						i < 200 ? (size_t)i : (size_t)(random() % 1100),
						4 + random() % 13);
		}
		EXPECT_EQ(bad, 0);
	}
	vsm_crypto_accel = false;
}

TEST(hmac_rfc4231_vectors)
{
	u8 key[131], mac[32], data[152];
	int p;

	FOR_EACH_SHA_PATH(p) {
		memset(key, 0x0b, 20);
		vsm_hmac_sha256(key, 20, "Hi There", 8, mac);
		EXPECT(same(mac, "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7",
			    32));
		vsm_hmac_sha256((const u8 *)"Jefe", 4, "what do ya want for nothing?", 28, mac);
		EXPECT(same(mac, "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843",
			    32));
		/* Test case 6: a key longer than a block. */
		memset(key, 0xaa, sizeof(key));
		memcpy(data, "Test Using Larger Than Block-Size Key - Hash Key First", 54);
		vsm_hmac_sha256(key, 131, data, 54, mac);
		EXPECT(same(mac, "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
			    32));
		EXPECT(vsm_hmac_verify(key, 131, data, 54, mac, 32));
		EXPECT(vsm_hmac_verify(key, 131, data, 54, mac, 16));
		mac[31] ^= 1;
		EXPECT(!vsm_hmac_verify(key, 131, data, 54, mac, 32));
		EXPECT(!vsm_hmac_verify(key, 131, data, 54, mac, 0));
		EXPECT(!vsm_hmac_verify(key, 131, data, 54, mac, 33));
	}
	vsm_crypto_accel_sha = false;
}

TEST(hmac_matches_openssl)
{
	u8 key[200], data[600], mac[32], ref[32];
	unsigned int n;
	int i, p, bad = 0;

	FOR_EACH_SHA_PATH(p) {
		srandom(2);
		for (i = 0; i < 400; i++) {
			size_t kl = random() % 200, dl = random() % 600;

			fill(key, kl);
			fill(data, dl);
			vsm_hmac_sha256(key, kl, data, dl, mac);
			HMAC(EVP_sha256(), key, (int)kl, data, dl, ref, &n);
			bad += !!memcmp(mac, ref, 32);
		}
	}
	vsm_crypto_accel_sha = false;
	EXPECT_EQ(bad, 0);
}

TEST(hkdf_rfc5869_vectors)
{
	u8 ikm[22], salt[13], info[10], okm[82], prk[32];
	int i;

	memset(ikm, 0x0b, sizeof(ikm));
	for (i = 0; i < 13; i++)
		salt[i] = (u8)i;
	for (i = 0; i < 10; i++)
		info[i] = (u8)(0xf0 + i);
	vsm_hkdf_extract(salt, 13, ikm, 22, prk);
	EXPECT(same(prk, "077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", 32));
	EXPECT_EQ(vsm_hkdf(salt, 13, ikm, 22, info, 10, okm, 42), 0);
	EXPECT(same(okm, "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf", 32));
	EXPECT(same(okm + 32, "34007208d5b887185865", 10));
	/* Test case 3: no salt, no info. */
	EXPECT_EQ(vsm_hkdf(NULL, 0, ikm, 22, NULL, 0, okm, 42), 0);
	EXPECT(same(okm, "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d", 32));
	EXPECT(same(okm + 32, "9d201395faa4b61a96c8", 10));
	EXPECT_EQ(vsm_hkdf(salt, 13, ikm, 22, info, 10, okm, VSM_HKDF_MAX_OUT + 1), -EINVAL);
}

TEST(hkdf_matches_openssl)
{
	u8 salt[80], ikm[80], info[80], okm[1000], ref[1000];
	int i, bad = 0;

	srandom(3);
	for (i = 0; i < 200; i++) {
		size_t sl = random() % 80, kl = 1 + random() % 79, il = random() % 80;
		size_t ol = 1 + random() % 1000;
		EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_id(EVP_PKEY_HKDF, NULL);
		size_t rl = ol;

		fill(salt, sl);
		fill(ikm, kl);
		fill(info, il);
		EVP_PKEY_derive_init(pc);
		EVP_PKEY_CTX_set_hkdf_md(pc, EVP_sha256());
		EVP_PKEY_CTX_set1_hkdf_salt(pc, salt, (int)sl);
		EVP_PKEY_CTX_set1_hkdf_key(pc, ikm, (int)kl);
		EVP_PKEY_CTX_add1_hkdf_info(pc, info, (int)il);
		bad += EVP_PKEY_derive(pc, ref, &rl) != 1;
		EVP_PKEY_CTX_free(pc);
		bad += vsm_hkdf(salt, sl, ikm, kl, info, il, okm, ol) != 0;
		bad += !!memcmp(okm, ref, ol);
	}
	EXPECT_EQ(bad, 0);
}

TEST(crypto_fast_path_is_tested_here)
{
	if (!vsm_crypto_accel_supported())
		printf("# this CPU lacks AES-NI/PCLMULQDQ: only the portable path was tested\n");
	EXPECT(!vsm_crypto_accel);
}
