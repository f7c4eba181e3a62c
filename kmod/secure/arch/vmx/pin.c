// SPDX-License-Identifier: GPL-2.0
/*
 * CPU-state pinning on VMX.  At its first exit after the lock each CPU
 * records its state (core/pin.c) and turns on what enforces it:
 *
 * - CR0 and CR4: the pinnable bits join the guest/host masks, with read
 *   shadows holding the host's values, so only a MOV to CR0/CR4 or LMSW
 *   that changes one of them exits (context switches write none);
 * - the syscall and sysenter MSRs and EFER: their write bits in the MSR
 *   bitmap (shared by all CPUs, set once at the lock); reads never exit;
 * - the GDTR and IDTR: descriptor-table exiting, which VMX cannot limit
 *   to loads, so SGDT, SIDT, SLDT, STR, LLDT and LTR are emulated too.
 *
 * The emulation itself is the vendor-neutral core/sysemu.c.
 */
#include "../../include/sw.h"
#include "../../include/x86.h"
#include "../../../common/cr_pin.h"
#include "../../../common/insn.h"
#include "../../../common/vmx/vmcs.h"
#include "vmx.h"

/* EFER bits the host may write (SVME is reserved on Intel). */
#define EFER_HOST_WRITABLE	(EFER_SCE | EFER_LME | EFER_NXE)
#define AR_L			VSM_BIT(13)	/* VMCS access rights: 64-bit code */
#define AR_DPL(ar)		(((ar) >> 5) & 3)

/* The sysenter MSRs live in the VMCS, in sw_pinned_msrs order from 4. */
static const u32 sysenter_field[3] = {
	VMCS_GUEST_SYSENTER_CS, VMCS_GUEST_SYSENTER_ESP, VMCS_GUEST_SYSENTER_EIP,
};

#define FIRST_SYSENTER	4

/* Pinned MSR @i (sw_pinned_msrs order): the syscall MSRs are the CPU's. */
static u64 pinned_get(int i)
{
	if (i < FIRST_SYSENTER)
		return rdmsr(sw_pinned_msrs[i]);
	return vmcs_read(sysenter_field[i - FIRST_SYSENTER]);
}

static void pinned_set(int i, u64 val)
{
	if (i < FIRST_SYSENTER)
		wrmsr(sw_pinned_msrs[i], val);
	else
		vmcs_write(sysenter_field[i - FIRST_SYSENTER], val);
}

/**
 * vmx_lock_intercepts() - from the lock on, writes of the pinned MSRs and
 * EFER exit (the MSR bitmap is shared by every CPU)
 */
void vmx_lock_intercepts(void)
{
	u8 *bitmap = sw_va(vsm_boot.msrpm_pa);
	int i;

	for (i = 0; i < VSM_PINNED_MSRS; i++)
		vmx_msr_bitmap_intercept(bitmap, sw_pinned_msrs[i], false, true);
	vmx_msr_bitmap_intercept(bitmap, MSR_EFER, false, true);
}

/**
 * vmx_pin_if_locked() - pin this CPU's state at its first exit after the lock
 * @c: this CPU
 */
