/* SPDX-License-Identifier: GPL-2.0 */
/* Hex helpers for the crypto tests and the known-answer runner. */
#ifndef VSM_TEST_CRYPTO_UTIL_H
#define VSM_TEST_CRYPTO_UTIL_H

#include <stddef.h>
#include <stdint.h>

/* Decode @hex into @out (at most @max bytes); returns the length or -1. */
static inline long unhex(const char *hex, uint8_t *out, size_t max)
{
	size_t n = 0;

	for (; hex[0] && hex[1]; hex += 2) {
		int hi = hex[0] <= '9' ? hex[0] - '0' : (hex[0] | 32) - 'a' + 10;
		int lo = hex[1] <= '9' ? hex[1] - '0' : (hex[1] | 32) - 'a' + 10;

		if (hi < 0 || hi > 15 || lo < 0 || lo > 15 || n == max)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
	}
	return hex[0] ? -1 : (long)n;
}

#endif /* VSM_TEST_CRYPTO_UTIL_H */
