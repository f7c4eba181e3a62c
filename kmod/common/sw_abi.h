/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The contract between the normal-world driver and the secure-world image:
 * the image header, the boot parameters the driver fills in before launch,
 * the layout of the secure region, the CPU state handed over at launch,
 * and the hypercall numbers.  Internal: it may change with every build
 * because driver and image are always built together.
 */
#ifndef VSM_COMMON_SW_ABI_H
#define VSM_COMMON_SW_ABI_H

#ifdef __ASSEMBLY__
#define VSM_UL(x)	x
#else
#define VSM_UL(x)	x##ULL
#endif

/*
 * The secure world runs at this virtual address in its own page tables:
 * the start of the x86-64 4-level "guard hole", which Linux leaves unused
 * (reserved for a hypervisor), so the launch trampoline can map it next to
 * Linux's kernel half.
 */
#define VSM_SW_BASE		VSM_UL(0xffff800000000000)
#define VSM_SW_PML4_SLOT	256

#define VSM_SW_MAGIC		VSM_UL(0x31574d53564d5356)	/* "VSMVSMW1" */

/* Kept in secure memory for the attack tests to look for; never shown. */
#define VSM_SECRET_MARKER	"vsm-secure-world-marker:0f3c9a51"

#define VSM_SW_ABI_VERSION	1

/* Where the secure world sees the registers of an IOMMU it owns (uncached). */
#define VSM_SW_IOMMU_VA		(VSM_SW_BASE + VSM_UL(0x100000000))

/*
 * The secure world maps host RAM 1:1 read-only; it writes host RAM only
 * through windows (core/host_window.c): VSM_SW_WINDOWS 4 KiB pages per
 * CPU from VSM_SW_WINDOW_VA, CPU n's first at slot n * VSM_SW_WINDOWS,
 * whose page tables the driver prepares with every entry not present.
 */
#define VSM_SW_WINDOW_VA	(VSM_SW_BASE + VSM_UL(0x200000000))
#define VSM_SW_WINDOWS		2

/* Per-CPU area in the secure region, in pages from its start. */
#define VSM_CPU_PAGE_DATA	0	/* struct vsm_sw_cpu */
#define VSM_CPU_PAGE_GUEST_CTL	1	/* the host runs on it: a VMCB (SVM) or VMCS (VMX) */
#define VSM_CPU_PAGE_HOST_VMCB	2
#define VSM_CPU_PAGE_ROOT_AREA	3	/* SVM's host-save area, VMX's VMXON region */
#define VSM_CPU_PAGE_GDT_TSS	4
#define VSM_CPU_PAGE_IST	5	/* NMI, #DF and #MC stack */
#define VSM_CPU_PAGE_TRAMPOLINE	6	/* PML4: Linux's kernel half + ours */
#define VSM_CPU_PAGE_STACK	7	/* 4 pages of stack */
#define VSM_CPU_PAGE_NESTED	11	/* nested SVM: the vendor code's state */
#define VSM_CPU_PAGE_L2_VMCB	12	/* nested SVM: the VMCB a guest of the host runs on */
#define VSM_CPU_PAGE_L1_COPY	13	/* nested SVM: a copy of the host's VMCB for it */
#define VSM_CPU_PAGE_L2_MSRPM	14	/* nested SVM: 2 pages, the merged MSR map */
#define VSM_CPU_PAGE_L2_IOPM	16	/* nested SVM: 3 pages, the merged I/O map */
#define VSM_CPU_PAGES		19
/* Pages of shadow nested page tables per CPU: fewer, no nested SVM. */
#define VSM_SNPT_POOL_MIN	16	/* VSM_NESTED_PAGES_MIN */
#define VSM_SNPT_POOL_MAX	512
#define VSM_CPU_STACK_PAGES	4

/* Offsets the assembly entry code uses (checked by _Static_assert). */
#define VSM_SW_CPU_GUEST_CTL_PA	16
#define VSM_SW_CPU_HOST_VMCB_PA		24
#define VSM_SW_CPU_STACK_TOP		40
#define VSM_SW_CPU_GPRS			48
#define VSM_SW_BOOT_SW_CR3		16

#ifndef __ASSEMBLY__

#include "types.h"

/**
 * struct vsm_sw_header - first bytes of the secure-world image
 * @magic: VSM_SW_MAGIC
 * @header_size: sizeof(struct vsm_sw_header)
 * @abi_version: VSM_SW_ABI_VERSION the image was built with
 * @link_base: the address the image is linked at (VSM_SW_BASE)
 * @file_size: bytes of the flat image (text and data)
 * @mem_size: bytes the image occupies at run time (with bss), page aligned
 * @text_end: offset of the end of executable code, page aligned
 * @rodata_end: offset of the end of read-only data, page aligned
 * @entry: offset of the launch entry point
 * @boot: offset of the struct vsm_sw_boot the driver fills in
 */
