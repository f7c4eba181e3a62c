// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libvsm: the code-integrity policy ioctls.
 */
#include <errno.h>
#include <string.h>
#include <sys/ioctl.h>

#include "libvsm.h"

/**
 * vsm_ci_policy_set() - VSM_IOC_CI_POLICY_SET: load a policy image
 * @fd: open vsm device
 * @image: the policy (as vsmctl policy scan writes it, maybe signed)
 * @len: its length
 *
 * Return: 0 or a negative errno (-EINVAL malformed, -EPERM refused).
 */
int vsm_ci_policy_set(int fd, const void *image, size_t len)
{
	struct vsm_ci_policy_io io;

	if (len > VSM_CI_POLICY_MAX)
		return -EMSGSIZE;
	memset(&io, 0, sizeof(io));
	io.hdr.size = sizeof(io);
	io.policy_ptr = (uintptr_t)image;
	io.policy_size = (uint32_t)len;
	return ioctl(fd, VSM_IOC_CI_POLICY_SET, &io) ? -errno : 0;
}

/**
 * vsm_ci_exec_scan() - VSM_IOC_CI_EXEC_SCAN: audit unapproved executable memory
 * @fd: open vsm device
 * @unapproved: out: executable kernel ranges outside approved code
 *
 * Return: 0 or a negative errno.
 */
int vsm_ci_exec_scan(int fd, uint32_t *unapproved)
{
	struct vsm_ci_exec_scan s;

	memset(&s, 0, sizeof(s));
	s.hdr.size = sizeof(s);
	if (ioctl(fd, VSM_IOC_CI_EXEC_SCAN, &s))
		return -errno;
	*unapproved = s.unapproved;
	return 0;
}

/**
 * vsm_ci_policy_get() - VSM_IOC_CI_POLICY_GET: read the policy in force
 * @fd: open vsm device
 * @buf: destination
 * @cap: its size (VSM_CI_POLICY_MAX always suffices)
 * @len: out: the policy's size, 0 if none is loaded; @buf holds it only
 *	if it is at most @cap
 *
 * Return: 0 or a negative errno.
 */
int vsm_ci_policy_get(int fd, void *buf, size_t cap, size_t *len)
{
	struct vsm_ci_policy_io io;

	memset(&io, 0, sizeof(io));
	io.hdr.size = sizeof(io);
	io.policy_ptr = (uintptr_t)buf;
	io.policy_size = cap > VSM_CI_POLICY_MAX ? VSM_CI_POLICY_MAX : (uint32_t)cap;
	if (ioctl(fd, VSM_IOC_CI_POLICY_GET, &io))
		return -errno;
	*len = io.policy_size;
	return 0;
}
