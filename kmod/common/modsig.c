// SPDX-License-Identifier: GPL-2.0
/*
 * Module signature parsing and verification.
 *
 * The trailer sign-file writes: the module, the DER SignedData, a 12-byte
 * struct module_signature (id_type 2 = PKCS#7, big-endian sig_len last),
 * then the magic string.  The SignedData is detached (no content inside),
 * has exactly one signer, and either signs the module directly or signs a
 * set of attributes whose messageDigest is the module's digest.
 */
#include "crypto/ecdsa.h"
#include "crypto/rsa.h"
#include "modsig.h"

#define SIG_INFO_LEN	12
#define PKEY_ID_PKCS7	2

static const u8 oid_signed_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02 };
static const u8 oid_data[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01 };
static const u8 oid_message_digest[] = {
	0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x09, 0x04,
};
static const u8 oid_rsa[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01 };
static const u8 oid_ec_public_key[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01 };
static const u8 oid_p256[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x03, 0x01, 0x07 };
static const u8 oid_p384[] = { 0x2b, 0x81, 0x04, 0x00, 0x22 };

/* OIDs with a last byte that varies: the common prefix, then the byte. */
static const u8 oid_sha2_prefix[] = { 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02 };
static const u8 oid_rsa_sha_prefix[] = { 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01 };
static const u8 oid_ecdsa_sha_prefix[] = { 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x04, 0x03 };

/* The last byte of @oid if it is @prefix plus one byte, else -1. */
static int oid_suffix(const struct vsm_der *oid, const u8 *prefix, size_t len)
{
	if (oid->len != len + 1 || memcmp(oid->p, prefix, len))
		return -1;
	return oid->p[len];
}

/* An AlgorithmIdentifier: its OID, and parameters absent or NULL. */
static int algorithm(struct vsm_der *in, struct vsm_der *oid)
{
	struct vsm_der alg, params;
	u8 tag;

	if (vsm_der_expect(in, VSM_DER_SEQUENCE, &alg) ||
	    vsm_der_expect(&alg, VSM_DER_OID, oid))
		return -EBADMSG;
	if (alg.len && (vsm_der_next(&alg, &tag, &params) || tag != VSM_DER_NULL ||
			params.len || alg.len))
		return -EBADMSG;
	return 0;
}

static int digest_algorithm(const struct vsm_der *oid)
{
	switch (oid_suffix(oid, oid_sha2_prefix, sizeof(oid_sha2_prefix))) {
	case 1:
		return VSM_HASH_SHA256;
	case 2:
		return VSM_HASH_SHA384;
	case 3:
		return VSM_HASH_SHA512;
	}
	return 0;
}

/* rsaEncryption or sha*WithRSAEncryption / ecdsa-with-SHA*, agreeing with @hash. */
static int signature_algorithm(const struct vsm_der *oid, int hash)
{
	int rsa = oid_suffix(oid, oid_rsa_sha_prefix, sizeof(oid_rsa_sha_prefix));
	int ec = oid_suffix(oid, oid_ecdsa_sha_prefix, sizeof(oid_ecdsa_sha_prefix));

	if (vsm_der_oid_is(oid, oid_rsa, sizeof(oid_rsa)))
		return VSM_MODSIG_RSA;
	if (rsa >= 11 && rsa <= 13 && rsa - 10 == hash)
		return VSM_MODSIG_RSA;
	if (ec >= 2 && ec <= 4 && ec - 1 == hash)
		return VSM_MODSIG_ECDSA;
	return 0;
}

