// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the page ownership table against a naive model, one state per
 * page of a small address space: every transition returns what the model
 * says (including -ENOSPC exactly when the result needs more ranges than
 * the table has; the first input byte picks a capacity of 1 to 64 ranges,
 * the rest of the array is the full-size table), a refused one changes
 * nothing, the generation grows exactly when a right is taken away, the
 * table stays valid, and every query agrees with the model.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/own.h"

#define PAGES	256

static struct vsm_own_table t;
static u8 model[PAGES];
static u32 cap;
static struct vsm_own_range before[PAGES];

/* Ranges the model's pages need: runs of one state other than the default. */
static u32 runs(const u8 *m)
{
	u32 i, n = 0;

	for (i = 0; i < PAGES; i++)
		if (m[i] != VSM_OWN_HOST_RW && (!i || m[i - 1] != m[i]))
			n++;
	return n;
}

static int model_transition(u32 first, u32 count, u32 from, u32 to)
{
	u8 next[PAGES];
	u32 i;

	if (!count || from >= VSM_OWN_STATES || to >= VSM_OWN_STATES || from == to)
		return -EINVAL;
	for (i = first; i < first + count; i++)
		if (model[i] != from)
			return -EPERM;
	memcpy(next, model, sizeof(next));
	for (i = first; i < first + count; i++)
		next[i] = (u8)to;
	if (runs(next) > cap)
		return -ENOSPC;
	memcpy(model, next, sizeof(model));
	return 0;
}

static void check_queries(u32 first, u32 count)
{
	bool read = true, write = true, same = true;
	u64 pa = (u64)first << 12, len = (u64)count << 12;
	u32 i;

	for (i = first; i < first + count; i++) {
		read &= model[i] != VSM_OWN_SECURE && model[i] != VSM_OWN_IOMMU;
		write &= model[i] == VSM_OWN_HOST_RW;
		same &= model[i] == model[first];
	}
	if (vsm_own_state(&t, pa) != model[first] ||
	    vsm_own_state(&t, pa + 4095) != model[first] ||
	    vsm_own_host_may_read(&t, pa, len) != read ||
	    vsm_own_host_may_write(&t, pa, len) != write ||
	    vsm_own_uniform(&t, pa, len) != same)
		abort();
	/* Byte granularity at the edges: one byte into the next page. */
	if (first + count < PAGES &&
	    vsm_own_host_may_write(&t, pa, len + 1) != (write && model[first + count] == 0))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t off = 1;

	if (!size)
		return 0;
	/* Capacity 65 is the full-size table (more ranges than PAGES / 2). */
	cap = 1 + data[0] % 65;
	if (cap == 65)
		vsm_own_init(&t);
	else
		vsm_own_init_capacity(&t, cap);
	cap = t.cap;
	memset(model, 0, sizeof(model));
	for (; off + 4 <= size; off += 4) {
		u32 first = data[off], count = data[off + 1] % (PAGES - first + 1);
		u32 from = data[off + 2] % (VSM_OWN_STATES + 1), to = data[off + 3] % VSM_OWN_STATES;
		u32 nr = t.nr;
		u64 gen = t.gen;
		int want, got;

		/* At most PAGES / 2 ranges in a space of PAGES pages. */
		memcpy(before, t.r, nr * sizeof(t.r[0]));
		want = model_transition(first, count, from, to);
		got = vsm_own_transition(&t, (u64)first << 12, (u64)count << 12, from, to);
		if (got != want || !vsm_own_valid(&t) || t.nr != runs(model))
			abort();
		if (got && (t.nr != nr || memcmp(t.r, before, nr * sizeof(t.r[0]))))
			abort();
		if (vsm_own_generation(&t) != gen +
		    (!got && (from == VSM_OWN_HOST_RW ||
			      (from == VSM_OWN_HOST_RO && to >= VSM_OWN_SECURE))))
			abort();
		if (count)
			check_queries(first, count);
	}
	return 0;
}
