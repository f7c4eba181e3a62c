/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Secure-world internal interfaces.  Nothing here is a Linux header; the
 * build has no Linux include path at all.
 */
#ifndef VSM_SW_H
#define VSM_SW_H

#include "../../common/audit.h"
#include "../../common/sw_abi.h"
#include "../../common/types.h"

extern struct vsm_sw_boot vsm_boot;

/* Linker script: the image's writable data and bss, and its secrets. */
extern char __rodata_end[], __mem_end[];
extern char __secret_start[], __secret_end[];
extern char __secret_bss_start[], __secret_bss_end[];
extern char vsm_secret_marker[64];

/* Addresses: the whole secure region is mapped at VSM_SW_BASE. */
static inline u64 sw_pa(const void *va)
{
	return (u64)(uintptr_t)va - VSM_SW_BASE + vsm_boot.region_pa;
}

static inline void *sw_va(u64 pa)
{
	return (void *)(uintptr_t)(pa - vsm_boot.region_pa + VSM_SW_BASE);
}

static inline void *sw_cpu_page(struct vsm_sw_cpu *c, unsigned int page)
{
	return (u8 *)c + page * VSM_PAGE_SIZE;
}

struct vsm_sw_cpu;

/*
 * core/own.c: who owns each page.  Host RAM is mapped 1:1 for the secure
 * world; it reads there for the host only what the host may read, and
 * writes only what the host may write.
 */
u32 sw_own_state(u64 pa);
bool sw_own_uniform(u64 pa, u64 len);
u64 sw_own_generation(void);
int sw_own_protect(u64 pa, u64 len);
int sw_own_unprotect(u64 pa, u64 len);
bool sw_host_ram(u64 pa, u64 len);
bool sw_host_writable(u64 pa, u64 len);
bool sw_host_write_begin(const u64 *pa, u32 n, u64 len);
int sw_check_host_buffer(struct vsm_sw_cpu *c, u64 pa, u64 len);
int sw_check_host_span(struct vsm_sw_cpu *c, u64 pa, u64 len, u64 max, bool write);
void sw_host_write_done(void);
/*
 * core/host_window.c: host RAM is read-only in the secure world's map;
 * what the table allows it to write goes through this CPU's windows.
 */
enum sw_window {
	SW_WINDOW_L1,	/* a page of L1's held across an emulation (its VMCB) */
	SW_WINDOW_COPY,	/* copies and stores, closed when they are done */
};

void sw_host_windows_init(struct vsm_sw_cpu *c);
void sw_host_map_check(void);
void *sw_host_window(struct vsm_sw_cpu *c, enum sw_window w, u64 pa);
void sw_host_window_close(struct vsm_sw_cpu *c, enum sw_window w);
void sw_host_copy_out(struct vsm_sw_cpu *c, u64 pa, const void *src, u64 len);
void sw_host_store_bytes(struct vsm_sw_cpu *c, const u64 *pa, const u8 *data, u32 n);
struct vsm_amdvi_pages;
int sw_own_claim_iommu(u64 pa, u64 len);
int sw_own_release_iommu(u64 pa, u64 len);
int sw_own_build_iopt(u64 end, unsigned int levels, struct vsm_amdvi_pages *p, u64 *root_pa);

/* core/amdvi.c: the AMD-Vi IOMMU the secure world owns (Documentation/dma.rst). */
s64 sw_amdvi_call(struct vsm_sw_cpu *c, u64 op, u64 a1, u64 a2);
void sw_amdvi_poll(struct vsm_sw_cpu *c);
void sw_amdvi_lock(struct vsm_sw_cpu *c);
u64 *sw_npt_entry(u64 gpa);

