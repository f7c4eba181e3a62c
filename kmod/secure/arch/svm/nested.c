// SPDX-License-Identifier: GPL-2.0
/*
 * Nested SVM: the host's own hypervisor (L1, KVM) runs its guests (L2) on
 * an SVM that vsm emulates.  L1's VMRUN, VMLOAD, VMSAVE, STGI, CLGI and
 * INVLPGA exit here; VMRUN becomes a switch of this CPU to a VMCB vsm
 * builds from L1's and its own, with nested paging through *shadow*
 * nested page tables: L2-physical straight to host-physical, made by
 * walking L1's tables and then asking what the host itself may reach, so
 * that no secure page and no writable kernel text ever appears in them.
 * Each exit of L2 is either vsm's (shadow page faults, instructions L1
 * left alone that vsm may not) or reflected into L1's VMCB as hardware
 * would write it, and L1 resumes after its VMRUN with GIF clear.
 *
 * Emulated GIF: while L1's GIF is clear, L1 runs with V_INTR_MASKING set
 * and the secure world's IF clear, so physical interrupts stay pending
 * (as GIF would keep them); L2 runs with IF set, so with L1's INTR
 * intercept they become exits, as KVM expects.  NMIs are not masked by
 * IF: while L1's GIF is clear its VMCB intercepts them, the secure world
 * takes the pending NMI itself (svm_nested_hold_nmi()) and L1 gets it
 * when it sets GIF again, as hardware would hold it.  An NMI delivered
 * in between would run L1's handler on a half-switched CPU (KVM's guest
 * FS, GS, TR after its VMLOAD, before its VMRUN).
 */
#include "../../include/sw.h"
#include "../../include/x86.h"
#include "../../../common/insn.h"
#include "../../../common/paging.h"
#include "../../../common/snpt.h"
#include "../../../common/snpt_pool.h"
#include "../../../common/svm/nested.h"
#include "svm.h"

#define NESTED_ASID		2

/* VMLOAD/VMSAVE/VMRUN fault on addresses that are not 4 KiB aligned. */
#define VMCB_ALIGN_MASK		0xfffULL

/* EFER and CR4 bits a CPU may have (VMRUN's consistency checks). */
#define L2_EFER_OK		0xfd01ULL	/* SCE LME LMA NXE SVME LMSLE FFXSR TCE */
#define L2_CR4_OK		0xf71fffULL

/* SVM feature leaf (0x8000000a) EDX: nested paging is all that is emulated. */
#define SVM_FEATURE_NP		VSM_BIT(0)

static const u8 op_vmrun[] = { 0x0f, 0x01, 0xd8 };
static const u8 op_vmload[] = { 0x0f, 0x01, 0xda };
static const u8 op_vmsave[] = { 0x0f, 0x01, 0xdb };
static const u8 op_stgi[] = { 0x0f, 0x01, 0xdc };
static const u8 op_clgi[] = { 0x0f, 0x01, 0xdd };
static const u8 op_invlpga[] = { 0x0f, 0x01, 0xdf };

/**
 * struct svm_nested_cpu - one CPU's nested state (page VSM_CPU_PAGE_NESTED)
 * @svme: L1's EFER.SVME
 * @gif_clear: L1's global interrupt flag is clear (zero: set, as at launch)
 * @in_l2: this CPU runs L2 (on the L2 VMCB) rather than L1
 * @l1_vmcb_pa: the VMCB L1 gave the VMRUN that runs L2
 * @l1_msrpm: L1's MSR permission map, NULL if not host RAM
 * @l1_iopm: L1's I/O permission map, NULL if not host RAM
 * @np: L1 enabled nested paging for L2
 * @ncr3: L1's nested page tables for L2 (when @np)
 * @tag_ncr3: the shadow table was built from these tables...
 * @tag_asid: ...for this ASID of L1's
 * @tag_np: ...with or without nested paging
 * @epoch: ...and this text-protection epoch
 * @flush: flush L2's TLB at its next entry (INVLPGA)
 * @pool_ready: @pool is set up
 * @pool: the shadow nested page table
 * @shadow_valid: bit i: @shadow[i] holds L1's VMLOAD value of pinned MSR i
 * @nmi_held: an NMI arrived while L1's GIF was clear and waits for it
 * @shadow: pinned MSRs as L1's VMLOAD left them (the CPU keeps the pin)
 */
