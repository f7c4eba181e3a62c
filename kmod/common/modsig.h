/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel module signatures: the PKCS#7 (CMS) SignedData that sign-file
 * appends to a module, checked against a signer's public key.  Pure, for
 * the secure world's code-integrity policy and for vsmctl.
 */
#ifndef VSM_COMMON_MODSIG_H
#define VSM_COMMON_MODSIG_H

#include "asn1.h"

#define VSM_MODSIG_MAGIC	"~Module signature appended~\n"

/**
 * struct vsm_modsig - what a module's signature says
 * @content_len: bytes of the module the signature covers
 * @hash: enum vsm_hash of the digest
 * @sig_alg: VSM_MODSIG_RSA or VSM_MODSIG_ECDSA
 * @signature: the signature value
 * @signed_attrs: the signed attributes (tag rewritten to SET when hashed),
 *	or empty when the signature covers the content directly
 * @message_digest: the messageDigest attribute, when there are attributes
 * @issuer: the signer's issuer name (DER, with its SEQUENCE header)
 * @serial: the signer's serial number (INTEGER content)
 */
struct vsm_modsig {
	size_t content_len;
	int hash;
	int sig_alg;
	struct vsm_der signature;
	struct vsm_der signed_attrs;
	struct vsm_der message_digest;
	struct vsm_der issuer;
	struct vsm_der serial;
};

#define VSM_MODSIG_RSA		1
#define VSM_MODSIG_ECDSA	2

int vsm_modsig_parse_tail(const u8 *tail, size_t tail_len, size_t file_len,
			  struct vsm_modsig *sig);
int vsm_modsig_parse(const u8 *file, size_t len, struct vsm_modsig *sig);
int vsm_modsig_key_usable(const struct vsm_der *spki);
int vsm_modsig_verify_digest(const struct vsm_modsig *sig, const u8 *content_digest,
			     const struct vsm_der *spki);
int vsm_modsig_verify(const u8 *file, size_t len, const struct vsm_der *spki);

#endif /* VSM_COMMON_MODSIG_H */
