// SPDX-License-Identifier: GPL-2.0
/*
 * Big-integer arithmetic for signature verification.  Everything it sees
 * is public (moduli, exponents, signatures), so it needs to be correct and
 * robust against hostile sizes, not constant-time.
 */
#include "bignum.h"

#define u128 unsigned __int128

/**
 * vsm_bn_from_be() - read a big-endian integer
 * @out: @limbs limbs
 * @limbs: size of @out
 * @in: big-endian bytes (leading zeros allowed)
 * @len: their number
 *
 * Return: 0, or -E2BIG if the value does not fit.
 */
int vsm_bn_from_be(u64 *out, u32 limbs, const u8 *in, size_t len)
{
	size_t i;

	while (len && !in[0]) {
		in++;
		len--;
	}
	if (len > (size_t)limbs * 8)
		return -E2BIG;
	memset(out, 0, limbs * sizeof(u64));
	for (i = 0; i < len; i++)
		out[i / 8] |= (u64)in[len - 1 - i] << (8 * (i % 8));
	return 0;
}

/* Write @in as exactly @len big-endian bytes (truncating high limbs). */
void vsm_bn_to_be(u8 *out, size_t len, const u64 *in, u32 limbs)
{
	size_t i;

	for (i = 0; i < len; i++)
		out[len - 1 - i] = i / 8 < limbs ? (u8)(in[i / 8] >> (8 * (i % 8))) : 0;
}

/* -1, 0 or 1 as a < b, a == b, a > b. */
int vsm_bn_cmp(const u64 *a, const u64 *b, u32 limbs)
{
	while (limbs--)
		if (a[limbs] != b[limbs])
			return a[limbs] < b[limbs] ? -1 : 1;
	return 0;
}

/* a -= b; returns the borrow. */
static u64 bn_sub(u64 *a, const u64 *b, u32 limbs)
{
	u64 borrow = 0;
	u32 i;

	for (i = 0; i < limbs; i++) {
		u128 d = (u128)a[i] - b[i] - borrow;

		a[i] = (u64)d;
		borrow = (u64)(d >> 64) & 1;
	}
	return borrow;
}

/* out = a * b * R^-1 mod n (CIOS); a, b < n; out may alias a or b. */
static void mont_mul(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b)
{
	u64 t[VSM_BN_LIMBS + 2] = { 0 };
	u32 i, j, s = m->limbs;

	for (i = 0; i < s; i++) {
		u64 carry = 0, q;
		u128 x;

		for (j = 0; j < s; j++) {
			x = (u128)a[j] * b[i] + t[j] + carry;
			t[j] = (u64)x;
			carry = (u64)(x >> 64);
		}
		x = (u128)t[s] + carry;
		t[s] = (u64)x;
		t[s + 1] = (u64)(x >> 64);

		q = t[0] * m->n0inv;
		x = (u128)q * m->n[0] + t[0];
		carry = (u64)(x >> 64);
		for (j = 1; j < s; j++) {
			x = (u128)q * m->n[j] + t[j] + carry;
			t[j - 1] = (u64)x;
			carry = (u64)(x >> 64);
		}
		x = (u128)t[s] + carry;
		t[s - 1] = (u64)x;
		t[s] = t[s + 1] + (u64)(x >> 64);
	}
	if (t[s] || vsm_bn_cmp(t, m->n, s) >= 0)
		bn_sub(t, m->n, s);
	memcpy(out, t, s * sizeof(u64));
}

/**
 * vsm_mont_init() - prepare an odd modulus
 * @m: the result
 * @n_be: the modulus, big-endian
 * @len: its length in bytes
 *
 * Return: 0; -E2BIG above VSM_BN_MAX_BITS; -EINVAL for an even modulus or
 * one below 2^64.
 */
int vsm_mont_init(struct vsm_mont *m, const u8 *n_be, size_t len)
{
	u64 inv = 1;
	u32 i, s, bit;
	int ret = vsm_bn_from_be(m->n, VSM_BN_LIMBS, n_be, len);

	if (ret)
		return ret;
	for (s = VSM_BN_LIMBS; s > 1 && !m->n[s - 1]; s--)
		;
	if (s < 2 || !(m->n[0] & 1))
		return -EINVAL;
	m->limbs = s;
	/* Newton's iteration doubles the correct low bits each time. */
	for (i = 0; i < 6; i++)
		inv *= 2 - m->n[0] * inv;
	m->n0inv = 0 - inv;
	/* R^2 mod n, by doubling 1 modulo n 2 * 64 * s times. */
	memset(m->rr, 0, sizeof(m->rr));
	m->rr[0] = 1;
	for (bit = 0; bit < 128 * s; bit++) {
		u64 top = m->rr[s - 1] >> 63;

		for (i = s - 1; i > 0; i--)
			m->rr[i] = m->rr[i] << 1 | m->rr[i - 1] >> 63;
		m->rr[0] <<= 1;
		if (top || vsm_bn_cmp(m->rr, m->n, s) >= 0)
			bn_sub(m->rr, m->n, s);
	}
	return 0;
}

