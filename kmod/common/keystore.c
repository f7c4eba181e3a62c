// SPDX-License-Identifier: GPL-2.0
/*
 * The key store.  Every request is checked in full before anything
 * changes; key material never leaves except inside a wrapped blob, and is
 * zeroised when a key or its domain goes away.
 */
#include "crypto/ct.h"
#include "crypto/gcm.h"
#include "keystore.h"

static const u8 blob_magic[4] = { 'V', 'S', 'M', 'W' };
#define BLOB_VERSION	1

/* ---- ids, lookups ---------------------------------------------------- */

static u32 new_id(struct vsm_keystore *ks)
{
	if (!++ks->next_id)
		ks->next_id = 1;
	return ks->next_id;
}

static struct vsm_ks_domain *domain_by_id(struct vsm_keystore *ks, u32 id)
{
	int i;

	for (i = 0; id && i < VSM_KS_MAX_DOMAINS; i++)
		if (ks->domains[i].id == id)
			return &ks->domains[i];
	return NULL;
}

static struct vsm_ks_session *session_by_id(struct vsm_keystore *ks, u32 id)
{
	int i;

	for (i = 0; id && i < VSM_KS_MAX_SESSIONS; i++)
		if (ks->sessions[i].id == id)
			return &ks->sessions[i];
	return NULL;
}

/* A key of @dom only: other domains' keys do not exist for the caller. */
static struct vsm_ks_key *key_by_id(struct vsm_keystore *ks, u32 dom, u32 id)
{
	int i;

	for (i = 0; id && i < VSM_KS_MAX_KEYS; i++)
		if (ks->keys[i].id == id && ks->keys[i].domain_id == dom)
			return &ks->keys[i];
	return NULL;
}

static struct vsm_ks_key *free_key(struct vsm_keystore *ks)
{
	int i;

	for (i = 0; i < VSM_KS_MAX_KEYS; i++)
		if (!ks->keys[i].id)
			return &ks->keys[i];
	return NULL;
}

static void forget_key(struct vsm_ks_domain *d, struct vsm_ks_key *k)
{
	d->nr_keys--;
	d->nr_bytes -= k->len;
	vsm_wipe(k, sizeof(*k));
}

/* ---- randomness ------------------------------------------------------ */

static void start(struct vsm_keystore *ks, const struct vsm_ks_env *env)
{
	static const char pers[] = "vsm key store";
	u8 seed[48];

	if (ks->started)
		return;
	ks->started = true;
	if (env->entropy(env->ctx, seed, sizeof(seed)) == 0 &&
	    vsm_drbg_instantiate(&ks->drbg, seed, 32, seed + 32, 16,
				 (const u8 *)pers, sizeof(pers) - 1) == 0 &&
	    vsm_drbg_generate(&ks->drbg, ks->storage_key, 32, NULL, 0) == 0 &&
	    vsm_drbg_generate(&ks->drbg, ks->pepper, 32, NULL, 0) == 0)
		ks->have_rng = true;
	vsm_wipe(seed, sizeof(seed));
}

/* Random bytes, with fresh hardware entropy mixed into every request. */
static int ks_random(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		     u8 *out, size_t len)
{
	u8 fresh[32];
	int ret;

	if (!ks->have_rng)
		return -ENODEV;
	ret = env->entropy(env->ctx, fresh, sizeof(fresh));
	if (ret)
		goto out;
	ret = vsm_drbg_generate(&ks->drbg, out, len, fresh, sizeof(fresh));
	if (ret == -EAGAIN) {
		ret = vsm_drbg_reseed(&ks->drbg, fresh, sizeof(fresh), NULL, 0);
		if (!ret)
			ret = vsm_drbg_generate(&ks->drbg, out, len, NULL, 0);
	}
out:
	vsm_wipe(fresh, sizeof(fresh));
	return ret;
}

/* ---- checks ---------------------------------------------------------- */

