// SPDX-License-Identifier: GPL-2.0
/*
 * What both vendors need to launch a CPU: its state, as the secure world
 * needs it to make the CPU's Linux its guest (a VMCB or a VMCS), and the
 * page tables it enters the secure world on.  Linux's own CR4 shadow stays
 * coherent because nothing here changes CR4.
 */
#include <linux/build_bug.h>
#include <linux/printk.h>
#include <linux/string.h>
#include <linux/smp.h>
#include <asm/debugreg.h>
#include <asm/desc.h>
#include <asm/msr.h>
#include <asm/special_insns.h>

#include "capture.h"
#include "region.h"

static_assert(offsetof(struct vsm_cpu_state, rflags) == 64);
static_assert(offsetof(struct vsm_cpu_state, rsp) == 72);
static_assert(offsetof(struct vsm_cpu_state, rip) == 80);

/* Access rights of a selector in VMCB layout, via LAR; 0 for null. */
static u16 seg_attrib(u16 sel)
{
	u32 ar = 0;
	bool ok;

	if (!(sel & ~3))
		return 0;
	asm("lar %k2, %0\n\tsetz %1" : "+r"(ar), "=qm"(ok) : "r"((u32)sel));
	if (!ok)
		return 0;
	return ((ar >> 8) & 0xff) | ((ar >> 12) & 0xf00);
}

static u32 seg_limit(u16 sel)
{
	u32 limit = 0;
	bool ok;

	if (!(sel & ~3))
		return 0;
	asm("lsl %k2, %0\n\tsetz %1" : "+r"(limit), "=qm"(ok) : "r"((u32)sel));
	return ok ? limit : 0;
}

/* The base of a 16-byte system descriptor (LDT, TSS) in the GDT. */
static u64 system_seg_base(unsigned long gdt, u16 sel)
{
	const struct ldttss_desc *d = (const void *)(gdt + (sel & ~7));

	return d->base0 | (u64)d->base1 << 16 | (u64)d->base2 << 24 |
	       (u64)d->base3 << 32;
}

static void capture_seg(struct vsm_seg_state *s, u16 sel)
{
	s->selector = sel;
	s->attrib = seg_attrib(sel);
	s->limit = seg_limit(sel);
	s->base = 0;	/* CS, SS, DS and ES have no base in 64-bit mode */
}

/**
 * vsm_capture_state() - record the calling CPU's state for the launch
 * @s: filled in (but @rsp, @rip and @rflags, which the launch stub records)
 *
 * Everything both vendors need; AMD takes FS, GS, TR, LDTR and the
 * sysenter MSRs from VMSAVE instead.
 */
void vsm_capture_state(struct vsm_cpu_state *s)
{
	struct desc_ptr gdt, idt;
	u16 sel;

	s->cr0 = read_cr0();
	s->cr2 = read_cr2();
	s->cr3 = __read_cr3();
	s->cr4 = __read_cr4();
	get_debugreg(s->dr6, 6);
	get_debugreg(s->dr7, 7);
	rdmsrl(MSR_EFER, s->efer);
	rdmsrl(MSR_IA32_CR_PAT, s->pat);
	native_store_gdt(&gdt);
	store_idt(&idt);
	s->gdtr_base = gdt.address;
	s->gdtr_limit = gdt.size;
	s->idtr_base = idt.address;
	s->idtr_limit = idt.size;
	savesegment(cs, sel);
	capture_seg(&s->cs, sel);
	savesegment(ss, sel);
	capture_seg(&s->ss, sel);
	savesegment(ds, sel);
	capture_seg(&s->ds, sel);
	savesegment(es, sel);
	capture_seg(&s->es, sel);
	savesegment(fs, sel);
	capture_seg(&s->fs, sel);
	rdmsrl(MSR_FS_BASE, s->fs.base);
	savesegment(gs, sel);
	capture_seg(&s->gs, sel);
	rdmsrl(MSR_GS_BASE, s->gs.base);
	asm("sldt %0" : "=r"(sel));
	capture_seg(&s->ldtr, sel);
	s->ldtr.base = sel ? system_seg_base(gdt.address, sel) : 0;
	asm("str %0" : "=r"(sel));
	capture_seg(&s->tr, sel);
	s->tr.base = system_seg_base(gdt.address, sel);
	rdmsrl(MSR_IA32_SYSENTER_CS, s->sysenter_cs);
	rdmsrl(MSR_IA32_SYSENTER_ESP, s->sysenter_esp);
	rdmsrl(MSR_IA32_SYSENTER_EIP, s->sysenter_eip);
}


/* Linux's kernel half next to the secure world's slot (see sw_abi.h). */
/**
 * vsm_build_trampoline() - the page tables a CPU enters the secure world on
 * @r: the region
 * @tramp: the CPU's trampoline PML4
 *
 * Linux's kernel half next to the secure world's slot (see sw_abi.h).
 *
 * Return: 0, or -EBUSY if Linux uses the slot.
 */
int vsm_build_trampoline(struct vsm_region *r, u64 *tramp)
{
	const u64 *linux_pml4 = __va(__read_cr3() & PAGE_MASK);
	unsigned int i;

	if (linux_pml4[VSM_SW_PML4_SLOT]) {
		pr_err("PML4 slot %d (the x86-64 hypervisor hole) is in use by Linux; cannot launch (please report this kernel's configuration)\n",
		       VSM_SW_PML4_SLOT);
		return -EBUSY;
	}
	memset(tramp, 0, PAGE_SIZE);
	for (i = VSM_SW_PML4_SLOT + 1; i < 512; i++)
		tramp[i] = linux_pml4[i];
	tramp[VSM_SW_PML4_SLOT] = r->sw_root[VSM_SW_PML4_SLOT];
	return 0;
}

