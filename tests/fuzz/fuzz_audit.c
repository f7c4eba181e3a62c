// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the audit log: the input is a program of appends and cursor reads.
 * Whatever the program, every read returns consecutive records that verify,
 * starting at the oldest kept one or at the cursor, and forged records fed
 * to the verifier never crash it.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/audit.h"

static struct vsm_audit_log log_;
static struct vsm_audit_entry out[VSM_AUDIT_RING];

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t i = 0;
	u32 bad;

	vsm_audit_init(&log_);
	while (i + 9 <= size) {
		u8 op = data[i];
		u64 arg;

		memcpy(&arg, data + i + 1, 8);
		i += 9;
		if (op & 1) {
			u32 n = vsm_audit_copy(&log_, arg % (log_.next_seq + 2), out,
					       1 + op % VSM_AUDIT_RING);

			if (n && vsm_audit_verify(out, n, NULL, &bad))
				abort();
			if (n && out[0].seq < vsm_audit_oldest(&log_))
				abort();
		} else {
			/* Bursts, so the ring wraps within reach of the fuzzer. */
			unsigned int k, burst = 1 + (op >> 1) * 8;

			for (k = 0; k < burst; k++)
				vsm_audit_append(&log_, arg, op, op % 8, arg, k, 0, 0);
		}
	}
	/* Arbitrary bytes as records: the verifier must only say yes or no. */
	if (size >= sizeof(struct vsm_audit_entry))
		vsm_audit_verify((const void *)data,
				 size / sizeof(struct vsm_audit_entry),
				 size & 1 ? data : NULL, &bad);
	return 0;
}
