// SPDX-License-Identifier: GPL-2.0
/*
 * Intel: launching the secure world under the calling CPU and leaving it.
 * The secure world turns on VMX (CR4.VMXE, VMXON) itself and builds the
 * VMCS from the recorded state; the guest never sees CR4.VMXE.
 */
#include <linux/printk.h>
#include <linux/smp.h>
#include <asm/msr.h>
#include <asm/special_insns.h>

#include "../capture.h"
#include "../region.h"
#include "../vendor.h"
#include "../vsm.h"
#include "enter.h"

static int vmx_cpu_launch(struct vsm_region *r, unsigned int cpu)
{
	struct vsm_sw_cpu *c = vsm_region_cpu(r, cpu);
	u64 *tramp = (u64 *)((u8 *)c + VSM_CPU_PAGE_TRAMPOLINE * VSM_PAGE_SIZE);
	long ret;

	if (__read_cr4() & X86_CR4_VMXE) {
		pr_err("CPU %u: VMX is already in use (KVM with running VMs, or another hypervisor): stop its VMs and load vsm again\n",
		       cpu);
		return -EBUSY;
	}
	ret = vsm_build_trampoline(r, tramp);
	if (ret)
		return ret;
	vsm_capture_state(&c->launch);
	ret = vsm_vmx_enter(&c->launch, vsm_region_pa_of(r, tramp), r->entry,
			    vsm_region_cpu_sw_va(r, cpu));
	if (ret)
		pr_err("CPU %u: the secure world could not run it (%ld): an internal error, please report it with this log\n",
		       cpu, ret);
	return ret;
}

static int vmx_cpu_devirt(void)
{
	return vsm_vmx_devirt();
}

static long vmx_hypercall(unsigned long nr, unsigned long a0, unsigned long a1,
			  unsigned long a2)
{
	long ret;

	asm volatile("vmcall"
		     : "=a"(ret)
		     : "a"(nr), "b"(a0), "c"(a1), "d"(a2)
		     : "memory");
	return ret;
}

static int vmx_check(const struct vsm_info *caps)
{
	if (!(caps->caps & VSM_CAP_VMX)) {
		pr_err("this Intel CPU has no VMX: protection is unavailable\n");
		return -ENODEV;
	}
	if (caps->fw_locks & VSM_FW_VMX_DISABLED) {
		pr_err("VMX is disabled by the firmware: enable it in the firmware setup\n");
		return -EPERM;
	}
	if (!(caps->caps & VSM_CAP_EPT)) {
		pr_err("this CPU has VMX but no EPT, which vsm needs\n");
		return -ENODEV;
	}
	return 0;
}

static u64 vmx_devirt_tail(void)
{
	return (u64)vsm_vmx_devirt_tail;
}

const struct vsm_vendor_ops vsm_vmx_ops = {
	.name = "Intel VMX",
	.check = vmx_check,
	.cpu_launch = vmx_cpu_launch,
	.cpu_devirt = vmx_cpu_devirt,
	.hypercall = vmx_hypercall,
	.devirt_tail = vmx_devirt_tail,
	.sw_vendor = VSM_SW_VENDOR_INTEL,
	.npt_leaf_flags = VSM_EPT_LEAF_WB,
	.nested_kvm = false,
	.kvm_module = "kvm_intel",
};
