// SPDX-License-Identifier: GPL-2.0
/*
 * vsmctl policy: write, check, load and show code-integrity policies.
 *
 *   vsmctl policy scan [--signer CERT]... [--policy-key CERT]...
 *                      [--mode audit|enforce] [--serial N] -o FILE PATH...
 *   vsmctl policy check FILE [MODULE...]
 *   vsmctl policy load FILE
 *   vsmctl policy show [FILE]
 *
 * The policy file is the binary image the secure world reads (struct
 * vsm_ci_policy_header in linux/vsm.h); it may carry a signature appended
 * by the kernel's sign-file.  Every image is checked here with the same
 * parser the secure world uses, so an operator gets the reason, not just
 * EINVAL.
 */
#define _GNU_SOURCE	/* memmem */
#include <errno.h>
#include <ftw.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvsm.h"
#include "vsmctl.h"
#include "../../kmod/common/cipolicy.h"
#include "../../kmod/common/sha256.h"

#define MODULE_FILE_MAX	(256 << 20)

/* Read a whole file; NULL (with a message) on failure. */
static unsigned char *read_all(const char *path, size_t max, size_t *len)
{
	FILE *f = fopen(path, "rb");
	unsigned char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(stderr, "vsmctl: %s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		size_t got;

		if (n == cap) {
			unsigned char *nb;

			cap = cap ? cap * 2 : 65536;
			nb = realloc(buf, cap);
			if (!nb)
				break;
			buf = nb;
		}
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n > max) {
			fprintf(stderr, "vsmctl: %s: larger than %zu bytes\n", path, max);
			break;
		}
		if (got == 0) {
			if (ferror(f))
				break;
			fclose(f);
			*len = n;
			return buf ? buf : calloc(1, 1);
		}
	}
	if (ferror(f))
		fprintf(stderr, "vsmctl: %s: %s\n", path, strerror(errno));
	fclose(f);
	free(buf);
	return NULL;
}

static int b64_value(int c)
{
	const char *set = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	const char *p = c ? strchr(set, c) : NULL;

	return p ? (int)(p - set) : -1;
}

/* A PEM certificate to DER, in place; 0 or -EINVAL. */
static int pem_to_der(unsigned char *buf, size_t *len)
{
	static const char begin[] = "-----BEGIN CERTIFICATE-----";
	char *s, *end;
	size_t out = 0;
	unsigned int acc = 0, bits = 0;

	s = memmem(buf, *len, begin, sizeof(begin) - 1);
	if (!s)
		return -EINVAL;
	s += sizeof(begin) - 1;
	end = memmem(s, *len - (size_t)((unsigned char *)s - buf), "-----END", 8);
	if (!end)
		return -EINVAL;
	for (; s < end; s++) {
		int v = b64_value(*s);

		if (*s == '=' || *s == '\n' || *s == '\r' || *s == ' ')
			continue;
		if (v < 0)
			return -EINVAL;
		acc = acc << 6 | (unsigned int)v;
		bits += 6;
		if (bits >= 8) {
			bits -= 8;
			buf[out++] = (unsigned char)(acc >> bits);
		}
	}
	*len = out;
	return out ? 0 : -EINVAL;
}

/* A certificate file, DER or PEM, checked as the secure world will. */
static unsigned char *read_cert(const char *path, size_t *len, struct vsm_der *spki)
{
	unsigned char *buf = read_all(path, 65536, len);

	if (!buf)
		return NULL;
	if (*len && buf[0] != 0x30 && pem_to_der(buf, len)) {
		fprintf(stderr, "vsmctl: %s: neither a DER nor a PEM certificate\n", path);
		goto bad;
	}
	if (*len > VSM_CI_CERT_BYTES || vsm_x509_spki(buf, *len, spki)) {
		fprintf(stderr, "vsmctl: %s: not an X.509 certificate of at most %d bytes\n",
			path, VSM_CI_CERT_BYTES);
		goto bad;
	}
	if (vsm_modsig_key_usable(spki)) {
		fprintf(stderr, "vsmctl: %s: its key is not RSA 2048-4096 or ECDSA P-256/P-384\n",
			path);
		goto bad;
	}
	return buf;
bad:
	free(buf);
	return NULL;
}