struct svm_nested_cpu {
	u64 svme;
	u64 gif_clear;
	u64 in_l2;
	u64 l1_vmcb_pa;
	const u8 *l1_msrpm;
	const u8 *l1_iopm;
	u64 np;
	u64 ncr3;
	u64 tag_ncr3;
	u64 tag_asid;
	u64 tag_np;
	u64 epoch;
	u64 flush;
	u64 pool_ready;
	struct vsm_snpt_pool pool;
	u32 shadow_valid;
	u32 nmi_held;
	u64 shadow[VSM_PINNED_MSRS];
};

_Static_assert(sizeof(struct svm_nested_cpu) <= VSM_PAGE_SIZE, "nested state");

/* Bumped when the kernel image becomes read-only: every shadow table goes. */
static u64 snpt_epoch = 1;

static struct svm_nested_cpu *nested_of(struct vsm_sw_cpu *c)
{
	return sw_cpu_page(c, VSM_CPU_PAGE_NESTED);
}

static struct vmcb *l1_vmcb(struct vsm_sw_cpu *c)
{
	return sw_cpu_page(c, VSM_CPU_PAGE_GUEST_CTL);
}

static struct vmcb *l2_vmcb(struct vsm_sw_cpu *c)
{
	return sw_cpu_page(c, VSM_CPU_PAGE_L2_VMCB);
}

static struct vmcb *l1_copy(struct vsm_sw_cpu *c)
{
	return sw_cpu_page(c, VSM_CPU_PAGE_L1_COPY);
}

/* Is SVM offered to the host at all? */
bool svm_nested_enabled(void)
{
	return vsm_boot.nested && vsm_boot.snpt_pool_pages >= VSM_SNPT_POOL_MIN;
}

bool svm_nested_in_l2(struct vsm_sw_cpu *c)
{
	return nested_of(c)->in_l2;
}

/* L1's GIF: pinning waits for it (L1's VMLOAD state is then its own). */
bool svm_nested_gif(struct vsm_sw_cpu *c)
{
	return !svm_nested_enabled() || !nested_of(c)->gif_clear;
}

u64 svm_nested_svme(struct vsm_sw_cpu *c)
{
	return svm_nested_enabled() && nested_of(c)->svme ? EFER_SVME : 0;
}

static void l1_gif_set(struct vsm_sw_cpu *c);

/* L1 writes EFER.SVME; false: it may not (SVM is hidden). */
bool svm_nested_set_svme(struct vsm_sw_cpu *c, bool on)
{
	struct svm_nested_cpu *n = nested_of(c);

	if (on && !svm_nested_enabled())
		return false;
	n->svme = on;
	if (!on && n->gif_clear)
		l1_gif_set(c);
	return true;
}

/* L1 wrote pinned MSR @index itself (with its pinned value). */
void svm_nested_msr_written(struct vsm_sw_cpu *c, int index)
{
	nested_of(c)->shadow_valid &= ~VSM_BIT(index);
}

/* From the lock on, the kernel image is read-only: drop every shadow table. */
void svm_nested_lock(void)
{
	__atomic_add_fetch(&snpt_epoch, 1, __ATOMIC_RELEASE);
}

/**
 * svm_nested_cpuid() - CPUID as L1 sees it with nested SVM
 * @leaf: EAX
 * @regs: the real values, adjusted here
 *
 * SVM is shown with nested paging and nothing else vsm does not emulate
 * (no NRIP save, decode assists, clean bits, flush by ASID, vGIF, AVIC,
 * virtual VMSAVE/VMLOAD); SKINIT is never offered.
 */
