// SPDX-License-Identifier: GPL-2.0
/*
 * The secure world's page ownership table (common/own.c), behind one
 * lock: every question "may the host, or the secure world on the host's
 * behalf, touch this page, and how?" is asked here.  The secure region is
 * the secure world's from the first question on; the lock makes the
 * kernel's text and read-only data host read-only (core/text.c).
 */
#include "../include/sw.h"
#include "../../common/hcall.h"
#include "../../common/own.h"

static struct vsm_own_table sw_own_table;
static u32 sw_own_lock;
static bool sw_own_ready;

/* Take the lock; the first caller claims the secure region. */
static const struct vsm_own_table *own_get(void)
{
	sw_spin_lock(&sw_own_lock);
	if (!sw_own_ready) {
		vsm_own_init(&sw_own_table);
		if (vsm_own_claim_secure(&sw_own_table, vsm_boot.region_pa, vsm_boot.region_size))
			sw_panic("secure region not claimable", vsm_boot.region_pa);
		sw_own_ready = true;
	}
	return &sw_own_table;
}

static void own_put(void)
{
	sw_spin_unlock(&sw_own_lock);
}

/**
 * sw_own_state() - the state of the page holding @pa
 * @pa: a host-physical address
 *
 * Return: an enum vsm_own_state.
 */
u32 sw_own_state(u64 pa)
{
	u32 state = vsm_own_state(own_get(), pa);

	own_put();
	return state;
}

/**
 * sw_own_uniform() - are all pages of [pa, pa + len) in one state?
 * @pa: start
 * @len: length
 *
 * Return: true if so.
 */
bool sw_own_uniform(u64 pa, u64 len)
{
	bool same = vsm_own_uniform(own_get(), pa, len);

	own_put();
	return same;
}

/**
 * sw_own_protect() - host read-write pages become host read-only
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int sw_own_protect(u64 pa, u64 len)
{
	int ret;

	own_get();
	ret = vsm_own_protect(&sw_own_table, pa, len);
	own_put();
	return ret;
}

static struct vsm_hc_limits limits(const struct vsm_own_table *t)
{
	struct vsm_hc_limits lim = {
		.physmap_end = vsm_boot.physmap_end,
		.own = t,
	};

	return lim;
}

/**
 * sw_host_ram() - may the secure world read [pa, pa + len) for the host?
 * @pa: start
 * @len: length
 *
 * Return: true for mapped host RAM with no page of the secure world's.
 */
bool sw_host_ram(u64 pa, u64 len)
{
	struct vsm_hc_limits lim = limits(own_get());
	bool ok = vsm_hc_host_ram(&lim, pa, len);

	own_put();
	return ok;
}

/**
 * sw_host_writable() - may the secure world write [pa, pa + len) for the host?
 * @pa: start
 * @len: length
 *
 * Return: true for mapped host RAM that is all the host's, read-write.
 */
bool sw_host_writable(u64 pa, u64 len)
{
	struct vsm_hc_limits lim = limits(own_get());
	bool ok = vsm_hc_host_writable(&lim, pa, len);

	own_put();
	return ok;
}

/* A refused buffer is audited: arg 1 its address, arg 2 its length (bit 63: written). */
static int audited(struct vsm_sw_cpu *c, int ret, u64 pa, u64 len, bool write)
{
	if (ret == -EFAULT)
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_HC_BUFFER, pa,
			 len | (write ? VSM_BIT64(63) : 0));
	return ret;
}

/**
 * sw_check_host_buffer() - check a hypercall's output buffer (one page)
 * @c: the calling CPU (for the audit record of a refusal)
 * @pa: host-physical address
 * @len: bytes the secure world will write
 *
 * Return: as vsm_hc_check_buffer(); -EFAULT is audited.
 */
int sw_check_host_buffer(struct vsm_sw_cpu *c, u64 pa, u64 len)
{
	struct vsm_hc_limits lim = limits(own_get());
	int ret = vsm_hc_check_buffer(&lim, pa, len);

	own_put();
	return audited(c, ret, pa, len, true);
}

/**
 * sw_check_host_span() - check a hypercall buffer that may span pages
 * @c: the calling CPU (for the audit record of a refusal)
 * @pa: host-physical address
 * @len: its length
 * @max: the largest length the call accepts
 * @write: the secure world writes it
 *
 * Return: as vsm_hc_check_span(); -EFAULT is audited.
 */
int sw_check_host_span(struct vsm_sw_cpu *c, u64 pa, u64 len, u64 max, bool write)
{
	struct vsm_hc_limits lim = limits(own_get());
	int ret = vsm_hc_check_span(&lim, pa, len, max, write);

	own_put();
	return audited(c, ret, pa, len, write);
}
