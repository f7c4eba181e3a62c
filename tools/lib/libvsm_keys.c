// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libvsm: the key-store calls.  Each fills one argument structure, makes
 * one ioctl and wipes the structure if it held a secret.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "libvsm.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define INIT(arg) do { memset(&(arg), 0, sizeof(arg)); (arg).hdr.size = sizeof(arg); } while (0)

static void wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

static int call(int fd, unsigned long cmd, void *arg)
{
	return ioctl(fd, cmd, arg) ? -errno : 0;
}

/* Labels are NUL-padded, and need no NUL when they fill the field. */
static void set_label(uint8_t *dst, const char *label)
{
	size_t n = label ? strnlen(label, VSM_KEY_LABEL_LEN) : 0;

	if (n)
		memcpy(dst, label, n);
}

/**
 * vsm_domain_create() - create a key domain (needs CAP_SYS_ADMIN)
 * @fd: open /dev/vsm
 * @secret: authorization secret, VSM_DOMAIN_SECRET_MIN..MAX bytes
 * @secret_len: its length
 * @max_keys: quota of keys
 * @max_bytes: quota of key material
 * @ops_per_sec: rate limit, 0 for none
 * @domain_id: out: the new domain
 *
 * Return: 0 or a negative errno.
 */
int vsm_domain_create(int fd, const void *secret, size_t secret_len,
		      uint32_t max_keys, uint32_t max_bytes, uint32_t ops_per_sec,
		      uint32_t *domain_id)
{
	struct vsm_domain_create a;
	int ret;

	if (secret_len > sizeof(a.secret))
		return -EINVAL;
	INIT(a);
	a.secret_len = (uint32_t)secret_len;
	memcpy(a.secret, secret, secret_len);
	a.max_keys = max_keys;
	a.max_bytes = max_bytes;
	a.ops_per_sec = ops_per_sec;
	ret = call(fd, VSM_IOC_DOMAIN_CREATE, &a);
	if (!ret)
		*domain_id = a.domain_id;
	wipe(&a, sizeof(a));
	return ret;
}

/**
 * vsm_domain_bind() - bind @fd to a domain for the rest of its life
 * @fd: open /dev/vsm, not yet bound
 * @domain_id: the domain
 * @secret: its authorization secret
 * @secret_len: its length
 *
 * Return: 0 or a negative errno (-EACCES for a wrong secret).
 */
int vsm_domain_bind(int fd, uint32_t domain_id, const void *secret, size_t secret_len)
{
	struct vsm_domain_bind a;
	int ret;

	if (secret_len > sizeof(a.secret))
		return -EINVAL;
	INIT(a);
	a.domain_id = domain_id;
	a.secret_len = (uint32_t)secret_len;
	memcpy(a.secret, secret, secret_len);
	ret = call(fd, VSM_IOC_DOMAIN_BIND, &a);
	wipe(&a, sizeof(a));
	return ret;
}

int vsm_domain_destroy(int fd)
{
	struct vsm_hdr h = { sizeof(h), 0 };

	return call(fd, VSM_IOC_DOMAIN_DESTROY, &h);
}

static int key_create(int fd, uint32_t flags, uint32_t type, uint32_t usage,
		      uint32_t attrs, const char *label, const void *material,
		      size_t len, uint32_t *key_id)
{
	struct vsm_key_create a;
	int ret;

	INIT(a);
	a.hdr.flags = flags;
	a.type = type;
	a.usage = usage;
	a.attrs = attrs;
	set_label(a.label, label);
	a.material_ptr = (uintptr_t)material;
	a.material_len = (uint32_t)len;
	ret = call(fd, VSM_IOC_KEY_CREATE, &a);
	if (!ret)
		*key_id = a.key_id;
	return ret;
}

/**
 * vsm_key_generate() - a new key, generated in the secure world
 * @fd: bound /dev/vsm
 * @type: VSM_KEY_*
 * @usage: VSM_KEY_USE_* bits
 * @attrs: VSM_KEY_ATTR_* bits
 * @label: up to VSM_KEY_LABEL_LEN bytes, or NULL
 * @key_id: out: its id
 *
 * Return: 0 or a negative errno.
 */
int vsm_key_generate(int fd, uint32_t type, uint32_t usage, uint32_t attrs,
		     const char *label, uint32_t *key_id)
{
	return key_create(fd, 0, type, usage, attrs, label, NULL, 0, key_id);
}

