/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ECDSA signature verification on NIST P-256 and P-384 (FIPS 186-4).
 */
#ifndef VSM_COMMON_CRYPTO_ECDSA_H
#define VSM_COMMON_CRYPTO_ECDSA_H

#include "../types.h"

enum vsm_curve {
	VSM_CURVE_P256 = 1,
	VSM_CURVE_P384 = 2,
};

size_t vsm_curve_bytes(enum vsm_curve curve);
int vsm_ecdsa_verify(enum vsm_curve curve, const u8 *qx, const u8 *qy,
		     const u8 *digest, size_t digest_len, const u8 *r, size_t r_len,
		     const u8 *s, size_t s_len);
int vsm_ecdsa_verify_der(enum vsm_curve curve, const u8 *qx, const u8 *qy,
			 const u8 *digest, size_t digest_len, const u8 *sig,
			 size_t sig_len);

#endif /* VSM_COMMON_CRYPTO_ECDSA_H */
