// SPDX-License-Identifier: GPL-2.0
/*
 * CPU-state pinning on SVM, as vmx/pin.c is for VMX.  At its first exit
 * after the lock each CPU records its state (core/pin.c) and turns on what
 * enforces it:
 *
 * - CR0 (but TS and MP) and CR4: the selective CR0 write and CR4 write
 *   intercepts; context switches write neither;
 * - the syscall and sysenter MSRs: their write bits in the MSR permission
 *   map (shared by all CPUs, set once at the lock); reads never exit;
 *   EFER, VM_CR and VM_HSAVE_PA exit from launch on;
 * - the GDTR and IDTR: their write intercepts (loads only).
 *
 * The emulation itself is the vendor-neutral core/sysemu.c.
 */
#include "../../include/sw.h"
#include "../../include/x86.h"
#include "../../../common/cr_pin.h"
#include "../../../common/insn.h"
#include "../../../common/svm/nested.h"
#include "../../../common/svm/vmcb.h"
#include "svm.h"

/* EFER bits the host may change (SVME stays set and hidden). */
#define EFER_HOST_WRITABLE	(EFER_SCE | EFER_LME | EFER_NXE | EFER_FFXSR)

static const u8 op_rdmsr[] = { 0x0f, 0x32 };
static const u8 op_wrmsr[] = { 0x0f, 0x30 };

/*
 * From the lock on, writes of the pinned MSRs exit too (reads never do).
 * The map is shared by every CPU, so this takes effect everywhere at once.
 */
void svm_lock_intercepts(void)
{
	u8 *msrpm = sw_va(vsm_boot.msrpm_pa);
	int i;

	for (i = 0; i < VSM_PINNED_MSRS; i++)
		svm_msrpm_intercept(msrpm, sw_pinned_msrs[i], false, true);
	svm_nested_lock();
}

/*
 * The VMCB fields of the pinned MSRs, in sw_pinned_msrs order; VMSAVE
 * keeps them current on every exit and VMLOAD loads them on entry.
 */
u64 svm_pinned_get(const struct vmcb_save *s, int i)
{
	switch (i) {
	case 0:
		return s->star;
	case 1:
		return s->lstar;
	case 2:
		return s->cstar;
	case 3:
		return s->sfmask;
	case 4:
		return s->sysenter_cs;
	case 5:
		return s->sysenter_esp;
	default:
		return s->sysenter_eip;
	}
}

void svm_pinned_set(struct vmcb_save *s, int i, u64 val)
{
	switch (i) {
	case 0:
		s->star = val;
		break;
	case 1:
		s->lstar = val;
		break;
	case 2:
		s->cstar = val;
		break;
	case 3:
		s->sfmask = val;
		break;
	case 4:
		s->sysenter_cs = val;
		break;
	case 5:
		s->sysenter_esp = val;
		break;
	default:
		s->sysenter_eip = val;
		break;
	}
}

/*
 * After the lock, each CPU pins its own state at its first exit (the
 * driver makes every CPU exit once as it locks), and from then on the
 * writes that could change CR0 (other than TS and MP), CR4, the IDTR or
 * the GDTR exit too.  Context switches write none of them.
 */
void svm_pin_if_locked(struct vsm_sw_cpu *c, struct vmcb *v)
{
	struct vsm_pin_state now;
	int i;

	/* With L1's GIF clear, its VMLOAD state may be its guest's. */
	if (c->pinned || !vsm_boot.pin_at_lock || !sw_locked() || !svm_nested_gif(c))
		return;
	for (i = 0; i < VSM_PINNED_MSRS; i++)
		now.msr[i] = svm_pinned_get(&v->save, i);
	now.efer = v->save.efer;
	now.cr0 = v->save.cr0;
	now.cr4 = v->save.cr4;
	now.idtr_base = v->save.idtr.base;
	now.idtr_limit = v->save.idtr.limit;
	now.gdtr_base = v->save.gdtr.base;
	now.gdtr_limit = v->save.gdtr.limit;
	if (!sw_pin(c, &now))
		return;
	/* The kernel image may just have become read-only in the NPT. */
	v->control.tlb_control = SVM_TLB_FLUSH_ALL;
	v->control.intercept_cr |= SVM_INTERCEPT_CR_WRITE(4);
	v->control.intercept_misc3 |= SVM_INTERCEPT_CR0_SEL_WRITE |
				      SVM_INTERCEPT_IDTR_WRITE |
				      SVM_INTERCEPT_GDTR_WRITE;
}

/* Return false to inject #GP. */
static bool msr_read(struct vsm_sw_cpu *c, struct vmcb *v, u32 msr, u64 *val)
{
	switch (msr) {
	case MSR_EFER:
		*val = (v->save.efer & ~EFER_SVME) | svm_nested_svme(c);
		return true;
	case MSR_VM_CR:
		/* Without nested SVM: "disabled by firmware", and locked. */
		*val = svm_nested_enabled() ? 0 : VM_CR_LOCK | VM_CR_SVMDIS;
		return true;
	case MSR_VM_HSAVE_PA:
		*val = c->guest_hsave_pa;
		return true;
	default:
		return false;
	}
}

