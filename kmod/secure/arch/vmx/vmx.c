// SPDX-License-Identifier: GPL-2.0
/*
 * Intel VMX: the host kernel becomes the guest of a VMCS built from the
 * state it had at launch, behind EPT that leaves the secure region out.
 * Exits: what VMX always intercepts (CPUID, VMCALL, the VMX instructions,
 * XSETBV, INVD, GETSEC, INIT, triple faults), the two reset ports through
 * the I/O bitmaps, and EPT violations in the secure region.  No MSR
 * exits (EFER and PAT are switched by the VMCS); CR4.VMXE, which VMX
 * needs set, is masked and shadowed so the host never sees it.  Nothing on
 * the host's hot paths exits.
 */
#include "../../include/sw.h"
#include "../../include/x86.h"
#include "../../../common/insn.h"
#include "../../../common/paging.h"
#include "../../../common/vmx/vmcs.h"
#include "vmx.h"

#define GUEST_VPID		1
#define CPUID1_ECX_VMX		VSM_BIT(5)
#define RFLAGS_CF_ZF		(VSM_BIT64(0) | VSM_BIT64(6))

/* The secure world's descriptors (core/cpu.c): GDT selectors, TSS offset. */
#define SW_SEL_CODE		0x08
#define SW_SEL_DATA		0x10
#define SW_SEL_TSS		0x18
#define SW_TSS_OFFSET		64

#define VMX_OP_VMXON	0
#define VMX_OP_VMCLEAR	1
#define VMX_OP_VMPTRLD	2

/* VMXON, VMCLEAR, VMPTRLD of @pa: false if the CPU refused (CF or ZF set). */
static bool vmx_op(u64 pa, int which)
{
	u64 rflags;

	if (which == VMX_OP_VMXON)
		asm volatile("vmxon %1\n\tpushfq\n\tpopq %0" : "=r"(rflags) : "m"(pa) : "cc", "memory");
	else if (which == VMX_OP_VMCLEAR)
		asm volatile("vmclear %1\n\tpushfq\n\tpopq %0" : "=r"(rflags) : "m"(pa) : "cc", "memory");
	else
		asm volatile("vmptrld %1\n\tpushfq\n\tpopq %0" : "=r"(rflags) : "m"(pa) : "cc", "memory");
	return !(rflags & RFLAGS_CF_ZF);
}

static struct vsm_cpu_state *launch_of(struct vsm_sw_cpu *c)
{
	return &c->launch;
}

static void guest_segment(enum vmx_seg s, const struct vsm_seg_state *seg)
{
	vmcs_write(VMCS_GUEST_ES_SEL + 2 * s, seg->selector);
	vmcs_write(VMCS_GUEST_ES_BASE + 2 * s, seg->base);
	vmcs_write(VMCS_GUEST_ES_LIMIT + 2 * s, seg->limit);
	vmcs_write(VMCS_GUEST_ES_AR + 2 * s, vmx_segment_ar(seg->selector, seg->attrib));
}

