// SPDX-License-Identifier: GPL-2.0
/*
 * ECDSA verification.  Field and scalar arithmetic are Montgomery
 * multiplications (bignum.c) modulo p and n; points use Jacobian
 * coordinates with a = -3.  Everything is public, so the code is plain
 * variable-time double-and-add (Shamir's trick for u1*G + u2*Q); what it
 * must get right is every check on hostile input: r and s in [1, n - 1],
 * Q on the curve and not the point at infinity, the digest truncated to
 * the bit length of n.
 */
#include "../asn1.h"
#include "bignum.h"
#include "ecdsa.h"

#define EC_MAX_BYTES	48
#define EC_LIMBS	(EC_MAX_BYTES / 8)

struct curve_def {
	const char *name;
	size_t bytes;
	u8 p[EC_MAX_BYTES], b[EC_MAX_BYTES], gx[EC_MAX_BYTES], gy[EC_MAX_BYTES];
	u8 n[EC_MAX_BYTES];
};

/* Curve parameters, FIPS 186-4 appendix D. */
static const struct curve_def p256 = {
	.name = "P-256",
	.bytes = 32,
	.p = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
	},
	.b = {
		0x5a, 0xc6, 0x35, 0xd8, 0xaa, 0x3a, 0x93, 0xe7, 0xb3, 0xeb, 0xbd, 0x55,
		0x76, 0x98, 0x86, 0xbc, 0x65, 0x1d, 0x06, 0xb0, 0xcc, 0x53, 0xb0, 0xf6,
		0x3b, 0xce, 0x3c, 0x3e, 0x27, 0xd2, 0x60, 0x4b,
	},
	.gx = {
		0x6b, 0x17, 0xd1, 0xf2, 0xe1, 0x2c, 0x42, 0x47, 0xf8, 0xbc, 0xe6, 0xe5,
		0x63, 0xa4, 0x40, 0xf2, 0x77, 0x03, 0x7d, 0x81, 0x2d, 0xeb, 0x33, 0xa0,
		0xf4, 0xa1, 0x39, 0x45, 0xd8, 0x98, 0xc2, 0x96,
	},
	.gy = {
		0x4f, 0xe3, 0x42, 0xe2, 0xfe, 0x1a, 0x7f, 0x9b, 0x8e, 0xe7, 0xeb, 0x4a,
		0x7c, 0x0f, 0x9e, 0x16, 0x2b, 0xce, 0x33, 0x57, 0x6b, 0x31, 0x5e, 0xce,
		0xcb, 0xb6, 0x40, 0x68, 0x37, 0xbf, 0x51, 0xf5,
	},
	.n = {
		0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xbc, 0xe6, 0xfa, 0xad, 0xa7, 0x17, 0x9e, 0x84,
		0xf3, 0xb9, 0xca, 0xc2, 0xfc, 0x63, 0x25, 0x51,
	},
};

static const struct curve_def p384 = {
	.name = "P-384",
	.bytes = 48,
	.p = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xfe, 0xff, 0xff, 0xff, 0xff,
		0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff,
	},
	.b = {
		0xb3, 0x31, 0x2f, 0xa7, 0xe2, 0x3e, 0xe7, 0xe4, 0x98, 0x8e, 0x05, 0x6b,
		0xe3, 0xf8, 0x2d, 0x19, 0x18, 0x1d, 0x9c, 0x6e, 0xfe, 0x81, 0x41, 0x12,
		0x03, 0x14, 0x08, 0x8f, 0x50, 0x13, 0x87, 0x5a, 0xc6, 0x56, 0x39, 0x8d,
		0x8a, 0x2e, 0xd1, 0x9d, 0x2a, 0x85, 0xc8, 0xed, 0xd3, 0xec, 0x2a, 0xef,
	},
	.gx = {
		0xaa, 0x87, 0xca, 0x22, 0xbe, 0x8b, 0x05, 0x37, 0x8e, 0xb1, 0xc7, 0x1e,
		0xf3, 0x20, 0xad, 0x74, 0x6e, 0x1d, 0x3b, 0x62, 0x8b, 0xa7, 0x9b, 0x98,
		0x59, 0xf7, 0x41, 0xe0, 0x82, 0x54, 0x2a, 0x38, 0x55, 0x02, 0xf2, 0x5d,
		0xbf, 0x55, 0x29, 0x6c, 0x3a, 0x54, 0x5e, 0x38, 0x72, 0x76, 0x0a, 0xb7,
	},
	.gy = {
		0x36, 0x17, 0xde, 0x4a, 0x96, 0x26, 0x2c, 0x6f, 0x5d, 0x9e, 0x98, 0xbf,
		0x92, 0x92, 0xdc, 0x29, 0xf8, 0xf4, 0x1d, 0xbd, 0x28, 0x9a, 0x14, 0x7c,
		0xe9, 0xda, 0x31, 0x13, 0xb5, 0xf0, 0xb8, 0xc0, 0x0a, 0x60, 0xb1, 0xce,
		0x1d, 0x7e, 0x81, 0x9d, 0x7a, 0x43, 0x1d, 0x7c, 0x90, 0xea, 0x0e, 0x5f,
	},
	.n = {
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
		0xc7, 0x63, 0x4d, 0x81, 0xf4, 0x37, 0x2d, 0xdf, 0x58, 0x1a, 0x0d, 0xb2,
		0x48, 0xb0, 0xa7, 0x7a, 0xec, 0xec, 0x19, 0x6a, 0xcc, 0xc5, 0x29, 0x73,
	},
};

