// SPDX-License-Identifier: GPL-2.0
/*
 * SHA-256: FIPS 180-4 example vectors, and differentially against OpenSSL
 * for every length up to 1100 bytes fed in uneven pieces; each on the
 * portable path, then with the SHA extensions where this CPU has them.
 */
#include <openssl/sha.h>
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/crypto/accel.h"
#include "../../kmod/common/sha256.h"

/* The path under test: false portable C, true the SHA extensions. */
static bool accel;

#define FOR_EACH_PATH(p)						\
	for (p = 0, accel = false;					\
	     p < 1 + vsm_crypto_accel_sha_supported();			\
	     accel = ++p == 1)

static void hex(const u8 *d, char *out)
{
	static const char digits[] = "0123456789abcdef";
	int i;

	for (i = 0; i < VSM_SHA256_DIGEST; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[64] = 0;
}

static int digest_is(const char *msg, size_t len, const char *want)
{
	struct vsm_sha256 s;
	u8 d[VSM_SHA256_DIGEST];
	char got[65];

	vsm_sha256_init_accel(&s, accel);
	vsm_sha256_update(&s, msg, len);
	vsm_sha256_final(&s, d);
	hex(d, got);
	if (strcmp(got, want))
		printf("#   got %s\n#  want %s (%s)\n", got, want, accel ? "SHA-NI" : "C");
	return !strcmp(got, want);
}

TEST(sha256_fips_vectors)
{
	static const char two_blocks[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	int p;

	FOR_EACH_PATH(p) {
		EXPECT(digest_is("", 0,
			"e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
		EXPECT(digest_is("abc", 3,
			"ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"));
		EXPECT(digest_is(two_blocks, strlen(two_blocks),
			"248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"));
	}
}

TEST(sha256_million_a)
{
	struct vsm_sha256 s;
	u8 d[VSM_SHA256_DIGEST];
	char got[65], chunk[1000];
	int i, p;

	memset(chunk, 'a', sizeof(chunk));
	FOR_EACH_PATH(p) {
		vsm_sha256_init_accel(&s, accel);
		for (i = 0; i < 1000; i++)
			vsm_sha256_update(&s, chunk, sizeof(chunk));
		vsm_sha256_final(&s, d);
		hex(d, got);
		EXPECT(!strcmp(got,
			"cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"));
	}
}

/* Every length up to @size, fed in uneven pieces: how many differ. */
static int against_openssl(const u8 *msg, unsigned int size)
{
	u8 ours[VSM_SHA256_DIGEST], theirs[SHA256_DIGEST_LENGTH];
	unsigned int len;
	int mismatches = 0;

	for (len = 0; len <= size; len++) {
		struct vsm_sha256 s;
		size_t at = 0, piece = 1;

		vsm_sha256_init_accel(&s, accel);
		while (at < len) {
			size_t n = piece < len - at ? piece : len - at;

			vsm_sha256_update(&s, msg + at, n);
			at += n;
			piece = piece * 3 % 97 + 1;
		}
		vsm_sha256_final(&s, ours);
		SHA256(msg, len, theirs);
		mismatches += memcmp(ours, theirs, sizeof(ours)) != 0;
	}
	return mismatches;
}

TEST(sha256_matches_openssl)
{
	static u8 msg[1100];
	unsigned int seed = 12345;
	int mismatches = 0, p;
	size_t i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (u8)rand_r(&seed);
	FOR_EACH_PATH(p)
		mismatches += against_openssl(msg, sizeof(msg));
	EXPECT_EQ(mismatches, 0);
}

/* A long message: many blocks in one update call. */
TEST(sha256_long_matches_openssl)
{
	static u8 msg[64 * 1024 + 17];
	u8 ours[VSM_SHA256_DIGEST], theirs[SHA256_DIGEST_LENGTH];
	unsigned int seed = 777;
	struct vsm_sha256 s;
	int mismatches = 0, p;
	size_t i;

	for (i = 0; i < sizeof(msg); i++)
		msg[i] = (u8)rand_r(&seed);
	SHA256(msg, sizeof(msg), theirs);
	FOR_EACH_PATH(p) {
		vsm_sha256_init_accel(&s, accel);
		vsm_sha256_update(&s, msg, 5);
		vsm_sha256_update(&s, msg + 5, sizeof(msg) - 5);
		vsm_sha256_final(&s, ours);
		mismatches += memcmp(ours, theirs, sizeof(ours)) != 0;
	}
	EXPECT_EQ(mismatches, 0);
}

/* The SHA extensions are used only where they were asked for. */
TEST(sha256_portable_unless_asked)
{
	struct vsm_sha256 s;

	vsm_sha256_init(&s);
	EXPECT(!s.accel);
	vsm_crypto_accel_sha = true;
	vsm_sha256_init(&s);
	EXPECT(!s.accel);
	vsm_crypto_accel_sha = false;
}
