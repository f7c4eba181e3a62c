/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The secure world's stand-in for <linux/types.h>, so that it can share the
 * project's own UAPI header (include/uapi/linux/vsm.h) without any Linux
 * header.  Only the fixed-width types that header uses.
 */
#ifndef VSM_SW_UAPI_LINUX_TYPES_H
#define VSM_SW_UAPI_LINUX_TYPES_H

typedef unsigned char __u8;
typedef unsigned short __u16;
typedef unsigned int __u32;
typedef unsigned long long __u64;
typedef signed int __s32;
typedef signed long long __s64;

#endif /* VSM_SW_UAPI_LINUX_TYPES_H */
