// SPDX-License-Identifier: GPL-2.0
/*
 * Routing the exits of a nested guest (AMD APM vol. 2, 15.21 and
 * appendix C): exit codes map onto intercept bits one to one, except I/O
 * and MSR accesses, which L1 also filters with its permission maps, and
 * nested page faults, which vsm resolves through its shadow tables first.
 */
#include "nested.h"

#define EXIT_CR_FIRST		0x000	/* reads 0x00..0x0f, writes 0x10..0x1f */
#define EXIT_DR_FIRST		0x020	/* reads 0x20..0x2f, writes 0x30..0x3f */
#define EXIT_EXCP_FIRST		0x040	/* vectors 0..31 */
#define EXIT_MISC3_FIRST	0x060	/* INTR .. SHUTDOWN */
#define EXIT_MISC4_FIRST	0x080	/* VMRUN .. CR write traps */
#define EXIT_MISC5_FIRST	0x0a0	/* INVLPGB .. TLBSYNC */

#define MSRS_PER_RANGE		0x2000
#define IOPM_BITS		(SVM_IOPM_SIZE * 8)

/* Read the intercept vectors of a VMCB control area. */
void svm_intercepts_get(struct svm_intercepts *i, const struct vmcb_control *c)
{
	i->cr = c->intercept_cr;
	i->dr = c->intercept_dr;
	i->exceptions = c->intercept_exceptions;
	i->misc3 = c->intercept_misc3;
	i->misc4 = c->intercept_misc4;
	i->misc5 = c->intercept_misc5;
}

/**
 * svm_intercepts_merge() - what L2 runs with: L1's intercepts and vsm's
 * @c: the VMCB L2 runs on
 * @l1: what L1 asked for in its VMCB
 * @own: what vsm needs from any guest of the host
 *
 * VMRUN is always intercepted (the architecture requires it).
 */
void svm_intercepts_merge(struct vmcb_control *c, const struct svm_intercepts *l1,
			  const struct svm_intercepts *own)
{
	c->intercept_cr = l1->cr | own->cr;
	c->intercept_dr = l1->dr | own->dr;
	c->intercept_exceptions = l1->exceptions | own->exceptions;
	c->intercept_misc3 = l1->misc3 | own->misc3;
	c->intercept_misc4 = l1->misc4 | own->misc4 | SVM_INTERCEPT_VMRUN;
	c->intercept_misc5 = l1->misc5 | own->misc5;
}

/**
 * svm_msrpm_test() - does an MSR permission map intercept this access?
 * @msrpm: the 8 KiB map
 * @msr: the MSR
 * @write: WRMSR (else RDMSR)
 *
 * Return: true if the access exits; MSRs outside the map's ranges always do.
 */
bool svm_msrpm_test(const u8 *msrpm, u32 msr, bool write)
{
	static const u32 first[3] = { 0x00000000, 0xc0000000, 0xc0010000 };
	unsigned int i;

	for (i = 0; i < 3; i++) {
		u32 off = msr - first[i], bit;

		if (msr < first[i] || off >= MSRS_PER_RANGE)
			continue;
		bit = off * 2 + (write ? 1 : 0);
		return msrpm[i * 0x800 + bit / 8] & (1U << (bit % 8));
	}
	return true;
}

/**
 * svm_iopm_test() - does an I/O permission map intercept this access?
 * @iopm: the 12 KiB map
 * @port: first port
 * @size: bytes accessed (1, 2 or 4): every port touched is checked
 *
 * Return: true if the access exits.
 */
bool svm_iopm_test(const u8 *iopm, u16 port, u32 size)
{
	u32 p;

	for (p = port; p < (u32)port + size; p++)
		if (p >= IOPM_BITS || (iopm[p / 8] & (1U << (p % 8))))
			return true;
	return false;
}

static bool bit(u32 vector, u64 n)
{
	return n < 32 && (vector & (1U << n));
}

/**
 * svm_l1_wants_exit() - did L1 intercept this exit of its guest?
 * @l1: L1's intercept vectors
 * @l1_msrpm: L1's MSR permission map, or NULL if L1's is no memory it
 *	may use (then every MSR access is L1's)
 * @l1_iopm: L1's I/O permission map, or NULL (every port is L1's)
 * @exit_code: the exit
 * @info1: EXITINFO1 (I/O: port, size, direction; MSR: 1 for WRMSR)
 * @msr: ECX of an MSR exit
 *
 * Nested page faults are vsm's to resolve first (a fault in L1's own
 * tables is reflected by the shadow-paging code), so this says no.
 *
 * Return: true to reflect the exit to L1.
 */
