// SPDX-License-Identifier: GPL-2.0
/*
 * Page ownership as ranges: a bounded, sorted array of the ranges whose
 * pages are not in the default state (the host's, read-write), so that a
 * table of a few hundred kilobytes describes terabytes of RAM and every
 * query is a binary search.  A state changes
 * only through a named transition, which checks that every page of the
 * range is in the state the transition starts from, and either changes
 * the whole range or, with a specific error, nothing.
 */
#include "own.h"

/**
 * vsm_own_init() - every page the host's, read-write
 * @t: the table
 */
void vsm_own_init(struct vsm_own_table *t)
{
	vsm_own_init_capacity(t, VSM_OWN_RANGES_MAX);
}

/**
 * vsm_own_init_capacity() - every page read-write, in a table of @cap ranges
 * @t: the table
 * @cap: ranges it may hold (1 to VSM_OWN_RANGES_MAX; clamped)
 */
void vsm_own_init_capacity(struct vsm_own_table *t, u32 cap)
{
	t->nr = 0;
	t->gen = 0;
	t->cap = cap < 1 ? 1 : cap > VSM_OWN_RANGES_MAX ? VSM_OWN_RANGES_MAX : cap;
}

/**
 * vsm_own_generation() - how many transitions took a right from the host
 * @t: the table
 *
 * Return: a number that grows with every transition from read-write, and
 * from read-only to a hidden state; a cache built at one generation is
 * stale at a higher one.
 */
u64 vsm_own_generation(const struct vsm_own_table *t)
{
	return t->gen;
}

