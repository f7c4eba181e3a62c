// SPDX-License-Identifier: GPL-2.0
/*
 * HMAC-SHA256 and HKDF-SHA256 on top of the freestanding SHA-256.
 */
#include "accel.h"
#include "ct.h"
#include "hmac.h"

/**
 * vsm_hmac_init() - start a MAC
 * @m: state
 * @key: key of any length (longer than a block: hashed first)
 * @key_len: its length
 */
void vsm_hmac_init(struct vsm_hmac *m, const u8 *key, size_t key_len)
{
	u8 k[VSM_SHA256_BLOCK] = { 0 }, ipad[VSM_SHA256_BLOCK];
	int i;

	if (key_len > VSM_SHA256_BLOCK)
		vsm_sha256(key, key_len, k);
	else if (key_len)
		memcpy(k, key, key_len);
	for (i = 0; i < VSM_SHA256_BLOCK; i++) {
		ipad[i] = k[i] ^ 0x36;
		m->outer_key[i] = k[i] ^ 0x5c;
	}
	vsm_sha256_init_accel(&m->inner, vsm_crypto_accel_sha);
	vsm_sha256_update(&m->inner, ipad, sizeof(ipad));
	vsm_wipe(k, sizeof(k));
	vsm_wipe(ipad, sizeof(ipad));
}

void vsm_hmac_update(struct vsm_hmac *m, const void *data, size_t len)
{
	vsm_sha256_update(&m->inner, data, len);
}

/**
 * vsm_hmac_final() - finish, and wipe the state
 * @m: state
 * @out: the MAC
 */
void vsm_hmac_final(struct vsm_hmac *m, u8 out[VSM_HMAC_SHA256_LEN])
{
	struct vsm_sha256 outer;
	u8 inner[VSM_SHA256_DIGEST];

	vsm_sha256_final(&m->inner, inner);
	vsm_sha256_init_accel(&outer, vsm_crypto_accel_sha);
	vsm_sha256_update(&outer, m->outer_key, sizeof(m->outer_key));
	vsm_sha256_update(&outer, inner, sizeof(inner));
	vsm_sha256_final(&outer, out);
	vsm_wipe(inner, sizeof(inner));
	vsm_wipe(&outer, sizeof(outer));
	vsm_wipe(m, sizeof(*m));
}

void vsm_hmac_sha256(const u8 *key, size_t key_len, const void *data,
		     size_t len, u8 out[VSM_HMAC_SHA256_LEN])
{
	struct vsm_hmac m;

	vsm_hmac_init(&m, key, key_len);
	vsm_hmac_update(&m, data, len);
	vsm_hmac_final(&m, out);
}

/**
 * vsm_hmac_verify() - check a (possibly truncated) MAC in constant time
 * @key: key
 * @key_len: its length
 * @data: message
 * @len: its length
 * @tag: the MAC to check
 * @tag_len: 1 to 32 bytes
 *
 * Return: true if @tag matches; false otherwise or for a bad @tag_len.
 */
bool vsm_hmac_verify(const u8 *key, size_t key_len, const void *data,
		     size_t len, const u8 *tag, size_t tag_len)
{
	u8 mac[VSM_HMAC_SHA256_LEN];
	bool ok;

	if (!tag_len || tag_len > sizeof(mac))
		return false;
	vsm_hmac_sha256(key, key_len, data, len, mac);
	ok = vsm_ct_memeq(mac, tag, tag_len);
	vsm_wipe(mac, sizeof(mac));
	return ok;
}

/**
 * vsm_hkdf_extract() - PRK = HMAC(salt, IKM)
 * @salt: salt (empty: a block of zeros, as RFC 5869 says)
 * @salt_len: its length
 * @ikm: input keying material
 * @ikm_len: its length
 * @prk: the pseudorandom key
 */
void vsm_hkdf_extract(const u8 *salt, size_t salt_len, const u8 *ikm,
		      size_t ikm_len, u8 prk[VSM_HMAC_SHA256_LEN])
{
	vsm_hmac_sha256(salt, salt_len, ikm, ikm_len, prk);
}

/**
 * vsm_hkdf_expand() - output keying material from a PRK
 * @prk: pseudorandom key
 * @prk_len: its length
 * @info: context
 * @info_len: its length
 * @out: output
 * @out_len: 0 to VSM_HKDF_MAX_OUT bytes
 *
 * Return: 0, or -EINVAL if @out_len is too large (nothing written).
 */
int vsm_hkdf_expand(const u8 *prk, size_t prk_len, const u8 *info,
		    size_t info_len, u8 *out, size_t out_len)
{
	u8 t[VSM_HMAC_SHA256_LEN];
	struct vsm_hmac m;
	size_t done = 0, n;
	u8 i = 1;

	if (out_len > VSM_HKDF_MAX_OUT)
		return -EINVAL;
	while (done < out_len) {
		vsm_hmac_init(&m, prk, prk_len);
		if (i > 1)
			vsm_hmac_update(&m, t, sizeof(t));
		vsm_hmac_update(&m, info, info_len);
		vsm_hmac_update(&m, &i, 1);
		vsm_hmac_final(&m, t);
		n = out_len - done < sizeof(t) ? out_len - done : sizeof(t);
		memcpy(out + done, t, n);
		done += n;
		i++;
	}
	vsm_wipe(t, sizeof(t));
	return 0;
}

/**
 * vsm_hkdf() - extract then expand
 * @salt: salt
 * @salt_len: its length
 * @ikm: input keying material
 * @ikm_len: its length
 * @info: context
 * @info_len: its length
 * @out: output
 * @out_len: 0 to VSM_HKDF_MAX_OUT bytes
 *
 * Return: 0 or -EINVAL.
 */
int vsm_hkdf(const u8 *salt, size_t salt_len, const u8 *ikm, size_t ikm_len,
	     const u8 *info, size_t info_len, u8 *out, size_t out_len)
{
	u8 prk[VSM_HMAC_SHA256_LEN];
	int ret;

	if (out_len > VSM_HKDF_MAX_OUT)
		return -EINVAL;
	vsm_hkdf_extract(salt, salt_len, ikm, ikm_len, prk);
	ret = vsm_hkdf_expand(prk, sizeof(prk), info, info_len, out, out_len);
	vsm_wipe(prk, sizeof(prk));
	return ret;
}
