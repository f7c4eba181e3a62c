// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_ci_sample - a module that does nothing, for the code-integrity
 * tests: copies of it are signed by different keys, left unsigned, or
 * changed after signing, and the policy decides which may load.
 */
#include <linux/module.h>
#include <linux/printk.h>

static int __init vsm_ci_sample_init(void)
{
	pr_info("vsm_ci_sample: loaded\n");
	return 0;
}

static void __exit vsm_ci_sample_exit(void)
{
}

module_init(vsm_ci_sample_init);
module_exit(vsm_ci_sample_exit);
MODULE_DESCRIPTION("vsm selftest: the code-integrity sample module");
MODULE_LICENSE("GPL");
