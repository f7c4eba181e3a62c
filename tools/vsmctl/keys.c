// SPDX-License-Identifier: GPL-2.0
/*
 * vsmctl domain|key|random: the key store from the command line.
 *
 * Secrets (domain secrets, imported key material) are read from a file or
 * from standard input ("-"), never from the command line, where other
 * users could see them in /proc.  Binary data goes through files or
 * standard input and output.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "libvsm.h"
#include "vsmctl.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* Everything the domain and key commands take. */
struct key_opts {
	const char *secret_file, *in, *out, *aad, *import, *label, *salt, *info, *tag;
	uint32_t domain, key, wrapping_key, type, usage, attrs;
	uint32_t max_keys, max_bytes, rate, tag_len;
	bool json;
};

static void wipe(void *p, size_t len)
{
	memset(p, 0, len);
	__asm__ __volatile__("" : : "r"(p) : "memory");
}

/* Read all of @path ("-" for stdin), at most @max bytes; -1 if larger or unreadable. */
static ssize_t read_file(const char *path, uint8_t *buf, size_t max)
{
	FILE *f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	size_t n;
	int extra;

	if (!f) {
		fprintf(stderr, "vsmctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	n = fread(buf, 1, max, f);
	extra = fgetc(f);
	if (f != stdin)
		fclose(f);
	if (extra != EOF) {
		fprintf(stderr, "vsmctl: %s: longer than %zu bytes\n", path, max);
		return -1;
	}
	return (ssize_t)n;
}

static int write_file(const char *path, const void *buf, size_t len)
{
	FILE *f = path && strcmp(path, "-") ? fopen(path, "wb") : stdout;
	int ok;

	if (!f) {
		fprintf(stderr, "vsmctl: %s: %s\n", path, strerror(errno));
		return -1;
	}
	ok = fwrite(buf, 1, len, f) == len;
	ok &= f == stdout ? fflush(f) == 0 : fclose(f) == 0;
	return ok ? 0 : -1;
}

/* A domain secret: the file's bytes, without one trailing newline. */
static ssize_t read_secret(const char *path, uint8_t secret[VSM_DOMAIN_SECRET_MAX])
{
	uint8_t buf[VSM_DOMAIN_SECRET_MAX + 1];
	ssize_t n;

	if (!path) {
		fprintf(stderr, "vsmctl: --secret-file FILE (or - for stdin) is required\n");
		return -1;
	}
	n = read_file(path, buf, sizeof(buf));
	if (n > 0 && buf[n - 1] == '\n')
		n--;
	if (n >= 0 && (n < VSM_DOMAIN_SECRET_MIN || n > VSM_DOMAIN_SECRET_MAX)) {
		fprintf(stderr, "vsmctl: the secret must be %d to %d bytes, not %zd\n",
			VSM_DOMAIN_SECRET_MIN, VSM_DOMAIN_SECRET_MAX, n);
		n = -1;
	}
	if (n > 0)
		memcpy(secret, buf, n);
	wipe(buf, sizeof(buf));
	return n;
}

static const char *hint(int err)
{
	switch (err) {
	case -EACCES:
		return "wrong secret, unbound, or the key's usage does not allow it";
	case -ENOKEY:
		return "no such key in this domain";
	case -EDQUOT:
		return "the domain's quota is used up";
	case -ENOSPC:
		return "a global table is full";
	case -EBADMSG:
		return "authentication failed: wrong key, IV, data or tag";
	case -EKEYREJECTED:
		return "the blob is damaged, of another domain, or from before a restart";
	case -ENODEV:
		return "not protected, or no hardware random source";
	case -EBUSY:
		return "the domain's rate limit, try again later";
	case -EPERM:
		return "needs CAP_SYS_ADMIN";
	default:
		return NULL;
	}
}

static int fail(const char *what, int err)
{
	const char *h = hint(err);

	fprintf(stderr, "vsmctl: %s: %s%s%s%s\n", what, strerror(-err), h ? " (" : "",
		h ? h : "", h ? ")" : "");
	return 1;
}

static int parse_u32(const char *s, uint32_t *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || !*s || *end || v > UINT32_MAX) {
		fprintf(stderr, "vsmctl: '%s' is not a number\n", s);
		return -1;
	}
	*out = (uint32_t)v;
	return 0;
}

/* VSM_KEY_USE_* bit i is usage_names[i]. */
static const char *const usage_names[] = {
	"encrypt", "decrypt", "sign", "verify", "derive", "wrap", "unwrap",
};

static int parse_usage(const char *s, uint32_t *out)
{
	char *copy = strdup(s), *tok, *save = NULL;
	unsigned int i;
	int ret = 0;

	*out = 0;
	for (tok = strtok_r(copy, ",", &save); tok && !ret; tok = strtok_r(NULL, ",", &save)) {
		for (i = 0; i < ARRAY_SIZE(usage_names); i++)
			if (!strcmp(tok, usage_names[i]))
				break;
		if (i == ARRAY_SIZE(usage_names)) {
			fprintf(stderr, "vsmctl: unknown usage '%s'\n", tok);
			ret = -1;
		}
		*out |= 1U << i;
	}
	free(copy);
	return ret;
}

enum {
	O_SECRET = 256, O_DOMAIN, O_KEY, O_WRAPPING, O_TYPE, O_USAGE, O_EXPORTABLE, O_LABEL,
	O_IMPORT, O_IN, O_OUT, O_AAD, O_SALT, O_INFO, O_TAG, O_TAGLEN, O_MAXKEYS, O_MAXBYTES,
	O_RATE, O_JSON, O_HELP
};

static int parse_opts(int argc, char **argv, struct key_opts *o)
{
	static const struct option opts[] = {
		{ "secret-file", required_argument, NULL, O_SECRET },
		{ "domain", required_argument, NULL, O_DOMAIN },
		{ "key", required_argument, NULL, O_KEY },
		{ "wrapping-key", required_argument, NULL, O_WRAPPING },
		{ "type", required_argument, NULL, O_TYPE },
		{ "usage", required_argument, NULL, O_USAGE },
		{ "exportable", no_argument, NULL, O_EXPORTABLE },
		{ "label", required_argument, NULL, O_LABEL },
		{ "import", required_argument, NULL, O_IMPORT },
		{ "in", required_argument, NULL, O_IN },
		{ "out", required_argument, NULL, O_OUT },
		{ "aad", required_argument, NULL, O_AAD },
		{ "salt", required_argument, NULL, O_SALT },
		{ "info", required_argument, NULL, O_INFO },
		{ "tag", required_argument, NULL, O_TAG },
		{ "tag-len", required_argument, NULL, O_TAGLEN },
		{ "max-keys", required_argument, NULL, O_MAXKEYS },
		{ "max-bytes", required_argument, NULL, O_MAXBYTES },
		{ "rate", required_argument, NULL, O_RATE },
		{ "json", no_argument, NULL, O_JSON },
		{ "help", no_argument, NULL, O_HELP },
		{ }
	};
	int c, t, bad = 0;

	memset(o, 0, sizeof(*o));
	o->max_keys = 16;
	o->max_bytes = 1024;
	o->tag_len = 32;
	optind = 1;
	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case O_SECRET:
			o->secret_file = optarg;
			break;
		case O_DOMAIN:
			bad |= parse_u32(optarg, &o->domain);
			break;
		case O_KEY:
			bad |= parse_u32(optarg, &o->key);
			break;
		case O_WRAPPING:
			bad |= parse_u32(optarg, &o->wrapping_key);
			break;
		case O_TYPE:
			t = vsm_key_type_from_name(optarg);
			if (t < 0)
				fprintf(stderr, "vsmctl: unknown key type '%s' (aes256-gcm, hmac-sha256, secret)\n",
					optarg);
			bad |= t < 0;
			o->type = t < 0 ? 0 : (uint32_t)t;
			break;
		case O_USAGE:
			bad |= parse_usage(optarg, &o->usage);
			break;
		case O_EXPORTABLE:
			o->attrs |= VSM_KEY_ATTR_EXPORTABLE;
			break;
		case O_LABEL:
			o->label = optarg;
			break;
		case O_IMPORT:
			o->import = optarg;
			break;
		case O_IN:
			o->in = optarg;
			break;
		case O_OUT:
			o->out = optarg;
			break;
		case O_AAD:
			o->aad = optarg;
			break;
		case O_SALT:
			o->salt = optarg;
			break;
		case O_INFO:
			o->info = optarg;
			break;
		case O_TAG:
			o->tag = optarg;
			break;
		case O_TAGLEN:
			bad |= parse_u32(optarg, &o->tag_len);
			break;
		case O_MAXKEYS:
			bad |= parse_u32(optarg, &o->max_keys);
			break;
		case O_MAXBYTES:
			bad |= parse_u32(optarg, &o->max_bytes);
			break;
		case O_RATE:
			bad |= parse_u32(optarg, &o->rate);
			break;
		case O_JSON:
			o->json = true;
			break;
		default: return -1;
		}
	}
	return bad ? -1 : 0;
}

