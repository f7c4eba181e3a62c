// SPDX-License-Identifier: GPL-2.0
/*
 * The key store's logic, driven directly: domains and sessions, quotas,
 * every operation and every refusal, and that a refused request changes
 * nothing.
 */
#define _GNU_SOURCE
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/keystore.h"

struct env_state {
	bool rng;
	u8 counter;
	u64 now;
	int audits;
	u32 last_op, last_domain, last_key;
	s32 last_result;
};

static int fake_entropy(void *ctx, u8 *out, size_t len)
{
	struct env_state *e = ctx;

	if (!e->rng)
		return -ENODEV;
	while (len--)
		*out++ = (u8)(e->counter++ * 167 + 13);
	return 0;
}

static void fake_audit(void *ctx, u32 domain, u32 key, u32 op, s32 result)
{
	struct env_state *e = ctx;

	e->audits++;
	e->last_domain = domain;
	e->last_key = key;
	e->last_op = op;
	e->last_result = result;
}

static u64 fake_now(void *ctx)
{
	return ((struct env_state *)ctx)->now;
}

struct fixture {
	struct vsm_keystore *ks;
	struct env_state st;
	struct vsm_ks_env env;
	struct vsm_ks_req *req;
};

static void setup(struct fixture *f, bool rng)
{
	memset(&f->st, 0, sizeof(f->st));
	f->st.rng = rng;
	f->st.now = 5000;
	f->env = (struct vsm_ks_env){ &f->st, fake_entropy, fake_audit, fake_now };
	f->ks = calloc(1, sizeof(*f->ks));
	f->req = calloc(1, sizeof(*f->req) + VSM_KS_PAYLOAD_MAX);
}

static void teardown(struct fixture *f)
{
	free(f->ks);
	free(f->req);
}

/* Start a request: everything zero, then the op. */
static struct vsm_ks_req *req(struct fixture *f, u32 op, u32 session)
{
	memset(f->req, 0, sizeof(*f->req) + VSM_KS_PAYLOAD_MAX);
	f->req->op = op;
	f->req->session = session;
	f->req->out_max = VSM_KS_PAYLOAD_MAX;
	return f->req;
}

static int run(struct fixture *f)
{
	vsm_ks_handle(f->ks, &f->env, f->req);
	return f->req->result;
}

static u32 make_domain_limits(struct fixture *f, const char *secret, u32 max_keys,
			      u32 max_bytes, u32 ops_per_sec)
{
	struct vsm_ks_req *r = req(f, VSM_KS_DOMAIN_CREATE, 0);

	r->secret_len = (u32)strlen(secret);
	memcpy(r->secret, secret, r->secret_len);
	r->max_keys = max_keys;
	r->max_bytes = max_bytes;
	r->ops_per_sec = ops_per_sec;
	return run(f) ? 0 : r->new_id;
}

static u32 make_domain(struct fixture *f, const char *secret, u32 max_keys)
{
	return make_domain_limits(f, secret, max_keys, VSM_KS_MAX_KEY_BYTES, 0);
}

static u32 bind(struct fixture *f, u32 domain, const char *secret)
{
	struct vsm_ks_req *r = req(f, VSM_KS_DOMAIN_BIND, 0);

	r->domain_id = domain;
	r->secret_len = (u32)strlen(secret);
	memcpy(r->secret, secret, r->secret_len);
	return run(f) ? 0 : r->new_id;
}

static u32 make_key(struct fixture *f, u32 session, u32 type, u32 usage, u32 attrs)
{
	struct vsm_ks_req *r = req(f, VSM_KS_CREATE, session);

	r->type = type;
	r->usage = usage;
	r->attrs = attrs;
	memcpy(r->label, "test key", 8);
	return run(f) ? 0 : r->new_id;
}

/* Open @len bytes of @ct sealed with associated data "aad". */
static int open_ct(struct fixture *f, u32 session, u32 key, const u8 *ct, u32 len,
		   const u8 *iv, const u8 *tag)
{
	struct vsm_ks_req *r = req(f, VSM_KS_OPEN, session);

	r->key_id = key;
	r->in_len = len;
	memcpy(r->payload, ct, len);
	memcpy(r->payload + len, "aad", 3);
	r->aad_len = 3;
	memcpy(r->iv, iv, 12);
	memcpy(r->tag, tag, 16);
	return run(f);
}

