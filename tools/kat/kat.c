// SPDX-License-Identifier: GPL-2.0
/*
 * vsm-kat - run Wycheproof-format known-answer files through the secure
 * world's cryptography (built hosted, the same source files).
 *
 * Usage: vsm-kat [-v] FILE.json...
 *
 * Schemas: aead_test_schema.json (AES-GCM), mac_test_schema.json
 * (HMAC-SHA256), hkdf_test_schema.json (HKDF-SHA256) and
 * rsassa_pkcs1_verify_schema.json (RSASSA-PKCS1-v1_5 with SHA-256/384/512;
 * the key as "n" and "e", or as "publicKey" {"modulus", "publicExponent"})
 * and ecdsa_verify_schema.json (DER signatures on secp256r1 and secp384r1;
 * the key as "key" or "publicKey" with "curve", "wx" and "wy").  A valid test
 * passes when the result matches; an invalid one only when it is
 * rejected; an acceptable one either way.  A test the code cannot run (an
 * unknown algorithm, a malformed field) fails; nothing is skipped.
 * Each test runs on the portable path and, where the CPU has AES-NI and
 * PCLMULQDQ, on the fast path too; it passes only if both agree with it.
 * Prints "N passed, N failed"; exit 0 only if nothing failed, 2 if a file
 * cannot be read or parsed.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "json.h"
#include "../../kmod/common/crypto/accel.h"
#include "../../kmod/common/crypto/ecdsa.h"
#include "../../kmod/common/crypto/gcm.h"
#include "../../kmod/common/crypto/hmac.h"
#include "../../kmod/common/crypto/rsa.h"
#include "../../tests/hosted/crypto_util.h"

#define MAX_FIELD	(1 << 16)

enum verdict { VALID, INVALID, ACCEPTABLE };

struct field {
	u8 *b;
	size_t n;
};

static int verbose;

/* Decode hex field @name of @t; false if missing or not hex. */
static bool get_hex(const struct json *t, const char *name, struct field *f)
{
	const char *s = json_string(t, name);
	long n;

	if (!s)
		return false;
	f->b = malloc(strlen(s) / 2 + 1);
	if (!f->b)
		return false;
	n = unhex(s, f->b, strlen(s) / 2 + 1);
	f->n = n < 0 ? 0 : (size_t)n;
	return n >= 0;
}

static void put(struct field *f)
{
	free(f->b);
	f->b = NULL;
}

/* One AEAD test; returns the code's result: 1 accepted as given, 0 rejected, -1 cannot run. */
static int run_aead(const struct json *g, const struct json *t)
{
	struct field key = { 0 }, iv = { 0 }, aad = { 0 }, msg = { 0 }, ct = { 0 }, tag = { 0 };
	struct vsm_gcm gcm;
	int res = -1;
	u8 *out = NULL, *otag = NULL;

	(void)g;	/* the group's sizes are implied by the fields */

	if (!get_hex(t, "key", &key) || !get_hex(t, "iv", &iv) || !get_hex(t, "aad", &aad) ||
	    !get_hex(t, "msg", &msg) || !get_hex(t, "ct", &ct) || !get_hex(t, "tag", &tag) ||
	    msg.n != ct.n)
		goto out;
	out = malloc(msg.n + 1);
	otag = malloc(tag.n + 1);
	if (!out || !otag)
		goto out;
	if (vsm_gcm_setkey(&gcm, key.b, key.n)) {
		res = -1;	/* an unsupported key size: cannot run */
		goto out;
	}
	/* Open must accept exactly the valid ones, and give back msg. */
	if (vsm_gcm_open(&gcm, iv.b, iv.n, aad.b, aad.n, ct.b, ct.n, tag.b, tag.n, out)) {
		res = 0;
		goto out;
	}
	res = !memcmp(out, msg.b, msg.n);
	/* Seal must reproduce ct and tag. */
	if (res && (vsm_gcm_seal(&gcm, iv.b, iv.n, aad.b, aad.n, msg.b, msg.n, out, otag, tag.n) ||
		    memcmp(out, ct.b, ct.n) || memcmp(otag, tag.b, tag.n)))
		res = 0;
out:
	free(out);
	free(otag);
	put(&key), put(&iv), put(&aad), put(&msg), put(&ct), put(&tag);
	return res;
}