/* Open the device and bind to --domain with --secret-file. */
static int open_bound(const struct key_opts *o)
{
	uint8_t secret[VSM_DOMAIN_SECRET_MAX];
	ssize_t n;
	int fd, ret;

	if (!o->domain) {
		fprintf(stderr, "vsmctl: --domain ID is required\n");
		return -1;
	}
	n = read_secret(o->secret_file, secret);
	if (n < 0)
		return -1;
	fd = vsmctl_open_device();
	if (fd < 0) {
		wipe(secret, sizeof(secret));
		return -1;
	}
	ret = vsm_domain_bind(fd, o->domain, secret, (size_t)n);
	wipe(secret, sizeof(secret));
	if (ret) {
		fail("bind to the domain", ret);
		close(fd);
		return -1;
	}
	return fd;
}

static void print_id(const struct key_opts *o, const char *what, uint32_t id)
{
	if (o->json)
		printf("{\"%s\":%u}\n", what, id);
	else
		printf("%s %u\n", what, id);
}

static void domain_usage(FILE *out)
{
	fprintf(out, "usage: vsmctl domain create --secret-file FILE [--max-keys N] [--max-bytes N] [--rate N] [--json]\n"
		"       vsmctl domain destroy --domain ID --secret-file FILE\n");
}

int vsmctl_cmd_domain(int argc, char **argv)
{
	uint8_t secret[VSM_DOMAIN_SECRET_MAX];
	struct key_opts o;
	uint32_t id;
	ssize_t n;
	int fd, ret;

	if (argc == 2 && vsmctl_is_help(argv[1])) {
		domain_usage(stdout);
		return 0;
	}
	if (argc < 2 || parse_opts(argc - 1, argv + 1, &o) || optind != argc - 1) {
		domain_usage(stderr);
		return EXIT_USAGE;
	}
	if (!strcmp(argv[1], "create")) {
		n = read_secret(o.secret_file, secret);
		if (n < 0)
			return 1;
		fd = vsmctl_open_device();
		ret = fd < 0 ? -ENODEV : vsm_domain_create(fd, secret, (size_t)n, o.max_keys,
							   o.max_bytes, o.rate, &id);
		wipe(secret, sizeof(secret));
		if (fd < 0)
			return 1;
		close(fd);
		if (ret)
			return fail("domain create", ret);
		print_id(&o, "domain", id);
		return 0;
	}
	if (!strcmp(argv[1], "destroy")) {
		fd = open_bound(&o);
		if (fd < 0)
			return 1;
		ret = vsm_domain_destroy(fd);
		close(fd);
		return ret ? fail("domain destroy", ret) : 0;
	}
	fprintf(stderr, "vsmctl: unknown domain command '%s'\n", argv[1]);
	return EXIT_USAGE;
}

