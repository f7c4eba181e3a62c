// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz RSA verification with hostile keys and signatures: any sizes, any
 * bytes.  No crash, no undefined behaviour, and only the documented
 * answers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/crypto/rsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 e65537[] = { 1, 0, 1 };
	u8 digest[64] = { 0 };
	size_t n_len, e_len;
	int ret;

	if (size < 3)
		return 0;
	n_len = (size_t)data[0] << 2 | (data[1] & 3);	/* up to 1023 */
	e_len = data[1] >> 2 & 15;
	data += 2;
	size -= 2;
	if (n_len > size)
		n_len = size;
	if (e_len > size - n_len)
		e_len = size - n_len;
	ret = vsm_rsa_pkcs1_verify(data, n_len, e_len ? data + n_len : e65537,
				   e_len ? e_len : 3, 1 + data[0] % 4, digest,
				   data + n_len + e_len, size - n_len - e_len);
	if (ret && ret != -EBADMSG && ret != -EINVAL)
		abort();
	return 0;
}