static int run_mac(const struct json *g, const struct json *t)
{
	struct field key = { 0 }, msg = { 0 }, tag = { 0 };
	double bits = json_number(g, "tagSize", -1);
	int res = -1;

	if (get_hex(t, "key", &key) && get_hex(t, "msg", &msg) && get_hex(t, "tag", &tag) &&
	    bits > 0 && (int)bits % 8 == 0 && bits <= 256)
		res = tag.n == (size_t)bits / 8 &&
		      vsm_hmac_verify(key.b, key.n, msg.b, msg.n, tag.b, tag.n);
	put(&key), put(&msg), put(&tag);
	return res;
}

static int run_hkdf(const struct json *g, const struct json *t)
{
	struct field ikm = { 0 }, salt = { 0 }, info = { 0 }, okm = { 0 };
	double size = json_number(t, "size", -1);
	int res = -1;
	u8 *out;

	(void)g;

	if (get_hex(t, "ikm", &ikm) && get_hex(t, "salt", &salt) && get_hex(t, "info", &info) &&
	    get_hex(t, "okm", &okm) && size >= 0 && size <= MAX_FIELD) {
		/* Too large a size is the code's to refuse, before it writes. */
		out = malloc(size <= VSM_HKDF_MAX_OUT ? (size_t)size + 1 : 1);
		if (out) {
			res = !vsm_hkdf(salt.b, salt.n, ikm.b, ikm.n, info.b, info.n, out,
					(size_t)size) &&
			      okm.n == (size_t)size && !memcmp(out, okm.b, okm.n);
			free(out);
		}
	}
	put(&ikm), put(&salt), put(&info), put(&okm);
	return res;
}

static enum vsm_hash hash_named(const char *sha)
{
	if (!sha)
		return 0;
	return !strcmp(sha, "SHA-256") ? VSM_HASH_SHA256 : !strcmp(sha, "SHA-384") ?
	       VSM_HASH_SHA384 : !strcmp(sha, "SHA-512") ? VSM_HASH_SHA512 : 0;
}

static int run_rsa(const struct json *g, const struct json *t)
{
	struct field n = { 0 }, e = { 0 }, msg = { 0 }, sig = { 0 };
	const struct json *pk = json_get(g, "publicKey");
	enum vsm_hash h = hash_named(json_string(g, "sha"));
	u8 digest[64];
	int res = -1, ret;

	if (h && (pk ? get_hex(pk, "modulus", &n) && get_hex(pk, "publicExponent", &e) :
		  get_hex(g, "n", &n) && get_hex(g, "e", &e)) &&
	    get_hex(t, "msg", &msg) && get_hex(t, "sig", &sig)) {
		vsm_hash(h, msg.b, msg.n, digest);
		ret = vsm_rsa_pkcs1_verify(n.b, n.n, e.b, e.n, h, digest, sig.b, sig.n);
		/* A key outside what is supported cannot run: it fails. */
		res = ret == -EINVAL ? -1 : !ret;
	}
	put(&n), put(&e), put(&msg), put(&sig);
	return res;
}

/* A coordinate as exactly @nb bytes: leading zeros dropped or added. */
static bool coordinate(struct field *f, size_t nb, u8 *out)
{
	size_t skip = 0;

	while (f->n - skip > nb && !f->b[skip])
		skip++;
	if (f->n - skip > nb)
		return false;
	memset(out, 0, nb - (f->n - skip));
	memcpy(out + nb - (f->n - skip), f->b + skip, f->n - skip);
	return true;
}

static int run_ecdsa(const struct json *g, const struct json *t)
{
	const struct json *key = json_get(g, "publicKey") ?: json_get(g, "key");
	const char *curve_name = json_string(key, "curve");
	struct field wx = { 0 }, wy = { 0 }, msg = { 0 }, sig = { 0 };
	enum vsm_hash h = hash_named(json_string(g, "sha"));
	enum vsm_curve curve = 0;
	u8 digest[64], x[48], y[48];
	int res = -1, ret;
	size_t nb;

	if (curve_name)
		curve = !strcmp(curve_name, "secp256r1") ? VSM_CURVE_P256 :
			!strcmp(curve_name, "secp384r1") ? VSM_CURVE_P384 : 0;
	nb = vsm_curve_bytes(curve);
	if (h && curve && get_hex(key, "wx", &wx) && get_hex(key, "wy", &wy) &&
	    get_hex(t, "msg", &msg) && get_hex(t, "sig", &sig) &&
	    coordinate(&wx, nb, x) && coordinate(&wy, nb, y)) {
		vsm_hash(h, msg.b, msg.n, digest);
		ret = vsm_ecdsa_verify_der(curve, x, y, digest, vsm_hash_len(h), sig.b, sig.n);
		res = ret == -EINVAL ? -1 : !ret;
	}
	put(&wx), put(&wy), put(&msg), put(&sig);
	return res;
}