static bool msr_write(struct vsm_sw_cpu *c, struct vmcb *v, u32 msr, u64 val)
{
	int pinned = sw_pinned_index(msr);

	if (pinned >= 0) {
		/* A change of a pinned value is ignored (and audited). */
		if (sw_pin_allows_msr(c, pinned, val)) {
			svm_pinned_set(&v->save, pinned, val);
			svm_nested_msr_written(c, pinned);
		}
		return true;
	}
	switch (msr) {
	case MSR_EFER:
		if (!sw_pin_allows_efer(c, val))
			return true;	/* ignored, audited */
		/* SVME is the host's own (nested SVM), or refused. */
		if (val & ~(EFER_HOST_WRITABLE | EFER_LMA | EFER_SVME))
			return false;
		if ((val & EFER_LME) != (v->save.efer & EFER_LME))
			return false;
		if (!svm_nested_set_svme(c, val & EFER_SVME))
			return false;
		v->save.efer = (val & EFER_HOST_WRITABLE) |
			       (v->save.efer & EFER_LMA) | EFER_SVME;
		return true;
	case MSR_VM_HSAVE_PA:
		if (val & VSM_PAGE_SIZE_MASK)
			return false;
		c->guest_hsave_pa = val;
		return true;
	default:	/* VM_CR is locked */
		return false;
	}
}

void svm_handle_msr(struct vsm_sw_cpu *c, struct vmcb *v)
{
	bool write = v->control.exit_info1 & 1;
	u32 msr = (u32)c->gprs[VSM_GPR_RCX];
	u64 val;
	u8 bytes[VSM_INSN_MAX];
	int n, len;

	sw_count_exit(c, write ? VSM_EXIT_MSR_WRITE : VSM_EXIT_MSR_READ);
	n = sw_guest_fetch(v->save.cr3, v->save.rip, bytes, sizeof(bytes));
	len = vsm_insn_length(bytes, n, write ? op_wrmsr : op_rdmsr, 2);
	if (len < 0)
		return;
	if (write) {
		val = (v->save.rax & 0xffffffffULL) | c->gprs[VSM_GPR_RDX] << 32;
		if (!msr_write(c, v, msr, val)) {
			sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_MSR_WRITE, msr, val);
			svm_inject_exception(v, X86_GP_VECTOR, true);
			return;
		}
	} else {
		if (!msr_read(c, v, msr, &val)) {
			svm_inject_exception(v, X86_GP_VECTOR, true);
			return;
		}
		v->save.rax = val & 0xffffffffULL;
		c->gprs[VSM_GPR_RDX] = val >> 32;
	}
	v->save.rip += len;
}

/*
 * A write of CR0 (other than TS and MP), CR4, the GDTR or the IDTR, after
 * the pin: the generic emulation judges it on the VMCB's state.
 */
void svm_handle_sys(struct vsm_sw_cpu *c, struct vmcb *v, u32 allowed)
{
	struct sw_sysregs s;
	int ret;

	memset(&s, 0, sizeof(s));
	svm_host_regs(c, v, &s.r);
	s.kernel64 = v->save.cpl == 0 && (v->save.cs.attrib & SVM_SEG_ATTR_L);
	s.cr0 = v->save.cr0;
	s.cr4 = v->save.cr4;
	s.gdtr_base = v->save.gdtr.base;
	s.gdtr_limit = (u16)v->save.gdtr.limit;
	s.idtr_base = v->save.idtr.base;
	s.idtr_limit = (u16)v->save.idtr.limit;
	ret = sw_emulate_sys(c, &s, allowed);
	if (ret) {
		svm_inject_exception(v, -ret, -ret != X86_UD_VECTOR);
		return;
	}
	if (s.changed & SW_SYS_CR0)
		v->save.cr0 = s.cr0;
	if (s.changed & SW_SYS_CR4)
		v->save.cr4 = s.cr4;
	if (s.changed & SW_SYS_GDTR) {
		v->save.gdtr.base = s.gdtr_base;
		v->save.gdtr.limit = s.gdtr_limit;
	}
	if (s.changed & SW_SYS_IDTR) {
		v->save.idtr.base = s.idtr_base;
		v->save.idtr.limit = s.idtr_limit;
	}
	/*
	 * "Flush this ASID" (3) would do, but needs FlushByAsid, and QEMU's
	 * TCG ignores it: flush everything, which is rare here.
	 */
	if (s.flush)
		v->control.tlb_control = SVM_TLB_FLUSH_ALL;
	v->save.rip = s.r.rip;
}