void svm_nested_cpuid(u32 leaf, u32 regs[4])
{
	if (leaf == 0x80000001) {
		regs[2] &= ~VSM_BIT(12);	/* SKINIT */
		if (!svm_nested_enabled())
			regs[2] &= ~VSM_BIT(2);	/* SVM */
	} else if (leaf == 0x8000000a) {
		if (!svm_nested_enabled()) {
			regs[0] = regs[1] = regs[2] = regs[3] = 0;
			return;
		}
		regs[0] = 1;		/* SVM revision */
		regs[2] = 0;
		regs[3] = SVM_FEATURE_NP;
	}
}

/*
 * The state L1's CPU holds that VMLOAD and VMSAVE move, into @dst: L1's
 * VMCB, except the pinned MSRs L1 VMLOADed other values of (the CPU keeps
 * the pinned values; the VMLOADed ones are what VMSAVE and VMRUN see).
 */
static void cpu_state_get(struct vsm_sw_cpu *c, struct vmcb_save *dst)
{
	struct svm_nested_cpu *n = nested_of(c);
	int i;

	svm_vmload_state_copy(dst, &l1_vmcb(c)->save);
	for (i = 0; i < VSM_PINNED_MSRS; i++)
		if (n->shadow_valid & VSM_BIT(i))
			svm_pinned_set(dst, i, n->shadow[i]);
}

static void cpu_state_set(struct vsm_sw_cpu *c, const struct vmcb_save *src)
{
	struct svm_nested_cpu *n = nested_of(c);
	struct vmcb_save *s = &l1_vmcb(c)->save;
	u64 pinned[VSM_PINNED_MSRS];
	int i;

	for (i = 0; i < VSM_PINNED_MSRS; i++)
		pinned[i] = svm_pinned_get(s, i);
	svm_vmload_state_copy(s, src);
	if (!c->pinned)
		return;
	for (i = 0; i < VSM_PINNED_MSRS; i++) {
		u64 val = svm_pinned_get(s, i);

		if (val == pinned[i]) {
			n->shadow_valid &= ~VSM_BIT(i);
			continue;
		}
		n->shadow[i] = val;
		n->shadow_valid |= VSM_BIT(i);
		svm_pinned_set(s, i, pinned[i]);
	}
}

/*
 * GIF as L1 sees it: clear holds physical interrupts and NMIs pending.
 * Set again in L1 (STGI, or EFER.SVME cleared), an NMI held meanwhile is
 * delivered first; set by a VMRUN, it goes to L2 (l1_vmrun()).
 */
static void set_gif(struct vsm_sw_cpu *c, bool on)
{
	struct svm_nested_cpu *n = nested_of(c);
	struct vmcb *v = l1_vmcb(c);

	n->gif_clear = !on;
	if (on) {
		v->control.vintr &= ~SVM_V_INTR_MASKING;
		v->control.intercept_misc3 &= ~SVM_INTERCEPT_NMI;
	} else {
		v->control.vintr |= SVM_V_INTR_MASKING;
		v->control.intercept_misc3 |= SVM_INTERCEPT_NMI;
	}
}

static const u64 nmi_event = X86_NMI_VECTOR | SVM_EVTINJ_TYPE_NMI | SVM_EVTINJ_VALID;

/* L1 set its GIF: an NMI held while it was clear is taken now. */
static void l1_gif_set(struct vsm_sw_cpu *c)
{
	struct svm_nested_cpu *n = nested_of(c);

	set_gif(c, true);
	if (n->nmi_held) {
		n->nmi_held = 0;
		l1_vmcb(c)->control.event_inj = nmi_event;
	}
}

/**
 * svm_nested_hold_nmi() - an NMI exit of L1, whose GIF is clear
 * @c: this CPU
 * @v: L1's VMCB
 *
 * The NMI is still pending (an intercepted NMI is not taken), and would
 * exit again at every VMRUN.  The secure world takes it in a window with
 * GIF set and IF clear (sw_nmi_entry() counts it) and holds it for L1.
 */
