// SPDX-License-Identifier: GPL-2.0
/*
 * AES-GCM.  GHASH multiplies in GF(2^128) bit by bit with masks, so it is
 * constant-time without tables.  Opening checks the tag over the
 * ciphertext first and decrypts only when it matches: a forged message
 * never produces plaintext.
 */
#include "accel.h"
#include "ct.h"
#include "gcm.h"

#define GHASH_R	0xe100000000000000ULL

/* X = X * H in GCM's bit-reflected GF(2^128). */
static void ghash_mul(u64 x[2], const u64 h[2])
{
	u64 zh = 0, zl = 0, vh = h[0], vl = h[1], m;
	int i;

	for (i = 0; i < 128; i++) {
		m = vsm_ct_mask64(x[i >> 6] >> (63 - (i & 63)));
		zh ^= vh & m;
		zl ^= vl & m;
		m = vsm_ct_mask64(vl);
		vl = (vl >> 1) | (vh << 63);
		vh = (vh >> 1) ^ (GHASH_R & m);
	}
	x[0] = zh;
	x[1] = zl;
}

/* x = (x ^ block) * H for @n whole blocks; x in GCM's byte order. */
static void ghash_blocks(const struct vsm_gcm *g, u8 x[16], const u8 *p, size_t n)
{
	u64 v[2];

	if (vsm_crypto_accel) {
		vsm_clmul_ghash(x, g->h_clmul, p, n);
		return;
	}
	v[0] = vsm_load_be64(x);
	v[1] = vsm_load_be64(x + 8);
	for (; n; n--, p += 16) {
		v[0] ^= vsm_load_be64(p);
		v[1] ^= vsm_load_be64(p + 8);
		ghash_mul(v, g->h);
	}
	vsm_store_be64(x, v[0]);
	vsm_store_be64(x + 8, v[1]);
}

/* Absorb @len bytes, zero-padding the last block. */
static void ghash_update(const struct vsm_gcm *g, u8 x[16], const u8 *p, size_t len)
{
	u8 block[16] = { 0 };

	ghash_blocks(g, x, p, len / 16);
	if (len % 16) {
		memcpy(block, p + len - len % 16, len % 16);
		ghash_blocks(g, x, block, 1);
	}
}

static void ghash_lengths(const struct vsm_gcm *g, u8 x[16], u64 a_bytes, u64 c_bytes)
{
	u8 block[16];

	vsm_store_be64(block, a_bytes * 8);
	vsm_store_be64(block + 8, c_bytes * 8);
	ghash_blocks(g, x, block, 1);
}

/*
 * A power of H as ghash_clmul.S wants it: the 128-bit integer whose bit
 * 127 - k is the coefficient of x^k (GCM's bytes read big-endian), times
 * x^-1: shifted left once, and x^-1 = x^127 + x^6 + x + 1 (bits 0, 121,
 * 126, 127) added for the coefficient of x^0 shifted out.  Stored as the
 * CPU loads a 128-bit register (little-endian).
 */
static void clmul_key(const u8 h[16], u8 out[16])
{
	u64 hi = vsm_load_be64(h), lo = vsm_load_be64(h + 8);
	u64 carry = vsm_ct_mask64(hi >> 63);
	int i;

	hi = (hi << 1 | lo >> 63) ^ (carry & 0xc200000000000000ULL);
	lo = (lo << 1) ^ (carry & 1);
	for (i = 0; i < 8; i++) {
		out[i] = (u8)(lo >> (8 * i));
		out[8 + i] = (u8)(hi >> (8 * i));
	}
}

/**
 * vsm_gcm_setkey() - expand a key and derive the hash key
 * @g: the GCM key
 * @key: 16, 24 or 32 bytes
 * @len: its length
 *
 * Return: 0 or -EINVAL.
 */
int vsm_gcm_setkey(struct vsm_gcm *g, const u8 *key, size_t len)
{
	u8 zero[16] = { 0 }, h[16];
	int i, ret = vsm_aes_setkey(&g->aes, key, len);

	if (ret)
		return ret;
	vsm_aes_encrypt(&g->aes, zero, h);
	g->h[0] = vsm_load_be64(h);
	g->h[1] = vsm_load_be64(h + 8);
	memcpy(g->h_table[0], h, 16);
	clmul_key(h, g->h_clmul[0]);
	/* H^2..H^8: (0 ^ H^i) * H, one GHASH block each, on either path. */
	for (i = 1; i < 8; i++) {
		memset(h, 0, sizeof(h));
		ghash_blocks(g, h, g->h_table[i - 1], 1);
		memcpy(g->h_table[i], h, 16);
		clmul_key(h, g->h_clmul[i]);
	}
	vsm_wipe(h, sizeof(h));
	return 0;
}

