/* SPDX-License-Identifier: GPL-2.0 */
/*
 * AMD-Vi structures the secure world will own (Documentation/dma.rst):
 * the I/O page table every device translates through (host memory 1:1 as
 * the ownership table allows it) and the device-table entry pointing to
 * it.  Pure, so it is unit-tested in the hosted build.
 */
#ifndef VSM_COMMON_AMDVI_H
#define VSM_COMMON_AMDVI_H

#include "own.h"
#include "types.h"

/* I/O page-table entry bits (AMD IOMMU specification, "I/O Page Tables"). */
#define VSM_AMDVI_PR		(1ULL << 0)	/* present */
#define VSM_AMDVI_NEXT_SHIFT	9		/* next level; 0 in a page */
#define VSM_AMDVI_NEXT_MASK	(7ULL << VSM_AMDVI_NEXT_SHIFT)
#define VSM_AMDVI_ADDR_MASK	0x000ffffffffff000ULL
#define VSM_AMDVI_IR		(1ULL << 61)	/* device may read */
#define VSM_AMDVI_IW		(1ULL << 62)	/* device may write */

/*
 * What an absent page's entry holds: not present (the IOMMU ignores every
 * other bit of an entry whose PR bit is clear), with a next-level field of
 * 1.  QEMU 7.2's walk logs IO_PAGE_FAULT only for a non-present entry it
 * would have descended through; for an all-zero leaf it fails the access
 * without an event (Documentation/testing.rst).
 */
#define VSM_AMDVI_ABSENT	(1ULL << VSM_AMDVI_NEXT_SHIFT)

/* Device-table entry, first quadword. */
#define VSM_AMDVI_DTE_V		(1ULL << 0)	/* entry valid */
#define VSM_AMDVI_DTE_TV	(1ULL << 1)	/* translation information valid */
#define VSM_AMDVI_DTE_MODE_SHIFT 9		/* paging levels; 0 = no translation */

/* MMIO registers (AMD IOMMU specification, "MMIO Registers"). */
#define VSM_AMDVI_MMIO_SIZE	0x4000	/* 16 KiB, 16 KiB aligned */
#define VSM_AMDVI_DEVTAB	0x0000	/* device table base | size in pages - 1 */
#define VSM_AMDVI_CMDBUF	0x0008	/* command buffer base | log2 entries << 56 */
#define VSM_AMDVI_EVTLOG	0x0010	/* event log base | log2 entries << 56 */
#define VSM_AMDVI_CONTROL	0x0018
#define VSM_AMDVI_EXT_FEATURES	0x0030
#define VSM_AMDVI_CMD_HEAD	0x2000
#define VSM_AMDVI_CMD_TAIL	0x2008
#define VSM_AMDVI_EVT_HEAD	0x2010
#define VSM_AMDVI_EVT_TAIL	0x2018
#define VSM_AMDVI_STATUS	0x2020

#define VSM_AMDVI_CTL_EN	(1ULL << 0)	/* IommuEn: translation on */
#define VSM_AMDVI_CTL_EVTLOG	(1ULL << 2)	/* EventLogEn */
#define VSM_AMDVI_CTL_COHERENT	(1ULL << 10)	/* table walks snoop caches */
#define VSM_AMDVI_CTL_CMDBUF	(1ULL << 12)	/* CmdBufEn */
#define VSM_AMDVI_FEAT_IA	(1ULL << 6)	/* INVALIDATE_IOMMU_ALL supported */
#define VSM_AMDVI_ST_EVT_OVF	(1ULL << 0)	/* event log overflowed (W1C) */
#define VSM_AMDVI_ST_W1C	0x7ULL		/* overflow, event and wait interrupts */

/* Device IDs (bus << 8 | devfn) of one PCI segment: a full device table. */
#define VSM_AMDVI_DEVICES	65536
#define VSM_AMDVI_DTE_SIZE	32
#define VSM_AMDVI_DEVTAB_PAGES	(VSM_AMDVI_DEVICES * VSM_AMDVI_DTE_SIZE / VSM_PAGE_SIZE)
/* Command buffer and event log: one page each, 256 entries of 16 bytes. */
#define VSM_AMDVI_RING_LOG2	8
#define VSM_AMDVI_RING_BYTES	4096
#define VSM_AMDVI_ENTRY_BYTES	16
/* I/O page-table pages of one identity map (two: rebuilt at the lock). */
#define VSM_AMDVI_IOPT_PAGES	64

