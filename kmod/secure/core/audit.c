// SPDX-License-Identifier: GPL-2.0
/*
 * The secure world's audit log: one hash-chained ring for all CPUs,
 * appended under a spinlock (exits run with GIF clear, so nothing can
 * interrupt a CPU holding it).
 */
#include "../include/sw.h"
#include "../../common/audit.h"

static struct vsm_audit_log sw_log;
static u32 sw_log_lock;


/**
 * sw_audit() - append a record to the audit log
 * @c: the CPU the event happened on
 * @type: VSM_AEV_*
 * @a0: first argument
 * @a1: second argument
 * @a2: third argument
 *
 * The first record ever is VSM_AEV_LOG_START, with the region's place, and
 * the second VSM_AEV_DMA, with the driver's report on DMA protection.
 */
void sw_audit(struct vsm_sw_cpu *c, u16 type, u64 a0, u64 a1, u64 a2)
{
	u64 tsc = sw_rdtsc();

	sw_spin_lock(&sw_log_lock);
	if (!sw_log.next_seq) {
		vsm_audit_init(&sw_log);
		vsm_audit_append(&sw_log, tsc, c->cpu, VSM_AEV_LOG_START,
				 vsm_boot.region_pa, vsm_boot.region_size, 0, 0);
		/* Said once: whether DMA can reach the region. */
		vsm_audit_append(&sw_log, tsc, c->cpu, VSM_AEV_DMA, vsm_boot.dma, 0, 0, 0);
	}
	vsm_audit_append(&sw_log, tsc, c->cpu, type, a0, a1, a2, 0);
	sw_spin_unlock(&sw_log_lock);
}

/**
 * sw_audit_read() - copy records to a host buffer
 * @c: the calling CPU
 * @cursor: first sequence number wanted
 * @pa: host-physical address of the buffer (host RAM the host may write)
 * @max: its capacity in records; the buffer must fit in one page
 *
 * Return: records copied, -EINVAL or -EFAULT.
 */
s64 sw_audit_read(struct vsm_sw_cpu *c, u64 cursor, u64 pa, u64 max)
{
	struct vsm_audit_entry *out;
	u32 n;
	int ret;

	if (!max || max > VSM_PAGE_SIZE / sizeof(*out))
		return -EINVAL;
	ret = sw_check_host_buffer(c, pa, max * sizeof(*out));
	if (ret)
		return ret;
	/* The checked buffer is within one page. */
	out = sw_host_window(c, SW_WINDOW_COPY, pa);
	sw_spin_lock(&sw_log_lock);
	n = sw_log.next_seq ? vsm_audit_copy(&sw_log, cursor, out, (u32)max) : 0;
	sw_spin_unlock(&sw_log_lock);
	sw_host_window_close(c, SW_WINDOW_COPY);
	sw_host_write_done();
	return n;
}
