/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Page ownership: who may touch each host-physical page, and how.  One
 * table, kept by the secure world in its own memory, answers every
 * question of that kind (hypercall buffers, containment, the host's
 * nested map).  Pure, so it is unit-tested and fuzzed in the hosted build.
 */
#ifndef VSM_COMMON_OWN_H
#define VSM_COMMON_OWN_H

#include "types.h"

/**
 * enum vsm_own_state - the one state of a host-physical page
 * @VSM_OWN_HOST_RW: the host's, readable and writable (the default)
 * @VSM_OWN_HOST_RO: the host may read and execute it, no one writes it on
 *	the host's behalf (locked kernel text and read-only data)
 * @VSM_OWN_SECURE: the secure world's; the host neither reads nor writes it
 * @VSM_OWN_IOMMU: the register pages of an IOMMU the secure world owns
 *	(Documentation/dma.rst): device memory, hidden from the host like
 *	secure pages, and never mapped for a device's DMA
 * @VSM_OWN_STATES: how many states there are
 *
 * What a device's DMA may do follows the same table: read and write
 * VSM_OWN_HOST_RW pages, only read VSM_OWN_HOST_RO ones, nothing else.
 */
enum vsm_own_state {
	VSM_OWN_HOST_RW,
	VSM_OWN_HOST_RO,
	VSM_OWN_SECURE,
	VSM_OWN_IOMMU,
	VSM_OWN_STATES,
};

/**
 * vsm_own_host_hidden() - is a page in @state kept from the host entirely?
 * @state: an enum vsm_own_state
 *
 * Return: true for secure pages and owned IOMMU registers (not in the
 * host's nested map; an access is contained).
 */
static inline bool vsm_own_host_hidden(u32 state)
{
	return state == VSM_OWN_SECURE || state == VSM_OWN_IOMMU;
}

/*
 * Ranges of pages not in the default state the table can hold: the
 * region, kernel text and rodata, and the text and read-only data of
 * approved modules, whose vmalloc pages may each be a range of their own
 * (Documentation/ownership.rst).  About 200 KiB of secure memory.
 */
#define VSM_OWN_RANGES_MAX	4096

/**
 * struct vsm_own_range - pages [start, end) in one state
 * @start: first byte, page-aligned
 * @end: end, page-aligned, above @start
 * @state: enum vsm_own_state, never VSM_OWN_HOST_RW (the default)
 */
struct vsm_own_range {
	u64 start;
	u64 end;
	u32 state;
};

/**
 * struct vsm_own_table - every page's state, as ranges
 * @nr: ranges in use
 * @cap: ranges it may use, at most VSM_OWN_RANGES_MAX (smaller only in
 *	tests, to reach a full table)
 * @gen: generation: counts the transitions that took a right away from
 *	the host (read-write to anything, read-only to hidden), so that a
 *	cache of what the host may do (shadow nested tables) can tell it is
 *	stale
 * @r: sorted, disjoint ranges; two that touch have different states;
 *	every page in none of them is VSM_OWN_HOST_RW
 * @next: scratch space a transition builds the new table in, so that a
 *	transition that fails leaves @r as it was
 */
struct vsm_own_table {
	u32 nr;
	u32 cap;
	u64 gen;
	struct vsm_own_range r[VSM_OWN_RANGES_MAX];
	struct vsm_own_range next[VSM_OWN_RANGES_MAX];
};

void vsm_own_init(struct vsm_own_table *t);
void vsm_own_init_capacity(struct vsm_own_table *t, u32 cap);
u64 vsm_own_generation(const struct vsm_own_table *t);
u32 vsm_own_state(const struct vsm_own_table *t, u64 pa);
bool vsm_own_uniform(const struct vsm_own_table *t, u64 pa, u64 len);
bool vsm_own_host_may_read(const struct vsm_own_table *t, u64 pa, u64 len);
bool vsm_own_host_may_write(const struct vsm_own_table *t, u64 pa, u64 len);
bool vsm_own_valid(const struct vsm_own_table *t);

int vsm_own_transition(struct vsm_own_table *t, u64 pa, u64 len, u32 from, u32 to);
int vsm_own_claim_secure(struct vsm_own_table *t, u64 pa, u64 len);
int vsm_own_release_secure(struct vsm_own_table *t, u64 pa, u64 len);
int vsm_own_protect(struct vsm_own_table *t, u64 pa, u64 len);
int vsm_own_unprotect(struct vsm_own_table *t, u64 pa, u64 len);
int vsm_own_claim_iommu(struct vsm_own_table *t, u64 pa, u64 len);
int vsm_own_release_iommu(struct vsm_own_table *t, u64 pa, u64 len);

#endif /* VSM_COMMON_OWN_H */
