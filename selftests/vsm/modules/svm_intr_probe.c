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
 * A CPU delivers the injected vector once.  QEMU 7.2's TCG delivers it
 * once more for each time another thread kicks the CPU before the guest's
 * next exit (see Documentation/testing.rst, "Known emulator bugs").
 *
 * Each of @runs runs is logged; loading fails (-EIO) if any vector other
 * than 0x41 was taken or the guest did not exit with VMMCALL, and reports
 * "deliveries" summed over all runs.  It does not judge the count: the
 * test script does.  For the selftests only.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/desc.h>
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

#define PROBE_VECTOR	0x41

/* Written by the guest's interrupt stubs (same address space). */
unsigned long vsm_probe_hits[256];

/*
 * The guest: spin RCX times, then VMMCALL.  Every IDT vector enters
 * vsm_probe_isr_N, which counts vsm_probe_hits[N] and returns with IRETQ
 * (no vector with an error code is expected; one would be counted too and
 * the run fails on the count of the wrong vector).
 */
asm(".pushsection .text\n"
    ".globl vsm_probe_guest\n"
    "vsm_probe_guest:\n"
    "1:	dec %rcx\n"
    "	jnz 1b\n"
    "	vmmcall\n"
    "	ud2\n"
    ".popsection\n");

#define ISR(n)							\
	asm(".pushsection .text\n"				\
	    ".globl vsm_probe_isr_" #n "\n"			\
	    "vsm_probe_isr_" #n ":\n"				\
	    "	lock incq vsm_probe_hits + 8 * " #n "(%rip)\n"	\
	    "	iretq\n"					\
	    ".popsection\n")

/* Stubs for the vectors that could plausibly come; the rest count as 255. */
ISR(0); ISR(1); ISR(2); ISR(3); ISR(4); ISR(5); ISR(6); ISR(7); ISR(8);
ISR(13); ISR(14); ISR(32); ISR(65); ISR(236); ISR(251); ISR(252); ISR(253);
ISR(254); ISR(255);

extern const char vsm_probe_guest[];
extern const char vsm_probe_isr_0[], vsm_probe_isr_1[], vsm_probe_isr_2[],
	vsm_probe_isr_3[], vsm_probe_isr_4[], vsm_probe_isr_5[],
	vsm_probe_isr_6[], vsm_probe_isr_7[], vsm_probe_isr_8[],
	vsm_probe_isr_13[], vsm_probe_isr_14[], vsm_probe_isr_65[],
	vsm_probe_isr_32[], vsm_probe_isr_236[], vsm_probe_isr_251[],
	vsm_probe_isr_252[], vsm_probe_isr_253[], vsm_probe_isr_254[],
	vsm_probe_isr_255[];

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

static void seg(struct vmcb_seg *s, u16 sel, u16 attrib)
{
	s->selector = sel;
	s->attrib = attrib;
	s->limit = 0xffffffff;
	s->base = 0;
}

struct probe_pages {
	struct vmcb *vmcb;
	void *hsave, *msrpm, *iopm, *stack;
	struct probe_gate *idt;
};

static u64 run_guest(struct probe_pages *p)
{
	struct vmcb *v = p->vmcb;
	struct desc_ptr gdt;
	unsigned long flags, rcx = loops;
	u64 efer, vmcb_pa = __pa(v);

	memset(v, 0, PAGE_SIZE);
	v->control.intercepts[INTERCEPT_WORD4] = BIT(INTERCEPT_VMRUN & 31) |
						 BIT(INTERCEPT_VMMCALL & 31);
	v->control.iopm_base_pa = __pa(p->iopm);
	v->control.msrpm_base_pa = __pa(p->msrpm);
	v->control.asid = 1;
	v->control.event_inj = SVM_EVTINJ_VALID | SVM_EVTINJ_TYPE_INTR | PROBE_VECTOR;

	native_store_gdt(&gdt);
	seg(&v->save.cs, __KERNEL_CS, 0xa9b);	/* 64-bit code, G */
	seg(&v->save.ss, __KERNEL_DS, 0xc93);	/* data, D/B, G */
	seg(&v->save.ds, 0, 0);
	seg(&v->save.es, 0, 0);
	v->save.gdtr.base = gdt.address;
	v->save.gdtr.limit = gdt.size;
	v->save.idtr.base = (unsigned long)p->idt;
	v->save.idtr.limit = 256 * sizeof(struct probe_gate) - 1;
	v->save.cr0 = native_read_cr0();
	v->save.cr3 = __read_cr3();
	v->save.cr4 = __read_cr4();
	v->save.dr6 = 0xffff0ff0;
	v->save.dr7 = 0x400;
	v->save.rflags = X86_EFLAGS_FIXED;	/* IF clear */
	v->save.rip = (unsigned long)vsm_probe_guest;
	v->save.rsp = (unsigned long)p->stack + PAGE_SIZE;

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

static int __init vsm_svm_intr_probe_init(void)
{
	struct probe_pages p;
	unsigned long total = 0, other = 0;
	unsigned int i, v;
	int ret = 0;

	if (!boot_cpu_has(X86_FEATURE_SVM)) {
		pr_info("no SVM\n");
		return -ENODEV;
	}
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
	pr_info("runs=%u deliveries=%lu other=%lu\n", i, total, other);
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
