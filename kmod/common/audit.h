/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The audit log: an append-only ring of hash-chained records.  Pure logic,
 * shared by the secure world (which owns the log), libvsm (which verifies
 * it) and the hosted tests.  Callers serialize appends.
 */
#ifndef VSM_COMMON_AUDIT_H
#define VSM_COMMON_AUDIT_H

#include <linux/vsm.h>
#include "sha256.h"
#include "types.h"

#define VSM_AUDIT_RING		512

/**
 * struct vsm_audit_log - the log
 * @next_seq: sequence number of the next record
 * @lost: records overwritten so far
 * @last_hash: hash of the newest record (zero before the first)
 * @ring: the newest VSM_AUDIT_RING records; seq s lives at s % RING
 */
struct vsm_audit_log {
	u64 next_seq;
	u64 lost;
	u8 last_hash[VSM_SHA256_DIGEST];
	struct vsm_audit_record ring[VSM_AUDIT_RING];
};

void vsm_audit_init(struct vsm_audit_log *log);
u64 vsm_audit_append(struct vsm_audit_log *log, u64 tsc, u32 cpu, u16 type,
		     u64 a0, u64 a1, u64 a2, u64 a3);
u64 vsm_audit_oldest(const struct vsm_audit_log *log);
u32 vsm_audit_copy(const struct vsm_audit_log *log, u64 cursor,
		   struct vsm_audit_record *out, u32 max);
void vsm_audit_hash(const u8 prev[VSM_SHA256_DIGEST],
		    const struct vsm_audit_record *rec,
		    u8 out[VSM_SHA256_DIGEST]);
int vsm_audit_verify(const struct vsm_audit_record *recs, u32 n,
		     const u8 *prev_hash, u32 *bad);

#endif /* VSM_COMMON_AUDIT_H */