/* The messageDigest value among the signed attributes. */
static int find_message_digest(struct vsm_der attrs, struct vsm_der *digest)
{
	struct vsm_der attr, oid, values, value;
	bool found = false;

	while (attrs.len) {
		if (vsm_der_expect(&attrs, VSM_DER_SEQUENCE, &attr) ||
		    vsm_der_expect(&attr, VSM_DER_OID, &oid) ||
		    vsm_der_expect(&attr, VSM_DER_SET, &values) || attr.len)
			return -EBADMSG;
		if (!vsm_der_oid_is(&oid, oid_message_digest, sizeof(oid_message_digest)))
			continue;
		if (found || vsm_der_expect(&values, VSM_DER_OCTET_STRING, &value) || values.len)
			return -EBADMSG;	/* exactly one, with one value */
		*digest = value;
		found = true;
	}
	return found ? 0 : -EBADMSG;
}

static int parse_signer(struct vsm_der si, int hash, struct vsm_modsig *sig)
{
	struct vsm_der version, sid, oid;
	u8 tag;

	if (vsm_der_expect(&si, VSM_DER_INTEGER, &version) || version.len != 1 ||
	    version.p[0] != 1 ||
	    vsm_der_expect(&si, VSM_DER_SEQUENCE, &sid))
		return -EBADMSG;
	/* issuerAndSerialNumber */
	sig->issuer.p = sid.p;
	if (vsm_der_next(&sid, &tag, &oid) || tag != VSM_DER_SEQUENCE)
		return -EBADMSG;
	sig->issuer.len = sid.p - sig->issuer.p;
	if (vsm_der_expect(&sid, VSM_DER_INTEGER, &sig->serial) || sid.len)
		return -EBADMSG;
	if (algorithm(&si, &oid) || digest_algorithm(&oid) != hash)
		return -EBADMSG;
	memset(&sig->signed_attrs, 0, sizeof(sig->signed_attrs));
	if (si.len && si.p[0] == VSM_DER_CONTEXT(0)) {
		sig->signed_attrs.p = si.p;
		if (vsm_der_expect(&si, VSM_DER_CONTEXT(0), &oid) ||
		    find_message_digest(oid, &sig->message_digest))
			return -EBADMSG;
		sig->signed_attrs.len = si.p - sig->signed_attrs.p;
	}
	if (algorithm(&si, &oid))
		return -EBADMSG;
	sig->sig_alg = signature_algorithm(&oid, hash);
	if (!sig->sig_alg ||
	    vsm_der_expect(&si, VSM_DER_OCTET_STRING, &sig->signature) || si.len)
		return -EBADMSG;	/* unsigned attributes are not expected either */
	return 0;
}

static int parse_signed_data(struct vsm_der in, struct vsm_modsig *sig)
{
	struct vsm_der ci, oid, explicit, sd, version, algs, encap, signers, si;

	if (vsm_der_expect(&in, VSM_DER_SEQUENCE, &ci) || in.len ||
	    vsm_der_expect(&ci, VSM_DER_OID, &oid) ||
	    !vsm_der_oid_is(&oid, oid_signed_data, sizeof(oid_signed_data)) ||
	    vsm_der_expect(&ci, VSM_DER_CONTEXT(0), &explicit) || ci.len ||
	    vsm_der_expect(&explicit, VSM_DER_SEQUENCE, &sd) || explicit.len)
		return -EBADMSG;
	if (vsm_der_expect(&sd, VSM_DER_INTEGER, &version) || version.len != 1 ||
	    version.p[0] != 1 ||
	    vsm_der_expect(&sd, VSM_DER_SET, &algs) ||
	    algorithm(&algs, &oid) || algs.len)
		return -EBADMSG;
	sig->hash = digest_algorithm(&oid);
	/* Detached: the data content type, and no content. */
	if (!sig->hash || vsm_der_expect(&sd, VSM_DER_SEQUENCE, &encap) ||
	    vsm_der_expect(&encap, VSM_DER_OID, &oid) || encap.len ||
	    !vsm_der_oid_is(&oid, oid_data, sizeof(oid_data)))
		return -EBADMSG;
	/* Certificates and CRLs, if any, are not trusted: the policy names signers. */
	if (vsm_der_skip_optional(&sd, VSM_DER_CONTEXT(0)) ||
	    vsm_der_skip_optional(&sd, VSM_DER_CONTEXT(1)) ||
	    vsm_der_expect(&sd, VSM_DER_SET, &signers) || sd.len ||
	    vsm_der_expect(&signers, VSM_DER_SEQUENCE, &si) || signers.len)
		return -EBADMSG;	/* exactly one signer */
	return parse_signer(si, sig->hash, sig);
}

