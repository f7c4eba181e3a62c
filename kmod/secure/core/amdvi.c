// SPDX-License-Identifier: GPL-2.0
/*
 * The AMD-Vi IOMMU the secure world owns (Documentation/dma.rst): one
 * unit the host left off (amd_iommu=off, or no driver bound), found by the
 * driver and named in the boot parameters.  At VSM_DMA_OP_TAKE the secure
 * world checks it, claims its register pages in the ownership table (the
 * nested map already leaves them out, so a host access is contained like
 * one to secure memory), and builds everything the IOMMU walks in secure
 * memory: a device table for all 65536 device IDs, each entry translating
 * through one identity I/O page table built from the ownership table, a
 * command buffer and an event log.  The lock rebuilds the page table, so
 * that locked kernel memory becomes read-only for devices too.
 *
 * Faults are polled from the event log at every hypercall and become
 * audit records.  VSM_DMA_OP_RELEASE (unload, before the lock) writes the
 * registers back as the host left them.
 */
#include "../include/sw.h"
#include "../../common/amdvi.h"

/* Spins of a completion wait before the IOMMU counts as stuck. */
#define WAIT_SPINS	10000000UL

/* The registers VSM_DMA_OP_RELEASE puts back, in the order it writes them. */
static const u32 saved_regs[] = {
	VSM_AMDVI_CONTROL, VSM_AMDVI_DEVTAB, VSM_AMDVI_CMDBUF, VSM_AMDVI_EVTLOG,
	VSM_AMDVI_CMD_HEAD, VSM_AMDVI_CMD_TAIL, VSM_AMDVI_EVT_HEAD, VSM_AMDVI_EVT_TAIL,
};

static struct {
	u32 lock;
	bool owned;
	u64 saved[ARRAY_SIZE(saved_regs)];
	u64 cmd_tail;
	u64 evt_head;
	u64 wait_seq;
	u64 features;
	unsigned int levels;
	unsigned int pool;	/* which I/O page-table pool is live */
} sw_amdvi;

static u64 rd(u32 off)
{
	/* A relaxed atomic access: one 8-byte load the compiler keeps. */
	return __atomic_load_n((u64 *)(uintptr_t)(VSM_SW_IOMMU_VA + off), __ATOMIC_RELAXED);
}

static void wr(u32 off, u64 v)
{
	__atomic_store_n((u64 *)(uintptr_t)(VSM_SW_IOMMU_VA + off), v, __ATOMIC_RELAXED);
}

static u64 area_pa(unsigned int page)
{
	return vsm_boot.amdvi_area + (u64)page * VSM_PAGE_SIZE;
}

/* Queue one command; the caller waits for completion. */
static void submit(const u64 cmd[2])
{
	u64 *slot = (u64 *)sw_va(area_pa(VSM_AMDVI_AREA_CMDBUF) + sw_amdvi.cmd_tail);

	/* Never overrun the head: at most one ring's worth in flight. */
	while (((sw_amdvi.cmd_tail + VSM_AMDVI_ENTRY_BYTES) % VSM_AMDVI_RING_BYTES) ==
	       (rd(VSM_AMDVI_CMD_HEAD) & (VSM_AMDVI_RING_BYTES - 1)))
		asm volatile("pause");
	slot[0] = cmd[0];
	slot[1] = cmd[1];
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	sw_amdvi.cmd_tail = (sw_amdvi.cmd_tail + VSM_AMDVI_ENTRY_BYTES) % VSM_AMDVI_RING_BYTES;
	wr(VSM_AMDVI_CMD_TAIL, sw_amdvi.cmd_tail);
}

/* COMPLETION_WAIT: 0 once every earlier command is done, -ETIMEDOUT. */
static int wait_done(void)
{
	u64 *word = (u64 *)sw_va(area_pa(VSM_AMDVI_AREA_WAIT));
	u64 cmd[2], seq = ++sw_amdvi.wait_seq;
	unsigned long spins;

	vsm_amdvi_cmd_wait(cmd, area_pa(VSM_AMDVI_AREA_WAIT), seq);
	submit(cmd);
	for (spins = 0; spins < WAIT_SPINS; spins++) {
		if (__atomic_load_n(word, __ATOMIC_ACQUIRE) == seq)
			return 0;
		asm volatile("pause");
	}
	return -ETIMEDOUT;
}

