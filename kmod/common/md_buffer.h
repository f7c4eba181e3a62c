/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The block buffering and padding that SHA-256 and SHA-512 share (the
 * Merkle-Damgard framing of FIPS 180-4): whole blocks go straight to the
 * compression function, the rest waits in the buffer.
 */
#ifndef VSM_COMMON_MD_BUFFER_H
#define VSM_COMMON_MD_BUFFER_H

#include "types.h"

typedef void (*vsm_md_compress)(void *state, const u8 *block);

/* Feed @len bytes at @p; @buf holds *@used bytes of a @block-byte block. */
static inline void vsm_md_absorb(u8 *buf, u32 *used, size_t block, const u8 *p, size_t len,
				 vsm_md_compress compress, void *state)
{
	size_t n;

	while (len) {
		if (!*used && len >= block) {
			compress(state, p);
			p += block;
			len -= block;
			continue;
		}
		n = block - *used;
		if (n > len)
			n = len;
		memcpy(buf + *used, p, n);
		*used += (u32)n;
		p += n;
		len -= n;
		if (*used == block) {
			compress(state, buf);
			*used = 0;
		}
	}
}

/*
 * Append 0x80 and zeros up to the @len_bytes-byte length field of the last
 * block (compressing a full block first if the field does not fit); the
 * caller then stores the length at the end of @buf and compresses it.
 */
static inline void vsm_md_pad(u8 *buf, u32 used, size_t block, size_t len_bytes,
			      vsm_md_compress compress, void *state)
{
	buf[used++] = 0x80;
	if (used > block - len_bytes) {
		memset(buf + used, 0, block - used);
		compress(state, buf);
		used = 0;
	}
	memset(buf + used, 0, block - used);
}

#endif /* VSM_COMMON_MD_BUFFER_H */
