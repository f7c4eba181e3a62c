/* SPDX-License-Identifier: GPL-2.0 */
/*
 * GHASH with PCLMULQDQ (legacy SSE encodings only).
 *
 * Blocks are byte-reversed on load, so that GCM's first bit (the
 * coefficient of x^0) sits in bit 127: the integer is the bit-reversal of
 * the polynomial.  The carry-less product of two reversed values is the
 * reversed product shifted right by one.  Instead of shifting every
 * product back, the powers of H come pre-multiplied by x^-1 (gcm.c,
 * clmul_key(): the reversed value shifted left once, x^-1 folded in as
 * x^127 + x^6 + x + 1), which cancels the shift.  Then the 256-bit value
 * (coefficient of x^k in bit 255-k) is reduced modulo
 * x^128 + x^7 + x^2 + x + 1.  In this order, multiplying by x^m is a right
 * shift by m: with L the low half (x^128..x^255) and H the high half,
 *	E = L<<127 ^ L<<126 ^ L<<121	(what L>>1, >>2, >>7 shift out,
 *					 folded back in once more)
 *	F = L ^ E
 *	result = H ^ F ^ F>>1 ^ F>>2 ^ F>>7
 * all as 128-bit shifts built from 64-bit lane shifts.  Being linear, the
 * reduction can follow the sum of several products.
 */

	.section .rodata
	.balign 16
.Lbswap_mask:
	.byte 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0

	.text

/*
 * Accumulate the product \a * \b: its low half into %xmm3, its high half
 * into %xmm4, its two middle terms into %xmm7 (FOLD_MID adds those to
 * the halves once per group); clobbers %xmm5, %xmm6.
 */
.macro CLMUL_ACC a, b
	movdqa	\a, %xmm5
	pclmulqdq $0x00, \b, %xmm5		/* lo * lo */
	pxor	%xmm5, %xmm3
	movdqa	\a, %xmm5
	pclmulqdq $0x11, \b, %xmm5		/* hi * hi */
	pxor	%xmm5, %xmm4
	movdqa	\a, %xmm5
	pclmulqdq $0x01, \b, %xmm5		/* hi * lo */
	pxor	%xmm5, %xmm7
	movdqa	\a, %xmm6
	pclmulqdq $0x10, \b, %xmm6		/* lo * hi */
	pxor	%xmm6, %xmm7
.endm

/* The middle terms in %xmm7 into %xmm4:%xmm3; clobbers %xmm6, %xmm7. */
.macro FOLD_MID
	movdqa	%xmm7, %xmm6
	pslldq	$8, %xmm6
	pxor	%xmm6, %xmm3
	psrldq	$8, %xmm7
	pxor	%xmm7, %xmm4
.endm

/* Start a group: clear the three accumulators. */
.macro ACC_CLEAR
	pxor	%xmm3, %xmm3
	pxor	%xmm4, %xmm4
	pxor	%xmm7, %xmm7
.endm

/* %xmm0 = the 256-bit %xmm4:%xmm3, reduced; clobbers %xmm3-%xmm7. */
.macro REDUCE
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

/* Load the block at \off(%rdx), byte-reversed, into \x. */
.macro LOAD_BLOCK x, off
	movdqu	\off(%rdx), \x
	pshufb	%xmm8, \x
.endm

/*
 * void vsm_clmul_ghash(u8 x[16], const u8 htab[8][16], const u8 *data, size_t blocks)
 *
 * x = (x ^ block) * H for each 16-byte block; x in GCM's byte order, htab
 * holds H, H^2, ..., H^8, each times x^-1, as 128-bit integers in the
 * bit-reversed order above (gcm.c, clmul_key()).  Eight blocks at a time
 * share one reduction: (x ^ D0)H^8 ^ D1 H^7 ^ ... ^ D7 H; then four at a
 * time, then one.
 */
	.globl	vsm_clmul_ghash
	.type	vsm_clmul_ghash, @function
vsm_clmul_ghash:
	movdqa	.Lbswap_mask(%rip), %xmm8
	movdqu	(%rdi), %xmm0
	pshufb	%xmm8, %xmm0
	movdqu	(%rsi), %xmm1
	movdqu	16(%rsi), %xmm9
	movdqu	32(%rsi), %xmm10
	movdqu	48(%rsi), %xmm11
	movdqu	64(%rsi), %xmm12
	movdqu	80(%rsi), %xmm13
	movdqu	96(%rsi), %xmm14
	movdqu	112(%rsi), %xmm15
.Lghash_eight:
	cmp	$8, %rcx
	jb	.Lghash_four
	LOAD_BLOCK %xmm2, 0
	pxor	%xmm2, %xmm0
	ACC_CLEAR
	CLMUL_ACC %xmm0, %xmm15
	LOAD_BLOCK %xmm2, 16
	CLMUL_ACC %xmm2, %xmm14
	LOAD_BLOCK %xmm2, 32
	CLMUL_ACC %xmm2, %xmm13
	LOAD_BLOCK %xmm2, 48
	CLMUL_ACC %xmm2, %xmm12
	LOAD_BLOCK %xmm2, 64
	CLMUL_ACC %xmm2, %xmm11
	LOAD_BLOCK %xmm2, 80
	CLMUL_ACC %xmm2, %xmm10
	LOAD_BLOCK %xmm2, 96
	CLMUL_ACC %xmm2, %xmm9
	LOAD_BLOCK %xmm2, 112
	CLMUL_ACC %xmm2, %xmm1
	FOLD_MID
	REDUCE
	add	$128, %rdx
	sub	$8, %rcx
	jmp	.Lghash_eight
.Lghash_four:
	cmp	$4, %rcx
	jb	.Lghash_one
	LOAD_BLOCK %xmm2, 0
	pxor	%xmm2, %xmm0
	ACC_CLEAR
	CLMUL_ACC %xmm0, %xmm11
	LOAD_BLOCK %xmm2, 16
	CLMUL_ACC %xmm2, %xmm10
	LOAD_BLOCK %xmm2, 32
	CLMUL_ACC %xmm2, %xmm9
	LOAD_BLOCK %xmm2, 48
	CLMUL_ACC %xmm2, %xmm1
	FOLD_MID
	REDUCE
	add	$64, %rdx
	sub	$4, %rcx
	jmp	.Lghash_four
.Lghash_one:
	test	%rcx, %rcx
	jz	.Lghash_done
	LOAD_BLOCK %xmm2, 0
	pxor	%xmm2, %xmm0
	ACC_CLEAR
	CLMUL_ACC %xmm0, %xmm1
	FOLD_MID
	REDUCE
	add	$16, %rdx
	dec	%rcx
	jmp	.Lghash_one
.Lghash_done:
	pshufb	%xmm8, %xmm0
	movdqu	%xmm0, (%rdi)
	pxor	%xmm0, %xmm0
	pxor	%xmm1, %xmm1
	pxor	%xmm2, %xmm2
	pxor	%xmm3, %xmm3
	pxor	%xmm4, %xmm4
	pxor	%xmm5, %xmm5
	pxor	%xmm6, %xmm6
	pxor	%xmm7, %xmm7
	pxor	%xmm9, %xmm9
	pxor	%xmm10, %xmm10
	pxor	%xmm11, %xmm11
	pxor	%xmm12, %xmm12
	pxor	%xmm13, %xmm13
	pxor	%xmm14, %xmm14
	pxor	%xmm15, %xmm15
	ret
	.size	vsm_clmul_ghash, . - vsm_clmul_ghash

	.section .note.GNU-stack, "", @progbits
