// SPDX-License-Identifier: GPL-2.0
/*
 * Code integrity, the secure world's half: it holds the module policy,
 * replaces it only as the rules allow (anything before the lock; after
 * it, only a policy signed by a policy key of the one in force, with a
 * higher serial), and judges each module image the driver shows it,
 * reading the image itself through the host's page tables.  Every load of
 * a policy, refused or not, and every module judged is audited.
 */
#include "../include/sw.h"
#include "../include/x86.h"
#include "../../common/cipolicy.h"
#include "../../common/modsig_hash.h"
#include "../../common/crypto/accel.h"

/* Signature, trailer and marker are read into a buffer of this size. */
#define CI_TAIL_MAX	(16 * 1024)
/* Module images larger than this are not judged (refused in enforce). */
#define CI_MODULE_MAX	(256ULL << 20)

static u8 ci_image[VSM_CI_MAX];		/* the policy in force */
static u8 ci_stage[VSM_CI_MAX];		/* a policy being loaded */
static u8 ci_tail[CI_TAIL_MAX];
static u8 ci_chunk[4096];
static struct vsm_ci_policy ci_policy;
static bool ci_loaded;
static u32 ci_lock;
static struct sw_fx_area ci_fx;
static int ci_sha_accel = -1;		/* SHA extensions: -1 not yet asked */

static s64 ci_load(struct vsm_sw_cpu *c, u64 pa, u64 size)
{
	struct vsm_ci_policy next = { 0 };
	s64 ret;

	if (size > VSM_CI_MAX) {
		ret = -EMSGSIZE;
		goto refused;
	}
	ret = sw_check_host_span(c, pa, size, VSM_CI_MAX, false);
	if (ret)
		goto refused;
	/* Copy once; everything below reads only the secure copy. */
	memcpy(ci_stage, (const void *)(uintptr_t)pa, size);
	ret = vsm_ci_policy_parse(ci_stage, size, &next, NULL);
	if (ret)
		goto refused;
	if (sw_locked() &&
	    vsm_ci_policy_check_update(ci_loaded ? &ci_policy : NULL, ci_stage, &next)) {
		ret = -EPERM;
		goto refused;
	}
	memcpy(ci_image, ci_stage, size);
	/* The same bytes parsed again: pointers now into ci_image. */
	vsm_ci_policy_parse(ci_image, size, &ci_policy, NULL);
	ci_loaded = true;
	sw_audit(c, VSM_AEV_CI_POLICY, ci_policy.serial, ci_policy.mode,
		 ci_policy.nr_hashes | (u64)ci_policy.nr_certs << 32);
	return 0;
refused:
	sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_CI_POLICY, (u64)ret,
		 ret == -EPERM ? next.serial : 0);
	return ret;
}

static s64 ci_get(struct vsm_sw_cpu *c, u64 pa, u64 cap)
{
	u64 size = ci_loaded ? (ci_policy.signed_len ? ci_policy.signed_len :
				ci_policy.size) : 0;

	if (size && cap >= size) {
		if (sw_check_host_span(c, pa, size, VSM_CI_MAX, true))
			return -EFAULT;
		sw_host_copy_out(c, pa, ci_image, size);
		sw_host_write_done();
	}
	return (s64)size;
}

/* Does the policy in force refuse what it does not allow? */
bool sw_ci_enforcing(void)
{
	return __atomic_load_n(&ci_loaded, __ATOMIC_ACQUIRE) && ci_policy.mode == VSM_CI_ENFORCE;
}

/* Read @len bytes of the host's virtual memory at @va; false if unmapped. */
static bool read_host(struct vsm_sw_cpu *c, u64 va, u8 *buf, u32 len)
{
	return sw_guest_fetch(arch_host_cr3(c), va, buf, len) == (int)len;
}

/*
 * SHA-256 of the whole image, and the digest the signature covers (its
 * first @sig->content_len bytes, with its hash), in one pass
 * (common/modsig_hash.c).  SHA-256 uses the SHA extensions where the CPU
 * has them (the caller saved the host's XMM registers).
 */