struct vsm_sw_header {
	u64 magic;
	u32 header_size;
	u32 abi_version;
	u64 link_base;
	u64 file_size;
	u64 mem_size;
	u64 text_end;
	u64 rodata_end;
	u64 entry;
	u64 boot;
};


/**
 * struct vsm_seg_state - one segment register as captured at launch
 * @selector: selector
 * @attrib: access rights, VMCB layout (descriptor bits 40..47, 52..55)
 * @limit: expanded limit
 * @base: base address
 */
struct vsm_seg_state {
	u16 selector;
	u16 attrib;
	u32 limit;
	u64 base;
};

/**
 * struct vsm_cpu_state - the host CPU's state at the instant of launch
 *
 * Filled by the driver (and, for @rsp and @rip, by its launch stub) on the
 * CPU being launched; the vendor code of the secure world turns it into a
 * VMCB or VMCS.  On AMD, VMSAVE captures FS, GS, TR, LDTR and the syscall
 * and sysenter MSRs exactly, and the fields after @es are not used; Intel
 * has no such instruction and uses them.
 */
struct vsm_cpu_state {
	u64 cr0, cr2, cr3, cr4;
	u64 dr6, dr7;
	u64 efer, pat;
	u64 rflags, rsp, rip;
	u64 gdtr_base, idtr_base;
	u16 gdtr_limit, idtr_limit;
	u32 reserved;
	struct vsm_seg_state cs, ss, ds, es;
	struct vsm_seg_state fs, gs, tr, ldtr;
	u64 sysenter_cs, sysenter_esp, sysenter_eip;
};

/* Counted exit classes (also the order of VSM_IOC_STATS counters). */
enum vsm_exit_class {
	VSM_EXIT_CPUID,
	VSM_EXIT_VMMCALL,
	VSM_EXIT_MSR_READ,
	VSM_EXIT_MSR_WRITE,
	VSM_EXIT_VMRUN,
	VSM_EXIT_NPF,
	VSM_EXIT_SHUTDOWN,
	VSM_EXIT_OTHER,
	VSM_EXIT_IO,
	VSM_EXIT_CR_WRITE,
	VSM_EXIT_DT_WRITE,
	VSM_EXIT_TLB_FLUSH,
	VSM_EXIT_L2,
	VSM_EXIT_L2_REFLECTED,
	VSM_EXIT_L2_NPF,
	VSM_EXIT_SNPT_REBUILD,
	VSM_EXIT_CLASSES
};

/* Per-CPU state of the secure world. */
#define VSM_SW_CPU_OFF		0
#define VSM_SW_CPU_RUNNING	1

/**
 * struct vsm_sw_cpu - secure-world per-CPU data (page VSM_CPU_PAGE_DATA)
 * @self: secure-world address of this structure
 * @cpu: Linux CPU number
 * @state: VSM_SW_CPU_*
 * @guest_ctl_pa: physical address of what the host runs on: its VMCB (SVM)
 *	or VMCS (VMX); with nested SVM, the VMCB that ran last
 * @host_vmcb_pa: physical address of the host-state VMCB
 * @root_area_pa: physical address of the CPU's own area for the hypervisor:
 *	the VM_HSAVE_PA page (SVM) or the VMXON region (VMX)
 * @stack_top: secure-world address of the top of the stack
 * @gprs: guest general-purpose registers saved at #VMEXIT, in the order
 *	of the exit stub (RAX and RSP live in the VMCB)
 * @exits: exit counters by enum vsm_exit_class
 * @guest_hsave_pa: the host's view of VM_HSAVE_PA (SVM is hidden from it)
 * @launch: CPU state captured by the driver for the launch
 * @pinned: the CPU's state has been pinned (core/pin.c)
 * @entered: the host has run as a guest here (a later failed VMRUN is
 *	a bug, not a refused launch)
 * @pin: what was pinned
 * @storm_rip: guest RIP of the last exit (an exit storm is reported)
 * @storm_reason: its exit reason
 * @storm_count: how many exits in a row had both
 * @prev_rip: guest RIP of the exit before this one (for a fatal report)
 * @prev_reason: its exit reason
 * @prev_count: how many in a row it had been
 * @nmis_passed: NMIs taken inside the secure world and handed to the host
 *	(VMX: sw_nmi_count() ahead of it means one is owed)
 * @npt_epoch: the nested map's generation this CPU's TLB last caught up
 *	with (core/modules.c: behind it, the next exit flushes)
 * @window_pte: the secure world's address of this CPU's first window
 *	entry (core/host_window.c; 0 until the CPU first enters)
 * @window_pa: the host page each window maps, or ~0 when closed
 */
