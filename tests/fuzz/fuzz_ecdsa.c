// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz ECDSA verification: arbitrary public keys, digests and DER
 * signatures on both curves.  No crash, no undefined behaviour, only the
 * documented answers.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/crypto/ecdsa.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	enum vsm_curve curve;
	size_t nb, dl;
	int ret;

	if (size < 2)
		return 0;
	curve = 1 + (data[0] & 1);
	dl = data[1] % 65;
	nb = vsm_curve_bytes(curve);
	data += 2;
	size -= 2;
	if (size < 2 * nb + dl)
		return 0;
	ret = vsm_ecdsa_verify_der(curve, data, data + nb, data + 2 * nb, dl,
				   data + 2 * nb + dl, size - 2 * nb - dl);
	if (ret && ret != -EBADMSG && ret != -EINVAL)
		abort();
	return 0;
}
