// SPDX-License-Identifier: GPL-2.0
/*
 * Whether the CPU has what the fast paths need: AES-NI, PCLMULQDQ, SSSE3
 * (PSHUFB) and SSE4.1 (PINSRD/PEXTRD).
 */
#include "accel.h"

bool vsm_crypto_accel;

#define CPUID1_ECX_PCLMULQDQ	VSM_BIT(1)
#define CPUID1_ECX_SSSE3	VSM_BIT(9)
#define CPUID1_ECX_SSE41	VSM_BIT(19)
#define CPUID1_ECX_AES		VSM_BIT(25)

/**
 * vsm_crypto_accel_supported() - can the fast paths run on this CPU
 *
 * Return: true if CPUID leaf 1 reports every extension they use.
 */
bool vsm_crypto_accel_supported(void)
{
	u32 a = 1, b, c = 0, d;
	const u32 need = CPUID1_ECX_PCLMULQDQ | CPUID1_ECX_SSSE3 |
			 CPUID1_ECX_SSE41 | CPUID1_ECX_AES;

	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	return (c & need) == need;
}