/* Seal @len bytes of 'p' with @key; ciphertext stays in the payload. */
static int seal(struct fixture *f, u32 session, u32 key, u32 len)
{
	struct vsm_ks_req *r = req(f, VSM_KS_SEAL, session);

	r->key_id = key;
	r->in_len = len;
	memset(r->payload, 'p', len);
	memcpy(r->payload + len, "aad", 3);
	r->aad_len = 3;
	return run(f);
}

#define A_SECRET "domain-a-secret-0123456789"
#define B_SECRET "domain-b-secret-0123456789"

TEST(keystore_seal_open_round_trip)
{
	struct fixture f;
	u8 ct[100], iv[12], tag[16];
	u32 dom, s, k;

	setup(&f, true);
	dom = make_domain(&f, A_SECRET, 8);
	EXPECT(dom != 0);
	s = bind(&f, dom, A_SECRET);
	EXPECT(s != 0);
	k = make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT | VSM_KS_USE_DECRYPT, 0);
	EXPECT(k != 0);
	EXPECT_EQ(seal(&f, s, k, 100), 0);
	EXPECT_EQ(f.req->out_len, 100);
	memcpy(ct, f.req->payload, 100);
	memcpy(iv, f.req->iv, 12);
	memcpy(tag, f.req->tag, 16);
	EXPECT(memchr(ct, 'p', 100) == NULL || memcmp(ct, "pppp", 4));

	EXPECT_EQ(open_ct(&f, s, k, ct, 100, iv, tag), 0);
	EXPECT_EQ(f.req->payload[0], 'p');
	EXPECT_EQ(f.req->payload[99], 'p');
	EXPECT_EQ(f.st.last_op, VSM_KS_OPEN);
	EXPECT_EQ(f.st.last_key, k);
	EXPECT_EQ(f.st.last_domain, dom);

	/* A changed tag: -EBADMSG, no plaintext. */
	memcpy(f.req->payload, ct, 100);
	f.req->tag[0] ^= 1;
	f.req->out_len = 77;
	EXPECT_EQ(run(&f), -EBADMSG);
	EXPECT_EQ(f.req->out_len, 0);
	EXPECT(!memcmp(f.req->payload, ct, 100));
	EXPECT_EQ(f.st.last_result, -EBADMSG);

	/* Two seals of the same message use fresh IVs. */
	EXPECT_EQ(seal(&f, s, k, 16), 0);
	memcpy(iv, f.req->iv, 12);
	EXPECT_EQ(seal(&f, s, k, 16), 0);
	EXPECT(memcmp(iv, f.req->iv, 12));
	teardown(&f);
}

TEST(keystore_domains_are_isolated)
{
	struct fixture f;
	u32 a, b, sa, sb, ka;

	setup(&f, true);
	a = make_domain(&f, A_SECRET, 8);
	b = make_domain(&f, B_SECRET, 8);
	EXPECT_EQ(bind(&f, a, B_SECRET), 0);		/* wrong secret */
	EXPECT_EQ(f.st.last_result, -EACCES);
	EXPECT_EQ(bind(&f, 999, A_SECRET), 0);		/* no such domain: same answer */
	EXPECT_EQ(f.st.last_result, -EACCES);
	sa = bind(&f, a, A_SECRET);
	sb = bind(&f, b, B_SECRET);
	ka = make_key(&f, sa, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT, 0);
	EXPECT_EQ(seal(&f, sb, ka, 10), -ENOKEY);
	req(&f, VSM_KS_DELETE, sb)->key_id = ka;
	EXPECT_EQ(run(&f), -ENOKEY);
	req(&f, VSM_KS_LIST, sb);
	EXPECT_EQ(run(&f), 0);
	EXPECT_EQ(f.req->count, 0);
	req(&f, VSM_KS_LIST, sa);
	EXPECT_EQ(run(&f), 0);
	EXPECT_EQ(f.req->count, 1);
	EXPECT_EQ(f.req->out_len, VSM_KS_INFO_SIZE);
	EXPECT(!memcmp(f.req->payload + 24, "test key", 8));
	EXPECT_EQ(seal(&f, 0, ka, 10), -EACCES);	/* unbound */
	EXPECT_EQ(seal(&f, sa, ka, 10), 0);
	teardown(&f);
}

