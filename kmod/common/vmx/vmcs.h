/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Intel VMX: the VMCS fields, controls and exit reasons vsm uses (Intel
 * SDM vol. 3C, appendices A to C), and the pure helpers that turn the
 * capability MSRs and the launch state into VMCS values.  Only the secure
 * world's vmx/ code, the driver's vmx/ code and the hosted tests use it.
 */
#ifndef VSM_COMMON_VMX_VMCS_H
#define VSM_COMMON_VMX_VMCS_H

#include "../types.h"

/* Capability MSRs */
#define MSR_IA32_FEATURE_CONTROL	0x0000003aU
#define MSR_IA32_VMX_BASIC		0x00000480U
#define MSR_IA32_VMX_PINBASED		0x00000481U
#define MSR_IA32_VMX_PROCBASED		0x00000482U
#define MSR_IA32_VMX_EXIT		0x00000483U
#define MSR_IA32_VMX_ENTRY		0x00000484U
#define MSR_IA32_VMX_CR0_FIXED0		0x00000486U
#define MSR_IA32_VMX_CR0_FIXED1		0x00000487U
#define MSR_IA32_VMX_CR4_FIXED0		0x00000488U
#define MSR_IA32_VMX_CR4_FIXED1		0x00000489U
#define MSR_IA32_VMX_PROCBASED2		0x0000048bU
#define MSR_IA32_VMX_TRUE_PINBASED	0x0000048dU
#define MSR_IA32_VMX_TRUE_PROCBASED	0x0000048eU
#define MSR_IA32_VMX_TRUE_EXIT		0x0000048fU
#define MSR_IA32_VMX_TRUE_ENTRY		0x00000490U
#define VMX_BASIC_TRUE_CONTROLS		VSM_BIT64(55)

/* Control bits */
#define VMX_PROC_USE_IO_BITMAPS		VSM_BIT(25)
#define VMX_PROC_USE_MSR_BITMAPS	VSM_BIT(28)
#define VMX_PROC_SECONDARY		VSM_BIT(31)
#define VMX_PROC2_EPT			VSM_BIT(1)
#define VMX_PROC2_DESC_EXITING		VSM_BIT(2)
#define VMX_PROC2_RDTSCP		VSM_BIT(3)
#define VMX_PROC2_VPID			VSM_BIT(5)
#define VMX_PROC2_INVPCID		VSM_BIT(12)
#define VMX_PROC2_XSAVES		VSM_BIT(20)
#define VMX_EXIT_SAVE_DEBUG		VSM_BIT(2)
#define VMX_EXIT_HOST_64		VSM_BIT(9)
#define VMX_EXIT_SAVE_PAT		VSM_BIT(18)
#define VMX_EXIT_LOAD_PAT		VSM_BIT(19)
#define VMX_EXIT_SAVE_EFER		VSM_BIT(20)
#define VMX_EXIT_LOAD_EFER		VSM_BIT(21)
#define VMX_ENTRY_LOAD_DEBUG		VSM_BIT(2)
#define VMX_ENTRY_GUEST_64		VSM_BIT(9)
#define VMX_ENTRY_LOAD_PAT		VSM_BIT(14)
#define VMX_ENTRY_LOAD_EFER		VSM_BIT(15)

/* EPT pointer: write-back paging structures, 4-level walk */
#define VMX_EPTP_WB_4LEVEL		(6ULL | (3ULL << 3))