/* The first range that ends above @pa (t->nr if none). */
static u32 first_above(const struct vsm_own_table *t, u64 pa)
{
	u32 lo = 0, hi = t->nr;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (t->r[mid].end <= pa)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* [pa, pa + len) as [pa, *end); false if empty or wrapping. */
static bool span(u64 pa, u64 len, u64 *end)
{
	*end = pa + len;
	return len && *end > pa;
}

static bool overlaps(const struct vsm_own_range *r, u64 pa, u64 end)
{
	return r->start < end && pa < r->end;
}

/**
 * vsm_own_state() - the state of the page holding @pa
 * @t: the table
 * @pa: a host-physical address
 *
 * Return: an enum vsm_own_state.
 */
u32 vsm_own_state(const struct vsm_own_table *t, u64 pa)
{
	u32 i = first_above(t, pa);

	return i < t->nr && t->r[i].start <= pa ? t->r[i].state : VSM_OWN_HOST_RW;
}

/* Is every page of [pa, end) in @state? */
static bool all_in(const struct vsm_own_table *t, u64 pa, u64 end, u32 state)
{
	u32 i = first_above(t, pa);
	const struct vsm_own_range *r = &t->r[i];

	if (i == t->nr || !overlaps(r, pa, end))
		return state == VSM_OWN_HOST_RW;
	/* Ranges that touch differ: one range holds a run of a state. */
	return state == r->state && r->start <= pa && end <= r->end;
}

/**
 * vsm_own_uniform() - are all pages of [pa, pa + len) in one state?
 * @t: the table
 * @pa: start
 * @len: length in bytes
 *
 * Return: true if so; false for an empty or wrapping range.
 */
bool vsm_own_uniform(const struct vsm_own_table *t, u64 pa, u64 len)
{
	u64 end;

	return span(pa, len, &end) && all_in(t, pa, end, vsm_own_state(t, pa));
}

/**
 * vsm_own_host_may_read() - may the host read all of [pa, pa + len)?
 * @t: the table
 * @pa: start
 * @len: length in bytes
 *
 * Return: true if no byte is hidden from the host (vsm_own_host_hidden());
 * false for an empty or wrapping range.
 */
bool vsm_own_host_may_read(const struct vsm_own_table *t, u64 pa, u64 len)
{
	u64 end;
	u32 i;

	if (!span(pa, len, &end))
		return false;
	for (i = first_above(t, pa); i < t->nr && t->r[i].start < end; i++)
		if (vsm_own_host_hidden(t->r[i].state))
			return false;
	return true;
}

/**
 * vsm_own_host_may_write() - may the host write all of [pa, pa + len)?
 * @t: the table
 * @pa: start
 * @len: length in bytes
 *
 * The secure world writes host memory on the host's behalf only where this
 * holds: it never writes where the host could not.
 *
 * Return: true if every byte is VSM_OWN_HOST_RW; false for an empty or
 * wrapping range.
 */
bool vsm_own_host_may_write(const struct vsm_own_table *t, u64 pa, u64 len)
{
	u64 end;

	return span(pa, len, &end) && all_in(t, pa, end, VSM_OWN_HOST_RW);
}

/**
 * vsm_own_valid() - does the table keep its invariants?
 * @t: the table
 *
 * Return: true if its ranges are page-aligned, non-empty, sorted, disjoint,
 * not in the default state, and any two that touch differ in state.
 */
bool vsm_own_valid(const struct vsm_own_table *t)
{
	u32 i;

	if (t->cap > VSM_OWN_RANGES_MAX || t->nr > t->cap)
		return false;
	for (i = 0; i < t->nr; i++) {
		const struct vsm_own_range *r = &t->r[i];

		if ((r->start | r->end) & VSM_PAGE_SIZE_MASK || r->start >= r->end ||
		    r->state == VSM_OWN_HOST_RW || r->state >= VSM_OWN_STATES)
			return false;
		if (i && (t->r[i - 1].end > r->start ||
			  (t->r[i - 1].end == r->start && t->r[i - 1].state == r->state)))
			return false;
	}
	return true;
}

/* Append [start, end) in @state to the new table, merging with the last. */
static bool emit(struct vsm_own_table *t, u32 *n, u64 start, u64 end, u32 state)
{
	struct vsm_own_range *last = *n ? &t->next[*n - 1] : NULL;

	if (start >= end || state == VSM_OWN_HOST_RW)
		return true;
	if (last && last->end == start && last->state == state) {
		last->end = end;
		return true;
	}
	if (*n == t->cap)
		return false;
	t->next[*n].start = start;
	t->next[*n].end = end;
	t->next[*n].state = state;
	(*n)++;
	return true;
}

/**
 * vsm_own_transition() - move the pages of [pa, pa + len) from one state
 *	to another
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 * @from: the state every page must be in now
 * @to: the state they will be in
 *
 * The named transitions below are the ones the secure world uses.
 *
 * Return: 0; -EINVAL for an empty, unaligned or wrapping range, an unknown
 * state or @from equal to @to; -EPERM if a page is not in @from; -ENOSPC if
 * the table has no room for the ranges the result needs.  On error the
 * table is unchanged.
 */
int vsm_own_transition(struct vsm_own_table *t, u64 pa, u64 len, u32 from, u32 to)
{
	u64 end;
	u32 i, n = 0;
	bool ok = true;

	if (!span(pa, len, &end) || ((pa | len) & VSM_PAGE_SIZE_MASK) ||
	    from >= VSM_OWN_STATES || to >= VSM_OWN_STATES || from == to)
		return -EINVAL;
	if (!all_in(t, pa, end, from))
		return -EPERM;
	/* In address order: what lies below pa, the new range, what lies above. */
	for (i = 0; i < t->nr && ok; i++)
		ok = emit(t, &n, t->r[i].start,
			  t->r[i].end < pa ? t->r[i].end : pa, t->r[i].state);
	ok = ok && emit(t, &n, pa, end, to);
	for (i = 0; i < t->nr && ok; i++)
		ok = emit(t, &n, t->r[i].start > end ? t->r[i].start : end,
			  t->r[i].end, t->r[i].state);
	if (!ok)
		return -ENOSPC;
	memcpy(t->r, t->next, n * sizeof(t->r[0]));
	t->nr = n;
	if (from == VSM_OWN_HOST_RW || (from == VSM_OWN_HOST_RO && vsm_own_host_hidden(to)))
		t->gen++;
	return 0;
}

/**
 * vsm_own_claim_secure() - host read-write pages become the secure world's
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int vsm_own_claim_secure(struct vsm_own_table *t, u64 pa, u64 len)
{
	return vsm_own_transition(t, pa, len, VSM_OWN_HOST_RW, VSM_OWN_SECURE);
}

/**
 * vsm_own_release_secure() - secure pages (wiped) return to the host
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int vsm_own_release_secure(struct vsm_own_table *t, u64 pa, u64 len)
{
	return vsm_own_transition(t, pa, len, VSM_OWN_SECURE, VSM_OWN_HOST_RW);
}

/**
 * vsm_own_protect() - host read-write pages become host read-only
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int vsm_own_protect(struct vsm_own_table *t, u64 pa, u64 len)
{
	return vsm_own_transition(t, pa, len, VSM_OWN_HOST_RW, VSM_OWN_HOST_RO);
}

/**
 * vsm_own_unprotect() - host read-only pages become read-write again
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int vsm_own_unprotect(struct vsm_own_table *t, u64 pa, u64 len)
{
	return vsm_own_transition(t, pa, len, VSM_OWN_HOST_RO, VSM_OWN_HOST_RW);
}

/**
 * vsm_own_claim_iommu() - an IOMMU's register pages become the secure
 *	world's to program
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Only from VSM_OWN_HOST_RW: registers inside the secure region or in
 * protected kernel memory are refused (-EPERM), so a lying IVRS cannot
 * turn secure memory into "device registers".
 *
 * Return: as vsm_own_transition().
 */
int vsm_own_claim_iommu(struct vsm_own_table *t, u64 pa, u64 len)
{
	return vsm_own_transition(t, pa, len, VSM_OWN_HOST_RW, VSM_OWN_IOMMU);
}

/**
 * vsm_own_release_iommu() - the IOMMU's registers return to the host
 *	(after the secure world restored them as the host left them)
 * @t: the table
 * @pa: start, page-aligned
 * @len: length, page-aligned
 *
 * Return: as vsm_own_transition().
 */
int vsm_own_release_iommu(struct vsm_own_table *t, u64 pa, u64 len)
{
	return vsm_own_transition(t, pa, len, VSM_OWN_IOMMU, VSM_OWN_HOST_RW);
}
