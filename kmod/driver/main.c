// SPDX-License-Identifier: GPL-2.0
/*
 * vsm - virtualization-based secure mode for KVM hosts.
 *
 * Module entry and exit of the normal-world driver.
 */
#include <linux/module.h>
#include <linux/printk.h>

#include "ci.h"
#include "text_guard.h"
#include "hv.h"
#include "vsm.h"

static int __init vsm_init(void)
{
	int ret;

	ret = vsm_info_init();
	if (!ret)
		ret = vsm_dma_init(vsm_boot_info()->vendor);
	if (ret)
		return ret;
	ret = vsm_hv_start(vsm_boot_info());
	if (ret)
		return ret;
	ret = vsm_dma_report();
	if (ret) {
		vsm_hv_stop();
		return ret;
	}
	ret = vsm_chardev_register();
	if (ret) {
		pr_err("cannot register /dev/vsm (%d)\n", ret);
		vsm_hv_stop();
		return ret;
	}
	if (vsm_hv_state() != VSM_STATE_LOADED) {
		vsm_ci_start();
		if (vsm_hv_kernel_image())
			vsm_text_guard_start(vsm_hv_kernel_image());
	}
	pr_info("loaded, ABI version %d\n", VSM_ABI_VERSION);
	return 0;
}

static void __exit vsm_exit(void)
{
	vsm_text_guard_stop();
	vsm_ci_stop();
	vsm_chardev_unregister();
	vsm_hv_stop();
	pr_info("unloaded\n");
}

module_init(vsm_init);
module_exit(vsm_exit);

MODULE_DESCRIPTION("Virtualization-based secure mode for KVM hosts");
MODULE_LICENSE("GPL");
MODULE_VERSION(VSM_VERSION);