/*
 * The secure memory an owned IOMMU takes, in pages, from the start of the
 * area the driver reserves in the region: device table, command buffer,
 * event log, the completion-wait word, two I/O page-table pools.
 */
#define VSM_AMDVI_AREA_DEVTAB	0
#define VSM_AMDVI_AREA_CMDBUF	VSM_AMDVI_DEVTAB_PAGES
#define VSM_AMDVI_AREA_EVTLOG	(VSM_AMDVI_AREA_CMDBUF + 1)
#define VSM_AMDVI_AREA_WAIT	(VSM_AMDVI_AREA_EVTLOG + 1)
#define VSM_AMDVI_AREA_IOPT	(VSM_AMDVI_AREA_WAIT + 1)
#define VSM_AMDVI_AREA_PAGES	(VSM_AMDVI_AREA_IOPT + 2 * VSM_AMDVI_IOPT_PAGES)

/* vsm_info.dma values (VSM_DMA_*, include/uapi/linux/vsm.h) it records. */
#define VSM_AMDVI_DMA_PROTECTED	1
#define VSM_AMDVI_DMA_IDLE	4

/* Event codes (event log entry, bits 63:60) the secure world names. */
#define VSM_AMDVI_EV_ILLEGAL_DTE	0x1
#define VSM_AMDVI_EV_IO_PAGE_FAULT	0x2
#define VSM_AMDVI_EV_DEV_TAB_HW_ERROR	0x3
#define VSM_AMDVI_EV_PAGE_TAB_HW_ERROR	0x4
/* IO_PAGE_FAULT flags (bits 59:48 of the entry, here shifted to bit 0). */
#define VSM_AMDVI_EVF_PR	(1U << 4)	/* the page was present */
#define VSM_AMDVI_EVF_RW	(1U << 5)	/* the access was a write */

/**
 * struct vsm_amdvi_event - one event-log entry, decoded
 * @code: VSM_AMDVI_EV_*, 0 for an entry not yet written
 * @devid: the requesting device (bus << 8 | devfn)
 * @flags: the entry's flag bits 59:48, shifted to bit 0
 * @domain: domain or PASID bits the entry carries (bits 47:32 | 31:16)
 * @addr: the address the event is about (the device's address for a page
 *	fault, a table entry's for a hardware error)
 * @write: an IO_PAGE_FAULT of a write (the RW flag)
 */
struct vsm_amdvi_event {
	u32 code;
	u16 devid;
	u16 flags;
	u32 domain;
	u64 addr;
	bool write;
};

/**
 * struct vsm_amdvi_pages - where the I/O page table's pages come from
 * @va: @nr zeroed pages, contiguous, as the builder writes them
 * @pa: the physical (device) address of @va's first page
 * @nr: pages available
 * @used: pages taken so far
 */
struct vsm_amdvi_pages {
	u8 *va;
	u64 pa;
	u32 nr;
	u32 used;
};

int vsm_amdvi_build_iopt(const struct vsm_own_table *t, u64 end, unsigned int levels,
			 struct vsm_amdvi_pages *p, u64 *root_pa);
void vsm_amdvi_dte(u64 dte[4], u64 root_pa, unsigned int levels, u16 domain);
void vsm_amdvi_event_decode(const u64 e[2], struct vsm_amdvi_event *ev);
void vsm_amdvi_cmd_wait(u64 cmd[2], u64 store_pa, u64 data);
void vsm_amdvi_cmd_inval_all(u64 cmd[2]);
void vsm_amdvi_cmd_inval_dte(u64 cmd[2], u16 devid);
u64 vsm_amdvi_ring_reg(u64 pa);
u64 vsm_amdvi_devtab_reg(u64 pa);

#endif /* VSM_COMMON_AMDVI_H */