void svm_nested_hold_nmi(struct vsm_sw_cpu *c, struct vmcb *v)
{
	struct svm_nested_cpu *n = nested_of(c);
	u64 before = sw_nmi_count(c);

	asm volatile("cli\n\tstgi\n\tclgi" : : : "memory");
	if (sw_nmi_count(c) == before)
		return;
	/* L1's GIF set (no intercept should have fired): deliver it now. */
	if (!n->gif_clear && !(v->control.event_inj & SVM_EVTINJ_VALID))
		v->control.event_inj = nmi_event;
	else
		n->nmi_held = 1;
}

/*
 * A VMCB-sized page of the host's that L1 names in RAX: 4 KiB aligned,
 * host RAM, and (if vsm writes it) a page the host may write.
 */
static const void *l1_page(u64 pa, bool write)
{
	if ((pa & VMCB_ALIGN_MASK) || !sw_host_ram(pa, VSM_PAGE_SIZE))
		return NULL;
	if (write && !sw_host_writable(pa, VSM_PAGE_SIZE))
		return NULL;
	return (const void *)(uintptr_t)pa;
}

/*
 * L1's page at @pa, to be written now: checked again and held writable
 * (a writer count) until the caller's l1_write_done(), in this CPU's L1
 * window.
 */
static struct vmcb *l1_write_begin(struct vsm_sw_cpu *c, u64 pa)
{
	if ((pa & VMCB_ALIGN_MASK) || !sw_host_write_begin(&pa, 1, VSM_PAGE_SIZE))
		return NULL;
	return sw_host_window(c, SW_WINDOW_L1, pa);
}

static void l1_write_done(struct vsm_sw_cpu *c)
{
	sw_host_window_close(c, SW_WINDOW_L1);
	sw_host_write_done();
}

/* The checks every SVM instruction makes; false: a fault was injected. */
static bool svm_insn_allowed(struct vsm_sw_cpu *c, struct vmcb *v)
{
	if (!svm_nested_svme(c)) {
		svm_inject_exception(v, X86_UD_VECTOR, false);
		return false;
	}
	if (v->save.cpl) {
		svm_inject_exception(v, X86_GP_VECTOR, true);
		return false;
	}
	return true;
}

static void l1_vmload(struct vsm_sw_cpu *c, struct vmcb *v)
{
	const struct vmcb *from = l1_page(v->save.rax, false);

	if (!from) {
		svm_inject_exception(v, X86_GP_VECTOR, true);
		return;
	}
	if (svm_skip_insn(v, op_vmload, sizeof(op_vmload)))
		cpu_state_set(c, &from->save);
}

static void l1_vmsave(struct vsm_sw_cpu *c, struct vmcb *v)
{
	u64 rip = v->save.rip;
	struct vmcb *to;

	/* The instruction is fetched (the table asked) before the write count. */
	if (!l1_page(v->save.rax, true)) {
		svm_inject_exception(v, X86_GP_VECTOR, true);
		return;
	}
	if (!svm_skip_insn(v, op_vmsave, sizeof(op_vmsave)))
		return;
	to = l1_write_begin(c, v->save.rax);
	if (!to) {
		/* The page stopped being the host's to write meanwhile. */
		v->save.rip = rip;
		svm_inject_exception(v, X86_GP_VECTOR, true);
		return;
	}
	cpu_state_get(c, &to->save);
	l1_write_done(c);
}

