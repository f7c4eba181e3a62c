// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU start of the secure world: its own GDT, TSS and IDT, then the
 * vendor code takes the CPU's current state as its first guest.
 */
#include "../include/sw.h"
#include "../include/x86.h"

#define SEL_CODE	0x08
#define SEL_DATA	0x10
#define SEL_TSS		0x18

#define IST_FATAL	1	/* #DF, #MC: known-good stack (IST page, low half) */
#define IST_NMI		2	/* NMI: IST page, high half, counter on top */

struct tss64 {
	u32 reserved0;
	u64 rsp[3];
	u64 reserved1;
	u64 ist[7];
	u64 reserved2;
	u16 reserved3;
	u16 iopb_offset;
} __packed;

struct idt_gate {
	u16 offset_low;
	u16 selector;
	u8 ist;
	u8 type_attr;
	u16 offset_mid;
	u32 offset_high;
	u32 reserved;
} __packed;

struct desc_ptr {
	u16 limit;
	u64 base;
} __packed;

_Static_assert(sizeof(struct tss64) == 104, "TSS size");
_Static_assert(__builtin_offsetof(struct vsm_sw_cpu, guest_ctl_pa) ==
	       VSM_SW_CPU_GUEST_CTL_PA, "asm offset");
_Static_assert(__builtin_offsetof(struct vsm_sw_cpu, host_vmcb_pa) ==
	       VSM_SW_CPU_HOST_VMCB_PA, "asm offset");
_Static_assert(__builtin_offsetof(struct vsm_sw_cpu, stack_top) ==
	       VSM_SW_CPU_STACK_TOP, "asm offset");
_Static_assert(__builtin_offsetof(struct vsm_sw_cpu, gprs) ==
	       VSM_SW_CPU_GPRS, "asm offset");
_Static_assert(__builtin_offsetof(struct vsm_sw_boot, sw_cr3) ==
	       VSM_SW_BOOT_SW_CR3, "asm offset");
_Static_assert(sizeof(struct vsm_sw_cpu) <= VSM_PAGE_SIZE, "per-CPU data");

static struct idt_gate sw_idt[32] __aligned(16);

static void set_gate(unsigned int vector, u64 handler, unsigned int ist)
{
	struct idt_gate *g = &sw_idt[vector];

	g->offset_low = (u16)handler;
	g->selector = SEL_CODE;
	g->ist = (u8)ist;
	g->type_attr = 0x8e;	/* present, DPL 0, 64-bit interrupt gate */
	g->offset_mid = (u16)(handler >> 16);
	g->offset_high = (u32)(handler >> 32);
	g->reserved = 0;
}

static void build_idt(void)
{
	unsigned int v;

	for (v = 0; v < 32; v++)
		set_gate(v, (u64)(uintptr_t)(sw_exception_stubs + 16 * v),
			 (v == 8 || v == 18) ? IST_FATAL : 0);
	set_gate(2, (u64)(uintptr_t)sw_nmi_entry, IST_NMI);
}

/* The NMI counter sw_nmi_entry increments: the top quadword pair of the page. */
static u64 *nmi_counter(struct vsm_sw_cpu *c)
{
	return (u64 *)((u8 *)sw_cpu_page(c, VSM_CPU_PAGE_IST) + VSM_PAGE_SIZE - 16);
}

/**
 * sw_nmi_count() - NMIs this CPU has taken inside the secure world
 * @c: this CPU
 *
 * Return: the count; only the vendor code's deliberate windows change it.
 */
u64 sw_nmi_count(struct vsm_sw_cpu *c)
{
	return __atomic_load_n(nmi_counter(c), __ATOMIC_SEQ_CST);
}

static void build_gdt(u64 *gdt, struct tss64 *tss)
{
	u64 base = (u64)(uintptr_t)tss;
	u64 limit = sizeof(*tss) - 1;

	gdt[0] = 0;
	gdt[1] = 0x00af9b000000ffffULL;	/* 64-bit code, DPL 0 */
	gdt[2] = 0x00cf93000000ffffULL;	/* data, DPL 0 */
	gdt[3] = (limit & 0xffff) | (base & 0xffffff) << 16 |
		 0x89ULL << 40 |	/* present, available 64-bit TSS */
		 ((limit >> 16) & 0xf) << 48 | ((base >> 24) & 0xff) << 56;
	gdt[4] = base >> 32;
}