static void fill_guest_state(const struct vsm_cpu_state *s)
{
	vmcs_write(VMCS_GUEST_CR0, s->cr0);
	vmcs_write(VMCS_GUEST_CR3, s->cr3);
	vmcs_write(VMCS_GUEST_CR4, s->cr4 | CR4_VMXE);
	vmcs_write(VMCS_CR4_MASK, CR4_VMXE);
	vmcs_write(VMCS_CR4_SHADOW, s->cr4);
	vmcs_write(VMCS_CR0_MASK, 0);
	vmcs_write(VMCS_GUEST_DR7, s->dr7);
	vmcs_write(VMCS_GUEST_RSP, s->rsp);
	vmcs_write(VMCS_GUEST_RIP, s->rip);
	vmcs_write(VMCS_GUEST_RFLAGS, s->rflags);
	guest_segment(VMX_ES, &s->es);
	guest_segment(VMX_CS, &s->cs);
	guest_segment(VMX_SS, &s->ss);
	guest_segment(VMX_DS, &s->ds);
	guest_segment(VMX_FS, &s->fs);
	guest_segment(VMX_GS, &s->gs);
	guest_segment(VMX_LDTR, &s->ldtr);
	guest_segment(VMX_TR, &s->tr);
	vmcs_write(VMCS_GUEST_GDTR_BASE, s->gdtr_base);
	vmcs_write(VMCS_GUEST_GDTR_LIMIT, s->gdtr_limit);
	vmcs_write(VMCS_GUEST_IDTR_BASE, s->idtr_base);
	vmcs_write(VMCS_GUEST_IDTR_LIMIT, s->idtr_limit);
	vmcs_write(VMCS_GUEST_SYSENTER_CS, s->sysenter_cs);
	vmcs_write(VMCS_GUEST_SYSENTER_ESP, s->sysenter_esp);
	vmcs_write(VMCS_GUEST_SYSENTER_EIP, s->sysenter_eip);
	vmcs_write(VMCS_GUEST_EFER, s->efer);
	vmcs_write(VMCS_GUEST_PAT, s->pat);
	vmcs_write(VMCS_GUEST_DEBUGCTL, 0);
	vmcs_write(VMCS_LINK_POINTER, ~0ULL);
	vmcs_write(VMCS_GUEST_ACTIVITY, 0);
	vmcs_write(VMCS_GUEST_INTERRUPTIBILITY, 0);
	vmcs_write(VMCS_GUEST_PENDING_DBG, 0);
}

/* The secure world's own state, loaded at every exit. */
static void fill_host_state(struct vsm_sw_cpu *c)
{
	u8 *gdt = sw_cpu_page(c, VSM_CPU_PAGE_GDT_TSS);
	struct { u16 limit; u64 base; } __packed idtr;
	u64 cr;

	asm volatile("mov %%cr0, %0" : "=r"(cr));
	vmcs_write(VMCS_HOST_CR0, cr);
	asm volatile("mov %%cr3, %0" : "=r"(cr));
	vmcs_write(VMCS_HOST_CR3, cr);
	asm volatile("mov %%cr4, %0" : "=r"(cr));
	vmcs_write(VMCS_HOST_CR4, cr);
	asm volatile("sidt %0" : "=m"(idtr));
	vmcs_write(VMCS_HOST_ES_SEL + 2 * VMX_ES, SW_SEL_DATA);
	vmcs_write(VMCS_HOST_ES_SEL + 2 * VMX_CS, SW_SEL_CODE);
	vmcs_write(VMCS_HOST_ES_SEL + 2 * VMX_SS, SW_SEL_DATA);
	vmcs_write(VMCS_HOST_ES_SEL + 2 * VMX_DS, SW_SEL_DATA);
	vmcs_write(VMCS_HOST_ES_SEL + 2 * VMX_FS, 0);
	vmcs_write(VMCS_HOST_ES_SEL + 2 * VMX_GS, 0);
	/* The host-state TR selector has no LDTR slot before it. */
	vmcs_write(VMCS_HOST_ES_SEL + 2 * (VMX_TR - 1), SW_SEL_TSS);
	vmcs_write(VMCS_HOST_FS_BASE, 0);
	vmcs_write(VMCS_HOST_GS_BASE, 0);
	vmcs_write(VMCS_HOST_TR_BASE, (u64)(uintptr_t)(gdt + SW_TSS_OFFSET));
	vmcs_write(VMCS_HOST_GDTR_BASE, (u64)(uintptr_t)gdt);
	vmcs_write(VMCS_HOST_IDTR_BASE, idtr.base);
	vmcs_write(VMCS_HOST_SYSENTER_CS, 0);
	vmcs_write(VMCS_HOST_SYSENTER_ESP, 0);
	vmcs_write(VMCS_HOST_SYSENTER_EIP, 0);
	vmcs_write(VMCS_HOST_EFER, rdmsr(MSR_EFER));
	vmcs_write(VMCS_HOST_PAT, rdmsr(MSR_PAT));
}

/* A control word from vsm's wishes and the CPU's capability MSR. */
static int control(u64 field, u32 want, u32 need, u32 msr, u32 true_msr)
{
	u64 cap = rdmsr(rdmsr(MSR_IA32_VMX_BASIC) & VMX_BASIC_TRUE_CONTROLS ? true_msr : msr);
	u32 v;

	if (vmx_adjust_controls(want, need, cap, &v))
		return -EOPNOTSUPP;
	vmcs_write(field, v);
	return 0;
}