/* L2's maps: L1's (or all-intercepting if L1's are no RAM) and vsm's own. */
static void merge_maps(struct vsm_sw_cpu *c, const struct vmcb_control *l1)
{
	struct svm_nested_cpu *n = nested_of(c);
	u64 *msrpm = sw_cpu_page(c, VSM_CPU_PAGE_L2_MSRPM);
	u64 *iopm = sw_cpu_page(c, VSM_CPU_PAGE_L2_IOPM);
	u64 mpa = l1->msrpm_base_pa & ~VMCB_ALIGN_MASK;
	u64 ipa = l1->iopm_base_pa & ~VMCB_ALIGN_MASK;
	u32 i;

	n->l1_msrpm = sw_host_ram(mpa, SVM_MSRPM_SIZE) ? (const u8 *)(uintptr_t)mpa : NULL;
	n->l1_iopm = sw_host_ram(ipa, SVM_IOPM_SIZE) ? (const u8 *)(uintptr_t)ipa : NULL;
	for (i = 0; i < SVM_MSRPM_SIZE / 8; i++)
		msrpm[i] = n->l1_msrpm ? ((const u64 *)n->l1_msrpm)[i] : ~0ULL;
	for (i = 0; i < SVM_IOPM_SIZE / 8; i++)
		iopm[i] = n->l1_iopm ? ((const u64 *)n->l1_iopm)[i] : ~0ULL;
	/* The real SVM MSRs; EFER and the pinned MSRs are L2's own. */
	svm_msrpm_intercept((u8 *)msrpm, MSR_VM_CR, true, true);
	svm_msrpm_intercept((u8 *)msrpm, MSR_VM_HSAVE_PA, true, true);
	svm_iopm_intercept_reset_ports((u8 *)iopm);
}

/* Drop the shadow table if L1 asked for a flush or changed what it shadows. */
static u8 shadow_for(struct vsm_sw_cpu *c, const struct vmcb_control *l1)
{
	struct svm_nested_cpu *n = nested_of(c);
	/* The lock's epoch, and every right the ownership table took away. */
	u64 epoch = __atomic_load_n(&snpt_epoch, __ATOMIC_ACQUIRE) + sw_own_generation();
	u64 ncr3 = n->np ? n->ncr3 : 0;
	u8 flush = n->flush;

	if (!n->pool_ready) {
		vsm_snpt_pool_init(&n->pool, sw_va(vsm_boot.snpt_pool_pa +
						   (u64)c->cpu * vsm_boot.snpt_pool_pages *
						   VSM_PAGE_SIZE),
				   vsm_boot.snpt_pool_pa +
				   (u64)c->cpu * vsm_boot.snpt_pool_pages * VSM_PAGE_SIZE,
				   (u32)vsm_boot.snpt_pool_pages);
		n->pool_ready = 1;
		flush = 1;
	}
	if (l1->tlb_control || l1->asid != n->tag_asid || ncr3 != n->tag_ncr3 ||
	    n->np != n->tag_np || epoch != n->epoch) {
		if (n->pool.used > 1) {
			vsm_snpt_pool_drop(&n->pool);
			sw_count_exit(c, VSM_EXIT_SNPT_REBUILD);
		}
		n->tag_asid = l1->asid;
		n->tag_ncr3 = ncr3;
		n->tag_np = n->np;
		n->epoch = epoch;
		flush = 1;
	}
	n->flush = 0;
	return flush ? SVM_TLB_FLUSH_ALL : 0;
}

/* Hardware's #VMEXIT into L1's VMCB, and L1 resumes after its VMRUN. */
static void exit_to_l1(struct vsm_sw_cpu *c, const struct vmcb *run)
{
	struct svm_nested_cpu *n = nested_of(c);
	struct vmcb *copy = l1_copy(c);
	struct vmcb *to;

	svm_nested_exit_to_l1(copy, run);
	copy->control.next_rip = 0;
	copy->control.insn_len = 0;
	to = l1_write_begin(c, n->l1_vmcb_pa);
	if (to) {
		memcpy(to, copy, sizeof(*copy));
		l1_write_done(c);
	}
	if (n->in_l2)
		cpu_state_set(c, &run->save);
	n->in_l2 = 0;
	c->guest_ctl_pa = sw_pa(l1_vmcb(c));
	set_gif(c, false);
}

