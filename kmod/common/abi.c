// SPDX-License-Identifier: GPL-2.0
/*
 * ABI argument checks shared by the driver (and later the secure world).
 * Every function here looks only at memory the caller has already copied
 * out of user space, so what is checked is what is used.
 */
#include "abi.h"

/**
 * vsm_mem_is_zero() - tell whether a buffer holds only zero bytes
 * @p: the buffer
 * @len: its length in bytes
 *
 * Return: true if all @len bytes are zero (also for @len == 0).
 */
bool vsm_mem_is_zero(const void *p, size_t len)
{
	const u8 *b = p;
	size_t i;

	for (i = 0; i < len; i++)
		if (b[i])
			return false;
	return true;
}

/**
 * vsm_check_arg_size() - check the size a caller gave for its structure
 * @size: the caller's vsm_hdr.size
 * @min_size: first published size of the structure
 *
 * Return: 0, or -EINVAL if @size is below @min_size or above
 * VSM_ARG_MAX_SIZE.
 */
int vsm_check_arg_size(u32 size, u32 min_size)
{
	if (size < min_size || size > VSM_ARG_MAX_SIZE)
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_hdr() - check the common header of an argument structure
 * @hdr: header, in memory the checker owns
 * @min_size: first published size of the structure
 * @valid_flags: flags defined for this ioctl
 *
 * Return: 0, or -EINVAL for a bad size or an undefined flag.
 */
int vsm_check_hdr(const struct vsm_hdr *hdr, u32 min_size, u32 valid_flags)
{
	int ret = vsm_check_arg_size(hdr->size, min_size);

	if (ret)
		return ret;
	if (hdr->flags & ~valid_flags)
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_info_request() - check a VSM_IOC_GET_INFO request
 * @req: the request, in memory the checker owns; bytes the caller did not
 *	supply must already be zero
 *
 * No flags are defined; the reserved fields must be zero.  The output
 * fields are ignored on input.
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_info_request(const struct vsm_info *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_INFO_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->dma || req->nested_pages || req->cpu_bytes ||
	    !vsm_mem_is_zero(req->reserved, sizeof(req->reserved)))
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_stats_request() - check a VSM_IOC_STATS request
 * @req: the request, in memory the checker owns
 *
 * No flags are defined; the reserved fields must be zero; at most
 * VSM_STATS_MAX_CPUS entries; a non-zero @nr_cpus needs a buffer.
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_stats_request(const struct vsm_stats *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_STATS_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (!vsm_mem_is_zero(req->reserved, sizeof(req->reserved)))
		return -EINVAL;
	if (req->nr_cpus > VSM_STATS_MAX_CPUS || (req->nr_cpus && !req->cpus_ptr))
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_ping_request() - check a VSM_IOC_PING request
 * @req: the request, in memory the checker owns
 *
 * Return: 0 or -EINVAL (flags, reserved fields, @value of 2^63 or more).
 */
int vsm_check_ping_request(const struct vsm_ping *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_PING_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->reserved0 || !vsm_mem_is_zero(req->reserved, sizeof(req->reserved)))
		return -EINVAL;
	if (req->value >> 63)
		return -EINVAL;
	return 0;
}

/**
 * vsm_check_lock_request() - check a VSM_IOC_LOCK request
 * @req: the request, in memory the checker owns
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_lock_request(const struct vsm_lock *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_LOCK_SIZE_VER0, 0);

	if (ret)
		return ret;
	return vsm_mem_is_zero(req->reserved, sizeof(req->reserved)) ? 0 : -EINVAL;
}

/**
 * vsm_check_audit_read_request() - check a VSM_IOC_AUDIT_READ request
 * @req: the request, in memory the checker owns
 *
 * Return: 0 or -EINVAL.
 */
int vsm_check_audit_read_request(const struct vsm_audit_read *req)
{
	int ret = vsm_check_hdr(&req->hdr, VSM_AUDIT_READ_SIZE_VER0, 0);

	if (ret)
		return ret;
	if (req->reserved0 || !vsm_mem_is_zero(req->reserved, sizeof(req->reserved)))
		return -EINVAL;
	if (!req->nr_records || req->nr_records > VSM_AUDIT_READ_MAX ||
	    !req->records_ptr)
		return -EINVAL;
	return 0;
}
