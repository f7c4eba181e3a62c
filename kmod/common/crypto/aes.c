// SPDX-License-Identifier: GPL-2.0
/*
 * AES encryption without tables.  The S-box is computed, eight bytes at a
 * time in a 64-bit word: the inverse in GF(2^8) as x^254 (eleven carry-less
 * multiplications made of shifts and masks) followed by the affine map.  No
 * branch and no memory index depends on key or data, so the portable path
 * is constant-time on any CPU, at the price of speed; the AES-NI path
 * (crypto/x86) is the fast one.
 */
#include "accel.h"
#include "aes.h"
#include "ct.h"

#define BYTES(b)	(0x0101010101010101ULL * (u8)(b))

/* Multiply each byte by x in GF(2^8), modulo x^8 + x^4 + x^3 + x + 1. */
static u64 xtime8(u64 a)
{
	return ((a & BYTES(0x7f)) << 1) ^ (((a >> 7) & BYTES(0x01)) * 0x1b);
}

/* Multiply each byte of @a by the byte of @b in the same position. */
static u64 gmul8(u64 a, u64 b)
{
	u64 r = 0;
	int i;

	for (i = 0; i < 8; i++) {
		r ^= a & (((b >> i) & BYTES(0x01)) * 0xff);
		a = xtime8(a);
	}
	return r;
}

/* Rotate each byte left by @n (1..7). */
static u64 rotl8(u64 x, int n)
{
	return ((x << n) & BYTES(0xff << n)) | ((x >> (8 - n)) & BYTES(0xff >> (8 - n)));
}

/* The AES S-box on each of eight bytes. */
static u64 sbox8(u64 x)
{
	u64 x2, x3, x12, x15, x240, inv;

	x2 = gmul8(x, x);
	x3 = gmul8(x2, x);
	x12 = gmul8(x3, x3);
	x12 = gmul8(x12, x12);			/* x^12 */
	x15 = gmul8(x12, x3);
	x240 = gmul8(x15, x15);			/* x^30 */
	x240 = gmul8(x240, x240);		/* x^60 */
	x240 = gmul8(x240, x240);		/* x^120 */
	x240 = gmul8(x240, x240);		/* x^240 */
	inv = gmul8(gmul8(x240, x12), x2);	/* x^254: 1/x, and 0 for 0 */
	return inv ^ rotl8(inv, 1) ^ rotl8(inv, 2) ^ rotl8(inv, 3) ^
	       rotl8(inv, 4) ^ BYTES(0x63);
}

static u64 load64(const u8 *p)
{
	u64 v;

	memcpy(&v, p, sizeof(v));
	return v;
}

static void store64(u8 *p, u64 v)
{
	memcpy(p, &v, sizeof(v));
}

static u32 sub_word(u32 w)
{
	return (u32)sbox8(w);
}

/* SubWord for the key schedule: AESKEYGENASSIST where allowed. */
static u32 key_sub_word(u32 w)
{
	return vsm_crypto_accel ? vsm_aesni_sub_word(w) : sub_word(w);
}

/**
 * vsm_aes_setkey() - expand a key
 * @k: the expanded key
 * @key: 16, 24 or 32 bytes
 * @len: the key's length in bytes
 *
 * Return: 0, or -EINVAL for another length (@k is then untouched).
 */
int vsm_aes_setkey(struct vsm_aes_key *k, const u8 *key, size_t len)
{
	u32 w[4 * (VSM_AES_MAX_ROUNDS + 1)];
	u32 nk = (u32)(len / 4), i, rcon = 1;

	if (len != 16 && len != 24 && len != 32)
		return -EINVAL;
	k->rounds = nk + 6;
	for (i = 0; i < nk; i++)
		memcpy(&w[i], key + 4 * i, 4);		/* little-endian words */
	for (i = nk; i < 4 * (k->rounds + 1); i++) {
		u32 t = w[i - 1];

		if (i % nk == 0) {
			t = key_sub_word((t >> 8) | (t << 24)) ^ rcon;
			rcon = (u32)(xtime8(rcon) & 0xff);
		} else if (nk > 6 && i % nk == 4) {
			t = key_sub_word(t);
		}
		w[i] = w[i - nk] ^ t;
	}
	memcpy(k->rk, w, 16 * (k->rounds + 1));
	vsm_wipe(w, sizeof(w));
	return 0;
}

/* ShiftRows on the column-major state: row r moves left by r columns. */
static void shift_rows(u8 s[16])
{
	u8 t[16];
	int c, r;

	for (c = 0; c < 4; c++)
		for (r = 0; r < 4; r++)
			t[4 * c + r] = s[4 * ((c + r) & 3) + r];
	memcpy(s, t, 16);
}

/* Rotate each 4-byte column of two columns by one byte (a1 a2 a3 a0). */
static u64 col_rot(u64 x)
{
	return ((x >> 8) & 0x00ffffff00ffffffULL) | ((x << 24) & 0xff000000ff000000ULL);
}

static u64 mix_columns2(u64 a)
{
	u64 r1 = col_rot(a), r2 = col_rot(r1), r3 = col_rot(r2);

	return xtime8(a ^ r1) ^ r1 ^ r2 ^ r3;
}

/**
 * vsm_aes_encrypt_portable() - encrypt one block, table-free
 * @k: expanded key
 * @in: plaintext block
 * @out: ciphertext block (may be @in)
 */
void vsm_aes_encrypt_portable(const struct vsm_aes_key *k,
			      const u8 in[VSM_AES_BLOCK], u8 out[VSM_AES_BLOCK])
{
	u8 s[16];
	u64 lo, hi;
	u32 r;

	lo = load64(in) ^ load64(k->rk[0]);
	hi = load64(in + 8) ^ load64(k->rk[0] + 8);
	for (r = 1; r <= k->rounds; r++) {
		store64(s, sbox8(lo));
		store64(s + 8, sbox8(hi));
		shift_rows(s);
		lo = load64(s);
		hi = load64(s + 8);
		if (r != k->rounds) {
			lo = mix_columns2(lo);
			hi = mix_columns2(hi);
		}
		lo ^= load64(k->rk[r]);
		hi ^= load64(k->rk[r] + 8);
	}
	store64(out, lo);
	store64(out + 8, hi);
	vsm_wipe(s, sizeof(s));
}

/**
 * vsm_aes_encrypt() - encrypt one block on the fastest constant-time path
 * @k: expanded key
 * @in: plaintext block
 * @out: ciphertext block (may be @in)
 */
void vsm_aes_encrypt(const struct vsm_aes_key *k, const u8 in[VSM_AES_BLOCK],
		     u8 out[VSM_AES_BLOCK])
{
	if (vsm_crypto_accel)
		vsm_aesni_encrypt(k, in, out);
	else
		vsm_aes_encrypt_portable(k, in, out);
}