/*
 * L1's VMRUN set GIF with an NMI held: if L1 intercepts NMIs, L2 exits
 * for it before its first instruction (an event L1 injected is handed
 * back in EXITINTINFO) and the NMI stays held for L1's STGI; otherwise
 * L2 takes it, unless L1 injects an event itself (the NMI then waits).
 */
static void nmi_at_vmrun(struct vsm_sw_cpu *c, struct vmcb *run)
{
	struct svm_nested_cpu *n = nested_of(c);

	if (l1_copy(c)->control.intercept_misc3 & SVM_INTERCEPT_NMI) {
		run->control.exit_code = SVM_EXIT_NMI;
		run->control.exit_info1 = 0;
		run->control.exit_info2 = 0;
		run->control.exit_int_info = run->control.event_inj;
		run->control.event_inj = 0;
		sw_count_exit(c, VSM_EXIT_L2_REFLECTED);
		exit_to_l1(c, run);
		return;
	}
	if (!(run->control.event_inj & SVM_EVTINJ_VALID)) {
		run->control.event_inj = nmi_event;
		n->nmi_held = 0;
	}
}

static void l1_vmrun(struct vsm_sw_cpu *c, struct vmcb *v)
{
	struct svm_nested_cpu *n = nested_of(c);
	struct vmcb *copy = l1_copy(c), *run = l2_vmcb(c);
	const struct vmcb *from = l1_page(v->save.rax, true);
	struct vmcb_save cpu;
	struct svm_nested_own own = {
		.intercepts = {
			.misc3 = SVM_INTERCEPT_MSR_PROT | SVM_INTERCEPT_IOIO_PROT |
				 SVM_INTERCEPT_SHUTDOWN | SVM_INTERCEPT_INVLPGA,
			.misc4 = SVM_INTERCEPT_SVM_INSNS,
		},
		.asid = NESTED_ASID,
		.n_cr3 = 0,	/* the shadow table's, once it is set up below */
		.msrpm_pa = sw_pa(sw_cpu_page(c, VSM_CPU_PAGE_L2_MSRPM)),
		.iopm_pa = sw_pa(sw_cpu_page(c, VSM_CPU_PAGE_L2_IOPM)),
	};

	if (!from) {
		svm_inject_exception(v, X86_GP_VECTOR, true);
		return;
	}
	if (!svm_skip_insn(v, op_vmrun, sizeof(op_vmrun)))
		return;
	/* Everything below reads vsm's copy, never L1's page again. */
	memcpy(copy, from, sizeof(*copy));
	n->l1_vmcb_pa = v->save.rax;
	v->control.interrupt_shadow = 0;
	n->np = copy->control.np_enable & SVM_NP_ENABLE;
	n->ncr3 = copy->control.n_cr3;
	if (svm_nested_controls(&run->control, &copy->control, &own) ||
	    !svm_nested_state_valid(&copy->save, L2_EFER_OK, L2_CR4_OK)) {
		run->control.exit_code = SVM_EXIT_INVALID;
		run->control.exit_info1 = 0;
		run->control.exit_info2 = 0;
		run->control.exit_int_info = 0;
		svm_nested_guest_state(&run->save, &copy->save, &copy->save, 0, true);
		sw_count_exit(c, VSM_EXIT_L2_REFLECTED);
		exit_to_l1(c, run);
		return;
	}
	merge_maps(c, &copy->control);
	run->control.tlb_control = shadow_for(c, &copy->control);
	run->control.n_cr3 = n->pool.base_pa;
	cpu_state_get(c, &cpu);
	svm_nested_guest_state(&run->save, &copy->save, &cpu, v->save.g_pat, n->np);
	n->in_l2 = 1;
	set_gif(c, true);
	c->guest_ctl_pa = sw_pa(run);
	if (n->nmi_held)
		nmi_at_vmrun(c, run);
}

