/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The key store's logic: domains, sessions, keys, quotas and every key
 * operation, on a request the caller has already copied into memory it
 * owns.  Pure (no I/O): the secure world runs it behind the KEY
 * hypercall; the hosted tests run it directly.
 */
#ifndef VSM_COMMON_KEYSTORE_H
#define VSM_COMMON_KEYSTORE_H

#include "crypto/drbg.h"
#include "types.h"

#define VSM_KS_MAX_DOMAINS	32
#define VSM_KS_MAX_KEYS		256
#define VSM_KS_MAX_SESSIONS	128
#define VSM_KS_MAX_MATERIAL	64
#define VSM_KS_MAX_KEY_BYTES	(VSM_KS_MAX_KEYS * VSM_KS_MAX_MATERIAL)
#define VSM_KS_SECRET_MAX	64
#define VSM_KS_LABEL_LEN	32
#define VSM_KS_DATA_MAX		16384
#define VSM_KS_AAD_MAX		4096
#define VSM_KS_PAYLOAD_MAX	(VSM_KS_DATA_MAX + VSM_KS_AAD_MAX)
#define VSM_KS_BLOB_HEADER	60
#define VSM_KS_BLOB_OVERHEAD	(VSM_KS_BLOB_HEADER + 12 + 16)
#define VSM_KS_INFO_SIZE	56	/* struct vsm_key_info */

/* Operations: the same numbers as VSM_KEY_OP_* in the UAPI. */
enum vsm_ks_op {
	VSM_KS_DOMAIN_CREATE = 1,
	VSM_KS_DOMAIN_BIND = 2,
	VSM_KS_DOMAIN_DESTROY = 3,
	VSM_KS_CREATE = 4,
	VSM_KS_IMPORT = 5,
	VSM_KS_DELETE = 6,
	VSM_KS_LIST = 7,
	VSM_KS_SEAL = 8,
	VSM_KS_OPEN = 9,
	VSM_KS_SIGN = 10,
	VSM_KS_VERIFY = 11,
	VSM_KS_DERIVE = 12,
	VSM_KS_WRAP = 13,
	VSM_KS_UNWRAP = 14,
	VSM_KS_RANDOM = 15,
	VSM_KS_UNBIND = 16,
	VSM_KS_OP_MAX = 16,
};

/* Mirrors of the UAPI's key types, usages and attributes. */
#define VSM_KS_AES256_GCM	1
#define VSM_KS_HMAC_SHA256	2
#define VSM_KS_SECRET		3
#define VSM_KS_USE_ENCRYPT	VSM_BIT(0)
#define VSM_KS_USE_DECRYPT	VSM_BIT(1)
#define VSM_KS_USE_SIGN		VSM_BIT(2)
#define VSM_KS_USE_VERIFY	VSM_BIT(3)
#define VSM_KS_USE_DERIVE	VSM_BIT(4)
#define VSM_KS_USE_WRAP		VSM_BIT(5)
#define VSM_KS_USE_UNWRAP	VSM_BIT(6)
#define VSM_KS_USE_ALL		0x7fU
#define VSM_KS_ATTR_EXPORTABLE	VSM_BIT(0)
#define VSM_KS_ATTR_ALL		0x1U
#define VSM_KS_CALLER_IV	VSM_BIT(1)	/* struct vsm_ks_req @flags, seal */