static u32 load_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

/**
 * vsm_modsig_parse_tail() - parse a module's signature from its last bytes
 * @tail: the last @tail_len bytes of the module file
 * @tail_len: how many bytes @tail holds (all of the file, or at least the
 *	signature, its 12-byte trailer and the marker)
 * @file_len: length of the whole file
 * @sig: the result; its pointers point into @tail
 *
 * For a checker that cannot hold the whole module: it hashes the content
 * as it streams past, and keeps only the tail.
 *
 * Return: 0; -ENOENT if the module is not signed; -EBADMSG if the
 * signature is malformed or not in @tail.
 */
int vsm_modsig_parse_tail(const u8 *tail, size_t tail_len, size_t file_len,
			  struct vsm_modsig *sig)
{
	size_t magic = sizeof(VSM_MODSIG_MAGIC) - 1, sig_len;
	const u8 *info;
	struct vsm_der pkcs7;

	memset(sig, 0, sizeof(*sig));
	if (tail_len > file_len)
		return -EBADMSG;
	if (tail_len < magic || memcmp(tail + tail_len - magic, VSM_MODSIG_MAGIC, magic))
		return -ENOENT;
	if (tail_len < magic + SIG_INFO_LEN)
		return -EBADMSG;
	info = tail + tail_len - magic - SIG_INFO_LEN;
	/* algo, hash, signer_len, key_id_len must be 0 for PKCS#7; pad too. */
	if (info[0] || info[1] || info[2] != PKEY_ID_PKCS7 || info[3] || info[4] ||
	    info[5] || info[6] || info[7])
		return -EBADMSG;
	sig_len = load_be32(info + 8);
	if (!sig_len || sig_len > tail_len - magic - SIG_INFO_LEN)
		return -EBADMSG;
	sig->content_len = file_len - magic - SIG_INFO_LEN - sig_len;
	pkcs7.p = tail + tail_len - magic - SIG_INFO_LEN - sig_len;
	pkcs7.len = sig_len;
	return parse_signed_data(pkcs7, sig);
}

/**
 * vsm_modsig_parse() - find and parse a module's appended signature
 * @file: the module file
 * @len: its length
 * @sig: out: what the signature says
 *
 * Return: 0; -ENOENT if the module is not signed; -EBADMSG for a
 * malformed or unsupported signature.
 */
int vsm_modsig_parse(const u8 *file, size_t len, struct vsm_modsig *sig)
{
	return vsm_modsig_parse_tail(file, len, len, sig);
}

/* The EC key in a SubjectPublicKeyInfo: curve and uncompressed point. */
static int spki_ec(struct vsm_der spki, enum vsm_curve *curve, const u8 **x, const u8 **y)
{
	struct vsm_der alg, oid, params, bits;
	size_t nb;

	if (vsm_der_expect(&spki, VSM_DER_SEQUENCE, &alg) ||
	    vsm_der_expect(&alg, VSM_DER_OID, &oid) ||
	    !vsm_der_oid_is(&oid, oid_ec_public_key, sizeof(oid_ec_public_key)) ||
	    vsm_der_expect(&alg, VSM_DER_OID, &params) || alg.len)
		return -EINVAL;
	*curve = vsm_der_oid_is(&params, oid_p256, sizeof(oid_p256)) ? VSM_CURVE_P256 :
		 vsm_der_oid_is(&params, oid_p384, sizeof(oid_p384)) ? VSM_CURVE_P384 : 0;
	nb = vsm_curve_bytes(*curve);
	if (!nb || vsm_der_expect(&spki, VSM_DER_BIT_STRING, &bits) || spki.len ||
	    bits.len != 2 + 2 * nb || bits.p[0] || bits.p[1] != 0x04)
		return -EINVAL;
	*x = bits.p + 2;
	*y = bits.p + 2 + nb;
	return 0;
}