/* core/lib.c */
void *memset(void *s, int c, size_t n);
void *memcpy(void *d, const void *s, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* core/console.c: polled COM1, for fatal errors only. */
void sw_puts(const char *s);
bool sw_exit_storm(struct vsm_sw_cpu *c, u64 reason, u64 rip);
void sw_report_storm(struct vsm_sw_cpu *c, u64 reason, u64 rip, const u64 info[3]);
void sw_put_hex(u64 v);
void __noreturn sw_panic(const char *why, u64 value);

/* arch/x86/head.S: entry stubs of the 32 exception vectors, 16 bytes apart */
extern const u8 sw_exception_stubs[];
extern const u8 sw_nmi_entry[];

/* core/cpu.c */
void sw_cpu_setup_descriptors(struct vsm_sw_cpu *c);
void sw_count_exit(struct vsm_sw_cpu *c, enum vsm_exit_class cls);
u64 sw_nmi_count(struct vsm_sw_cpu *c);

/* core/cpuid.c */
void sw_cpuid(struct vsm_sw_cpu *c, u32 leaf, u32 sub, u32 regs[4]);

/* core/audit.c */
void sw_audit(struct vsm_sw_cpu *c, u16 type, u64 a0, u64 a1, u64 a2);
s64 sw_audit_read(struct vsm_sw_cpu *c, u64 cursor, u64 pa, u64 max);

/* core/contain.c */
struct vsm_host_regs;
int sw_contain_access(struct vsm_sw_cpu *c, struct vsm_host_regs *r, u64 gpa, u64 code,
		      bool fetch);
bool sw_npt_spurious(u64 gpa, bool write, bool fetch);

/* core/reset.c */
void __noreturn sw_reset_machine(struct vsm_sw_cpu *c, const char *how,
				 u16 port, u8 value);
void sw_wipe_secrets(void);
s64 sw_seal(struct vsm_sw_cpu *c);
bool sw_sealed(void);

/* core/pin.c: CPU state pinned at lock */
extern const u32 sw_pinned_msrs[VSM_PINNED_MSRS];
int sw_pinned_index(u32 msr);
struct vsm_cr_write;
bool sw_pin(struct vsm_sw_cpu *c, const struct vsm_pin_state *now);
bool sw_pin_allows_msr(struct vsm_sw_cpu *c, int index, u64 val);
bool sw_pin_allows_efer(struct vsm_sw_cpu *c, u64 val);
int sw_pin_cr_write(struct vsm_sw_cpu *c, u32 cr, struct vsm_cr_write *w);
bool sw_pin_allows_dt(struct vsm_sw_cpu *c, bool idt, u64 base, u32 limit, u64 cr3);
void arch_lock_intercepts(void);

/**
 * struct vsm_host_regs - the host's registers, for emulating its writes
 * @gpr: general-purpose registers, enum vsm_gpr order
 * @rip: instruction pointer
 * @rflags: flags
 * @cr3: page tables
 * @fs_base: FS base
 * @gs_base: GS base
 */
struct vsm_host_regs {
	u64 gpr[16];
	u64 rip;
	u64 rflags;
	u64 cr3;
	u64 fs_base;
	u64 gs_base;
};

#define VSM_RFLAGS_DF	VSM_BIT64(10)

/* What sw_emulate_sys() changed in struct sw_sysregs. */
#define SW_SYS_CR0	VSM_BIT(0)
#define SW_SYS_CR4	VSM_BIT(1)
#define SW_SYS_GDTR	VSM_BIT(2)
#define SW_SYS_IDTR	VSM_BIT(3)
#define SW_SYS_LDTR	VSM_BIT(4)
#define SW_SYS_TR	VSM_BIT(5)
#define SW_SYS_GPRS	VSM_BIT(6)

/**
 * struct sw_sysregs - the host's CPU, as the vendor code shows it to
 *	sw_emulate_sys()
 * @r: registers (RIP is advanced past an emulated instruction)
 * @kernel64: CPL 0 in a 64-bit code segment
 * @cr0: CR0 as the host sees it
 * @cr4: CR4 as the host sees it
 * @gdtr_base: GDTR base
 * @idtr_base: IDTR base
 * @gdtr_limit: GDTR limit
 * @idtr_limit: IDTR limit
 * @ldtr: LDTR (VMX only: SLDT and LLDT exit there)
 * @tr: TR (VMX only)
 * @changed: SW_SYS_* flags of what the emulation changed
 * @flush: a CR write that must flush the host's TLB
 */
struct sw_sysregs {
	struct vsm_host_regs r;
	bool kernel64;
	u64 cr0;
	u64 cr4;
	u64 gdtr_base;
	u64 idtr_base;
	u16 gdtr_limit;
	u16 idtr_limit;
	struct vsm_seg_state ldtr;
	struct vsm_seg_state tr;
	u32 changed;
	bool flush;
};

/* core/sysemu.c */
int sw_emulate_sys(struct vsm_sw_cpu *c, struct sw_sysregs *s, u32 allowed);

/* core/text.c */
bool sw_text_protected(u64 gpa);
u64 sw_text_lock(struct vsm_sw_cpu *c);
u32 sw_text_sites(void);
int sw_text_write(struct vsm_sw_cpu *c, struct vsm_host_regs *r, u64 gpa);
s64 sw_text_check(struct vsm_sw_cpu *c, u64 pa, u64 len, u64 bytes);
struct vsm_patch_site;
struct vsm_code_ranges;
int sw_text_sites_add(const struct vsm_patch_site *add, u32 n);
void sw_text_sites_drop(const u64 *pages, u32 n);
void sw_text_code_ranges(u64 cr3, struct vsm_code_ranges *ranges);

/* core/modules.c */
s64 sw_module_freeze(struct vsm_sw_cpu *c, u64 pa, u64 size);
s64 sw_module_thaw(struct vsm_sw_cpu *c, u64 base);
void sw_modules_lock(struct vsm_sw_cpu *c);
bool sw_npt_stale(struct vsm_sw_cpu *c);
void sw_npt_changed(void);

/* core/exec.c */
void sw_exec_baseline(struct vsm_sw_cpu *c);
void sw_exec_grant(void);
s64 sw_exec_approve(struct vsm_sw_cpu *c, u64 va, u64 size, u64 op);
s64 sw_exec_scan(struct vsm_sw_cpu *c);
bool sw_exec_approved_va(u64 cr3, u64 va);
bool sw_exec_page_approved(u64 va, u64 pa);
void sw_exec_retract_page(u64 va, u64 pa);

/* core/ci.c */
s64 sw_ci_call(struct vsm_sw_cpu *c, u64 op, u64 a, u64 b);
bool sw_ci_enforcing(void);

/* core/keys.c */
s64 sw_keys_call(struct vsm_sw_cpu *c, u64 pa, u64 size);
void sw_keys_seal(void);

/* A spinlock for the few global structures (exits run with GIF clear). */
static inline void sw_spin_lock(u32 *lock)
{
	while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE))
		while (__atomic_load_n(lock, __ATOMIC_RELAXED))
			asm volatile("pause");
}

