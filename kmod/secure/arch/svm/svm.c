// SPDX-License-Identifier: GPL-2.0
/*
 * AMD SVM: the host kernel becomes the guest of a VMCB built from the state
 * it had at launch, behind nested paging that leaves the secure region out.
 * Intercepted: CPUID, every SVM instruction (VMSAVE and VMLOAD take
 * physical addresses: run natively they would reach around the nested
 * page tables), shutdown and, through the MSR permission map, EFER, VM_CR
 * and VM_HSAVE_PA.  Nothing on the host's hot paths exits.
 */
#include "../../include/sw.h"
#include "../../include/x86.h"
#include "../../../common/cr_pin.h"
#include "../../../common/insn.h"
#include "../../../common/paging.h"
#include "../../../common/svm/nested.h"
#include "../../../common/svm/vmcb.h"
#include "svm.h"

#define GUEST_ASID	1


static const u8 op_cpuid[] = { 0x0f, 0xa2 };
static const u8 op_vmmcall[] = { 0x0f, 0x01, 0xd9 };

static struct vmcb *guest_vmcb(struct vsm_sw_cpu *c)
{
	return sw_cpu_page(c, VSM_CPU_PAGE_GUEST_CTL);
}

static void seg_from_state(struct vmcb_seg *v, const struct vsm_seg_state *s)
{
	v->selector = s->selector;
	v->attrib = s->attrib;
	v->limit = s->limit;
	v->base = s->base;
}

/* FS, GS, TR, LDTR and the syscall MSRs were stored by VMSAVE already. */
static void fill_guest_state(struct vmcb *v, const struct vsm_cpu_state *s)
{
	seg_from_state(&v->save.cs, &s->cs);
	seg_from_state(&v->save.ss, &s->ss);
	seg_from_state(&v->save.ds, &s->ds);
	seg_from_state(&v->save.es, &s->es);
	v->save.gdtr.base = s->gdtr_base;
	v->save.gdtr.limit = s->gdtr_limit;
	v->save.idtr.base = s->idtr_base;
	v->save.idtr.limit = s->idtr_limit;
	v->save.cpl = 0;
	v->save.efer = s->efer | EFER_SVME;
	v->save.cr0 = s->cr0;
	v->save.cr2 = s->cr2;
	v->save.cr3 = s->cr3;
	v->save.cr4 = s->cr4;
	v->save.dr6 = s->dr6;
	v->save.dr7 = s->dr7;
	v->save.rflags = s->rflags;
	v->save.rip = s->rip;
	v->save.rsp = s->rsp;
	v->save.rax = 0;
	v->save.g_pat = s->pat;
}

static void fill_controls(struct vmcb *v)
{
	v->control.intercept_misc3 = SVM_INTERCEPT_CPUID | SVM_INTERCEPT_MSR_PROT |
				     SVM_INTERCEPT_IOIO_PROT | SVM_INTERCEPT_SHUTDOWN |
				     SVM_INTERCEPT_INVLPGA;
	v->control.intercept_misc4 = SVM_INTERCEPT_SVM_INSNS;
	v->control.iopm_base_pa = vsm_boot.iopm_pa;
	v->control.msrpm_base_pa = vsm_boot.msrpm_pa;
	v->control.asid = GUEST_ASID;
	v->control.tlb_control = SVM_TLB_FLUSH_ALL;
	v->control.np_enable = SVM_NP_ENABLE;
	v->control.n_cr3 = vsm_boot.npt_root;
	v->control.clean = 0;
}

static void set_msr_intercepts(void)
{
	u8 *msrpm = sw_va(vsm_boot.msrpm_pa);

	svm_msrpm_intercept(msrpm, MSR_EFER, true, true);
	svm_msrpm_intercept(msrpm, MSR_VM_CR, true, true);
	svm_msrpm_intercept(msrpm, MSR_VM_HSAVE_PA, true, true);
}

/* Make the two reset ports exit in an I/O permission map. */
void svm_iopm_intercept_reset_ports(u8 *iopm)
{
	iopm[VSM_PORT_RESET_CTRL / 8] |= 1U << (VSM_PORT_RESET_CTRL % 8);
	iopm[VSM_PORT_KBC_CMD / 8] |= 1U << (VSM_PORT_KBC_CMD % 8);
}