static bool material_len_ok(u32 type, u32 len)
{
	if (type == VSM_KS_AES256_GCM)
		return len == 32;
	if (type == VSM_KS_HMAC_SHA256 || type == VSM_KS_SECRET)
		return len >= 16 && len <= VSM_KS_MAX_MATERIAL;
	return false;
}

static bool attributes_ok(u32 type, u32 usage, u32 attrs)
{
	u32 aes = VSM_KS_USE_ENCRYPT | VSM_KS_USE_DECRYPT | VSM_KS_USE_WRAP |
		  VSM_KS_USE_UNWRAP;

	if (!usage || usage & ~VSM_KS_USE_ALL || attrs & ~VSM_KS_ATTR_ALL)
		return false;
	if (type == VSM_KS_AES256_GCM)
		return !(usage & ~aes);
	return type == VSM_KS_HMAC_SHA256 || type == VSM_KS_SECRET;
}

/* The request's own consistency, before any state is looked at. */
static int check_request(const struct vsm_ks_req *req)
{
	if (!req->op || req->op > VSM_KS_OP_MAX)
		return -EINVAL;
	if (req->in_len > VSM_KS_DATA_MAX || req->aad_len > VSM_KS_AAD_MAX ||
	    req->out_max > VSM_KS_PAYLOAD_MAX)
		return -E2BIG;
	if (req->secret_len > VSM_KS_SECRET_MAX || req->tag_len > sizeof(req->tag))
		return -EINVAL;
	if (req->flags & ~(req->op == VSM_KS_SEAL ? VSM_KS_CALLER_IV : 0))
		return -EINVAL;
	return 0;
}

/* Room for one more key of @len bytes in @d, and in the table. */
static int room_for(struct vsm_keystore *ks, struct vsm_ks_domain *d, u32 len)
{
	if (d->nr_keys >= d->max_keys || d->nr_bytes + len > d->max_bytes)
		return -EDQUOT;
	return free_key(ks) ? 0 : -ENOSPC;
}

static int rate_limit(struct vsm_ks_domain *d, const struct vsm_ks_env *env)
{
	u64 now;

	if (!d->ops_per_sec)
		return 0;
	now = env->now_ms(env->ctx);
	if (now - d->window_ms >= 1000) {
		d->window_ms = now;
		d->window_ops = 0;
	}
	if (d->window_ops >= d->ops_per_sec)
		return -EBUSY;
	d->window_ops++;
	return 0;
}

static struct vsm_ks_key *add_key(struct vsm_keystore *ks, struct vsm_ks_domain *d,
				  const struct vsm_ks_req *req, u32 type, u32 usage,
				  u32 attrs, const u8 *material, u32 len)
{
	struct vsm_ks_key *k = free_key(ks);

	k->id = new_id(ks);
	k->domain_id = d->id;
	k->type = type;
	k->usage = usage;
	k->attrs = attrs;
	k->len = len;
	memcpy(k->label, req->label, sizeof(k->label));
	memcpy(k->material, material, len);
	d->nr_keys++;
	d->nr_bytes += len;
	return k;
}

/* ---- domains and sessions -------------------------------------------- */

static void secret_hash(struct vsm_keystore *ks, const struct vsm_ks_req *req, u8 out[32])
{
	vsm_hmac_sha256(ks->pepper, sizeof(ks->pepper), req->secret, req->secret_len, out);
}

static int domain_create(struct vsm_keystore *ks, const struct vsm_ks_env *env,
			 struct vsm_ks_req *req)
{
	struct vsm_ks_domain *d = NULL;
	int i;

	if (req->secret_len < 16 || !req->max_keys || req->max_keys > VSM_KS_MAX_KEYS ||
	    !req->max_bytes || req->max_bytes > VSM_KS_MAX_KEY_BYTES)
		return -EINVAL;
	for (i = 0; i < VSM_KS_MAX_DOMAINS && !d; i++)
		if (!ks->domains[i].id)
			d = &ks->domains[i];
	if (!d)
		return -ENOSPC;
	memset(d, 0, sizeof(*d));
	if (ks->have_rng && ks_random(ks, env, d->uuid, sizeof(d->uuid)))
		return -ENODEV;
	d->id = new_id(ks);
	d->max_keys = req->max_keys;
	d->max_bytes = req->max_bytes;
	d->ops_per_sec = req->ops_per_sec;
	memcpy(d->uuid + 12, &d->id, 4);
	secret_hash(ks, req, d->auth);
	req->new_id = d->id;
	return 0;
}

