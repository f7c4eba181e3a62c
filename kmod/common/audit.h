/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The audit log: an append-only ring of hash-chained records.  Pure logic,
 * shared by the secure world (which owns the log), libvsm (which verifies
 * it) and the hosted tests.  Callers serialize appends.
 */
#ifndef VSM_COMMON_AUDIT_H
#define VSM_COMMON_AUDIT_H

#include "sha256.h"
#include "types.h"

#define VSM_AUDIT_RING		512

/*
 * Record types and the record itself.  The secure world cannot include the
 * UAPI header, so they are defined here; include/uapi/linux/vsm.h publishes
 * the same values (VSM_AUDIT_*, struct vsm_audit_record), and libvsm and
 * the driver check at build time that both agree.
 */
enum vsm_audit_event {
	VSM_AEV_LOG_START = 1,
	VSM_AEV_CPU_PROTECTED = 2,
	VSM_AEV_CPU_RELEASED = 3,
	VSM_AEV_LOCKED = 4,
	VSM_AEV_REFUSED = 5,
	VSM_AEV_RECORDS_LOST = 6,
	VSM_AEV_HOST_SHUTDOWN = 7,
	VSM_AEV_PROTECTED_ACCESS = 8,
	VSM_AEV_SECRETS_WIPED = 9,
	VSM_AEV_KEY_OP = 10,
	VSM_AEV_MODULE = 11,
	VSM_AEV_CI_POLICY = 12,
	VSM_AEV_TEXT_PATCH = 13,
	VSM_AEV_EXEC_MAPPING = 14,
	VSM_AEV_EXEC_SCAN = 15,
	VSM_AEV_DMA = 16,
	VSM_AEV_DMA_FAULT = 17,
	VSM_AEV_MODULE_CODE = 18,
};

/* arg 2 of a VSM_AEV_MODULE_CODE record: the module went (arg 1: pages given back) */
#define VSM_AEV_MODULE_THAWED		VSM_BIT64(63)

/* arg[0] of a VSM_AEV_REFUSED record */
#define VSM_AEV_REFUSED_DEVIRT		1
#define VSM_AEV_REFUSED_MSR_WRITE	2
/* Refused by the driver, which reports them (host-reported: evidence, not proof). */
#define VSM_AEV_REFUSED_SUSPEND		3
#define VSM_AEV_REFUSED_CPU_OFFLINE	4
#define VSM_AEV_REFUSED_PINNED		5	/* pinned state: arg 1 MSR or below, arg 2 value */
#define VSM_AEV_REFUSED_CI_POLICY	6	/* arg 1 -errno, arg 2 serial */
#define VSM_AEV_REFUSED_TEXT_WRITE	7	/* arg 1 physical address, arg 2 RIP */
/* A hypercall buffer the host may not read, or write: arg 1 address, arg 2 length, bit 63 written */
#define VSM_AEV_REFUSED_HC_BUFFER	8
/* A write into a contained page the secure world could not step over: arg 1 page, arg 2 RIP */
#define VSM_AEV_REFUSED_DECOY_WRITE	9

/*
 * Set in the last argument of a protected_access or refused text-write
 * record when a guest of the host's KVM (L2) made the access, through
 * nested page tables the host built for it; the RIP is then the guest's.
 */
#define VSM_AEV_BY_GUEST		VSM_BIT64(63)

/* Arg 1 of a VSM_AEV_REFUSED_PINNED record for state that is no MSR. */
#define VSM_AEV_PINNED_CR0		0x100000000ULL
#define VSM_AEV_PINNED_CR4		0x100000004ULL
#define VSM_AEV_PINNED_GDTR		0x200000000ULL
#define VSM_AEV_PINNED_IDTR		0x200000001ULL

/**
 * struct vsm_audit_entry - one record, laid out as struct vsm_audit_record
 * @seq: sequence number, from 1
 * @tsc: time stamp counter
 * @cpu: CPU of the event
 * @type: enum vsm_audit_event
 * @reserved: zero
 * @arg: event-specific values
 * @hash: chain hash (see vsm_audit_hash())
 */
struct vsm_audit_entry {
	u64 seq;
	u64 tsc;
	u32 cpu;
	u16 type;
	u16 reserved;
	u64 arg[4];
	u8 hash[VSM_SHA256_DIGEST];
};

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
	struct vsm_audit_entry ring[VSM_AUDIT_RING];
};

void vsm_audit_init(struct vsm_audit_log *log);
u64 vsm_audit_append(struct vsm_audit_log *log, u64 tsc, u32 cpu, u16 type,
		     u64 a0, u64 a1, u64 a2, u64 a3);
u64 vsm_audit_oldest(const struct vsm_audit_log *log);
u32 vsm_audit_copy(const struct vsm_audit_log *log, u64 cursor,
		   struct vsm_audit_entry *out, u32 max);
void vsm_audit_hash(const u8 prev[VSM_SHA256_DIGEST],
		    const struct vsm_audit_entry *rec,
		    u8 out[VSM_SHA256_DIGEST]);
int vsm_audit_verify(const struct vsm_audit_entry *recs, u32 n,
		     const u8 *prev_hash, u32 *bad);

#endif /* VSM_COMMON_AUDIT_H */