/**
 * vsm_key_import() - store key material once; it can never be read back
 * @fd: bound /dev/vsm
 * @type: VSM_KEY_*
 * @usage: VSM_KEY_USE_* bits
 * @attrs: VSM_KEY_ATTR_* bits
 * @label: label, or NULL
 * @material: the key
 * @len: its length (32 for AES, 16..64 otherwise)
 * @key_id: out: its id
 *
 * Return: 0 or a negative errno.
 */
int vsm_key_import(int fd, uint32_t type, uint32_t usage, uint32_t attrs,
		   const char *label, const void *material, size_t len,
		   uint32_t *key_id)
{
	return key_create(fd, VSM_KEY_CREATE_IMPORT, type, usage, attrs, label,
			  material, len, key_id);
}

int vsm_key_delete(int fd, uint32_t key_id)
{
	struct vsm_key_delete a;

	INIT(a);
	a.key_id = key_id;
	return call(fd, VSM_IOC_KEY_DELETE, &a);
}

/**
 * vsm_key_list() - the bound domain's keys
 * @fd: bound /dev/vsm
 * @keys: array of @capacity entries
 * @capacity: 1..VSM_KEY_LIST_MAX
 * @count: out: keys the domain holds (may exceed @capacity)
 *
 * Return: 0 or a negative errno.
 */
int vsm_key_list(int fd, struct vsm_key_info *keys, uint32_t capacity, uint32_t *count)
{
	struct vsm_key_list a;
	int ret;

	INIT(a);
	a.nr_keys = capacity;
	a.keys_ptr = (uintptr_t)keys;
	ret = call(fd, VSM_IOC_KEY_LIST, &a);
	if (!ret)
		*count = a.nr_keys;
	return ret;
}

static int aead(int fd, uint32_t flags, uint32_t key_id, uint8_t *iv, const void *aad,
		size_t aad_len, const void *in, size_t len, void *out, uint8_t *tag)
{
	struct vsm_aead a;
	int ret;

	INIT(a);
	a.hdr.flags = flags;
	a.key_id = key_id;
	a.len = (uint32_t)len;
	a.aad_ptr = (uintptr_t)aad;
	a.aad_len = (uint32_t)aad_len;
	a.in_ptr = (uintptr_t)in;
	a.out_ptr = (uintptr_t)out;
	if (len > VSM_KEY_DATA_MAX || aad_len > VSM_KEY_AAD_MAX)
		return -E2BIG;
	if (flags)
		memcpy(a.iv, iv, sizeof(a.iv));
	if (flags & VSM_AEAD_OPEN)
		memcpy(a.tag, tag, sizeof(a.tag));
	ret = call(fd, VSM_IOC_AEAD, &a);
	if (!ret && !(flags & VSM_AEAD_OPEN)) {
		memcpy(iv, a.iv, sizeof(a.iv));
		memcpy(tag, a.tag, sizeof(a.tag));
	}
	return ret;
}

/**
 * vsm_aead_seal() - AES-256-GCM encrypt under a fresh IV the secure world picks
 * @fd: bound /dev/vsm
 * @key_id: an AES key with VSM_KEY_USE_ENCRYPT
 * @aad: associated data (authenticated, not encrypted)
 * @aad_len: its length
 * @in: plaintext
 * @len: its length (at most VSM_KEY_DATA_MAX)
 * @out: ciphertext, @len bytes
 * @iv: out: the IV to keep with the ciphertext
 * @tag: out: the tag to keep with it
 *
 * Return: 0 or a negative errno.
 */
int vsm_aead_seal(int fd, uint32_t key_id, const void *aad, size_t aad_len,
		  const void *in, size_t len, void *out, uint8_t iv[VSM_AEAD_IV_LEN],
		  uint8_t tag[VSM_AEAD_TAG_LEN])
{
	return aead(fd, 0, key_id, iv, aad, aad_len, in, len, out, tag);
}

/* Seal with a caller-chosen IV (deterministic protocols only: never reuse one). */
int vsm_aead_seal_with_iv(int fd, uint32_t key_id, const uint8_t iv[VSM_AEAD_IV_LEN],
			  const void *aad, size_t aad_len, const void *in, size_t len,
			  void *out, uint8_t tag[VSM_AEAD_TAG_LEN])
{
	uint8_t copy[VSM_AEAD_IV_LEN];

	memcpy(copy, iv, sizeof(copy));
	return aead(fd, VSM_AEAD_CALLER_IV, key_id, copy, aad, aad_len, in, len, out, tag);
}