void vmx_pin_if_locked(struct vsm_sw_cpu *c)
{
	struct vsm_pin_state now;
	u64 proc2;
	int i;

	if (c->pinned || !vsm_boot.pin_at_lock || !sw_locked())
		return;
	for (i = 0; i < VSM_PINNED_MSRS; i++)
		now.msr[i] = pinned_get(i);
	now.efer = vmcs_read(VMCS_GUEST_EFER);
	now.cr0 = vmcs_read(VMCS_GUEST_CR0);
	now.cr4 = vmx_guest_cr4();
	now.idtr_base = vmcs_read(VMCS_GUEST_IDTR_BASE);
	now.idtr_limit = (u32)vmcs_read(VMCS_GUEST_IDTR_LIMIT);
	now.gdtr_base = vmcs_read(VMCS_GUEST_GDTR_BASE);
	now.gdtr_limit = (u32)vmcs_read(VMCS_GUEST_GDTR_LIMIT);
	if (!sw_pin(c, &now))
		return;
	vmcs_write(VMCS_CR0_SHADOW, now.cr0);
	vmcs_write(VMCS_CR0_MASK, VSM_CR0_PINNABLE);
	vmcs_write(VMCS_CR4_SHADOW, now.cr4);
	vmcs_write(VMCS_CR4_MASK, CR4_VMXE | VSM_CR4_PINNABLE);
	/* Every CPU with EPT has it; without, the tables are not pinned. */
	proc2 = vmcs_read(VMCS_PROC2_CONTROLS);
	if ((rdmsr(MSR_IA32_VMX_PROCBASED2) >> 32) & VMX_PROC2_DESC_EXITING)
		vmcs_write(VMCS_PROC2_CONTROLS, proc2 | VMX_PROC2_DESC_EXITING);
	/* The kernel image may just have become read-only in the EPT. */
	vmx_invept_all();
}

/*
 * Whether VMX operation allows @val in a control register whose fixed-bit
 * MSRs are @fixed0 and @fixed0 + 1 (without unrestricted guest, PE and PG
 * are fixed too).  A MOV to CR0/CR4 that would break them #GPs in VMX
 * non-root operation; emulated, it must too, else the next VM entry fails.
 */
static bool vmx_cr_allowed(u64 val, u32 fixed0)
{
	u64 must = rdmsr(fixed0), may = rdmsr(fixed0 + 1);

	return (val & must) == must && !(val & ~may);
}

/**
 * vmx_handle_sys() - a CR access or descriptor-table exit: the generic
 *	emulation on the VMCS's state
 * @c: this CPU
 * @allowed: the instructions this exit may be (VSM_BIT(enum vsm_sys_op))
 */
void vmx_handle_sys(struct vsm_sw_cpu *c, u32 allowed)
{
	u32 cs_ar = (u32)vmcs_read(VMCS_GUEST_ES_AR + 2 * VMX_CS);
	u32 ss_ar = (u32)vmcs_read(VMCS_GUEST_ES_AR + 2 * VMX_SS);
	struct sw_sysregs s;
	int ret;

	memset(&s, 0, sizeof(s));
	vmx_host_regs(c, &s.r);
	s.kernel64 = !AR_DPL(ss_ar) && (cs_ar & AR_L);
	s.cr0 = vmcs_read(VMCS_GUEST_CR0);
	s.cr4 = vmx_guest_cr4();
	s.gdtr_base = vmcs_read(VMCS_GUEST_GDTR_BASE);
	s.gdtr_limit = (u16)vmcs_read(VMCS_GUEST_GDTR_LIMIT);
	s.idtr_base = vmcs_read(VMCS_GUEST_IDTR_BASE);
	s.idtr_limit = (u16)vmcs_read(VMCS_GUEST_IDTR_LIMIT);
	s.ldtr.selector = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_LDTR);
	s.tr.selector = (u16)vmcs_read(VMCS_GUEST_ES_SEL + 2 * VMX_TR);
	ret = sw_emulate_sys(c, &s, allowed);
	if (ret) {
		/* SGDT & co. at CPL 3 fault as with CR4.UMIP. */
		vmx_inject_exception(-ret, -ret != X86_UD_VECTOR);
		return;
	}
	if ((s.changed & SW_SYS_CR0 && !vmx_cr_allowed(s.cr0, MSR_IA32_VMX_CR0_FIXED0)) ||
	    (s.changed & SW_SYS_CR4 &&
	     !vmx_cr_allowed(s.cr4 | CR4_VMXE, MSR_IA32_VMX_CR4_FIXED0))) {
		vmx_inject_exception(X86_GP_VECTOR, true);
		return;
	}
	if (s.changed & SW_SYS_CR0) {
		vmcs_write(VMCS_GUEST_CR0, s.cr0);
		vmcs_write(VMCS_CR0_SHADOW, s.cr0);
	}
	if (s.changed & SW_SYS_CR4) {
		vmcs_write(VMCS_GUEST_CR4, s.cr4 | CR4_VMXE);
		vmcs_write(VMCS_CR4_SHADOW, s.cr4);
	}
	if (s.changed & SW_SYS_GDTR) {
		vmcs_write(VMCS_GUEST_GDTR_BASE, s.gdtr_base);
		vmcs_write(VMCS_GUEST_GDTR_LIMIT, s.gdtr_limit);
	}
	if (s.changed & SW_SYS_IDTR) {
		vmcs_write(VMCS_GUEST_IDTR_BASE, s.idtr_base);
		vmcs_write(VMCS_GUEST_IDTR_LIMIT, s.idtr_limit);
	}
	if (s.changed & (SW_SYS_LDTR | SW_SYS_TR)) {
		enum vmx_seg seg = s.changed & SW_SYS_TR ? VMX_TR : VMX_LDTR;
		const struct vsm_seg_state *st = seg == VMX_TR ? &s.tr : &s.ldtr;

		vmcs_write(VMCS_GUEST_ES_SEL + 2 * seg, st->selector);
		vmcs_write(VMCS_GUEST_ES_BASE + 2 * seg, st->base);
		vmcs_write(VMCS_GUEST_ES_LIMIT + 2 * seg, st->limit);
		vmcs_write(VMCS_GUEST_ES_AR + 2 * seg, vmx_segment_ar(st->selector, st->attrib));
	}
	/* INVEPT drops the combined (linear) translations of every VPID. */
	if (s.flush)
		vmx_invept_all();
	vmx_put_host_regs(c, &s.r);
}

