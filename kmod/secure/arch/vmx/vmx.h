/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The VMX world switch (entry.S) and the exit handler it calls.
 */
#ifndef VSM_SW_VMX_H
#define VSM_SW_VMX_H

#include "../../include/sw.h"

#define CR4_VMXE		VSM_BIT64(13)

static inline u64 vmcs_read(u64 field)
{
	u64 v;

	asm volatile("vmread %1, %0" : "=rm"(v) : "r"(field) : "cc");
	return v;
}

static inline void vmcs_write(u64 field, u64 v)
{
	asm volatile("vmwrite %1, %0" : : "r"(field), "rm"(v) : "cc", "memory");
}

/**
 * struct vmx_leave_state - what vmx_leave() restores (offsets used by entry.S)
 * @gdtr: Linux's GDTR (offset 0)
 * @idtr: Linux's IDTR (offset 16)
 * @tr: TR selector (32)
 * @ds: DS selector (34)
 * @es: ES selector (36)
 * @ss: SS selector (38)
 * @dr7: DR7 (40)
 * @rsp: RSP (48)
 * @rflags: RFLAGS (56)
 * @cs: CS selector (64)
 * @cr3: CR3, for the driver's tail (72)
 * @rip: RIP, for the driver's tail (80)
 * @cr4: CR4, for the driver's tail (88)
 */
struct vmx_leave_state {
	struct { u16 limit; u64 base; } __packed gdtr;
	u8 pad0[6];
	struct { u16 limit; u64 base; } __packed idtr;
	u8 pad1[6];
	u16 tr, ds, es, ss;
	u64 dr7;
	u64 rsp;
	u64 rflags;
	u16 cs;
	u8 pad2[6];
	u64 cr3;
	u64 rip;
	u64 cr4;
};

_Static_assert(__builtin_offsetof(struct vmx_leave_state, idtr) == 16, "entry.S");
_Static_assert(__builtin_offsetof(struct vmx_leave_state, tr) == 32, "entry.S");
_Static_assert(__builtin_offsetof(struct vmx_leave_state, dr7) == 40, "entry.S");
_Static_assert(__builtin_offsetof(struct vmx_leave_state, cs) == 64, "entry.S");
_Static_assert(__builtin_offsetof(struct vmx_leave_state, cr4) == 88, "entry.S");

/* entry.S */
void vmx_run_loop(struct vsm_sw_cpu *c);
void __noreturn vmx_leave(const struct vmx_leave_state *st, u64 trampoline_cr3,
			  u64 tail, s64 result);

/* vmx.c */
void vmx_handle_exit(struct vsm_sw_cpu *c);
void __noreturn vmx_resume_failed(struct vsm_sw_cpu *c);
void __noreturn vmx_cpu_run(struct vsm_sw_cpu *c);
void __noreturn vmx_cpu_devirt(struct vsm_sw_cpu *c, s64 result);
u64 vmx_host_cr3(struct vsm_sw_cpu *c);
void vmx_invept_all(void);
void vmx_cpuid_adjust(u32 leaf, u32 regs[4]);
void vmx_inject_exception(unsigned int vector, bool error);
void vmx_host_regs(const struct vsm_sw_cpu *c, struct vsm_host_regs *r);
void vmx_put_host_regs(struct vsm_sw_cpu *c, const struct vsm_host_regs *r);
u64 vmx_guest_cr4(void);

/* pin.c */
void vmx_lock_intercepts(void);
void vmx_pin_if_locked(struct vsm_sw_cpu *c);
void vmx_handle_sys(struct vsm_sw_cpu *c, u32 allowed);
void vmx_handle_wrmsr(struct vsm_sw_cpu *c);
void vmx_handle_rdmsr(struct vsm_sw_cpu *c);

#endif /* VSM_SW_VMX_H */
