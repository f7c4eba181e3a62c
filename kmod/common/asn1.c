// SPDX-License-Identifier: GPL-2.0
/*
 * DER reading.  Every function checks lengths against what is left before
 * it reads, and refuses what DER forbids (indefinite or non-minimal
 * lengths, high tag numbers we never need), so that one encoding means one
 * thing.
 */
#include "asn1.h"

/**
 * vsm_der_next() - read one TLV
 * @in: cursor; advanced past the TLV on success
 * @tag: out: its tag byte
 * @content: out: its value
 *
 * Return: 0, or -EBADMSG for anything malformed (@in unchanged).
 */
int vsm_der_next(struct vsm_der *in, u8 *tag, struct vsm_der *content)
{
	size_t len, hdr = 2, i, nbytes;

	if (in->len < 2 || (in->p[0] & 0x1f) == 0x1f)
		return -EBADMSG;
	len = in->p[1];
	if (len & 0x80) {
		nbytes = len & 0x7f;
		/* No indefinite length, at most 4 length bytes, no leading zero. */
		if (!nbytes || nbytes > 4 || in->len < 2 + nbytes || !in->p[2])
			return -EBADMSG;
		len = 0;
		for (i = 0; i < nbytes; i++)
			len = len << 8 | in->p[2 + i];
		if (len < 0x80)
			return -EBADMSG;	/* the short form was required */
		hdr += nbytes;
	}
	if (len > in->len - hdr)
		return -EBADMSG;
	*tag = in->p[0];
	content->p = in->p + hdr;
	content->len = len;
	in->p += hdr + len;
	in->len -= hdr + len;
	return 0;
}

/* Read one TLV that must have @tag. */
int vsm_der_expect(struct vsm_der *in, u8 tag, struct vsm_der *content)
{
	struct vsm_der save = *in;
	u8 got;
	int ret = vsm_der_next(in, &got, content);

	if (!ret && got != tag) {
		*in = save;
		ret = -EBADMSG;
	}
	return ret;
}

/* Skip one TLV if it has @tag; 0 whether or not it was there. */
int vsm_der_skip_optional(struct vsm_der *in, u8 tag)
{
	struct vsm_der content;

	if (!in->len || in->p[0] != tag)
		return 0;
	return vsm_der_expect(in, tag, &content);
}

/* Is the OID's content exactly @der (its content bytes)? */
bool vsm_der_oid_is(const struct vsm_der *oid, const u8 *der, size_t len)
{
	return oid->len == len && !memcmp(oid->p, der, len);
}

/**
 * vsm_der_unsigned() - the magnitude of a non-negative INTEGER
 * @integer: the INTEGER's content
 * @magnitude: out: its bytes without the sign byte
 *
 * Return: 0, or -EBADMSG for an empty, negative or non-minimal encoding.
 */
int vsm_der_unsigned(const struct vsm_der *integer, struct vsm_der *magnitude)
{
	const u8 *p = integer->p;
	size_t len = integer->len;

	if (!len || p[0] & 0x80)
		return -EBADMSG;
	if (len > 1 && !p[0]) {
		if (!(p[1] & 0x80))
			return -EBADMSG;	/* a zero byte that was not needed */
		p++;
		len--;
	}
	magnitude->p = p;
	magnitude->len = len;
	return 0;
}

/* rsaEncryption, 1.2.840.113549.1.1.1 */
static const u8 oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };

/**
 * vsm_spki_rsa() - the RSA key in a SubjectPublicKeyInfo
 * @spki: the SubjectPublicKeyInfo SEQUENCE's content
 * @n: out: the modulus, big-endian, no sign byte
 * @e: out: the public exponent
 *
 * Return: 0, -EBADMSG for malformed DER, -EINVAL for a key that is not RSA.
 */
int vsm_spki_rsa(struct vsm_der spki, struct vsm_der *n, struct vsm_der *e)
{
	struct vsm_der alg, oid, bits, key, rsa, ni, ei, nul;
	u8 tag;

	if (vsm_der_expect(&spki, VSM_DER_SEQUENCE, &alg) ||
	    vsm_der_expect(&alg, VSM_DER_OID, &oid))
		return -EBADMSG;
	if (!vsm_der_oid_is(&oid, oid_rsa, sizeof(oid_rsa)))
		return -EINVAL;
	/* Parameters: NULL (required for rsaEncryption). */
	if (vsm_der_next(&alg, &tag, &nul) || tag != VSM_DER_NULL || nul.len || alg.len)
		return -EBADMSG;
	if (vsm_der_expect(&spki, VSM_DER_BIT_STRING, &bits) || spki.len ||
	    !bits.len || bits.p[0])
		return -EBADMSG;	/* no unused bits in a key */
	key.p = bits.p + 1;
	key.len = bits.len - 1;
	if (vsm_der_expect(&key, VSM_DER_SEQUENCE, &rsa) || key.len ||
	    vsm_der_expect(&rsa, VSM_DER_INTEGER, &ni) ||
	    vsm_der_expect(&rsa, VSM_DER_INTEGER, &ei) || rsa.len ||
	    vsm_der_unsigned(&ni, n) || vsm_der_unsigned(&ei, e))
		return -EBADMSG;
	return 0;
}

/**
 * vsm_x509_spki() - find the SubjectPublicKeyInfo of an X.509 certificate
 * @cert: DER certificate
 * @len: its length (exactly one certificate)
 * @spki: out: the SubjectPublicKeyInfo SEQUENCE's content
 *
 * Return: 0 or -EBADMSG.
 */
int vsm_x509_spki(const u8 *cert, size_t len, struct vsm_der *spki)
{
	struct vsm_der in = { cert, len }, c, tbs, skip;

	if (vsm_der_expect(&in, VSM_DER_SEQUENCE, &c) || in.len ||
	    vsm_der_expect(&c, VSM_DER_SEQUENCE, &tbs) ||
	    vsm_der_skip_optional(&tbs, VSM_DER_CONTEXT(0)) ||	/* version */
	    vsm_der_expect(&tbs, VSM_DER_INTEGER, &skip) ||	/* serial */
	    vsm_der_expect(&tbs, VSM_DER_SEQUENCE, &skip) ||	/* signature */
	    vsm_der_expect(&tbs, VSM_DER_SEQUENCE, &skip) ||	/* issuer */
	    vsm_der_expect(&tbs, VSM_DER_SEQUENCE, &skip) ||	/* validity */
	    vsm_der_expect(&tbs, VSM_DER_SEQUENCE, &skip) ||	/* subject */
	    vsm_der_expect(&tbs, VSM_DER_SEQUENCE, spki))
		return -EBADMSG;
	return 0;
}