/* MSRs pinned at lock (core/pin.c lists them). */
#define VSM_PINNED_MSRS		7

/**
 * struct vsm_pin_state - one CPU's state pinned at lock (core/pin.c)
 * @msr: values of the pinned MSRs, in sw_pinned_msrs order
 * @efer: EFER bits that must stay set
 * @cr0: CR0 bits that must stay set
 * @cr4: CR4 bits that must stay set
 * @idtr_base: IDTR base
 * @gdtr_base: GDTR base
 * @idtr_limit: IDTR limit
 * @gdtr_limit: GDTR limit
 */
struct vsm_pin_state {
	u64 msr[VSM_PINNED_MSRS];
	u64 efer;
	u64 cr0;
	u64 cr4;
	u64 idtr_base;
	u64 gdtr_base;
	u32 idtr_limit;
	u32 gdtr_limit;
};

struct vsm_sw_cpu {
	u64 self;
	u32 cpu;
	u32 state;
	u64 guest_ctl_pa;
	u64 host_vmcb_pa;
	u64 root_area_pa;
	u64 stack_top;
	u64 gprs[16];
	u64 exits[VSM_EXIT_CLASSES];
	u64 guest_hsave_pa;
	struct vsm_cpu_state launch;
	u32 pinned;
	u32 entered;
	struct vsm_pin_state pin;
	u64 storm_rip;
	u32 storm_reason;
	u32 storm_count;
	u64 prev_rip;
	u32 prev_reason;
	u32 prev_count;
	u64 nmis_passed;
	u64 npt_epoch;
	u64 window_pte;
	u64 window_pa[VSM_SW_WINDOWS];
};

/* Index of each GPR in vsm_sw_cpu.gprs. */
enum vsm_gpr {
	VSM_GPR_RAX, VSM_GPR_RCX, VSM_GPR_RDX, VSM_GPR_RBX,
	VSM_GPR_RSP, VSM_GPR_RBP, VSM_GPR_RSI, VSM_GPR_RDI,
	VSM_GPR_R8, VSM_GPR_R9, VSM_GPR_R10, VSM_GPR_R11,
	VSM_GPR_R12, VSM_GPR_R13, VSM_GPR_R14, VSM_GPR_R15,
};

/**
 * struct vsm_sw_boot - parameters the driver writes before the first launch
 * @region_pa: physical base of the secure region
 * @region_size: its size in bytes
 * @sw_cr3: physical address of the secure world's PML4
 * @npt_root: physical address of the nested page tables' root
 * @msrpm_pa: physical address of the MSR permission map
 * @iopm_pa: physical address of the I/O permission map
 * @percpu_offset: offset of CPU 0's area in the region
 * @nr_cpu_ids: number of per-CPU areas
 * @devirt_tail: driver address the secure world returns to when it
 *	devirtualizes a CPU (it runs on the trampoline page tables)
 * @physmap_end: host RAM below this address is mapped 1:1 in the secure
 *	world's page tables (for guest page walks and hypercall buffers)
 * @decoy_pa: the page the host sees in place of a secure page it touched
 * @tsc_khz: the TSC's frequency, for the key store's rate limits
 * @pin_at_lock: pin CPU state when the host locks (the pin parameter)
 * @text_pa: kernel text, physical: [@text_pa, @text_end)
 * @text_end: see @text_pa
 * @rodata_pa: kernel read-only data, physical: [@rodata_pa, @rodata_end)
 * @rodata_end: see @rodata_pa
 * @jump_table: host virtual address of the kernel's __jump_table
 * @jump_table_end: its end
 * @text_va: host virtual address of @text_pa (the kernel image mapping)
 * @modules_va: start of the host's module area (static calls may go there)
 * @modules_end: its end
 * @sc_sites: host virtual address of the kernel's static_call_sites
 * @sc_sites_end: its end
 * @sc_tramps: host virtual address of the static-call trampolines' text
 * @sc_tramps_end: its end
 * @nested: offer SVM to the host (nested virtualization for its KVM)
 * @snpt_pool_pa: shadow nested page tables: each CPU's pool of pages,
 *	@snpt_pool_pages pages per CPU, CPU after CPU
 * @snpt_pool_pages: see @snpt_pool_pa (0: no nested virtualization)
 * @vendor: VSM_SW_VENDOR_*: which vendor half runs (SVM or VMX)
 * @npt_leaf_flags: bits every leaf entry of the nested page tables carries
 *	besides P/R, RW/W and US/X (Intel EPT: the memory type)
 * @dma: a VSM_DMA_* value (include/uapi/linux/vsm.h): what the driver
 *	found about DMA protection; the secure world takes no IOMMU yet and
 *	records it in its audit log (an IOMMU it takes later gets a record
 *	of its own)
 * @amdvi_mmio: physical base of the AMD-Vi unit the host left off, for the
 *	secure world to take (VSM_HC_DMA); 0: none.  Its 16 KiB are left out
 *	of the nested map with prepared 4 KiB entries and mapped uncached at
 *	VSM_SW_IOMMU_VA in the secure world's tables
 * @amdvi_area: secure memory reserved for it, VSM_AMDVI_AREA_PAGES zeroed
 *	pages (kmod/common/amdvi.h)
 * @split_pool_pa: secure memory for the page tables that split the
 *	nested map's large pages where module code is write-protected
 *	(core/modules.c): @split_pool_pages pages
 * @split_pool_pages: see @split_pool_pa, at most VSM_SPLIT_POOL_PAGES
 * @l2_sink_pa: the page a guest of the host's KVM gets where its nested
 *	tables reach a secure page: writable for guests, never the host's
 *	decoy (which stays zero), so that no guest writes reach a reader of
 *	the host
 *
 * The text fields are zero when the driver could not find the ranges; the
 * nested page tables map both ranges with pages that do not reach outside
 * them, so that the secure world can write-protect exactly them.
 */