static inline void sw_spin_unlock(u32 *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

static inline u64 sw_rdtsc(void)
{
	u32 lo, hi;

	asm volatile("rdtsc" : "=a"(lo), "=d"(hi));
	return (u64)hi << 32 | lo;
}

/* core/lock.c */
bool sw_locked(void);
s64 sw_lock(struct vsm_sw_cpu *c);

/* core/hypercall.c */
s64 sw_hypercall(struct vsm_sw_cpu *c, u64 nr, u64 a0, u64 a1, u64 a2);

/* core/host_view.c */
struct vsm_snpt_host;
void sw_host_view(u64 pa, struct vsm_snpt_host *h);

/* core/guest_mem.c */
struct vsm_guest_mem;
extern const struct vsm_guest_mem sw_host_mem;
int sw_guest_fetch(u64 cr3, u64 rip, u8 *buf, u32 len);
int sw_guest_translate(u64 cr3, u64 va, u64 *gpa);

/* core/arch.c: the vendor half (AMD SVM or Intel VMX), chosen at launch. */
void arch_cpu_capture(struct vsm_sw_cpu *c);
void __noreturn arch_cpu_run(struct vsm_sw_cpu *c);
void __noreturn arch_cpu_devirt(struct vsm_sw_cpu *c, s64 result);
void arch_cpuid_adjust(u32 leaf, u32 sub, u32 regs[4]);
u64 arch_host_cr3(struct vsm_sw_cpu *c);
u64 arch_npt_leaf_read_only(u64 pa);
bool arch_npt_leaf_allows(u64 e, bool write, bool fetch);

#endif /* VSM_SW_H */
