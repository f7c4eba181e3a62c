// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256 (FIPS 180-4).  Portable C, no tables indexed by data and no
 * data-dependent branches, so it is constant time for secret inputs too;
 * the SHA extensions (crypto/x86/sha256_ni.S) for a state that asks.
 */
#include "md_buffer.h"
#include "sha256.h"

/* 16-byte aligned: the SHA-extensions code adds them from memory. */
static const u32 k256[64] __aligned(16) = {
	0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1,
	0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
	0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786,
	0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
	0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
	0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
	0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
	0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
	0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a,
	0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
	0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
};

static u32 ror(u32 x, unsigned int n)
{
	return (x >> n) | (x << (32 - n));
}

static u32 load_be32(const u8 *p)
{
	return (u32)p[0] << 24 | (u32)p[1] << 16 | (u32)p[2] << 8 | p[3];
}

static void store_be32(u8 *p, u32 v)
{
	p[0] = v >> 24;
	p[1] = v >> 16;
	p[2] = v >> 8;
	p[3] = v;
}

static void compress(u32 h[8], const u8 block[VSM_SHA256_BLOCK])
{
	u32 w[64], a, b, c, d, e, f, g, hh, t1, t2;
	unsigned int i;

	for (i = 0; i < 16; i++)
		w[i] = load_be32(block + 4 * i);
	for (i = 16; i < 64; i++) {
		u32 s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
		u32 s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);

		w[i] = w[i - 16] + s0 + w[i - 7] + s1;
	}
	a = h[0];
	b = h[1];
	c = h[2];
	d = h[3];
	e = h[4];
	f = h[5];
	g = h[6];
	hh = h[7];
	for (i = 0; i < 64; i++) {
		t1 = hh + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) +
		     ((e & f) ^ (~e & g)) + k256[i] + w[i];
		t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) +
		     ((a & b) ^ (a & c) ^ (b & c));
		hh = g;
		g = f;
		f = e;
		e = d + t1;
		d = c;
		c = b;
		b = a;
		a = t1 + t2;
	}
	h[0] += a;
	h[1] += b;
	h[2] += c;
	h[3] += d;
	h[4] += e;
	h[5] += f;
	h[6] += g;
	h[7] += hh;
}

/**
 * vsm_sha256_init_accel() - start a hash, choosing the block function
 * @s: state
 * @accel: use the SHA extensions; only for a caller that owns the XMM
 *	registers and has checked vsm_crypto_accel_sha_supported()
 */
void vsm_sha256_init_accel(struct vsm_sha256 *s, bool accel)
{
	static const u32 iv[8] = {
		0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
		0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
	};
	unsigned int i;

	for (i = 0; i < 8; i++)
		s->h[i] = iv[i];
	s->bytes = 0;
	s->used = 0;
	s->accel = accel;
}

void vsm_sha256_init(struct vsm_sha256 *s)
{
	vsm_sha256_init_accel(s, false);
}

static void compress_block(void *state, const u8 *block)
{
	struct vsm_sha256 *s = state;

	if (s->accel)
		vsm_sha256_ni_blocks(s->h, block, 1, k256);
	else
		compress(s->h, block);
}

void vsm_sha256_update(struct vsm_sha256 *s, const void *data, size_t len)
{
	s->bytes += len;
	vsm_md_absorb(s->buf, &s->used, VSM_SHA256_BLOCK, data, len, compress_block, s);
}

void vsm_sha256_final(struct vsm_sha256 *s, u8 out[VSM_SHA256_DIGEST])
{
	u64 bits = s->bytes * 8;
	unsigned int i;

	vsm_md_pad(s->buf, s->used, VSM_SHA256_BLOCK, 8, compress_block, s);
	store_be32(s->buf + 56, bits >> 32);
	store_be32(s->buf + 60, (u32)bits);
	compress_block(s, s->buf);
	for (i = 0; i < 8; i++)
		store_be32(out + 4 * i, s->h[i]);
	memset(s, 0, sizeof(*s));
}

/**
 * vsm_sha256() - hash a buffer in one call
 * @data: the message
 * @len: its length in bytes
 * @out: the 32-byte digest
 */
void vsm_sha256(const void *data, size_t len, u8 out[VSM_SHA256_DIGEST])
{
	struct vsm_sha256 s;

	vsm_sha256_init(&s);
	vsm_sha256_update(&s, data, len);
	vsm_sha256_final(&s, out);
}
