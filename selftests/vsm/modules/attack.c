// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_attack - plays a compromised kernel (or a patched vsm driver).  For
 * the selftests only.
 *
 * mode=devirt (default): on every CPU, ask the secure world directly, with
 * VMMCALL, to leave the hypervisor.  Loading succeeds only if every CPU
 * refused with -EPERM (the host must be locked).
 *
 * mode=touch|memremap region=PA size=BYTES: read and write every page of
 * the secure region through Linux's direct map, or through memremap().  Loading succeeds only if no read
 * showed the secure world's marker or image header and the host survived;
 * what was read is logged.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
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

/* kmod/common/sw_abi.h: VSM_SECRET_MARKER */
static const char marker[] = "vsm-secure-world-marker:0f3c9a51";

static bool page_shows_secret(const u8 *p)
{
	unsigned long i;

	if (*(const u64 *)p == VSM_SW_MAGIC)
		return true;
	for (i = 0; i + sizeof(marker) - 1 <= PAGE_SIZE; i++)
		if (!memcmp(p + i, marker, sizeof(marker) - 1))
			return true;
	return false;
}

/* Read every page at @va (a mapping of the region), then write to it. */
static int scan_region(u8 *va, const char *how)
{
	unsigned long off, leaks = 0, zeros = 0, others = 0;

	for (off = 0; off < size; off += PAGE_SIZE) {
		u64 *p = (u64 *)(va + off);

		if (page_shows_secret(va + off))
			leaks++;
		else if (!READ_ONCE(p[0]))
			zeros++;
		else
			others++;
		WRITE_ONCE(p[1], PATTERN);
		if (READ_ONCE(p[1]) != PATTERN)
			others++;
	}
	pr_info("%s: read and wrote %lu pages: %lu showed the secure image, %lu read zero, %lu other\n",
		how, size >> PAGE_SHIFT, leaks, zeros, others);
	return leaks ? -EIO : 0;
}

/* The detector must see a marker where there is one, or the test proves nothing. */
static bool detector_works(void)
{
	u8 *page = (u8 *)__get_free_page(GFP_KERNEL | __GFP_ZERO);
	bool ok;

	if (!page)
		return false;
	memcpy(page + 1000, marker, sizeof(marker) - 1);
	ok = page_shows_secret(page);
	free_page((unsigned long)page);
	return ok;
}

static int touch_region(void)
{
	void *va;
	int ret;

	if (!region || !size || (region | size) & ~PAGE_MASK)
		return -EINVAL;
	if (!detector_works()) {
		pr_err("the marker detector does not work\n");
		return -EINVAL;
	}
	if (!strcmp(mode, "touch"))
		return scan_region(phys_to_virt(region), "direct map");
	va = memremap(region, size, MEMREMAP_WB);
	if (!va)
		return -ENOMEM;
	ret = scan_region(va, "memremap");
	memunmap(va);
	return ret;
}

static int __init vsm_attack_init(void)
{
	if (!strcmp(mode, "touch") || !strcmp(mode, "memremap"))
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