/* VMCS fields (16-bit, 64-bit, 32-bit, natural width) */
#define VMCS_VPID			0x0000
#define VMCS_GUEST_ES_SEL		0x0800	/* ES, CS, SS, DS, FS, GS, LDTR, TR: +2 each */
#define VMCS_HOST_ES_SEL		0x0c00	/* ES, CS, SS, DS, FS, GS, TR: +2 each */
#define VMCS_IO_BITMAP_A		0x2000
#define VMCS_IO_BITMAP_B		0x2002
#define VMCS_MSR_BITMAP			0x2004
#define VMCS_EPT_POINTER		0x201a
#define VMCS_GUEST_PHYS_ADDR		0x2400
#define VMCS_LINK_POINTER		0x2800
#define VMCS_GUEST_DEBUGCTL		0x2802
#define VMCS_GUEST_PAT			0x2804
#define VMCS_GUEST_EFER			0x2806
#define VMCS_HOST_PAT			0x2c00
#define VMCS_HOST_EFER			0x2c02
#define VMCS_PIN_CONTROLS		0x4000
#define VMCS_PROC_CONTROLS		0x4002
#define VMCS_EXCEPTION_BITMAP		0x4004
#define VMCS_EXIT_CONTROLS		0x400c
#define VMCS_ENTRY_CONTROLS		0x4012
#define VMCS_ENTRY_INTR_INFO		0x4016
#define VMCS_ENTRY_EXCEPTION_ERROR	0x4018
#define VMCS_ENTRY_INSN_LEN		0x401a
#define VMCS_PROC2_CONTROLS		0x401e
#define VMCS_INSN_ERROR			0x4400
#define VMCS_EXIT_REASON		0x4402
#define VMCS_IDT_VECTORING_INFO		0x4408
#define VMCS_IDT_VECTORING_ERROR	0x440a
#define VMCS_EXIT_INSN_LEN		0x440c
#define VMCS_GUEST_ES_LIMIT		0x4800	/* +2 per segment, as the selectors */
#define VMCS_GUEST_GDTR_LIMIT		0x4810
#define VMCS_GUEST_IDTR_LIMIT		0x4812
#define VMCS_GUEST_ES_AR		0x4814	/* +2 per segment */
#define VMCS_GUEST_INTERRUPTIBILITY	0x4824
/* Guest interruptibility: blocking by STI, MOV SS, NMI */
#define VMX_BLOCKING_STI_MOVSS_NMI	0xbU
#define VMCS_GUEST_ACTIVITY		0x4826
#define VMCS_GUEST_SYSENTER_CS		0x482a
#define VMCS_HOST_SYSENTER_CS		0x4c00
#define VMCS_CR0_MASK			0x6000
#define VMCS_CR4_MASK			0x6002
#define VMCS_CR0_SHADOW			0x6004
#define VMCS_CR4_SHADOW			0x6006
#define VMCS_EXIT_QUALIFICATION		0x6400
#define VMCS_GUEST_CR0			0x6800
#define VMCS_GUEST_CR3			0x6802
#define VMCS_GUEST_CR4			0x6804
#define VMCS_GUEST_ES_BASE		0x6806	/* +2 per segment */
#define VMCS_GUEST_GDTR_BASE		0x6816
#define VMCS_GUEST_IDTR_BASE		0x6818
#define VMCS_GUEST_DR7			0x681a
#define VMCS_GUEST_RSP			0x681c
#define VMCS_GUEST_RIP			0x681e
#define VMCS_GUEST_RFLAGS		0x6820
#define VMCS_GUEST_PENDING_DBG		0x6822
#define VMCS_GUEST_SYSENTER_ESP		0x6824
#define VMCS_GUEST_SYSENTER_EIP		0x6826
#define VMCS_HOST_CR0			0x6c00
#define VMCS_HOST_CR3			0x6c02
#define VMCS_HOST_CR4			0x6c04
#define VMCS_HOST_FS_BASE		0x6c06
#define VMCS_HOST_GS_BASE		0x6c08
#define VMCS_HOST_TR_BASE		0x6c0a
#define VMCS_HOST_GDTR_BASE		0x6c0c
#define VMCS_HOST_IDTR_BASE		0x6c0e
#define VMCS_HOST_SYSENTER_ESP		0x6c10
#define VMCS_HOST_SYSENTER_EIP		0x6c12
#define VMCS_HOST_RSP			0x6c14
#define VMCS_HOST_RIP			0x6c16

/* Segments in VMCS order */
enum vmx_seg { VMX_ES, VMX_CS, VMX_SS, VMX_DS, VMX_FS, VMX_GS, VMX_LDTR, VMX_TR };

/* Exit reasons */
#define VMX_EXIT_TRIPLE_FAULT		2
#define VMX_EXIT_INIT			3
#define VMX_EXIT_SIPI			4
#define VMX_EXIT_CPUID			10
#define VMX_EXIT_GETSEC			11
#define VMX_EXIT_INVD			13
#define VMX_EXIT_VMCALL			18
#define VMX_EXIT_VMCLEAR		19	/* .. 27: VMX instructions */
#define VMX_EXIT_VMXON			27
#define VMX_EXIT_CR_ACCESS		28
#define VMX_EXIT_IO			30
#define VMX_EXIT_MSR_READ		31
#define VMX_EXIT_MSR_WRITE		32
#define VMX_EXIT_INVALID_STATE		33
#define VMX_EXIT_GDTR_IDTR		46
#define VMX_EXIT_LDTR_TR		47
#define VMX_EXIT_EPT_VIOLATION		48
#define VMX_EXIT_EPT_MISCONFIG		49
#define VMX_EXIT_INVEPT			50
#define VMX_EXIT_INVVPID		53
#define VMX_EXIT_XSETBV			55
#define VMX_EXIT_FAILED_ENTRY		VSM_BIT(31)

/* Exit qualification of an I/O exit */
#define VMX_IO_SIZE_MASK		7	/* size - 1 */
#define VMX_IO_IN			VSM_BIT64(3)
#define VMX_IO_STRING			VSM_BIT64(4)
#define VMX_IO_REP			VSM_BIT64(5)
#define VMX_IO_PORT_SHIFT		16

/* Exit qualification of an EPT violation */
#define VMX_EPT_QUAL_WRITE		VSM_BIT64(1)
#define VMX_EPT_QUAL_FETCH		VSM_BIT64(2)
#define VMX_EPT_QUAL_GLA_VALID		VSM_BIT64(7)
#define VMX_EPT_QUAL_GLA_FINAL		VSM_BIT64(8)	/* not a paging-structure access */

/* VM-entry interruption information */
#define VMX_INTR_VALID			VSM_BIT(31)
#define VMX_INTR_ERROR			VSM_BIT(11)
#define VMX_INTR_NMI			(2U << 8)
#define VMX_INTR_HW_EXCEPTION		(3U << 8)
#define VMX_INTR_TYPE_MASK		(7U << 8)
#define VMX_INTR_SOFT_INTR		(4U << 8)	/* 4, 5, 6: INT n, INT1, INT3/INTO */

/* Segment access rights: unusable segment */
#define VMX_AR_UNUSABLE			VSM_BIT(16)

int vmx_adjust_controls(u32 want, u32 need, u64 cap, u32 *out);
u32 vmx_segment_ar(u16 selector, u16 attrib);
bool vmx_msr_bitmap_intercept(u8 *bitmap, u32 msr, bool read, bool write);

#endif /* VSM_COMMON_VMX_VMCS_H */