/**
 * svm_l1_svm_insn() - the host ran an SVM instruction
 * @c: this CPU
 * @v: the host's VMCB
 * @code: the exit code (VMRUN .. SKINIT, INVLPGA)
 */
void svm_l1_svm_insn(struct vsm_sw_cpu *c, struct vmcb *v, u64 code)
{
	sw_count_exit(c, VSM_EXIT_VMRUN);
	if (code == SVM_EXIT_SKINIT || !svm_insn_allowed(c, v)) {
		if (code == SVM_EXIT_SKINIT)
			svm_inject_exception(v, X86_UD_VECTOR, false);
		return;
	}
	switch (code) {
	case SVM_EXIT_VMRUN:
		l1_vmrun(c, v);
		break;
	case SVM_EXIT_VMLOAD:
		l1_vmload(c, v);
		break;
	case SVM_EXIT_VMSAVE:
		l1_vmsave(c, v);
		break;
	case SVM_EXIT_STGI:
		if (svm_skip_insn(v, op_stgi, sizeof(op_stgi)))
			l1_gif_set(c);
		break;
	case SVM_EXIT_CLGI:
		if (svm_skip_insn(v, op_clgi, sizeof(op_clgi)))
			set_gif(c, false);
		break;
	default:	/* INVLPGA: L2 runs on vsm's ASID; flush it all */
		if (svm_skip_insn(v, op_invlpga, sizeof(op_invlpga)))
			nested_of(c)->flush = 1;
		break;
	}
}

/*
 * Map the guests' sink page where L2 reached a secure page through L1's
 * tables: reads see no secret, writes reach no secure byte and never the
 * host's decoy.  (Reflecting the fault to L1 instead would loop: L1's own
 * tables allow the access.)
 */
static void contain_l2(struct vsm_sw_cpu *c, struct vmcb *run, u64 l1_pa)
{
	struct svm_nested_cpu *n = nested_of(c);
	u64 gpa = run->control.exit_info2 & ~(u64)VSM_PAGE_SIZE_MASK;
	u64 e = vsm_boot.l2_sink_pa | VSM_PTE_P | VSM_PTE_RW | VSM_PTE_US | VSM_PTE_NX;
	u64 rebuilds = n->pool.rebuilds;

	sw_audit(c, VSM_AEV_PROTECTED_ACCESS, l1_pa & ~(u64)VSM_PAGE_SIZE_MASK,
		 run->save.rip, run->control.exit_info1 | VSM_AEV_BY_GUEST);
	vsm_snpt_install(&n->pool, gpa, e, VSM_PAGE_SIZE);
	if (n->pool.rebuilds != rebuilds) {
		sw_count_exit(c, VSM_EXIT_SNPT_REBUILD);
		run->control.tlb_control = SVM_TLB_FLUSH_ALL;
	}
}

/* Reflect a nested page fault in L1's own tables (or one vsm refuses). */
static void npf_to_l1(struct vsm_sw_cpu *c, struct vmcb *run, u64 code)
{
	run->control.exit_info1 = code | (run->control.exit_info1 &
					  (SVM_NPF_FINAL | SVM_NPF_IN_WALK));
	sw_count_exit(c, VSM_EXIT_L2_REFLECTED);
	exit_to_l1(c, run);
}

