/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Code-integrity policy: parsing the binary image and judging a module.
 * Pure logic, shared by the secure world (which enforces), vsmctl (which
 * writes and checks policies) and the hosted tests and fuzzers.  The
 * layout is published in include/uapi/linux/vsm.h (struct
 * vsm_ci_policy_header); the driver checks at build time that both agree.
 */
#ifndef VSM_COMMON_CIPOLICY_H
#define VSM_COMMON_CIPOLICY_H

#include "modsig.h"
#include "types.h"

#define VSM_CI_MAGIC_BYTES	"VSMCIPL1"
#define VSM_CI_HDR_SIZE		40
#define VSM_CI_CERT_HDR_SIZE	8
#define VSM_CI_MAX		(128 * 1024)
#define VSM_CI_NR_CERTS		16
#define VSM_CI_CERT_BYTES	4096
#define VSM_CI_HASH_LEN		32

enum vsm_ci_mode { VSM_CI_AUDIT = 1, VSM_CI_ENFORCE = 2 };
enum vsm_ci_cert_kind { VSM_CI_KIND_MODULE = 1, VSM_CI_KIND_POLICY = 2 };

/* What became of a module (VSM_AUDIT_MODULE arg 0), and why (arg 1). */
enum vsm_ci_result {
	VSM_CI_RES_NO_POLICY = 0,
	VSM_CI_RES_HASH = 1,
	VSM_CI_RES_SIGNER = 2,
	VSM_CI_RES_AUDIT_ONLY = 3,
	VSM_CI_RES_REFUSED = 4,
};

enum vsm_ci_why {
	VSM_CI_WHY_NONE = 0,
	VSM_CI_WHY_NO_SIGNATURE = 1,
	VSM_CI_WHY_NO_SIGNER = 2,
	VSM_CI_WHY_MALFORMED = 3,
	VSM_CI_WHY_NO_READ = 4,
};

/**
 * struct vsm_ci_policy - a parsed policy; pointers into the image
 * @mode: enum vsm_ci_mode
 * @serial: the policy's version
 * @size: bytes of the policy without its signature
 * @hashes: @nr_hashes SHA-256 digests, ascending
 * @nr_hashes: their number
 * @nr_certs: number of certificates
 * @kind: enum vsm_ci_cert_kind of each
 * @spki: each certificate's SubjectPublicKeyInfo
 * @signed_len: 0, or the length of the whole image with its signature
 */
struct vsm_ci_policy {
	u32 mode;
	u64 serial;
	size_t size;
	const u8 *hashes;
	u32 nr_hashes;
	u32 nr_certs;
	u32 kind[VSM_CI_NR_CERTS];
	struct vsm_der spki[VSM_CI_NR_CERTS];
	size_t signed_len;
};

/**
 * struct vsm_ci_verdict - what the policy says about one module
 * @result: enum vsm_ci_result
 * @detail: the certificate's index for VSM_CI_RES_SIGNER; else enum vsm_ci_why
 */
struct vsm_ci_verdict {
	u32 result;
	u32 detail;
};

int vsm_ci_policy_parse(const u8 *image, size_t len, struct vsm_ci_policy *p,
			const char **why);
int vsm_ci_policy_check_update(const struct vsm_ci_policy *cur,
			       const u8 *image, const struct vsm_ci_policy *next);
bool vsm_ci_hash_listed(const struct vsm_ci_policy *p, const u8 *sha256);
void vsm_ci_judge(const struct vsm_ci_policy *p, const u8 *file_sha256,
		  int sig_status, const struct vsm_modsig *sig,
		  const u8 *content_digest, struct vsm_ci_verdict *v);
void vsm_ci_judge_file(const struct vsm_ci_policy *p, const u8 *file, size_t len,
		       struct vsm_ci_verdict *v);
bool vsm_ci_allowed(const struct vsm_ci_verdict *v);

#endif /* VSM_COMMON_CIPOLICY_H */
