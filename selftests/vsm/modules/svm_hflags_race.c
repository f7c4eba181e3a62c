// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_svm_hflags_race - without vsm: after a #VMEXIT on the first CPU, is
 * nested paging really off?
 *
 * QEMU 7.2's TCG keeps "nested paging on" (HF2_NPT_MASK) in a word of
 * per-CPU flags, hflags2, that also holds IGNNE; cpu_clear_ignne(), which
 * every FLDENV, FRSTOR, FXRSTOR and x87 XRSTOR calls, clears IGNNE in the
 * *first* CPU's hflags2 from whichever vCPU thread runs it, with a plain
 * read-modify-write.  If that lands across the first CPU's own update at
 * #VMEXIT, nested paging comes back on under the host (Documentation/
 * testing.rst, "Known emulator bugs").  On a real CPU it cannot.
 *
 * The first online CPU runs a guest that loops on CPUID (the only
 * intercept besides VMRUN), with nested paging that maps the low 4 GiB
 * 1:1 except one 2 MiB block A, which it maps to another block B.  The
 * guest never touches A.  After every exit the host reads A through its
 * own mapping: a CPU with nested paging off reads A's marker; one still
 * translating through the guest's nested table reads B's.  Meanwhile
 * every other CPU restores its x87 environment (FNSTENV, FLDENV) in a
 * loop (fpu=0: they stay idle, the control).  Loading reports "exits=N npt_on=N fpu=N" and fails (-EIO) if any
 * exit left nested paging on.  For the selftests only (needs SVM with no
 * user: no vsm, no kvm_amd).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/gfp.h>
#include <linux/io.h>
#include <linux/kthread.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/smp.h>
#include <asm/desc.h>
#include <asm/fpu/api.h>
#include <asm/msr.h>
#include <asm/segment.h>
#include <asm/special_insns.h>
#include <asm/svm.h>

#include "svm_intr_probe.h"

static unsigned int secs = 20;
module_param(secs, uint, 0444);
MODULE_PARM_DESC(secs, "how long to run");
static bool fpu = true;
module_param(fpu, bool, 0444);
MODULE_PARM_DESC(fpu, "the other CPUs restore x87 state (N: they stay idle, the control)");

/* The guest code's interrupt stubs count here (svm_intr_probe_guest.S). */
unsigned long vsm_probe_hits[256];

#define MARK_A	0x4141414141414141ULL
#define MARK_B	0x4242424242424242ULL
#define BLOCK	(2UL << 20)

static bool stop;
static atomic_long_t exits, npt_on, fpu_restores, other_exits;

