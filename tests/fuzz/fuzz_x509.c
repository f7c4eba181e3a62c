// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the DER reader through its users: certificate, SubjectPublicKeyInfo
 * and RSA key extraction on arbitrary bytes.  No crash, no read outside
 * the input, and every range handed out lies inside it.
 */
#include <stdint.h>
#include <stdlib.h>

#include "../../kmod/common/asn1.h"

static void inside(const struct vsm_der *d, const uint8_t *data, size_t size)
{
	if (d->p < data || d->p + d->len > data + size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct vsm_der spki, n, e, in = { data, size }, c;
	u8 tag;

	if (!vsm_x509_spki(data, size, &spki)) {
		inside(&spki, data, size);
		if (!vsm_spki_rsa(spki, &n, &e)) {
			inside(&n, data, size);
			inside(&e, data, size);
		}
	}
	if (!vsm_der_next(&in, &tag, &c) && !vsm_spki_rsa(c, &n, &e)) {
		inside(&n, data, size);
		inside(&e, data, size);
	}
	return 0;
}