struct vsm_sw_boot {
	u64 region_pa;
	u64 region_size;
	u64 sw_cr3;
	u64 npt_root;
	u64 msrpm_pa;
	u64 iopm_pa;
	u64 percpu_offset;
	u64 nr_cpu_ids;
	u64 devirt_tail;
	u64 physmap_end;
	u64 decoy_pa;
	u64 tsc_khz;
	u64 pin_at_lock;
	u64 text_pa;
	u64 text_end;
	u64 rodata_pa;
	u64 rodata_end;
	u64 jump_table;
	u64 jump_table_end;
	u64 text_va;
	u64 modules_va;
	u64 modules_end;
	u64 sc_sites;
	u64 sc_sites_end;
	u64 sc_tramps;
	u64 sc_tramps_end;
	u64 nested;
	u64 snpt_pool_pa;
	u64 snpt_pool_pages;
	u64 vendor;
	u64 npt_leaf_flags;
	u64 dma;
	u64 amdvi_mmio;
	u64 amdvi_area;
	u64 split_pool_pa;
	u64 split_pool_pages;
	u64 l2_sink_pa;
};

/* Page tables for splitting the nested map around frozen module code. */
#define VSM_SPLIT_POOL_PAGES	256

/* vsm_sw_boot.vendor */
#define VSM_SW_VENDOR_AMD	0
#define VSM_SW_VENDOR_INTEL	1

/* vsm_sw_boot.npt_leaf_flags on Intel: EPT leaves are write-back memory. */
#define VSM_EPT_LEAF_WB		VSM_UL(0x30)

/*
 * Hypercalls: VMMCALL with the number in RAX and arguments in RBX, RCX,
 * RDX; the result (>= 0, or a negative errno) comes back in RAX.  Only
 * CPL 0 may call; anything else gets #UD, as without a hypervisor.
 */
#define VSM_HC_VERSION		0	/* -> VSM_SW_ABI_VERSION */
#define VSM_HC_PING		1	/* RBX -> RBX + 1; RCX -> CPU */
#define VSM_HC_GET_STATS	2	/* RBX: CPU, RCX: PA of vsm_hc_cpu_stats */
#define VSM_HC_DEVIRT		3	/* leave this CPU; -EPERM once locked */
#define VSM_HC_LOCK		4	/* one way, until reset */
#define VSM_HC_AUDIT_READ	5	/* RBX: cursor, RCX: PA, RDX: records */
#define VSM_HC_SEAL		6	/* wipe all secrets, for a restart; any state */
#define VSM_HC_KEY		7	/* RBX: PA of a struct vsm_ks_req, RCX: its size */
#define VSM_HC_NOTE_REFUSAL	8	/* RBX: VSM_AEV_REFUSED_* the driver refused, RCX: detail */
#define VSM_HC_CI		9	/* RBX: VSM_CI_OP_*, RCX, RDX: see below */
#define VSM_HC_DMA		10	/* RBX: VSM_DMA_OP_* */
#define VSM_HC_COUNT		11

