// SPDX-License-Identifier: GPL-2.0
/*
 * Code-integrity policy: every malformed image is refused with a reason;
 * hash rules, signer rules and modes decide as documented; a policy
 * update after the lock needs a policy key's signature and a higher serial.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/cipolicy.h"
#include "../../kmod/common/sha256.h"
#include "x509_util.h"

static u8 img[VSM_CI_MAX + 64];

static void put32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

struct cert_in {
	u32 kind;
	const u8 *der;
	u32 len;
};

/* Build an image; returns its length. */
static size_t build(u32 mode, u64 serial, const u8 (*hashes)[32], u32 nh,
		    const struct cert_in *certs, u32 nc)
{
	size_t n = VSM_CI_HDR_SIZE;
	u32 i;

	memset(img, 0, sizeof(img));
	memcpy(img, VSM_CI_MAGIC_BYTES, 8);
	put32(img + 12, mode);
	memcpy(img + 16, &serial, 8);
	put32(img + 24, nh);
	put32(img + 28, nc);
	for (i = 0; i < nh; i++, n += 32)
		memcpy(img + n, hashes[i], 32);
	for (i = 0; i < nc; i++) {
		put32(img + n, certs[i].kind);
		put32(img + n + 4, certs[i].len);
		memcpy(img + n + 8, certs[i].der, certs[i].len);
		n += 8 + ((certs[i].len + 7) & ~7U);
	}
	put32(img + 8, (u32)n);
	return n;
}

static int parse(size_t len, struct vsm_ci_policy *p, const char **why)
{
	return vsm_ci_policy_parse(img, len, p, why);
}

TEST(ci_policy_minimal_and_fields)
{
	struct vsm_ci_policy p;
	size_t n = build(VSM_CI_ENFORCE, 7, NULL, 0, NULL, 0);

	EXPECT_EQ(parse(n, &p, NULL), 0);
	EXPECT_EQ(p.mode, VSM_CI_ENFORCE);
	EXPECT_EQ(p.serial, 7);
	EXPECT_EQ(p.size, n);
	EXPECT_EQ(p.signed_len, 0);
}

TEST(ci_policy_malformed_images_are_refused)
{
	static const u8 h[2][32] = { { 1 }, { 2 } };
	static const u8 dup[2][32] = { { 2 }, { 2 } };
	struct vsm_ci_policy p;
	const char *why = NULL;
	size_t n;

	n = build(VSM_CI_AUDIT, 1, h, 2, NULL, 0);
	EXPECT_EQ(parse(n, &p, &why), 0);
	EXPECT_EQ(p.nr_hashes, 2);
	img[0] = 'X';
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	EXPECT(why && strstr(why, "magic"));
	n = build(VSM_CI_AUDIT, 1, h, 2, NULL, 0);
	EXPECT_EQ(parse(n - 1, &p, &why), -EINVAL);	/* size field */
	EXPECT_EQ(parse(VSM_CI_HDR_SIZE - 1, &p, &why), -EINVAL);
	put32(img + 12, 3);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	EXPECT(why && strstr(why, "mode"));
	n = build(VSM_CI_AUDIT, 1, h, 2, NULL, 0);
	img[39] = 1;
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	n = build(VSM_CI_AUDIT, 1, h, 2, NULL, 0);
	put32(img + 24, 3);				/* one hash too many */
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	put32(img + 24, 0xffffffff);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	n = build(VSM_CI_AUDIT, 1, h, 2, NULL, 0);
	put32(img + 24, 1);				/* 32 stray bytes */
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	n = build(VSM_CI_AUDIT, 1, dup, 2, NULL, 0);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	EXPECT(why && strstr(why, "ascending"));
	n = build(VSM_CI_AUDIT, 1, NULL, 0, NULL, 0);
	put32(img + 28, VSM_CI_NR_CERTS + 1);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	put32(img + 28, 1);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);	/* certificate header missing */
	EXPECT_EQ(parse(VSM_CI_MAX + 1, &p, &why), -EMSGSIZE);
}