/* Only the two reset ports exit; every other port goes straight through. */
static void set_io_intercepts(void)
{
	svm_iopm_intercept_reset_ports(sw_va(vsm_boot.iopm_pa));
}

/**
 * svm_cpu_run() - make the launching CPU's state a guest and run it
 * @c: this CPU
 *
 * FS, GS, TR, LDTR and the syscall MSRs were saved into the guest VMCB
 * with VMSAVE before the secure world's own descriptors were loaded;
 * VMSAVE records those in the host-state VMCB for after every exit.
 */
void __noreturn svm_cpu_run(struct vsm_sw_cpu *c)
{
	struct vmcb *v = guest_vmcb(c);

	sw_vmsave(c->host_vmcb_pa);
	wrmsr(MSR_VM_HSAVE_PA, c->root_area_pa);

	set_msr_intercepts();
	set_io_intercepts();
	fill_guest_state(v, &c->launch);
	fill_controls(v);
	c->entered = 0;
	c->state = VSM_SW_CPU_RUNNING;
	sw_audit(c, VSM_AEV_CPU_PROTECTED, 0, 0, 0);
	svm_run_loop(c);
}

/**
 * svm_cpu_devirt() - leave this CPU to Linux, without a hypervisor
 * @c: this CPU
 * @result: value for the caller's RAX
 */
void __noreturn svm_cpu_devirt(struct vsm_sw_cpu *c, s64 result)
{
	struct vmcb *v = guest_vmcb(c);
	u64 *tramp = sw_cpu_page(c, VSM_CPU_PAGE_TRAMPOLINE);
	const u64 *linux_pml4;
	unsigned int i;

	/* Refresh Linux's kernel half: it may have grown since launch. */
	if (sw_host_ram(v->save.cr3 & VSM_PTE_ADDR, VSM_PAGE_SIZE)) {
		linux_pml4 = (const u64 *)(uintptr_t)(v->save.cr3 & VSM_PTE_ADDR);
		for (i = VSM_SW_PML4_SLOT + 1; i < 512; i++)
			tramp[i] = linux_pml4[i];
	}
	/* EFER and PAT as the host last set them; SVME goes in the driver. */
	wrmsr(MSR_EFER, v->save.efer);
	wrmsr(MSR_PAT, v->save.g_pat);
	c->state = VSM_SW_CPU_OFF;
	svm_leave(v, sw_pa(v), sw_pa(tramp), vsm_boot.devirt_tail, result);
}

/* The host's page tables at its last exit on this CPU. */
u64 svm_host_cr3(struct vsm_sw_cpu *c)
{
	return guest_vmcb(c)->save.cr3;
}


void svm_inject_exception(struct vmcb *v, unsigned int vector, bool error)
{
	v->control.event_inj = vector | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID |
			       (error ? SVM_EVTINJ_ERROR_VALID : 0);
}

/* Step over the intercepted instruction; false if RIP does not hold it. */
bool svm_skip_insn(struct vmcb *v, const u8 *op, u32 op_len)
{
	u8 bytes[VSM_INSN_MAX];
	int n, len;

	n = sw_guest_fetch(v->save.cr3, v->save.rip, bytes, sizeof(bytes));
	len = vsm_insn_length(bytes, n, op, op_len);
	if (len < 0)
		return false;
	v->save.rip += len;
	return true;
}

static void handle_cpuid(struct vsm_sw_cpu *c, struct vmcb *v)
{
	u32 regs[4];

	if (!svm_skip_insn(v, op_cpuid, sizeof(op_cpuid)))
		return;
	sw_cpuid(c, (u32)v->save.rax, (u32)c->gprs[VSM_GPR_RCX], regs);
	v->save.rax = regs[0];
	c->gprs[VSM_GPR_RBX] = regs[1];
	c->gprs[VSM_GPR_RCX] = regs[2];
	c->gprs[VSM_GPR_RDX] = regs[3];
}

static void handle_vmmcall(struct vsm_sw_cpu *c, struct vmcb *v)
{
	if (v->save.cpl != 0) {
		svm_inject_exception(v, X86_UD_VECTOR, false);
		return;
	}
	if (!svm_skip_insn(v, op_vmmcall, sizeof(op_vmmcall)))
		return;
	v->save.rax = (u64)sw_hypercall(c, v->save.rax, c->gprs[VSM_GPR_RBX],
					c->gprs[VSM_GPR_RCX], c->gprs[VSM_GPR_RDX]);
}