/* Drop every cached device-table entry and translation. */
static int invalidate_all(void)
{
	u64 cmd[2];
	u32 id;

	if (sw_amdvi.features & VSM_AMDVI_FEAT_IA) {
		vsm_amdvi_cmd_inval_all(cmd);
		submit(cmd);
		return wait_done();
	}
	/* No INVALIDATE_IOMMU_ALL: every entry, then the domain's pages. */
	for (id = 0; id < VSM_AMDVI_DEVICES; id++) {
		vsm_amdvi_cmd_inval_dte(cmd, (u16)id);
		submit(cmd);
	}
	/* INVALIDATE_IOMMU_PAGES, domain 1, all addresses (S = 1, PDE = 1). */
	cmd[0] = (1ULL << 32) | (3ULL << 60);
	cmd[1] = 0x7ffffffffffff000ULL | 3;
	submit(cmd);
	return wait_done();
}

/* Build the identity map into pool @pool and point every device at it. */
static int install_iopt(unsigned int pool)
{
	u64 pa = area_pa(VSM_AMDVI_AREA_IOPT + pool * VSM_AMDVI_IOPT_PAGES), root, dte[4];
	struct vsm_amdvi_pages p = {
		.va = sw_va(pa), .pa = pa, .nr = VSM_AMDVI_IOPT_PAGES,
	};
	u64 *devtab = sw_va(area_pa(VSM_AMDVI_AREA_DEVTAB));
	u32 id;
	int ret;

	memset(p.va, 0, (u64)VSM_AMDVI_IOPT_PAGES * VSM_PAGE_SIZE);
	ret = sw_own_build_iopt(vsm_boot.physmap_end, sw_amdvi.levels, &p, &root);
	if (ret)
		return ret;
	vsm_amdvi_dte(dte, root, sw_amdvi.levels, 1);
	for (id = 0; id < VSM_AMDVI_DEVICES; id++) {
		u64 *e = devtab + (u64)id * 4;

		/* Quadword 0 last: it holds V, TV and the root. */
		e[1] = dte[1];
		e[2] = dte[2];
		e[3] = dte[3];
		__atomic_store_n(&e[0], dte[0], __ATOMIC_RELEASE);
	}
	sw_amdvi.pool = pool;
	return 0;
}

/* Checks of the unit the driver named, before anything is written. */
static int check_unit(void)
{
	u64 mmio = vsm_boot.amdvi_mmio, area = vsm_boot.amdvi_area, off;
	u64 area_end = area + (u64)VSM_AMDVI_AREA_PAGES * VSM_PAGE_SIZE;
	u64 *pte;

	if (vsm_boot.vendor != VSM_SW_VENDOR_AMD || !mmio ||
	    mmio & (VSM_AMDVI_MMIO_SIZE - 1) || mmio >= (1ULL << 52))
		return -ENODEV;
	if (area & VSM_PAGE_SIZE_MASK || area < vsm_boot.region_pa || area_end < area ||
	    area_end > vsm_boot.region_pa + vsm_boot.region_size)
		return -EINVAL;
	if (vsm_boot.physmap_end > (1ULL << 39) * 512)
		return -E2BIG;
	/* The nested map must already leave the registers out. */
	for (off = 0; off < VSM_AMDVI_MMIO_SIZE; off += VSM_PAGE_SIZE) {
		pte = sw_npt_entry(mmio + off);
		if (!pte || *pte)
			return -EINVAL;
	}
	return 0;
}