TEST(keystore_quotas_and_table_limits)
{
	struct fixture f;
	u32 d, s, i, made = 0;

	setup(&f, true);
	d = make_domain(&f, A_SECRET, 2);
	s = bind(&f, d, A_SECRET);
	EXPECT(make_key(&f, s, VSM_KS_HMAC_SHA256, VSM_KS_USE_SIGN, 0));
	EXPECT(make_key(&f, s, VSM_KS_HMAC_SHA256, VSM_KS_USE_SIGN, 0));
	EXPECT_EQ(make_key(&f, s, VSM_KS_HMAC_SHA256, VSM_KS_USE_SIGN, 0), 0);
	EXPECT_EQ(f.st.last_result, -EDQUOT);

	/* Global: more domains than the table holds. */
	for (i = 0; i < VSM_KS_MAX_DOMAINS + 2; i++)
		made += make_domain(&f, B_SECRET, 1) != 0;
	EXPECT_EQ(made, VSM_KS_MAX_DOMAINS - 1);
	EXPECT_EQ(f.st.last_result, -ENOSPC);
	/* Quotas above the global limits are refused. */
	EXPECT_EQ(make_domain(&f, A_SECRET, VSM_KS_MAX_KEYS + 1), 0);
	EXPECT_EQ(f.st.last_result, -EINVAL);
	teardown(&f);
}

TEST(keystore_byte_quota)
{
	struct fixture f;
	u32 d, s;

	setup(&f, true);
	d = make_domain_limits(&f, A_SECRET, 10, 70, 0);
	s = bind(&f, d, A_SECRET);
	EXPECT(make_key(&f, s, VSM_KS_SECRET, VSM_KS_USE_DERIVE, 0));
	EXPECT(make_key(&f, s, VSM_KS_SECRET, VSM_KS_USE_DERIVE, 0));
	EXPECT_EQ(make_key(&f, s, VSM_KS_SECRET, VSM_KS_USE_DERIVE, 0), 0);
	EXPECT_EQ(f.st.last_result, -EDQUOT);
	teardown(&f);
}

TEST(keystore_wrap_delete_unwrap)
{
	struct fixture f;
	u8 blob[VSM_KS_BLOB_OVERHEAD + 32], ct[32], iv[12], tag[16];
	u32 d, s, k, k2, other, so, nx;
	struct vsm_ks_req *r;
	size_t bl;

	setup(&f, true);
	d = make_domain(&f, A_SECRET, 8);
	s = bind(&f, d, A_SECRET);
	k = make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT | VSM_KS_USE_DECRYPT,
		     VSM_KS_ATTR_EXPORTABLE);
	nx = make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT, 0);
	EXPECT_EQ(seal(&f, s, k, 32), 0);
	memcpy(ct, f.req->payload, 32);
	memcpy(iv, f.req->iv, 12);
	memcpy(tag, f.req->tag, 16);

	r = req(&f, VSM_KS_WRAP, s);
	r->key_id = nx;
	EXPECT_EQ(run(&f), -EACCES);			/* not exportable */
	r = req(&f, VSM_KS_WRAP, s);
	r->key_id = k;
	r->out_max = 10;
	EXPECT_EQ(run(&f), -ENOSPC);
	EXPECT_EQ(r->out_len, sizeof(blob));		/* says how much is needed */
	r = req(&f, VSM_KS_WRAP, s);
	r->key_id = k;
	EXPECT_EQ(run(&f), 0);
	bl = r->out_len;
	EXPECT_EQ(bl, sizeof(blob));
	memcpy(blob, r->payload, bl);
	EXPECT(!memmem(blob, bl, "pppp", 4));

	r = req(&f, VSM_KS_DELETE, s);
	r->key_id = k;
	EXPECT_EQ(run(&f), 0);
	EXPECT_EQ(seal(&f, s, k, 4), -ENOKEY);

	r = req(&f, VSM_KS_UNWRAP, s);
	memcpy(r->payload, blob, bl);
	r->in_len = (u32)bl;
	EXPECT_EQ(run(&f), 0);
	k2 = r->new_id;
	EXPECT(k2 != k);
	/* The unwrapped key opens what the original sealed. */
	EXPECT_EQ(open_ct(&f, s, k2, ct, 32, iv, tag), 0);
	EXPECT_EQ(f.req->payload[31], 'p');

	/* Any changed byte, another domain, a wrong length: rejected. */
	for (bl = 0; bl < sizeof(blob); bl += 7) {
		r = req(&f, VSM_KS_UNWRAP, s);
		memcpy(r->payload, blob, sizeof(blob));
		r->payload[bl] ^= 0x20;
		r->in_len = sizeof(blob);
		EXPECT_EQ(run(&f), -EKEYREJECTED);
	}
	r = req(&f, VSM_KS_UNWRAP, s);
	memcpy(r->payload, blob, sizeof(blob));
	r->in_len = sizeof(blob) - 1;
	EXPECT_EQ(run(&f), -EKEYREJECTED);
	other = make_domain(&f, B_SECRET, 8);
	so = bind(&f, other, B_SECRET);
	r = req(&f, VSM_KS_UNWRAP, so);
	memcpy(r->payload, blob, sizeof(blob));
	r->in_len = sizeof(blob);
	EXPECT_EQ(run(&f), -EKEYREJECTED);
	teardown(&f);
}