bool svm_l1_wants_exit(const struct svm_intercepts *l1, const u8 *l1_msrpm,
		       const u8 *l1_iopm, u64 exit_code, u64 info1, u32 msr)
{
	if (exit_code == SVM_EXIT_INVALID)
		return true;
	if (exit_code == SVM_EXIT_IOIO)
		return bit(l1->misc3, exit_code - EXIT_MISC3_FIRST) &&
		       (!l1_iopm ||
			svm_iopm_test(l1_iopm, info1 >> SVM_IOIO_PORT_SHIFT,
				      (info1 >> SVM_IOIO_SIZE_SHIFT) & 7));
	if (exit_code == SVM_EXIT_MSR)
		return bit(l1->misc3, exit_code - EXIT_MISC3_FIRST) &&
		       (!l1_msrpm || svm_msrpm_test(l1_msrpm, msr, info1 & 1));
	if (exit_code < EXIT_DR_FIRST)
		return bit(l1->cr, exit_code - EXIT_CR_FIRST);
	if (exit_code < EXIT_EXCP_FIRST)
		return bit(l1->dr, exit_code - EXIT_DR_FIRST);
	if (exit_code < EXIT_MISC3_FIRST)
		return bit(l1->exceptions, exit_code - EXIT_EXCP_FIRST);
	if (exit_code < EXIT_MISC4_FIRST)
		return bit(l1->misc3, exit_code - EXIT_MISC3_FIRST);
	if (exit_code < EXIT_MISC5_FIRST)
		return bit(l1->misc4, exit_code - EXIT_MISC4_FIRST);
	if (exit_code < EXIT_MISC5_FIRST + 32)
		return bit(l1->misc5, exit_code - EXIT_MISC5_FIRST);
	return false;
}

/* LBR virtualization (bit 0) and virtual VMSAVE/VMLOAD (bit 1). */
#define VIRT_EXT_VMSAVE		VSM_BIT64(1)

/**
 * svm_nested_controls() - the control area a nested guest runs with
 * @c: built here
 * @l1: the control area L1 wrote (a copy vsm owns)
 * @own: what vsm imposes
 *
 * From L1's VMCB come the interrupt and event fields, the TSC offset and
 * the intercepts (merged with vsm's).  What keeps the nested guest inside
 * what the host may reach comes from vsm alone: nested paging is always
 * on, with vsm's shadow tables; vsm's ASID and permission maps; no clean
 * bits (everything reloaded); no AVIC, SEV or virtual VMSAVE/VMLOAD, which
 * vsm does not emulate.
 *
 * Return: 0, or -EINVAL when L1 asked for something the hardware would
 * refuse for it (no VMRUN intercept, ASID 0): reflect VMEXIT_INVALID.
 */
int svm_nested_controls(struct vmcb_control *c, const struct vmcb_control *l1,
			const struct svm_nested_own *own)
{
	struct svm_intercepts i;

	if (!(l1->intercept_misc4 & SVM_INTERCEPT_VMRUN) || !l1->asid)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	svm_intercepts_get(&i, l1);
	svm_intercepts_merge(c, &i, &own->intercepts);
	c->pause_filter_threshold = l1->pause_filter_threshold;
	c->pause_filter_count = l1->pause_filter_count;
	c->tsc_offset = l1->tsc_offset;
	c->vintr = l1->vintr;
	c->interrupt_shadow = l1->interrupt_shadow & 1;
	c->event_inj = l1->event_inj;
	c->iopm_base_pa = own->iopm_pa;
	c->msrpm_base_pa = own->msrpm_pa;
	c->asid = own->asid;
	c->tlb_control = SVM_TLB_FLUSH_ALL;
	c->np_enable = SVM_NP_ENABLE;
	c->n_cr3 = own->n_cr3;
	c->lbr_virt_enable = l1->lbr_virt_enable & ~VIRT_EXT_VMSAVE;
	c->clean = 0;
	return 0;
}

#define EFER_SCE	VSM_BIT64(0)
#define EFER_LME	VSM_BIT64(8)
#define EFER_LMA	VSM_BIT64(10)
#define EFER_SVME	VSM_BIT64(12)
#define CR0_PE		VSM_BIT64(0)
#define CR0_NW		VSM_BIT64(29)
#define CR0_CD		VSM_BIT64(30)
#define CR0_PG		VSM_BIT64(31)
#define CR4_PAE		VSM_BIT64(5)
#define SEG_L		VSM_BIT(9)	/* attribute bits: 64-bit code */
#define SEG_D		VSM_BIT(10)
/* CR3 bits that must be zero in long mode (above the 52-bit address). */
#define CR3_LONG_MBZ	0xfff0000000000000ULL