static int fill_controls(void)
{
	u32 proc2 = VMX_PROC2_EPT | VMX_PROC2_RDTSCP | VMX_PROC2_VPID |
		    VMX_PROC2_INVPCID | VMX_PROC2_XSAVES;
	u8 *msr_bitmap = sw_va(vsm_boot.msrpm_pa);
	int ret;

	ret = control(VMCS_PIN_CONTROLS, 0, 0, MSR_IA32_VMX_PINBASED,
		      MSR_IA32_VMX_TRUE_PINBASED);
	ret = ret ?: control(VMCS_PROC_CONTROLS,
			     VMX_PROC_USE_IO_BITMAPS | VMX_PROC_USE_MSR_BITMAPS |
			     VMX_PROC_SECONDARY,
			     VMX_PROC_USE_IO_BITMAPS | VMX_PROC_USE_MSR_BITMAPS |
			     VMX_PROC_SECONDARY,
			     MSR_IA32_VMX_PROCBASED, MSR_IA32_VMX_TRUE_PROCBASED);
	/* The secondary controls have no "true" MSR. */
	ret = ret ?: control(VMCS_PROC2_CONTROLS, proc2, VMX_PROC2_EPT,
			     MSR_IA32_VMX_PROCBASED2, MSR_IA32_VMX_PROCBASED2);
	ret = ret ?: control(VMCS_EXIT_CONTROLS,
			     VMX_EXIT_SAVE_DEBUG | VMX_EXIT_HOST_64 | VMX_EXIT_SAVE_PAT |
			     VMX_EXIT_LOAD_PAT | VMX_EXIT_SAVE_EFER | VMX_EXIT_LOAD_EFER,
			     VMX_EXIT_HOST_64 | VMX_EXIT_SAVE_EFER | VMX_EXIT_LOAD_EFER,
			     MSR_IA32_VMX_EXIT, MSR_IA32_VMX_TRUE_EXIT);
	ret = ret ?: control(VMCS_ENTRY_CONTROLS,
			     VMX_ENTRY_LOAD_DEBUG | VMX_ENTRY_GUEST_64 | VMX_ENTRY_LOAD_PAT |
			     VMX_ENTRY_LOAD_EFER,
			     VMX_ENTRY_GUEST_64 | VMX_ENTRY_LOAD_EFER,
			     MSR_IA32_VMX_ENTRY, MSR_IA32_VMX_TRUE_ENTRY);
	if (ret)
		return ret;
	vmcs_write(VMCS_EXCEPTION_BITMAP, 0);
	/* The SVM permission-map pages serve as VMX bitmaps (same port layout). */
	vmcs_write(VMCS_IO_BITMAP_A, vsm_boot.iopm_pa);
	vmcs_write(VMCS_IO_BITMAP_B, vsm_boot.iopm_pa + VSM_PAGE_SIZE);
	memset(msr_bitmap, 0, VSM_PAGE_SIZE);
	vmcs_write(VMCS_MSR_BITMAP, vsm_boot.msrpm_pa);
	vmcs_write(VMCS_EPT_POINTER, vsm_boot.npt_root | VMX_EPTP_WB_4LEVEL);
	vmcs_write(VMCS_VPID, GUEST_VPID);
	return 0;
}

/* Turn VMX on for this CPU with its VMXON region and make its VMCS current. */
static int vmx_on(struct vsm_sw_cpu *c)
{
	u32 revision = (u32)rdmsr(MSR_IA32_VMX_BASIC) & 0x7fffffff;
	u32 *vmxon = sw_cpu_page(c, VSM_CPU_PAGE_ROOT_AREA);
	u32 *vmcs = sw_cpu_page(c, VSM_CPU_PAGE_GUEST_CTL);
	u64 cr4;

	asm volatile("mov %%cr4, %0" : "=r"(cr4));
	asm volatile("mov %0, %%cr4" : : "r"(cr4 | CR4_VMXE));
	*vmxon = revision;
	*vmcs = revision;
	if (!vmx_op(c->root_area_pa, VMX_OP_VMXON))
		return -EIO;
	if (!vmx_op(c->guest_ctl_pa, VMX_OP_VMCLEAR) ||
	    !vmx_op(c->guest_ctl_pa, VMX_OP_VMPTRLD))
		return -EIO;
	return 0;
}