static int domain_bind(struct vsm_keystore *ks, struct vsm_ks_req *req)
{
	struct vsm_ks_domain *d = domain_by_id(ks, req->domain_id);
	struct vsm_ks_session *s = session_by_id(ks, 0);
	u8 auth[32];
	bool ok;
	int i;

	secret_hash(ks, req, auth);
	ok = d && req->secret_len >= 16 && vsm_ct_memeq(auth, d->auth, sizeof(auth));
	vsm_wipe(auth, sizeof(auth));
	if (!ok)
		return -EACCES;
	for (i = 0; i < VSM_KS_MAX_SESSIONS && !s; i++)
		if (!ks->sessions[i].id)
			s = &ks->sessions[i];
	if (!s)
		return -ENOSPC;
	s->id = new_id(ks);
	s->domain_id = d->id;
	req->new_id = s->id;
	return 0;
}

static int domain_destroy(struct vsm_keystore *ks, struct vsm_ks_domain *d)
{
	int i;

	for (i = 0; i < VSM_KS_MAX_KEYS; i++)
		if (ks->keys[i].id && ks->keys[i].domain_id == d->id)
			forget_key(d, &ks->keys[i]);
	for (i = 0; i < VSM_KS_MAX_SESSIONS; i++)
		if (ks->sessions[i].domain_id == d->id)
			memset(&ks->sessions[i], 0, sizeof(ks->sessions[i]));
	vsm_wipe(d, sizeof(*d));
	return 0;
}

/* ---- keys ------------------------------------------------------------ */

static int key_create(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		      struct vsm_ks_domain *d, struct vsm_ks_req *req, bool import)
{
	u32 len = import ? req->in_len : 32;
	u8 material[VSM_KS_MAX_MATERIAL];
	int ret;

	if (!attributes_ok(req->type, req->usage, req->attrs) ||
	    !material_len_ok(req->type, len) || (!import && req->in_len))
		return -EINVAL;
	ret = room_for(ks, d, len);
	if (ret)
		return ret;
	if (import) {
		memcpy(material, req->payload, len);
	} else {
		ret = ks_random(ks, env, material, len);
		if (ret)
			return ret;
	}
	req->new_id = add_key(ks, d, req, req->type, req->usage, req->attrs, material, len)->id;
	vsm_wipe(material, sizeof(material));
	return 0;
}

static void put_u32(u8 *p, u32 v)
{
	memcpy(p, &v, 4);
}

static int key_list(struct vsm_keystore *ks, struct vsm_ks_domain *d, struct vsm_ks_req *req)
{
	u32 room = req->out_max / VSM_KS_INFO_SIZE, n = 0;
	int i;

	for (i = 0; i < VSM_KS_MAX_KEYS; i++) {
		const struct vsm_ks_key *k = &ks->keys[i];
		u8 *p = req->payload + n * VSM_KS_INFO_SIZE;

		if (!k->id || k->domain_id != d->id)
			continue;
		if (n < room) {
			put_u32(p, k->id);
			put_u32(p + 4, k->type);
			put_u32(p + 8, k->usage);
			put_u32(p + 12, k->attrs);
			put_u32(p + 16, k->len);
			put_u32(p + 20, 0);
			memcpy(p + 24, k->label, VSM_KS_LABEL_LEN);
			req->out_len += VSM_KS_INFO_SIZE;
		}
		n++;
	}
	req->count = n;
	return 0;
}

