// SPDX-License-Identifier: GPL-2.0
/*
 * Code-integrity policy: the binary image and the rules.  A module is
 * allowed when the SHA-256 of its whole file is listed, or when its
 * appended signature verifies with a listed module-signing certificate;
 * otherwise audit mode allows it and says so, and enforce mode refuses.
 * Everything here reads attacker-supplied bytes: every length is checked
 * before it is used.
 */
#include "cipolicy.h"
#include "sha256.h"
#include "crypto/rsa.h"

static u32 le32(const u8 *p)
{
	return (u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24;
}

static u64 le64(const u8 *p)
{
	return (u64)le32(p) | (u64)le32(p + 4) << 32;
}

static int fail(const char **why, const char *msg)
{
	if (why)
		*why = msg;
	return -EINVAL;
}

/* Parse the certificates at @p (@left bytes), exactly filling them. */
static int parse_certs(const u8 *c, size_t left, struct vsm_ci_policy *p,
		       const char **why)
{
	u32 i;

	for (i = 0; i < p->nr_certs; i++) {
		u32 kind, len;
		size_t padded;

		if (left < VSM_CI_CERT_HDR_SIZE)
			return fail(why, "certificate header past the end");
		kind = le32(c);
		len = le32(c + 4);
		if (kind != VSM_CI_KIND_MODULE && kind != VSM_CI_KIND_POLICY)
			return fail(why, "unknown certificate kind");
		if (!len || len > VSM_CI_CERT_BYTES)
			return fail(why, "certificate length out of range");
		padded = (len + 7) & ~(size_t)7;
		if (padded > left - VSM_CI_CERT_HDR_SIZE)
			return fail(why, "certificate past the end");
		c += VSM_CI_CERT_HDR_SIZE;
		left -= VSM_CI_CERT_HDR_SIZE;
		if (vsm_x509_spki(c, len, &p->spki[i]))
			return fail(why, "certificate is not DER X.509");
		if (vsm_modsig_key_usable(&p->spki[i]))
			return fail(why, "certificate key is not RSA 2048-4096 or ECDSA P-256/P-384");
		for (size_t j = len; j < padded; j++)
			if (c[j])
				return fail(why, "certificate padding is not zero");
		p->kind[i] = kind;
		c += padded;
		left -= padded;
	}
	if (left)
		return fail(why, "bytes after the last certificate");
	return 0;
}

/**
 * vsm_ci_policy_parse() - check a policy image and index it
 * @image: the image (the caller's own copy: it is read more than once)
 * @len: its length, with any appended signature
 * @p: the result
 * @why: out, on failure: a short reason for the operator (may be NULL)
 *
 * Return: 0; -EMSGSIZE above VSM_CI_MAX; -EINVAL for anything malformed.
 */
int vsm_ci_policy_parse(const u8 *image, size_t len, struct vsm_ci_policy *p,
			const char **why)
{
	struct vsm_modsig sig;
	size_t rules = len;
	u32 i;
	int ret;

	memset(p, 0, sizeof(*p));
	if (len > VSM_CI_MAX) {
		if (why)
			*why = "policy too large";
		return -EMSGSIZE;
	}
	if (len < VSM_CI_HDR_SIZE || memcmp(image, VSM_CI_MAGIC_BYTES, 8))
		return fail(why, "not a vsm policy (bad magic)");
	ret = vsm_modsig_parse(image, len, &sig);
	if (ret == 0) {
		rules = sig.content_len;
		p->signed_len = len;
	} else if (ret != -ENOENT) {
		return fail(why, "malformed signature");
	}
	if (le32(image + 8) != rules)
		return fail(why, "size field does not match the image");
	p->size = rules;
	p->mode = le32(image + 12);
	p->serial = le64(image + 16);
	p->nr_hashes = le32(image + 24);
	p->nr_certs = le32(image + 28);
	if (p->mode != VSM_CI_AUDIT && p->mode != VSM_CI_ENFORCE)
		return fail(why, "unknown mode");
	if (le64(image + 32))
		return fail(why, "reserved field is not zero");
	if (p->nr_certs > VSM_CI_NR_CERTS)
		return fail(why, "too many certificates");
	if (p->nr_hashes > (rules - VSM_CI_HDR_SIZE) / VSM_CI_HASH_LEN)
		return fail(why, "hashes past the end");
	p->hashes = image + VSM_CI_HDR_SIZE;
	for (i = 1; i < p->nr_hashes; i++)
		if (memcmp(p->hashes + (i - 1) * VSM_CI_HASH_LEN,
			   p->hashes + i * VSM_CI_HASH_LEN, VSM_CI_HASH_LEN) >= 0)
			return fail(why, "hashes not strictly ascending");
	return parse_certs(p->hashes + (size_t)p->nr_hashes * VSM_CI_HASH_LEN,
			   rules - VSM_CI_HDR_SIZE - (size_t)p->nr_hashes * VSM_CI_HASH_LEN,
			   p, why);
}

/**
 * vsm_ci_policy_check_update() - may @next replace @cur after the lock?
 * @cur: the policy in force (NULL if none)
 * @image: @next's image
 * @next: the parsed new policy
 *
 * Return: 0 if @next is signed by a policy certificate of @cur and its
 * serial is higher; -EPERM otherwise.
 */
int vsm_ci_policy_check_update(const struct vsm_ci_policy *cur,
			       const u8 *image, const struct vsm_ci_policy *next)
{
	struct vsm_modsig sig;
	u8 digest[64];
	u32 i;

	if (!cur || !next->signed_len || next->serial <= cur->serial)
		return -EPERM;
	if (vsm_modsig_parse(image, next->signed_len, &sig))
		return -EPERM;
	vsm_hash(sig.hash, image, sig.content_len, digest);
	for (i = 0; i < cur->nr_certs; i++)
		if (cur->kind[i] == VSM_CI_KIND_POLICY &&
		    !vsm_modsig_verify_digest(&sig, digest, &cur->spki[i]))
			return 0;
	return -EPERM;
}

/* Binary search: the hashes are strictly ascending. */
bool vsm_ci_hash_listed(const struct vsm_ci_policy *p, const u8 *sha256)
{
	u32 lo = 0, hi = p->nr_hashes;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;
		int c = memcmp(p->hashes + (size_t)mid * VSM_CI_HASH_LEN, sha256,
			       VSM_CI_HASH_LEN);

		if (!c)
			return true;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/**
 * vsm_ci_judge() - what the policy says about a module
 * @p: the policy in force, or NULL
 * @file_sha256: SHA-256 of the whole module file
 * @sig_status: what vsm_modsig_parse_tail() returned for it
 * @sig: the parsed signature, when @sig_status is 0
 * @content_digest: digest of the signed content with @sig->hash
 * @v: the verdict
 */
void vsm_ci_judge(const struct vsm_ci_policy *p, const u8 *file_sha256,
		  int sig_status, const struct vsm_modsig *sig,
		  const u8 *content_digest, struct vsm_ci_verdict *v)
{
	u32 i;

	v->result = VSM_CI_RES_NO_POLICY;
	v->detail = VSM_CI_WHY_NONE;
	if (!p)
		return;
	if (vsm_ci_hash_listed(p, file_sha256)) {
		v->result = VSM_CI_RES_HASH;
		return;
	}
	if (sig_status == 0) {
		for (i = 0; i < p->nr_certs; i++) {
			if (p->kind[i] == VSM_CI_KIND_MODULE &&
			    !vsm_modsig_verify_digest(sig, content_digest, &p->spki[i])) {
				v->result = VSM_CI_RES_SIGNER;
				v->detail = i;
				return;
			}
		}
		v->detail = VSM_CI_WHY_NO_SIGNER;
	} else {
		v->detail = sig_status == -ENOENT ? VSM_CI_WHY_NO_SIGNATURE :
						    VSM_CI_WHY_MALFORMED;
	}
	v->result = p->mode == VSM_CI_ENFORCE ? VSM_CI_RES_REFUSED : VSM_CI_RES_AUDIT_ONLY;
}

/**
 * vsm_ci_judge_file() - vsm_ci_judge() for a module file in memory
 * @p: the policy, or NULL
 * @file: the module file
 * @len: its length
 * @v: the verdict
 */
void vsm_ci_judge_file(const struct vsm_ci_policy *p, const u8 *file, size_t len,
		       struct vsm_ci_verdict *v)
{
	struct vsm_modsig sig;
	u8 sha[VSM_SHA256_DIGEST], digest[64];
	int st = vsm_modsig_parse(file, len, &sig);

	vsm_sha256(file, len, sha);
	if (!st)
		vsm_hash(sig.hash, file, sig.content_len, digest);
	vsm_ci_judge(p, sha, st, &sig, digest, v);
}

/* Does the module load? */
bool vsm_ci_allowed(const struct vsm_ci_verdict *v)
{
	return v->result != VSM_CI_RES_REFUSED;
}
