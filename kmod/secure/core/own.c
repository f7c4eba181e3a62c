// SPDX-License-Identifier: GPL-2.0
/*
 * The secure world's page ownership table (common/own.c), behind one
 * lock: every question "may the host, or the secure world on the host's
 * behalf, touch this page, and how?" is asked here.  The secure region is
 * the secure world's from the first question on; the lock makes the
 * kernel's text and read-only data host read-only (core/text.c).
 *
 * A hypercall that will write a host buffer holds a writer count from its
 * check to its last write (sw_host_write_done()); a transition that takes
 * write access away waits, under the lock, until no writer is left, so a
 * buffer checked before the transition is never written after it.
 */
#include "../include/sw.h"
#include "../../common/hcall.h"
#include "../../common/amdvi.h"
#include "../../common/own.h"

static struct vsm_own_table sw_own_table;
static u32 sw_own_lock;
static bool sw_own_ready;
static u32 sw_own_writers;

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
 * sw_own_generation() - the ownership table's generation (common/own.c)
 *
 * Read without the lock: a cache of the host view (the shadow nested
 * tables) compares it before use and is rebuilt when it grew.
 *
 * Return: the count of transitions that took a right from the host.
 */
u64 sw_own_generation(void)
{
	return __atomic_load_n(&sw_own_table.gen, __ATOMIC_ACQUIRE);
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
	/* No new writer can pass its check while the lock is held. */
	while (__atomic_load_n(&sw_own_writers, __ATOMIC_ACQUIRE))
		asm volatile("pause");
	ret = vsm_own_protect(&sw_own_table, pa, len);
	own_put();
	return ret;
}

/**
 * sw_own_unprotect() - host read-only pages become host read-write again
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Gives a right back, so no writer needs to drain.
 *
 * Return: as vsm_own_transition().
 */
int sw_own_unprotect(u64 pa, u64 len)
{
	int ret;

	own_get();
	ret = vsm_own_unprotect(&sw_own_table, pa, len);
	own_put();
	return ret;
}

/* A checked output buffer is written: the writer count taken at the check. */
static int writer(int ret, bool write)
{
	if (!ret && write)
		__atomic_add_fetch(&sw_own_writers, 1, __ATOMIC_ACQ_REL);
	return ret;
}

/**
 * sw_host_write_done() - the last write into a checked output buffer is done
 *
 * Every successful sw_check_host_buffer(), and sw_check_host_span() with
 * @write, is followed by one call, once the buffer is written; nothing in
 * between may ask the ownership table.
 */
void sw_host_write_done(void)
{
	__atomic_sub_fetch(&sw_own_writers, 1, __ATOMIC_ACQ_REL);
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
 * A check only, for a write that comes later and is checked again then
 * (sw_host_write_begin()).
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

/**
 * sw_host_write_begin() - may the secure world write @n ranges for the host?
 * @pa: the ranges' host-physical starts
 * @n: how many
 * @len: each one's length
 *
 * All are checked under one hold of the lock, and on success one writer
 * count is taken for all, so that no transition that takes write access
 * away completes before the caller's sw_host_write_done(): translate
 * first, check once, write exactly the checked addresses.  (Taking a
 * second count while holding one could wait forever on a transition that
 * waits for the first.)
 *
 * Return: true for mapped host RAM that is all the host's, read-write;
 * then the caller calls sw_host_write_done() once it has written.
 */
bool sw_host_write_begin(const u64 *pa, u32 n, u64 len)
{
	struct vsm_hc_limits lim = limits(own_get());
	bool ok = true;
	u32 i;

	for (i = 0; i < n && ok; i++)
		ok = vsm_hc_host_writable(&lim, pa[i], len);
	writer(ok ? 0 : -EFAULT, true);
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
 * Return: as vsm_hc_check_buffer(); -EFAULT is audited.  On 0 the caller
 * calls sw_host_write_done() once it has written the buffer.
 */
int sw_check_host_buffer(struct vsm_sw_cpu *c, u64 pa, u64 len)
{
	struct vsm_hc_limits lim = limits(own_get());
	int ret = writer(vsm_hc_check_buffer(&lim, pa, len), true);

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
 * Return: as vsm_hc_check_span(); -EFAULT is audited.  On 0 with @write
 * the caller calls sw_host_write_done() once it has written the buffer.
 */
int sw_check_host_span(struct vsm_sw_cpu *c, u64 pa, u64 len, u64 max, bool write)
{
	struct vsm_hc_limits lim = limits(own_get());
	int ret = writer(vsm_hc_check_span(&lim, pa, len, max, write), write);

	own_put();
	return audited(c, ret, pa, len, write);
}

/**
 * sw_own_claim_iommu() - host read-write pages become an owned IOMMU's registers
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition() (-EPERM for pages that are not the
 * host's read-write memory: the region, locked kernel memory).
 */
int sw_own_claim_iommu(u64 pa, u64 len)
{
	int ret;

	own_get();
	ret = vsm_own_claim_iommu(&sw_own_table, pa, len);
	own_put();
	return ret;
}

/**
 * sw_own_release_iommu() - an owned IOMMU's registers go back to the host
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int sw_own_release_iommu(u64 pa, u64 len)
{
	int ret;

	own_get();
	ret = vsm_own_release_iommu(&sw_own_table, pa, len);
	own_put();
	return ret;
}

/**
 * sw_own_build_iopt() - build an identity I/O page table from the table
 * @end: map [0, @end)
 * @levels: paging levels
 * @p: zeroed pages
 * @root_pa: out: the root
 *
 * Return: as vsm_amdvi_build_iopt(); the table cannot change meanwhile.
 */
int sw_own_build_iopt(u64 end, unsigned int levels, struct vsm_amdvi_pages *p, u64 *root_pa)
{
	int ret = vsm_amdvi_build_iopt(own_get(), end, levels, p, root_pa);

	own_put();
	return ret;
}