/**
 * struct vsm_ks_req - one key-store request, and its answer
 *
 * The driver fills it (and the payload after it) in a host buffer; the
 * secure world copies it into its own memory, and only then reads it.
 * @op: enum vsm_ks_op
 * @flags: op-specific (VSM_KS_CALLER_IV)
 * @session: the caller's session (from DOMAIN_BIND; 0 for none)
 * @domain_id: DOMAIN_BIND: the domain
 * @key_id: the key operated on (WRAP: the key to wrap)
 * @key_id2: WRAP/UNWRAP: wrapping key, 0 for the storage key
 * @type: new key's type
 * @usage: new key's usage
 * @attrs: new key's attributes
 * @max_keys: DOMAIN_CREATE quota
 * @max_bytes: DOMAIN_CREATE quota
 * @ops_per_sec: DOMAIN_CREATE rate limit, 0 for none
 * @secret_len: length of @secret
 * @secret: DOMAIN_CREATE/BIND authorization secret
 * @label: new key's label
 * @iv: AEAD IV (seal: out unless CALLER_IV)
 * @tag_len: MAC tag length
 * @tag: AEAD/MAC tag
 * @in_len: bytes of input at the start of @payload
 * @aad_len: bytes of associated data (or HKDF info) after the input
 * @out_max: room for output in @payload
 * @result: out: 0 or a negative errno
 * @out_len: out: bytes of output at the start of @payload
 * @new_id: out: created key, domain or session id
 * @count: out: LIST: keys the domain holds
 * @payload: data
 */
struct vsm_ks_req {
	u32 op;
	u32 flags;
	u32 session;
	u32 domain_id;
	u32 key_id;
	u32 key_id2;
	u32 type;
	u32 usage;
	u32 attrs;
	u32 max_keys;
	u32 max_bytes;
	u32 ops_per_sec;
	u32 secret_len;
	u8 secret[VSM_KS_SECRET_MAX];
	u8 label[VSM_KS_LABEL_LEN];
	u8 iv[12];
	u32 tag_len;
	u8 tag[32];
	u32 in_len;
	u32 aad_len;
	u32 out_max;
	s32 result;
	u32 out_len;
	u32 new_id;
	u32 count;
	u8 payload[];
};

/**
 * struct vsm_ks_env - what the key store needs from its host
 * @ctx: passed back to the callbacks
 * @entropy: fill with full-entropy bytes from hardware; -ENODEV if none
 * @audit: record one operation
 * @now_ms: a monotonic clock, for rate limits
 */
struct vsm_ks_env {
	void *ctx;
	int (*entropy)(void *ctx, u8 *out, size_t len);
	void (*audit)(void *ctx, u32 domain, u32 key, u32 op, s32 result);
	u64 (*now_ms)(void *ctx);
};

struct vsm_ks_domain {
	u32 id;
	u32 max_keys;
	u32 max_bytes;
	u32 ops_per_sec;
	u32 nr_keys;
	u32 nr_bytes;
	u64 window_ms;
	u32 window_ops;
	u8 uuid[16];
	u8 auth[32];
};

struct vsm_ks_key {
	u32 id;
	u32 domain_id;
	u32 type;
	u32 usage;
	u32 attrs;
	u32 len;
	u8 label[VSM_KS_LABEL_LEN];
	u8 material[VSM_KS_MAX_MATERIAL];
};

struct vsm_ks_session {
	u32 id;
	u32 domain_id;
};

/**
 * struct vsm_keystore - all key-store state; zero is "not started"
 * @started: the DRBG and storage key are set up (if @have_rng)
 * @have_rng: hardware entropy was available
 * @drbg: the generator
 * @storage_key: wraps blobs (random at start: blobs live until restart)
 * @pepper: keys the hash of domain secrets
 * @next_id: the next id handed out for a domain, key or session
 * @domains: domain table
 * @keys: key table
 * @sessions: bound files
 */
struct vsm_keystore {
	bool started;
	bool have_rng;
	struct vsm_drbg drbg;
	u8 storage_key[32];
	u8 pepper[32];
	u32 next_id;
	struct vsm_ks_domain domains[VSM_KS_MAX_DOMAINS];
	struct vsm_ks_key keys[VSM_KS_MAX_KEYS];
	struct vsm_ks_session sessions[VSM_KS_MAX_SESSIONS];
};

void vsm_ks_handle(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		   struct vsm_ks_req *req);

#endif /* VSM_COMMON_KEYSTORE_H */