/**
 * vsm_aead_open() - AES-256-GCM check and decrypt
 * @fd: bound /dev/vsm
 * @key_id: an AES key with VSM_KEY_USE_DECRYPT
 * @iv: the IV used to seal
 * @aad: associated data
 * @aad_len: its length
 * @in: ciphertext
 * @len: its length
 * @tag: the tag
 * @out: plaintext, written only if the tag matches
 *
 * Return: 0, -EBADMSG for a forgery, or another negative errno.
 */
int vsm_aead_open(int fd, uint32_t key_id, const uint8_t iv[VSM_AEAD_IV_LEN],
		  const void *aad, size_t aad_len, const void *in, size_t len,
		  const uint8_t tag[VSM_AEAD_TAG_LEN], void *out)
{
	uint8_t ivc[VSM_AEAD_IV_LEN], tagc[VSM_AEAD_TAG_LEN];

	memcpy(ivc, iv, sizeof(ivc));
	memcpy(tagc, tag, sizeof(tagc));
	return aead(fd, VSM_AEAD_OPEN, key_id, ivc, aad, aad_len, in, len, out, tagc);
}

static int mac(int fd, uint32_t flags, uint32_t key_id, const void *msg, size_t len,
	       uint8_t *tag, size_t tag_len)
{
	struct vsm_mac a;
	int ret;

	if (tag_len > sizeof(a.tag))
		return -EINVAL;
	INIT(a);
	a.hdr.flags = flags;
	a.key_id = key_id;
	a.tag_len = (uint32_t)tag_len;
	a.msg_ptr = (uintptr_t)msg;
	a.msg_len = (uint32_t)len;
	if (len > VSM_KEY_DATA_MAX)
		return -E2BIG;
	if (flags)
		memcpy(a.tag, tag, tag_len);
	ret = call(fd, VSM_IOC_MAC, &a);
	if (!ret && !flags)
		memcpy(tag, a.tag, tag_len);
	return ret;
}

/* HMAC-SHA256 of @msg into @tag (VSM_MAC_TAG_MIN..MAX bytes). */
int vsm_mac_sign(int fd, uint32_t key_id, const void *msg, size_t len,
		 uint8_t *tag, size_t tag_len)
{
	return mac(fd, 0, key_id, msg, len, tag, tag_len);
}

/* Check @tag in constant time: 0, or -EBADMSG. */
int vsm_mac_verify(int fd, uint32_t key_id, const void *msg, size_t len,
		   const uint8_t *tag, size_t tag_len)
{
	uint8_t copy[VSM_MAC_TAG_MAX];

	if (tag_len > sizeof(copy))
		return -EINVAL;
	memcpy(copy, tag, tag_len);
	return mac(fd, VSM_MAC_VERIFY, key_id, msg, len, copy, tag_len);
}

/**
 * vsm_key_derive() - HKDF-SHA256 from a stored key into a new stored key
 * @fd: bound /dev/vsm
 * @parent_id: a SECRET or HMAC key with VSM_KEY_USE_DERIVE
 * @type: the new key's type
 * @usage: its usage, within the parent's
 * @attrs: its attributes, within the parent's
 * @label: its label
 * @salt: HKDF salt
 * @salt_len: its length
 * @info: HKDF info (context)
 * @info_len: its length
 * @key_id: out: the new key
 *
 * Return: 0 or a negative errno.
 */
int vsm_key_derive(int fd, uint32_t parent_id, uint32_t type, uint32_t usage,
		   uint32_t attrs, const char *label, const void *salt,
		   size_t salt_len, const void *info, size_t info_len, uint32_t *key_id)
{
	struct vsm_key_derive a;
	int ret;

	INIT(a);
	a.key_id = parent_id;
	a.type = type;
	a.usage = usage;
	a.attrs = attrs;
	set_label(a.label, label);
	a.salt_ptr = (uintptr_t)salt;
	a.salt_len = (uint32_t)salt_len;
	a.info_ptr = (uintptr_t)info;
	a.info_len = (uint32_t)info_len;
	ret = call(fd, VSM_IOC_KEY_DERIVE, &a);
	if (!ret)
		*key_id = a.new_key_id;
	return ret;
}

