// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz SHA-256: any input, split at a fuzzer-chosen point, hashes the same
 * in pieces, in one call, and with OpenSSL.
 */
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/sha256.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8 a[VSM_SHA256_DIGEST], b[VSM_SHA256_DIGEST], c[SHA256_DIGEST_LENGTH];
	struct vsm_sha256 s;
	size_t split = size ? data[0] % (size + 1) : 0;

	vsm_sha256(data, size, a);
	vsm_sha256_init(&s);
	vsm_sha256_update(&s, data, split);
	vsm_sha256_update(&s, data + split, size - split);
	vsm_sha256_final(&s, b);
	SHA256(data, size, c);
	if (memcmp(a, b, sizeof(a)) || memcmp(a, c, sizeof(a)))
		abort();
	return 0;
}