/* VSM_HC_DMA operations (core/amdvi.c) */
#define VSM_DMA_OP_TAKE		1	/* own the AMD-Vi unit of vsm_sw_boot.amdvi_mmio */
#define VSM_DMA_OP_RELEASE	2	/* give it back as the host left it; -EPERM once locked */

/* VSM_HC_CI operations (core/ci.c) */
#define VSM_CI_OP_LOAD		1	/* RCX: PA of a policy image, RDX: its size */
#define VSM_CI_OP_GET		2	/* RCX: PA of a buffer, RDX: its size -> policy size */
#define VSM_CI_OP_CHECK		3	/* RCX: VA of a module image, RDX: its size -> 0, -EPERM */
#define VSM_CI_OP_APPROVE	4	/* RCX: VA of a module's text, RDX: its size */
#define VSM_CI_OP_RETRACT	5	/* the same, when the module goes */
#define VSM_CI_OP_SCAN		6	/* -> executable ranges outside approved code */
#define VSM_CI_OP_APPROVE_MORE	7	/* the same module's init text, right after APPROVE */
/*
 * Would the secure world carry out this write into the kernel image?
 * RCX: physical address | length (1..8) << 56, RDX: the bytes (little
 * endian) -> 0 (carried out), -EPERM (refused: enforce mode, not a legal
 * jump-label or static-call switch; audited), -EINVAL, -EFAULT.  RCX and
 * RDX 0: would any other write be refused now (-EPERM) or not (0)?  The
 * driver asks before text_poke() so that a refusal never reaches
 * text_poke()'s BUG_ON (Documentation/code-integrity.rst).
 */
#define VSM_CI_OP_TEXT_CHECK	8
/*
 * A module the check let in, at MODULE_STATE_COMING, right after its
 * APPROVE: RCX is the physical address of a struct vsm_ci_module, RDX its
 * size.  Its text and read-only data become host read-only from the lock
 * on (at once if locked) until VSM_CI_OP_THAW (RCX: the same base), at
 * MODULE_STATE_GOING.  Documentation/code-integrity.rst.
 */
#define VSM_CI_OP_FREEZE	9
#define VSM_CI_OP_THAW		10
#define VSM_CI_TEXT_LEN_SHIFT	56
#define VSM_CI_TEXT_MAX		8

/**
 * struct vsm_ci_module - a module's layout, for VSM_CI_OP_FREEZE
 * @base: virtual address of its core layout (text, then read-only data),
 *	page-aligned, in the module area
 * @text_size: bytes of text, a multiple of 4 KiB
 * @ro_size: bytes of text and read-only data, a multiple of 4 KiB
 * @jump_entries: virtual address of its jump table (struct jump_entry)
 * @nr_jump_entries: its entries
 * @static_call_sites: virtual address of its struct static_call_site array
 * @nr_static_call_sites: its entries
 *
 * Read once into secure memory; every address is checked there.
 */
struct vsm_ci_module {
	u64 base;
	u64 text_size;
	u64 ro_size;
	u64 jump_entries;
	u64 nr_jump_entries;
	u64 static_call_sites;
	u64 nr_static_call_sites;
};

#define VSM_CI_MODULE_SIZE	56

/**
 * struct vsm_hc_cpu_stats - VSM_HC_GET_STATS result for one CPU
 * @state: VSM_SW_CPU_*
 * @cpu: the CPU asked about
 * @exits: exit counters by enum vsm_exit_class
 *
 * The buffer must lie in one page of host RAM the host may write (not the
 * secure region, not locked kernel text or read-only data).
 */
struct vsm_hc_cpu_stats {
	u32 state;
	u32 cpu;
	u64 exits[VSM_EXIT_CLASSES];
};

/* Magic values returned in CPUID leaf VSM_CPUID_LEAF (EBX, ECX, EDX). */
#define VSM_CPUID_LEAF		0x40000f00U
#define VSM_CPUID_SIG_EBX	0x564d5356U	/* "VSMV" */
#define VSM_CPUID_SIG_ECX	0x53564d53U	/* "SMVS" */
#define VSM_CPUID_SIG_EDX	0x4d53564dU	/* "MVSM" */

#endif /* !__ASSEMBLY__ */

#endif /* VSM_COMMON_SW_ABI_H */
