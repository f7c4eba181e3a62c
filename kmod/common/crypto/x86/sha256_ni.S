/* SPDX-License-Identifier: GPL-2.0 */
/*
 * SHA-256 block function with the SHA extensions (SHA256RNDS2,
 * SHA256MSG1, SHA256MSG2), legacy SSE encodings only.
 *
 * The instructions keep the eight working variables in two registers,
 * A B E F and C D G H, A and C in the top dword.  SHA256RNDS2 runs two
 * rounds: it takes C D G H in its destination, A B E F in its source and
 * W+K of the two rounds in the low half of %xmm0, and leaves the new
 * A B E F in its destination.  Two rounds later the old A B E F is the
 * new C D G H, so the two registers swap roles every two rounds and are
 * back in place after four.
 *
 * The message schedule is kept as four registers of four words each,
 * W[t..t+3] in register (t / 4) % 4; for t >= 16,
 *	W[t..t+3] = MSG2(MSG1(W[t-16..t-13], W[t-12]) + W[t-7..t-4],
 *			 W[t-4..t-1])
 *
 * Registers: %xmm0 W+K, %xmm1 A B E F, %xmm2 C D G H, %xmm3-%xmm6 the
 * schedule, %xmm7 scratch, %xmm8/%xmm9 the state at the start of the
 * block, %xmm10 the byte-swap mask.
 */

	.section .rodata
	.balign 16
.Lbswap32_mask:			/* big-endian words to little-endian */
	.byte 3, 2, 1, 0, 7, 6, 5, 4, 11, 10, 9, 8, 15, 14, 13, 12

	.text

/*
 * Rounds 4*\g .. 4*\g+3.  \w is the schedule register for them (it held
 * W[4g-16..4g-13]); \w1, \w2, \w3 hold the three groups that follow it
 * (W[4g-12..], W[4g-8..], W[4g-4..]).  %rsi is the block, %rcx the
 * round constants.
 */
.macro ROUNDS4 g, w, w1, w2, w3
.if \g < 4
	movdqu	\g*16(%rsi), \w
	pshufb	%xmm10, \w
.else
	sha256msg1 \w1, \w
	movdqa	\w3, %xmm7
	palignr	$4, \w2, %xmm7			/* W[4g-7..4g-4] */
	paddd	%xmm7, \w
	sha256msg2 \w3, \w
.endif
	movdqa	\w, %xmm0
	paddd	\g*16(%rcx), %xmm0
	sha256rnds2 %xmm1, %xmm2		/* %xmm2 = A B E F */
	pshufd	$0x0e, %xmm0, %xmm0
	sha256rnds2 %xmm2, %xmm1		/* %xmm1 = A B E F */
.endm

/*
 * void vsm_sha256_ni_blocks(u32 h[8], const u8 *data, size_t blocks,
 *			     const u32 k[64])
 *
 * @h is the chaining value (a..h), @data @blocks 64-byte blocks, @k the
 * round constants, 16-byte aligned.
 */
	.globl	vsm_sha256_ni_blocks
	.type	vsm_sha256_ni_blocks, @function
vsm_sha256_ni_blocks:
	test	%rdx, %rdx
	jz	2f
	movdqa	.Lbswap32_mask(%rip), %xmm10
	movdqu	(%rdi), %xmm1			/* d c b a (high to low) */
	movdqu	16(%rdi), %xmm2			/* h g f e */
	pshufd	$0x1b, %xmm1, %xmm1		/* a b c d */
	pshufd	$0x1b, %xmm2, %xmm2		/* e f g h */
	movdqa	%xmm2, %xmm7
	punpckhqdq %xmm1, %xmm7			/* a b e f */
	punpcklqdq %xmm1, %xmm2			/* c d g h */
	movdqa	%xmm7, %xmm1
1:
	movdqa	%xmm1, %xmm8
	movdqa	%xmm2, %xmm9
	ROUNDS4	0, %xmm3, %xmm4, %xmm5, %xmm6
	ROUNDS4	1, %xmm4, %xmm5, %xmm6, %xmm3
	ROUNDS4	2, %xmm5, %xmm6, %xmm3, %xmm4
	ROUNDS4	3, %xmm6, %xmm3, %xmm4, %xmm5
	ROUNDS4	4, %xmm3, %xmm4, %xmm5, %xmm6
	ROUNDS4	5, %xmm4, %xmm5, %xmm6, %xmm3
	ROUNDS4	6, %xmm5, %xmm6, %xmm3, %xmm4
	ROUNDS4	7, %xmm6, %xmm3, %xmm4, %xmm5
	ROUNDS4	8, %xmm3, %xmm4, %xmm5, %xmm6
	ROUNDS4	9, %xmm4, %xmm5, %xmm6, %xmm3
	ROUNDS4	10, %xmm5, %xmm6, %xmm3, %xmm4
	ROUNDS4	11, %xmm6, %xmm3, %xmm4, %xmm5
	ROUNDS4	12, %xmm3, %xmm4, %xmm5, %xmm6
	ROUNDS4	13, %xmm4, %xmm5, %xmm6, %xmm3
	ROUNDS4	14, %xmm5, %xmm6, %xmm3, %xmm4
	ROUNDS4	15, %xmm6, %xmm3, %xmm4, %xmm5
	paddd	%xmm8, %xmm1
	paddd	%xmm9, %xmm2
	add	$64, %rsi
	dec	%rdx
	jnz	1b

	movdqa	%xmm1, %xmm7
	punpckhqdq %xmm2, %xmm7			/* c d a b */
	pshufd	$0xb1, %xmm7, %xmm7		/* d c b a */
	punpcklqdq %xmm2, %xmm1			/* g h e f */
	pshufd	$0xb1, %xmm1, %xmm1		/* h g f e */
	movdqu	%xmm7, (%rdi)
	movdqu	%xmm1, 16(%rdi)
2:
	ret
	.size	vsm_sha256_ni_blocks, . - vsm_sha256_ni_blocks

	.section .note.GNU-stack, "", @progbits