/* A point in Jacobian coordinates, Montgomery form; Z = 0 is infinity. */
struct point {
	u64 x[EC_LIMBS], y[EC_LIMBS], z[EC_LIMBS];
};

struct curve {
	struct vsm_mont p, n;
	u64 b[EC_LIMBS];	/* Montgomery form */
	u64 one[EC_LIMBS];	/* 1, Montgomery form */
	struct point g;
};

static bool is_zero(const u64 *a, u32 limbs)
{
	u64 acc = 0;
	u32 i;

	for (i = 0; i < limbs; i++)
		acc |= a[i];
	return !acc;
}

size_t vsm_curve_bytes(enum vsm_curve curve)
{
	return curve == VSM_CURVE_P256 ? 32 : curve == VSM_CURVE_P384 ? 48 : 0;
}

/* Field element from big-endian bytes, below p, into Montgomery form. */
static int fe_from(const struct curve *c, u64 *out, const u8 *be, size_t len)
{
	u64 t[VSM_BN_LIMBS];

	if (vsm_bn_from_be(t, c->p.limbs, be, len) || vsm_bn_cmp(t, c->p.n, c->p.limbs) >= 0)
		return -EBADMSG;
	vsm_mont_to(&c->p, out, t);
	return 0;
}

static int curve_init(struct curve *c, enum vsm_curve id)
{
	const struct curve_def *d = id == VSM_CURVE_P256 ? &p256 : id == VSM_CURVE_P384 ? &p384 : NULL;
	u64 one[VSM_BN_LIMBS] = { 1 };

	if (!d || vsm_mont_init(&c->p, d->p, d->bytes) || vsm_mont_init(&c->n, d->n, d->bytes))
		return -EINVAL;
	vsm_mont_to(&c->p, c->one, one);
	if (fe_from(c, c->b, d->b, d->bytes) || fe_from(c, c->g.x, d->gx, d->bytes) ||
	    fe_from(c, c->g.y, d->gy, d->bytes))
		return -EINVAL;
	memcpy(c->g.z, c->one, sizeof(c->one));
	return 0;
}

#define MUL(o, a, b)	vsm_mont_mul(&c->p, o, a, b)
#define ADD(o, a, b)	vsm_mod_add(&c->p, o, a, b)
#define SUB(o, a, b)	vsm_mod_sub(&c->p, o, a, b)

/* y^2 == x^3 - 3x + b, for affine x, y in Montgomery form. */
static bool on_curve(const struct curve *c, const u64 *x, const u64 *y)
{
	u64 l[EC_LIMBS], r[EC_LIMBS], t[EC_LIMBS];

	MUL(l, y, y);
	MUL(t, x, x);
	MUL(r, t, x);
	SUB(r, r, x);
	SUB(r, r, x);
	SUB(r, r, x);
	ADD(r, r, c->b);
	return !vsm_bn_cmp(l, r, c->p.limbs);
}

