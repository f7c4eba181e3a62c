/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Just enough x86 decoding to step over the instructions the hypervisor
 * intercepts, on CPUs (and emulators) without next-RIP saving: read the
 * bytes at the guest's RIP through its page tables and check that they
 * are the intercepted instruction.
 */
#ifndef VSM_COMMON_INSN_H
#define VSM_COMMON_INSN_H

#include "types.h"

#define VSM_INSN_MAX	15

/**
 * struct vsm_guest_mem - reading guest-physical memory
 * @read: copy @len bytes at guest-physical @gpa to @buf; return 0 or
 *	-EFAULT if the range is not readable host RAM
 * @ctx: passed to @read
 */
struct vsm_guest_mem {
	int (*read)(void *ctx, u64 gpa, void *buf, u32 len);
	void *ctx;
};

int vsm_guest_translate(const struct vsm_guest_mem *mem, u64 cr3, u64 va,
			u64 *gpa);
int vsm_guest_fetch(const struct vsm_guest_mem *mem, u64 cr3, u64 rip,
		    u8 *buf, u32 len);
int vsm_insn_length(const u8 *bytes, u32 n, const u8 *opcode, u32 opcode_len);
int vsm_io_insn_length(const u8 *bytes, u32 n, bool in);

/* What vsm_decode_sys_insn() found. */
enum vsm_sys_op {
	VSM_SYS_MOV_TO_CR = 1,	/* 0F 22 /r (0: none) */
	VSM_SYS_LMSW,		/* 0F 01 /6 */
	VSM_SYS_LGDT,		/* 0F 01 /2, memory operand */
	VSM_SYS_LIDT,		/* 0F 01 /3, memory operand */
	VSM_SYS_SGDT,		/* 0F 01 /0, memory operand */
	VSM_SYS_SIDT,		/* 0F 01 /1, memory operand */
	VSM_SYS_SLDT,		/* 0F 00 /0 */
	VSM_SYS_STR,		/* 0F 00 /1 */
	VSM_SYS_LLDT,		/* 0F 00 /2 */
	VSM_SYS_LTR,		/* 0F 00 /3 */
};

#define VSM_MODRM_NONE	(-1)	/* no base or index register */
#define VSM_MODRM_RIP	(-2)	/* RIP-relative */

/**
 * struct vsm_modrm_mem - a 64-bit mode memory operand
 * @base: base GPR (enum vsm_gpr numbering), VSM_MODRM_NONE or VSM_MODRM_RIP
 * @index: index GPR or VSM_MODRM_NONE
 * @scale: 1, 2, 4 or 8
 * @disp: sign-extended displacement
 * @seg: 4 for an FS override, 5 for GS, 0 otherwise (the other segments
 *	have base 0 in 64-bit mode)
 * @addr32: address-size prefix: the address is truncated to 32 bits
 */
struct vsm_modrm_mem {
	int base;
	int index;
	u32 scale;
	s64 disp;
	u32 seg;
	bool addr32;
};

/**
 * struct vsm_sys_insn - a decoded control-register or table-register access
 * @op: enum vsm_sys_op
 * @len: instruction length
 * @cr: MOV to CR: the control register (REX.R extends it)
 * @reg: the source (or, for SLDT and STR, destination) GPR, or
 *	VSM_MODRM_NONE when the operand is @mem
 * @mem: the memory operand, when @reg is VSM_MODRM_NONE
 */
struct vsm_sys_insn {
	u32 op;
	u32 len;
	u32 cr;
	int reg;
	struct vsm_modrm_mem mem;
};

int vsm_decode_sys_insn(const u8 *bytes, u32 n, struct vsm_sys_insn *insn);

/* What vsm_decode_store() found. */
enum vsm_store_op {
	VSM_STORE_MOV_REG,	/* 88, 89: MOV r/m, reg */
	VSM_STORE_MOV_IMM,	/* C6 /0, C7 /0: MOV r/m, imm */
	VSM_STORE_MOVS,		/* A4, A5: MOVS, maybe with REP */
};

/**
 * struct vsm_store_insn - a decoded store to memory (64-bit mode)
 * @op: enum vsm_store_op
 * @len: instruction length
 * @size: bytes per store: 1, 2, 4 or 8
 * @reg: MOV_REG: the source GPR (enum vsm_gpr numbering)
 * @high_byte: MOV_REG of a byte without REX: @reg 4..7 mean AH, CH, DH, BH
 * @rep: MOVS with a REP prefix
 * @imm: MOV_IMM: the value, sign-extended for 8-byte stores
 * @mem: MOV_*: the destination (MOVS writes to RDI)
 */
struct vsm_store_insn {
	u32 op;
	u32 len;
	u32 size;
	int reg;
	bool high_byte;
	bool rep;
	u64 imm;
	struct vsm_modrm_mem mem;
};

int vsm_decode_store(const u8 *bytes, u32 n, struct vsm_store_insn *insn);
/**
 * struct vsm_write_insn - an instruction that writes memory, to be skipped
 * @len: instruction length
 * @string: MOVS or STOS (RDI is the destination, RCX the count with REP)
 * @movs: MOVS (RSI moves too)
 * @rep: a REP (or REPNE) prefix
 * @size: bytes per element of a string write
 */
struct vsm_write_insn {
	u32 len;
	bool string;
	bool movs;
	bool rep;
	u32 size;
};

int vsm_decode_write(const u8 *bytes, u32 n, struct vsm_write_insn *w);
u64 vsm_modrm_address(const struct vsm_modrm_mem *m, const u64 gprs[16],
		      u64 next_rip, u64 seg_base);
bool vsm_io_resets_machine(u16 port, u32 value, u32 size);

#define VSM_PORT_KBC_CMD	0x64
#define VSM_PORT_RESET_CTRL	0xcf9

#endif /* VSM_COMMON_INSN_H */
