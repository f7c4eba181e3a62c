// SPDX-License-Identifier: GPL-2.0
/*
 * Nested SVM exit routing: intercept vectors merged, each exit code mapped
 * onto L1's bit, I/O and MSR exits filtered by L1's permission maps.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/svm/nested.h"

static u8 msrpm[SVM_MSRPM_SIZE], iopm[SVM_IOPM_SIZE];

TEST(nested_merge_keeps_both_and_vmrun)
{
	struct svm_intercepts l1 = { .cr = VSM_BIT(16), .misc3 = SVM_INTERCEPT_CPUID },
			      own = { .misc3 = SVM_INTERCEPT_SHUTDOWN, .misc4 = SVM_INTERCEPT_VMMCALL };
	struct vmcb_control c;

	memset(&c, 0, sizeof(c));
	svm_intercepts_merge(&c, &l1, &own);
	EXPECT_EQ(c.intercept_cr, VSM_BIT(16));
	EXPECT_EQ(c.intercept_misc3, SVM_INTERCEPT_CPUID | SVM_INTERCEPT_SHUTDOWN);
	EXPECT_EQ(c.intercept_misc4, SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL);
}

TEST(nested_routes_each_exit_by_l1s_bits)
{
	struct svm_intercepts l1 = { .cr = VSM_BIT(16 + 4), .dr = VSM_BIT(7),
				     .exceptions = VSM_BIT(14), .misc3 = SVM_INTERCEPT_CPUID,
				     .misc4 = SVM_INTERCEPT_VMMCALL, .misc5 = VSM_BIT(2) };

	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_WRITE_CR4, 0, 0));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_WRITE_CR0, 0, 0));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, 0x004, 0, 0));	/* CR4 read */
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, 0x027, 0, 0));	/* DR7 read */
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, 0x04e, 0, 0));	/* #PF */
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, 0x041, 0, 0));	/* #DB */
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_CPUID, 0, 0));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_SHUTDOWN, 0, 0));
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_VMMCALL, 0, 0));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_VMRUN, 0, 0));
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, 0x0a2, 0, 0));	/* INVPCID */
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_INVALID, 0, 0));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_NPF, 0, 0));
}

TEST(nested_io_and_msr_exits_follow_l1s_maps)
{
	struct svm_intercepts l1 = { .misc3 = SVM_INTERCEPT_IOIO_PROT | SVM_INTERCEPT_MSR_PROT };
	u64 out_70_1 = (0x70ULL << SVM_IOIO_PORT_SHIFT) | (1 << SVM_IOIO_SIZE_SHIFT);
	u64 in_6e_4 = (0x6eULL << SVM_IOIO_PORT_SHIFT) | (4 << SVM_IOIO_SIZE_SHIFT) | SVM_IOIO_IN;

	memset(msrpm, 0, sizeof(msrpm));
	memset(iopm, 0, sizeof(iopm));
	iopm[0x70 / 8] |= 1U << (0x70 % 8);
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_IOIO, out_70_1, 0));
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_IOIO, in_6e_4, 0));	/* spans 0x70 */
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_IOIO,
				  (0x71ULL << SVM_IOIO_PORT_SHIFT) | (1 << SVM_IOIO_SIZE_SHIFT), 0));
	/* an access past port 0xffff checks the map's bit 0x10000 too */
	EXPECT(!svm_iopm_test(iopm, 0xffff, 2));
	iopm[0x10000 / 8] |= 1;
	EXPECT(svm_iopm_test(iopm, 0xffff, 2));
	svm_msrpm_intercept(msrpm, 0xc0000082, false, true);
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_MSR, 1, 0xc0000082));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_MSR, 0, 0xc0000082));
	EXPECT(svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_MSR, 0, 0x40000000));	/* unmapped */
	/* L1's maps are no memory it may use: every access is L1's */
	EXPECT(svm_l1_wants_exit(&l1, NULL, NULL, SVM_EXIT_MSR, 0, 0xc0000082));
	EXPECT(svm_l1_wants_exit(&l1, NULL, NULL, SVM_EXIT_IOIO,
				 (0x71ULL << SVM_IOIO_PORT_SHIFT) | (1 << SVM_IOIO_SIZE_SHIFT), 0));
	l1.misc3 = 0;
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_MSR, 1, 0xc0000082));
	EXPECT(!svm_l1_wants_exit(&l1, msrpm, iopm, SVM_EXIT_IOIO, out_70_1, 0));
	EXPECT(!svm_l1_wants_exit(&l1, NULL, NULL, SVM_EXIT_MSR, 1, 0xc0000082));
}