static int key_list(int fd, const struct key_opts *o)
{
	struct vsm_key_info keys[VSM_KEY_LIST_MAX];
	uint32_t n, i, u;
	int ret = vsm_key_list(fd, keys, VSM_KEY_LIST_MAX, &n);

	if (ret)
		return fail("key list", ret);
	for (i = 0; i < n && i < VSM_KEY_LIST_MAX; i++) {
		const char *type = vsm_key_type_name(keys[i].type);

		if (o->json) {
			printf("{\"key\":%u,\"type\":\"%s\",\"usage\":%u,\"exportable\":%s,\"bytes\":%u,\"label\":\"%.32s\"}\n",
			       keys[i].key_id, type ? type : "?", keys[i].usage,
			       keys[i].attrs & VSM_KEY_ATTR_EXPORTABLE ? "true" : "false",
			       keys[i].bytes, (const char *)keys[i].label);
			continue;
		}
		printf("key %-6u %-12s %2u bytes  usage", keys[i].key_id, type ? type : "?",
		       keys[i].bytes);
		for (u = 0; u < ARRAY_SIZE(usage_names); u++)
			if (keys[i].usage & (1U << u))
				printf(" %s", usage_names[u]);
		printf("%s  %.32s\n", keys[i].attrs & VSM_KEY_ATTR_EXPORTABLE ? " exportable" : "",
		       (const char *)keys[i].label);
	}
	return 0;
}

/* Read an optional input file into a new buffer (NULL path: empty). */
static uint8_t *load(const char *path, size_t max, size_t *len, int *err)
{
	uint8_t *buf = calloc(1, max + 1);
	ssize_t n = 0;

	if (!buf) {
		*err = 1;
		return NULL;
	}
	if (path)
		n = read_file(path, buf, max);
	if (n < 0) {
		*err = 1;
		free(buf);
		return NULL;
	}
	*len = (size_t)n;
	return buf;
}

