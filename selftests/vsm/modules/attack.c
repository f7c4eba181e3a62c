// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_attack - plays a compromised kernel (or a patched vsm driver).  For
 * the selftests only.
 *
 * mode=devirt (default): on every CPU, ask the secure world directly, with
 * VMMCALL, to leave the hypervisor.  Loading succeeds only if every CPU
 * refused with -EPERM (the host must be locked).
 *
 * mode=touch region=PA size=BYTES: read and write every page of the secure
 * region through Linux's direct map.  Loading succeeds only if no read
 * returned the secure world's image (its header magic) and the host
 * survived; what was read is logged.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/string.h>

#include "hypercall.h"

#define VSM_HC_DEVIRT	3

#define VSM_SW_MAGIC	0x31574d53564d5356ULL	/* kmod/common/sw_abi.h */
#define PATTERN		0x5a5a5a5a5a5a5a5aULL

static char *mode = "devirt";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "devirt or touch");
static unsigned long region;
module_param(region, ulong, 0444);
static unsigned long size;
module_param(size, ulong, 0444);

static atomic_t refused = ATOMIC_INIT(0);
static atomic_t other = ATOMIC_INIT(0);

static void try_devirt(void *unused)
{
	long ret = vsm_attack_devirt();

	pr_info("cpu %d: devirtualize hypercall returned %ld\n",
		smp_processor_id(), ret);
	if (ret == -EPERM)
		atomic_inc(&refused);
	else
		atomic_inc(&other);
}

static int touch_region(void)
{
	unsigned long off, leaks = 0, zeros = 0, others = 0;
	u64 first = 0, v;

	if (!region || !size || (region | size) & ~PAGE_MASK)
		return -EINVAL;
	for (off = 0; off < size; off += PAGE_SIZE) {
		u64 *p = phys_to_virt(region + off);

		v = READ_ONCE(p[0]);
		if (!off)
			first = v;
		if (v == VSM_SW_MAGIC)
			leaks++;
		else if (!v)
			zeros++;
		else
			others++;
		WRITE_ONCE(p[1], PATTERN);
		if (READ_ONCE(p[1]) != PATTERN)
			others++;
	}
	pr_info("read and wrote %lu pages: %lu showed the secure image, %lu read zero, %lu other; first word %#llx\n",
		size >> PAGE_SHIFT, leaks, zeros, others, first);
	return leaks ? -EIO : 0;
}

static int __init vsm_attack_init(void)
{
	if (!strcmp(mode, "touch"))
		return touch_region();
	on_each_cpu(try_devirt, NULL, 1);
	pr_info("%d CPUs refused, %d did not\n", atomic_read(&refused),
		atomic_read(&other));
	return atomic_read(&other) ? -EINVAL : 0;
}

static void __exit vsm_attack_exit(void)
{
}

module_init(vsm_attack_init);
module_exit(vsm_attack_exit);
MODULE_DESCRIPTION("vsm selftest: a hostile kernel module");
MODULE_LICENSE("GPL");
