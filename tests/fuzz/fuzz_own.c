// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the page ownership table against a naive model, one state per
 * page of a small address space: every transition returns what the model
 * says (including -ENOSPC exactly when the result needs more ranges than
 * the table has), a refused one changes nothing, the table stays valid,
 * and every query agrees with the model.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/own.h"

#define PAGES	256

static struct vsm_own_table t;
static u8 model[PAGES];

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
	if (runs(next) > VSM_OWN_RANGES_MAX)
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
	size_t off;

	vsm_own_init(&t);
	memset(model, 0, sizeof(model));
	for (off = 0; off + 4 <= size; off += 4) {
		u32 first = data[off], count = data[off + 1] % (PAGES - first + 1);
		u32 from = data[off + 2] % (VSM_OWN_STATES + 1), to = data[off + 3] % VSM_OWN_STATES;
		struct vsm_own_table before = t;
		int want = model_transition(first, count, from, to);
		int got = vsm_own_transition(&t, (u64)first << 12, (u64)count << 12, from, to);

		if (got != want || !vsm_own_valid(&t) || t.nr != runs(model))
			abort();
		if (got && (t.nr != before.nr || memcmp(t.r, before.r, t.nr * sizeof(t.r[0]))))
			abort();
		if (count)
			check_queries(first, count);
	}
	return 0;
}
