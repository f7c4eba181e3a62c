// SPDX-License-Identifier: GPL-2.0
/*
 * Audit log: sequence, hash chain, cursor reads, wrap with an explicit
 * records-lost marker, and detection of changed, dropped or reordered
 * records.
 */
#include <stdlib.h>
#include <string.h>

#include "unit.h"
#include "../../kmod/common/audit.h"

static struct vsm_audit_log *new_log(void)
{
	struct vsm_audit_log *log = malloc(sizeof(*log));

	vsm_audit_init(log);
	return log;
}

TEST(audit_chain_verifies_and_detects_tampering)
{
	static const u8 zero[VSM_SHA256_DIGEST];
	struct vsm_audit_log *log = new_log();
	struct vsm_audit_entry r[10], t;
	u32 bad, i;

	for (i = 0; i < 10; i++)
		EXPECT_EQ(vsm_audit_append(log, 1000 + i, i % 3, VSM_AEV_REFUSED,
					   i, 2, 3, 4), i + 1);
	EXPECT_EQ(vsm_audit_copy(log, 1, r, 10), 10);
	EXPECT_EQ(r[0].seq, 1);
	EXPECT_EQ(r[9].tsc, 1009);
	EXPECT_EQ(vsm_audit_verify(r, 10, zero, &bad), 0);
	/* A changed field. */
	t = r[4];
	r[4].arg[0] ^= 1;
	EXPECT_EQ(vsm_audit_verify(r, 10, zero, &bad), -EBADMSG);
	EXPECT_EQ(bad, 4);
	r[4] = t;
	/* A record dropped. */
	memmove(&r[4], &r[5], 5 * sizeof(r[0]));
	EXPECT_EQ(vsm_audit_verify(r, 9, zero, &bad), -EINVAL);
	EXPECT_EQ(bad, 4);
	/* Reordered, with renumbered sequence: the hashes catch it. */
	EXPECT_EQ(vsm_audit_copy(log, 1, r, 10), 10);
	t = r[2];
	r[2] = r[3];
	r[3] = t;
	r[2].seq = 3;
	r[3].seq = 4;
	EXPECT_EQ(vsm_audit_verify(r, 10, zero, &bad), -EBADMSG);
	EXPECT_EQ(bad, 2);
	/* A forged first record is caught when the previous hash is known. */
	EXPECT_EQ(vsm_audit_copy(log, 1, r, 10), 10);
	r[0].cpu = 7;
	EXPECT_EQ(vsm_audit_verify(r, 10, zero, &bad), -EBADMSG);
	EXPECT_EQ(bad, 0);
	/* Without it, the first record is taken on trust, its hash included. */
	EXPECT_EQ(vsm_audit_verify(r, 10, NULL, &bad), 0);
	r[1].cpu = 7;
	EXPECT_EQ(vsm_audit_verify(r, 10, NULL, &bad), -EBADMSG);
	EXPECT_EQ(bad, 1);
	free(log);
}

TEST(audit_cursor_reads)
{
	struct vsm_audit_log *log = new_log();
	struct vsm_audit_entry r[8];
	u32 bad;

	EXPECT_EQ(vsm_audit_copy(log, 1, r, 8), 0);
	EXPECT_EQ(vsm_audit_oldest(log), 1);
	vsm_audit_append(log, 1, 0, VSM_AEV_LOCKED, 0, 0, 0, 0);
	vsm_audit_append(log, 2, 0, VSM_AEV_LOCKED, 0, 0, 0, 0);
	vsm_audit_append(log, 3, 0, VSM_AEV_LOCKED, 0, 0, 0, 0);
	EXPECT_EQ(vsm_audit_copy(log, 2, r, 8), 2);
	EXPECT_EQ(r[0].seq, 2);
	EXPECT_EQ(vsm_audit_verify(r, 2, NULL, &bad), 0);
	EXPECT_EQ(vsm_audit_copy(log, 4, r, 8), 0);
	EXPECT_EQ(vsm_audit_copy(log, 0, r, 1), 1);
	EXPECT_EQ(r[0].seq, 1);
	free(log);
}

TEST(audit_wrap_has_lost_marker_in_the_chain)
{
	struct vsm_audit_log *log = new_log();
	struct vsm_audit_entry *r = calloc(VSM_AUDIT_RING, sizeof(*r));
	u32 n, i, bad, markers = 0;
	u64 last = 0;

	for (i = 0; i < 3 * VSM_AUDIT_RING; i++)
		last = vsm_audit_append(log, i, 0, VSM_AEV_REFUSED, i, 0, 0, 0);
	/* A marker each time the ring started over: three. */
	EXPECT_EQ(last, 3 * VSM_AUDIT_RING + 3);
	EXPECT_EQ(vsm_audit_oldest(log), last - VSM_AUDIT_RING + 1);
	EXPECT_EQ(log->lost, last - VSM_AUDIT_RING);
	/* An old cursor reads from the oldest record kept. */
	n = vsm_audit_copy(log, 1, r, VSM_AUDIT_RING);
	EXPECT_EQ(n, VSM_AUDIT_RING);
	EXPECT_EQ(r[0].seq, vsm_audit_oldest(log));
	EXPECT_EQ(r[n - 1].seq, last);
	EXPECT_EQ(vsm_audit_verify(r, n, NULL, &bad), 0);
	for (i = 0; i < n; i++) {
		if (r[i].type != VSM_AEV_RECORDS_LOST)
			continue;
		markers++;
		/* The marker names the oldest record kept after it, and the count. */
		EXPECT_EQ(r[i].arg[0], r[i].seq - VSM_AUDIT_RING + 1);
		EXPECT_EQ(r[i].arg[1], r[i].seq - VSM_AUDIT_RING);
	}
	EXPECT_EQ(markers, 1);
	free(r);
	free(log);
}

TEST(audit_record_layout)
{
	EXPECT_EQ(sizeof(struct vsm_audit_entry), 88);
	EXPECT_EQ(offsetof(struct vsm_audit_entry, hash), 56);
}
