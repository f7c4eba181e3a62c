// SPDX-License-Identifier: GPL-2.0
/*
 * vsm-modsig-bench - what the secure world does to judge one module image
 * (kmod/secure/core/ci.c), built hosted, for an instruction counter:
 * parse the signature from the last 16 KiB, hash the image in 4 KiB
 * chunks in one pass (modsig_hash.c), verify the signature with the
 * signer's certificate.  "sha256" mode hashes the file once with plain
 * SHA-256, the reference the check is compared with.
 *
 * Usage: vsm-modsig-bench check MODULE CERT.der
 *        vsm-modsig-bench sha256 FILE
 * SHA-256 is the portable code (valgrind cannot run the SHA extensions).
 * Exit status: 0 if the module is signed by CERT, 1 if not, 2 on errors.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "../../kmod/common/modsig_hash.h"

#define TAIL_MAX	(16 * 1024)
#define CHUNK		4096

static u8 *load(const char *path, size_t *len)
{
	struct stat st;
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;

	if (f && !fstat(fileno(f), &st) && st.st_size > 0) {
		*len = (size_t)st.st_size;
		buf = malloc(*len);
		if (buf && fread(buf, 1, *len, f) != *len) {
			free(buf);
			buf = NULL;
		}
	}
	if (f)
		fclose(f);
	if (!buf)
		fprintf(stderr, "vsm-modsig-bench: cannot read %s\n", path);
	return buf;
}

static int check(const u8 *mod, size_t len, const u8 *cert, size_t cert_len)
{
	size_t tail = len < TAIL_MAX ? len : TAIL_MAX, off;
	u8 sha[VSM_SHA256_DIGEST], digest[VSM_SHA512_DIGEST];
	struct vsm_modsig_hash h;
	struct vsm_modsig sig;
	struct vsm_der spki;
	int st;

	st = vsm_modsig_parse_tail(mod + len - tail, tail, len, &sig);
	vsm_modsig_hash_init(&h, st ? NULL : &sig, false);
	for (off = 0; off < len; off += CHUNK)
		vsm_modsig_hash_update(&h, mod + off, len - off < CHUNK ? len - off : CHUNK);
	vsm_modsig_hash_final(&h, sha, digest);
	if (st || vsm_x509_spki(cert, cert_len, &spki))
		return 2;
	return vsm_modsig_verify_digest(&sig, digest, &spki) ? 1 : 0;
}

int main(int argc, char **argv)
{
	u8 *file, *cert = NULL, sha[VSM_SHA256_DIGEST];
	size_t len, cert_len;
	int ret = 2;

	if (argc == 3 && !strcmp(argv[1], "sha256")) {
		file = load(argv[2], &len);
		if (!file)
			return 2;
		vsm_sha256(file, len, sha);
		free(file);
		return 0;
	}
	if (argc != 4 || strcmp(argv[1], "check")) {
		fprintf(stderr, "usage: vsm-modsig-bench check MODULE CERT.der\n"
				"       vsm-modsig-bench sha256 FILE\n");
		return 2;
	}
	file = load(argv[2], &len);
	if (file)
		cert = load(argv[3], &cert_len);
	if (file && cert)
		ret = check(file, len, cert, cert_len);
	free(file);
	free(cert);
	return ret;
}