/**
 * vmx_cpu_run() - make the launching CPU's state a guest and run it
 * @c: this CPU
 */
void __noreturn vmx_cpu_run(struct vsm_sw_cpu *c)
{
	u8 *iopm = sw_va(vsm_boot.iopm_pa);
	int ret;

	iopm[VSM_PORT_RESET_CTRL / 8] |= 1U << (VSM_PORT_RESET_CTRL % 8);
	iopm[VSM_PORT_KBC_CMD / 8] |= 1U << (VSM_PORT_KBC_CMD % 8);
	ret = vmx_on(c);
	if (ret) {
		sw_puts("\nvsm: VMXON refused\n");
		sw_panic("VMXON", 0);
	}
	fill_guest_state(launch_of(c));
	fill_host_state(c);
	ret = fill_controls();
	if (ret)
		vmx_cpu_devirt(c, ret);
	memset(c->gprs, 0, sizeof(c->gprs));
	c->state = VSM_SW_CPU_RUNNING;
	sw_audit(c, VSM_AEV_CPU_PROTECTED, 0, 0, 0);
	vmx_run_loop(c);
	/* VMLAUNCH failed. */
	sw_puts("\nvsm: VMLAUNCH failed, VM-instruction error ");
	sw_put_hex(vmcs_read(VMCS_INSN_ERROR));
	sw_puts("\n");
	c->state = VSM_SW_CPU_OFF;
	vmx_cpu_devirt(c, -EIO);
}

/* The host's page tables at its last exit on this CPU. */
u64 vmx_host_cr3(struct vsm_sw_cpu *c)
{
	return vmcs_read(VMCS_GUEST_CR3);
}

/*
 * Linux's TSS descriptor is busy; LTR wants it available (type 9).  The
 * byte is written for the host, so only where the host may write.
 */
static void tss_available(struct vsm_sw_cpu *c, u64 cr3, u64 gdt, u16 tr)
{
	u64 pa;
	u8 type;

	if (sw_guest_translate(cr3, gdt + (tr & ~7) + 5, &pa) || !sw_host_write_begin(&pa, 1, 1))
		return;
	type = (*(const u8 *)(uintptr_t)pa & ~0x0f) | 0x09;
	sw_host_store_bytes(c, &pa, &type, 1);
	sw_host_write_done();
}

/**
 * vmx_cpu_devirt() - leave this CPU to Linux, without a hypervisor
 * @c: this CPU
 * @result: value for the caller's RAX
 */