TEST(nested_controls_keep_the_guest_inside_vsms_tables)
{
	struct svm_nested_own own = {
		.intercepts = { .misc3 = SVM_INTERCEPT_SHUTDOWN },
		.asid = 7, .n_cr3 = 0x123000, .msrpm_pa = 0x200000, .iopm_pa = 0x300000,
	};
	struct vmcb_control l1, c;

	memset(&l1, 0, sizeof(l1));
	l1.intercept_misc4 = SVM_INTERCEPT_VMRUN;
	l1.intercept_misc3 = SVM_INTERCEPT_CPUID;
	l1.asid = 1;
	l1.np_enable = 0;			/* L1 asks for no nested paging, */
	l1.n_cr3 = 0x1000;			/* its own tables, */
	l1.msrpm_base_pa = 0xdead000;		/* its own maps, */
	l1.iopm_base_pa = 0xbeef000;
	l1.np_enable |= VSM_BIT64(1);		/* SEV, */
	l1.lbr_virt_enable = VSM_BIT64(1) | 1;	/* virtual VMSAVE/VMLOAD, */
	l1.clean = 0xffffffff;			/* and clean bits */
	l1.tsc_offset = 42;
	l1.event_inj = 0x80000b0e;
	EXPECT_EQ(svm_nested_controls(&c, &l1, &own), 0);
	EXPECT_EQ(c.np_enable, SVM_NP_ENABLE);
	EXPECT_EQ(c.n_cr3, 0x123000);
	EXPECT_EQ(c.msrpm_base_pa, 0x200000);
	EXPECT_EQ(c.iopm_base_pa, 0x300000);
	EXPECT_EQ(c.asid, 7);
	EXPECT_EQ(c.lbr_virt_enable, 1);
	EXPECT_EQ(c.clean, 0);
	EXPECT_EQ(c.tsc_offset, 42);
	EXPECT_EQ(c.event_inj, 0x80000b0e);
	EXPECT_EQ(c.intercept_misc3, SVM_INTERCEPT_CPUID | SVM_INTERCEPT_SHUTDOWN);
	/* what hardware refuses, vsm refuses */
	l1.asid = 0;
	EXPECT_EQ(svm_nested_controls(&c, &l1, &own), -EINVAL);
	l1.asid = 1;
	l1.intercept_misc4 = 0;
	EXPECT_EQ(svm_nested_controls(&c, &l1, &own), -EINVAL);
}