static int aead(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		struct vsm_ks_key *k, struct vsm_ks_req *req, bool open)
{
	struct vsm_gcm g;
	int ret;

	if (k->type != VSM_KS_AES256_GCM)
		return -EINVAL;
	if (!(k->usage & (open ? VSM_KS_USE_DECRYPT : VSM_KS_USE_ENCRYPT)))
		return -EACCES;
	if (req->out_max < req->in_len)
		return -EINVAL;
	if (!open && !(req->flags & VSM_KS_CALLER_IV)) {
		ret = ks_random(ks, env, req->iv, sizeof(req->iv));
		if (ret)
			return ret;
	}
	vsm_gcm_setkey(&g, k->material, k->len);
	if (open)
		ret = vsm_gcm_open(&g, req->iv, sizeof(req->iv), req->payload + req->in_len,
				   req->aad_len, req->payload, req->in_len, req->tag,
				   VSM_GCM_TAG, req->payload);
	else
		ret = vsm_gcm_seal(&g, req->iv, sizeof(req->iv), req->payload + req->in_len,
				   req->aad_len, req->payload, req->in_len, req->payload,
				   req->tag, VSM_GCM_TAG);
	vsm_wipe(&g, sizeof(g));
	if (!ret)
		req->out_len = req->in_len;
	return ret;
}

static int mac(struct vsm_ks_key *k, struct vsm_ks_req *req, bool verify)
{
	if (k->type != VSM_KS_HMAC_SHA256 || req->tag_len < 16 || req->tag_len > 32)
		return -EINVAL;
	if (!(k->usage & (verify ? VSM_KS_USE_VERIFY : VSM_KS_USE_SIGN)))
		return -EACCES;
	if (verify)
		return vsm_hmac_verify(k->material, k->len, req->payload, req->in_len,
				       req->tag, req->tag_len) ? 0 : -EBADMSG;
	vsm_hmac_sha256(k->material, k->len, req->payload, req->in_len, req->tag);
	return 0;
}

static int derive(struct vsm_keystore *ks, struct vsm_ks_domain *d, struct vsm_ks_key *k,
		  struct vsm_ks_req *req)
{
	u8 material[32];
	int ret;

	if (k->type == VSM_KS_AES256_GCM || !attributes_ok(req->type, req->usage, req->attrs))
		return -EINVAL;
	if (!(k->usage & VSM_KS_USE_DERIVE) || req->usage & ~k->usage ||
	    req->attrs & ~k->attrs)
		return -EACCES;
	ret = room_for(ks, d, sizeof(material));
	if (ret)
		return ret;
	vsm_hkdf(req->payload, req->in_len, k->material, k->len,
		 req->payload + req->in_len, req->aad_len, material, sizeof(material));
	req->new_id = add_key(ks, d, req, req->type, req->usage, req->attrs, material,
			      sizeof(material))->id;
	vsm_wipe(material, sizeof(material));
	return 0;
}

/* The key that wraps or unwraps: the storage key, or a domain AES key. */
static int wrapping_key(struct vsm_keystore *ks, struct vsm_ks_domain *d,
			const struct vsm_ks_req *req, u32 use, struct vsm_gcm *g)
{
	struct vsm_ks_key *w;

	if (!ks->have_rng)
		return -ENODEV;
	if (!req->key_id2) {
		vsm_gcm_setkey(g, ks->storage_key, sizeof(ks->storage_key));
		return 0;
	}
	w = key_by_id(ks, d->id, req->key_id2);
	if (!w)
		return -ENOKEY;
	if (w->type != VSM_KS_AES256_GCM)
		return -EINVAL;
	if (!(w->usage & use))
		return -EACCES;
	vsm_gcm_setkey(g, w->material, w->len);
	return 0;
}

static void blob_header(u8 *h, const struct vsm_ks_key *k, u32 wrapping_id)
{
	memset(h, 0, VSM_KS_BLOB_HEADER);
	memcpy(h, blob_magic, 4);
	h[4] = BLOB_VERSION;
	h[5] = (u8)k->type;
	h[6] = (u8)k->usage;
	h[7] = (u8)k->attrs;
	h[8] = (u8)k->len;
	put_u32(h + 12, wrapping_id);
	memcpy(h + 16, k->label, VSM_KS_LABEL_LEN);
}