/* The host's GPRs in enum vsm_gpr order (RAX and RSP live in the VMCB). */
static u64 gpr(const struct vsm_sw_cpu *c, const struct vmcb *v, int i)
{
	if (i == VSM_GPR_RAX)
		return v->save.rax;
	if (i == VSM_GPR_RSP)
		return v->save.rsp;
	return c->gprs[i & 15];
}

/* The host's registers, from the VMCB and the saved GPRs. */
void svm_host_regs(const struct vsm_sw_cpu *c, const struct vmcb *v,
		   struct vsm_host_regs *r)
{
	int i;

	for (i = 0; i < 16; i++)
		r->gpr[i] = gpr(c, v, i);
	r->rip = v->save.rip;
	r->rflags = v->save.rflags;
	r->cr3 = v->save.cr3;
	r->fs_base = v->save.fs.base;
	r->gs_base = v->save.gs.base;
}

/* Write back what an emulation changed: GPRs and RIP. */
void svm_put_host_regs(struct vsm_sw_cpu *c, struct vmcb *v,
		       const struct vsm_host_regs *r)
{
	int i;

	for (i = 0; i < 16; i++) {
		if (i == VSM_GPR_RAX)
			v->save.rax = r->gpr[i];
		else if (i == VSM_GPR_RSP)
			v->save.rsp = r->gpr[i];
		else
			c->gprs[i] = r->gpr[i];
	}
	v->save.rip = r->rip;
}

/* A write into the write-protected kernel image: emulate or refuse it. */
static int text_write(struct vsm_sw_cpu *c, struct vmcb *v, u64 gpa)
{
	struct vsm_host_regs r;
	int ret;

	svm_host_regs(c, v, &r);
	ret = sw_text_write(c, &r, gpa);
	if (!ret)
		svm_put_host_regs(c, v, &r);
	return ret;
}

/* A nested page fault: the kernel image, or the secure region. */
static void handle_npf(struct vsm_sw_cpu *c, struct vmcb *v)
{
	u64 gpa = v->control.exit_info2, code = v->control.exit_info1;
	struct vsm_host_regs r;

	if (sw_npt_spurious(gpa, code & SVM_NPF_WRITE, code & SVM_NPF_FETCH)) {
		v->control.tlb_control = SVM_TLB_FLUSH_ALL;
		return;
	}
	if (sw_text_protected(gpa) && (code & SVM_NPF_WRITE) && !(code & SVM_NPF_IN_WALK)) {
		if (text_write(c, v, gpa))
			svm_inject_exception(v, X86_GP_VECTOR, true);
		return;
	}
	svm_host_regs(c, v, &r);
	if (sw_contain_access(c, &r, gpa, code, code & SVM_NPF_FETCH))
		svm_inject_exception(v, X86_GP_VECTOR, true);
	else
		svm_put_host_regs(c, v, &r);
}

static void put_field(const char *name, u64 value)
{
	sw_puts(" ");
	sw_puts(name);
	sw_puts("=");
	sw_put_hex(value);
}

/*
 * The host's state at an exit vsm cannot continue from, on the console;
 * then wipe the secure memory and reset.
 */
static void __noreturn report_and_reset(struct vsm_sw_cpu *c, const struct vmcb *v,
					const char *what, const char *how)
{
	const struct vmcb *hsave = sw_va(c->root_area_pa);

	sw_puts("\nvsm: ");
	sw_puts(what);
	sw_puts(" on cpu ");
	sw_put_hex(c->cpu);
	put_field("rip", v->save.rip);
	put_field("rsp", v->save.rsp);
	put_field("cs", v->save.cs.selector);
	put_field("cr0", v->save.cr0);
	put_field("cr3", v->save.cr3);
	put_field("cr4", v->save.cr4);
	put_field("efer", v->save.efer);
	put_field("idt", v->save.idtr.base);
	put_field("exit", v->control.exit_code);
	put_field("exitintinfo", v->control.exit_int_info);
	put_field("info1", v->control.exit_info1);
	put_field("info2", v->control.exit_info2);
	put_field("eventinj", v->control.event_inj);
	/* What led here: the exit before, the VMCB that ran, VMRUN's host state. */
	put_field("prev_exit", c->prev_reason);
	put_field("prev_rip", c->prev_rip);
	put_field("prev_n", c->prev_count);
	put_field("vmcb", c->guest_ctl_pa);
	put_field("nested", svm_nested_in_l2(c) | (u64)!svm_nested_gif(c) << 1);
	put_field("hsave_rip", hsave->save.rip);
	put_field("hsave_rsp", hsave->save.rsp);
	put_field("hsave_efer", hsave->save.efer);
	sw_puts("\n");
	sw_outb(VSM_PORT_RESET_CTRL, 0x02);
	sw_reset_machine(c, how, VSM_PORT_RESET_CTRL, 0x06);
}