TEST(nested_state_checks_are_vmruns)
{
	const u64 efer_ok = VSM_BIT64(0) | VSM_BIT64(8) | VSM_BIT64(10) | VSM_BIT64(11) |
			    VSM_BIT64(12);
	const u64 cr4_ok = 0x3706ff;
	struct vmcb_save s;

	memset(&s, 0, sizeof(s));
	s.efer = VSM_BIT64(12) | VSM_BIT64(8) | VSM_BIT64(10);	/* SVME, LME, LMA */
	s.cr0 = 0x80050033;
	s.cr4 = 0x3506f0 & cr4_ok;
	s.cr3 = 0x1000;
	s.cs.attrib = VSM_BIT(9);				/* 64-bit code */
	EXPECT(svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.efer &= ~VSM_BIT64(12);				/* no SVME */
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.efer |= VSM_BIT64(12) | VSM_BIT64(15);		/* unsupported EFER bit */
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.efer &= ~VSM_BIT64(15);
	s.cr0 |= VSM_BIT64(29);					/* NW without CD */
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.cr0 = 0x80050033 | (1ULL << 32);
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.cr0 = 0x80050033;
	s.cr4 &= ~VSM_BIT64(5);					/* long mode without PAE */
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.cr4 |= VSM_BIT64(5) | VSM_BIT64(13);			/* a CR4 bit not offered */
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.cr4 &= ~VSM_BIT64(13);
	s.dr7 = 1ULL << 40;
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.dr7 = 0x400;
	s.cr3 = 1ULL << 60;
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.cr3 = 0x1000;
	s.cs.attrib |= VSM_BIT(10);				/* L and D together */
	EXPECT(!svm_nested_state_valid(&s, efer_ok, cr4_ok));
	s.cs.attrib = VSM_BIT(9);
	EXPECT(svm_nested_state_valid(&s, efer_ok, cr4_ok));
}

TEST(nested_exit_writes_what_hardware_writes)
{
	static struct vmcb l1, run;

	memset(&l1, 0xaa, sizeof(l1));
	memset(&run, 0, sizeof(run));
	l1.control.event_inj = SVM_EVTINJ_VALID | 14;
	run.control.exit_code = SVM_EXIT_CPUID;
	run.control.exit_info1 = 1;
	run.control.exit_int_info = 0x80000b0e;
	run.save.rip = 0x401000;
	run.save.rsp = 0x7ff000;
	run.save.rax = 7;
	run.save.cr3 = 0x5000;
	run.save.cs.selector = 0x33;
	run.save.fs.base = 0x1234;		/* not written back: VMSAVE state */
	svm_nested_exit_to_l1(&l1, &run);
	EXPECT_EQ(l1.control.exit_code, SVM_EXIT_CPUID);
	EXPECT_EQ(l1.control.exit_info1, 1);
	EXPECT_EQ(l1.control.exit_int_info, 0x80000b0e);
	EXPECT_EQ(l1.control.event_inj, 14);	/* valid bit cleared */
	EXPECT_EQ(l1.save.rip, 0x401000);
	EXPECT_EQ(l1.save.rsp, 0x7ff000);
	EXPECT_EQ(l1.save.rax, 7);
	EXPECT_EQ(l1.save.cr3, 0x5000);
	EXPECT_EQ(l1.save.cs.selector, 0x33);
	/* L1's own settings and the VMSAVE state are untouched */
	EXPECT_EQ(l1.control.n_cr3, 0xaaaaaaaaaaaaaaaaULL);
	EXPECT_EQ(l1.control.intercept_misc3, 0xaaaaaaaa);
	EXPECT_EQ(l1.save.fs.base, 0xaaaaaaaaaaaaaaaaULL);
	EXPECT_EQ(l1.save.lstar, 0xaaaaaaaaaaaaaaaaULL);
}

TEST(nested_guest_state_is_vmruns_and_the_cpus)
{
	static struct vmcb gave, cpu, run;

	memset(&gave, 0x11, sizeof(gave));
	memset(&cpu, 0x22, sizeof(cpu));
	memset(&run, 0x33, sizeof(run));
	gave.save.rip = 0x1000;
	gave.save.efer = 0x1d01;
	gave.save.g_pat = 0x0007040600070406ULL;
	cpu.save.lstar = 0xffffffff81e00000ULL;
	cpu.save.fs.base = 0x7f0000000000ULL;
	svm_nested_guest_state(&run.save, &gave.save, &cpu.save, 0x406, true);
	EXPECT_EQ(run.save.rip, 0x1000);
	EXPECT_EQ(run.save.efer, 0x1d01);
	EXPECT_EQ(run.save.g_pat, 0x0007040600070406ULL);
	/* What VMRUN does not load is what the CPU holds */
	EXPECT_EQ(run.save.lstar, 0xffffffff81e00000ULL);
	EXPECT_EQ(run.save.fs.base, 0x7f0000000000ULL);
	EXPECT_EQ(run.save.kernel_gs_base, 0x2222222222222222ULL);
	/* Nothing else: no CET, LBR or other state from either */
	EXPECT_EQ(run.save.s_cet, 0);
	EXPECT_EQ(run.save.dbgctl, 0);
	EXPECT_EQ(run.save.vmpl, 0);
	/* Without nested paging the guest gets L1's own PAT */
	svm_nested_guest_state(&run.save, &gave.save, &cpu.save, 0x406, false);
	EXPECT_EQ(run.save.g_pat, 0x406);
}

TEST(vmload_state_is_exactly_vmsaves)
{
	static struct vmcb a, b;

	memset(&a, 0x44, sizeof(a));
	memset(&b, 0, sizeof(b));
	svm_vmload_state_copy(&b.save, &a.save);
	EXPECT_EQ(b.save.tr.base, 0x4444444444444444ULL);
	EXPECT_EQ(b.save.ldtr.selector, 0x4444);
	EXPECT_EQ(b.save.sysenter_eip, 0x4444444444444444ULL);
	EXPECT_EQ(b.save.sfmask, 0x4444444444444444ULL);
	/* VMRUN's state is not VMLOAD's */
	EXPECT_EQ(b.save.rip, 0);
	EXPECT_EQ(b.save.cs.base, 0);
	EXPECT_EQ(b.save.cr3, 0);
}

/*
 * QEMU's TCG writes an external interrupt or an NMI it was delivering as
 * "exception N"; injected back like that, VMRUN fails (SVM_EXIT_INVALID).
 */
TEST(qemu_interrupts_recorded_as_exceptions_are_interrupts_again)
{
	u64 tcg_timer = 0xec | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID;
	u64 tcg_nmi = 2 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID;
	u64 df = 8 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_ERROR_VALID | SVM_EVTINJ_VALID;
	u64 intr = 0xec | SVM_EVTINJ_TYPE_INTR | SVM_EVTINJ_VALID;
	u64 nmi = 2 | SVM_EVTINJ_TYPE_NMI | SVM_EVTINJ_VALID;
	struct vmcb l1, run;

	EXPECT_EQ(svm_exit_int_info(tcg_timer), intr);
	EXPECT_EQ(svm_exit_int_info(tcg_nmi), nmi);
	EXPECT_EQ(svm_exit_int_info(intr), intr);
	EXPECT_EQ(svm_exit_int_info(nmi), nmi);
	EXPECT_EQ(svm_exit_int_info(df), df);
	EXPECT_EQ(svm_exit_int_info(31 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID),
		  31 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID);
	EXPECT_EQ(svm_exit_int_info(0xec | SVM_EVTINJ_TYPE_EXCEPTION), 0xec | SVM_EVTINJ_TYPE_EXCEPTION);
	EXPECT_EQ(svm_event_to_redeliver(tcg_timer), intr);
	EXPECT_EQ(svm_event_to_redeliver(tcg_nmi), nmi);
	/* and L1 is told what hardware would tell it */
	memset(&l1, 0, sizeof(l1));
	memset(&run, 0, sizeof(run));
	run.control.exit_int_info = tcg_timer;
	svm_nested_exit_to_l1(&l1, &run);
	EXPECT_EQ(l1.control.exit_int_info, intr);
}

TEST(redelivered_events_are_the_cpus_not_an_instructions)
{
	u64 intr = 0x20 | VSM_BIT(31);			/* external, vector 32 */
	u64 nmi = 2 | (2U << 8) | VSM_BIT(31);
	u64 pf = 14 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_ERROR_VALID |
		 SVM_EVTINJ_VALID | (6ULL << 32);

	EXPECT_EQ(svm_event_to_redeliver(0), 0);
	EXPECT_EQ(svm_event_to_redeliver(0x20), 0);	/* not valid */
	EXPECT_EQ(svm_event_to_redeliver(intr), intr);
	EXPECT_EQ(svm_event_to_redeliver(nmi), nmi);
	EXPECT_EQ(svm_event_to_redeliver(pf), pf);
	/* INTn, INT3 and INTO run again from RIP */
	EXPECT_EQ(svm_event_to_redeliver(0x80 | SVM_EVTINJ_TYPE_SOFT | SVM_EVTINJ_VALID), 0);
	EXPECT_EQ(svm_event_to_redeliver(3 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID), 0);
	EXPECT_EQ(svm_event_to_redeliver(4 | SVM_EVTINJ_TYPE_EXCEPTION | SVM_EVTINJ_VALID), 0);
}