/* out = 2 * a (dbl-2001-b, a = -3). */
static void point_double(const struct curve *c, struct point *out, const struct point *a)
{
	u64 delta[EC_LIMBS], gamma[EC_LIMBS], beta[EC_LIMBS], alpha[EC_LIMBS];
	u64 t1[EC_LIMBS], t2[EC_LIMBS];
	struct point r;

	if (is_zero(a->z, c->p.limbs)) {
		*out = *a;
		return;
	}
	MUL(delta, a->z, a->z);
	MUL(gamma, a->y, a->y);
	MUL(beta, a->x, gamma);
	SUB(t1, a->x, delta);
	ADD(t2, a->x, delta);
	MUL(alpha, t1, t2);
	ADD(t1, alpha, alpha);
	ADD(alpha, t1, alpha);			/* 3 (x - delta)(x + delta) */
	MUL(r.x, alpha, alpha);
	ADD(t1, beta, beta);
	ADD(t1, t1, t1);			/* 4 beta */
	ADD(t2, t1, t1);			/* 8 beta */
	SUB(r.x, r.x, t2);
	ADD(t2, a->y, a->z);
	MUL(r.z, t2, t2);
	SUB(r.z, r.z, gamma);
	SUB(r.z, r.z, delta);
	SUB(t1, t1, r.x);
	MUL(r.y, alpha, t1);
	MUL(t2, gamma, gamma);
	ADD(t2, t2, t2);
	ADD(t2, t2, t2);
	ADD(t2, t2, t2);			/* 8 gamma^2 */
	SUB(r.y, r.y, t2);
	*out = r;
}

/* out = a + b (add-2007-bl), with the special cases. */
static void point_add(const struct curve *c, struct point *out, const struct point *a,
		      const struct point *b)
{
	u64 z1z1[EC_LIMBS], z2z2[EC_LIMBS], u1[EC_LIMBS], u2[EC_LIMBS], s1[EC_LIMBS];
	u64 s2[EC_LIMBS], h[EC_LIMBS], i[EC_LIMBS], j[EC_LIMBS], rr[EC_LIMBS], v[EC_LIMBS];
	u64 t[EC_LIMBS];
	struct point r;

	if (is_zero(a->z, c->p.limbs)) {
		*out = *b;
		return;
	}
	if (is_zero(b->z, c->p.limbs)) {
		*out = *a;
		return;
	}
	MUL(z1z1, a->z, a->z);
	MUL(z2z2, b->z, b->z);
	MUL(u1, a->x, z2z2);
	MUL(u2, b->x, z1z1);
	MUL(t, b->z, z2z2);
	MUL(s1, a->y, t);
	MUL(t, a->z, z1z1);
	MUL(s2, b->y, t);
	SUB(h, u2, u1);
	SUB(rr, s2, s1);
	if (is_zero(h, c->p.limbs)) {
		if (is_zero(rr, c->p.limbs))
			point_double(c, out, a);
		else
			memset(out, 0, sizeof(*out));	/* a = -b: infinity */
		return;
	}
	ADD(rr, rr, rr);
	ADD(t, h, h);
	MUL(i, t, t);
	MUL(j, h, i);
	MUL(v, u1, i);
	MUL(r.x, rr, rr);
	SUB(r.x, r.x, j);
	SUB(r.x, r.x, v);
	SUB(r.x, r.x, v);
	SUB(t, v, r.x);
	MUL(r.y, rr, t);
	MUL(t, s1, j);
	ADD(t, t, t);
	SUB(r.y, r.y, t);
	ADD(t, a->z, b->z);
	MUL(r.z, t, t);
	SUB(r.z, r.z, z1z1);
	SUB(r.z, r.z, z2z2);
	MUL(r.z, r.z, h);
	*out = r;
}

/* u1 * G + u2 * Q (plain scalars), Shamir's trick. */
static void double_mul(const struct curve *c, struct point *out, const u64 *u1,
		       const struct point *q, const u64 *u2)
{
	struct point gq, acc;
	int i, bit;

	point_add(c, &gq, &c->g, q);
	memset(&acc, 0, sizeof(acc));
	for (i = (int)c->n.limbs - 1; i >= 0; i--) {
		for (bit = 63; bit >= 0; bit--) {
			int sel = (int)(u1[i] >> bit & 1) | (int)(u2[i] >> bit & 1) << 1;

			point_double(c, &acc, &acc);
			if (sel == 1)
				point_add(c, &acc, &acc, &c->g);
			else if (sel == 2)
				point_add(c, &acc, &acc, q);
			else if (sel == 3)
				point_add(c, &acc, &acc, &gq);
		}
	}
	*out = acc;
}

/* A scalar from big-endian bytes: in [1, n - 1], else -EBADMSG. */
static int scalar_from(const struct curve *c, u64 *out, const u8 *be, size_t len)
{
	if (vsm_bn_from_be(out, c->n.limbs, be, len) || is_zero(out, c->n.limbs) ||
	    vsm_bn_cmp(out, c->n.n, c->n.limbs) >= 0)
		return -EBADMSG;
	return 0;
}

