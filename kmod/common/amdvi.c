// SPDX-License-Identifier: GPL-2.0
/*
 * The AMD-Vi I/O page table vsm gives every device: an identity map of
 * [0, end) that follows the ownership table: host read-write pages
 * readable and writable, host read-only pages only readable, secure pages
 * and IOMMU registers absent (VSM_AMDVI_ABSENT).  Each level uses the largest pages whose
 * range is uniform in the table (1 GiB, 2 MiB, 4 KiB), so a host with one
 * secure region needs a handful of table pages.
 */
#include "amdvi.h"

#define LEVEL_SHIFT(l)	(12 + 9 * ((l) - 1))

/* A page of the pool, zeroed by the caller; NULL when none is left. */
static u64 *take(struct vsm_amdvi_pages *p, u64 *pa)
{
	u64 *page;

	if (p->used == p->nr)
		return NULL;
	page = (u64 *)(p->va + (u64)p->used * VSM_PAGE_SIZE);
	*pa = p->pa + (u64)p->used * VSM_PAGE_SIZE;
	p->used++;
	return page;
}

/* The leaf for [base, base + size), all in one state. */
static u64 leaf(u32 state, u64 base)
{
	switch (state) {
	case VSM_OWN_HOST_RW:
		return base | VSM_AMDVI_PR | VSM_AMDVI_IR | VSM_AMDVI_IW;
	case VSM_OWN_HOST_RO:
		return base | VSM_AMDVI_PR | VSM_AMDVI_IR;
	default:
		return VSM_AMDVI_ABSENT;
	}
}

/* Fill the table at @level covering [base, ...); -ENOMEM if out of pages. */
static int fill(const struct vsm_own_table *t, u64 end, struct vsm_amdvi_pages *p,
		u64 *table, unsigned int level, u64 base)
{
	u64 size = 1ULL << LEVEL_SHIFT(level), pa;
	unsigned int i;
	u64 *next;
	int ret;

	for (i = 0; i < 512; i++, base += size) {
		if (base >= end) {	/* past the map: absent */
			table[i] = VSM_AMDVI_ABSENT;
			continue;
		}
		/* Pages at levels 1-3 (4 KiB, 2 MiB, 1 GiB) where uniform. */
		if (level <= 3 && base + size <= end && vsm_own_uniform(t, base, size)) {
			table[i] = leaf(vsm_own_state(t, base), base);
			continue;
		}
		if (level == 1) {	/* a 4 KiB page past end: absent */
			table[i] = VSM_AMDVI_ABSENT;
			continue;
		}
		next = take(p, &pa);
		if (!next)
			return -ENOMEM;
		ret = fill(t, end, p, next, level - 1, base);
		if (ret)
			return ret;
		table[i] = pa | VSM_AMDVI_PR | ((u64)(level - 1) << VSM_AMDVI_NEXT_SHIFT) |
			   VSM_AMDVI_IR | VSM_AMDVI_IW;
	}
	return 0;
}

/**
 * vsm_amdvi_build_iopt() - build the identity I/O page table
 * @t: the ownership table the map follows
 * @end: map [0, @end), page-aligned; addresses above are absent
 * @levels: paging levels, 3 (512 GiB) or 4 (256 TiB)
 * @p: zeroed pages to build it in
 * @root_pa: out: the physical address of the root table
 *
 * Return: 0; -EINVAL for bad @levels or an @end beyond what they cover;
 * -ENOMEM if @p has too few pages (its pages are then partly used).
 */
int vsm_amdvi_build_iopt(const struct vsm_own_table *t, u64 end, unsigned int levels,
			 struct vsm_amdvi_pages *p, u64 *root_pa)
{
	u64 *root;

	if ((levels != 3 && levels != 4) || end & VSM_PAGE_SIZE_MASK ||
	    end > (1ULL << LEVEL_SHIFT(levels + 1)))
		return -EINVAL;
	root = take(p, root_pa);
	if (!root)
		return -ENOMEM;
	return fill(t, end, p, root, levels, 0);
}

