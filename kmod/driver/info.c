// SPDX-License-Identifier: GPL-2.0
/*
 * VSM_IOC_GET_INFO: module state and the boot CPU's capabilities.
 */
#include <linux/build_bug.h>
#include <linux/cpumask.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "hv.h"
#include "vsm.h"
#include "../common/abi.h"
#include "../common/caps.h"

static_assert(sizeof(struct vsm_info) == VSM_INFO_SIZE_VER0);

/* Decoded once at load: capabilities do not change while we run. */
static struct vsm_info vsm_boot_caps;

static const char *vendor_name(u32 vendor)
{
	switch (vendor) {
	case VSM_VENDOR_AMD:
		return "AMD SVM";
	case VSM_VENDOR_INTEL:
		return "Intel VMX";
	default:
		return "unknown";
	}
}

/**
 * vsm_info_init() - probe the boot CPU and log what vsm can use
 *
 * Return: 0; an unsupported CPU is reported, not refused, so that
 * `vsmctl info` can explain why protection is unavailable.
 */
int vsm_info_init(void)
{
	struct vsm_cpu_raw raw;

	vsm_read_cpu_raw(&raw);
	vsm_decode_caps(&raw, &vsm_boot_caps);
	memzero_explicit(&raw, sizeof(raw));

	pr_info("vendor %s, caps %#llx, %u physical address bits\n",
		vendor_name(vsm_boot_caps.vendor), vsm_boot_caps.caps,
		vsm_boot_caps.phys_addr_bits);
	if (vsm_boot_caps.vendor == VSM_VENDOR_UNKNOWN)
		pr_warn("CPU vendor not supported: protection will be unavailable\n");
	if (vsm_boot_caps.fw_locks)
		pr_warn("virtualization is disabled by firmware (locks %#x): enable SVM/VT-x in the firmware setup\n",
			vsm_boot_caps.fw_locks);
	return 0;
}

/**
 * vsm_boot_info() - the capabilities decoded at load
 *
 * Return: the report, without the live fields.
 */
const struct vsm_info *vsm_boot_info(void)
{
	return &vsm_boot_caps;
}

/**
 * vsm_ioctl_get_info() - handle VSM_IOC_GET_INFO
 * @uarg: user pointer to struct vsm_info
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_get_info(void __user *uarg)
{
	struct vsm_pt_coverage cov;
	struct vsm_info info;
	unsigned int cpu;
	u64 sw_tables;
	u32 usize;
	int ret;

	ret = vsm_copy_arg_from_user(&info, sizeof(info), VSM_INFO_SIZE_VER0, uarg);
	if (ret)
		return ret;
	ret = vsm_check_info_request(&info);
	if (ret)
		return ret;
	usize = info.hdr.size;

	info = vsm_boot_caps;
	info.hdr.flags = 0;
	info.abi_version = VSM_ABI_VERSION;
	info.state = vsm_hv_state();
	info.nr_cpus = num_online_cpus();
	info.nr_protected_cpus = 0;
	for_each_possible_cpu(cpu)
		info.nr_protected_cpus += vsm_hv_cpu_protected(cpu);
	vsm_hv_region_info(&info.region_base, &info.region_size, &cov, &sw_tables,
			   &info.nested_pages);
	info.cpu_bytes = vsm_hv_cpu_bytes();
	info.dma = vsm_dma_state();
	return vsm_copy_arg_to_user(uarg, usize, &info, sizeof(info));
}
