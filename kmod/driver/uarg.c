// SPDX-License-Identifier: GPL-2.0
/*
 * Copying extensible ioctl argument structures in and out.  The size the
 * caller announces is read once, checked, and then forced into the kernel
 * copy, so a racing user thread cannot make the checked and the used size
 * differ.
 */
#include <linux/minmax.h>
#include <linux/uaccess.h>

#include "vsm.h"
#include "../common/abi.h"

/**
 * vsm_copy_arg_from_user() - copy an argument structure into the kernel
 * @karg: kernel structure of @ksize bytes, starting with struct vsm_hdr
 * @ksize: size of the kernel's structure
 * @min_size: first published size of the structure
 * @uarg: user pointer
 *
 * Bytes the caller did not supply are zeroed.  Bytes the caller supplied
 * beyond @ksize must be zero.
 *
 * Return: 0, -EFAULT, -EINVAL (size out of range) or -E2BIG (non-zero
 * bytes beyond the kernel's structure).
 */
int vsm_copy_arg_from_user(void *karg, u32 ksize, u32 min_size,
			   const void __user *uarg)
{
	struct vsm_hdr *hdr = karg;
	u32 usize;
	int ret;

	if (get_user(usize, (const u32 __user *)uarg))
		return -EFAULT;
	ret = vsm_check_arg_size(usize, min_size);
	if (ret)
		return ret;
	ret = copy_struct_from_user(karg, ksize, uarg, usize);
	if (ret)
		return ret;
	hdr->size = usize;
	return 0;
}

/**
 * vsm_copy_arg_to_user() - copy a result structure back to the caller
 * @uarg: user pointer
 * @usize: size of the caller's structure, as checked on the way in
 * @karg: kernel structure, starting with struct vsm_hdr
 * @ksize: size of the kernel's structure
 *
 * Writes min(@usize, @ksize) bytes with hdr.size set to that count, and
 * zeroes the caller's bytes beyond @ksize.
 *
 * Return: 0 or -EFAULT.
 */
int vsm_copy_arg_to_user(void __user *uarg, u32 usize, void *karg, u32 ksize)
{
	struct vsm_hdr *hdr = karg;
	u32 n = min(usize, ksize);

	hdr->size = n;
	if (copy_to_user(uarg, karg, n))
		return -EFAULT;
	if (usize > ksize && clear_user((u8 __user *)uarg + ksize, usize - ksize))
		return -EFAULT;
	return 0;
}