/* AAD: the header, then the domain's identity. */
static void blob_aad(u8 *aad, const u8 *header, const struct vsm_ks_domain *d)
{
	memcpy(aad, header, VSM_KS_BLOB_HEADER);
	memcpy(aad + VSM_KS_BLOB_HEADER, d->uuid, sizeof(d->uuid));
}

static int wrap(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		struct vsm_ks_domain *d, struct vsm_ks_key *k, struct vsm_ks_req *req)
{
	u8 aad[VSM_KS_BLOB_HEADER + 16], *out = req->payload;
	u32 need = VSM_KS_BLOB_OVERHEAD + k->len;
	struct vsm_gcm g;
	int ret;

	if (!(k->attrs & VSM_KS_ATTR_EXPORTABLE))
		return -EACCES;
	ret = wrapping_key(ks, d, req, VSM_KS_USE_WRAP, &g);
	if (ret)
		return ret;
	if (req->out_max < need) {
		req->out_len = need;
		ret = -ENOSPC;
		goto out;
	}
	blob_header(out, k, req->key_id2);
	ret = ks_random(ks, env, out + VSM_KS_BLOB_HEADER, 12);
	if (ret)
		goto out;
	blob_aad(aad, out, d);
	vsm_gcm_seal(&g, out + VSM_KS_BLOB_HEADER, 12, aad, sizeof(aad), k->material, k->len,
		     out + VSM_KS_BLOB_HEADER + 12, out + VSM_KS_BLOB_HEADER + 12 + k->len,
		     VSM_GCM_TAG);
	req->out_len = need;
out:
	vsm_wipe(&g, sizeof(g));
	return ret;
}

static int unwrap(struct vsm_keystore *ks, struct vsm_ks_domain *d, struct vsm_ks_req *req)
{
	u8 aad[VSM_KS_BLOB_HEADER + 16], material[VSM_KS_MAX_MATERIAL];
	const u8 *b = req->payload;
	u32 type, usage, attrs, len, wrapping_id, i;
	struct vsm_gcm g;
	int ret;

	if (req->in_len < VSM_KS_BLOB_OVERHEAD)
		return -EKEYREJECTED;
	type = b[5];
	usage = b[6];
	attrs = b[7];
	len = b[8];
	memcpy(&wrapping_id, b + 12, 4);
	for (i = 9; i < 12; i++)
		if (b[i])
			return -EKEYREJECTED;
	for (i = 48; i < VSM_KS_BLOB_HEADER; i++)
		if (b[i])
			return -EKEYREJECTED;
	if (memcmp(b, blob_magic, 4) || b[4] != BLOB_VERSION ||
	    req->in_len != VSM_KS_BLOB_OVERHEAD + len || !material_len_ok(type, len) ||
	    !attributes_ok(type, usage, attrs) || wrapping_id != req->key_id2)
		return -EKEYREJECTED;
	ret = wrapping_key(ks, d, req, VSM_KS_USE_UNWRAP, &g);
	if (ret)
		return ret;
	ret = room_for(ks, d, len);
	if (ret)
		goto out;
	blob_aad(aad, b, d);
	if (vsm_gcm_open(&g, b + VSM_KS_BLOB_HEADER, 12, aad, sizeof(aad),
			 b + VSM_KS_BLOB_HEADER + 12, len, b + VSM_KS_BLOB_HEADER + 12 + len,
			 VSM_GCM_TAG, material)) {
		ret = -EKEYREJECTED;
		goto out;
	}
	memcpy(req->label, b + 16, VSM_KS_LABEL_LEN);
	req->new_id = add_key(ks, d, req, type, usage, attrs, material, len)->id;
out:
	vsm_wipe(material, sizeof(material));
	vsm_wipe(&g, sizeof(g));
	return ret;
}

/* ---- dispatch -------------------------------------------------------- */

