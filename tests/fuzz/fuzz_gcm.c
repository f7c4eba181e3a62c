// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz AES-GCM against OpenSSL: the input chooses key size, IV, associated
 * data, message and tag length; seal must match OpenSSL, open must return
 * the message, and open of a changed ciphertext must refuse.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/crypto/gcm.h"
#include "../hosted/openssl_ref.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 ct[512], ref[512], back[512], tag[16], rtag[16];
	size_t key_len, iv_len, aad_len, len, tag_len;
	const u8 *key, *iv, *aad, *msg;
	struct vsm_gcm g;

	if (size < 4)
		return 0;
	key_len = 16 + 8 * (data[0] % 3);
	iv_len = 1 + data[1] % 32;
	aad_len = data[2] % 64;
	tag_len = 4 + data[3] % 13;
	data += 4;
	size -= 4;
	if (size < key_len + iv_len + aad_len)
		return 0;
	key = data;
	iv = key + key_len;
	aad = iv + iv_len;
	msg = aad + aad_len;
	len = size - key_len - iv_len - aad_len;
	if (len > sizeof(ct))
		len = sizeof(ct);

	ref_gcm_seal(key, key_len, iv, iv_len, aad, aad_len, msg, len, ref, rtag);

	if (vsm_gcm_setkey(&g, key, key_len) ||
	    vsm_gcm_seal(&g, iv, iv_len, aad, aad_len, msg, len, ct, tag, tag_len) ||
	    memcmp(ct, ref, len) || memcmp(tag, rtag, tag_len))
		abort();
	if (vsm_gcm_open(&g, iv, iv_len, aad, aad_len, ct, len, tag, tag_len, back) ||
	    memcmp(back, msg, len))
		abort();
	if (len) {
		ct[len / 2] ^= 0x10;
		if (vsm_gcm_open(&g, iv, iv_len, aad, aad_len, ct, len, tag, tag_len, back) !=
		    -EBADMSG)
			abort();
	}
	return 0;
}
