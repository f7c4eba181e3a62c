// SPDX-License-Identifier: GPL-2.0
/*
 * vsm-crypto-bench - the secure world's crypto against OpenSSL's EVP on
 * this machine, in the same run: AES-256-GCM seal, HMAC-SHA256 and
 * SHA-256 at 64 B, 1 KiB and 16 KiB.  Wall-clock figures mean little on
 * their own, so the table reports the ratio vsm / OpenSSL (1.0 = as fast).
 *
 * Usage: vsm-crypto-bench [--json]
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "../../kmod/common/crypto/accel.h"
#include "../../kmod/common/crypto/gcm.h"
#include "../../kmod/common/crypto/hmac.h"

static u8 buf[16384], out[16384 + 16];
static const u8 key[32] = { 1, 2, 3 };
static const u8 iv[12] = { 4, 5, 6 };

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

enum op { GCM_VSM, GCM_SSL, HMAC_VSM, HMAC_SSL, SHA_VSM, SHA_SSL };

static void run_once(enum op op, size_t len, EVP_CIPHER_CTX *ctx, struct vsm_gcm *g)
{
	u8 tag[32];
	unsigned int n32;
	int n;

	switch (op) {
	case GCM_VSM:
		vsm_gcm_seal(g, iv, 12, NULL, 0, buf, len, out, tag, 16);
		break;
	case GCM_SSL:
		EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv);
		EVP_EncryptUpdate(ctx, out, &n, buf, (int)len);
		EVP_EncryptFinal_ex(ctx, out + n, &n);
		EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag);
		break;
	case HMAC_VSM:
		vsm_hmac_sha256(key, 32, buf, len, tag);
		break;
	case HMAC_SSL:
		HMAC(EVP_sha256(), key, 32, buf, len, tag, &n32);
		break;
	case SHA_VSM: {
		struct vsm_sha256 s;

		vsm_sha256_init_accel(&s, vsm_crypto_accel_sha);
		vsm_sha256_update(&s, buf, len);
		vsm_sha256_final(&s, tag);
		break;
	}
	case SHA_SSL:
		SHA256(buf, len, tag);
		break;
	}
}

/* Bytes per second of @op at @len, best of three 0.2 s runs. */
static double rate(enum op op, size_t len, EVP_CIPHER_CTX *ctx, struct vsm_gcm *g)
{
	double best = 0, t0, t;
	long iters, i;
	int r;

	for (r = 0; r < 3; r++) {
		iters = 0;
		t0 = now();
		do {
			for (i = 0; i < 64; i++)
				run_once(op, len, ctx, g);
			iters += 64;
			t = now() - t0;
		} while (t < 0.2);
		if (iters * len / t > best)
			best = iters * len / t;
	}
	return best;
}

int main(int argc, char **argv)
{
	static const size_t sizes[] = { 64, 1024, 16384 };
	static const char *const names[] = { "AES-256-GCM seal", "HMAC-SHA256", "SHA-256" };
	int json = argc > 1 && !strcmp(argv[1], "--json");
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	struct vsm_gcm g;
	int a, s;

	vsm_crypto_accel = vsm_crypto_accel_supported();
	vsm_crypto_accel_sha = vsm_crypto_accel_sha_supported();
	vsm_gcm_setkey(&g, key, 32);
	EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
	if (!json)
		printf("%-18s %7s %12s %12s %7s   (fast paths: AES-GCM %s, SHA-256 %s)\n", "operation", "bytes",
		       "vsm MB/s", "OpenSSL MB/s", "ratio", vsm_crypto_accel ? "yes" : "no",
		       vsm_crypto_accel_sha ? "yes" : "no");
	for (a = 0; a < 3; a++) {
		for (s = 0; s < 3; s++) {
			double v = rate((enum op)(2 * a), sizes[s], ctx, &g);
			double o = rate((enum op)(2 * a + 1), sizes[s], ctx, &g);

			if (json) {
				printf("{\"op\": \"%s\", \"bytes\": %zu, ", names[a], sizes[s]);
				printf("\"vsm_mbps\": %.1f, \"openssl_mbps\": %.1f, ", v / 1e6, o / 1e6);
				printf("\"ratio\": %.3f}\n", v / o);
			} else {
				printf("%-18s %7zu %12.1f %12.1f %7.3f\n", names[a], sizes[s],
				       v / 1e6, o / 1e6, v / o);
			}
		}
	}
	EVP_CIPHER_CTX_free(ctx);
	return 0;
}