struct cert {
	unsigned char *der;
	size_t len;
	uint32_t kind;
	struct vsm_der spki;
	const char *path;
	unsigned int modules;
};

/* What scan gathers. */
static struct {
	struct cert certs[VSM_CI_NR_CERTS];
	unsigned int nr_certs;
	uint8_t (*hashes)[32];
	size_t nr_hashes, cap_hashes;
	unsigned int modules, unreadable, skipped;
} scan;

static int add_hash(const uint8_t sha[32])
{
	if (scan.nr_hashes == scan.cap_hashes) {
		size_t cap = scan.cap_hashes ? scan.cap_hashes * 2 : 256;
		void *nh = realloc(scan.hashes, cap * 32);

		if (!nh)
			return -ENOMEM;
		scan.hashes = nh;
		scan.cap_hashes = cap;
	}
	memcpy(scan.hashes[scan.nr_hashes++], sha, 32);
	return 0;
}

static int scan_module(const char *path)
{
	unsigned char *file;
	uint8_t sha[32];
	size_t len;
	unsigned int i;

	file = read_all(path, MODULE_FILE_MAX, &len);
	if (!file) {
		scan.unreadable++;
		return 0;
	}
	scan.modules++;
	for (i = 0; i < scan.nr_certs; i++) {
		if (scan.certs[i].kind == VSM_CI_KIND_MODULE &&
		    !vsm_modsig_verify(file, len, &scan.certs[i].spki)) {
			scan.certs[i].modules++;
			free(file);
			return 0;
		}
	}
	vsm_sha256(file, len, sha);
	free(file);
	return add_hash(sha);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t a = strlen(s), b = strlen(suffix);

	return a >= b && !strcmp(s + a - b, suffix);
}

static int scan_entry(const char *path, const struct stat *st, int type, struct FTW *ftw)
{
	(void)st;
	(void)ftw;
	if (type != FTW_F)
		return 0;
	if (ends_with(path, ".ko"))
		return scan_module(path);
	if (ends_with(path, ".ko.xz") || ends_with(path, ".ko.zst") || ends_with(path, ".ko.gz")) {
		fprintf(stderr, "vsmctl: %s: compressed; rules apply to the uncompressed file (decompress it first)\n",
			path);
		scan.skipped++;
	}
	return 0;
}

static int cmp_hash(const void *a, const void *b)
{
	return memcmp(a, b, 32);
}