/* A write of EFER, judged as on AMD: no pinned bit cleared, LME kept. */
static bool efer_write(struct vsm_sw_cpu *c, u64 val)
{
	u64 old = vmcs_read(VMCS_GUEST_EFER);

	if (!sw_pin_allows_efer(c, val))
		return true;	/* ignored, audited */
	if (val & ~(EFER_HOST_WRITABLE | EFER_LMA) || (val & EFER_LME) != (old & EFER_LME))
		return false;
	vmcs_write(VMCS_GUEST_EFER, (val & EFER_HOST_WRITABLE) | (old & EFER_LMA));
	return true;
}

/**
 * vmx_handle_wrmsr() - WRMSR of a pinned MSR, EFER, or an MSR outside the
 *	bitmap's ranges (those always exit; none is the host's to write)
 * @c: this CPU
 */
void vmx_handle_wrmsr(struct vsm_sw_cpu *c)
{
	u32 msr = (u32)c->gprs[VSM_GPR_RCX];
	u64 val = (u32)c->gprs[VSM_GPR_RAX] | c->gprs[VSM_GPR_RDX] << 32;
	int pinned = sw_pinned_index(msr);

	sw_count_exit(c, VSM_EXIT_MSR_WRITE);
	if (pinned >= 0) {
		/* A change of a pinned value is ignored (and audited). */
		if (sw_pin_allows_msr(c, pinned, val))
			pinned_set(pinned, val);
	} else if (msr != MSR_EFER || !efer_write(c, val)) {
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_MSR_WRITE, msr, val);
		vmx_inject_exception(X86_GP_VECTOR, true);
		return;
	}
	vmcs_write(VMCS_GUEST_RIP, vmcs_read(VMCS_GUEST_RIP) + vmcs_read(VMCS_EXIT_INSN_LEN));
}

/**
 * vmx_handle_rdmsr() - RDMSR outside the bitmap's ranges: #GP, as for an
 *	MSR the CPU does not have (no such MSR is architectural on Intel)
 * @c: this CPU
 */
void vmx_handle_rdmsr(struct vsm_sw_cpu *c)
{
	sw_count_exit(c, VSM_EXIT_MSR_READ);
	vmx_inject_exception(X86_GP_VECTOR, true);
}
