// SPDX-License-Identifier: GPL-2.0
/*
 * Key-store ioctl argument checks.  Structural faults (flags, reserved
 * fields, types) are -EINVAL; data longer than a call may carry is -E2BIG.
 */
#include "abi_keys.h"

static int check_secret(u32 len, const u8 *secret)
{
	if (len < VSM_DOMAIN_SECRET_MIN || len > VSM_DOMAIN_SECRET_MAX)
		return -EINVAL;
	/* Bytes past the secret must be zero: one secret, one encoding. */
	if (!vsm_mem_is_zero(secret + len, VSM_DOMAIN_SECRET_MAX - len))
		return -EINVAL;
	return 0;
}

static bool key_attrs_ok(u32 type, u32 usage, u32 attrs)
{
	return type >= VSM_KEY_AES256_GCM && type <= VSM_KEY_SECRET && usage &&
	       !(usage & ~VSM_KEY_USE_ALL) && !(attrs & ~VSM_KEY_ATTR_ALL);
}

/**
 * vsm_check_domain_create() - check a VSM_IOC_DOMAIN_CREATE request
 * @req: the request
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_domain_create(const struct vsm_domain_create *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_DOMAIN_CREATE_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->reserved || !req->max_keys || !req->max_bytes)
		return -EINVAL;
	return check_secret(req->secret_len, req->secret);
}

/**
 * vsm_check_domain_bind() - check a VSM_IOC_DOMAIN_BIND request
 * @req: the request
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_domain_bind(const struct vsm_domain_bind *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_DOMAIN_BIND_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (!req->domain_id)
		return -EINVAL;
	return check_secret(req->secret_len, req->secret);
}

/**
 * vsm_check_key_create() - check a VSM_IOC_KEY_CREATE request
 * @req: the request
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_key_create(const struct vsm_key_create *req)
{
	bool import = req->hdr.flags & VSM_KEY_CREATE_IMPORT;
	int ret = vsm_check_hdr(&req->hdr, VSM_KEY_CREATE_SIZE_VER0,
				VSM_KEY_CREATE_IMPORT);

	if (ret)
		return ret;
	if (req->reserved || !key_attrs_ok(req->type, req->usage, req->attrs))
		return -EINVAL;
	if (import && (!req->material_ptr || req->material_len < 16 ||
		       req->material_len > 64))
		return -EINVAL;
	if (!import && (req->material_ptr || req->material_len))
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_key_delete() - check a VSM_IOC_KEY_DELETE request
 * @req: the request
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_key_delete(const struct vsm_key_delete *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_KEY_DELETE_SIZE_VER0, 0);

	if (ret)
		return ret;
	return req->reserved || !req->key_id ? -EINVAL : 0;
}

/**
 * vsm_check_key_list() - check a VSM_IOC_KEY_LIST request
 * @req: the request
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_key_list(const struct vsm_key_list *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_KEY_LIST_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->reserved || !req->nr_keys || req->nr_keys > VSM_KEY_LIST_MAX)
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_aead() - check a VSM_IOC_AEAD request
 * @req: the request
 *
 * Return: 0, -EINVAL or -E2BIG.
 */
int vsm_check_aead(const struct vsm_aead *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_AEAD_SIZE_VER0,
				VSM_AEAD_OPEN | VSM_AEAD_CALLER_IV);

	if (ret)
		return ret;
	if ((req->hdr.flags & VSM_AEAD_OPEN) && (req->hdr.flags & VSM_AEAD_CALLER_IV))
		return -EINVAL;
	if (req->reserved || req->reserved2 || !req->key_id)
		return -EINVAL;
	if (req->len > VSM_KEY_DATA_MAX || req->aad_len > VSM_KEY_AAD_MAX)
		return -E2BIG;
	return 0;
}

/**
 * vsm_check_mac() - check a VSM_IOC_MAC request
 * @req: the request
 *
 * Return: 0, -EINVAL or -E2BIG.
 */
int vsm_check_mac(const struct vsm_mac *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_MAC_SIZE_VER0, VSM_MAC_VERIFY);

	if (ret)
		return ret;
	if (req->reserved || !req->key_id || req->tag_len < VSM_MAC_TAG_MIN ||
	    req->tag_len > VSM_MAC_TAG_MAX)
		return -EINVAL;
	return req->msg_len > VSM_KEY_DATA_MAX ? -E2BIG : 0;
}

/**
 * vsm_check_key_derive() - check a VSM_IOC_KEY_DERIVE request
 * @req: the request
 *
 * Return: 0, -EINVAL or -E2BIG.
 */
int vsm_check_key_derive(const struct vsm_key_derive *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_KEY_DERIVE_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->reserved || !req->key_id ||
	    !key_attrs_ok(req->type, req->usage, req->attrs))
		return -EINVAL;
	if (req->salt_len > VSM_KEY_AAD_MAX || req->info_len > VSM_KEY_AAD_MAX)
		return -E2BIG;
	return 0;
}

/**
 * vsm_check_key_wrap() - check a VSM_IOC_KEY_WRAP request
 * @req: the request
 *
 * Return: 0, -EINVAL or -E2BIG.
 */
int vsm_check_key_wrap(const struct vsm_key_wrap *req)
{
	bool unwrap = req->hdr.flags & VSM_KEY_UNWRAP;
	int ret = vsm_check_hdr(&req->hdr, VSM_KEY_WRAP_SIZE_VER0, VSM_KEY_UNWRAP);

	if (ret)
		return ret;
	if (req->reserved || !req->blob_len || (!unwrap && !req->key_id))
		return -EINVAL;
	return unwrap && req->blob_len > VSM_KEY_BLOB_MAX ? -E2BIG : 0;
}

/**
 * vsm_check_random() - check a VSM_IOC_RANDOM request
 * @req: the request
 *
 * Return: 0, -EINVAL or -E2BIG.
 */
int vsm_check_random(const struct vsm_random *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_RANDOM_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->reserved || !req->len)
		return -EINVAL;
	return req->len > VSM_KEY_DATA_MAX ? -E2BIG : 0;
}