TEST(keystore_wrap_under_a_domain_key)
{
	struct fixture f;
	u8 blob[VSM_KS_BLOB_OVERHEAD + 64];
	u32 d, s, w, k;
	struct vsm_ks_req *r;
	u32 bl;

	setup(&f, true);
	d = make_domain(&f, A_SECRET, 8);
	s = bind(&f, d, A_SECRET);
	w = make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_WRAP, 0);
	k = make_key(&f, s, VSM_KS_HMAC_SHA256, VSM_KS_USE_SIGN, VSM_KS_ATTR_EXPORTABLE);
	r = req(&f, VSM_KS_WRAP, s);
	r->key_id = k;
	r->key_id2 = w;
	EXPECT_EQ(run(&f), 0);
	bl = r->out_len;
	memcpy(blob, r->payload, bl);
	r = req(&f, VSM_KS_UNWRAP, s);		/* w lacks UNWRAP */
	memcpy(r->payload, blob, bl);
	r->in_len = bl;
	r->key_id2 = w;
	EXPECT_EQ(run(&f), -EACCES);
	r = req(&f, VSM_KS_UNWRAP, s);		/* says storage key, blob says w */
	memcpy(r->payload, blob, bl);
	r->in_len = bl;
	EXPECT_EQ(run(&f), -EKEYREJECTED);
	teardown(&f);
}

