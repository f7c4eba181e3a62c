// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC_DRBG (SHA-256).
 */
#include "ct.h"
#include "drbg.h"

/* HMAC_DRBG_Update with provided data a || b || c (any may be empty). */
static void drbg_update(struct vsm_drbg *d, const u8 *a, size_t a_len, const u8 *b,
			size_t b_len, const u8 *c, size_t c_len)
{
	bool provided = a_len || b_len || c_len;
	struct vsm_hmac m;
	u8 round;

	for (round = 0; round < 2; round++) {
		vsm_hmac_init(&m, d->k, sizeof(d->k));
		vsm_hmac_update(&m, d->v, sizeof(d->v));
		vsm_hmac_update(&m, &round, 1);
		if (a_len)
			vsm_hmac_update(&m, a, a_len);
		if (b_len)
			vsm_hmac_update(&m, b, b_len);
		if (c_len)
			vsm_hmac_update(&m, c, c_len);
		vsm_hmac_final(&m, d->k);
		vsm_hmac_sha256(d->k, sizeof(d->k), d->v, sizeof(d->v), d->v);
		if (!provided)
			break;
	}
}

/**
 * vsm_drbg_instantiate() - seed a generator
 * @d: state
 * @entropy: at least VSM_DRBG_MIN_ENTROPY bytes of full entropy
 * @entropy_len: its length
 * @nonce: nonce (may be empty)
 * @nonce_len: its length
 * @pers: personalization string (may be empty)
 * @pers_len: its length
 *
 * Return: 0, or -EINVAL if the entropy is too short (@d untouched).
 */
int vsm_drbg_instantiate(struct vsm_drbg *d, const u8 *entropy, size_t entropy_len,
			 const u8 *nonce, size_t nonce_len, const u8 *pers, size_t pers_len)
{
	if (entropy_len < VSM_DRBG_MIN_ENTROPY)
		return -EINVAL;
	memset(d->k, 0x00, sizeof(d->k));
	memset(d->v, 0x01, sizeof(d->v));
	drbg_update(d, entropy, entropy_len, nonce, nonce_len, pers, pers_len);
	d->reseed_counter = 1;
	return 0;
}

/**
 * vsm_drbg_reseed() - mix in fresh entropy
 * @d: state
 * @entropy: at least VSM_DRBG_MIN_ENTROPY bytes
 * @entropy_len: its length
 * @addl: additional input (may be empty)
 * @addl_len: its length
 *
 * Return: 0 or -EINVAL.
 */
int vsm_drbg_reseed(struct vsm_drbg *d, const u8 *entropy, size_t entropy_len,
		    const u8 *addl, size_t addl_len)
{
	if (entropy_len < VSM_DRBG_MIN_ENTROPY)
		return -EINVAL;
	drbg_update(d, entropy, entropy_len, addl, addl_len, NULL, 0);
	d->reseed_counter = 1;
	return 0;
}

/**
 * vsm_drbg_generate() - produce random bytes
 * @d: state
 * @out: output
 * @len: 0 to VSM_DRBG_MAX_REQUEST bytes
 * @addl: additional input (may be empty)
 * @addl_len: its length
 *
 * Return: 0; -EINVAL for too long a request; -EAGAIN when a reseed is due
 * (nothing generated).
 */
int vsm_drbg_generate(struct vsm_drbg *d, u8 *out, size_t len, const u8 *addl,
		      size_t addl_len)
{
	size_t done, n;

	if (len > VSM_DRBG_MAX_REQUEST)
		return -EINVAL;
	if (d->reseed_counter > VSM_DRBG_RESEED_INTERVAL)
		return -EAGAIN;
	if (addl_len)
		drbg_update(d, addl, addl_len, NULL, 0, NULL, 0);
	for (done = 0; done < len; done += n) {
		vsm_hmac_sha256(d->k, sizeof(d->k), d->v, sizeof(d->v), d->v);
		n = len - done < sizeof(d->v) ? len - done : sizeof(d->v);
		memcpy(out + done, d->v, n);
	}
	drbg_update(d, addl, addl_len, NULL, 0, NULL, 0);
	d->reseed_counter++;
	return 0;
}
