/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secure world's stand-in for <linux/ioctl.h>: the ioctl numbers of
 * the project's UAPI header expand, but the secure world never uses them.
 */
#ifndef VSM_SW_UAPI_LINUX_IOCTL_H
#define VSM_SW_UAPI_LINUX_IOCTL_H

#define _IOWR(type, nr, arg)	0

#endif /* VSM_SW_UAPI_LINUX_IOCTL_H */
