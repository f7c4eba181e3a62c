// SPDX-License-Identifier: GPL-2.0
/*
 * Whether the CPU has what the fast paths need: AES-NI, PCLMULQDQ, SSSE3
 * (PSHUFB) and SSE4.1 (PINSRD/PEXTRD) for AES-GCM; the SHA extensions and
 * SSSE3 (PSHUFB, PALIGNR) for SHA-256.
 */
#include "accel.h"

bool vsm_crypto_accel;
bool vsm_crypto_accel_sha;

#define CPUID1_ECX_PCLMULQDQ	VSM_BIT(1)
#define CPUID1_ECX_SSSE3	VSM_BIT(9)
#define CPUID1_ECX_SSE41	VSM_BIT(19)
#define CPUID1_ECX_AES		VSM_BIT(25)
#define CPUID7_EBX_SHA		VSM_BIT(29)

/* CPUID @leaf (subleaf 0): EAX returned, EBX and ECX in @b and @c. */
static u32 cpuid(u32 leaf, u32 *b, u32 *c)
{
	u32 a = leaf, d;

	*c = 0;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(*b), "+c"(*c), "=d"(d));
	return a;
}

/**
 * vsm_crypto_accel_supported() - can the AES-GCM fast paths run on this CPU
 *
 * Return: true if CPUID leaf 1 reports every extension they use.
 */
bool vsm_crypto_accel_supported(void)
{
	const u32 need = CPUID1_ECX_PCLMULQDQ | CPUID1_ECX_SSSE3 |
			 CPUID1_ECX_SSE41 | CPUID1_ECX_AES;
	u32 b, c;

	cpuid(1, &b, &c);
	return (c & need) == need;
}

/**
 * vsm_crypto_accel_sha_supported() - can vsm_sha256_ni_blocks() run here
 *
 * Return: true if CPUID reports the SHA extensions (leaf 7) and SSSE3.
 */
bool vsm_crypto_accel_sha_supported(void)
{
	u32 b, c;

	if (cpuid(0, &b, &c) < 7)
		return false;
	cpuid(1, &b, &c);
	if (!(c & CPUID1_ECX_SSSE3))
		return false;
	cpuid(7, &b, &c);
	return b & CPUID7_EBX_SHA;
}