/**
 * vsm_modsig_key_usable() - can a signer's key verify module signatures?
 * @spki: SubjectPublicKeyInfo content
 *
 * Return: 0 for RSA of 2048 to 4096 bits or ECDSA on P-256 or P-384;
 * -EINVAL otherwise.
 */
int vsm_modsig_key_usable(const struct vsm_der *spki)
{
	struct vsm_der n, e;
	enum vsm_curve curve;
	const u8 *x, *y;

	if (!vsm_spki_rsa(*spki, &n, &e))
		return n.len >= 256 && n.len <= 512 ? 0 : -EINVAL;
	return spki_ec(*spki, &curve, &x, &y) ? -EINVAL : 0;
}

/**
 * vsm_modsig_verify_digest() - check a parsed signature against a key
 * @sig: the signature, from vsm_modsig_parse_tail()
 * @content_digest: digest of the module's first @sig->content_len bytes,
 *	with @sig->hash
 * @spki: the signer's SubjectPublicKeyInfo (content), RSA or EC
 *
 * Return: 0 if the module is signed by that key; -EKEYREJECTED if the
 * signature does not verify with that key; -EINVAL for a key of another
 * kind.
 */
int vsm_modsig_verify_digest(const struct vsm_modsig *sig, const u8 *content_digest,
			     const struct vsm_der *spki)
{
	struct vsm_der n, e, attrs;
	enum vsm_curve curve;
	const u8 *x, *y;
	u8 digest[64];
	size_t dl = vsm_hash_len(sig->hash);
	int ret;

	memcpy(digest, content_digest, dl);
	if (sig->signed_attrs.len) {
		static const u8 set = VSM_DER_SET;

		/* The attributes' digest is signed; they must carry the module's. */
		if (sig->message_digest.len != dl || memcmp(sig->message_digest.p, digest, dl))
			return -EKEYREJECTED;
		/* Hashed as a SET OF, not with their [0] IMPLICIT tag. */
		attrs = sig->signed_attrs;
		vsm_hash2(sig->hash, &set, 1, attrs.p + 1, attrs.len - 1, digest);
	}
	if (sig->sig_alg == VSM_MODSIG_RSA) {
		if (vsm_spki_rsa(*spki, &n, &e))
			return -EINVAL;
		ret = vsm_rsa_pkcs1_verify(n.p, n.len, e.p, e.len, sig->hash, digest,
					   sig->signature.p, sig->signature.len);
	} else {
		if (spki_ec(*spki, &curve, &x, &y))
			return -EINVAL;
		ret = vsm_ecdsa_verify_der(curve, x, y, digest, dl, sig->signature.p,
					   sig->signature.len);
	}
	if (ret == -EBADMSG)
		return -EKEYREJECTED;
	return ret;
}

/**
 * vsm_modsig_verify() - check a module's signature with a signer's key
 * @file: the module file
 * @len: its length
 * @spki: the signer's SubjectPublicKeyInfo (content), RSA or EC
 *
 * Return: 0 if the module is signed by that key; -ENOENT if unsigned;
 * -EKEYREJECTED if the signature does not verify with that key;
 * -EBADMSG for a malformed signature; -EINVAL for a key of another kind.
 */
int vsm_modsig_verify(const u8 *file, size_t len, const struct vsm_der *spki)
{
	struct vsm_modsig sig;
	u8 digest[64];
	int ret = vsm_modsig_parse(file, len, &sig);

	if (ret)
		return ret;
	vsm_hash(sig.hash, file, sig.content_len, digest);
	return vsm_modsig_verify_digest(&sig, digest, spki);
}