/**
 * vsm_mont_exp_public() - out = base^e mod n, for a public exponent
 * @m: the modulus
 * @out: result, m->limbs limbs
 * @base: base, below n, m->limbs limbs
 * @e_be: exponent, big-endian
 * @e_len: its length in bytes
 */
void vsm_mont_exp_public(const struct vsm_mont *m, u64 *out, const u64 *base,
			 const u8 *e_be, size_t e_len)
{
	u64 b[VSM_BN_LIMBS], x[VSM_BN_LIMBS], t[VSM_BN_LIMBS], one[VSM_BN_LIMBS] = { 1 };
	size_t i;
	int bit;

	mont_mul(m, b, base, m->rr);		/* base in Montgomery form */
	mont_mul(m, x, one, m->rr);		/* 1 in Montgomery form */
	for (i = 0; i < e_len; i++) {
		for (bit = 7; bit >= 0; bit--) {
			mont_mul(m, t, x, x);
			if (e_be[i] >> bit & 1)
				mont_mul(m, x, t, b);
			else
				memcpy(x, t, m->limbs * sizeof(u64));
		}
	}
	mont_mul(m, out, x, one);
}

/* out = a * b * R^-1 mod n; a, b below n; out may alias either. */
void vsm_mont_mul(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b)
{
	mont_mul(m, out, a, b);
}

/* out = a + b mod n; a, b below n; out may alias either. */
void vsm_mod_add(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b)
{
	u64 carry = 0;
	u32 i;

	for (i = 0; i < m->limbs; i++) {
		u128 x = (u128)a[i] + b[i] + carry;

		out[i] = (u64)x;
		carry = (u64)(x >> 64);
	}
	if (carry || vsm_bn_cmp(out, m->n, m->limbs) >= 0)
		bn_sub(out, m->n, m->limbs);
}

/* out = a - b mod n; a, b below n; out may alias either. */
void vsm_mod_sub(const struct vsm_mont *m, u64 *out, const u64 *a, const u64 *b)
{
	u64 carry = 0;
	u32 i;

	if (out != a)
		memcpy(out, a, m->limbs * sizeof(u64));
	if (!bn_sub(out, b, m->limbs))
		return;
	for (i = 0; i < m->limbs; i++) {
		u128 x = (u128)out[i] + m->n[i] + carry;

		out[i] = (u64)x;
		carry = (u64)(x >> 64);
	}
}

/* Into Montgomery form: out = a * R mod n; a below n. */
void vsm_mont_to(const struct vsm_mont *m, u64 *out, const u64 *a)
{
	mont_mul(m, out, a, m->rr);
}

/* Out of Montgomery form: out = a * R^-1 mod n. */
void vsm_mont_from(const struct vsm_mont *m, u64 *out, const u64 *a)
{
	u64 one[VSM_BN_LIMBS] = { 1 };

	mont_mul(m, out, a, one);
}

/* out = a^-1 mod n for a prime n, a in Montgomery form and non-zero; result in Montgomery form. */
void vsm_mont_inv_prime(const struct vsm_mont *m, u64 *out, const u64 *a)
{
	u64 e[VSM_BN_LIMBS], x[VSM_BN_LIMBS], one[VSM_BN_LIMBS] = { 1 };
	u64 two[VSM_BN_LIMBS] = { 2 };
	int i, bit;

	memcpy(e, m->n, sizeof(e));
	bn_sub(e, two, m->limbs);				/* n - 2 */
	mont_mul(m, x, one, m->rr);				/* 1, Montgomery */
	for (i = (int)m->limbs - 1; i >= 0; i--) {
		for (bit = 63; bit >= 0; bit--) {
			mont_mul(m, x, x, x);
			if (e[i] >> bit & 1)
				mont_mul(m, x, x, a);
		}
	}
	memcpy(out, x, m->limbs * sizeof(u64));
}
