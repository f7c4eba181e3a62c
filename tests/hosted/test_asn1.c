// SPDX-License-Identifier: GPL-2.0
/*
 * The DER reader: what strict DER forbids is refused; RSA keys come out of
 * certificates OpenSSL makes exactly as OpenSSL reads them; every
 * truncation of a certificate is refused.
 */
#include <openssl/bn.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/asn1.h"
#include "x509_util.h"

static int next(const u8 *bytes, size_t len, u8 *tag, struct vsm_der *c)
{
	struct vsm_der in = { bytes, len };

	return vsm_der_next(&in, tag, c);
}

TEST(der_strictness)
{
	static const u8 ok_short[] = { 0x04, 0x02, 0xaa, 0xbb };
	static const u8 indefinite[] = { 0x30, 0x80, 0x00, 0x00 };
	static const u8 long_small[] = { 0x04, 0x81, 0x02, 0xaa, 0xbb };
	static const u8 long_zero[] = { 0x04, 0x82, 0x00, 0x81 };
	static const u8 too_long[] = { 0x04, 0x03, 0xaa, 0xbb };
	static const u8 high_tag[] = { 0x1f, 0x81, 0x01, 0x00 };
	static const u8 five_len[] = { 0x04, 0x85, 0x01, 0x00, 0x00, 0x00, 0x00 };
	struct vsm_der c, mag;
	u8 tag, big[300];

	EXPECT_EQ(next(ok_short, sizeof(ok_short), &tag, &c), 0);
	EXPECT_EQ(tag, VSM_DER_OCTET_STRING);
	EXPECT_EQ(c.len, 2);
	EXPECT_EQ(next(indefinite, sizeof(indefinite), &tag, &c), -EBADMSG);
	EXPECT_EQ(next(long_small, sizeof(long_small), &tag, &c), -EBADMSG);
	EXPECT_EQ(next(long_zero, sizeof(long_zero), &tag, &c), -EBADMSG);
	EXPECT_EQ(next(too_long, sizeof(too_long), &tag, &c), -EBADMSG);
	EXPECT_EQ(next(high_tag, sizeof(high_tag), &tag, &c), -EBADMSG);
	EXPECT_EQ(next(five_len, sizeof(five_len), &tag, &c), -EBADMSG);
	EXPECT_EQ(next(ok_short, 1, &tag, &c), -EBADMSG);
	/* A proper long form. */
	memset(big, 0, sizeof(big));
	big[0] = 0x04;
	big[1] = 0x82;
	big[2] = 0x01;
	big[3] = 0x00;
	EXPECT_EQ(next(big, 4 + 256, &tag, &c), 0);
	EXPECT_EQ(c.len, 256);
	EXPECT_EQ(next(big, 4 + 255, &tag, &c), -EBADMSG);

	/* INTEGERs: negative, needless zero, fine. */
	c.p = (const u8 *)"\x80";
	c.len = 1;
	EXPECT_EQ(vsm_der_unsigned(&c, &mag), -EBADMSG);
	c.p = (const u8 *)"\x00\x7f";
	c.len = 2;
	EXPECT_EQ(vsm_der_unsigned(&c, &mag), -EBADMSG);
	c.p = (const u8 *)"\x00\x80";
	EXPECT_EQ(vsm_der_unsigned(&c, &mag), 0);
	EXPECT_EQ(mag.len, 1);
	EXPECT_EQ(mag.p[0], 0x80);
	c.len = 0;
	EXPECT_EQ(vsm_der_unsigned(&c, &mag), -EBADMSG);
}

static bool same_bn(const struct vsm_der *v, EVP_PKEY *key, const char *name)
{
	BIGNUM *bn = NULL;
	u8 buf[600];
	int n;
	bool ok;

	EVP_PKEY_get_bn_param(key, name, &bn);
	n = BN_bn2bin(bn, buf);
	ok = (size_t)n == v->len && !memcmp(buf, v->p, n);
	BN_free(bn);
	return ok;
}

TEST(x509_rsa_keys_as_openssl_reads_them)
{
	static const int sizes[] = { 2048, 4096 };
	struct vsm_der spki, n, e;
	EVP_PKEY *key;
	u8 *der;
	int s, len, cut, refused = 0;

	for (s = 0; s < 2; s++) {
		len = make_cert(sizes[s], &key, &der);
		EXPECT(len > 0);
		EXPECT_EQ(vsm_x509_spki(der, len, &spki), 0);
		EXPECT_EQ(vsm_spki_rsa(spki, &n, &e), 0);
		EXPECT(same_bn(&n, key, "n"));
		EXPECT(same_bn(&e, key, "e"));
		/* Every truncation, and one byte too many, is refused. */
		for (cut = 0; cut < len; cut++)
			refused += vsm_x509_spki(der, cut, &spki) != 0;
		EXPECT_EQ(refused, len);
		refused = 0;
		OPENSSL_free(der);
		EVP_PKEY_free(key);
	}
}

TEST(spki_refuses_other_keys)
{
	EVP_PKEY *ec = EVP_EC_gen("P-256");
	struct vsm_der spki, n, e;
	u8 *der = NULL;
	int len = i2d_PUBKEY(ec, &der);
	struct vsm_der in;

	EXPECT(len > 0);
	in.p = der;
	in.len = len;
	EXPECT_EQ(vsm_der_expect(&in, VSM_DER_SEQUENCE, &spki), 0);
	EXPECT_EQ(vsm_spki_rsa(spki, &n, &e), -EINVAL);
	OPENSSL_free(der);
	EVP_PKEY_free(ec);
}
