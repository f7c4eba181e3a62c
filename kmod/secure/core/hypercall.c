// SPDX-License-Identifier: GPL-2.0
/*
 * The hypercall table: the one place where calls from the host enter the
 * secure world.  Every handler checks its arguments itself, after they
 * have been copied out of the guest's registers.
 */
#include "../include/sw.h"

typedef s64 (*sw_hypercall_fn)(struct vsm_sw_cpu *c, u64 a0, u64 a1, u64 a2);

static s64 hc_version(struct vsm_sw_cpu *c, u64 a0, u64 a1, u64 a2)
{
	return VSM_SW_ABI_VERSION;
}

static s64 hc_ping(struct vsm_sw_cpu *c, u64 a0, u64 a1, u64 a2)
{
	return (s64)((a0 + 1) & 0x7fffffffffffffffULL);
}

static struct vsm_sw_cpu *cpu_data(u64 cpu)
{
	u64 off = vsm_boot.percpu_offset + cpu * VSM_CPU_PAGES * VSM_PAGE_SIZE;

	return (struct vsm_sw_cpu *)(uintptr_t)(VSM_SW_BASE + off);
}

static s64 hc_get_stats(struct vsm_sw_cpu *c, u64 cpu, u64 pa, u64 a2)
{
	struct vsm_hc_cpu_stats out;
	struct vsm_sw_cpu *t;
	unsigned int i;
	int ret;

	if (cpu >= vsm_boot.nr_cpu_ids)
		return -EINVAL;
	ret = sw_check_host_buffer(c, pa, sizeof(out));
	if (ret)
		return ret;
	t = cpu_data(cpu);
	out.state = t->state;
	out.cpu = (u32)cpu;
	for (i = 0; i < VSM_EXIT_CLASSES; i++)
		out.exits[i] = t->exits[i];
	sw_host_copy_out(c, pa, &out, sizeof(out));
	sw_host_write_done();
	return 0;
}

static s64 hc_devirt(struct vsm_sw_cpu *c, u64 a0, u64 a1, u64 a2)
{
	if (sw_locked()) {
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_DEVIRT, 0, 0);
		return -EPERM;
	}
	sw_audit(c, VSM_AEV_CPU_RELEASED, 0, 0, 0);
	arch_cpu_devirt(c, 0);
}

static s64 hc_lock(struct vsm_sw_cpu *c, u64 a0, u64 a1, u64 a2)
{
	return sw_lock(c);
}

static s64 hc_audit_read(struct vsm_sw_cpu *c, u64 cursor, u64 pa, u64 max)
{
	return sw_audit_read(c, cursor, pa, max);
}

static s64 hc_seal(struct vsm_sw_cpu *c, u64 a0, u64 a1, u64 a2)
{
	return sw_seal(c);
}

static s64 hc_key(struct vsm_sw_cpu *c, u64 pa, u64 size, u64 a2)
{
	return sw_keys_call(c, pa, size);
}

/* The driver reports what it refused; only the codes it may report. */
static s64 hc_note_refusal(struct vsm_sw_cpu *c, u64 what, u64 detail, u64 a2)
{
	if (what != VSM_AEV_REFUSED_SUSPEND && what != VSM_AEV_REFUSED_CPU_OFFLINE)
		return -EINVAL;
	sw_audit(c, VSM_AEV_REFUSED, what, detail, 0);
	return 0;
}

static const sw_hypercall_fn sw_hypercalls[VSM_HC_COUNT] = {
	[VSM_HC_VERSION] = hc_version,
	[VSM_HC_PING] = hc_ping,
	[VSM_HC_GET_STATS] = hc_get_stats,
	[VSM_HC_DEVIRT] = hc_devirt,
	[VSM_HC_LOCK] = hc_lock,
	[VSM_HC_AUDIT_READ] = hc_audit_read,
	[VSM_HC_SEAL] = hc_seal,
	[VSM_HC_KEY] = hc_key,
	[VSM_HC_NOTE_REFUSAL] = hc_note_refusal,
	[VSM_HC_CI] = sw_ci_call,
	[VSM_HC_DMA] = sw_amdvi_call,
};

/**
 * sw_hypercall() - dispatch one hypercall
 * @c: the calling CPU
 * @nr: call number (guest RAX)
 * @a0: first argument (guest RBX)
 * @a1: second argument (guest RCX)
 * @a2: third argument (guest RDX)
 *
 * Return: the result for the guest's RAX; -EOPNOTSUPP for unknown calls.
 */
s64 sw_hypercall(struct vsm_sw_cpu *c, u64 nr, u64 a0, u64 a1, u64 a2)
{
	/* An owned IOMMU's faults become audit records before anything else. */
	sw_amdvi_poll(c);
	if (nr >= VSM_HC_COUNT || !sw_hypercalls[nr])
		return -EOPNOTSUPP;
	return sw_hypercalls[nr](c, a0, a1, a2);
}