TEST(keystore_mac_and_derive)
{
	struct fixture f;
	u32 d, s, h, parent, c1, c2;
	struct vsm_ks_req *r;
	u8 tag[32];

	setup(&f, true);
	d = make_domain(&f, A_SECRET, 16);
	s = bind(&f, d, A_SECRET);
	h = make_key(&f, s, VSM_KS_HMAC_SHA256, VSM_KS_USE_SIGN | VSM_KS_USE_VERIFY, 0);
	r = req(&f, VSM_KS_SIGN, s);
	r->key_id = h;
	r->tag_len = 32;
	memcpy(r->payload, "message", 7);
	r->in_len = 7;
	EXPECT_EQ(run(&f), 0);
	memcpy(tag, r->tag, 32);
	r = req(&f, VSM_KS_VERIFY, s);
	r->key_id = h;
	r->tag_len = 16;
	memcpy(r->tag, tag, 16);
	memcpy(r->payload, "message", 7);
	r->in_len = 7;
	EXPECT_EQ(run(&f), 0);
	r->tag[15] ^= 1;
	EXPECT_EQ(run(&f), -EBADMSG);
	r->tag_len = 8;
	EXPECT_EQ(run(&f), -EINVAL);

	parent = make_key(&f, s, VSM_KS_SECRET, VSM_KS_USE_DERIVE | VSM_KS_USE_ENCRYPT |
			  VSM_KS_USE_DECRYPT, 0);
	r = req(&f, VSM_KS_DERIVE, s);
	r->key_id = parent;
	r->type = VSM_KS_AES256_GCM;
	r->usage = VSM_KS_USE_ENCRYPT | VSM_KS_USE_DECRYPT;
	memcpy(r->payload, "salt", 4);
	r->in_len = 4;
	memcpy(r->payload + 4, "info", 4);
	r->aad_len = 4;
	EXPECT_EQ(run(&f), 0);
	c1 = r->new_id;
	EXPECT_EQ(run(&f), 0);
	c2 = r->new_id;
	/* Same inputs, same key: what c1 seals, c2 opens. */
	EXPECT_EQ(seal(&f, s, c1, 20), 0);
	{
		u8 ct[20], iv[12], tg[16];

		memcpy(ct, f.req->payload, 20);
		memcpy(iv, f.req->iv, 12);
		memcpy(tg, f.req->tag, 16);
		EXPECT_EQ(open_ct(&f, s, c2, ct, 20, iv, tg), 0);
	}
	/* More usage, or exportability, than the parent: refused. */
	r = req(&f, VSM_KS_DERIVE, s);
	r->key_id = parent;
	r->type = VSM_KS_HMAC_SHA256;
	r->usage = VSM_KS_USE_SIGN;
	EXPECT_EQ(run(&f), -EACCES);
	r = req(&f, VSM_KS_DERIVE, s);
	r->key_id = parent;
	r->type = VSM_KS_AES256_GCM;
	r->usage = VSM_KS_USE_ENCRYPT;
	r->attrs = VSM_KS_ATTR_EXPORTABLE;
	EXPECT_EQ(run(&f), -EACCES);
	/* The HMAC key may not derive, the AES key may not sign. */
	r = req(&f, VSM_KS_DERIVE, s);
	r->key_id = h;
	r->type = VSM_KS_SECRET;
	r->usage = VSM_KS_USE_SIGN;
	EXPECT_EQ(run(&f), -EACCES);
	r = req(&f, VSM_KS_SIGN, s);
	r->key_id = c1;
	r->tag_len = 32;
	EXPECT_EQ(run(&f), -EINVAL);
	teardown(&f);
}

TEST(keystore_without_hardware_random)
{
	struct fixture f;
	struct vsm_ks_req *r;
	u32 d, s, k;

	setup(&f, false);
	d = make_domain(&f, A_SECRET, 8);
	EXPECT(d != 0);
	s = bind(&f, d, A_SECRET);
	EXPECT_EQ(make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT, 0), 0);
	EXPECT_EQ(f.st.last_result, -ENODEV);
	r = req(&f, VSM_KS_IMPORT, s);
	r->type = VSM_KS_AES256_GCM;
	r->usage = VSM_KS_USE_ENCRYPT;
	r->in_len = 32;
	memset(r->payload, 7, 32);
	EXPECT_EQ(run(&f), 0);
	k = r->new_id;
	EXPECT_EQ(seal(&f, s, k, 8), -ENODEV);		/* no fresh IV */
	r = req(&f, VSM_KS_SEAL, s);
	r->key_id = k;
	r->flags = VSM_KS_CALLER_IV;
	memset(r->iv, 1, 12);
	r->in_len = 8;
	EXPECT_EQ(run(&f), 0);
	r = req(&f, VSM_KS_RANDOM, 0);
	r->out_max = 16;
	EXPECT_EQ(run(&f), -ENODEV);
	teardown(&f);
}

TEST(keystore_rate_limit)
{
	struct fixture f;
	u32 d, s, k;

	setup(&f, true);
	d = make_domain_limits(&f, A_SECRET, 4, 256, 3);
	s = bind(&f, d, A_SECRET);
	k = make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT, 0);	/* op 1 */
	EXPECT_EQ(seal(&f, s, k, 1), 0);					/* op 2 */
	EXPECT_EQ(seal(&f, s, k, 1), 0);					/* op 3 */
	EXPECT_EQ(seal(&f, s, k, 1), -EBUSY);
	f.st.now += 1000;
	EXPECT_EQ(seal(&f, s, k, 1), 0);
	teardown(&f);
}