void __noreturn vmx_cpu_devirt(struct vsm_sw_cpu *c, s64 result)
{
	u64 *tramp = sw_cpu_page(c, VSM_CPU_PAGE_TRAMPOLINE);
	struct vmx_leave_state st;
	const u64 *linux_pml4;
	unsigned int i;

	memset(&st, 0, sizeof(st));
	st.gdtr.base = vmcs_read(VMCS_GUEST_GDTR_BASE);
	st.gdtr.limit = (u16)vmcs_read(VMCS_GUEST_GDTR_LIMIT);
	st.idtr.base = vmcs_read(VMCS_GUEST_IDTR_BASE);
	st.idtr.limit = (u16)vmcs_read(VMCS_GUEST_IDTR_LIMIT);
	st.tr = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_TR);
	st.ds = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_DS);
	st.es = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_ES);
	st.ss = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_SS);
	st.cs = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_CS);
	st.dr7 = vmcs_read(VMCS_GUEST_DR7);
	st.rsp = vmcs_read(VMCS_GUEST_RSP);
	st.rflags = vmcs_read(VMCS_GUEST_RFLAGS);
	st.rip = vmcs_read(VMCS_GUEST_RIP);
	st.cr3 = vmcs_read(VMCS_GUEST_CR3);
	st.cr4 = vmcs_read(VMCS_GUEST_CR4) & ~CR4_VMXE;
	/* What the exit loaded with the secure world's values. */
	wrmsr(MSR_SYSENTER_CS, vmcs_read(VMCS_GUEST_SYSENTER_CS));
	wrmsr(MSR_SYSENTER_ESP, vmcs_read(VMCS_GUEST_SYSENTER_ESP));
	wrmsr(MSR_SYSENTER_EIP, vmcs_read(VMCS_GUEST_SYSENTER_EIP));
	wrmsr(MSR_EFER, vmcs_read(VMCS_GUEST_EFER));
	wrmsr(MSR_PAT, vmcs_read(VMCS_GUEST_PAT));
	wrmsr(MSR_FS_BASE, vmcs_read(VMCS_GUEST_ES_BASE + 2 * VMX_FS));
	wrmsr(MSR_GS_BASE, vmcs_read(VMCS_GUEST_ES_BASE + 2 * VMX_GS));
	tss_available(c, st.cr3, st.gdtr.base, st.tr);
	/* Refresh Linux's kernel half: it may have grown since launch. */
	if (sw_host_ram(st.cr3 & VSM_PTE_ADDR, VSM_PAGE_SIZE)) {
		linux_pml4 = (const u64 *)(uintptr_t)(st.cr3 & VSM_PTE_ADDR);
		for (i = VSM_SW_PML4_SLOT + 1; i < 512; i++)
			tramp[i] = linux_pml4[i];
	}
	vmx_op(c->guest_ctl_pa, VMX_OP_VMCLEAR);
	asm volatile("vmxoff" : : : "cc", "memory");
	c->state = VSM_SW_CPU_OFF;
	vmx_leave(&st, sw_pa(tramp), vsm_boot.devirt_tail, result);
}

void __noreturn vmx_resume_failed(struct vsm_sw_cpu *c)
{
	sw_puts("\nvsm: VMRESUME failed, VM-instruction error ");
	sw_put_hex(vmcs_read(VMCS_INSN_ERROR));
	sw_puts("\n");
	/* The host's registers are saved, but its CPU cannot be entered: fail closed. */
	sw_reset_machine(c, "failed VMRESUME", VSM_PORT_RESET_CTRL, 0x06);
}

void vmx_inject_exception(unsigned int vector, bool error)
{
	vmcs_write(VMCS_ENTRY_INTR_INFO, vector | VMX_INTR_HW_EXCEPTION | VMX_INTR_VALID |
		(error ? VMX_INTR_ERROR : 0));
	if (error)
		vmcs_write(VMCS_ENTRY_EXCEPTION_ERROR, 0);
}

/* CR4 as the host sees it: VMXE and the pinned bits come from the shadow. */
u64 vmx_guest_cr4(void)
{
	u64 mask = vmcs_read(VMCS_CR4_MASK);

	return (vmcs_read(VMCS_GUEST_CR4) & ~mask) | (vmcs_read(VMCS_CR4_SHADOW) & mask);
}

/* The host's registers: GPRs as the exit saved them, the rest from the VMCS. */
void vmx_host_regs(const struct vsm_sw_cpu *c, struct vsm_host_regs *r)
{
	memcpy(r->gpr, c->gprs, sizeof(r->gpr));
	r->gpr[VSM_GPR_RSP] = vmcs_read(VMCS_GUEST_RSP);
	r->rip = vmcs_read(VMCS_GUEST_RIP);
	r->rflags = vmcs_read(VMCS_GUEST_RFLAGS);
	r->cr3 = vmcs_read(VMCS_GUEST_CR3);
	r->fs_base = vmcs_read(VMCS_GUEST_ES_BASE + 2 * VMX_FS);
	r->gs_base = vmcs_read(VMCS_GUEST_ES_BASE + 2 * VMX_GS);
}

/* Write back what an emulation changed: GPRs and RIP. */
void vmx_put_host_regs(struct vsm_sw_cpu *c, const struct vsm_host_regs *r)
{
	memcpy(c->gprs, r->gpr, sizeof(c->gprs));
	vmcs_write(VMCS_GUEST_RSP, r->gpr[VSM_GPR_RSP]);
	vmcs_write(VMCS_GUEST_RIP, r->rip);
}

