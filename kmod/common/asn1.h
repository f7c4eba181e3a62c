/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A DER reader for hostile input (X.509 certificates and PKCS#7 module
 * signatures): a cursor over a byte range that only ever narrows, strict
 * DER (definite, minimal lengths), and nothing allocated.
 */
#ifndef VSM_COMMON_ASN1_H
#define VSM_COMMON_ASN1_H

#include "types.h"

/* Tags (universal class, and the context-specific constructed [n]). */
#define VSM_DER_INTEGER		0x02
#define VSM_DER_BIT_STRING	0x03
#define VSM_DER_OCTET_STRING	0x04
#define VSM_DER_NULL		0x05
#define VSM_DER_OID		0x06
#define VSM_DER_SEQUENCE	0x30
#define VSM_DER_SET		0x31
#define VSM_DER_CONTEXT(n)	(0xa0 | (n))

/**
 * struct vsm_der - a range of DER bytes still to read
 * @p: next byte
 * @len: bytes left
 */
struct vsm_der {
	const u8 *p;
	size_t len;
};

int vsm_der_next(struct vsm_der *in, u8 *tag, struct vsm_der *content);
int vsm_der_expect(struct vsm_der *in, u8 tag, struct vsm_der *content);
int vsm_der_skip_optional(struct vsm_der *in, u8 tag);
bool vsm_der_oid_is(const struct vsm_der *oid, const u8 *der, size_t len);
int vsm_der_unsigned(const struct vsm_der *integer, struct vsm_der *magnitude);

int vsm_spki_rsa(struct vsm_der spki, struct vsm_der *n, struct vsm_der *e);
int vsm_x509_spki(const u8 *cert, size_t len, struct vsm_der *spki);

#endif /* VSM_COMMON_ASN1_H */