TEST(ci_policy_certificates_are_checked)
{
	struct vsm_ci_policy p;
	struct cert_in c;
	EVP_PKEY *key, *small;
	u8 *der, *der_small, junk[64];
	const char *why = NULL;
	size_t n;

	c.len = make_cert(2048, &key, &der);
	c.der = der;
	c.kind = VSM_CI_KIND_MODULE;
	n = build(VSM_CI_AUDIT, 1, NULL, 0, &c, 1);
	EXPECT_EQ(parse(n, &p, &why), 0);
	EXPECT_EQ(p.nr_certs, 1);
	c.kind = 3;
	n = build(VSM_CI_AUDIT, 1, NULL, 0, &c, 1);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	c.kind = VSM_CI_KIND_POLICY;
	n = build(VSM_CI_AUDIT, 1, NULL, 0, &c, 1);
	img[n - 1] = 0xff;				/* padding, or the DER's end */
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	memset(junk, 0x30, sizeof(junk));
	c.der = junk;
	c.len = sizeof(junk);
	n = build(VSM_CI_AUDIT, 1, NULL, 0, &c, 1);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	EXPECT(why && strstr(why, "X.509"));
	c.len = make_cert(1024, &small, &der_small);	/* too small a key */
	c.der = der_small;
	n = build(VSM_CI_AUDIT, 1, NULL, 0, &c, 1);
	EXPECT_EQ(parse(n, &p, &why), -EINVAL);
	EXPECT(why && strstr(why, "RSA"));
	c.der = der;
	c.len = VSM_CI_CERT_BYTES + 1;
	n = build(VSM_CI_AUDIT, 1, NULL, 0, &c, 0);
	put32(img + 28, 1);
	put32(img + n, VSM_CI_KIND_MODULE);
	put32(img + n + 4, VSM_CI_CERT_BYTES + 1);
	put32(img + 8, (u32)n + 8);
	EXPECT_EQ(parse(n + 8, &p, &why), -EINVAL);
	OPENSSL_free(der);
	OPENSSL_free(der_small);
	EVP_PKEY_free(key);
	EVP_PKEY_free(small);
}

TEST(ci_rules_and_modes)
{
	static const u8 module[] = "\177ELF pretend module";
	static const u8 other[] = "\177ELF another module";
	u8 hashes[1][32];
	struct vsm_ci_policy p;
	struct vsm_ci_verdict v;
	size_t n;

	vsm_sha256(module, sizeof(module), hashes[0]);
	vsm_ci_judge_file(NULL, other, sizeof(other), &v);
	EXPECT_EQ(v.result, VSM_CI_RES_NO_POLICY);
	n = build(VSM_CI_AUDIT, 1, hashes, 1, NULL, 0);
	EXPECT_EQ(parse(n, &p, NULL), 0);
	vsm_ci_judge_file(&p, module, sizeof(module), &v);
	EXPECT_EQ(v.result, VSM_CI_RES_HASH);
	vsm_ci_judge_file(&p, other, sizeof(other), &v);
	EXPECT_EQ(v.result, VSM_CI_RES_AUDIT_ONLY);
	EXPECT_EQ(v.detail, VSM_CI_WHY_NO_SIGNATURE);
	EXPECT(vsm_ci_allowed(&v));
	n = build(VSM_CI_ENFORCE, 1, hashes, 1, NULL, 0);
	EXPECT_EQ(parse(n, &p, NULL), 0);
	vsm_ci_judge_file(&p, other, sizeof(other), &v);
	EXPECT_EQ(v.result, VSM_CI_RES_REFUSED);
	EXPECT(!vsm_ci_allowed(&v));
	vsm_ci_judge_file(&p, module, sizeof(module), &v);
	EXPECT(vsm_ci_allowed(&v));
}