/* An EPT violation: a write into the locked kernel image, or containment. */
static void handle_ept_violation(struct vsm_sw_cpu *c)
{
	u64 gpa = vmcs_read(VMCS_GUEST_PHYS_ADDR), q = vmcs_read(VMCS_EXIT_QUALIFICATION);
	bool in_walk = (q & VMX_EPT_QUAL_GLA_VALID) && !(q & VMX_EPT_QUAL_GLA_FINAL);
	struct vsm_host_regs r;

	sw_count_exit(c, VSM_EXIT_NPF);
	if (sw_npt_spurious(gpa, q & VMX_EPT_QUAL_WRITE, q & VMX_EPT_QUAL_FETCH)) {
		vmx_invept_all();
		return;
	}
	if (sw_text_protected(gpa) && (q & VMX_EPT_QUAL_WRITE) && !in_walk) {
		vmx_host_regs(c, &r);
		if (sw_text_write(c, &r, gpa))
			vmx_inject_exception(X86_GP_VECTOR, true);
		else
			vmx_put_host_regs(c, &r);
		return;
	}
	vmx_host_regs(c, &r);
	if (sw_contain_access(c, &r, gpa, q, q & VMX_EPT_QUAL_FETCH))
		vmx_inject_exception(X86_GP_VECTOR, true);
	else
		vmx_put_host_regs(c, &r);
	/* The EPT entry changed: forget what the TLB cached for it. */
	vmx_invept_all();
}

static void skip_insn(void)
{
	vmcs_write(VMCS_GUEST_RIP, vmcs_read(VMCS_GUEST_RIP) + vmcs_read(VMCS_EXIT_INSN_LEN));
}

static void handle_cpuid(struct vsm_sw_cpu *c)
{
	u32 regs[4];

	sw_cpuid(c, (u32)c->gprs[VSM_GPR_RAX], (u32)c->gprs[VSM_GPR_RCX], regs);
	c->gprs[VSM_GPR_RAX] = regs[0];
	c->gprs[VSM_GPR_RBX] = regs[1];
	c->gprs[VSM_GPR_RCX] = regs[2];
	c->gprs[VSM_GPR_RDX] = regs[3];
	skip_insn();
}

static void handle_vmcall(struct vsm_sw_cpu *c)
{
	/* CPL is SS.DPL: hypercalls are for the kernel only. */
	if ((vmcs_read(VMCS_GUEST_ES_AR + 2 * VMX_SS) >> 5) & 3) {
		vmx_inject_exception(X86_UD_VECTOR, false);
		return;
	}
	skip_insn();
	c->gprs[VSM_GPR_RAX] = (u64)sw_hypercall(c, c->gprs[VSM_GPR_RAX],
						 c->gprs[VSM_GPR_RBX],
						 c->gprs[VSM_GPR_RCX],
						 c->gprs[VSM_GPR_RDX]);
}

/* An access to a reset port: pass it through unless it resets. */
static void handle_io(struct vsm_sw_cpu *c)
{
	u64 q = vmcs_read(VMCS_EXIT_QUALIFICATION);
	u16 port = q >> VMX_IO_PORT_SHIFT;
	u32 size = (q & VMX_IO_SIZE_MASK) + 1;
	u32 mask = size == 4 ? 0xffffffffU : (1U << (8 * size)) - 1;
	u64 *rax = &c->gprs[VSM_GPR_RAX];
	u32 val;

	sw_count_exit(c, VSM_EXIT_IO);
	if (q & (VMX_IO_STRING | VMX_IO_REP)) {
		vmx_inject_exception(X86_GP_VECTOR, true);
		return;
	}
	if (q & VMX_IO_IN) {
		val = sw_io_in(port, size);
		*rax = size == 4 ? val : (*rax & ~(u64)mask) | val;
	} else {
		val = *rax & mask;
		if (vsm_io_resets_machine(port, val, size))
			sw_reset_machine(c, port == VSM_PORT_KBC_CMD ?
					 "reset through the keyboard controller" :
					 "reset through port 0xcf9", port, (u8)val);
		sw_io_out(port, size, val);
	}
	skip_insn();
}

