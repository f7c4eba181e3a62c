// SPDX-License-Identifier: GPL-2.0
/*
 * Audit log ring with a SHA-256 hash chain.  When the ring wraps, a
 * VSM_AEV_RECORDS_LOST record says, inside the chain, which records are
 * gone, so a reader can tell design from tampering.
 */
#include "audit.h"

void vsm_audit_init(struct vsm_audit_log *log)
{
	memset(log, 0, sizeof(*log));
	log->next_seq = 1;
}

/**
 * vsm_audit_hash() - chain hash of one record
 * @prev: hash of the previous record (zeros before the first)
 * @rec: the record; its @hash field is not hashed
 * @out: the hash
 */
void vsm_audit_hash(const u8 prev[VSM_SHA256_DIGEST],
		    const struct vsm_audit_entry *rec,
		    u8 out[VSM_SHA256_DIGEST])
{
	struct vsm_sha256 s;

	vsm_sha256_init(&s);
	vsm_sha256_update(&s, prev, VSM_SHA256_DIGEST);
	vsm_sha256_update(&s, rec, offsetof(struct vsm_audit_entry, hash));
	vsm_sha256_final(&s, out);
}

static u64 put(struct vsm_audit_log *log, u64 tsc, u32 cpu, u16 type,
	       u64 a0, u64 a1, u64 a2, u64 a3)
{
	u64 seq = log->next_seq++;
	struct vsm_audit_entry *r = &log->ring[seq % VSM_AUDIT_RING];

	if (seq > VSM_AUDIT_RING)
		log->lost++;
	memset(r, 0, sizeof(*r));
	r->seq = seq;
	r->tsc = tsc;
	r->cpu = cpu;
	r->type = type;
	r->arg[0] = a0;
	r->arg[1] = a1;
	r->arg[2] = a2;
	r->arg[3] = a3;
	vsm_audit_hash(log->last_hash, r, r->hash);
	memcpy(log->last_hash, r->hash, VSM_SHA256_DIGEST);
	return seq;
}

/**
 * vsm_audit_append() - add a record
 * @log: the log
 * @tsc: time stamp
 * @cpu: CPU of the event
 * @type: VSM_AEV_*
 * @a0: first argument
 * @a1: second argument
 * @a2: third argument
 * @a3: fourth argument
 *
 * Each time the ring has been filled once more, the record is preceded by
 * a VSM_AEV_RECORDS_LOST record.
 *
 * Return: the record's sequence number.
 */
u64 vsm_audit_append(struct vsm_audit_log *log, u64 tsc, u32 cpu, u16 type,
		     u64 a0, u64 a1, u64 a2, u64 a3)
{
	if (log->next_seq > VSM_AUDIT_RING && log->next_seq % VSM_AUDIT_RING == 1)
		put(log, tsc, cpu, VSM_AEV_RECORDS_LOST,
		    log->next_seq + 1 - VSM_AUDIT_RING, log->lost + 1, 0, 0);
	return put(log, tsc, cpu, type, a0, a1, a2, a3);
}

/**
 * vsm_audit_oldest() - sequence number of the oldest record still kept
 * @log: the log
 *
 * Return: the number, or log->next_seq when the log is empty.
 */
u64 vsm_audit_oldest(const struct vsm_audit_log *log)
{
	if (log->next_seq > VSM_AUDIT_RING)
		return log->next_seq - VSM_AUDIT_RING;
	return 1;
}

/**
 * vsm_audit_copy() - copy records from a cursor on
 * @log: the log
 * @cursor: first sequence number wanted; older, lost records are skipped
 * @out: destination
 * @max: its capacity in records
 *
 * Return: the number of records copied, in order.
 */
u32 vsm_audit_copy(const struct vsm_audit_log *log, u64 cursor,
		   struct vsm_audit_entry *out, u32 max)
{
	u64 seq = cursor;
	u32 n = 0;

	if (seq < vsm_audit_oldest(log))
		seq = vsm_audit_oldest(log);
	for (; seq < log->next_seq && n < max; seq++, n++)
		out[n] = log->ring[seq % VSM_AUDIT_RING];
	return n;
}

/**
 * vsm_audit_verify() - check a run of consecutive records
 * @recs: records as read
 * @n: how many
 * @prev_hash: hash of the record before recs[0] if known (zeros for seq
 *	1), or NULL to trust recs[0]'s own hash
 * @bad: index of the first bad record, on failure
 *
 * Return: 0; -EINVAL if the sequence numbers are not consecutive;
 * -EBADMSG if a hash does not match.
 */
int vsm_audit_verify(const struct vsm_audit_entry *recs, u32 n,
		     const u8 *prev_hash, u32 *bad)
{
	u8 h[VSM_SHA256_DIGEST];
	u32 i;

	for (i = 0; i < n; i++) {
		*bad = i;
		if (i && recs[i].seq != recs[i - 1].seq + 1)
			return -EINVAL;
		if (!i && !prev_hash)
			continue;
		vsm_audit_hash(i ? recs[i - 1].hash : prev_hash, &recs[i], h);
		if (memcmp(h, recs[i].hash, VSM_SHA256_DIGEST))
			return -EBADMSG;
	}
	return 0;
}