TEST(keystore_bad_requests_change_nothing)
{
	static const struct { u32 op, flags, in_len, aad_len, out_max, secret_len; int err; } bad[] = {
		{ 0, 0, 0, 0, 0, 0, -EINVAL },
		{ VSM_KS_OP_MAX + 1, 0, 0, 0, 0, 0, -EINVAL },
		{ VSM_KS_SEAL, 0, VSM_KS_DATA_MAX + 1, 0, 0, 0, -E2BIG },
		{ VSM_KS_SEAL, 0, 0, VSM_KS_AAD_MAX + 1, 0, 0, -E2BIG },
		{ VSM_KS_SEAL, 0, 0, 0, VSM_KS_PAYLOAD_MAX + 1, 0, -E2BIG },
		{ VSM_KS_SEAL, 4, 0, 0, 0, 0, -EINVAL },
		{ VSM_KS_OPEN, VSM_KS_CALLER_IV, 0, 0, 0, 0, -EINVAL },
		{ VSM_KS_DOMAIN_BIND, 0, 0, 0, 0, VSM_KS_SECRET_MAX + 1, -EINVAL },
	};
	struct vsm_keystore *copy = malloc(sizeof(*copy));
	struct fixture f;
	struct vsm_ks_req *r;
	u32 d, s, i;

	setup(&f, true);
	d = make_domain(&f, A_SECRET, 8);
	s = bind(&f, d, A_SECRET);
	make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT, 0);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		memcpy(copy, f.ks, sizeof(*copy));
		r = req(&f, bad[i].op, s);
		r->flags = bad[i].flags;
		r->in_len = bad[i].in_len;
		r->aad_len = bad[i].aad_len;
		r->out_max = bad[i].out_max;
		r->secret_len = bad[i].secret_len;
		EXPECT_EQ(run(&f), bad[i].err);
		EXPECT(!memcmp(copy, f.ks, sizeof(*copy)));
		EXPECT_EQ(f.st.last_result, bad[i].err);
	}
	/* Bad key attributes. */
	EXPECT_EQ(make_key(&f, s, 9, VSM_KS_USE_ENCRYPT, 0), 0);
	EXPECT_EQ(make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_SIGN, 0), 0);
	EXPECT_EQ(make_key(&f, s, VSM_KS_AES256_GCM, 0, 0), 0);
	EXPECT_EQ(make_key(&f, s, VSM_KS_AES256_GCM, VSM_KS_USE_ENCRYPT, 2), 0);
	EXPECT_EQ(f.st.last_result, -EINVAL);
	r = req(&f, VSM_KS_IMPORT, s);
	r->type = VSM_KS_AES256_GCM;
	r->usage = VSM_KS_USE_ENCRYPT;
	r->in_len = 31;
	EXPECT_EQ(run(&f), -EINVAL);
	free(copy);
	teardown(&f);
}

TEST(keystore_destroy_wipes_and_secrets_are_wiped)
{
	struct fixture f;
	struct vsm_ks_req *r;
	u32 d, s, k, i;
	bool residue = false;

	setup(&f, true);
	d = make_domain(&f, A_SECRET, 8);
	EXPECT(!memmem(f.req->secret, sizeof(f.req->secret), "domain-a", 8));
	s = bind(&f, d, A_SECRET);
	r = req(&f, VSM_KS_IMPORT, s);
	r->type = VSM_KS_SECRET;
	r->usage = VSM_KS_USE_DERIVE;
	r->in_len = 64;
	memset(r->payload, 0xa7, 64);
	EXPECT_EQ(run(&f), 0);
	k = r->new_id;
	EXPECT(memmem(f.ks, sizeof(*f.ks), r->payload, 64) != NULL);
	req(&f, VSM_KS_DOMAIN_DESTROY, s);
	EXPECT_EQ(run(&f), 0);
	for (i = 0; i + 8 <= sizeof(*f.ks); i++)
		if (!memcmp((u8 *)f.ks + i, "\xa7\xa7\xa7\xa7\xa7\xa7\xa7\xa7", 8))
			residue = true;
	EXPECT(!residue);
	r = req(&f, VSM_KS_DELETE, s);
	r->key_id = k;
	EXPECT_EQ(run(&f), -EACCES);			/* the session went too */
	EXPECT_EQ(bind(&f, d, A_SECRET), 0);
	teardown(&f);
}
