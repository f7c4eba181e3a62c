// SPDX-License-Identifier: GPL-2.0
/*
 * Hypercall argument checks: a buffer the host hands to the secure world
 * must be host RAM the secure world maps, outside the secure region,
 * aligned, and within one page, so that the secure world can never be
 * made to read or write its own memory, or memory it does not map.
 */
#include "hcall.h"

/**
 * vsm_hc_host_ram() - is [pa, pa + len) host RAM outside the region?
 * @lim: the limits
 * @pa: start
 * @len: length in bytes
 *
 * Return: true if the whole range is below physmap_end, does not wrap,
 * and does not overlap the secure region.
 */
bool vsm_hc_host_ram(const struct vsm_hc_limits *lim, u64 pa, u64 len)
{
	u64 end = pa + len;

	if (end < pa || end > lim->physmap_end)
		return false;
	return end <= lim->region_pa || pa >= lim->region_pa + lim->region_size;
}

/**
 * vsm_hc_check_buffer() - check a hypercall's output buffer
 * @lim: the limits
 * @pa: host-physical address of the buffer
 * @len: bytes the secure world will write
 *
 * Return: 0; -EINVAL for an empty or larger-than-a-page buffer; -EFAULT if
 * it is misaligned, crosses a page or is not host RAM outside the region.
 */
int vsm_hc_check_buffer(const struct vsm_hc_limits *lim, u64 pa, u64 len)
{
	if (!len || len > VSM_PAGE_SIZE)
		return -EINVAL;
	if ((pa & 7) || (pa & VSM_PAGE_SIZE_MASK) + len > VSM_PAGE_SIZE)
		return -EFAULT;
	return vsm_hc_host_ram(lim, pa, len) ? 0 : -EFAULT;
}

/**
 * vsm_hc_check_span() - check a hypercall buffer that may span pages
 * @lim: the limits
 * @pa: host-physical address of the buffer (physically contiguous)
 * @len: its length
 * @max: the largest length the call accepts
 *
 * Return: 0; -EINVAL for an empty or too long buffer; -EFAULT if it is
 * misaligned or not host RAM outside the region.
 */
int vsm_hc_check_span(const struct vsm_hc_limits *lim, u64 pa, u64 len, u64 max)
{
	if (!len || len > max)
		return -EINVAL;
	if (pa & 7)
		return -EFAULT;
	return vsm_hc_host_ram(lim, pa, len) ? 0 : -EFAULT;
}
