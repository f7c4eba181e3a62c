/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A few pages of pretend physical memory for the page-walk tests: a
 * struct vsm_guest_mem reader over it, and a way to write table entries.
 */
#ifndef VSM_TEST_FAKE_RAM_H
#define VSM_TEST_FAKE_RAM_H

#include <string.h>

#include "../../kmod/common/insn.h"

/**
 * struct fake_ram - pretend physical memory from address 0
 * @bytes: its contents
 * @size: its size
 */
struct fake_ram {
	u8 *bytes;
	u64 size;
};

/* vsm_guest_mem.read over a struct fake_ram (@ctx). */
static inline int fake_ram_read(void *ctx, u64 pa, void *buf, u32 len)
{
	const struct fake_ram *r = ctx;

	if (pa >= r->size || len > r->size - pa)
		return -EFAULT;
	memcpy(buf, r->bytes + pa, len);
	return 0;
}

/* Write entry @idx of the table at @table. */
static inline void fake_ram_set(const struct fake_ram *r, u64 table, unsigned int idx, u64 v)
{
	memcpy(r->bytes + table + idx * 8, &v, 8);
}

#endif /* VSM_TEST_FAKE_RAM_H */
