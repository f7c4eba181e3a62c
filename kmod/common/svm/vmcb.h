/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The AMD Virtual Machine Control Block (AMD APM vol. 2, appendix B).
 * Only the secure world's SVM code and the driver's svm/ code use it.
 */
#ifndef VSM_COMMON_SVM_VMCB_H
#define VSM_COMMON_SVM_VMCB_H

#include "../types.h"

/* CR intercepts (offset 0x00): reads in bits 0..15, writes in 16..31 */
#define SVM_INTERCEPT_CR_WRITE(n)	VSM_BIT(16 + (n))
/* Intercept vector 3 (offset 0x0c) */
#define SVM_INTERCEPT_NMI		VSM_BIT(1)
#define SVM_INTERCEPT_CR0_SEL_WRITE	VSM_BIT(5)
#define SVM_INTERCEPT_IDTR_WRITE	VSM_BIT(10)
#define SVM_INTERCEPT_GDTR_WRITE	VSM_BIT(11)
#define SVM_INTERCEPT_CPUID		VSM_BIT(18)
#define SVM_INTERCEPT_INVLPGA		VSM_BIT(26)
#define SVM_INTERCEPT_IOIO_PROT		VSM_BIT(27)
#define SVM_INTERCEPT_MSR_PROT		VSM_BIT(28)
#define SVM_INTERCEPT_SHUTDOWN		VSM_BIT(31)
/* Intercept vector 4 (offset 0x10) */
#define SVM_INTERCEPT_VMRUN		VSM_BIT(0)
#define SVM_INTERCEPT_VMMCALL		VSM_BIT(1)
#define SVM_INTERCEPT_VMLOAD		VSM_BIT(2)
#define SVM_INTERCEPT_VMSAVE		VSM_BIT(3)
#define SVM_INTERCEPT_STGI		VSM_BIT(4)
#define SVM_INTERCEPT_CLGI		VSM_BIT(5)
#define SVM_INTERCEPT_SKINIT		VSM_BIT(6)
/* Every SVM instruction a guest could run natively. */
#define SVM_INTERCEPT_SVM_INSNS		(SVM_INTERCEPT_VMRUN | SVM_INTERCEPT_VMMCALL | \
					 SVM_INTERCEPT_VMLOAD | SVM_INTERCEPT_VMSAVE | \
					 SVM_INTERCEPT_STGI | SVM_INTERCEPT_CLGI | \
					 SVM_INTERCEPT_SKINIT)

#define SVM_TLB_FLUSH_ALL		1
/* V_INTR fields (offset 0x60): physical interrupts masked by the host's IF */
#define SVM_V_INTR_MASKING		VSM_BIT64(24)
#define SVM_NP_ENABLE			VSM_BIT64(0)

/* Exit codes */
#define SVM_EXIT_WRITE_CR0		0x010
#define SVM_EXIT_WRITE_CR4		0x014
#define SVM_EXIT_NMI			0x061
#define SVM_EXIT_CR0_SEL_WRITE		0x065
#define SVM_EXIT_IDTR_WRITE		0x06a
#define SVM_EXIT_GDTR_WRITE		0x06b
#define SVM_EXIT_CPUID			0x072
#define SVM_EXIT_INVLPGA		0x07a
#define SVM_EXIT_IOIO			0x07b
#define SVM_EXIT_MSR			0x07c

/* EXITINFO1 of an I/O exit */
#define SVM_IOIO_IN			VSM_BIT(0)
#define SVM_IOIO_STR			VSM_BIT(2)
#define SVM_IOIO_REP			VSM_BIT(3)
#define SVM_IOIO_SIZE_SHIFT		4	/* bits 4..6: 1, 2 or 4 bytes */
#define SVM_IOIO_PORT_SHIFT		16
#define SVM_EXIT_SHUTDOWN		0x07f
#define SVM_EXIT_VMRUN			0x080
#define SVM_EXIT_VMMCALL		0x081
#define SVM_EXIT_VMLOAD			0x082
#define SVM_EXIT_VMSAVE			0x083
#define SVM_EXIT_STGI			0x084
#define SVM_EXIT_CLGI			0x085
#define SVM_EXIT_SKINIT			0x086
#define SVM_EXIT_NPF			0x400
#define SVM_EXIT_INVALID		((u64)-1)

/* EXITINFO1 of a nested page fault */
#define SVM_NPF_WRITE			VSM_BIT64(1)
#define SVM_NPF_FETCH			VSM_BIT64(4)
#define SVM_NPF_FINAL			VSM_BIT64(32)	/* at the final translation */
#define SVM_NPF_IN_WALK			VSM_BIT64(33)	/* during the guest's page walk */

