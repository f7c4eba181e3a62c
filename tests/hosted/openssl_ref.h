/* SPDX-License-Identifier: GPL-2.0 */
/* OpenSSL as the reference for the differential tests and fuzz targets. */
#ifndef VSM_TEST_OPENSSL_REF_H
#define VSM_TEST_OPENSSL_REF_H

#include <openssl/evp.h>
#include <stddef.h>
#include <stdint.h>

/* AES-GCM seal with OpenSSL: @ct gets @len bytes, @tag the full 16. */
static inline void ref_gcm_seal(const uint8_t *key, size_t key_len, const uint8_t *iv,
				size_t iv_len, const uint8_t *aad, size_t aad_len,
				const uint8_t *pt, size_t len, uint8_t *ct, uint8_t tag[16])
{
	static const EVP_CIPHER *(*const ciphers[])(void) = {
		EVP_aes_128_gcm, EVP_aes_192_gcm, EVP_aes_256_gcm,
	};
	EVP_CIPHER_CTX *ctx = EVP_CIPHER_CTX_new();
	int n;

	EVP_EncryptInit_ex(ctx, ciphers[(key_len - 16) / 8](), NULL, NULL, NULL);
	EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_IVLEN, (int)iv_len, NULL);
	EVP_EncryptInit_ex(ctx, NULL, NULL, key, iv);
	EVP_EncryptUpdate(ctx, NULL, &n, aad, (int)aad_len);
	EVP_EncryptUpdate(ctx, ct, &n, pt, (int)len);
	EVP_EncryptFinal_ex(ctx, ct + n, &n);
	EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, tag);
	EVP_CIPHER_CTX_free(ctx);
}

#endif /* VSM_TEST_OPENSSL_REF_H */
