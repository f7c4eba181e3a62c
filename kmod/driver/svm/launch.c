// SPDX-License-Identifier: GPL-2.0
/*
 * AMD: launching the secure world under the calling CPU and leaving it.
 *
 * The CPU's state is recorded in its per-CPU area of the secure region;
 * the secure world builds the guest VMCB from it (and from VMSAVE for FS,
 * GS, TR, LDTR and the syscall MSRs).  Linux's own CR4 shadow stays
 * coherent because nothing here changes CR4: the guest starts with exactly
 * the CR0, CR3 and CR4 Linux had.
 */
#include <linux/printk.h>
#include <linux/smp.h>
#include <asm/msr.h>

#include "../capture.h"
#include "../region.h"
#include "../vendor.h"
#include "../vsm.h"
#include "enter.h"

#define EFER_SVME_BIT	BIT_ULL(12)

static int svm_cpu_launch(struct vsm_region *r, unsigned int cpu)
{
	struct vsm_sw_cpu *c = vsm_region_cpu(r, cpu);
	u64 *tramp = (u64 *)((u8 *)c + VSM_CPU_PAGE_TRAMPOLINE * VSM_PAGE_SIZE);
	u64 efer;
	long ret;

	rdmsrl(MSR_EFER, efer);
	if (efer & EFER_SVME_BIT) {
		pr_err("CPU %u: SVM is already in use (KVM with running VMs, or another hypervisor): stop its VMs and load vsm again\n", cpu);
		return -EBUSY;
	}
	ret = vsm_build_trampoline(r, tramp);
	if (ret)
		return ret;
	wrmsrl(MSR_EFER, efer | EFER_SVME_BIT);
	vsm_capture_state(&c->launch);
	ret = vsm_svm_enter(&c->launch, vsm_region_pa_of(r, tramp), r->entry,
			    vsm_region_cpu_sw_va(r, cpu));
	if (ret) {
		wrmsrl(MSR_EFER, efer);
		pr_err("CPU %u: the secure world could not run it (%ld): an internal error, please report it with this log\n",
		       cpu, ret);
	}
	return ret;
}

static int svm_cpu_devirt(void)
{
	long ret = vsm_svm_devirt();
	u64 efer;

	if (ret)
		return ret;
	wrmsrl(MSR_VM_HSAVE_PA, 0);
	rdmsrl(MSR_EFER, efer);
	wrmsrl(MSR_EFER, efer & ~EFER_SVME_BIT);
	return 0;
}

static long svm_hypercall(unsigned long nr, unsigned long a0, unsigned long a1,
			  unsigned long a2)
{
	long ret;

	asm volatile("vmmcall"
		     : "=a"(ret)
		     : "a"(nr), "b"(a0), "c"(a1), "d"(a2)
		     : "memory");
	return ret;
}

static int svm_check(const struct vsm_info *caps)
{
	if (!(caps->caps & VSM_CAP_SVM)) {
		pr_err("this AMD CPU has no SVM: protection is unavailable\n");
		return -ENODEV;
	}
	if (caps->fw_locks & VSM_FW_SVM_DISABLED) {
		pr_err("SVM is disabled by the firmware: enable it in the firmware setup\n");
		return -EPERM;
	}
	if (!(caps->caps & VSM_CAP_NPT)) {
		pr_err("this CPU has SVM but no nested paging, which vsm needs\n");
		return -ENODEV;
	}
	return 0;
}

static u64 svm_devirt_tail(void)
{
	return (u64)vsm_svm_devirt_tail;
}

const struct vsm_vendor_ops vsm_svm_ops = {
	.name = "AMD SVM",
	.check = svm_check,
	.cpu_launch = svm_cpu_launch,
	.cpu_devirt = svm_cpu_devirt,
	.hypercall = svm_hypercall,
	.devirt_tail = svm_devirt_tail,
	.sw_vendor = VSM_SW_VENDOR_AMD,
	.npt_leaf_flags = 0,
	.nested_kvm = true,
	.kvm_module = "kvm_amd",
};
