// SPDX-License-Identifier: GPL-2.0
/*
 * vsm-modsig - check a kernel module's signature with the secure world's
 * code (built hosted), the way the code-integrity policy will.
 *
 * Usage: vsm-modsig MODULE [CERT.der]
 * Without a certificate: print what the signature says.  With one: check
 * that the module is signed by its key.  Exit 0 signed (by it), 1 not
 * signed (by it), 2 usage or malformed input; a line says which.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/crypto/rsa.h"
#include "../../kmod/common/modsig.h"

static u8 *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	u8 *buf = NULL;
	long n;

	if (!f)
		return NULL;
	n = fseek(f, 0, SEEK_END) ? -1 : ftell(f);
	if (n >= 0 && !fseek(f, 0, SEEK_SET)) {
		buf = malloc((size_t)n + 1);
		if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
			free(buf);
			buf = NULL;
		}
		*len = (size_t)n;
	}
	fclose(f);
	return buf;
}

static int check(int argc, char **argv, u8 *mod, size_t len)
{
	static const char *const hashes[] = { "?", "sha256", "sha384", "sha512" };
	struct vsm_modsig sig;
	struct vsm_der spki;
	size_t clen;
	u8 *cert;
	int ret;

	ret = vsm_modsig_parse(mod, len, &sig);
	if (ret == -ENOENT)
		return printf("%s: not signed\n", argv[1]), 1;
	if (ret)
		return printf("%s: malformed signature\n", argv[1]), 2;
	if (argc == 2) {
		printf("%s: signed, %s with %s, %zu bytes covered%s\n", argv[1],
		       sig.sig_alg == VSM_MODSIG_RSA ? "RSA" : "ECDSA", hashes[sig.hash],
		       sig.content_len, sig.signed_attrs.len ? ", signed attributes" : "");
		return 0;
	}
	cert = slurp(argv[2], &clen);
	if (!cert || vsm_x509_spki(cert, clen, &spki)) {
		free(cert);
		return printf("%s: not a DER certificate\n", argv[2]), 2;
	}
	ret = vsm_modsig_verify(mod, len, &spki);
	free(cert);
	if (!ret)
		return printf("%s: signed by %s\n", argv[1], argv[2]), 0;
	if (ret == -EKEYREJECTED || ret == -EINVAL)
		return printf("%s: not signed by %s\n", argv[1], argv[2]), 1;
	return printf("%s: malformed signature\n", argv[1]), 2;
}

int main(int argc, char **argv)
{
	size_t len;
	u8 *mod;
	int ret;

	if (argc < 2 || argc > 3)
		return fprintf(stderr, "usage: vsm-modsig MODULE [CERT.der]\n"), 2;
	mod = slurp(argv[1], &len);
	if (!mod)
		return perror(argv[1]), 2;
	ret = check(argc, argv, mod, len);
	free(mod);
	return ret;
}
