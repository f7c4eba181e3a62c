// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_attack - plays a compromised kernel (or a patched vsm driver) against
 * a locked host: on every CPU it asks the secure world directly, with
 * VMMCALL, to leave the hypervisor.  Loading succeeds only if every CPU
 * refused with -EPERM; each result is logged.  For the selftests only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>

#define VSM_HC_DEVIRT	3

static atomic_t refused = ATOMIC_INIT(0);
static atomic_t other = ATOMIC_INIT(0);

/* If the call wrongly succeeded, only RSP and RIP come back intact. */
long vsm_attack_devirt(void);
asm(".pushsection .text\n"
    ".globl vsm_attack_devirt\n"
    "vsm_attack_devirt:\n"
    "	pushq %rbp\n	pushq %rbx\n	pushq %r12\n"
    "	pushq %r13\n	pushq %r14\n	pushq %r15\n"
    "	movl $3, %eax\n"
    "	vmmcall\n"
    "	popq %r15\n	popq %r14\n	popq %r13\n"
    "	popq %r12\n	popq %rbx\n	popq %rbp\n"
    "	" __stringify(RET) "\n"
    ".popsection\n");

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

static int __init vsm_attack_init(void)
{
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
