// SPDX-License-Identifier: GPL-2.0
/*
 * One pass over a module image for both digests a check needs.  When the
 * signature's hash is SHA-256 the signed content is a prefix of the file,
 * so its digest is the whole-file state copied at that point: every byte
 * is hashed once, not twice.
 */
#include "modsig_hash.h"

/**
 * vsm_modsig_hash_init() - start a pass
 * @h: state
 * @sig: the parsed signature, or NULL if the image has none usable
 * @accel: SHA-256 may use the SHA extensions (vsm_sha256_init_accel())
 */
void vsm_modsig_hash_init(struct vsm_modsig_hash *h, const struct vsm_modsig *sig,
			  bool accel)
{
	memset(h, 0, sizeof(*h));
	vsm_sha256_init_accel(&h->image, accel);
	if (!sig)
		return;
	h->hash = sig->hash;
	h->limit = sig->content_len;
	if (h->hash == VSM_HASH_SHA384)
		vsm_sha384_init(&h->wide);
	else if (h->hash != VSM_HASH_SHA256)
		vsm_sha512_init(&h->wide);
}

/* Take the signed content's SHA-256 state once exactly @limit bytes are in. */
static void take_content(struct vsm_modsig_hash *h)
{
	if (h->hash == VSM_HASH_SHA256 && !h->taken && h->off == h->limit) {
		h->content = h->image;
		h->taken = true;
	}
}

/**
 * vsm_modsig_hash_update() - the next bytes of the image
 * @h: state
 * @data: bytes
 * @len: how many
 */
void vsm_modsig_hash_update(struct vsm_modsig_hash *h, const u8 *data, size_t len)
{
	size_t m = 0;

	take_content(h);
	if (h->off < h->limit) {
		m = h->limit - h->off < len ? h->limit - h->off : len;
		if (h->hash != VSM_HASH_SHA256)
			vsm_sha512_update(&h->wide, data, m);
		vsm_sha256_update(&h->image, data, m);
		h->off += m;
		take_content(h);
	}
	vsm_sha256_update(&h->image, data + m, len - m);
	h->off += len - m;
}

/**
 * vsm_modsig_hash_final() - finish, and wipe the state
 * @h: state
 * @sha: SHA-256 of the whole image
 * @digest: the signed content's digest (its hash's length); zero if the
 *	image had no usable signature or was shorter than content_len
 */
void vsm_modsig_hash_final(struct vsm_modsig_hash *h, u8 sha[VSM_SHA256_DIGEST],
			   u8 digest[VSM_SHA512_DIGEST])
{
	memset(digest, 0, VSM_SHA512_DIGEST);
	take_content(h);
	vsm_sha256_final(&h->image, sha);
	if (h->hash == VSM_HASH_SHA256 && h->taken)
		vsm_sha256_final(&h->content, digest);
	else if (h->hash && h->hash != VSM_HASH_SHA256 && h->off >= h->limit)
		vsm_sha512_final(&h->wide, digest);
	memset(h, 0, sizeof(*h));
}