/* EVENTINJ and EXITINTINFO */
#define SVM_EVTINJ_VALID		VSM_BIT(31)
#define SVM_EVTINJ_TYPE_MASK		(7U << 8)
#define SVM_EVTINJ_TYPE_INTR		(0U << 8)	/* external interrupt */
#define SVM_EVTINJ_TYPE_NMI		(2U << 8)
#define SVM_EVTINJ_TYPE_EXCEPTION	(3U << 8)
#define SVM_EVTINJ_TYPE_SOFT		(4U << 8)	/* INTn */
#define SVM_EVTINJ_VECTOR_MASK		0xffU
#define SVM_EVTINJ_ERROR_VALID		VSM_BIT(11)

/**
 * struct vmcb_seg - a segment register in the save area
 * @selector: visible selector
 * @attrib: descriptor bits 40..47 in 0..7 and 52..55 in 8..11
 * @limit: expanded limit
 * @base: base address
 */
#define SVM_SEG_ATTR_L			VSM_BIT(9)	/* 64-bit code segment */

struct vmcb_seg {
	u16 selector;
	u16 attrib;
	u32 limit;
	u64 base;
} __packed;

/**
 * struct vmcb_control - control area (offset 0x000), the fields vsm uses
 */
struct vmcb_control {
	u32 intercept_cr;
	u32 intercept_dr;
	u32 intercept_exceptions;
	u32 intercept_misc3;
	u32 intercept_misc4;
	u32 intercept_misc5;
	u8 reserved_18[0x3c - 0x18];
	u16 pause_filter_threshold;
	u16 pause_filter_count;
	u64 iopm_base_pa;
	u64 msrpm_base_pa;
	u64 tsc_offset;
	u32 asid;
	u8 tlb_control;
	u8 reserved_5d[3];
	u64 vintr;
	u64 interrupt_shadow;
	u64 exit_code;
	u64 exit_info1;
	u64 exit_info2;
	u64 exit_int_info;
	u64 np_enable;
	u64 avic_apic_bar;
	u64 ghcb_pa;
	u64 event_inj;
	u64 n_cr3;
	u64 lbr_virt_enable;
	u32 clean;
	u32 reserved_c4;
	u64 next_rip;
	u8 insn_len;
	u8 insn_bytes[15];
	u8 reserved_e0[0x400 - 0xe0];
} __packed;

/**
 * struct vmcb_save - state save area (offset 0x400)
 */
struct vmcb_save {
	struct vmcb_seg es, cs, ss, ds, fs, gs, gdtr, ldtr, idtr, tr;
	u8 reserved_a0[42];
	u8 vmpl;
	u8 cpl;
	u8 reserved_cc[4];
	u64 efer;
	u8 reserved_d8[112];
	u64 cr4;
	u64 cr3;
	u64 cr0;
	u64 dr7;
	u64 dr6;
	u64 rflags;
	u64 rip;
	u8 reserved_180[88];
	u64 rsp;
	u64 s_cet;
	u64 ssp;
	u64 isst_addr;
	u64 rax;
	u64 star;
	u64 lstar;
	u64 cstar;
	u64 sfmask;
	u64 kernel_gs_base;
	u64 sysenter_cs;
	u64 sysenter_esp;
	u64 sysenter_eip;
	u64 cr2;
	u8 reserved_248[32];
	u64 g_pat;
	u64 dbgctl;
} __packed;

/**
 * struct vmcb - one 4 KiB VMCB
 * @control: control area
 * @save: state save area
 */
struct vmcb {
	struct vmcb_control control;
	struct vmcb_save save;
	u8 reserved_tail[0x1000 - 0x400 - sizeof(struct vmcb_save)];
} __packed;

_Static_assert(sizeof(struct vmcb_control) == 0x400, "VMCB control area");
_Static_assert(__builtin_offsetof(struct vmcb_control, exit_code) == 0x70, "exit_code");
_Static_assert(__builtin_offsetof(struct vmcb_control, n_cr3) == 0xb0, "n_cr3");
_Static_assert(__builtin_offsetof(struct vmcb_control, next_rip) == 0xc8, "next_rip");
_Static_assert(__builtin_offsetof(struct vmcb_save, cpl) == 0xcb, "cpl");
_Static_assert(__builtin_offsetof(struct vmcb_save, efer) == 0xd0, "efer");
_Static_assert(__builtin_offsetof(struct vmcb_save, cr4) == 0x148, "cr4");
_Static_assert(__builtin_offsetof(struct vmcb_save, rsp) == 0x1d8, "rsp");
_Static_assert(__builtin_offsetof(struct vmcb_save, rax) == 0x1f8, "rax");
_Static_assert(__builtin_offsetof(struct vmcb_save, cr2) == 0x240, "cr2");
_Static_assert(__builtin_offsetof(struct vmcb_save, g_pat) == 0x268, "g_pat");
_Static_assert(sizeof(struct vmcb) == 0x1000, "VMCB size");

/* MSR permission map: 2 bits per MSR (read, write) in three 2 KiB ranges. */
#define SVM_MSRPM_SIZE		0x2000
#define SVM_IOPM_SIZE		0x3000

bool svm_msrpm_intercept(u8 *msrpm, u32 msr, bool read, bool write);

#endif /* VSM_COMMON_SVM_VMCB_H */