/**
 * svm_nested_state_valid() - the VMRUN consistency checks on L2's state
 * @s: the state save area L1 wrote (a copy vsm owns)
 * @efer_ok: EFER bits the CPU vsm shows L1 supports
 * @cr4_ok: CR4 bits it supports
 *
 * The checks AMD's VMRUN makes before it enters a guest (APM vol. 2,
 * "Canonicalization and Consistency Checks"); a state that fails them
 * gets VMEXIT_INVALID, which vsm reflects to L1 rather than handing the
 * state to the hardware.
 *
 * Return: true if VMRUN may go on.
 */
bool svm_nested_state_valid(const struct vmcb_save *s, u64 efer_ok, u64 cr4_ok)
{
	bool long_mode = (s->efer & EFER_LME) && (s->cr0 & CR0_PG);

	if (!(s->efer & EFER_SVME) || (s->efer & ~efer_ok))
		return false;
	if ((s->cr0 >> 32) || ((s->cr0 & CR0_NW) && !(s->cr0 & CR0_CD)))
		return false;
	if ((s->cr4 & ~cr4_ok) || (s->dr6 >> 32) || (s->dr7 >> 32))
		return false;
	if (long_mode && (!(s->cr4 & CR4_PAE) || !(s->cr0 & CR0_PE)))
		return false;
	if (long_mode && (s->cr3 & CR3_LONG_MBZ))
		return false;
	if (long_mode && (s->cs.attrib & SEG_L) && (s->cs.attrib & SEG_D))
		return false;
	return true;
}

/**
 * svm_exit_int_info() - an EXITINTINFO as hardware writes it
 * @exit_int_info: the value the CPU wrote
 *
 * QEMU's TCG records every event it was delivering as an exception unless
 * an instruction raised it: an external interrupt (vector 32 to 255) or
 * an NMI (vector 2) arrives as "exception N".  Injected back like that,
 * VMRUN fails (no exception has a vector above 31, and an NMI is its own
 * type), and a nested hypervisor would be told the same wrong story.  An
 * AMD CPU never writes an exception with those vectors, so they are read
 * as what they are: an interrupt, an NMI.
 *
 * Return: @exit_int_info with the event's type corrected.
 */
u64 svm_exit_int_info(u64 exit_int_info)
{
	u32 type = (u32)exit_int_info & SVM_EVTINJ_TYPE_MASK;
	u32 vector = (u32)exit_int_info & SVM_EVTINJ_VECTOR_MASK;
	u64 fixed;

	if (!(exit_int_info & SVM_EVTINJ_VALID) || type != SVM_EVTINJ_TYPE_EXCEPTION)
		return exit_int_info;
	if (vector >= 32)
		fixed = SVM_EVTINJ_TYPE_INTR;
	else if (vector == 2)
		fixed = SVM_EVTINJ_TYPE_NMI;
	else
		return exit_int_info;
	/* Neither kind has an error code. */
	return (exit_int_info & (SVM_EVTINJ_VALID | SVM_EVTINJ_VECTOR_MASK)) | fixed;
}

/**
 * svm_event_to_redeliver() - what to inject after an exit that interrupted
 *	an event's delivery
 * @exit_int_info: the exit's EXITINTINFO
 *
 * An exit on the way to a handler (a nested page fault on the stack, say)
 * loses the event unless it is injected again at the next VMRUN.  Not so
 * an event an instruction raised (INTn, INT3, INTO): RIP still points at
 * the instruction, which raises it again when it runs, and injecting it
 * as well would deliver it with the instruction's own address as the
 * return address, or twice.  The event is read as svm_exit_int_info()
 * corrects it.
 *
 * Return: the EVENTINJ value, 0 for none.
 */
u64 svm_event_to_redeliver(u64 exit_int_info)
{
	u64 info = svm_exit_int_info(exit_int_info);
	u32 type = (u32)info & SVM_EVTINJ_TYPE_MASK;
	u32 vector = (u32)info & SVM_EVTINJ_VECTOR_MASK;

	if (!(info & SVM_EVTINJ_VALID) || type == SVM_EVTINJ_TYPE_SOFT)
		return 0;
	if (type == SVM_EVTINJ_TYPE_EXCEPTION && (vector == 3 || vector == 4))
		return 0;
	return info;
}

