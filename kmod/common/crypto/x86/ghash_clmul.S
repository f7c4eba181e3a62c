/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GHASH with PCLMULQDQ (legacy SSE encodings only).
 *
 * Blocks are byte-reversed on load, so that GCM's first bit (the
 * coefficient of x^0) sits in bit 127: the integer is the bit-reversal of
 * the polynomial.  The carry-less product of two reversed values is the
 * reversed product shifted right by one, so it is shifted left once; then
 * the 256-bit value (coefficient of x^k in bit 255-k) is reduced modulo
 * x^128 + x^7 + x^2 + x + 1.  In this order, multiplying by x^m is a right
 * shift by m: with L the low half (x^128..x^255) and H the high half,
 *	E = L<<127 ^ L<<126 ^ L<<121	(what L>>1, >>2, >>7 shift out,
 *					 folded back in once more)
 *	F = L ^ E
 *	result = H ^ F ^ F>>1 ^ F>>2 ^ F>>7
 * all as 128-bit shifts built from 64-bit lane shifts.
 */

	.section .rodata
	.balign 16
.Lbswap_mask:
	.byte 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0

	.text

/* %xmm0 = %xmm0 * %xmm1 (both reversed); clobbers %xmm2-%xmm7. */
.macro GFMUL
	movdqa	%xmm0, %xmm3
	pclmulqdq $0x00, %xmm1, %xmm3		/* lo * lo */
	movdqa	%xmm0, %xmm4
	pclmulqdq $0x11, %xmm1, %xmm4		/* hi * hi */
	movdqa	%xmm0, %xmm5
	pclmulqdq $0x01, %xmm1, %xmm5		/* hi * lo */
	movdqa	%xmm0, %xmm6
	pclmulqdq $0x10, %xmm1, %xmm6		/* lo * hi */
	pxor	%xmm6, %xmm5
	movdqa	%xmm5, %xmm6
	pslldq	$8, %xmm6
	pxor	%xmm6, %xmm3			/* low 128 bits */
	psrldq	$8, %xmm5
	pxor	%xmm5, %xmm4			/* high 128 bits */

	/* Shift the 256-bit product %xmm4:%xmm3 left by one. */
	movdqa	%xmm3, %xmm5
	psrlq	$63, %xmm5
	movdqa	%xmm4, %xmm6
	psrlq	$63, %xmm6
	psllq	$1, %xmm3
	psllq	$1, %xmm4
	movdqa	%xmm5, %xmm7
	pslldq	$8, %xmm7
	por	%xmm7, %xmm3
	psrldq	$8, %xmm5
	por	%xmm5, %xmm4
	pslldq	$8, %xmm6
	por	%xmm6, %xmm4

	/* F = L ^ E */
	movdqa	%xmm3, %xmm5
	psllq	$63, %xmm5
	movdqa	%xmm3, %xmm6
	psllq	$62, %xmm6
	movdqa	%xmm3, %xmm7
	psllq	$57, %xmm7
	pxor	%xmm6, %xmm5
	pxor	%xmm7, %xmm5
	pslldq	$8, %xmm5
	pxor	%xmm5, %xmm3

	/* H ^ F ^ F>>1 ^ F>>2 ^ F>>7 */
	movdqa	%xmm3, %xmm5
	psrlq	$1, %xmm5
	movdqa	%xmm3, %xmm6
	psrlq	$2, %xmm6
	pxor	%xmm6, %xmm5
	movdqa	%xmm3, %xmm6
	psrlq	$7, %xmm6
	pxor	%xmm6, %xmm5
	movdqa	%xmm3, %xmm6
	psllq	$63, %xmm6
	movdqa	%xmm3, %xmm7
	psllq	$62, %xmm7
	pxor	%xmm7, %xmm6
	movdqa	%xmm3, %xmm7
	psllq	$57, %xmm7
	pxor	%xmm7, %xmm6
	psrldq	$8, %xmm6
	pxor	%xmm6, %xmm5
	pxor	%xmm3, %xmm4
	pxor	%xmm5, %xmm4
	movdqa	%xmm4, %xmm0
.endm

/*
 * void vsm_clmul_ghash(u8 x[16], const u8 h[16], const u8 *data, size_t blocks)
 *
 * x = (x ^ block) * H for each 16-byte block; x and h in GCM's byte order.
 */
	.globl	vsm_clmul_ghash
	.type	vsm_clmul_ghash, @function
vsm_clmul_ghash:
	movdqa	.Lbswap_mask(%rip), %xmm8
	movdqu	(%rdi), %xmm0
	pshufb	%xmm8, %xmm0
	movdqu	(%rsi), %xmm1
	pshufb	%xmm8, %xmm1
	test	%rcx, %rcx
	jz	.Lghash_done
.Lghash_block:
	movdqu	(%rdx), %xmm2
	pshufb	%xmm8, %xmm2
	pxor	%xmm2, %xmm0
	GFMUL
	add	$16, %rdx
	dec	%rcx
	jnz	.Lghash_block
.Lghash_done:
	pshufb	%xmm8, %xmm0
	movdqu	%xmm0, (%rdi)
	pxor	%xmm1, %xmm1
	pxor	%xmm2, %xmm2
	pxor	%xmm3, %xmm3
	pxor	%xmm4, %xmm4
	pxor	%xmm5, %xmm5
	pxor	%xmm6, %xmm6
	pxor	%xmm7, %xmm7
	pxor	%xmm0, %xmm0
	ret
	.size	vsm_clmul_ghash, . - vsm_clmul_ghash

	.section .note.GNU-stack, "", @progbits
