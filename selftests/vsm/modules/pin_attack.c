// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_pin_attack - plays a compromised kernel that turns off the CPU's own
 * protections, with raw instructions (Linux's own CR pinning in
 * native_write_cr4() would get in the way of a real attacker no more than
 * this).  For the selftests only.
 *
 * mode=cr4: clear CR4.SMEP, SMAP and UMIP (those that are set).
 * mode=cr0: clear CR0.WP.
 * mode=cr0ne: clear CR0.WP and CR0.NE in one write (NE is fixed to 1 in
 *	VMX operation: the write may #GP, which is caught, but it must never
 *	reach the CPU's state or the hypervisor's VM entry).
 * mode=idt: load an identical copy of the IDT at another address.
 * mode=gdt: load an identical copy of the GDT at another address.
 * mode=ltr, mode=lldt: write a TSS (LDT) descriptor with a non-canonical
 *	base into the GDT's free LDT slot and load it.  The CPU refuses that
 *	with #GP; where vsm emulates LTR and LLDT (VMX, from the lock on) it
 *	must refuse it too, since such a TR or LDTR would fail the next VM
 *	entry.  The fault is caught; a load that took is undone.
 *
 * Every CPU tries, with interrupts off, and reads the register back; where
 * the attack worked it puts the old value back (the copies are identical,
 * so even a working attack leaves the host running).  Loading succeeds only
 * if no CPU's register changed; what each CPU saw is logged.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <asm/asm.h>
#include <asm/desc.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>

static char *mode = "cr4";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "cr4, cr0, cr0ne, idt, gdt, ltr or lldt");

static atomic_t changed = ATOMIC_INIT(0);
static unsigned long copies[NR_CPUS];

static void raw_write_cr4(unsigned long val)
{
	asm volatile("mov %0, %%cr4" : : "r"(val) : "memory");
}

static void raw_write_cr0(unsigned long val)
{
	asm volatile("mov %0, %%cr0" : : "r"(val) : "memory");
}

/* False if the write faulted (#GP), as MOV to CR0 may in VMX operation. */
static bool raw_write_cr0_safe(unsigned long val)
{
	int done = 0;

	asm volatile("1: mov %1, %%cr0\n\tmovl $1, %0\n2:\n"
		     _ASM_EXTABLE(1b, 2b)
		     : "+r"(done) : "r"(val) : "memory");
	return done;
}

static void attack_cr4(void)
{
	unsigned long old = __read_cr4(), now;
	unsigned long bits = old & (X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_UMIP);

	raw_write_cr4(old & ~bits);
	now = __read_cr4();
	if (now != old) {
		raw_write_cr4(old);
		atomic_inc(&changed);
	}
	pr_info("cpu %d: cr4 %#lx, wrote %#lx, read back %#lx\n",
		smp_processor_id(), old, old & ~bits, now);
}

static void attack_cr0(unsigned long bits)
{
	unsigned long old = read_cr0(), now;
	bool wrote = raw_write_cr0_safe(old & ~bits);

	now = read_cr0();
	if (now != old)
		raw_write_cr0(old);
	/* NE is no protection: AMD CPUs let it be cleared. */
	if ((now ^ old) & X86_CR0_WP)
		atomic_inc(&changed);
	pr_info("cpu %d: cr0 %#lx, wrote %#lx%s, read back %#lx\n",
		smp_processor_id(), old, old & ~bits, wrote ? "" : " (#GP)", now);
}

/* Load a copy of the IDT or GDT the CPU uses now; put it back if it took. */
static void attack_table(bool idt)
{
	unsigned long copy = copies[smp_processor_id()];
	struct desc_ptr old, new, now;

	if (idt)
		store_idt(&old);
	else
		native_store_gdt(&old);
	memcpy((void *)copy, (void *)old.address, old.size + 1);
	new.address = copy;
	new.size = old.size;
	if (idt) {
		asm volatile("lidt %0" : : "m"(new));
		store_idt(&now);
	} else {
		asm volatile("lgdt %0" : : "m"(new));
		native_store_gdt(&now);
	}
	if (now.address != old.address || now.size != old.size) {
		if (idt)
			asm volatile("lidt %0" : : "m"(old));
		else
			asm volatile("lgdt %0" : : "m"(old));
		atomic_inc(&changed);
	}
	pr_info("cpu %d: %s %#lx, loaded a copy at %#lx, read back %#lx\n",
		smp_processor_id(), idt ? "idt" : "gdt", old.address, copy,
		now.address);
}