static int key_aead(int fd, const struct key_opts *o, bool open_it)
{
	size_t len = 0, aad_len = 0, max = VSM_KEY_DATA_MAX + (open_it ? 28 : 0);
	int err = 0, ret;
	uint8_t *in = load(o->in ? o->in : "-", max, &len, &err);
	uint8_t *aad = load(o->aad, VSM_KEY_AAD_MAX, &aad_len, &err);
	uint8_t *out = calloc(1, VSM_KEY_DATA_MAX + 28);

	if (err || !out) {
		ret = 1;
		goto done;
	}
	if (open_it) {
		/* IV (12) || tag (16) || ciphertext, as seal writes it. */
		if (len < 28) {
			fprintf(stderr, "vsmctl: key open: input shorter than IV and tag\n");
			ret = 1;
			goto done;
		}
		ret = vsm_aead_open(fd, o->key, in, aad, aad_len, in + 28, len - 28, in + 12, out);
		ret = ret ? fail("key open", ret) : write_file(o->out, out, len - 28) ? 1 : 0;
	} else {
		ret = vsm_aead_seal(fd, o->key, aad, aad_len, in, len, out + 28, out, out + 12);
		ret = ret ? fail("key seal", ret) : write_file(o->out, out, len + 28) ? 1 : 0;
	}
done:
	if (in)
		wipe(in, max);
	if (out)
		wipe(out, VSM_KEY_DATA_MAX + 28);
	free(in);
	free(aad);
	free(out);
	return ret;
}

static int key_mac(int fd, const struct key_opts *o, bool verify)
{
	uint8_t tag[VSM_MAC_TAG_MAX];
	size_t len = 0, tag_len = 0;
	int err = 0, ret;
	uint8_t *msg = load(o->in ? o->in : "-", VSM_KEY_DATA_MAX, &len, &err);

	if (err)
		return 1;
	if (verify) {
		ssize_t n = o->tag ? read_file(o->tag, tag, sizeof(tag)) : -1;

		if (n < 0) {
			fprintf(stderr, "vsmctl: key verify: --tag FILE is required\n");
			free(msg);
			return 1;
		}
		tag_len = (size_t)n;
		ret = vsm_mac_verify(fd, o->key, msg, len, tag, tag_len);
		if (ret == -EBADMSG) {
			fprintf(stderr, "vsmctl: key verify: the tag does not match\n");
			ret = 1;
		} else if (ret) {
			ret = fail("key verify", ret);
		}
	} else {
		ret = vsm_mac_sign(fd, o->key, msg, len, tag, o->tag_len);
		ret = ret ? fail("key sign", ret) : write_file(o->out, tag, o->tag_len) ? 1 : 0;
	}
	free(msg);
	return ret;
}

static int key_create(int fd, const struct key_opts *o)
{
	uint8_t material[65];
	uint32_t id;
	ssize_t n;
	int ret;

	if (!o->type || !o->usage) {
		fprintf(stderr, "vsmctl: key create: --type and --usage are required\n");
		return EXIT_USAGE;
	}
	if (o->import) {
		n = read_file(o->import, material, 64);
		if (n < 0)
			return 1;
		ret = vsm_key_import(fd, o->type, o->usage, o->attrs, o->label, material,
				     (size_t)n, &id);
		wipe(material, sizeof(material));
	} else {
		ret = vsm_key_generate(fd, o->type, o->usage, o->attrs, o->label, &id);
	}
	if (ret)
		return fail("key create", ret);
	print_id(o, "key", id);
	return 0;
}

static int key_derive(int fd, const struct key_opts *o)
{
	size_t salt_len = 0, info_len = 0;
	int err = 0, ret = 1;
	uint8_t *salt = load(o->salt, VSM_KEY_AAD_MAX, &salt_len, &err);
	uint8_t *info = load(o->info, VSM_KEY_AAD_MAX, &info_len, &err);
	uint32_t id;

	if (!err) {
		ret = vsm_key_derive(fd, o->key, o->type, o->usage, o->attrs, o->label, salt,
				     salt_len, info, info_len, &id);
		if (ret)
			ret = fail("key derive", ret);
		else
			print_id(o, "key", id);
	}
	free(salt);
	free(info);
	return ret;
}

