/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Fixed-width types for code shared by the Linux driver, the secure world
 * and the hosted (user-space) unit tests.  Only this header knows which of
 * the three builds it is in.
 */
#ifndef VSM_COMMON_TYPES_H
#define VSM_COMMON_TYPES_H

#ifdef __KERNEL__
#include <linux/errno.h>
#include <linux/kernel.h>
#include <linux/string.h>
#include <linux/types.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int32_t s32;
typedef int64_t s64;
#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
/* The kernel's attribute macros, for the two builds without its headers. */
#define VSM_ATTRIBUTE(a)	__attribute__(a)
#define __packed		VSM_ATTRIBUTE((packed))
#define __aligned(x)		VSM_ATTRIBUTE((aligned(x)))
#define __noreturn		VSM_ATTRIBUTE((noreturn))
#define __section(s)		VSM_ATTRIBUTE((section(s)))
#ifdef VSM_FREESTANDING
#include "errno.h"
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
#else
#include <errno.h>
#include <string.h>
#endif
#endif

#define VSM_PAGE_SIZE		4096ULL
#define VSM_PAGE_SIZE_MASK	(VSM_PAGE_SIZE - 1)

#define VSM_BIT(n)	(1U << (n))
#define VSM_BIT64(n)	(1ULL << (n))

#endif /* VSM_COMMON_TYPES_H */