/* The pre-counter block J0 for @iv. */
static void gcm_j0(const struct vsm_gcm *g, const u8 *iv, size_t iv_len, u8 j0[16])
{
	if (iv_len == VSM_GCM_IV) {
		memcpy(j0, iv, VSM_GCM_IV);
		vsm_store_be32(j0 + 12, 1);
		return;
	}
	memset(j0, 0, 16);
	ghash_update(g, j0, iv, iv_len);
	ghash_lengths(g, j0, 0, iv_len);
}

/* CTR mode from the block after @j0 (inc32), XORed into @out. */
static void gcm_ctr(const struct vsm_gcm *g, const u8 j0[16], const u8 *in,
		    size_t len, u8 *out)
{
	u8 ctr[16], ks[16];
	u32 c = vsm_load_be32(j0 + 12);
	size_t i, n;

	memcpy(ctr, j0, 16);
	if (vsm_crypto_accel && len >= 16) {
		vsm_aesni_ctr32(&g->aes, ctr, in, out, len / 16);
		c = vsm_load_be32(ctr + 12);
		in += len - len % 16;
		out += len - len % 16;
		len %= 16;
	}
	while (len) {
		vsm_store_be32(ctr + 12, ++c);
		vsm_aes_encrypt(&g->aes, ctr, ks);
		n = len < 16 ? len : 16;
		for (i = 0; i < n; i++)
			out[i] = in[i] ^ ks[i];
		in += n;
		out += n;
		len -= n;
	}
	vsm_wipe(ks, sizeof(ks));
}

/* The full 16-byte tag over @aad and the ciphertext @c. */
static void gcm_tag(const struct vsm_gcm *g, const u8 j0[16], const u8 *aad,
		    size_t aad_len, const u8 *c, size_t len, u8 tag[16])
{
	u8 s[16] = { 0 }, ek[16];
	int i;

	ghash_update(g, s, aad, aad_len);
	ghash_update(g, s, c, len);
	ghash_lengths(g, s, aad_len, len);
	vsm_aes_encrypt(&g->aes, j0, ek);
	for (i = 0; i < 16; i++)
		tag[i] = s[i] ^ ek[i];
	vsm_wipe(ek, sizeof(ek));
}

static int gcm_check(size_t iv_len, size_t aad_len, size_t len, size_t tag_len)
{
	if (!iv_len || iv_len > VSM_GCM_MAX_TEXT || aad_len > VSM_GCM_MAX_TEXT ||
	    len > VSM_GCM_MAX_TEXT)
		return -EINVAL;
	if (tag_len < VSM_GCM_MIN_TAG || tag_len > VSM_GCM_TAG)
		return -EINVAL;
	return 0;
}

/**
 * vsm_gcm_seal() - encrypt and authenticate
 * @g: key
 * @iv: initialization vector; never reuse one with the same key
 * @iv_len: its length, at least 1 byte
 * @aad: associated data, authenticated but not encrypted
 * @aad_len: its length
 * @in: plaintext
 * @len: its length
 * @out: ciphertext, @len bytes (may be @in)
 * @tag: the authentication tag
 * @tag_len: 4 to 16 bytes
 *
 * Return: 0, or -EINVAL for a length out of range (nothing written).
 */
int vsm_gcm_seal(const struct vsm_gcm *g, const u8 *iv, size_t iv_len,
		 const u8 *aad, size_t aad_len, const u8 *in, size_t len,
		 u8 *out, u8 *tag, size_t tag_len)
{
	u8 j0[16], full[16];
	int ret = gcm_check(iv_len, aad_len, len, tag_len);

	if (ret)
		return ret;
	gcm_j0(g, iv, iv_len, j0);
	gcm_ctr(g, j0, in, len, out);
	gcm_tag(g, j0, aad, aad_len, out, len, full);
	memcpy(tag, full, tag_len);
	vsm_wipe(full, sizeof(full));
	return 0;
}

/**
 * vsm_gcm_open() - check and decrypt
 * @g: key
 * @iv: the IV used to seal
 * @iv_len: its length
 * @aad: associated data
 * @aad_len: its length
 * @in: ciphertext
 * @len: its length
 * @tag: the tag to check
 * @tag_len: 4 to 16 bytes
 * @out: plaintext, @len bytes (may be @in); written only if the tag matches
 *
 * Return: 0, -EBADMSG if the tag does not match, -EINVAL for a length out
 * of range.
 */
int vsm_gcm_open(const struct vsm_gcm *g, const u8 *iv, size_t iv_len,
		 const u8 *aad, size_t aad_len, const u8 *in, size_t len,
		 const u8 *tag, size_t tag_len, u8 *out)
{
	u8 j0[16], full[16];
	bool ok;
	int ret = gcm_check(iv_len, aad_len, len, tag_len);

	if (ret)
		return ret;
	gcm_j0(g, iv, iv_len, j0);
	gcm_tag(g, j0, aad, aad_len, in, len, full);
	ok = vsm_ct_memeq(full, tag, tag_len);
	vsm_wipe(full, sizeof(full));
	if (!ok)
		return -EBADMSG;
	gcm_ctr(g, j0, in, len, out);
	return 0;
}
