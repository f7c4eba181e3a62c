// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the key store: a sequence of arbitrary requests (each copied into a
 * request buffer as the secure world would) against one store that already
 * holds a domain, a session and keys.  No crash, no undefined behaviour,
 * every request answered with 0 or a negative errno, output within bounds,
 * and the imported key's material never appears in any output.
 */
#define _GNU_SOURCE
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/keystore.h"

static u8 counter;

static int entropy(void *ctx, u8 *out, size_t len)
{
	while (len--)
		*out++ = (u8)(counter++ * 29 + 1);
	return 0;
}

static void audit(void *ctx, u32 domain, u32 key, u32 op, s32 result)
{
}

static u64 now(void *ctx)
{
	return 0;
}

static const struct vsm_ks_env env = { NULL, entropy, audit, now };
static const u8 material[32] = "0123456789abcdefFEDCBA9876543210";

static void prepare(struct vsm_keystore *ks, struct vsm_ks_req *r)
{
	memset(r, 0, sizeof(*r));
	r->op = VSM_KS_DOMAIN_CREATE;
	r->secret_len = 16;
	r->max_keys = 8;
	r->max_bytes = 512;
	vsm_ks_handle(ks, &env, r);
	r->domain_id = r->new_id;
	r->op = VSM_KS_DOMAIN_BIND;
	r->secret_len = 16;
	vsm_ks_handle(ks, &env, r);
	r->session = r->new_id;
	r->op = VSM_KS_IMPORT;
	r->type = VSM_KS_SECRET;
	r->usage = VSM_KS_USE_ALL;
	r->attrs = VSM_KS_ATTR_EXPORTABLE;
	r->in_len = 32;
	memcpy(r->payload, material, 32);
	vsm_ks_handle(ks, &env, r);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct vsm_keystore ks;
	static u8 buf[sizeof(struct vsm_ks_req) + VSM_KS_PAYLOAD_MAX];
	struct vsm_ks_req *r = (struct vsm_ks_req *)buf;
	size_t hdr = offsetof(struct vsm_ks_req, result), n;

	memset(&ks, 0, sizeof(ks));
	prepare(&ks, r);
	while (size) {
		n = size < hdr + 64 ? size : hdr + 64;
		memset(buf, 0, sizeof(buf));
		memcpy(buf, data, n < hdr ? n : hdr);
		if (n > hdr)
			memcpy(r->payload, data + hdr, n - hdr);
		r->session = r->session % 4;	/* sometimes the real one */
		vsm_ks_handle(&ks, &env, r);
		if (r->result > 0 || r->out_len > VSM_KS_PAYLOAD_MAX)
			abort();
		/* Material in the output, not put there by the input itself. */
		if (r->out_len && memmem(r->payload, r->out_len, material, 16) &&
		    !memmem(data, n, material, 16))
			abort();
		data += n;
		size -= n;
	}
	return 0;
}
