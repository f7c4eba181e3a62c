// SPDX-License-Identifier: GPL-2.0
/*
 * vsm-ops-bench - drive the secure world's key store (built hosted) through
 * COUNT operations of one kind, for an instruction counter (scripts/bench
 * runs it under valgrind's callgrind with COUNT 0 and COUNT N: the
 * difference over N is what one operation costs the secure world).
 *
 * Usage: vsm-ops-bench [--openssl] seal|open|sign SIZE COUNT
 * --openssl does the same work with OpenSSL's EVP (a random IV from
 * RAND_bytes, the key set up for each operation), the reference figure.
 * AES-NI and PCLMULQDQ are used where the CPU has them, as in the secure
 * world; SHA-256 (HMAC) is the portable code, because valgrind cannot run
 * the SHA extensions, so sign figures are those of a CPU without them.
 */
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/crypto/accel.h"
#include "../../kmod/common/keystore.h"

static const char secret[] = "vsm-ops-bench domain secret";

static int entropy(void *ctx, u8 *out, size_t len)
{
	static u8 counter;

	while (len--)
		*out++ = (u8)(counter++ * 167 + 13);
	return 0;
}

static void audit(void *ctx, u32 domain, u32 key, u32 op, s32 result)
{
}

static u64 now(void *ctx)
{
	return 1;
}

static struct vsm_keystore ks;
static u8 ct[VSM_KS_DATA_MAX];
static const struct vsm_ks_env env = { NULL, entropy, audit, now };
static struct vsm_ks_req *req;

/* Run one request of @op (its other fields set by the caller). */
static void run(const char *what)
{
	vsm_ks_handle(&ks, &env, req);
	if (req->result) {
		fprintf(stderr, "vsm-ops-bench: %s: error %d\n", what, req->result);
		exit(1);
	}
}

static struct vsm_ks_req *start(u32 op, u32 session)
{
	memset(req, 0, sizeof(*req));
	req->op = op;
	req->session = session;
	req->out_max = VSM_KS_PAYLOAD_MAX;
	return req;
}

static u32 make_key(u32 session, u32 type, u32 usage)
{
	start(VSM_KS_CREATE, session);
	req->type = type;
	req->usage = usage;
	memcpy(req->label, "bench", 5);
	run("create key");
	return req->new_id;
}

/*
 * The same work with OpenSSL: @count operations of @op on @size bytes,
 * after one more that sets up what OpenSSL sets up on first use (its
 * random generator, the digest's method), so COUNT 0 includes it.
 */
static int openssl_ops(const char *op, u32 size, long count)
{
	static const u8 key[32] = { 1, 2, 3 };
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	u8 iv[12] = { 0 }, tag[16], mac[32];
	unsigned int mac_len;
	long i;
	int n;

	/* A ciphertext for open. */
	EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
	EVP_EncryptUpdate(ctx, ct, &n, ct, (int)size);
	EVP_EncryptFinal_ex(ctx, ct + n, &n);
	EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag);
	for (i = -1; i < count; i++) {
		if (!strcmp(op, "sign")) {
			HMAC(EVP_sha256(), key, 32, ct, size, mac, &mac_len);
		} else if (!strcmp(op, "seal")) {
			static u8 out[VSM_KS_DATA_MAX + 16];
			u8 t[16];

			if (RAND_bytes(iv, sizeof(iv)) != 1)
				return 1;
			EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
			EVP_EncryptUpdate(ctx, out, &n, ct, (int)size);
			EVP_EncryptFinal_ex(ctx, out + n, &n);
			EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, t);
		} else {
			static u8 out[VSM_KS_DATA_MAX + 16];

			memset(iv, 0, sizeof(iv));
			EVP_DecryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, iv);
			EVP_DecryptUpdate(ctx, out, &n, ct, (int)size);
			EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, 16, tag);
			if (EVP_DecryptFinal_ex(ctx, out + n, &n) != 1)
				return 1;
		}
	}
	EVP_CIPHER_CTX_free(ctx);
	return 0;
}

int main(int argc, char **argv)
{
	u8 iv[12], tag[16];
	u32 domain, session, aead, mac, size;
	bool openssl = argc > 1 && !strcmp(argv[1], "--openssl");
	long count, i;
	const char *op;

	argc -= openssl;
	argv += openssl;
	if (argc != 4 || (strcmp(argv[1], "seal") && strcmp(argv[1], "open") &&
			  strcmp(argv[1], "sign"))) {
		fprintf(stderr, "usage: vsm-ops-bench [--openssl] seal|open|sign SIZE COUNT\n");
		return 2;
	}
	op = argv[1];
	size = (u32)strtoul(argv[2], NULL, 0);
	count = strtol(argv[3], NULL, 0);
	if (size > VSM_KS_DATA_MAX || count < 0) {
		fprintf(stderr, "vsm-ops-bench: SIZE at most %d, COUNT not negative\n",
			VSM_KS_DATA_MAX);
		return 2;
	}
	if (openssl)
		return openssl_ops(op, size, count);
	req = calloc(1, sizeof(*req) + VSM_KS_PAYLOAD_MAX);
	if (!req)
		return 1;
	/* As the secure world does where the CPU has AES-NI and PCLMULQDQ. */
	vsm_crypto_accel = vsm_crypto_accel_supported();
	start(VSM_KS_DOMAIN_CREATE, 0);
	req->secret_len = sizeof(secret) - 1;
	memcpy(req->secret, secret, req->secret_len);
	req->max_keys = 4;
	req->max_bytes = 256;
	run("create domain");
	domain = req->new_id;
	start(VSM_KS_DOMAIN_BIND, 0);
	req->domain_id = domain;
	req->secret_len = sizeof(secret) - 1;
	memcpy(req->secret, secret, req->secret_len);
	run("bind domain");
	session = req->new_id;
	aead = make_key(session, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT | VSM_KS_USE_DECRYPT);
	mac = make_key(session, VSM_KS_HMAC_SHA256, VSM_KS_USE_SIGN);
	/* A ciphertext for open. */
	start(VSM_KS_SEAL, session);
	req->key_id = aead;
	req->in_len = size;
	run("seal");
	memcpy(iv, req->iv, sizeof(iv));
	memcpy(tag, req->tag, sizeof(tag));
	memcpy(ct, req->payload, size);
	for (i = 0; i < count; i++) {
		if (!strcmp(op, "sign")) {
			start(VSM_KS_SIGN, session);
			req->key_id = mac;
			req->tag_len = 32;
		} else if (!strcmp(op, "seal")) {
			start(VSM_KS_SEAL, session);
			req->key_id = aead;
		} else {
			start(VSM_KS_OPEN, session);
			req->key_id = aead;
			memcpy(req->payload, ct, size);
			memcpy(req->iv, iv, sizeof(iv));
			memcpy(req->tag, tag, sizeof(tag));
		}
		req->in_len = size;
		run(op);
	}
	return 0;
}
