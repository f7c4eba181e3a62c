// SPDX-License-Identifier: GPL-2.0
/*
 * RSASSA-PKCS1-v1_5 verification: s^e mod n, then an exact comparison with
 * the one encoding the digest may have (the DigestInfo with explicit NULL
 * parameters, as RFC 8017 writes it).  Rebuilding the expected block and
 * comparing it whole, rather than parsing what the signature decrypts to,
 * leaves no parser to fool (the Bleichenbacher-style forgeries that trip
 * lenient parsers).
 */
#include "../sha256.h"
#include "bignum.h"
#include "ct.h"
#include "rsa.h"
#include "sha512.h"

/* DER of DigestInfo up to the digest: SEQUENCE { AlgorithmIdentifier, OCTET STRING }. */
static const u8 prefix_sha256[] = {
	0x30, 0x31, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	0x02, 0x01, 0x05, 0x00, 0x04, 0x20,
};
static const u8 prefix_sha384[] = {
	0x30, 0x41, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	0x02, 0x02, 0x05, 0x00, 0x04, 0x30,
};
static const u8 prefix_sha512[] = {
	0x30, 0x51, 0x30, 0x0d, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04,
	0x02, 0x03, 0x05, 0x00, 0x04, 0x40,
};

/* Digest length of @hash, 0 if unknown. */
size_t vsm_hash_len(enum vsm_hash hash)
{
	switch (hash) {
	case VSM_HASH_SHA256:
		return 32;
	case VSM_HASH_SHA384:
		return 48;
	case VSM_HASH_SHA512:
		return 64;
	}
	return 0;
}

/* Hash @data with @hash into @out (vsm_hash_len() bytes). */
void vsm_hash(enum vsm_hash hash, const void *data, size_t len, u8 *out)
{
	if (hash == VSM_HASH_SHA256)
		vsm_sha256(data, len, out);
	else if (hash == VSM_HASH_SHA384)
		vsm_sha384(data, len, out);
	else if (hash == VSM_HASH_SHA512)
		vsm_sha512(data, len, out);
}

/* Hash @a then @b with @hash into @out, as one message. */
void vsm_hash2(enum vsm_hash hash, const void *a, size_t a_len, const void *b,
	       size_t b_len, u8 *out)
{
	struct vsm_sha256 s256;
	struct vsm_sha512 s512;

	if (hash == VSM_HASH_SHA256) {
		vsm_sha256_init(&s256);
		vsm_sha256_update(&s256, a, a_len);
		vsm_sha256_update(&s256, b, b_len);
		vsm_sha256_final(&s256, out);
		return;
	}
	if (hash == VSM_HASH_SHA384)
		vsm_sha384_init(&s512);
	else if (hash == VSM_HASH_SHA512)
		vsm_sha512_init(&s512);
	else
		return;
	vsm_sha512_update(&s512, a, a_len);
	vsm_sha512_update(&s512, b, b_len);
	vsm_sha512_final(&s512, out);
}

/**
 * vsm_rsa_pkcs1_verify() - check an RSASSA-PKCS1-v1_5 signature
 * @n: modulus, big-endian, 2048 to 4096 bits
 * @n_len: its length in bytes
 * @e: public exponent, big-endian (odd, at least 3)
 * @e_len: its length in bytes (at most 8)
 * @hash: the digest algorithm
 * @digest: the message's digest
 * @sig: the signature, exactly as long as the modulus
 * @sig_len: its length
 *
 * Return: 0 if it verifies; -EBADMSG if not; -EINVAL for a key or hash
 * this function does not accept.
 */
int vsm_rsa_pkcs1_verify(const u8 *n, size_t n_len, const u8 *e, size_t e_len,
			 enum vsm_hash hash, const u8 *digest, const u8 *sig,
			 size_t sig_len)
{
	struct vsm_mont m;
	u64 s[VSM_BN_LIMBS], r[VSM_BN_LIMBS];
	u8 em[VSM_BN_MAX_BITS / 8], want[VSM_BN_MAX_BITS / 8];
	size_t k, hlen = vsm_hash_len(hash), plen, i;
	const u8 *prefix;
	u64 ev = 0;

	while (n_len && !n[0]) {
		n++;
		n_len--;
	}
	while (e_len && !e[0]) {
		e++;
		e_len--;
	}
	if (!hlen || !e_len || e_len > 8 || n_len * 8 > VSM_BN_MAX_BITS ||
	    n_len * 8 < VSM_RSA_MIN_BITS || vsm_mont_init(&m, n, n_len))
		return -EINVAL;
	for (i = 0; i < e_len; i++)
		ev = ev << 8 | e[i];
	if (ev < 3 || !(ev & 1))
		return -EINVAL;
	k = n_len;
	if (sig_len != k || vsm_bn_from_be(s, m.limbs, sig, sig_len) ||
	    vsm_bn_cmp(s, m.n, m.limbs) >= 0)
		return -EBADMSG;
	vsm_mont_exp_public(&m, r, s, e, e_len);
	vsm_bn_to_be(em, k, r, m.limbs);

	prefix = hash == VSM_HASH_SHA256 ? prefix_sha256 :
		 hash == VSM_HASH_SHA384 ? prefix_sha384 : prefix_sha512;
	plen = sizeof(prefix_sha256);
	/* 0x00 0x01 FF..FF (at least 8) 0x00 DigestInfo */
	if (k < plen + hlen + 11)
		return -EINVAL;
	want[0] = 0x00;
	want[1] = 0x01;
	memset(want + 2, 0xff, k - plen - hlen - 3);
	want[k - plen - hlen - 1] = 0x00;
	memcpy(want + k - plen - hlen, prefix, plen);
	memcpy(want + k - hlen, digest, hlen);
	return vsm_ct_memeq(em, want, k) ? 0 : -EBADMSG;
}
