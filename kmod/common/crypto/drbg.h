/* SPDX-License-Identifier: GPL-2.0 */
/*
 * HMAC_DRBG with SHA-256 (NIST SP 800-90A Rev. 1, section 10.1.2), without
 * prediction resistance; the caller feeds fresh hardware entropy in as
 * additional input on every request.
 */
#ifndef VSM_COMMON_CRYPTO_DRBG_H
#define VSM_COMMON_CRYPTO_DRBG_H

#include "hmac.h"

/* SP 800-90A table 2: at most 2^48 requests between reseeds; we use far fewer. */
#define VSM_DRBG_RESEED_INTERVAL	(1ULL << 20)
/* At most 2^19 bits per request. */
#define VSM_DRBG_MAX_REQUEST		(1 << 16)
#define VSM_DRBG_MIN_ENTROPY		32

/**
 * struct vsm_drbg - generator state
 * @k: key
 * @v: value
 * @reseed_counter: requests since the last (re)seed
 */
struct vsm_drbg {
	u8 k[VSM_SHA256_DIGEST];
	u8 v[VSM_SHA256_DIGEST];
	u64 reseed_counter;
};

int vsm_drbg_instantiate(struct vsm_drbg *d, const u8 *entropy, size_t entropy_len,
			 const u8 *nonce, size_t nonce_len, const u8 *pers, size_t pers_len);
int vsm_drbg_reseed(struct vsm_drbg *d, const u8 *entropy, size_t entropy_len,
		    const u8 *addl, size_t addl_len);
int vsm_drbg_generate(struct vsm_drbg *d, u8 *out, size_t len, const u8 *addl,
		      size_t addl_len);

#endif /* VSM_COMMON_CRYPTO_DRBG_H */