/**
 * svm_nested_exit_to_l1() - write a nested guest's #VMEXIT into L1's VMCB
 * @l1_vmcb: the VMCB L1 gave VMRUN (a copy vsm writes back)
 * @run: the VMCB the guest ran on
 *
 * What hardware writes on #VMEXIT and nothing else: the exit code and
 * information, the interrupt shadow and the virtual interrupt state, and
 * the state VMRUN loaded (segments ES, CS, SS, DS, GDTR, IDTR, CPL, EFER,
 * CR0, CR2, CR3, CR4, DR6, DR7, RFLAGS, RIP, RSP, RAX, and the guest PAT);
 * EVENTINJ's valid bit is cleared, as the event was delivered or is in
 * EXITINTINFO.  L1's intercepts, maps, nested CR3 and the VMSAVE state
 * stay as L1 wrote them.
 */
void svm_nested_exit_to_l1(struct vmcb *l1_vmcb, const struct vmcb *run)
{
	struct vmcb_control *c = &l1_vmcb->control;
	struct vmcb_save *s = &l1_vmcb->save;
	const struct vmcb_save *r = &run->save;

	c->exit_code = run->control.exit_code;
	c->exit_info1 = run->control.exit_info1;
	c->exit_info2 = run->control.exit_info2;
	c->exit_int_info = svm_exit_int_info(run->control.exit_int_info);
	c->interrupt_shadow = run->control.interrupt_shadow;
	c->vintr = run->control.vintr;
	c->event_inj &= ~(u64)SVM_EVTINJ_VALID;
	s->es = r->es;
	s->cs = r->cs;
	s->ss = r->ss;
	s->ds = r->ds;
	s->gdtr = r->gdtr;
	s->idtr = r->idtr;
	s->cpl = r->cpl;
	s->efer = r->efer;
	s->cr0 = r->cr0;
	s->cr2 = r->cr2;
	s->cr3 = r->cr3;
	s->cr4 = r->cr4;
	s->dr6 = r->dr6;
	s->dr7 = r->dr7;
	s->rflags = r->rflags;
	s->rip = r->rip;
	s->rsp = r->rsp;
	s->rax = r->rax;
	s->g_pat = r->g_pat;
}

/**
 * svm_vmload_state_copy() - the state VMLOAD and VMSAVE move
 * @dst: save area written
 * @src: save area read
 *
 * FS, GS, TR, LDTR (with their hidden parts), KernelGsBase, STAR, LSTAR,
 * CSTAR, SFMASK and the SYSENTER MSRs: what VMRUN and #VMEXIT leave alone.
 */
void svm_vmload_state_copy(struct vmcb_save *dst, const struct vmcb_save *src)
{
	dst->fs = src->fs;
	dst->gs = src->gs;
	dst->tr = src->tr;
	dst->ldtr = src->ldtr;
	dst->kernel_gs_base = src->kernel_gs_base;
	dst->star = src->star;
	dst->lstar = src->lstar;
	dst->cstar = src->cstar;
	dst->sfmask = src->sfmask;
	dst->sysenter_cs = src->sysenter_cs;
	dst->sysenter_esp = src->sysenter_esp;
	dst->sysenter_eip = src->sysenter_eip;
}

/**
 * svm_nested_guest_state() - the state save area a nested guest runs with
 * @run: written whole
 * @gave: the save area L1 gave VMRUN (a copy vsm owns)
 * @cpu: the state L1's CPU holds (its VMLOAD state)
 * @own_pat: L1's PAT, for a guest without nested paging
 * @np: L1 enabled nested paging for the guest
 *
 * What VMRUN loads from the VMCB (segments ES, CS, SS, DS, GDTR, IDTR,
 * CPL, EFER, CR0, CR2, CR3, CR4, DR6, DR7, RFLAGS, RIP, RSP, RAX, and the
 * guest PAT with nested paging) comes from @gave; what it does not load
 * stays what the CPU holds, @cpu.  Nothing else (no CET, LBR or SEV state).
 */
void svm_nested_guest_state(struct vmcb_save *run, const struct vmcb_save *gave,
			    const struct vmcb_save *cpu, u64 own_pat, bool np)
{
	memset(run, 0, sizeof(*run));
	run->es = gave->es;
	run->cs = gave->cs;
	run->ss = gave->ss;
	run->ds = gave->ds;
	run->gdtr = gave->gdtr;
	run->idtr = gave->idtr;
	run->cpl = gave->cpl;
	run->efer = gave->efer;
	run->cr0 = gave->cr0;
	run->cr2 = gave->cr2;
	run->cr3 = gave->cr3;
	run->cr4 = gave->cr4;
	run->dr6 = gave->dr6;
	run->dr7 = gave->dr7;
	run->rflags = gave->rflags;
	run->rip = gave->rip;
	run->rsp = gave->rsp;
	run->rax = gave->rax;
	run->g_pat = np ? gave->g_pat : own_pat;
	svm_vmload_state_copy(run, cpu);
}
