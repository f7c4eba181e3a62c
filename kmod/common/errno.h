/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Error numbers for the freestanding secure world: the values Linux uses,
 * because results travel back to the driver unchanged.
 */
#ifndef VSM_COMMON_ERRNO_H
#define VSM_COMMON_ERRNO_H

#define EPERM		1
#define EAGAIN		11
#define EIO		5
#define E2BIG		7
#define ENOMEM		12
#define EFAULT		14
#define EBUSY		16
#define EEXIST		17
#define EINVAL		22
#define ENOSPC		28
#define ENODEV		19
#define EDQUOT		122
#define ENOKEY		126
#define EKEYREJECTED	129
#define EACCES		13
#define ENOENT		2
#define ESHUTDOWN	108
#define EBADMSG		74
#define EOPNOTSUPP	95
#define EMSGSIZE	90
#define ETIMEDOUT	110
#define EALREADY	114

#endif /* VSM_COMMON_ERRNO_H */