static int key_wrap(int fd, const struct key_opts *o, bool unwrap)
{
	uint8_t blob[VSM_KEY_BLOB_MAX + 1];
	size_t len = sizeof(blob);
	uint32_t id;
	ssize_t n;
	int ret;

	if (unwrap) {
		n = read_file(o->in ? o->in : "-", blob, VSM_KEY_BLOB_MAX);
		if (n < 0)
			return 1;
		ret = vsm_key_unwrap(fd, o->wrapping_key, blob, (size_t)n, &id);
		if (ret)
			return fail("key unwrap", ret);
		print_id(o, "key", id);
		return 0;
	}
	ret = vsm_key_wrap(fd, o->key, o->wrapping_key, blob, &len);
	if (ret)
		return fail("key wrap", ret);
	return write_file(o->out, blob, len) ? 1 : 0;
}

static int key_delete(int fd, const struct key_opts *o)
{
	int ret = vsm_key_delete(fd, o->key);

	return ret ? fail("key delete", ret) : 0;
}

static void key_usage(FILE *out)
{
	fprintf(out,
		"usage: vsmctl key COMMAND --domain ID --secret-file FILE [OPTIONS]\n"
		"  list [--json]\n"
		"  create --type aes256-gcm|hmac-sha256|secret --usage U[,U...] [--exportable]\n"
		"         [--label TEXT] [--import FILE] [--json]\n"
		"  delete --key ID\n"
		"  seal --key ID [--aad FILE] [--in FILE] [--out FILE]   (writes IV, tag, ciphertext)\n"
		"  open --key ID [--aad FILE] [--in FILE] [--out FILE]\n"
		"  sign --key ID [--tag-len 16..32] [--in FILE] [--out FILE]\n"
		"  verify --key ID --tag FILE [--in FILE]\n"
		"  derive --key ID --type T --usage U [--exportable] [--label TEXT] [--salt FILE] [--info FILE]\n"
		"  wrap --key ID [--wrapping-key ID] [--out FILE]\n"
		"  unwrap [--wrapping-key ID] [--in FILE] [--json]\n"
		"usages: encrypt decrypt sign verify derive wrap unwrap; FILE may be - (stdin/stdout)\n");
}

int vsmctl_cmd_key(int argc, char **argv)
{
	struct key_opts o;
	const char *cmd;
	int fd, ret;

	if (argc == 2 && vsmctl_is_help(argv[1])) {
		key_usage(stdout);
		return 0;
	}
	if (argc < 2 || parse_opts(argc - 1, argv + 1, &o) || optind != argc - 1) {
		key_usage(stderr);
		return EXIT_USAGE;
	}
	cmd = argv[1];
	if (strcmp(cmd, "list") && strcmp(cmd, "create") && strcmp(cmd, "delete") &&
	    strcmp(cmd, "seal") && strcmp(cmd, "open") && strcmp(cmd, "sign") &&
	    strcmp(cmd, "verify") && strcmp(cmd, "derive") && strcmp(cmd, "wrap") &&
	    strcmp(cmd, "unwrap")) {
		fprintf(stderr, "vsmctl: unknown key command '%s'\n", cmd);
		key_usage(stderr);
		return EXIT_USAGE;
	}
	fd = open_bound(&o);
	if (fd < 0)
		return 1;
	if (!strcmp(cmd, "list"))
		ret = key_list(fd, &o);
	else if (!strcmp(cmd, "create"))
		ret = key_create(fd, &o);
	else if (!strcmp(cmd, "delete"))
		ret = key_delete(fd, &o);
	else if (!strcmp(cmd, "seal") || !strcmp(cmd, "open"))
		ret = key_aead(fd, &o, !strcmp(cmd, "open"));
	else if (!strcmp(cmd, "sign") || !strcmp(cmd, "verify"))
		ret = key_mac(fd, &o, !strcmp(cmd, "verify"));
	else if (!strcmp(cmd, "derive"))
		ret = key_derive(fd, &o);
	else
		ret = key_wrap(fd, &o, !strcmp(cmd, "unwrap"));
	close(fd);
	return ret;
}

int vsmctl_cmd_random(int argc, char **argv)
{
	uint8_t buf[VSM_KEY_DATA_MAX];
	struct key_opts o;
	uint32_t n;
	int fd, ret;

	if (parse_opts(argc, argv, &o) || optind != argc - 1 || parse_u32(argv[optind], &n) ||
	    !n || n > VSM_KEY_DATA_MAX) {
		fprintf(stderr, "usage: vsmctl random BYTES [--out FILE]   (1..%d bytes)\n",
			VSM_KEY_DATA_MAX);
		return EXIT_USAGE;
	}
	fd = vsmctl_open_device();
	if (fd < 0)
		return 1;
	ret = vsm_random(fd, buf, n);
	close(fd);
	if (ret)
		return fail("random", ret);
	return write_file(o.out, buf, n) ? 1 : 0;
}
