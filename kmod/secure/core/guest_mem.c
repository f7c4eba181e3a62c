// SPDX-License-Identifier: GPL-2.0
/*
 * Reading the host's memory (the guest's, from here): only host RAM
 * outside the secure region, through the secure world's 1:1 map.
 */
#include "../include/sw.h"
#include "../../common/insn.h"

static int read_host_ram(void *ctx, u64 gpa, void *buf, u32 len)
{
	if (!sw_host_ram(gpa, len))
		return -EFAULT;
	memcpy(buf, (const void *)(uintptr_t)gpa, len);
	return 0;
}

/* Host RAM, as the secure world reads it for the host. */
const struct vsm_guest_mem sw_host_mem = { .read = read_host_ram };

/**
 * sw_guest_fetch() - read bytes at a host virtual address
 * @cr3: the host's CR3
 * @rip: the address
 * @buf: destination
 * @len: bytes wanted; fewer are read if the rest is not mapped
 *
 * Return: the number of bytes read (0 if none could be).
 */
int sw_guest_fetch(u64 cr3, u64 rip, u8 *buf, u32 len)
{
	u32 first = VSM_PAGE_SIZE - (rip & VSM_PAGE_SIZE_MASK);

	if (!vsm_guest_fetch(&sw_host_mem, cr3, rip, buf, len))
		return len;
	if (first < len && !vsm_guest_fetch(&sw_host_mem, cr3, rip, buf, first))
		return first;
	return 0;
}

/**
 * sw_guest_translate() - a host virtual address to a host physical one
 * @cr3: the host's CR3
 * @va: the address
 * @gpa: the result
 *
 * Return: 0, or -EFAULT if @va is not mapped.
 */
int sw_guest_translate(u64 cr3, u64 va, u64 *gpa)
{
	return vsm_guest_translate(&sw_host_mem, cr3, va, gpa);
}