static void put_le32(unsigned char *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/* Build the image from scan; returns its length or 0. */
static size_t build_image(unsigned char *img, uint32_t mode, uint64_t serial)
{
	size_t n = VSM_CI_HDR_SIZE, i, u = 0;

	qsort(scan.hashes, scan.nr_hashes, 32, cmp_hash);
	for (i = 0; i < scan.nr_hashes; i++)
		if (!u || memcmp(scan.hashes[u - 1], scan.hashes[i], 32))
			memmove(scan.hashes[u++], scan.hashes[i], 32);
	scan.nr_hashes = u;
	memset(img, 0, VSM_CI_MAX);
	memcpy(img, VSM_CI_MAGIC_BYTES, 8);
	put_le32(img + 12, mode);
	put_le32(img + 16, (uint32_t)serial);
	put_le32(img + 20, (uint32_t)(serial >> 32));
	put_le32(img + 24, (uint32_t)scan.nr_hashes);
	put_le32(img + 28, scan.nr_certs);
	for (i = 0; i < scan.nr_hashes; i++, n += 32) {
		if (n + 32 > VSM_CI_MAX)
			return 0;
		memcpy(img + n, scan.hashes[i], 32);
	}
	for (i = 0; i < scan.nr_certs; i++) {
		size_t padded = (scan.certs[i].len + 7) & ~(size_t)7;

		if (n + 8 + padded > VSM_CI_MAX)
			return 0;
		put_le32(img + n, scan.certs[i].kind);
		put_le32(img + n + 4, (uint32_t)scan.certs[i].len);
		memcpy(img + n + 8, scan.certs[i].der, scan.certs[i].len);
		n += 8 + padded;
	}
	put_le32(img + 8, (uint32_t)n);
	return n;
}

static int add_cert(const char *path, uint32_t kind)
{
	struct cert *c;

	if (scan.nr_certs == VSM_CI_NR_CERTS) {
		fprintf(stderr, "vsmctl: at most %d certificates\n", VSM_CI_NR_CERTS);
		return -1;
	}
	c = &scan.certs[scan.nr_certs];
	c->der = read_cert(path, &c->len, &c->spki);
	if (!c->der)
		return -1;
	c->kind = kind;
	c->path = path;
	scan.nr_certs++;
	return 0;
}

static int write_all(const char *path, const void *buf, size_t len)
{
	FILE *f = fopen(path, "wb");

	if (!f || fwrite(buf, 1, len, f) != len || fclose(f)) {
		fprintf(stderr, "vsmctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	return 0;
}

static int cmd_scan(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "signer", required_argument, NULL, 's' },
		{ "policy-key", required_argument, NULL, 'p' },
		{ "mode", required_argument, NULL, 'm' },
		{ "serial", required_argument, NULL, 'n' },
		{ "output", required_argument, NULL, 'o' },
		{ "help", no_argument, NULL, 'h' },
		{ }
	};
	static unsigned char img[VSM_CI_MAX];
	struct vsm_ci_policy check;
	const char *out = NULL, *why = "";
	uint32_t mode = VSM_CI_AUDIT;
	unsigned long long serial = 1;
	size_t len;
	char *end;
	int c, i;

	optind = 1;
	while ((c = getopt_long(argc, argv, "s:p:m:n:o:h", opts, NULL)) != -1) {
		switch (c) {
		case 's':
		case 'p':
			if (add_cert(optarg, c == 's' ? VSM_CI_KIND_MODULE : VSM_CI_KIND_POLICY))
				return EXIT_FAILURE;
			break;
		case 'm':
			if (!strcmp(optarg, "audit")) {
				mode = VSM_CI_AUDIT;
			} else if (!strcmp(optarg, "enforce")) {
				mode = VSM_CI_ENFORCE;
			} else {
				fprintf(stderr, "vsmctl: --mode is audit or enforce, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'n':
			errno = 0;
			serial = strtoull(optarg, &end, 0);
			if (errno || *end || !*optarg) {
				fprintf(stderr, "vsmctl: --serial needs a number, not '%s'\n", optarg);
				return EXIT_USAGE;
			}
			break;
		case 'o':
			out = optarg;
			break;
		case 'h':
			printf("usage: vsmctl policy scan [--signer CERT]... [--policy-key CERT]...\n"
			       "         [--mode audit|enforce] [--serial N] -o FILE PATH...\n");
			return 0;
		default:
			return EXIT_USAGE;
		}
	}
	if (!out || optind >= argc) {
		fprintf(stderr, "vsmctl: policy scan needs -o FILE and at least one module or directory\n");
		return EXIT_USAGE;
	}
	for (i = optind; i < argc; i++) {
		if (nftw(argv[i], scan_entry, 16, FTW_PHYS)) {
			fprintf(stderr, "vsmctl: cannot scan %s: %s\n", argv[i], strerror(errno));
			return EXIT_FAILURE;
		}
	}
	len = build_image(img, mode, serial);
	if (!len) {
		fprintf(stderr, "vsmctl: the policy would exceed %d bytes: use signer rules\n",
			VSM_CI_MAX);
		return EXIT_FAILURE;
	}
	if (vsm_ci_policy_parse(img, len, &check, &why)) {
		fprintf(stderr, "vsmctl: internal error: the policy does not parse: %s\n", why);
		return EXIT_FAILURE;
	}
	if (write_all(out, img, len))
		return EXIT_FAILURE;
	printf("%s: %s mode, serial %llu: %u modules: %zu hash rules", out,
	       mode == VSM_CI_ENFORCE ? "enforce" : "audit", serial, scan.modules,
	       scan.nr_hashes);
	for (i = 0; i < (int)scan.nr_certs; i++)
		if (scan.certs[i].kind == VSM_CI_KIND_MODULE)
			printf(", %u signed by %s", scan.certs[i].modules, scan.certs[i].path);
	printf("%s\n", scan.skipped ? " (compressed modules skipped)" : "");
	return scan.unreadable ? EXIT_FAILURE : 0;
}

/* Read and parse a policy file; prints the reason if it is malformed. */
static unsigned char *read_policy(const char *path, size_t *len, struct vsm_ci_policy *p)
{
	unsigned char *img = read_all(path, VSM_CI_MAX, len);
	const char *why = "";

	if (!img)
		return NULL;
	if (vsm_ci_policy_parse(img, *len, p, &why)) {
		fprintf(stderr, "vsmctl: %s: not a valid policy: %s\n", path, why);
		free(img);
		return NULL;
	}
	return img;
}

static void print_hex(const uint8_t *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		printf("%02x", b[i]);
}

static void print_policy(const struct vsm_ci_policy *p)
{
	const unsigned char *c = p->hashes + (size_t)p->nr_hashes * 32;
	uint32_t i;

	printf("mode %s\nserial %llu\nsigned %s\n",
	       p->mode == VSM_CI_ENFORCE ? "enforce" : "audit",
	       (unsigned long long)p->serial, p->signed_len ? "yes" : "no");
	for (i = 0; i < p->nr_certs; i++) {
		uint32_t len = c[4] | c[5] << 8 | c[6] << 16 | (uint32_t)c[7] << 24;
		struct vsm_der n, e;
		uint8_t fp[32];

		vsm_sha256(c + 8, len, fp);
		printf("%s ", p->kind[i] == VSM_CI_KIND_MODULE ? "signer" : "policy-key");
		print_hex(fp, 32);
		if (!vsm_spki_rsa(p->spki[i], &n, &e))
			printf("  rsa %zu\n", n.len * 8);
		else
			printf("  ecdsa\n");
		c += 8 + ((len + 7) & ~7U);
	}
	for (i = 0; i < p->nr_hashes; i++) {
		printf("hash ");
		print_hex(p->hashes + (size_t)i * 32, 32);
		putchar('\n');
	}
}

static const char *why_name(uint32_t why)
{
	switch (why) {
	case VSM_CI_WHY_NO_SIGNATURE:
		return "unsigned, and its hash is not listed";
	case VSM_CI_WHY_NO_SIGNER:
		return "signed, but no listed key verifies it (unknown signer, or changed bytes)";
	case VSM_CI_WHY_MALFORMED:
		return "malformed or unsupported signature";
	default:
		return "unreadable";
	}
}

static int cmd_check(int argc, char **argv)
{
	struct vsm_ci_policy p;
	struct vsm_ci_verdict v;
	unsigned char *img, *file;
	size_t len, flen;
	int i, bad = 0;

	if (argc < 2) {
		fprintf(stderr, "usage: vsmctl policy check FILE [MODULE...]\n");
		return EXIT_USAGE;
	}
	img = read_policy(argv[1], &len, &p);
	if (!img)
		return EXIT_FAILURE;
	printf("%s: valid policy, %s mode, serial %llu, %u hashes, %u certificates%s\n",
	       argv[1], p.mode == VSM_CI_ENFORCE ? "enforce" : "audit",
	       (unsigned long long)p.serial, p.nr_hashes, p.nr_certs,
	       p.signed_len ? ", signed" : "");
	for (i = 2; i < argc; i++) {
		file = read_all(argv[i], MODULE_FILE_MAX, &flen);
		if (!file) {
			bad = 1;
			continue;
		}
		vsm_ci_judge_file(&p, file, flen, &v);
		free(file);
		if (v.result == VSM_CI_RES_HASH)
			printf("%s: allowed (hash)\n", argv[i]);
		else if (v.result == VSM_CI_RES_SIGNER)
			printf("%s: allowed (signer %u)\n", argv[i], v.detail);
		else
			printf("%s: %s: %s\n", argv[i], v.result == VSM_CI_RES_REFUSED ?
			       "refused" : "allowed in audit mode, enforce refuses",
			       why_name(v.detail));
		if (v.result != VSM_CI_RES_HASH && v.result != VSM_CI_RES_SIGNER)
			bad = 1;
	}
	free(img);
	return bad ? EXIT_FAILURE : 0;
}

static int cmd_load(int argc, char **argv)
{
	struct vsm_ci_policy p;
	unsigned char *img;
	size_t len;
	int fd, ret;

	if (argc != 2) {
		fprintf(stderr, "usage: vsmctl policy load FILE\n");
		return EXIT_USAGE;
	}
	img = read_policy(argv[1], &len, &p);
	if (!img)
		return EXIT_FAILURE;
	fd = vsmctl_open_device();
	if (fd < 0) {
		free(img);
		return EXIT_FAILURE;
	}
	ret = vsm_ci_policy_set(fd, img, len);
	close(fd);
	free(img);
	if (ret) {
		fprintf(stderr, "vsmctl: policy load failed: %s%s\n", strerror(-ret),
			ret == -EPERM ? " (locked: a new policy must be signed by a policy key of the one in force and have a higher serial)" :
			ret == -ENODEV ? " (the host is not protected)" : "");
		return EXIT_FAILURE;
	}
	printf("%s: loaded, %s mode, serial %llu\n", argv[1],
	       p.mode == VSM_CI_ENFORCE ? "enforce" : "audit", (unsigned long long)p.serial);
	return 0;
}

static int cmd_show(int argc, char **argv)
{
	static unsigned char img[VSM_CI_MAX];
	struct vsm_ci_policy p;
	unsigned char *file;
	size_t len;
	int fd, ret;

	if (argc > 2) {
		fprintf(stderr, "usage: vsmctl policy show [FILE]\n");
		return EXIT_USAGE;
	}
	if (argc == 2) {
		file = read_policy(argv[1], &len, &p);
		if (!file)
			return EXIT_FAILURE;
		print_policy(&p);
		free(file);
		return 0;
	}
	fd = vsmctl_open_device();
	if (fd < 0)
		return EXIT_FAILURE;
	ret = vsm_ci_policy_get(fd, img, sizeof(img), &len);
	close(fd);
	if (ret) {
		fprintf(stderr, "vsmctl: reading the policy failed: %s\n", strerror(-ret));
		return EXIT_FAILURE;
	}
	if (!len) {
		printf("no policy loaded: every module loads (and is audited)\n");
		return 0;
	}
	if (vsm_ci_policy_parse(img, len, &p, NULL)) {
		fprintf(stderr, "vsmctl: the secure world returned an unreadable policy\n");
		return EXIT_FAILURE;
	}
	print_policy(&p);
	return 0;
}

static void policy_usage(FILE *out)
{
	fprintf(out,
		"usage: vsmctl policy scan [--signer CERT]... [--policy-key CERT]...\n"
		"         [--mode audit|enforce] [--serial N] -o FILE PATH...\n"
		"       vsmctl policy check FILE [MODULE...]\n"
		"       vsmctl policy load FILE\n"
		"       vsmctl policy show [FILE]\n");
}

/**
 * vsmctl_cmd_policy() - vsmctl policy SUBCOMMAND
 * @argc: arguments from "policy" on
 * @argv: them
 *
 * Return: exit status.
 */
int vsmctl_cmd_policy(int argc, char **argv)
{
	if (argc == 2 && vsmctl_is_help(argv[1])) {
		policy_usage(stdout);
		return 0;
	}
	if (argc < 2) {
		policy_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "scan"))
		return cmd_scan(argc - 1, argv + 1);
	if (!strcmp(argv[1], "check"))
		return cmd_check(argc - 1, argv + 1);
	if (!strcmp(argv[1], "load"))
		return cmd_load(argc - 1, argv + 1);
	if (!strcmp(argv[1], "show"))
		return cmd_show(argc - 1, argv + 1);
	fprintf(stderr, "vsmctl: unknown policy command '%s' (scan, check, load, show)\n", argv[1]);
	return EXIT_USAGE;
}
