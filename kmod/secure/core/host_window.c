// SPDX-License-Identifier: GPL-2.0
/*
 * Writing host RAM.  The secure world's own map of host RAM is 1:1 and
 * read-only (the driver builds it so, sw_host_map_check() makes sure), so
 * the hardware refuses any write for the host that did not come through
 * here: each CPU has VSM_SW_WINDOWS one-page windows, opened on a host
 * page only after the ownership table allowed the write
 * (sw_host_write_begin(), sw_check_host_buffer(), sw_check_host_span()
 * with write; or, for mediated patching of host read-only text, core/text.c's
 * own checks) and closed when the write is done.  A window is this CPU's
 * alone: opening and closing it flushes only this CPU's entry.
 */
#include "../include/sw.h"
#include "../../common/paging.h"

#define WINDOW_CLOSED	(~0ULL)

static u64 window_va(const struct vsm_sw_cpu *c, enum sw_window w)
{
	return VSM_SW_WINDOW_VA + ((u64)c->cpu * VSM_SW_WINDOWS + w) * VSM_PAGE_SIZE;
}

static void flush_one(u64 va)
{
	asm volatile("invlpg (%0)" : : "r"(va) : "memory");
}

/* The 4 KiB entry of @va in the secure world's tables, which the driver made. */
static u64 *own_pte(u64 va)
{
	u64 *table = sw_va(vsm_boot.sw_cr3);
	unsigned int level;

	for (level = VSM_PT_LEVELS; level > 1; level--) {
		u64 e = table[(va >> VSM_PT_SHIFT(level)) & 511];

		if (!(e & VSM_PTE_P) || (e & VSM_PTE_PS))
			sw_panic("no window table", va);
		table = sw_va(e & VSM_PTE_ADDR);
	}
	return &table[(va >> 12) & 511];
}

/**
 * sw_host_windows_init() - find this CPU's window entries; all closed
 * @c: this CPU
 */
void sw_host_windows_init(struct vsm_sw_cpu *c)
{
	u64 *pte;
	unsigned int w;

	if (c->window_pte)
		return;
	pte = own_pte(window_va(c, 0));
	for (w = 0; w < VSM_SW_WINDOWS; w++) {
		/* The CPU's windows are neighbours; a table ends on a slot multiple. */
		if (own_pte(window_va(c, w)) != pte + w)
			sw_panic("window entries not contiguous", w);
		pte[w] = 0;
		flush_one(window_va(c, w));
		c->window_pa[w] = WINDOW_CLOSED;
	}
	c->window_pte = (u64)(uintptr_t)pte;
}

/**
 * sw_host_window() - the secure world's writable address of host RAM at @pa
 * @c: this CPU
 * @w: which of its windows
 * @pa: host-physical address, already allowed to be written
 *
 * Maps the page of @pa in window @w (if it does not already), so writes
 * of up to the rest of that page go there.  The caller holds the right to
 * write (a writer count, or core/text.c's lock for mediated patching) and
 * closes the window with sw_host_window_close() before giving it up.
 *
 * Return: the writable address of @pa.
 */
void *sw_host_window(struct vsm_sw_cpu *c, enum sw_window w, u64 pa)
{
	u64 page = pa & ~(u64)VSM_PAGE_SIZE_MASK, va = window_va(c, w);

	if (!c->window_pte)
		sw_panic("windows not set up", c->cpu);
	if (c->window_pa[w] != page) {
		((u64 *)(uintptr_t)c->window_pte)[w] = page | VSM_PTE_P | VSM_PTE_RW | VSM_PTE_NX;
		flush_one(va);
		c->window_pa[w] = page;
	}
	return (void *)(uintptr_t)(va + (pa & VSM_PAGE_SIZE_MASK));
}

/**
 * sw_host_window_close() - nothing more is written through window @w
 * @c: this CPU
 * @w: the window
 */
void sw_host_window_close(struct vsm_sw_cpu *c, enum sw_window w)
{
	if (c->window_pa[w] == WINDOW_CLOSED)
		return;
	((u64 *)(uintptr_t)c->window_pte)[w] = 0;
	flush_one(window_va(c, w));
	c->window_pa[w] = WINDOW_CLOSED;
}

/**
 * sw_host_copy_out() - copy to host RAM the caller was allowed to write
 * @c: this CPU
 * @pa: host-physical destination (the range may cross pages)
 * @src: source
 * @len: bytes
 */
void sw_host_copy_out(struct vsm_sw_cpu *c, u64 pa, const void *src, u64 len)
{
	const u8 *s = src;

	while (len) {
		u64 room = VSM_PAGE_SIZE - (pa & VSM_PAGE_SIZE_MASK);
		u64 n = len < room ? len : room;

		memcpy(sw_host_window(c, SW_WINDOW_COPY, pa), s, n);
		pa += n;
		s += n;
		len -= n;
	}
	sw_host_window_close(c, SW_WINDOW_COPY);
}

/**
 * sw_host_store_bytes() - store bytes, each at its own host-physical address
 * @c: this CPU
 * @pa: the bytes' addresses (an emulated store's, translated one by one)
 * @data: the bytes
 * @n: how many
 */
void sw_host_store_bytes(struct vsm_sw_cpu *c, const u64 *pa, const u8 *data, u32 n)
{
	u32 i;

	for (i = 0; i < n; i++)
		*(u8 *)sw_host_window(c, SW_WINDOW_COPY, pa[i]) = data[i];
	sw_host_window_close(c, SW_WINDOW_COPY);
}

/* Every leaf below the secure world's half: not writable, not executable. */
static void check_table(const u64 *table, unsigned int level, u64 va)
{
	unsigned int i, n = level == VSM_PT_LEVELS ? VSM_SW_PML4_SLOT : 512;

	for (i = 0; i < n; i++) {
		u64 e = table[i], at = va + ((u64)i << VSM_PT_SHIFT(level));

		if (!(e & VSM_PTE_P))
			continue;
		if (level == 1 || (e & VSM_PTE_PS)) {
			if ((e & VSM_PTE_RW) || !(e & VSM_PTE_NX))
				sw_panic("host RAM writable or executable in the secure world's map",
					 at);
			continue;
		}
		check_table(sw_va(e & VSM_PTE_ADDR), level - 1, at);
	}
}

/**
 * sw_host_map_check() - the driver-built map of host RAM is read-only
 *
 * Called by the first CPU to enter, before anything is written for the
 * host; a map that lets the secure world write host RAM directly stops it.
 */
void sw_host_map_check(void)
{
	check_table(sw_va(vsm_boot.sw_cr3), VSM_PT_LEVELS, 0);
}