/**
 * sw_cpu_setup_descriptors() - switch this CPU to the secure world's tables
 * @c: this CPU
 *
 * Linux's GDT, IDT and TSS are left untouched (its GDT is read-only and its
 * TSS busy): the secure world loads its own and never executes LTR on a
 * Linux descriptor.
 */
void sw_cpu_setup_descriptors(struct vsm_sw_cpu *c)
{
	u64 *gdt = sw_cpu_page(c, VSM_CPU_PAGE_GDT_TSS);
	struct tss64 *tss = (struct tss64 *)(gdt + 8);
	struct desc_ptr gdtr = { 5 * 8 - 1, (u64)(uintptr_t)gdt };
	struct desc_ptr idtr = { sizeof(sw_idt) - 1, (u64)(uintptr_t)sw_idt };

	memset(tss, 0, sizeof(*tss));
	tss->ist[IST_FATAL - 1] = (u64)(uintptr_t)sw_cpu_page(c, VSM_CPU_PAGE_IST) +
				  VSM_PAGE_SIZE / 2;
	/* The NMI frame ends just below the counter (16-byte aligned). */
	tss->ist[IST_NMI - 1] = (u64)(uintptr_t)nmi_counter(c);
	*nmi_counter(c) = 0;
	c->nmis_passed = 0;
	tss->iopb_offset = sizeof(*tss);
	build_gdt(gdt, tss);
	build_idt();

	asm volatile("lgdt %0" : : "m"(gdtr));
	asm volatile("pushq %0\n\t"
		     "leaq 1f(%%rip), %%rax\n\t"
		     "pushq %%rax\n\t"
		     "lretq\n"
		     "1:"
		     : : "i"(SEL_CODE) : "rax", "memory");
	asm volatile("mov %0, %%ss\n\t"
		     "mov %0, %%ds\n\t"
		     "mov %0, %%es" : : "r"(SEL_DATA));
	asm volatile("lldt %w0" : : "r"(0));
	asm volatile("ltr %w0" : : "r"(SEL_TSS));
	asm volatile("lidt %0" : : "m"(idtr));
}

void sw_count_exit(struct vsm_sw_cpu *c, enum vsm_exit_class cls)
{
	c->exits[cls < VSM_EXIT_CLASSES ? cls : VSM_EXIT_OTHER]++;
}

/**
 * sw_cpu_start() - first C code on a CPU entering the secure world
 * @c: this CPU's data
 *
 * Called from sw_entry on the secure world's page tables and stack, with
 * interrupts off.  Lets the vendor code capture what it needs of Linux's
 * registers while they still hold Linux's values, installs the secure
 * world's descriptors, and hands over to the vendor code.
 */
void __noreturn sw_cpu_start(struct vsm_sw_cpu *c);
void __noreturn sw_cpu_start(struct vsm_sw_cpu *c)
{
	static u32 map_checked;

	arch_cpu_capture(c);
	sw_cpu_setup_descriptors(c);
	if (!__atomic_exchange_n(&map_checked, 1, __ATOMIC_ACQ_REL))
		sw_host_map_check();
	sw_host_windows_init(c);
	arch_cpu_run(c);
}

/**
 * sw_exception() - an exception inside the secure world: a bug
 * @vector: the vector
 * @error: the error code, or 0
 * @rip: where it happened
 */
void __noreturn sw_exception(u64 vector, u64 error, u64 rip);
void __noreturn sw_exception(u64 vector, u64 error, u64 rip)
{
	u64 cr2;

	asm volatile("mov %%cr2, %0" : "=r"(cr2));
	sw_puts("\nvsm secure world: exception ");
	sw_put_hex(vector);
	sw_puts(" error ");
	sw_put_hex(error);
	sw_puts(" rip ");
	sw_put_hex(rip);
	sw_puts(" cr2 ");
	sw_put_hex(cr2);
	sw_panic("CPU stopped", vector);
}