/* False if the load faulted (#GP), as it must for a non-canonical base. */
static bool load_sel_safe(bool ltr, u16 sel)
{
	int done = 0;

	if (ltr)
		asm volatile("1: ltr %w1\n\tmovl $1, %0\n2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "+r"(done) : "r"(sel) : "memory");
	else
		asm volatile("1: lldt %w1\n\tmovl $1, %0\n2:\n"
			     _ASM_EXTABLE(1b, 2b)
			     : "+r"(done) : "r"(sel) : "memory");
	return done;
}

static u16 store_sel(bool ltr)
{
	u16 sel;

	if (ltr)
		asm volatile("str %0" : "=r"(sel));
	else
		asm volatile("sldt %0" : "=r"(sel));
	return sel;
}

/*
 * A system descriptor (TSS or LDT, 16 bytes) whose base is not canonical,
 * in the slot Linux keeps for the LDT (free: this task has none).
 */
static void attack_sel(bool ltr)
{
	struct desc_struct *gdt = get_current_gdt_rw();
	u16 sel = GDT_ENTRY_LDT * 8, old_sel = store_sel(ltr), now;
	struct ldttss_desc bad = {
		.limit0 = ltr ? 0x67 : 0xfff,
		.type = ltr ? DESC_TSS : DESC_LDT,
		.p = 1,
		.base3 = 0x00008000,	/* base 0x0000800000000000 */
	};
	struct ldttss_desc saved;
	bool faulted;

	memcpy(&saved, &gdt[GDT_ENTRY_LDT], sizeof(saved));
	memcpy(&gdt[GDT_ENTRY_LDT], &bad, sizeof(bad));
	faulted = !load_sel_safe(ltr, sel);
	now = store_sel(ltr);
	if (now != old_sel) {
		/* It took: put the old one back (TR: its descriptor is busy). */
		if (ltr) {
			struct ldttss_desc *tss = (void *)&gdt[old_sel >> 3];

			tss->type = DESC_TSS;
		}
		load_sel_safe(ltr, old_sel);
		atomic_inc(&changed);
	}
	memcpy(&gdt[GDT_ENTRY_LDT], &saved, sizeof(saved));
	pr_info("cpu %d: %s %#x, loaded %#x with a non-canonical base%s, read back %#x\n",
		smp_processor_id(), ltr ? "tr" : "ldtr", old_sel, sel,
		faulted ? " (#GP)" : "", now);
}

static void attack(void *unused)
{
	if (!strcmp(mode, "cr4"))
		attack_cr4();
	else if (!strcmp(mode, "cr0"))
		attack_cr0(X86_CR0_WP);
	else if (!strcmp(mode, "cr0ne"))
		attack_cr0(X86_CR0_WP | X86_CR0_NE);
	else if (!strcmp(mode, "ltr") || !strcmp(mode, "lldt"))
		attack_sel(!strcmp(mode, "ltr"));
	else
		attack_table(!strcmp(mode, "idt"));
}

/* Free the copies still held (init frees them when no table changed). */
static void free_copies(void)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		free_page(copies[cpu]);
		copies[cpu] = 0;
	}
}

static int __init vsm_pin_attack_init(void)
{
	int cpu;

	if (strcmp(mode, "cr4") && strcmp(mode, "cr0") && strcmp(mode, "cr0ne") &&
	    strcmp(mode, "idt") && strcmp(mode, "gdt") && strcmp(mode, "ltr") &&
	    strcmp(mode, "lldt"))
		return -EINVAL;
	for_each_possible_cpu(cpu) {
		copies[cpu] = get_zeroed_page(GFP_KERNEL);
		if (!copies[cpu]) {
			free_copies();
			return -ENOMEM;
		}
	}
	on_each_cpu(attack, NULL, 1);
	pr_info("%s: %d CPUs changed\n", mode, atomic_read(&changed));
	/* A table that did change stays in use until it is put back: keep it. */
	if (!atomic_read(&changed))
		free_copies();
	return atomic_read(&changed) ? -EIO : 0;
}

static void __exit vsm_pin_attack_exit(void)
{
	free_copies();
}

module_init(vsm_pin_attack_init);
module_exit(vsm_pin_attack_exit);
MODULE_DESCRIPTION("vsm selftest: a kernel module that unpins CPU state");
MODULE_LICENSE("GPL");