/* A nested page fault of L2: fill the shadow table, or reflect it. */
static void l2_npf(struct vsm_sw_cpu *c, struct vmcb *run)
{
	struct svm_nested_cpu *n = nested_of(c);
	u64 gpa = run->control.exit_info2, code = run->control.exit_info1;
	u32 access = (code & SVM_NPF_WRITE ? VSM_SNPT_ACC_WRITE : 0) |
		     (code & SVM_NPF_FETCH ? VSM_SNPT_ACC_FETCH : 0);
	struct vsm_snpt_leaf leaf = {
		.l1_pa = gpa, .size = VSM_PT_SIZE(3), .write = true, .exec = true,
	};
	struct vsm_snpt_host host;
	u64 fault, e, size, rebuilds = n->pool.rebuilds;
	int ret = 0;

	sw_count_exit(c, VSM_EXIT_L2_NPF);
	if (n->np)
		ret = vsm_snpt_walk(&sw_host_mem, n->ncr3, gpa, access, &leaf, &fault);
	if (ret == -EIO)	/* L1's tables are no host RAM: reserved */
		fault = VSM_SNPT_FAULT_PRESENT | VSM_SNPT_FAULT_RSVD | VSM_SNPT_FAULT_USER |
			(code & (SVM_NPF_WRITE | SVM_NPF_FETCH));
	if (ret) {
		npf_to_l1(c, run, fault);
		return;
	}
	sw_host_view(leaf.l1_pa, &host);
	if (!host.present) {
		contain_l2(c, run, leaf.l1_pa);
		return;
	}
	if ((access & VSM_SNPT_ACC_WRITE) && !host.write) {
		/* L1 let L2 write the locked kernel image: refused, as for L1. */
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_TEXT_WRITE, leaf.l1_pa,
			 run->save.rip | VSM_AEV_BY_GUEST);
		npf_to_l1(c, run, VSM_SNPT_FAULT_PRESENT | VSM_SNPT_FAULT_WRITE |
			  VSM_SNPT_FAULT_USER);
		return;
	}
	e = vsm_snpt_entry(&leaf, gpa, &host, &size);
	if (!e || vsm_snpt_install(&n->pool, gpa & ~(size - 1), e, size))
		sw_panic("shadow nested entry", gpa);
	if (n->pool.rebuilds != rebuilds) {
		sw_count_exit(c, VSM_EXIT_SNPT_REBUILD);
		run->control.tlb_control = SVM_TLB_FLUSH_ALL;
	}
}

/* An exit of L2 that L1 did not ask for and vsm caused: as hardware would. */
static void l2_own_exit(struct vsm_sw_cpu *c, struct vmcb *run, u64 code)
{
	switch (code) {
	case SVM_EXIT_SHUTDOWN:
		/* L1 did not intercept it: the CPU would shut down. */
		svm_shutdown(c, run);
	case SVM_EXIT_MSR:	/* VM_CR, VM_HSAVE_PA: the CPU's, not L2's */
	case SVM_EXIT_IOIO:	/* a reset port L1 gave L2 */
		svm_inject_exception(run, X86_GP_VECTOR, true);
		break;
	default:		/* an SVM instruction L1 left alone */
		svm_inject_exception(run, X86_UD_VECTOR, false);
		break;
	}
}

/**
 * svm_l2_exit() - handle one #VMEXIT of L2
 * @c: this CPU, running L2
 */
void svm_l2_exit(struct vsm_sw_cpu *c)
{
	struct svm_nested_cpu *n = nested_of(c);
	struct vmcb *run = l2_vmcb(c);
	u64 code = run->control.exit_code;
	u64 pending = svm_event_to_redeliver(run->control.exit_int_info);
	struct svm_intercepts l1;

	sw_count_exit(c, VSM_EXIT_L2);
	run->control.tlb_control = 0;
	run->control.event_inj = 0;
	svm_intercepts_get(&l1, &l1_copy(c)->control);
	if (code != SVM_EXIT_NPF &&
	    svm_l1_wants_exit(&l1, n->l1_msrpm, n->l1_iopm, code, run->control.exit_info1,
			      (u32)c->gprs[VSM_GPR_RCX])) {
		sw_count_exit(c, VSM_EXIT_L2_REFLECTED);
		exit_to_l1(c, run);
		return;
	}
	if (code == SVM_EXIT_NPF)
		l2_npf(c, run);
	else
		l2_own_exit(c, run, code);
	/* Still in L2: an event the exit interrupted is delivered again. */
	if (n->in_l2 && pending && !run->control.event_inj)
		run->control.event_inj = pending;
}