/**
 * vsm_key_wrap() - export an EXPORTABLE key as an authenticated blob
 * @fd: bound /dev/vsm
 * @key_id: the key
 * @wrapping_key_id: 0 for the secure world's storage key, else a WRAP key
 * @blob: buffer
 * @blob_len: in: its size; out: the blob's length (also on -ENOSPC: the
 *	size needed)
 *
 * Return: 0 or a negative errno.
 */
int vsm_key_wrap(int fd, uint32_t key_id, uint32_t wrapping_key_id, void *blob,
		 size_t *blob_len)
{
	struct vsm_key_wrap a;
	int ret;

	INIT(a);
	a.key_id = key_id;
	a.wrapping_key_id = wrapping_key_id;
	a.blob_ptr = (uintptr_t)blob;
	a.blob_len = *blob_len > UINT32_MAX ? UINT32_MAX : (uint32_t)*blob_len;
	ret = call(fd, VSM_IOC_KEY_WRAP, &a);
	if (!ret || ret == -ENOSPC)
		*blob_len = a.blob_len;
	return ret;
}

/* Import a blob from vsm_key_wrap() as a new key of the bound domain. */
int vsm_key_unwrap(int fd, uint32_t wrapping_key_id, const void *blob,
		   size_t blob_len, uint32_t *key_id)
{
	struct vsm_key_wrap a;
	int ret;

	INIT(a);
	a.hdr.flags = VSM_KEY_UNWRAP;
	a.wrapping_key_id = wrapping_key_id;
	a.blob_ptr = (uintptr_t)blob;
	a.blob_len = blob_len > UINT32_MAX ? UINT32_MAX : (uint32_t)blob_len;
	ret = call(fd, VSM_IOC_KEY_WRAP, &a);
	if (!ret)
		*key_id = a.key_id;
	return ret;
}

/* @len bytes (at most VSM_KEY_DATA_MAX) from the secure world's DRBG. */
int vsm_random(int fd, void *buf, size_t len)
{
	struct vsm_random a;

	if (len > VSM_KEY_DATA_MAX)
		return -E2BIG;
	INIT(a);
	a.len = (uint32_t)len;
	a.ptr = (uintptr_t)buf;
	return call(fd, VSM_IOC_RANDOM, &a);
}

static const char *const type_names[] = {
	[VSM_KEY_AES256_GCM] = "aes256-gcm",
	[VSM_KEY_HMAC_SHA256] = "hmac-sha256",
	[VSM_KEY_SECRET] = "secret",
};

static const char *const op_names[] = {
	[VSM_KEY_OP_DOMAIN_CREATE] = "domain_create",
	[VSM_KEY_OP_DOMAIN_BIND] = "domain_bind",
	[VSM_KEY_OP_DOMAIN_DESTROY] = "domain_destroy",
	[VSM_KEY_OP_CREATE] = "create",
	[VSM_KEY_OP_IMPORT] = "import",
	[VSM_KEY_OP_DELETE] = "delete",
	[VSM_KEY_OP_LIST] = "list",
	[VSM_KEY_OP_SEAL] = "seal",
	[VSM_KEY_OP_OPEN] = "open",
	[VSM_KEY_OP_SIGN] = "sign",
	[VSM_KEY_OP_VERIFY] = "verify",
	[VSM_KEY_OP_DERIVE] = "derive",
	[VSM_KEY_OP_WRAP] = "wrap",
	[VSM_KEY_OP_UNWRAP] = "unwrap",
	[VSM_KEY_OP_RANDOM] = "random",
	[VSM_KEY_OP_UNBIND] = "unbind",
};

/* Stable name of a VSM_KEY_OP_* (a key_op audit record's operation), or NULL. */
const char *vsm_key_op_name(uint32_t op)
{
	return op < ARRAY_SIZE(op_names) ? op_names[op] : NULL;
}

/* Stable name of a VSM_KEY_* type, or NULL. */
const char *vsm_key_type_name(uint32_t type)
{
	return type < ARRAY_SIZE(type_names) ? type_names[type] : NULL;
}

/* The VSM_KEY_* type for a name, or -EINVAL. */
int vsm_key_type_from_name(const char *name)
{
	unsigned int i;

	for (i = 1; i < ARRAY_SIZE(type_names); i++)
		if (!strcmp(name, type_names[i]))
			return (int)i;
	return -EINVAL;
}
