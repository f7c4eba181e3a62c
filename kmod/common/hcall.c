// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall argument checks: a buffer the host hands to the secure world
 * must be host RAM the secure world maps, aligned, and within one page; a
 * buffer the secure world reads must be one the host may read (not the
 * secure world's), a buffer it writes one the host may write (the page
 * ownership table, own.c): so that the secure world can never be made to
 * read or write its own memory, memory it does not map, or memory the
 * host may only read, such as locked kernel text.
 */
#include "hcall.h"

/* Below the end of the host RAM map, not wrapping. */
static bool mapped(const struct vsm_hc_limits *lim, u64 pa, u64 len)
{
	u64 end = pa + len;

	return end >= pa && end <= lim->physmap_end;
}

/**
 * vsm_hc_host_ram() - may the host read [pa, pa + len), mapped host RAM?
 * @lim: the limits
 * @pa: start
 * @len: length in bytes
 *
 * Return: true if the whole range is below physmap_end, does not wrap,
 * and holds no page of the secure world's.
 */
bool vsm_hc_host_ram(const struct vsm_hc_limits *lim, u64 pa, u64 len)
{
	return mapped(lim, pa, len) && (!len || vsm_own_host_may_read(lim->own, pa, len));
}

/**
 * vsm_hc_host_writable() - may the host write [pa, pa + len)?
 * @lim: the limits
 * @pa: start
 * @len: length in bytes
 *
 * Return: true if the whole range is mapped host RAM whose every page is
 * the host's, read-write.
 */
bool vsm_hc_host_writable(const struct vsm_hc_limits *lim, u64 pa, u64 len)
{
	return mapped(lim, pa, len) && (!len || vsm_own_host_may_write(lim->own, pa, len));
}

static bool allowed(const struct vsm_hc_limits *lim, u64 pa, u64 len, bool write)
{
	return write ? vsm_hc_host_writable(lim, pa, len) : vsm_hc_host_ram(lim, pa, len);
}

/**
 * vsm_hc_check_buffer() - check a hypercall's output buffer
 * @lim: the limits
 * @pa: host-physical address of the buffer
 * @len: bytes the secure world will write
 *
 * Return: 0; -EINVAL for an empty or larger-than-a-page buffer; -EFAULT if
 * it is misaligned, crosses a page or is not host RAM the host may write.
 */
int vsm_hc_check_buffer(const struct vsm_hc_limits *lim, u64 pa, u64 len)
{
	if (!len || len > VSM_PAGE_SIZE)
		return -EINVAL;
	if ((pa & 7) || (pa & VSM_PAGE_SIZE_MASK) + len > VSM_PAGE_SIZE)
		return -EFAULT;
	return vsm_hc_host_writable(lim, pa, len) ? 0 : -EFAULT;
}

/**
 * vsm_hc_check_span() - check a hypercall buffer that may span pages
 * @lim: the limits
 * @pa: host-physical address of the buffer (physically contiguous)
 * @len: its length
 * @max: the largest length the call accepts
 * @write: the secure world writes it (else it only reads it)
 *
 * Return: 0; -EINVAL for an empty or too long buffer; -EFAULT if it is
 * misaligned, or not host RAM the host may read (may write, for @write).
 */
int vsm_hc_check_span(const struct vsm_hc_limits *lim, u64 pa, u64 len, u64 max, bool write)
{
	if (!len || len > max)
		return -EINVAL;
	if (pa & 7)
		return -EFAULT;
	return allowed(lim, pa, len, write) ? 0 : -EFAULT;
}