/* Other CPUs: restore the x87 environment again and again. */
static int fpu_thread(void *unused)
{
	u8 env[32] __aligned(16);
	unsigned long i;

	while (!READ_ONCE(stop)) {
		kernel_fpu_begin();
		for (i = 0; i < 10000; i++)
			asm volatile("fnstenv %0\n\tfldenv %0" : "+m"(env));
		kernel_fpu_end();
		atomic_long_add(i, &fpu_restores);
		cond_resched();
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

struct race_pages {
	struct vmcb *vmcb;
	void *hsave, *msrpm, *iopm, *stack;
	u64 *pml4, *pdpt, *pd;
	struct page *a, *b;
};

static void race_free(struct race_pages *p)
{
	free_page((unsigned long)p->vmcb);
	free_page((unsigned long)p->hsave);
	free_page((unsigned long)p->stack);
	free_pages((unsigned long)p->msrpm, 1);
	free_pages((unsigned long)p->iopm, 2);
	free_page((unsigned long)p->pml4);
	free_page((unsigned long)p->pdpt);
	free_page((unsigned long)p->pd);
	if (p->a)
		__free_pages(p->a, get_order(BLOCK));
	if (p->b)
		__free_pages(p->b, get_order(BLOCK));
}

/* The guest: CPUID in a loop, on the host's page tables and segments. */
static int race_setup(struct race_pages *p)
{
	struct vmcb *v = p->vmcb;
	struct desc_ptr gdt, idt;
	u64 a = page_to_phys(p->a), b = page_to_phys(p->b);
	unsigned int i;

	if (a + BLOCK > (4ULL << 30) || b + BLOCK > (4ULL << 30))
		return -ERANGE;
	*(u64 *)page_address(p->a) = MARK_A;
	*(u64 *)page_address(p->b) = MARK_B;
	/* Nested paging: 4 GiB 1:1 in 1 GiB pages, A's GiB in 2 MiB pages, A -> B. */
	for (i = 0; i < 4; i++)
		p->pdpt[i] = ((u64)i << 30) | 0x87;
	for (i = 0; i < 512; i++)
		p->pd[i] = (((a >> 30) << 30) + (u64)i * BLOCK) | 0x87;
	p->pd[(a >> 21) & 511] = b | 0x87;
	p->pdpt[a >> 30] = __pa(p->pd) | 0x7;
	p->pml4[0] = __pa(p->pdpt) | 0x7;

	memset(v, 0, PAGE_SIZE);
	v->control.intercepts[INTERCEPT_WORD3] = BIT(INTERCEPT_CPUID & 31);
	v->control.intercepts[INTERCEPT_WORD4] = BIT(INTERCEPT_VMRUN & 31);
	v->control.iopm_base_pa = __pa(p->iopm);
	v->control.msrpm_base_pa = __pa(p->msrpm);
	v->control.asid = 1;
	v->control.nested_ctl = SVM_NESTED_CTL_NP_ENABLE;
	v->control.nested_cr3 = __pa(p->pml4);
	native_store_gdt(&gdt);
	store_idt(&idt);
	vsm_probe_seg(&v->save.cs, __KERNEL_CS, 0xa9b);	/* 64-bit code, G */
	vsm_probe_seg(&v->save.ss, __KERNEL_DS, 0xc93);	/* data, D/B, G */
	v->save.gdtr.base = gdt.address;
	v->save.gdtr.limit = gdt.size;
	v->save.idtr.base = idt.address;
	v->save.idtr.limit = idt.size;
	v->save.cr0 = native_read_cr0();
	v->save.cr3 = __read_cr3();
	v->save.cr4 = __read_cr4();
	v->save.dr6 = 0xffff0ff0;
	v->save.dr7 = 0x400;
	v->save.g_pat = 0x0007040600070406ULL;
	v->save.rflags = X86_EFLAGS_FIXED;	/* IF clear: no interrupt in the guest */
	v->save.rip = (unsigned long)vsm_probe_loop;
	v->save.rsp = (unsigned long)p->stack + PAGE_SIZE;
	return 0;
}

/* The first CPU: one exit at a time, then read A. */
static int vmrun_thread(void *unused)
{
	struct race_pages p = {};
	const u64 *mark;
	unsigned long n = 0, hits = 0;
	int ret = -ENOMEM;
	unsigned int i;

	p.vmcb = (void *)get_zeroed_page(GFP_KERNEL);
	p.hsave = (void *)get_zeroed_page(GFP_KERNEL);
	p.stack = (void *)get_zeroed_page(GFP_KERNEL);
	p.msrpm = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	p.iopm = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	p.pml4 = (void *)get_zeroed_page(GFP_KERNEL);
	p.pdpt = (void *)get_zeroed_page(GFP_KERNEL);
	p.pd = (void *)get_zeroed_page(GFP_KERNEL);
	p.a = alloc_pages(GFP_KERNEL, get_order(BLOCK));
	p.b = alloc_pages(GFP_KERNEL, get_order(BLOCK));
	if (!p.vmcb || !p.hsave || !p.stack || !p.msrpm || !p.iopm || !p.pml4 || !p.pdpt ||
	    !p.pd || !p.a || !p.b)
		goto out;
	ret = race_setup(&p);
	if (ret)
		goto out;
	mark = page_address(p.a);
	while (!READ_ONCE(stop)) {
		struct vmcb *v = p.vmcb;
		unsigned long flags;
		u64 efer, pa;

		local_irq_save(flags);
		rdmsrl(MSR_EFER, efer);
		wrmsrl(MSR_EFER, efer | EFER_SVME);
		v->save.efer = efer | EFER_SVME;
		wrmsrl(MSR_VM_HSAVE_PA, __pa(p.hsave));
		for (i = 0; i < 1000; i++, n++) {
			pa = __pa(v);
			asm volatile("clgi\n\t"
				     "vmrun %%rax\n\t"
				     "stgi"
				     : "+a"(pa)
				     : : "rbx", "rcx", "rdx", "memory", "cc");
			if (READ_ONCE(*mark) != MARK_A && hits++ < 5)
				pr_err("exit %lu (code %#llx): the host read B's marker at A: nested paging was still on\n",
				       n, (u64)v->control.exit_code);
			if (v->control.exit_code != SVM_EXIT_CPUID) {
				atomic_long_inc(&other_exits);
				break;
			}
			v->save.rip += 2;
		}
		wrmsrl(MSR_VM_HSAVE_PA, 0);
		wrmsrl(MSR_EFER, efer);
		local_irq_restore(flags);
		if (atomic_long_read(&other_exits))
			break;
		cond_resched();
	}
	atomic_long_add(n, &exits);
	atomic_long_add(hits, &npt_on);
out:
	race_free(&p);
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return ret;
}

static int __init vsm_svm_hflags_race_init(void)
{
	static struct task_struct *t[NR_CPUS];
	unsigned int cpu, first = cpumask_first(cpu_online_mask);

	if (!boot_cpu_has(X86_FEATURE_SVM))
		return -ENODEV;
	for_each_online_cpu(cpu) {
		if (cpu != first && !fpu)
			continue;
		t[cpu] = kthread_create_on_cpu(cpu == first ? vmrun_thread : fpu_thread, NULL,
					       cpu, "vsm_race/%u");
		if (IS_ERR(t[cpu])) {
			t[cpu] = NULL;
			continue;
		}
		get_task_struct(t[cpu]);
		wake_up_process(t[cpu]);
	}
	msleep(secs * 1000);
	WRITE_ONCE(stop, true);
	for_each_online_cpu(cpu) {
		if (!t[cpu])
			continue;
		kthread_stop(t[cpu]);
		put_task_struct(t[cpu]);
	}
	pr_info("exits=%ld npt_on=%ld fpu=%ld other_exits=%ld\n", atomic_long_read(&exits),
		atomic_long_read(&npt_on), atomic_long_read(&fpu_restores),
		atomic_long_read(&other_exits));
	return atomic_long_read(&npt_on) || atomic_long_read(&other_exits) ? -EIO : 0;
}

static void __exit vsm_svm_hflags_race_exit(void)
{
}

module_init(vsm_svm_hflags_race_init);
module_exit(vsm_svm_hflags_race_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vsm selftest: does a #VMEXIT on the first CPU leave nested paging on?");