TEST(ci_signer_rules)
{
	static const u8 module[] = "\177ELF a module to sign, long enough to matter";
	EVP_PKEY *k1, *k2;
	u8 *d1, *d2, *signed1, *signed2;
	size_t n1, n2, n;
	struct cert_in c;
	struct vsm_ci_policy p;
	struct vsm_ci_verdict v;

	c.len = make_cert(2048, &k1, &d1);
	c.der = d1;
	c.kind = VSM_CI_KIND_MODULE;
	signed1 = sign_appended(k1, d1, c.len, module, sizeof(module), &n1);
	n = (size_t)make_cert(2048, &k2, &d2);
	signed2 = sign_appended(k2, d2, (int)n, module, sizeof(module), &n2);
	n = build(VSM_CI_ENFORCE, 1, NULL, 0, &c, 1);
	EXPECT_EQ(parse(n, &p, NULL), 0);
	vsm_ci_judge_file(&p, signed1, n1, &v);
	EXPECT_EQ(v.result, VSM_CI_RES_SIGNER);
	EXPECT_EQ(v.detail, 0);
	vsm_ci_judge_file(&p, signed2, n2, &v);		/* unlisted signer */
	EXPECT_EQ(v.result, VSM_CI_RES_REFUSED);
	EXPECT_EQ(v.detail, VSM_CI_WHY_NO_SIGNER);
	signed1[3] ^= 1;					/* tampered */
	vsm_ci_judge_file(&p, signed1, n1, &v);
	EXPECT_EQ(v.result, VSM_CI_RES_REFUSED);
	EXPECT_EQ(v.detail, VSM_CI_WHY_NO_SIGNER);
	signed1[3] ^= 1;
	signed1[n1 - 40] ^= 0xff;				/* broken trailer */
	vsm_ci_judge_file(&p, signed1, n1, &v);
	EXPECT_EQ(v.detail, VSM_CI_WHY_MALFORMED);
	/* a policy certificate does not sign modules */
	c.kind = VSM_CI_KIND_POLICY;
	n = build(VSM_CI_ENFORCE, 1, NULL, 0, &c, 1);
	EXPECT_EQ(parse(n, &p, NULL), 0);
	signed1[n1 - 40] ^= 0xff;
	vsm_ci_judge_file(&p, signed1, n1, &v);
	EXPECT_EQ(v.result, VSM_CI_RES_REFUSED);
	free(signed1);
	free(signed2);
	OPENSSL_free(d1);
	OPENSSL_free(d2);
	EVP_PKEY_free(k1);
	EVP_PKEY_free(k2);
}

/* Sign the @n-byte image in img with @key and @cert, in place; its new length. */
static size_t sign_img(EVP_PKEY *key, struct cert_in cert, size_t n)
{
	size_t sn;
	u8 *signed_img = sign_appended(key, cert.der, (int)cert.len, img, n, &sn);

	memcpy(img, signed_img, sn);
	free(signed_img);
	return sn;
}

TEST(ci_policy_updates_after_the_lock)
{
	static u8 cur_img[VSM_CI_MAX];
	EVP_PKEY *pk, *mk;
	u8 *pd, *md;
	struct cert_in c[2];
	struct vsm_ci_policy cur, next;
	size_t n, sn;

	c[0].len = make_cert(2048, &pk, &pd);
	c[0].der = pd;
	c[0].kind = VSM_CI_KIND_POLICY;
	c[1].len = make_cert(2048, &mk, &md);
	c[1].der = md;
	c[1].kind = VSM_CI_KIND_MODULE;
	n = build(VSM_CI_AUDIT, 5, NULL, 0, c, 2);
	memcpy(cur_img, img, n);
	EXPECT_EQ(vsm_ci_policy_parse(cur_img, n, &cur, NULL), 0);

	/* unsigned: refused */
	n = build(VSM_CI_ENFORCE, 6, NULL, 0, c, 2);
	EXPECT_EQ(parse(n, &next, NULL), 0);
	EXPECT_EQ(vsm_ci_policy_check_update(&cur, img, &next), -EPERM);
	EXPECT_EQ(vsm_ci_policy_check_update(NULL, img, &next), -EPERM);
	/* signed by the policy key, higher serial: accepted */
	sn = sign_img(pk, c[0], n);
	EXPECT_EQ(parse(sn, &next, NULL), 0);
	EXPECT_EQ(next.signed_len, sn);
	EXPECT_EQ(next.size, n);
	EXPECT_EQ(vsm_ci_policy_check_update(&cur, img, &next), 0);
	/* a changed byte breaks the signature */
	img[12] = VSM_CI_AUDIT;
	EXPECT_EQ(parse(sn, &next, NULL), 0);
	EXPECT_EQ(vsm_ci_policy_check_update(&cur, img, &next), -EPERM);
	/* the same serial (a replay): refused */
	n = build(VSM_CI_ENFORCE, 5, NULL, 0, c, 2);
	sn = sign_img(pk, c[0], n);
	EXPECT_EQ(parse(sn, &next, NULL), 0);
	EXPECT_EQ(vsm_ci_policy_check_update(&cur, img, &next), -EPERM);
	/* signed by the module key: refused */
	n = build(VSM_CI_ENFORCE, 9, NULL, 0, c, 2);
	sn = sign_img(mk, c[1], n);
	EXPECT_EQ(parse(sn, &next, NULL), 0);
	EXPECT_EQ(vsm_ci_policy_check_update(&cur, img, &next), -EPERM);
	OPENSSL_free(pd);
	OPENSSL_free(md);
	EVP_PKEY_free(pk);
	EVP_PKEY_free(mk);
}
