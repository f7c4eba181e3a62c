// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz module-signature parsing: arbitrary bytes ending in the magic
 * string.  No crash, no read outside the input, and what the parser hands
 * out lies inside it.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/modsig.h"

static void inside(const struct vsm_der *d, const uint8_t *data, size_t size)
{
	if (d->len && (d->p < data || d->p + d->len > data + size))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t magic = sizeof(VSM_MODSIG_MAGIC) - 1;
	uint8_t *buf = malloc(size + magic);
	struct vsm_modsig sig;

	if (!buf)
		return 0;
	memcpy(buf, data, size);
	memcpy(buf + size, VSM_MODSIG_MAGIC, magic);
	if (!vsm_modsig_parse(buf, size + magic, &sig)) {
		if (sig.content_len > size)
			abort();
		inside(&sig.signature, buf, size);
		inside(&sig.signed_attrs, buf, size);
		inside(&sig.issuer, buf, size);
		inside(&sig.serial, buf, size);
	}
	free(buf);
	return 0;
}
