/* SPDX-License-Identifier: GPL-2.0 */
/*
 * x86 instructions the secure world uses, wrapped once.
 */
#ifndef VSM_SW_X86_H
#define VSM_SW_X86_H

#include "../../common/types.h"

#define MSR_PAT			0x00000277U
#define MSR_SYSENTER_CS		0x00000174U
#define MSR_SYSENTER_ESP	0x00000175U
#define MSR_SYSENTER_EIP	0x00000176U
#define MSR_EFER		0xc0000080U
#define MSR_STAR		0xc0000081U
#define MSR_LSTAR		0xc0000082U
#define MSR_CSTAR		0xc0000083U
#define MSR_SFMASK		0xc0000084U
#define MSR_FS_BASE		0xc0000100U
#define MSR_GS_BASE		0xc0000101U
#define MSR_VM_CR		0xc0010114U
#define MSR_VM_HSAVE_PA		0xc0010117U
#define EFER_SCE		VSM_BIT64(0)
#define EFER_LME		VSM_BIT64(8)
#define EFER_LMA		VSM_BIT64(10)
#define EFER_NXE		VSM_BIT64(11)
#define EFER_SVME		VSM_BIT64(12)
#define EFER_FFXSR		VSM_BIT64(14)
#define VM_CR_LOCK		VSM_BIT64(3)
#define VM_CR_SVMDIS		VSM_BIT64(4)

#define X86_GP_VECTOR		13
#define X86_NMI_VECTOR		2
#define X86_UD_VECTOR		6
#define X86_NP_VECTOR		11

static inline void cpuid_count(u32 leaf, u32 sub, u32 *a, u32 *b, u32 *c, u32 *d)
{
	asm volatile("cpuid"
		     : "=a"(*a), "=b"(*b), "=c"(*c), "=d"(*d)
		     : "a"(leaf), "c"(sub));
}

static inline u64 rdmsr(u32 msr)
{
	u32 lo, hi;

	asm volatile("rdmsr" : "=a"(lo), "=d"(hi) : "c"(msr));
	return (u64)hi << 32 | lo;
}

static inline void wrmsr(u32 msr, u64 val)
{
	asm volatile("wrmsr" : : "c"(msr), "a"((u32)val), "d"((u32)(val >> 32))
		     : "memory");
}

/*
 * The XMM registers the crypto fast paths use belong to the host that was
 * interrupted: save them before, restore them after (legacy SSE only, so
 * FXSAVE's 512 bytes are enough).
 */
struct sw_fx_area {
	u8 bytes[512];
} __aligned(16);

static inline void sw_fx_save(struct sw_fx_area *fx)
{
	asm volatile("fxsave64 %0" : "=m"(*fx));
}

static inline void sw_fx_restore(const struct sw_fx_area *fx)
{
	asm volatile("fxrstor64 %0" : : "m"(*fx));
}

static inline void sw_outb(u16 port, u8 val)
{
	asm volatile("outb %0, %1" : : "a"(val), "Nd"(port));
}

static inline void sw_outw(u16 port, u16 val)
{
	asm volatile("outw %0, %1" : : "a"(val), "Nd"(port));
}

static inline void sw_outl(u16 port, u32 val)
{
	asm volatile("outl %0, %1" : : "a"(val), "Nd"(port));
}

static inline u16 sw_inw(u16 port)
{
	u16 v;

	asm volatile("inw %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u32 sw_inl(u16 port)
{
	u32 v;

	asm volatile("inl %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

static inline u8 sw_inb(u16 port)
{
	u8 v;

	asm volatile("inb %1, %0" : "=a"(v) : "Nd"(port));
	return v;
}

/* A port access of 1, 2 or 4 bytes, as the host's instruction made it. */
static inline u32 sw_io_in(u16 port, u32 size)
{
	if (size == 1)
		return sw_inb(port);
	return size == 2 ? sw_inw(port) : sw_inl(port);
}

static inline void sw_io_out(u16 port, u32 size, u32 val)
{
	if (size == 1)
		sw_outb(port, (u8)val);
	else if (size == 2)
		sw_outw(port, (u16)val);
	else
		sw_outl(port, val);
}

static inline void sw_vmsave(u64 pa)
{
	asm volatile("vmsave %%rax" : : "a"(pa) : "memory");
}

static inline void sw_vmload(u64 pa)
{
	asm volatile("vmload %%rax" : : "a"(pa) : "memory");
}

static inline void cpu_pause(void)
{
	asm volatile("pause");
}

static inline __noreturn void cpu_halt_forever(void)
{
	for (;;)
		asm volatile("cli; hlt");
}

#endif /* VSM_SW_X86_H */