typedef int (*runner)(const struct json *g, const struct json *t);

static runner runner_for(const struct json *doc, const char **why)
{
	const char *schema = json_string(doc, "schema");
	const char *alg = json_string(doc, "algorithm");

	*why = "unsupported schema or algorithm";
	if (!schema || !alg)
		return NULL;
	/* Later Wycheproof releases add a version suffix to schema names. */
	if (!strncmp(schema, "aead_test_schema", 16) && !strcmp(alg, "AES-GCM"))
		return run_aead;
	if (!strncmp(schema, "mac_test_schema", 15) && !strcmp(alg, "HMACSHA256"))
		return run_mac;
	if (!strncmp(schema, "hkdf_test_schema", 16) && !strcmp(alg, "HKDF-SHA-256"))
		return run_hkdf;
	if (!strncmp(schema, "rsassa_pkcs1_verify_schema", 26))
		return run_rsa;
	if (!strncmp(schema, "ecdsa_verify_schema", 19) && !strcmp(alg, "ECDSA"))
		return run_ecdsa;
	return NULL;
}

/* 1 if this CPU has a fast path (AES-GCM or SHA-256) to try too, else 0. */
static int fast_paths(void)
{
	return vsm_crypto_accel_supported() || vsm_crypto_accel_sha_supported();
}

static int run_file(const char *file, unsigned long *passed, unsigned long *failed)
{
	const struct json *groups;
	const char *error = NULL, *why;
	struct json *doc;
	size_t len, gi, ti;
	runner run;
	char *text;
	FILE *f;

	f = fopen(file, "rb");
	if (!f)
		return perror(file), -1;
	fseek(f, 0, SEEK_END);
	len = (size_t)ftell(f);
	rewind(f);
	text = malloc(len + 1);
	if (!text || fread(text, 1, len, f) != len) {
		fclose(f);
		free(text);
		return fprintf(stderr, "%s: cannot read\n", file), -1;
	}
	fclose(f);
	text[len] = 0;
	doc = json_parse(text, &error);
	free(text);
	if (!doc)
		return fprintf(stderr, "%s: not JSON: %s\n", file, error), -1;
	groups = json_get(doc, "testGroups");
	run = runner_for(doc, &why);
	if (!groups || groups->type != JSON_ARRAY) {
		json_free(doc);
		free(doc);
		return fprintf(stderr, "%s: no testGroups\n", file), -1;
	}
	for (gi = 0; gi < groups->count; gi++) {
		const struct json *g = &groups->items[gi], *tests = json_get(g, "tests");

		for (ti = 0; tests && ti < tests->count; ti++) {
			const struct json *t = &tests->items[ti];
			const char *r = json_string(t, "result");
			enum verdict want = !r ? INVALID : !strcmp(r, "valid") ? VALID :
					    !strcmp(r, "acceptable") ? ACCEPTABLE : INVALID;
			int got = -1, path, paths = fast_paths();
			bool ok = false;

			for (path = 0; run && path <= paths; path++) {
				vsm_crypto_accel = path && vsm_crypto_accel_supported();
				vsm_crypto_accel_sha = path && vsm_crypto_accel_sha_supported();
				got = run(g, t);
				ok = got >= 0 && (want == ACCEPTABLE || got == (want == VALID));
				if (!ok)
					break;
			}
			vsm_crypto_accel = false;
			vsm_crypto_accel_sha = false;

			if (ok) {
				(*passed)++;
			} else {
				(*failed)++;
				printf("FAIL %s tcId %d (%s): %s%s\n", file,
				       (int)json_number(t, "tcId", -1), r ? r : "?",
				       got < 0 ? (run ? "cannot run" : why) :
				       got ? "accepted" : "rejected",
				       path ? " on the fast path" : "");
			}
			if (verbose && ok)
				printf("ok %s tcId %d\n", file, (int)json_number(t, "tcId", -1));
		}
	}
	json_free(doc);
	free(doc);
	return 0;
}

int main(int argc, char **argv)
{
	unsigned long passed = 0, failed = 0;
	int i, bad = 0;

	if (argc > 1 && !strcmp(argv[1], "-v")) {
		verbose = 1;
		argv++;
		argc--;
	}
	if (argc < 2) {
		fprintf(stderr, "usage: vsm-kat [-v] FILE.json...\n");
		return 2;
	}
	for (i = 1; i < argc; i++)
		bad |= run_file(argv[i], &passed, &failed) != 0;
	printf("%lu passed, %lu failed\n", passed, failed);
	return bad ? 2 : failed ? 1 : 0;
}
