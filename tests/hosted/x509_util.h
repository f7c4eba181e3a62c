/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Test certificates and kernel-module style signatures, made with OpenSSL.
 */
#ifndef VSM_TEST_X509_UTIL_H
#define VSM_TEST_X509_UTIL_H

#include <openssl/evp.h>
#include <openssl/pkcs7.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

/* A self-signed certificate for a fresh RSA key of @bits, DER in *der. */
static inline int make_cert(int bits, EVP_PKEY **key, unsigned char **der)
{
	X509 *x = X509_new();
	int len;

	*key = EVP_RSA_gen(bits);
	X509_set_version(x, 2);
	ASN1_INTEGER_set(X509_get_serialNumber(x), 42);
	X509_gmtime_adj(X509_getm_notBefore(x), 0);
	X509_gmtime_adj(X509_getm_notAfter(x), 3600);
	X509_NAME_add_entry_by_txt(X509_get_subject_name(x), "CN", MBSTRING_ASC,
				   (const unsigned char *)"vsm test signer", -1, -1, 0);
	X509_set_issuer_name(x, X509_get_subject_name(x));
	X509_set_pubkey(x, *key);
	X509_sign(x, *key, EVP_sha256());
	*der = NULL;
	len = i2d_X509(x, der);
	X509_free(x);
	return len;
}

/*
 * @data followed by a PKCS#7 signature made as the kernel's sign-file
 * makes it (detached, no certificates, no attributes), its 12-byte
 * trailer and the marker.  Returns a malloc()ed buffer of *out_len bytes.
 */
static inline unsigned char *sign_appended(EVP_PKEY *key, const unsigned char *cert_der,
					   int cert_len, const void *data, size_t len,
					   size_t *out_len)
{
	static const char marker[] = "~Module signature appended~\n";
	const unsigned char *p = cert_der;
	X509 *x = d2i_X509(NULL, &p, cert_len);
	BIO *in = BIO_new_mem_buf(data, (int)len);
	PKCS7 *p7 = PKCS7_sign(x, key, NULL, in, PKCS7_NOATTR | PKCS7_BINARY |
			       PKCS7_DETACHED | PKCS7_NOCERTS);
	unsigned char *sig = NULL, *out;
	int sig_len = i2d_PKCS7(p7, &sig);
	size_t n = len + sig_len + 12 + sizeof(marker) - 1;

	out = calloc(1, n);
	memcpy(out, data, len);
	memcpy(out + len, sig, sig_len);
	out[len + sig_len + 2] = 2;	/* PKEY_ID_PKCS7 */
	out[len + sig_len + 8] = sig_len >> 24;
	out[len + sig_len + 9] = sig_len >> 16;
	out[len + sig_len + 10] = sig_len >> 8;
	out[len + sig_len + 11] = sig_len;
	memcpy(out + len + sig_len + 12, marker, sizeof(marker) - 1);
	*out_len = n;
	OPENSSL_free(sig);
	PKCS7_free(p7);
	BIO_free(in);
	X509_free(x);
	return out;
}

#endif /* VSM_TEST_X509_UTIL_H */
