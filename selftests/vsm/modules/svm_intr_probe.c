// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_svm_intr_probe - checks, without vsm, that an external interrupt
 * injected by VMRUN (EVENTINJ type INTR) reaches the guest exactly once.
 *
 * Load it on a host with SVM and nothing else using it (no vsm, no
 * kvm_amd).  On the CPU it runs on, with interrupts disabled, it turns on
 * EFER.SVME and runs a tiny guest on the host's own page tables and code
 * segment: RFLAGS.IF clear, a private IDT whose every vector counts and
 * returns, EVENTINJ = INTR vector 0x41, and a loop of @loops iterations
 * (no PAUSE, no exits) before VMMCALL, the only intercept besides VMRUN.
 * Interrupts arriving for the host meanwhile (its timer, IPIs from other
 * CPUs) stay pending: the guest's IF is clear and INTR is not intercepted.
 * Meanwhile a thread on the next CPU does locked adds on a misaligned
 * address, which QEMU's TCG runs with every other vCPU stopped (kicked).
 * A CPU delivers the injected vector once.  QEMU 7.2's TCG delivers it
 * once more if the guest's vCPU is kicked before the guest's next exit
 * (see Documentation/testing.rst, "Known emulator bugs").
 *
 * Each of @runs runs is logged; loading fails (-EIO) if any vector other
 * than 0x41 was taken or the guest did not exit with VMMCALL, and reports
 * "deliveries" summed over all runs.  It does not judge the count: the
 * test script does.
 *
 * stress_secs=N instead runs a guest on every CPU for N seconds, one exit
 * at a time, in the patterns vsm's host sees: CPUID exits, external
 * interrupts (exits, then taken by the host with STGI), NMIs (exits, then
 * taken in vsm's STGI-CLGI window), vector 0x41 injected on every fourth
 * entry with its delivery faulting on a write-protected nested page (NPF,
 * delivered again from EXITINTINFO).  After every exit the VMCB must hold
 * the guest's RIP and RSP, not what VMRUN saved for the host (the state of
 * vsm's 4-CPU triple fault); loading fails otherwise.  For the selftests
 * only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/jiffies.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/delay.h>
#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/nmi.h>
#include <asm/io.h>
#include <asm/msr.h>
#include <asm/segment.h>
#include <asm/special_insns.h>
#include <asm/svm.h>

static unsigned long loops = 50000000;
module_param(loops, ulong, 0444);
MODULE_PARM_DESC(loops, "iterations the guest spins before VMMCALL");
static unsigned int runs = 10;
module_param(runs, uint, 0444);
MODULE_PARM_DESC(runs, "how many times the guest is run");
static unsigned int stress_secs;
module_param(stress_secs, uint, 0444);
MODULE_PARM_DESC(stress_secs, "instead: every CPU enters and leaves a CPUID-looping guest for this long");

#include "svm_intr_probe.h"

#define PROBE_VECTOR	0x41

/* Written by the guest's interrupt stubs (same address space). */
unsigned long vsm_probe_hits[256];

struct probe_gate {
	u16 off0;
	u16 sel;
	u8 ist;
	u8 type;
	u16 off1;
	u32 off2;
	u32 zero;
} __packed;

static void set_gate(struct probe_gate *g, const void *fn)
{
	unsigned long a = (unsigned long)fn;

	g->off0 = a;
	g->sel = __KERNEL_CS;
	g->ist = 0;
	g->type = 0x8e;		/* present, DPL 0, 64-bit interrupt gate */
	g->off1 = a >> 16;
	g->off2 = a >> 32;
	g->zero = 0;
}

static void fill_idt(struct probe_gate *idt)
{
	static const struct { int v; const char *fn; } isr[] = {
		{ 0, vsm_probe_isr_0 }, { 1, vsm_probe_isr_1 }, { 2, vsm_probe_isr_2 },
		{ 3, vsm_probe_isr_3 }, { 4, vsm_probe_isr_4 }, { 5, vsm_probe_isr_5 },
		{ 6, vsm_probe_isr_6 }, { 7, vsm_probe_isr_7 }, { 8, vsm_probe_isr_8 },
		{ 13, vsm_probe_isr_13 }, { 14, vsm_probe_isr_14 },
		{ 32, vsm_probe_isr_32 }, { 65, vsm_probe_isr_65 },
		{ 236, vsm_probe_isr_236 }, { 251, vsm_probe_isr_251 },
		{ 252, vsm_probe_isr_252 }, { 253, vsm_probe_isr_253 },
		{ 254, vsm_probe_isr_254 }, { 255, vsm_probe_isr_255 },
	};
	unsigned int i;

	/* Vectors without a stub count as vector 255. */
	for (i = 0; i < 256; i++)
		set_gate(&idt[i], vsm_probe_isr_255);
	for (i = 0; i < ARRAY_SIZE(isr); i++)
		set_gate(&idt[isr[i].v], isr[i].fn);
}

struct probe_pages {
	struct vmcb *vmcb;
	void *hsave, *msrpm, *iopm, *stack;
	u64 *pml4, *pdpt;
	struct probe_gate *idt;
};

static void run_setup(struct probe_pages *p, unsigned long rip, unsigned long rflags)
{
	struct vmcb *v = p->vmcb;
	struct desc_ptr gdt;

	memset(v, 0, PAGE_SIZE);
	v->control.intercepts[INTERCEPT_WORD4] = BIT(INTERCEPT_VMRUN & 31) |
						 BIT(INTERCEPT_VMMCALL & 31);
	v->control.iopm_base_pa = __pa(p->iopm);
	v->control.msrpm_base_pa = __pa(p->msrpm);
	v->control.asid = 1;
	v->control.event_inj = SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_INTR | PROBE_VECTOR;

	native_store_gdt(&gdt);
	vsm_probe_seg(&v->save.cs, __KERNEL_CS, 0xa9b);	/* 64-bit code, G */
	vsm_probe_seg(&v->save.ss, __KERNEL_DS, 0xc93);	/* data, D/B, G */
	vsm_probe_seg(&v->save.ds, 0, 0);
	vsm_probe_seg(&v->save.es, 0, 0);
	v->save.gdtr.base = gdt.address;
	v->save.gdtr.limit = gdt.size;
	v->save.idtr.base = (unsigned long)p->idt;
	v->save.idtr.limit = 256 * sizeof(struct probe_gate) - 1;
	v->save.cr0 = native_read_cr0();
	v->save.cr3 = __read_cr3();
	v->save.cr4 = __read_cr4();
	v->save.dr6 = 0xffff0ff0;
	v->save.dr7 = 0x400;
	v->save.rflags = rflags;
	v->save.rip = rip;
	v->save.rsp = (unsigned long)p->stack + PAGE_SIZE;
}

static u64 run_guest(struct probe_pages *p)
{
	struct vmcb *v = p->vmcb;
	unsigned long flags, rcx = loops;
	u64 efer, vmcb_pa = __pa(v);

	run_setup(p, (unsigned long)vsm_probe_guest, X86_EFLAGS_FIXED);	/* IF clear */
	local_irq_save(flags);
	rdmsrl(MSR_EFER, efer);
	wrmsrl(MSR_EFER, efer | EFER_SVME);
	v->save.efer = efer | EFER_SVME;
	wrmsrl(MSR_VM_HSAVE_PA, __pa(p->hsave));
	/* VMRUN keeps the host's RSP and RBP; the guest only changes RCX. */
	asm volatile("clgi\n\t"
		     "vmrun %%rax\n\t"
		     "stgi"
		     : "+a"(vmcb_pa), "+c"(rcx)
		     : : "memory", "cc");
	wrmsrl(MSR_VM_HSAVE_PA, 0);
	wrmsrl(MSR_EFER, efer);
	local_irq_restore(flags);
	return v->control.exit_code;
}

/*
 * Stress: each CPU runs the CPUID loop, one exit at a time (CPUID, or an
 * external interrupt, which the host then takes with STGI and IF set),
 * injecting vector 0x41 on every fourth entry, and checks after every exit
 * that the VMCB holds the guest's RIP and RSP, not what VMRUN saved for
 * the host (the state of vsm's 4-CPU triple fault).
 */
static atomic_long_t stress_exits, stress_bad, stress_nmis;

static int stress_nmi(unsigned int type, struct pt_regs *regs)
{
	atomic_long_inc(&stress_nmis);
	return NMI_HANDLED;
}

static int stress_cpu(void *unused)
{
	struct probe_pages p = {};
	unsigned long end = jiffies + stress_secs * HZ, n = 0, bad = 0, npf = 0;
	u64 prev = 0;
	int ret = -ENOMEM;
	unsigned int i;

	p.vmcb = (void *)get_zeroed_page(GFP_KERNEL);
	p.hsave = (void *)get_zeroed_page(GFP_KERNEL);
	p.stack = (void *)get_zeroed_page(GFP_KERNEL);
	p.idt = (void *)get_zeroed_page(GFP_KERNEL);
	p.msrpm = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	p.iopm = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	if (!p.vmcb || !p.hsave || !p.stack || !p.idt || !p.msrpm || !p.iopm)
		goto out;
	p.pml4 = (void *)get_zeroed_page(GFP_KERNEL);
	p.pdpt = (void *)get_zeroed_page(GFP_KERNEL);
	if (!p.pml4 || !p.pdpt)
		goto out;
	/* Nested paging: the first 4 GiB 1:1 in 1 GiB pages. */
	for (i = 0; i < 4; i++)
		p.pdpt[i] = ((u64)i << 30) | 0x87;
	p.pml4[0] = __pa(p.pdpt) | 0x7;
	fill_idt(p.idt);
	ret = 0;
	while (time_before(jiffies, end) && !kthread_should_stop()) {
		struct vmcb *v = p.vmcb;
		const struct vmcb *h = p.hsave;
		unsigned long flags, rip;
		u64 efer, pa = __pa(v), code;

		run_setup(&p, (unsigned long)vsm_probe_loop, X86_EFLAGS_FIXED | X86_EFLAGS_IF);
		v->control.intercepts[INTERCEPT_WORD3] = BIT(INTERCEPT_INTR & 31) |
							 BIT(INTERCEPT_CPUID & 31) |
							 BIT(INTERCEPT_NMI & 31);
		v->control.nested_ctl = SVM_NESTED_CTL_NP_ENABLE;
		v->control.nested_cr3 = __pa(p.pml4);
		v->save.g_pat = 0x0007040600070406ULL;
		local_irq_save(flags);
		rdmsrl(MSR_EFER, efer);
		wrmsrl(MSR_EFER, efer | EFER_SVME);
		v->save.efer = efer | EFER_SVME;
		wrmsrl(MSR_VM_HSAVE_PA, __pa(p.hsave));
		for (i = 0; i < 1000; i++, n++) {
			if (!v->control.event_inj && !(n & 3)) {
				/* The delivery's stack writes fault (NPF). */
				v->control.event_inj = SVM_EVTINJ_VALID |
					SVM_EVTINJ_TYPE_INTR | PROBE_VECTOR;
				p.pdpt[0] &= ~2ULL;
				v->control.tlb_ctl = 1;
			}
			if (!(n % 64))
				apic->send_IPI(cpumask_next_wrap(raw_smp_processor_id(),
								 cpu_online_mask, nr_cpu_ids,
								 false), NMI_VECTOR);
			pa = __pa(v);
			asm volatile("clgi\n\t"
				     "vmrun %%rax\n\t"
				     "stgi"
				     : "+a"(pa)
				     : : "rbx", "rcx", "rdx", "memory", "cc");
			code = v->control.exit_code;
			rip = v->save.rip;
			/* The loop or an interrupt stub, on the guest's stack. */
			if (rip == h->save.rip || v->save.rsp == h->save.rsp ||
			    rip < (unsigned long)vsm_probe_loop ||
			    rip > (unsigned long)vsm_probe_isr_255 + 16) {
				if (bad++ < 5)
					pr_err("cpu %d exit %lu: code %#llx (before %#llx) rip %#lx rsp %#llx; hsave rip %#llx rsp %#llx\n",
					       raw_smp_processor_id(), n, code, prev, rip,
					       v->save.rsp, h->save.rip, h->save.rsp);
				break;
			}
			v->control.tlb_ctl = 0;
			v->control.event_inj = 0;
			if (v->control.exit_int_info & SVM_EVTINJ_VALID)
				v->control.event_inj = SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_INTR |
					(v->control.exit_int_info & 0xff);
			switch (code) {
			case SVM_EXIT_CPUID:
				v->save.rip += 2;
				break;
			case SVM_EXIT_NPF:
				npf++;
				p.pdpt[0] |= 2;
				v->control.tlb_ctl = 1;
				break;
			case SVM_EXIT_NMI:
				/* vsm's window: the NMI is taken with IF clear. */
				asm volatile("stgi\n\tclgi" : : : "memory");
				break;
			case SVM_EXIT_INTR:
				local_irq_enable();
				local_irq_disable();
				break;
			default:
				if (bad++ < 5)
					pr_err("cpu %d: unexpected exit %#llx at %#lx\n",
					       raw_smp_processor_id(), code, rip);
			}
			if (bad)
				break;
			prev = code;
		}
		wrmsrl(MSR_VM_HSAVE_PA, 0);
		wrmsrl(MSR_EFER, efer);
		local_irq_restore(flags);
		if (bad)
			break;
		cond_resched();
	}
	pr_info("cpu %d: %lu exits, %lu NPF\n", raw_smp_processor_id(), n, npf);
	atomic_long_add(n, &stress_exits);
	atomic_long_add(bad, &stress_bad);
out:
	free_page((unsigned long)p.vmcb);
	free_page((unsigned long)p.hsave);
	free_page((unsigned long)p.stack);
	free_page((unsigned long)p.idt);
	free_pages((unsigned long)p.msrpm, 1);
	free_pages((unsigned long)p.iopm, 2);
	free_page((unsigned long)p.pml4);
	free_page((unsigned long)p.pdpt);
	return ret;
}

static int run_stress(void)
{
	static struct task_struct *t[NR_CPUS];
	unsigned int cpu;

	if (register_nmi_handler(NMI_LOCAL, stress_nmi, 0, "vsm_svm_intr_probe"))
		return -EBUSY;
	for_each_online_cpu(cpu) {
		t[cpu] = kthread_create_on_cpu(stress_cpu, NULL, cpu, "vsm_probe/%u");
		if (IS_ERR(t[cpu]))
			return PTR_ERR(t[cpu]);
		get_task_struct(t[cpu]);
		wake_up_process(t[cpu]);
	}
	msleep((stress_secs + 2) * 1000);
	for_each_online_cpu(cpu) {
		kthread_stop(t[cpu]);
		put_task_struct(t[cpu]);
	}
	unregister_nmi_handler(NMI_LOCAL, "vsm_svm_intr_probe");
	pr_info("stress mode: exits=%ld bad=%ld nmis=%ld\n", atomic_long_read(&stress_exits),
		atomic_long_read(&stress_bad), atomic_long_read(&stress_nmis));
	return atomic_long_read(&stress_bad) ? -EIO : 0;
}

/*
 * The kicker, on another CPU while the guest runs: a locked add on a
 * misaligned address, which QEMU's TCG can only do with every other vCPU
 * stopped, so each one kicks the guest's vCPU out of its loop with a bare
 * exit request (on hardware it is just slow).
 */
static bool kicker_stop;
static unsigned long kicker_n;

static int kicker(void *unused)
{
	static u8 buf[16] __aligned(8);
	u32 *odd = (u32 *)(buf + 2);

	while (!READ_ONCE(kicker_stop)) {
		asm volatile("lock addl $1, %0" : "+m"(*odd) : : "memory");
		kicker_n++;
		if (!(kicker_n & 1023))
			cond_resched();
	}
	while (!kthread_should_stop())
		schedule_timeout_interruptible(1);
	return 0;
}

static int __init vsm_svm_intr_probe_init(void)
{
	struct task_struct *kick = NULL;
	struct probe_pages p;
	unsigned long total = 0, other = 0;
	unsigned int i, v;
	int ret = 0;

	if (!boot_cpu_has(X86_FEATURE_SVM)) {
		pr_info("no SVM\n");
		return -ENODEV;
	}
	if (stress_secs)
		return run_stress();
	p.vmcb = (void *)get_zeroed_page(GFP_KERNEL);
	p.hsave = (void *)get_zeroed_page(GFP_KERNEL);
	p.stack = (void *)get_zeroed_page(GFP_KERNEL);
	p.idt = (void *)get_zeroed_page(GFP_KERNEL);
	p.msrpm = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 1);
	p.iopm = (void *)__get_free_pages(GFP_KERNEL | __GFP_ZERO, 2);
	if (!p.vmcb || !p.hsave || !p.stack || !p.idt || !p.msrpm || !p.iopm) {
		ret = -ENOMEM;
		goto out;
	}
	fill_idt(p.idt);
	/* The guest on the first CPU, the kicker on the next one. */
	set_cpus_allowed_ptr(current, cpumask_of(cpumask_first(cpu_online_mask)));
	other = cpumask_next(cpumask_first(cpu_online_mask), cpu_online_mask);
	if (other < nr_cpu_ids) {
		WRITE_ONCE(kicker_stop, false);
		kick = kthread_create_on_cpu(kicker, NULL, other, "vsm_probe_kick/%u");
		if (IS_ERR(kick))
			kick = NULL;
		else
			wake_up_process(kick);
	}
	other = 0;
	for (i = 0; i < runs && !ret; i++) {
		u64 code;
		unsigned long got;

		memset(vsm_probe_hits, 0, sizeof(vsm_probe_hits));
		code = run_guest(&p);
		got = vsm_probe_hits[PROBE_VECTOR];
		for (v = 0; v < 256; v++)
			if (v != PROBE_VECTOR && vsm_probe_hits[v]) {
				pr_err("run %u: vector %#x taken %lu times\n", i, v,
				       vsm_probe_hits[v]);
				other += vsm_probe_hits[v];
			}
		pr_info("run %u on cpu %d: exit %#llx, vector %#x delivered %lu time(s) (want 1)\n",
			i, raw_smp_processor_id(), code, PROBE_VECTOR, got);
		total += got;
		if (code != SVM_EXIT_VMMCALL || other)
			ret = -EIO;
	}
	if (kick) {
		WRITE_ONCE(kicker_stop, true);
		kthread_stop(kick);
	}
	pr_info("runs=%u deliveries=%lu other=%lu (kicker: %lu misaligned locked adds)\n",
		i, total, other, kicker_n);
out:
	free_page((unsigned long)p.vmcb);
	free_page((unsigned long)p.hsave);
	free_page((unsigned long)p.stack);
	free_page((unsigned long)p.idt);
	free_pages((unsigned long)p.msrpm, 1);
	free_pages((unsigned long)p.iopm, 2);
	return ret;
}

static void __exit vsm_svm_intr_probe_exit(void)
{
}

module_init(vsm_svm_intr_probe_init);
module_exit(vsm_svm_intr_probe_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("vsm selftest: is an interrupt injected by VMRUN delivered once?");