static int key_op(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		  struct vsm_ks_domain *d, struct vsm_ks_req *req)
{
	struct vsm_ks_key *k;

	switch (req->op) {
	case VSM_KS_CREATE:
		return key_create(ks, env, d, req, false);
	case VSM_KS_IMPORT:
		return key_create(ks, env, d, req, true);
	case VSM_KS_LIST:
		return key_list(ks, d, req);
	case VSM_KS_UNWRAP:
		return unwrap(ks, d, req);
	case VSM_KS_DOMAIN_DESTROY:
		return domain_destroy(ks, d);
	default:
		break;
	}
	k = key_by_id(ks, d->id, req->key_id);
	if (!k)
		return -ENOKEY;
	switch (req->op) {
	case VSM_KS_DELETE:
		forget_key(d, k);
		return 0;
	case VSM_KS_SEAL:
	case VSM_KS_OPEN:
		return aead(ks, env, k, req, req->op == VSM_KS_OPEN);
	case VSM_KS_SIGN:
	case VSM_KS_VERIFY:
		return mac(k, req, req->op == VSM_KS_VERIFY);
	case VSM_KS_DERIVE:
		return derive(ks, d, k, req);
	case VSM_KS_WRAP:
		return wrap(ks, env, d, k, req);
	}
	return -EINVAL;
}

static int dispatch(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		    struct vsm_ks_req *req, u32 *domain)
{
	struct vsm_ks_session *s;
	struct vsm_ks_domain *d;
	int ret = check_request(req);

	if (ret)
		return ret;
	start(ks, env);
	switch (req->op) {
	case VSM_KS_DOMAIN_CREATE:
		ret = domain_create(ks, env, req);
		*domain = req->new_id;
		return ret;
	case VSM_KS_DOMAIN_BIND:
		*domain = req->domain_id;
		return domain_bind(ks, req);
	case VSM_KS_RANDOM:
		if (req->in_len || !req->out_max || req->out_max > VSM_KS_DATA_MAX)
			return -EINVAL;
		ret = ks_random(ks, env, req->payload, req->out_max);
		if (!ret)
			req->out_len = req->out_max;
		return ret;
	default:
		break;
	}
	s = session_by_id(ks, req->session);
	d = s ? domain_by_id(ks, s->domain_id) : NULL;
	if (!d)
		return -EACCES;
	*domain = d->id;
	if (req->op == VSM_KS_UNBIND) {
		memset(s, 0, sizeof(*s));
		return 0;
	}
	ret = rate_limit(d, env);
	return ret ? ret : key_op(ks, env, d, req);
}

/**
 * vsm_ks_handle() - carry out one request
 * @ks: the key store
 * @env: entropy, audit and clock
 * @req: the request, in memory the caller owns, followed by
 *	VSM_KS_PAYLOAD_MAX bytes of payload
 *
 * Sets @req->result to 0 or a negative errno, and the output fields.  On
 * failure nothing changed (and no output but @out_len for a too-small
 * wrap buffer).  Every request is audited; the secret is wiped.
 */
void vsm_ks_handle(struct vsm_keystore *ks, const struct vsm_ks_env *env,
		   struct vsm_ks_req *req)
{
	u32 domain = 0, key = 0;

	req->out_len = 0;
	req->new_id = 0;
	req->count = 0;
	req->result = dispatch(ks, env, req, &domain);
	vsm_wipe(req->secret, sizeof(req->secret));
	if (req->result && req->op != VSM_KS_WRAP)
		req->out_len = 0;
	switch (req->op) {
	case VSM_KS_CREATE:
	case VSM_KS_IMPORT:
	case VSM_KS_DERIVE:
	case VSM_KS_UNWRAP:
		key = req->new_id;
		break;
	case VSM_KS_DELETE:
	case VSM_KS_SEAL:
	case VSM_KS_OPEN:
	case VSM_KS_SIGN:
	case VSM_KS_VERIFY:
	case VSM_KS_WRAP:
		key = req->key_id;
		break;
	}
	env->audit(env->ctx, domain, key, req->op, req->result);
}