static int take(struct vsm_sw_cpu *c)
{
	u64 ctl;
	unsigned int i;
	int ret;

	if (sw_amdvi.owned)
		return -EALREADY;
	if (sw_locked())
		return -EPERM;
	ret = check_unit();
	if (ret)
		return ret;
	ret = sw_own_claim_iommu(vsm_boot.amdvi_mmio, VSM_AMDVI_MMIO_SIZE);
	if (ret)
		return ret;
	sw_amdvi.features = rd(VSM_AMDVI_EXT_FEATURES);
	ctl = rd(VSM_AMDVI_CONTROL);
	/* Not an AMD-Vi unit that is off: give the pages back, change nothing. */
	if (sw_amdvi.features == ~0ULL || ctl & (VSM_AMDVI_CTL_EN | VSM_AMDVI_CTL_CMDBUF |
						 VSM_AMDVI_CTL_EVTLOG)) {
		sw_own_release_iommu(vsm_boot.amdvi_mmio, VSM_AMDVI_MMIO_SIZE);
		return -EBUSY;
	}
	for (i = 0; i < ARRAY_SIZE(saved_regs); i++)
		sw_amdvi.saved[i] = rd(saved_regs[i]);
	sw_amdvi.levels = vsm_boot.physmap_end <= (1ULL << 39) ? 3 : 4;
	ret = install_iopt(0);
	if (ret) {
		sw_own_release_iommu(vsm_boot.amdvi_mmio, VSM_AMDVI_MMIO_SIZE);
		return ret;
	}
	memset(sw_va(area_pa(VSM_AMDVI_AREA_CMDBUF)), 0, 3 * VSM_PAGE_SIZE);
	wr(VSM_AMDVI_DEVTAB, vsm_amdvi_devtab_reg(area_pa(VSM_AMDVI_AREA_DEVTAB)));
	wr(VSM_AMDVI_CMDBUF, vsm_amdvi_ring_reg(area_pa(VSM_AMDVI_AREA_CMDBUF)));
	wr(VSM_AMDVI_EVTLOG, vsm_amdvi_ring_reg(area_pa(VSM_AMDVI_AREA_EVTLOG)));
	wr(VSM_AMDVI_CMD_HEAD, 0);
	wr(VSM_AMDVI_CMD_TAIL, 0);
	wr(VSM_AMDVI_EVT_HEAD, 0);
	wr(VSM_AMDVI_EVT_TAIL, 0);
	wr(VSM_AMDVI_STATUS, VSM_AMDVI_ST_W1C);
	sw_amdvi.cmd_tail = 0;
	sw_amdvi.evt_head = 0;
	wr(VSM_AMDVI_CONTROL, ctl | VSM_AMDVI_CTL_COHERENT | VSM_AMDVI_CTL_CMDBUF |
	   VSM_AMDVI_CTL_EVTLOG | VSM_AMDVI_CTL_EN);
	sw_amdvi.owned = true;
	/* Whatever the unit cached before it was ours goes. */
	ret = invalidate_all();
	sw_audit(c, VSM_AEV_DMA, VSM_AMDVI_DMA_PROTECTED, vsm_boot.amdvi_mmio, (u64)ret);
	return 0;
}

/* The event log's new entries as audit records; sw_amdvi.lock held. */
static void poll_locked(struct vsm_sw_cpu *c)
{
	struct vsm_amdvi_event ev;
	u64 tail, *e;

	tail = rd(VSM_AMDVI_EVT_TAIL) & (VSM_AMDVI_RING_BYTES - 1);
	while (sw_amdvi.owned && sw_amdvi.evt_head != tail) {
		e = sw_va(area_pa(VSM_AMDVI_AREA_EVTLOG) + sw_amdvi.evt_head);
		vsm_amdvi_event_decode(e, &ev);
		sw_audit(c, VSM_AEV_DMA_FAULT,
			 ev.devid | (u64)ev.code << 16 | (u64)ev.flags << 32,
			 ev.addr, ev.write);
		e[0] = 0;
		e[1] = 0;
		sw_amdvi.evt_head = (sw_amdvi.evt_head + VSM_AMDVI_ENTRY_BYTES) %
				    VSM_AMDVI_RING_BYTES;
		wr(VSM_AMDVI_EVT_HEAD, sw_amdvi.evt_head);
	}
	if (sw_amdvi.owned && rd(VSM_AMDVI_STATUS) & VSM_AMDVI_ST_EVT_OVF) {
		u64 ctl = rd(VSM_AMDVI_CONTROL);

		/* Lost events: say so, and restart the log empty. */
		sw_audit(c, VSM_AEV_DMA_FAULT, 0xffffULL << 16, 0, 0);
		wr(VSM_AMDVI_CONTROL, ctl & ~VSM_AMDVI_CTL_EVTLOG);
		wr(VSM_AMDVI_STATUS, VSM_AMDVI_ST_EVT_OVF);
		wr(VSM_AMDVI_EVT_HEAD, 0);
		wr(VSM_AMDVI_EVT_TAIL, 0);
		sw_amdvi.evt_head = 0;
		wr(VSM_AMDVI_CONTROL, ctl);
	}
}

