// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the key-store ioctl argument checks: no crash, and whatever is
 * accepted respects the documented limits.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/abi_keys.h"

static void fill(void *dst, size_t dst_size, const uint8_t *data, size_t size)
{
	memset(dst, 0, dst_size);
	memcpy(dst, data, size < dst_size ? size : dst_size);
}

static void require(bool ok)
{
	if (!ok)
		abort();
}

static bool size_ok(const struct vsm_hdr *h, u32 min)
{
	return h->size >= min && h->size <= VSM_ARG_MAX_SIZE;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	union {
		struct vsm_domain_create dc;
		struct vsm_domain_bind db;
		struct vsm_key_create kc;
		struct vsm_key_list kl;
		struct vsm_aead ae;
		struct vsm_mac mc;
		struct vsm_key_derive kd;
		struct vsm_key_wrap kw;
		struct vsm_random rn;
	} u;

	fill(&u, sizeof(u), data, size);
	if (!vsm_check_domain_create(&u.dc))
		require(size_ok(&u.dc.hdr, VSM_DOMAIN_CREATE_SIZE_VER0) && !u.dc.hdr.flags &&
			u.dc.secret_len >= VSM_DOMAIN_SECRET_MIN &&
			u.dc.secret_len <= VSM_DOMAIN_SECRET_MAX && u.dc.max_keys);
	if (!vsm_check_domain_bind(&u.db))
		require(u.db.secret_len <= VSM_DOMAIN_SECRET_MAX && u.db.domain_id);
	if (!vsm_check_key_create(&u.kc))
		require(size_ok(&u.kc.hdr, VSM_KEY_CREATE_SIZE_VER0) && u.kc.usage &&
			!(u.kc.usage & ~VSM_KEY_USE_ALL) && u.kc.material_len <= 64);
	if (!vsm_check_key_list(&u.kl))
		require(u.kl.nr_keys && u.kl.nr_keys <= VSM_KEY_LIST_MAX);
	if (!vsm_check_aead(&u.ae))
		require(u.ae.len <= VSM_KEY_DATA_MAX && u.ae.aad_len <= VSM_KEY_AAD_MAX &&
			(u.ae.hdr.flags & 3) != 3 && !(u.ae.hdr.flags & ~3U));
	if (!vsm_check_mac(&u.mc))
		require(u.mc.msg_len <= VSM_KEY_DATA_MAX && u.mc.tag_len >= VSM_MAC_TAG_MIN &&
			u.mc.tag_len <= VSM_MAC_TAG_MAX);
	if (!vsm_check_key_derive(&u.kd))
		require(u.kd.salt_len <= VSM_KEY_AAD_MAX && u.kd.info_len <= VSM_KEY_AAD_MAX);
	if (!vsm_check_key_wrap(&u.kw))
		require(u.kw.blob_len && (!(u.kw.hdr.flags & VSM_KEY_UNWRAP) ||
					  u.kw.blob_len <= VSM_KEY_BLOB_MAX));
	if (!vsm_check_random(&u.rn))
		require(u.rn.len && u.rn.len <= VSM_KEY_DATA_MAX);
	return 0;
}