static bool hash_image(struct vsm_sw_cpu *c, u64 va, u64 len, int sig_status,
		       const struct vsm_modsig *sig, u8 *sha, u8 *digest)
{
	struct vsm_modsig_hash h;
	u64 off;

	vsm_modsig_hash_init(&h, sig_status ? NULL : sig, ci_sha_accel > 0);
	for (off = 0; off < len; off += sizeof(ci_chunk)) {
		u32 n = len - off < sizeof(ci_chunk) ? len - off : sizeof(ci_chunk);

		if (!read_host(c, va + off, ci_chunk, n)) {
			vsm_modsig_hash_final(&h, sha, digest);
			return false;
		}
		vsm_modsig_hash_update(&h, ci_chunk, n);
	}
	vsm_modsig_hash_final(&h, sha, digest);
	return true;
}

/* The first 8 bytes of a digest as a number that prints like sha256sum. */
static u64 digest_prefix(const u8 *sha)
{
	u64 v = 0;
	int i;

	for (i = 0; i < 8; i++)
		v = v << 8 | sha[i];
	return v;
}

static s64 ci_check(struct vsm_sw_cpu *c, u64 va, u64 len)
{
	struct vsm_ci_verdict v = { VSM_CI_RES_NO_POLICY, VSM_CI_WHY_NONE };
	struct vsm_modsig sig;
	u8 sha[VSM_SHA256_DIGEST] = { 0 }, digest[64];
	u32 tail = len < CI_TAIL_MAX ? (u32)len : CI_TAIL_MAX;
	int st;

	if (!len || len > CI_MODULE_MAX || !read_host(c, va + len - tail, ci_tail, tail)) {
		st = -EFAULT;
	} else {
		st = vsm_modsig_parse_tail(ci_tail, tail, len, &sig);
		if (ci_sha_accel < 0)
			ci_sha_accel = vsm_crypto_accel_sha_supported();
		/* The host's XMM registers, only if SHA-256 will use them. */
		if (ci_sha_accel)
			sw_fx_save(&ci_fx);
		if (!hash_image(c, va, len, st, &sig, sha, digest))
			st = -EFAULT;
		if (ci_sha_accel)
			sw_fx_restore(&ci_fx);
	}
	if (st == -EFAULT) {
		if (ci_loaded) {
			v.detail = VSM_CI_WHY_NO_READ;
			v.result = ci_policy.mode == VSM_CI_ENFORCE ?
				   VSM_CI_RES_REFUSED : VSM_CI_RES_AUDIT_ONLY;
		}
	} else {
		vsm_ci_judge(ci_loaded ? &ci_policy : NULL, sha, st, &sig, digest, &v);
	}
	sw_audit(c, VSM_AEV_MODULE, v.result, v.detail, digest_prefix(sha));
	return vsm_ci_allowed(&v) ? 0 : -EPERM;
}

/**
 * sw_ci_call() - the CI hypercall
 * @c: the calling CPU
 * @op: VSM_CI_OP_*
 * @a: LOAD, GET: physical address of the buffer; CHECK: virtual address
 *	of the module image in the host's current address space
 * @b: its size (GET: capacity)
 *
 * Return: LOAD: 0 or -errno; GET: the policy's size; CHECK: 0 to allow the
 * module, -EPERM to refuse it.
 */
s64 sw_ci_call(struct vsm_sw_cpu *c, u64 op, u64 a, u64 b)
{
	s64 ret;

	/* These do not touch the policy. */
	if (op == VSM_CI_OP_APPROVE || op == VSM_CI_OP_APPROVE_MORE || op == VSM_CI_OP_RETRACT)
		return sw_exec_approve(c, a, b, op);
	if (op == VSM_CI_OP_SCAN)
		return sw_exec_scan(c);
	if (op == VSM_CI_OP_FREEZE)
		return sw_module_freeze(c, a, b);
	if (op == VSM_CI_OP_THAW)
		return sw_module_thaw(c, a);
	if (op == VSM_CI_OP_TEXT_CHECK)
		return sw_text_check(c, a & (VSM_BIT64(VSM_CI_TEXT_LEN_SHIFT) - 1),
				     a >> VSM_CI_TEXT_LEN_SHIFT, b);
	sw_spin_lock(&ci_lock);
	switch (op) {
	case VSM_CI_OP_LOAD:
		ret = ci_load(c, a, b);
		break;
	case VSM_CI_OP_GET:
		ret = ci_get(c, a, b);
		break;
	case VSM_CI_OP_CHECK:
		ret = ci_check(c, a, b);
		if (!ret)
			sw_exec_grant();
		break;
	default:
		ret = -EINVAL;
	}
	sw_spin_unlock(&ci_lock);
	return ret;
}
