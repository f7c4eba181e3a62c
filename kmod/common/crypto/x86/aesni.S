/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AES-NI fast paths for one block and for AES-CTR (System V calling
 * convention; legacy SSE encodings only, so FXSAVE is enough for a caller
 * that must preserve the XMM registers).  Constant-time by construction.
 *
 * struct vsm_aes_key: u32 rounds at 0, round keys from offset 16.
 * Registers: %r10d rounds, %r11d round counter, %rax round-key pointer.
 */

#define KEY_ROUNDS	0
#define KEY_RK		16

	.text

/* Round keys 1 .. rounds-1 of the key at %rdi into the listed states. */
.macro AES_MIDDLE_ROUNDS s:vararg
	lea	KEY_RK+16(%rdi), %rax
	mov	%r10d, %r11d
	dec	%r11d
.Lmid\@:
	movdqu	(%rax), %xmm1
	.irp	x, \s
	aesenc	%xmm1, \x
	.endr
	add	$16, %rax
	dec	%r11d
	jnz	.Lmid\@
	movdqu	(%rax), %xmm1
	.irp	x, \s
	aesenclast %xmm1, \x
	.endr
.endm

.macro AES_WHITEN s:vararg
	movdqu	KEY_RK(%rdi), %xmm1
	.irp	x, \s
	pxor	%xmm1, \x
	.endr
.endm

/* Counter block number %r9d + \n (wrapping) into \x, from the template %xmm8. */
.macro CTR_BLOCK x, n
	movdqa	%xmm8, \x
	lea	\n(%r9), %eax
	bswap	%eax
	pinsrd	$3, %eax, \x
.endm

/* out[\off] = in[\off] ^ \x, through %xmm5. */
.macro XOR_OUT x, off
	movdqu	\off(%rdx), %xmm5
	pxor	%xmm5, \x
	movdqu	\x, \off(%rcx)
.endm

/*
 * u32 vsm_aesni_sub_word(u32 w): the S-box on each byte of @w, for the key
 * schedule.  AESKEYGENASSIST returns SubWord of its source's dword 1 in
 * dword 0 (and of dword 3 in dword 2).
 */
	.globl	vsm_aesni_sub_word
	.type	vsm_aesni_sub_word, @function
vsm_aesni_sub_word:
	movd	%edi, %xmm0
	pshufd	$0x00, %xmm0, %xmm0
	aeskeygenassist $0, %xmm0, %xmm1
	movd	%xmm1, %eax
	pxor	%xmm0, %xmm0
	pxor	%xmm1, %xmm1
	ret
	.size	vsm_aesni_sub_word, . - vsm_aesni_sub_word

/* void vsm_aesni_encrypt(const struct vsm_aes_key *k, const u8 *in, u8 *out) */
	.globl	vsm_aesni_encrypt
	.type	vsm_aesni_encrypt, @function
vsm_aesni_encrypt:
	mov	KEY_ROUNDS(%rdi), %r10d
	movdqu	(%rsi), %xmm0
	AES_WHITEN %xmm0
	AES_MIDDLE_ROUNDS %xmm0
	movdqu	%xmm0, (%rdx)
	pxor	%xmm0, %xmm0
	pxor	%xmm1, %xmm1
	ret
	.size	vsm_aesni_encrypt, . - vsm_aesni_encrypt

/*
 * void vsm_aesni_ctr32(const struct vsm_aes_key *k, u8 ctr[16],
 *			const u8 *in, u8 *out, size_t blocks)
 *
 * For each block: increment the big-endian 32-bit counter in ctr[12..15]
 * (mod 2^32), encrypt the counter block and XOR it into in -> out.  ctr is
 * left holding the last counter used.  Eight blocks at a time while there
 * are eight (AESENC has a latency of several cycles and more than one unit
 * may execute it), then four, then one.
 */
	.globl	vsm_aesni_ctr32
	.type	vsm_aesni_ctr32, @function
vsm_aesni_ctr32:
	mov	KEY_ROUNDS(%rdi), %r10d
	movdqu	(%rsi), %xmm8
	pextrd	$3, %xmm8, %r9d
	bswap	%r9d
.Lctr_eight:
	cmp	$8, %r8
	jb	.Lctr_four
	CTR_BLOCK %xmm0, 1
	CTR_BLOCK %xmm2, 2
	CTR_BLOCK %xmm3, 3
	CTR_BLOCK %xmm4, 4
	CTR_BLOCK %xmm9, 5
	CTR_BLOCK %xmm10, 6
	CTR_BLOCK %xmm11, 7
	CTR_BLOCK %xmm12, 8
	add	$8, %r9d
	AES_WHITEN %xmm0, %xmm2, %xmm3, %xmm4, %xmm9, %xmm10, %xmm11, %xmm12
	AES_MIDDLE_ROUNDS %xmm0, %xmm2, %xmm3, %xmm4, %xmm9, %xmm10, %xmm11, %xmm12
	XOR_OUT %xmm0, 0
	XOR_OUT %xmm2, 16
	XOR_OUT %xmm3, 32
	XOR_OUT %xmm4, 48
	XOR_OUT %xmm9, 64
	XOR_OUT %xmm10, 80
	XOR_OUT %xmm11, 96
	XOR_OUT %xmm12, 112
	add	$128, %rdx
	add	$128, %rcx
	sub	$8, %r8
	jmp	.Lctr_eight
.Lctr_four:
	cmp	$4, %r8
	jb	.Lctr_one
	CTR_BLOCK %xmm0, 1
	CTR_BLOCK %xmm2, 2
	CTR_BLOCK %xmm3, 3
	CTR_BLOCK %xmm4, 4
	add	$4, %r9d
	AES_WHITEN %xmm0, %xmm2, %xmm3, %xmm4
	AES_MIDDLE_ROUNDS %xmm0, %xmm2, %xmm3, %xmm4
	XOR_OUT %xmm0, 0
	XOR_OUT %xmm2, 16
	XOR_OUT %xmm3, 32
	XOR_OUT %xmm4, 48
	add	$64, %rdx
	add	$64, %rcx
	sub	$4, %r8
	jmp	.Lctr_four
.Lctr_one:
	test	%r8, %r8
	jz	.Lctr_done
	CTR_BLOCK %xmm0, 1
	inc	%r9d
	AES_WHITEN %xmm0
	AES_MIDDLE_ROUNDS %xmm0
	movdqu	(%rdx), %xmm5
	pxor	%xmm5, %xmm0
	movdqu	%xmm0, (%rcx)
	add	$16, %rdx
	add	$16, %rcx
	dec	%r8
	jmp	.Lctr_one
.Lctr_done:
	mov	%r9d, %eax
	bswap	%eax
	pinsrd	$3, %eax, %xmm8
	movdqu	%xmm8, (%rsi)
	pxor	%xmm0, %xmm0
	pxor	%xmm1, %xmm1
	pxor	%xmm2, %xmm2
	pxor	%xmm3, %xmm3
	pxor	%xmm4, %xmm4
	pxor	%xmm5, %xmm5
	pxor	%xmm8, %xmm8
	pxor	%xmm9, %xmm9
	pxor	%xmm10, %xmm10
	pxor	%xmm11, %xmm11
	pxor	%xmm12, %xmm12
	ret
	.size	vsm_aesni_ctr32, . - vsm_aesni_ctr32

	.section .note.GNU-stack, "", @progbits