static void handle_xsetbv(struct vsm_sw_cpu *c)
{
	u32 lo = (u32)c->gprs[VSM_GPR_RAX], hi = (u32)c->gprs[VSM_GPR_RDX];

	asm volatile("xsetbv" : : "a"(lo), "d"(hi), "c"((u32)c->gprs[VSM_GPR_RCX]));
	skip_insn();
}

static void __noreturn handle_triple_fault(struct vsm_sw_cpu *c)
{
	sw_puts("\nvsm: the host triple-faulted on cpu ");
	sw_put_hex(c->cpu);
	sw_puts(" rip=");
	sw_put_hex(vmcs_read(VMCS_GUEST_RIP));
	sw_puts("\n");
	sw_outb(VSM_PORT_RESET_CTRL, 0x02);
	sw_reset_machine(c, "host triple fault", VSM_PORT_RESET_CTRL, 0x06);
}

/*
 * An exit in the middle of delivering an event (an EPT violation on the
 * way to a handler, say) loses the event unless the next entry delivers
 * it again; a handler that injects an exception replaces it, as the
 * CPU's own fault would.
 */
static void redeliver_event(void)
{
	u32 info = (u32)vmcs_read(VMCS_IDT_VECTORING_INFO);
	u32 type = info & VMX_INTR_TYPE_MASK;

	if (!(info & VMX_INTR_VALID)) {
		vmcs_write(VMCS_ENTRY_INTR_INFO, 0);
		return;
	}
	/* Bits 12 and 30:13 are not part of the entry format. */
	vmcs_write(VMCS_ENTRY_INTR_INFO, info & (VMX_INTR_VALID | VMX_INTR_ERROR |
						 VMX_INTR_TYPE_MASK | 0xff));
	if (info & VMX_INTR_ERROR)
		vmcs_write(VMCS_ENTRY_EXCEPTION_ERROR, vmcs_read(VMCS_IDT_VECTORING_ERROR));
	if (type >= VMX_INTR_SOFT_INTR)
		vmcs_write(VMCS_ENTRY_INSN_LEN, vmcs_read(VMCS_EXIT_INSN_LEN));
}

/*
 * An NMI that arrived while the hypervisor ran (VMX root operation does
 * not hold NMIs; sw_nmi_entry() counted it) was the host's: inject it at
 * this entry, unless an event is already on its way or the host blocks
 * NMIs right now; then at a later exit.  NMIs pending together collapse
 * into one, as on hardware.
 */
static void pass_nmis(struct vsm_sw_cpu *c)
{
	u64 seen = sw_nmi_count(c);

	if (seen == c->nmis_passed ||
	    (vmcs_read(VMCS_ENTRY_INTR_INFO) & VMX_INTR_VALID) ||
	    (vmcs_read(VMCS_GUEST_INTERRUPTIBILITY) & VMX_BLOCKING_STI_MOVSS_NMI))
		return;
	vmcs_write(VMCS_ENTRY_INTR_INFO, X86_NMI_VECTOR | VMX_INTR_NMI | VMX_INTR_VALID);
	c->nmis_passed = seen;
}

/**
 * vmx_handle_exit() - handle one VM exit of the host
 * @c: this CPU
 *
 * Called by vmx_run_loop() with the guest's registers saved.
 */
