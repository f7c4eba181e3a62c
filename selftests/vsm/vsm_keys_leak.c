// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_keys_leak - the key store's no-leak test (a helper of
 * vsm_keys_leak_test.sh).
 *
 * Usage: vsm_keys_leak   (with vsm_attack.ko loaded in mode=findram)
 *
 * Imports a key whose 32 bytes are fresh random (so no file or binary
 * holds them), wraps and unwraps it, uses it (sign, verify), and then has
 * the attacker module (/dev/vsm_findram) search all host RAM for those
 * bytes twice:
 * while this process still holds its copy (the control: at least one
 * hit), and after wiping it (nothing may be found: not in the driver's
 * buffers, not anywhere the host can read).  Prints "control: N" and
 * "after: N"; exit 0 if the control found it and the second scan did not.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/random.h>
#include <unistd.h>

#include "libvsm.h"

static long scan(int finder, const char *hex)
{
	return ioctl(finder, 0, hex);
}

int main(void)
{
	static const char secret[] = "the no-leak test's domain secret";
	uint8_t *key, tag[32], blob[VSM_KEY_BLOB_MAX], msg[3000] = "use it";
	char hex[65];
	uint32_t dom, id, id2;
	size_t blob_len = sizeof(blob);
	long control, after;
	int admin, fd, finder, i;

	finder = open("/dev/vsm_findram", O_RDWR);
	if (finder < 0)
		return perror("/dev/vsm_findram (load vsm_attack.ko mode=findram)"), 2;
	key = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (key == MAP_FAILED || mlock(key, 4096) ||
	    getrandom(key, 32, 0) != 32)
		return perror("vsm_keys_leak"), 2;
	for (i = 0; i < 32; i++)
		sprintf(hex + 2 * i, "%02x", key[i]);
	admin = vsm_open(VSM_DEVICE_PATH);
	fd = vsm_open(VSM_DEVICE_PATH);
	if (admin < 0 || fd < 0 ||
	    vsm_domain_create(admin, secret, sizeof(secret), 4, 256, 0, &dom) ||
	    vsm_domain_bind(fd, dom, secret, sizeof(secret)) ||
	    vsm_key_import(fd, VSM_KEY_HMAC_SHA256, VSM_KEY_USE_SIGN | VSM_KEY_USE_VERIFY,
			   VSM_KEY_ATTR_EXPORTABLE, "leak test", key, 32, &id) ||
	    vsm_key_wrap(fd, id, 0, blob, &blob_len) ||
	    vsm_key_unwrap(fd, 0, blob, blob_len, &id2) ||
	    vsm_key_import(fd, VSM_KEY_HMAC_SHA256, VSM_KEY_USE_SIGN | VSM_KEY_USE_VERIFY,
			   0, "leak test, last", key, 32, &id) ||
	    /* Large messages: their buffers come from another slab cache. */
	    vsm_mac_sign(fd, id, msg, sizeof(msg), tag, 32) ||
	    vsm_mac_verify(fd, id2, msg, sizeof(msg), tag, 32))
		return fprintf(stderr, "vsm_keys_leak: key store setup failed\n"), 2;

	control = scan(finder, hex);
	printf("control: %ld\n", control);
	explicit_bzero(key, 32);
	after = scan(finder, hex);
	printf("after: %ld\n", after);
	vsm_domain_destroy(fd);
	return control >= 1 && after == 0 ? 0 : 1;
}