void __noreturn svm_shutdown(struct vsm_sw_cpu *c, struct vmcb *v)
{
	report_and_reset(c, v, "the host triple-faulted", "host triple fault");
}

/*
 * VMRUN refused the host's state after it had run: a bug of vsm's (an
 * event it injected, a state it wrote).  Linux's registers are gone, so
 * it cannot go on without the hypervisor either: say what was refused
 * and reset, wiping the secure memory first.
 */
static void __noreturn vmrun_refused(struct vsm_sw_cpu *c, struct vmcb *v)
{
	report_and_reset(c, v, "VMRUN refused the host's state after it ran",
			 "VMRUN refused the host's state");
}

/*
 * The VMCB that ran holds exactly the state this CPU's VMRUN put in the
 * host-save area (RIP after VMRUN, the secure stack, the secure CR3): an
 * emulator took a second #VMEXIT with the secure world's state in the CPU
 * (seen with QEMU TCG at 4 CPUs, see Documentation/testing.rst).  Running
 * the host on it would hand it the secure world's registers and end in a
 * triple fault; its own state is gone, so report and reset instead.
 */
static void check_not_hsave(struct vsm_sw_cpu *c, const struct vmcb *ran)
{
	const struct vmcb *hsave = sw_va(c->root_area_pa);

	if (ran->save.rip == hsave->save.rip && ran->save.rsp == hsave->save.rsp &&
	    ran->save.cr3 == hsave->save.cr3)
		report_and_reset(c, ran, "the host's saved state is the secure world's (spurious #VMEXIT)",
				 "host state overwritten by a spurious #VMEXIT");
}

/* An access to a reset port: pass it through unless it resets. */
static void handle_io(struct vsm_sw_cpu *c, struct vmcb *v)
{
	u64 info = v->control.exit_info1;
	u16 port = info >> SVM_IOIO_PORT_SHIFT;
	u32 size = (info >> SVM_IOIO_SIZE_SHIFT) & 7;
	bool in = info & SVM_IOIO_IN;
	u32 mask = size == 4 ? 0xffffffffU : (1U << (8 * size)) - 1;
	u8 bytes[VSM_INSN_MAX];
	u32 val;
	int n, len;

	sw_count_exit(c, VSM_EXIT_IO);
	if ((info & (SVM_IOIO_STR | SVM_IOIO_REP)) || size == 0 || size == 3 ||
	    size > 4) {
		svm_inject_exception(v, X86_GP_VECTOR, true);
		return;
	}
	n = sw_guest_fetch(v->save.cr3, v->save.rip, bytes, sizeof(bytes));
	len = vsm_io_insn_length(bytes, n, in);
	if (len < 0)
		return;
	if (in) {
		val = sw_io_in(port, size);
		if (size == 4)
			v->save.rax = val;
		else
			v->save.rax = (v->save.rax & ~(u64)mask) | val;
	} else {
		val = v->save.rax & mask;
		if (vsm_io_resets_machine(port, val, size)) {
			sw_reset_machine(c, port == VSM_PORT_KBC_CMD ?
					 "reset through the keyboard controller" :
					 "reset through port 0xcf9", port, (u8)val);
		}
		sw_io_out(port, size, val);
	}
	v->save.rip += len;
}

/**
 * svm_handle_exit() - handle one #VMEXIT of the host
 * @c: this CPU
 *
 * Called by svm_run_loop() with the guest's registers saved and the secure
 * world's segments loaded.
 */