/* Unload, before the lock: every register as the host left it. */
static int release(struct vsm_sw_cpu *c)
{
	unsigned int i;
	int ret = 0;

	if (!sw_amdvi.owned)
		return -ENODEV;
	if (sw_locked())
		return -EPERM;
	/* Faults up to now are audited first. */
	poll_locked(c);
	wait_done();
	for (i = 0; i < ARRAY_SIZE(saved_regs); i++)
		wr(saved_regs[i], sw_amdvi.saved[i]);
	wr(VSM_AMDVI_STATUS, VSM_AMDVI_ST_W1C);
	for (i = 0; i < ARRAY_SIZE(saved_regs); i++)
		if (rd(saved_regs[i]) != sw_amdvi.saved[i])
			ret = -EIO;
	sw_amdvi.owned = false;
	/* Until the CPUs leave, the pages stay out of the nested map. */
	sw_audit(c, VSM_AEV_DMA, VSM_AMDVI_DMA_IDLE, vsm_boot.amdvi_mmio, (u64)ret);
	return ret;
}

/**
 * sw_amdvi_poll() - turn new event-log entries into audit records
 * @c: the CPU that polls (at every hypercall)
 *
 * An IO_PAGE_FAULT is a device's attempt on memory its map leaves out
 * (secure memory, IOMMU registers) or a write to read-only memory: the
 * record names the device, the address and the direction.  Other events
 * are recorded with their code.  An overflowed log is reset.
 */
void sw_amdvi_poll(struct vsm_sw_cpu *c)
{
	if (!__atomic_load_n(&sw_amdvi.owned, __ATOMIC_ACQUIRE))
		return;
	sw_spin_lock(&sw_amdvi.lock);
	poll_locked(c);
	sw_spin_unlock(&sw_amdvi.lock);
}

/**
 * sw_amdvi_lock() - at the lock: locked kernel memory read-only for devices
 * @c: the locking CPU
 *
 * The ownership table changed (kernel text and read-only data are host
 * read-only): the I/O page table is rebuilt in the other pool, every
 * device switched to it, and the IOMMU's caches dropped.
 */
void sw_amdvi_lock(struct vsm_sw_cpu *c)
{
	int ret;

	if (!__atomic_load_n(&sw_amdvi.owned, __ATOMIC_ACQUIRE))
		return;
	sw_spin_lock(&sw_amdvi.lock);
	ret = install_iopt(!sw_amdvi.pool);
	if (!ret)
		ret = invalidate_all();
	sw_spin_unlock(&sw_amdvi.lock);
	sw_audit(c, VSM_AEV_DMA, VSM_AMDVI_DMA_PROTECTED, vsm_boot.amdvi_mmio, (u64)ret);
}

/**
 * sw_amdvi_call() - VSM_HC_DMA
 * @c: the calling CPU
 * @op: VSM_DMA_OP_*
 * @a1: unused
 * @a2: unused
 *
 * Return: 0; -ENODEV (no unit named, or none owned), -EINVAL (a bad area
 * or registers the nested map still shows), -EPERM (locked, or the pages
 * are not the host's read-write memory), -EBUSY (the unit is on, or does
 * not answer), -EALREADY, -ENOMEM, -EIO (RELEASE: a register did not read
 * back as the host left it).
 */
s64 sw_amdvi_call(struct vsm_sw_cpu *c, u64 op, u64 a1, u64 a2)
{
	int ret;

	if (op != VSM_DMA_OP_TAKE && op != VSM_DMA_OP_RELEASE)
		return -EINVAL;
	/* One lock for both: a release must not race a poll or the lock's rebuild. */
	sw_spin_lock(&sw_amdvi.lock);
	ret = op == VSM_DMA_OP_RELEASE ? release(c) : take(c);
	sw_spin_unlock(&sw_amdvi.lock);
	return ret;
}