/**
 * vsm_ecdsa_verify() - check an ECDSA signature
 * @curve: VSM_CURVE_P256 or VSM_CURVE_P384
 * @qx: public key x, big-endian, vsm_curve_bytes() long
 * @qy: public key y, likewise
 * @digest: the message's digest (any length: truncated to the order's size)
 * @digest_len: its length
 * @r: signature r, big-endian
 * @r_len: its length
 * @s: signature s
 * @s_len: its length
 *
 * Return: 0 if it verifies; -EBADMSG if not (or r, s out of range);
 * -EINVAL for an unknown curve or a public key not on it.
 */
int vsm_ecdsa_verify(enum vsm_curve curve, const u8 *qx, const u8 *qy,
		     const u8 *digest, size_t digest_len, const u8 *r, size_t r_len,
		     const u8 *s, size_t s_len)
{
	u64 rs[VSM_BN_LIMBS], ss[VSM_BN_LIMBS], z[VSM_BN_LIMBS], w[VSM_BN_LIMBS];
	u64 u1[VSM_BN_LIMBS], u2[VSM_BN_LIMBS], t[VSM_BN_LIMBS], x[VSM_BN_LIMBS];
	struct point q, res;
	struct curve c;
	size_t nb = vsm_curve_bytes(curve);

	if (curve_init(&c, curve))
		return -EINVAL;
	if (fe_from(&c, q.x, qx, nb) || fe_from(&c, q.y, qy, nb))
		return -EINVAL;
	if (!on_curve(&c, q.x, q.y))
		return -EINVAL;		/* also excludes the point at infinity */
	memcpy(q.z, c.one, sizeof(c.one));
	if (scalar_from(&c, rs, r, r_len) || scalar_from(&c, ss, s, s_len))
		return -EBADMSG;
	/* z: the leftmost bits of the digest, as many as n has, reduced once. */
	if (vsm_bn_from_be(z, c.n.limbs, digest, digest_len < nb ? digest_len : nb))
		return -EBADMSG;
	if (vsm_bn_cmp(z, c.n.n, c.n.limbs) >= 0)
		vsm_mod_sub(&c.n, z, z, c.n.n);
	/* w = s^-1; u1 = z w; u2 = r w (mod n). */
	vsm_mont_to(&c.n, t, ss);
	vsm_mont_inv_prime(&c.n, w, t);
	vsm_mont_from(&c.n, w, w);
	vsm_mont_to(&c.n, t, z);
	vsm_mont_mul(&c.n, u1, t, w);
	vsm_mont_to(&c.n, t, rs);
	vsm_mont_mul(&c.n, u2, t, w);
	double_mul(&c, &res, u1, &q, u2);
	if (is_zero(res.z, c.p.limbs))
		return -EBADMSG;
	/* x = X / Z^2, out of Montgomery form, then mod n, compared with r. */
	vsm_mont_mul(&c.p, t, res.z, res.z);
	vsm_mont_inv_prime(&c.p, t, t);
	vsm_mont_mul(&c.p, x, res.x, t);
	vsm_mont_from(&c.p, x, x);
	if (vsm_bn_cmp(x, c.n.n, c.n.limbs) >= 0)
		vsm_mod_sub(&c.n, x, x, c.n.n);
	return vsm_bn_cmp(x, rs, c.n.limbs) ? -EBADMSG : 0;
}

/**
 * vsm_ecdsa_verify_der() - check a DER-encoded ECDSA signature
 * @curve: the curve
 * @qx: public key x
 * @qy: public key y
 * @digest: the digest
 * @digest_len: its length
 * @sig: SEQUENCE { INTEGER r, INTEGER s }, strict DER, nothing after it
 * @sig_len: its length
 *
 * Return: as vsm_ecdsa_verify(); -EBADMSG for malformed DER.
 */
int vsm_ecdsa_verify_der(enum vsm_curve curve, const u8 *qx, const u8 *qy,
			 const u8 *digest, size_t digest_len, const u8 *sig,
			 size_t sig_len)
{
	struct vsm_der in = { sig, sig_len }, seq, ri, si, r, s;

	if (vsm_der_expect(&in, VSM_DER_SEQUENCE, &seq) || in.len ||
	    vsm_der_expect(&seq, VSM_DER_INTEGER, &ri) ||
	    vsm_der_expect(&seq, VSM_DER_INTEGER, &si) || seq.len ||
	    vsm_der_unsigned(&ri, &r) || vsm_der_unsigned(&si, &s))
		return -EBADMSG;
	return vsm_ecdsa_verify(curve, qx, qy, digest, digest_len, r.p, r.len, s.p, s.len);
}