void svm_handle_exit(struct vsm_sw_cpu *c)
{
	struct vmcb *v = guest_vmcb(c);
	/* The VMCB that ran: the host's, or its guest's (nested SVM). */
	const struct vmcb *ran = sw_va(c->guest_ctl_pa);
	u64 code = v->control.exit_code;

	c->prev_rip = c->storm_rip;
	c->prev_reason = c->storm_reason;
	c->prev_count = c->storm_count;

	check_not_hsave(c, ran);
	if (sw_exit_storm(c, ran->control.exit_code, ran->save.rip))
		sw_report_storm(c, ran->control.exit_code, ran->save.rip, (const u64[3]) {
			ran->control.exit_info1, ran->control.exit_info2,
			ran->control.exit_int_info });
	c->entered = code != SVM_EXIT_INVALID || c->entered;
	if (svm_nested_in_l2(c)) {
		svm_l2_exit(c);
		goto out;
	}
	v->control.tlb_control = sw_npt_stale(c) ? SVM_TLB_FLUSH_ALL : 0;
	/* An exception a handler injects replaces the redelivered event. */
	v->control.event_inj = svm_event_to_redeliver(v->control.exit_int_info);
	svm_pin_if_locked(c, v);
	switch (code) {
	case SVM_EXIT_CPUID:
		sw_count_exit(c, VSM_EXIT_CPUID);
		handle_cpuid(c, v);
		break;
	case SVM_EXIT_VMMCALL:
		sw_count_exit(c, VSM_EXIT_VMMCALL);
		handle_vmmcall(c, v);
		break;
	case SVM_EXIT_MSR:
		svm_handle_msr(c, v);
		break;
	case SVM_EXIT_IOIO:
		handle_io(c, v);
		break;
	case SVM_EXIT_CR0_SEL_WRITE:
	case SVM_EXIT_WRITE_CR0:
		svm_handle_sys(c, v, VSM_BIT(VSM_SYS_MOV_TO_CR) | VSM_BIT(VSM_SYS_LMSW));
		break;
	case SVM_EXIT_WRITE_CR4:
		svm_handle_sys(c, v, VSM_BIT(VSM_SYS_MOV_TO_CR));
		break;
	case SVM_EXIT_IDTR_WRITE:
		svm_handle_sys(c, v, VSM_BIT(VSM_SYS_LIDT));
		break;
	case SVM_EXIT_GDTR_WRITE:
		svm_handle_sys(c, v, VSM_BIT(VSM_SYS_LGDT));
		break;
	case SVM_EXIT_VMRUN:
	case SVM_EXIT_VMLOAD:
	case SVM_EXIT_VMSAVE:
	case SVM_EXIT_STGI:
	case SVM_EXIT_CLGI:
	case SVM_EXIT_SKINIT:
	case SVM_EXIT_INVLPGA:
		/* Emulated for L1 (nested SVM), or #UD where SVM is hidden. */
		svm_l1_svm_insn(c, v, code);
		break;
	case SVM_EXIT_NPF:
		sw_count_exit(c, VSM_EXIT_NPF);
		handle_npf(c, v);
		break;
	case SVM_EXIT_NMI:
		/* Intercepted only while L1's emulated GIF is clear. */
		sw_count_exit(c, VSM_EXIT_OTHER);
		svm_nested_hold_nmi(c, v);
		break;
	case SVM_EXIT_SHUTDOWN:
		sw_count_exit(c, VSM_EXIT_SHUTDOWN);
		svm_shutdown(c, v);
	case SVM_EXIT_INVALID:
		if (c->entered)
			vmrun_refused(c, v);
		/* The launch state was refused by VMRUN: give the CPU back. */
		svm_cpu_devirt(c, -EIO);
	default:
		sw_count_exit(c, VSM_EXIT_OTHER);
		sw_panic("unexpected #VMEXIT", code);
	}
out:
	/* A hypercall may just have taken write access away (core/modules.c). */
	if (!svm_nested_in_l2(c) && sw_npt_stale(c))
		v->control.tlb_control = SVM_TLB_FLUSH_ALL;
	/*
	 * GIF stays clear in the secure world; IF is what VMRUN takes as the
	 * host's: set for L2, so that physical interrupts exit (L1's INTR
	 * intercept), clear for L1, so that they wait while L1's emulated GIF
	 * is clear (V_INTR_MASKING).
	 */
	if (svm_nested_in_l2(c))
		asm volatile("sti" : : : "memory");
	else
		asm volatile("cli" : : : "memory");
}