/**
 * vsm_amdvi_dte() - a device-table entry that translates through @root_pa
 * @dte: the entry's four quadwords, written whole
 * @root_pa: the I/O page table's root
 * @levels: its paging levels (never 0: mode 0 would pass DMA untranslated)
 * @domain: the domain ID the IOMMU tags its caches with
 *
 * Valid, translation valid, reads and writes allowed as the page table
 * says; no IOTLB (ATS) and no interrupt remapping.
 */
void vsm_amdvi_dte(u64 dte[4], u64 root_pa, unsigned int levels, u16 domain)
{
	dte[0] = VSM_AMDVI_DTE_V | VSM_AMDVI_DTE_TV |
		 ((u64)(levels & 7) << VSM_AMDVI_DTE_MODE_SHIFT) |
		 (root_pa & VSM_AMDVI_ADDR_MASK) | VSM_AMDVI_IR | VSM_AMDVI_IW;
	dte[1] = domain;
	dte[2] = 0;
	dte[3] = 0;
}

/**
 * vsm_amdvi_event_decode() - decode one event-log entry
 * @e: the entry's two quadwords, as the IOMMU wrote them
 * @ev: filled in
 *
 * The layout every event shares: device ID in bits 15:0, domain or PASID
 * in bits 47:32 and 31:16, flags in 59:48, the event code in 63:60 and an
 * address in the second quadword.
 */
void vsm_amdvi_event_decode(const u64 e[2], struct vsm_amdvi_event *ev)
{
	ev->code = (u32)(e[0] >> 60);
	ev->devid = (u16)e[0];
	ev->flags = (u16)((e[0] >> 48) & 0xfff);
	ev->domain = (u32)((e[0] >> 16) & 0xffff) | (u32)(((e[0] >> 32) & 0xffff) << 16);
	ev->addr = e[1];
	ev->write = ev->code == VSM_AMDVI_EV_IO_PAGE_FAULT && (ev->flags & VSM_AMDVI_EVF_RW);
}

/**
 * vsm_amdvi_cmd_wait() - COMPLETION_WAIT that stores @data at @store_pa
 * @cmd: the command's two quadwords
 * @store_pa: 8-byte aligned physical address
 * @data: the value stored once every earlier command has completed
 */
void vsm_amdvi_cmd_wait(u64 cmd[2], u64 store_pa, u64 data)
{
	cmd[0] = (store_pa & 0x000ffffffffffff8ULL) | 1 | (1ULL << 60);
	cmd[1] = data;
}

/**
 * vsm_amdvi_cmd_inval_all() - INVALIDATE_IOMMU_ALL: every cached entry
 * @cmd: the command's two quadwords
 */
void vsm_amdvi_cmd_inval_all(u64 cmd[2])
{
	cmd[0] = 8ULL << 60;
	cmd[1] = 0;
}

/**
 * vsm_amdvi_cmd_inval_dte() - INVALIDATE_DEVTAB_ENTRY of @devid
 * @cmd: the command's two quadwords
 * @devid: the device ID
 */
void vsm_amdvi_cmd_inval_dte(u64 cmd[2], u16 devid)
{
	cmd[0] = devid | (2ULL << 60);
	cmd[1] = 0;
}

/**
 * vsm_amdvi_ring_reg() - command buffer or event log base register value
 * @pa: the ring's page
 *
 * Return: the base with a length of 256 entries (one page).
 */
u64 vsm_amdvi_ring_reg(u64 pa)
{
	return (pa & VSM_AMDVI_ADDR_MASK) | ((u64)VSM_AMDVI_RING_LOG2 << 56);
}

/**
 * vsm_amdvi_devtab_reg() - device table base register value
 * @pa: the table's first page
 *
 * Return: the base with the size of a table for all 65536 device IDs.
 */
u64 vsm_amdvi_devtab_reg(u64 pa)
{
	return (pa & VSM_AMDVI_ADDR_MASK) | (VSM_AMDVI_DEVTAB_PAGES - 1);
}