void vmx_handle_exit(struct vsm_sw_cpu *c)
{
	u64 reason = vmcs_read(VMCS_EXIT_REASON), rip = vmcs_read(VMCS_GUEST_RIP);

	if (sw_exit_storm(c, reason, rip))
		sw_report_storm(c, reason, rip, (const u64[3]) {
			vmcs_read(VMCS_EXIT_QUALIFICATION), vmcs_read(VMCS_GUEST_PHYS_ADDR),
			vmcs_read(VMCS_IDT_VECTORING_INFO) });
	redeliver_event();
	if (reason & VMX_EXIT_FAILED_ENTRY) {
		/*
		 * The host's state broke a VM-entry check after it had run:
		 * a state vsm let through.  Handing the CPU back would let
		 * the host run without the EPT, over the secure region, so
		 * the machine is wiped and reset instead (fail closed).
		 */
		sw_puts("\nvsm: VM entry failed on cpu ");
		sw_put_hex(c->cpu);
		sw_puts(", reason ");
		sw_put_hex(reason);
		sw_puts(" qualification ");
		sw_put_hex(vmcs_read(VMCS_EXIT_QUALIFICATION));
		sw_puts(" rip ");
		sw_put_hex(rip);
		sw_puts("\n");
		sw_reset_machine(c, "failed VM entry", VSM_PORT_RESET_CTRL, 0x06);
	}
	vmx_pin_if_locked(c);
	if (sw_npt_stale(c))
		vmx_invept_all();
	switch (reason & 0xffff) {
	case VMX_EXIT_CPUID:
		sw_count_exit(c, VSM_EXIT_CPUID);
		handle_cpuid(c);
		break;
	case VMX_EXIT_VMCALL:
		sw_count_exit(c, VSM_EXIT_VMMCALL);
		handle_vmcall(c);
		break;
	case VMX_EXIT_IO:
		handle_io(c);
		break;
	case VMX_EXIT_XSETBV:
		sw_count_exit(c, VSM_EXIT_OTHER);
		handle_xsetbv(c);
		break;
	case VMX_EXIT_EPT_VIOLATION:
		handle_ept_violation(c);
		break;
	case VMX_EXIT_CR_ACCESS:
		/* Only writes that change a pinned bit: CLTS never (TS is free). */
		vmx_handle_sys(c, VSM_BIT(VSM_SYS_MOV_TO_CR) | VSM_BIT(VSM_SYS_LMSW));
		break;
	case VMX_EXIT_GDTR_IDTR:
		vmx_handle_sys(c, VSM_BIT(VSM_SYS_LGDT) | VSM_BIT(VSM_SYS_LIDT) |
			       VSM_BIT(VSM_SYS_SGDT) | VSM_BIT(VSM_SYS_SIDT));
		break;
	case VMX_EXIT_LDTR_TR:
		vmx_handle_sys(c, VSM_BIT(VSM_SYS_LLDT) | VSM_BIT(VSM_SYS_LTR) |
			       VSM_BIT(VSM_SYS_SLDT) | VSM_BIT(VSM_SYS_STR));
		break;
	case VMX_EXIT_MSR_WRITE:
		vmx_handle_wrmsr(c);
		break;
	case VMX_EXIT_MSR_READ:
		vmx_handle_rdmsr(c);
		break;
	case VMX_EXIT_INIT:
		/* Dropped: the CPU stays where it is, protected. */
		sw_count_exit(c, VSM_EXIT_OTHER);
		break;
	case VMX_EXIT_TRIPLE_FAULT:
		sw_count_exit(c, VSM_EXIT_SHUTDOWN);
		handle_triple_fault(c);
	case VMX_EXIT_INVD:
		asm volatile("wbinvd" : : : "memory");
		skip_insn();
		break;
	case VMX_EXIT_GETSEC:
	case VMX_EXIT_VMCLEAR ... VMX_EXIT_VMXON:
	case VMX_EXIT_INVEPT:
	case VMX_EXIT_INVVPID:
		/* The host sees no VMX (or SMX): invalid opcodes for it. */
		sw_count_exit(c, VSM_EXIT_VMRUN);
		vmx_inject_exception(X86_UD_VECTOR, false);
		break;
	default:
		sw_count_exit(c, VSM_EXIT_OTHER);
		sw_puts("\nvsm: unexpected VM exit, reason ");
		sw_put_hex(reason);
		sw_puts(" rip ");
		sw_put_hex(vmcs_read(VMCS_GUEST_RIP));
		sw_panic("unexpected VM exit", reason);
	}
	/* A hypercall may just have taken write access away (core/modules.c). */
	if (sw_npt_stale(c))
		vmx_invept_all();
	pass_nmis(c);
}

/* Invalidate every EPT-derived translation (all contexts). */
void vmx_invept_all(void)
{
	struct { u64 eptp, zero; } desc = { 0, 0 };

	asm volatile("invept %0, %1" : : "m"(desc), "r"(2ULL) : "cc", "memory");
}

/* VMX is hidden from the host: CPUID.1:ECX.VMX reads 0. */
void vmx_cpuid_adjust(u32 leaf, u32 regs[4])
{
	if (leaf == 1)
		regs[2] &= ~CPUID1_ECX_VMX;
}
