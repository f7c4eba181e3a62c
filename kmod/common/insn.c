// SPDX-License-Identifier: GPL-2.0
/*
 * Guest page walks (4-level long mode, as the host kernel runs) and the
 * length of an intercepted instruction with its prefixes.
 */
#include "insn.h"
#include "paging.h"

#define CR3_ADDR_MASK	0x000ffffffffff000ULL

/**
 * vsm_guest_translate() - walk the guest's page tables for one address
 * @mem: guest memory access
 * @cr3: the guest's CR3 (PCID bits are ignored)
 * @va: guest-virtual address
 * @gpa: the guest-physical address, on success
 *
 * Only long-mode 4-level paging is supported: the host kernel is the only
 * guest, and it never leaves long mode while vsm runs.
 *
 * Return: 0, -EFAULT if a table cannot be read or @va is not mapped.
 */
int vsm_guest_translate(const struct vsm_guest_mem *mem, u64 cr3, u64 va,
			u64 *gpa)
{
	u64 table = cr3 & CR3_ADDR_MASK;
	unsigned int level;

	for (level = VSM_PT_LEVELS; level >= 1; level--) {
		unsigned int idx = (va >> VSM_PT_SHIFT(level)) & 511;
		u64 pte;

		if (mem->read(mem->ctx, table + idx * 8, &pte, sizeof(pte)))
			return -EFAULT;
		if (!(pte & VSM_PTE_P))
			return -EFAULT;
		if (level == 1 || (level < VSM_PT_LEVELS && (pte & VSM_PTE_PS))) {
			u64 mask = VSM_PT_SIZE(level) - 1;

			*gpa = (pte & VSM_PTE_ADDR & ~mask) | (va & mask);
			return 0;
		}
		table = pte & VSM_PTE_ADDR;
	}
	return -EFAULT;
}

/**
 * vsm_guest_fetch() - read bytes at a guest-virtual address
 * @mem: guest memory access
 * @cr3: the guest's CR3
 * @rip: first byte
 * @buf: destination
 * @len: bytes to read; the range may cross pages
 *
 * Return: 0 or -EFAULT.
 */
int vsm_guest_fetch(const struct vsm_guest_mem *mem, u64 cr3, u64 rip,
		    u8 *buf, u32 len)
{
	while (len) {
		u32 in_page = VSM_PAGE_SIZE - (rip & VSM_PAGE_SIZE_MASK);
		u32 n = len < in_page ? len : in_page;
		u64 gpa;

		if (vsm_guest_translate(mem, cr3, rip, &gpa) ||
		    mem->read(mem->ctx, gpa, buf, n))
			return -EFAULT;
		rip += n;
		buf += n;
		len -= n;
	}
	return 0;
}

static bool is_legacy_prefix(u8 b)
{
	switch (b) {
	case 0x26: case 0x2e: case 0x36: case 0x3e:	/* segment */
	case 0x64: case 0x65:				/* FS, GS */
	case 0x66: case 0x67:				/* sizes */
	case 0xf0: case 0xf2: case 0xf3:		/* LOCK, REP */
		return true;
	default:
		return false;
	}
}

/**
 * vsm_insn_length() - length of an instruction with a known opcode
 * @bytes: the bytes at RIP
 * @n: how many of @bytes are valid
 * @opcode: the opcode bytes expected after any prefixes
 * @opcode_len: their number
 *
 * Legacy prefixes and one REX prefix right before the opcode are allowed,
 * within the architectural 15-byte limit.
 *
 * Return: the length, or -EINVAL if the bytes are not that instruction.
 */
int vsm_insn_length(const u8 *bytes, u32 n, const u8 *opcode, u32 opcode_len)
{
	u32 i = 0, j;

	if (n > VSM_INSN_MAX)
		n = VSM_INSN_MAX;
	while (i < n && is_legacy_prefix(bytes[i]))
		i++;
	if (i < n && (bytes[i] & 0xf0) == 0x40)
		i++;
	if (i + opcode_len > n)
		return -EINVAL;
	for (j = 0; j < opcode_len; j++)
		if (bytes[i + j] != opcode[j])
			return -EINVAL;
	return i + opcode_len;
}

/**
 * vsm_io_insn_length() - length of a non-string IN or OUT at RIP
 * @bytes: the bytes at RIP
 * @n: how many are valid
 * @in: IN (true) or OUT (false), as the exit reported
 *
 * Return: the length, or -EINVAL if the bytes are not such an instruction.
 */
int vsm_io_insn_length(const u8 *bytes, u32 n, bool in)
{
	static const u8 in_ops[4] = { 0xe4, 0xe5, 0xec, 0xed };
	static const u8 out_ops[4] = { 0xe6, 0xe7, 0xee, 0xef };
	const u8 *ops = in ? in_ops : out_ops;
	unsigned int i;
	int len;

	for (i = 0; i < 4; i++) {
		len = vsm_insn_length(bytes, n, &ops[i], 1);
		if (len < 0)
			continue;
		/* The first two forms carry the port as an 8-bit immediate. */
		if (i < 2) {
			if ((u32)len + 1 > n)
				return -EINVAL;
			len++;
		}
		return len;
	}
	return -EINVAL;
}

/**
 * vsm_io_resets_machine() - does this port write reset the platform?
 * @port: I/O port
 * @value: the value written
 * @size: bytes written (1, 2 or 4)
 *
 * The reset control register (a byte at 0xCF9) resets when bit 2 is
 * written as 1; the keyboard controller pulses the reset line on command
 * 0xFE.  A doubleword at 0xCF8 is the PCI configuration address, not a
 * reset, even though it spans 0xCF9.
 *
 * Return: true for a reset.
 */
bool vsm_io_resets_machine(u16 port, u32 value, u32 size)
{
	if (size != 1)
		return false;
	if (port == VSM_PORT_RESET_CTRL)
		return value & VSM_BIT(2);
	if (port == VSM_PORT_KBC_CMD)
		return (value & 0xff) == 0xfe;
	return false;
}

/* One REX prefix: W, R, X, B bits. */
#define REX_R(rex)	(((rex) >> 2) & 1)
#define REX_X(rex)	(((rex) >> 1) & 1)
#define REX_B(rex)	((rex) & 1)

/* The prefixes before an opcode, 64-bit mode. */
struct prefixes {
	u8 rex;		/* counts only right before the opcode */
	bool lock;
	bool opsize16;
	bool rep;
	bool repne;
	u32 seg;	/* 4 FS, 5 GS, 0 otherwise */
	bool addr32;
};

/* Scan legacy and REX prefixes; return the opcode's index. */
static u32 scan_prefixes(const u8 *bytes, u32 n, struct prefixes *p)
{
	u32 i;

	memset(p, 0, sizeof(*p));
	for (i = 0; i < n; i++) {
		u8 b = bytes[i];

		if ((b & 0xf0) == 0x40) {
			p->rex = b;
			continue;
		}
		if (!is_legacy_prefix(b))
			break;
		p->rex = 0;
		if (b == 0xf0)
			p->lock = true;
		else if (b == 0x66)
			p->opsize16 = true;
		else if (b == 0xf3)
			p->rep = true;
		else if (b == 0xf2)
			p->repne = true;
		else if (b == 0x64 || b == 0x65)
			p->seg = b == 0x64 ? 4 : 5;
		else if (b == 0x67)
			p->addr32 = true;
	}
	return i;
}

/* Read a little-endian signed displacement of @size bytes. */
static s64 read_disp(const u8 *p, u32 size)
{
	if (size == 1)
		return (int8_t)p[0];
	return (s32)((u32)p[0] | (u32)p[1] << 8 | (u32)p[2] << 16 | (u32)p[3] << 24);
}

/*
 * Decode a ModRM memory operand (mod != 3) at @bytes[*i], which holds the
 * ModRM byte; advance *i past SIB and displacement.
 */
static int decode_modrm_mem(const u8 *bytes, u32 n, u32 *i, u8 rex,
			    struct vsm_modrm_mem *m)
{
	u8 modrm = bytes[(*i)++];
	u32 mod = modrm >> 6, rm = modrm & 7, dsize;

	m->index = VSM_MODRM_NONE;
	m->scale = 1;
	dsize = mod == 1 ? 1 : mod == 2 ? 4 : 0;
	if (rm == 4) {
		u8 sib;
		u32 idx, base;

		if (*i >= n)
			return -EINVAL;
		sib = bytes[(*i)++];
		idx = ((sib >> 3) & 7) | REX_X(rex) << 3;
		base = (sib & 7) | REX_B(rex) << 3;
		m->scale = 1U << (sib >> 6);
		if (idx != 4)
			m->index = (int)idx;
		if ((base & 7) == 5 && mod == 0) {
			m->base = VSM_MODRM_NONE;
			dsize = 4;
		} else {
			m->base = (int)base;
		}
	} else if (rm == 5 && mod == 0) {
		m->base = VSM_MODRM_RIP;
		dsize = 4;
	} else {
		m->base = (int)(rm | REX_B(rex) << 3);
	}
	if (*i + dsize > n)
		return -EINVAL;
	m->disp = dsize ? read_disp(bytes + *i, dsize) : 0;
	*i += dsize;
	return 0;
}

/**
 * vsm_decode_sys_insn() - decode a control-register or table-register access
 * @bytes: the bytes at RIP
 * @n: how many are valid
 * @insn: the result
 *
 * MOV to CR, LMSW, LGDT, LIDT, SGDT, SIDT, SLDT, STR, LLDT and LTR in 64-bit
 * mode, for the exits that report no operands (CPUs or emulators without
 * decode assists, and VMX's descriptor-table exits).  A LOCK prefix (which
 * turns MOV to CR0 into MOV to CR8 on AMD) and register forms of the four
 * table instructions of 0F 01 (other instructions there) are refused.
 *
 * Return: 0, or -EINVAL if the bytes are none of these instructions.
 */
int vsm_decode_sys_insn(const u8 *bytes, u32 n, struct vsm_sys_insn *insn)
{
	static const u8 op01[8] = {
		VSM_SYS_SGDT, VSM_SYS_SIDT, VSM_SYS_LGDT, VSM_SYS_LIDT,
		0, 0, VSM_SYS_LMSW, 0,
	};
	static const u8 op00[8] = {
		VSM_SYS_SLDT, VSM_SYS_STR, VSM_SYS_LLDT, VSM_SYS_LTR,
	};
	struct prefixes p;
	u32 i, reg_field, mod;
	u8 rex, modrm;

	memset(insn, 0, sizeof(*insn));
	if (n > VSM_INSN_MAX)
		n = VSM_INSN_MAX;
	i = scan_prefixes(bytes, n, &p);
	rex = p.rex;
	insn->mem.seg = p.seg;
	insn->mem.addr32 = p.addr32;
	if (p.lock || i + 3 > n || bytes[i] != 0x0f)
		return -EINVAL;
	modrm = bytes[i + 2];
	mod = modrm >> 6;
	reg_field = (modrm >> 3) & 7;
	insn->reg = VSM_MODRM_NONE;
	switch (bytes[i + 1]) {
	case 0x22:
		/* MOV to CR ignores "mod": the operand is always a register. */
		insn->op = VSM_SYS_MOV_TO_CR;
		insn->cr = reg_field | REX_R(rex) << 3;
		insn->reg = (int)((modrm & 7) | REX_B(rex) << 3);
		insn->len = i + 3;
		return 0;
	case 0x01:
		insn->op = op01[reg_field];
		/* Only LMSW has a register form; the others are other insns. */
		if (!insn->op || (mod == 3 && insn->op != VSM_SYS_LMSW))
			return -EINVAL;
		break;
	case 0x00:
		if (reg_field > 3)
			return -EINVAL;
		insn->op = op00[reg_field];
		break;
	default:
		return -EINVAL;
	}
	if (mod == 3) {
		insn->reg = (int)((modrm & 7) | REX_B(rex) << 3);
		insn->len = i + 3;
		return 0;
	}
	i += 2;
	if (decode_modrm_mem(bytes, n, &i, rex, &insn->mem))
		return -EINVAL;
	insn->len = i;
	return 0;
}

/**
 * vsm_modrm_address() - the linear address of a memory operand
 * @m: the operand
 * @gprs: the guest's GPRs, in enum vsm_gpr order
 * @next_rip: address of the next instruction (for RIP-relative operands)
 * @seg_base: base of the FS or GS override, if @m has one
 *
 * Return: the linear address.
 */
u64 vsm_modrm_address(const struct vsm_modrm_mem *m, const u64 gprs[16],
		      u64 next_rip, u64 seg_base)
{
	u64 ea = (u64)m->disp;

	if (m->base == VSM_MODRM_RIP)
		ea += next_rip;
	else if (m->base >= 0)
		ea += gprs[m->base & 15];
	if (m->index >= 0)
		ea += gprs[m->index & 15] * m->scale;
	if (m->addr32)
		ea &= 0xffffffffULL;
	return ea + (m->seg ? seg_base : 0);
}

/**
 * vsm_decode_store() - decode the plain stores kernel code patches with
 * @bytes: the bytes at RIP
 * @n: how many are valid
 * @insn: the result
 *
 * MOV to memory from a register or an immediate, and MOVS with or without
 * REP: what memcpy() compiles to.  Everything else (atomic and read-modify-
 * write instructions, stores to a register) is refused.
 *
 * Return: 0, or -EINVAL if the bytes are none of these.
 */
int vsm_decode_store(const u8 *bytes, u32 n, struct vsm_store_insn *insn)
{
	struct prefixes p;
	u32 i, opsize;
	u8 rex, op, modrm;

	memset(insn, 0, sizeof(*insn));
	if (n > VSM_INSN_MAX)
		n = VSM_INSN_MAX;
	i = scan_prefixes(bytes, n, &p);
	if (p.lock)
		return -EINVAL;		/* not a plain store */
	rex = p.rex;
	opsize = p.opsize16 ? 2 : 4;
	insn->rep = p.rep;
	insn->mem.seg = p.seg;
	insn->mem.addr32 = p.addr32;
	if (rex & 8)
		opsize = 8;
	if (i >= n)
		return -EINVAL;
	op = bytes[i++];
	if (op == 0xa4 || op == 0xa5) {
		insn->op = VSM_STORE_MOVS;
		insn->size = op == 0xa4 ? 1 : opsize;
		insn->len = i;
		return 0;
	}
	if (insn->rep || (op != 0x88 && op != 0x89 && op != 0xc6 && op != 0xc7))
		return -EINVAL;
	insn->size = (op & 1) ? opsize : 1;
	if (i >= n)
		return -EINVAL;
	modrm = bytes[i];
	if ((modrm >> 6) == 3)
		return -EINVAL;			/* a register destination */
	if (op == 0x88 || op == 0x89) {
		insn->op = VSM_STORE_MOV_REG;
		insn->reg = (int)(((modrm >> 3) & 7) | REX_R(rex) << 3);
		insn->high_byte = op == 0x88 && !rex && insn->reg >= 4;
	} else {
		u32 isize = insn->size == 8 ? 4 : insn->size;

		if ((modrm >> 3) & 7)
			return -EINVAL;
		insn->op = VSM_STORE_MOV_IMM;
		if (decode_modrm_mem(bytes, n, &i, rex, &insn->mem) || i + isize > n)
			return -EINVAL;
		insn->imm = 0;
		for (u32 k = 0; k < isize; k++)
			insn->imm |= (u64)bytes[i + k] << (8 * k);
		if (insn->size == 8 && (insn->imm & 0x80000000ULL))
			insn->imm |= 0xffffffff00000000ULL;
		i += isize;
		insn->len = i;
		/* RIP-relative operands count from the end, immediate included. */
		return 0;
	}
	if (decode_modrm_mem(bytes, n, &i, rex, &insn->mem))
		return -EINVAL;
	insn->len = i;
	return 0;
}

/* Immediate bytes after the ModRM operand of a one-byte-map write, or -1. */
static int write_imm_size(u8 op, u8 reg, u32 opsize)
{
	switch (op) {
	case 0x00: case 0x01: case 0x08: case 0x09: case 0x10: case 0x11:
	case 0x18: case 0x19: case 0x20: case 0x21: case 0x28: case 0x29:
	case 0x30: case 0x31:			/* ALU r/m, reg */
	case 0x86: case 0x87:			/* XCHG */
	case 0x88: case 0x89: case 0x8c:	/* MOV r/m, reg or Sreg */
	case 0xd0: case 0xd1: case 0xd2: case 0xd3:	/* shifts by 1 or CL */
		return 0;
	case 0x80: case 0x83: case 0xc0: case 0xc1:
		return reg == 7 && op < 0xc0 ? -1 : 1;	/* CMP only reads */
	case 0x81:
		return reg == 7 ? -1 : opsize == 2 ? 2 : 4;
	case 0x8f:				/* POP r/m */
		return reg == 0 ? 0 : -1;
	case 0xc6:
		return reg == 0 ? 1 : -1;
	case 0xc7:
		return reg == 0 ? (opsize == 2 ? 2 : 4) : -1;
	case 0xf6: case 0xf7:			/* NOT, NEG */
		return reg == 2 || reg == 3 ? 0 : -1;
	case 0xfe: case 0xff:			/* INC, DEC */
		return reg <= 1 ? 0 : -1;
	default:
		return -1;
	}
}

/* The same for the 0F map. */
static int write_imm_size_0f(u8 op, u8 reg)
{
	switch (op) {
	case 0x11: case 0x13: case 0x17: case 0x29: case 0x2b:	/* SSE stores */
	case 0x7f: case 0xe7:
	case 0xab: case 0xb3: case 0xbb:	/* BTS, BTR, BTC */
	case 0xb0: case 0xb1:			/* CMPXCHG */
	case 0xc0: case 0xc1:			/* XADD */
	case 0xc3:				/* MOVNTI */
	case 0xa5: case 0xad:			/* SHLD, SHRD by CL */
		return 0;
	case 0xa4: case 0xac:			/* SHLD, SHRD by imm8 */
		return 1;
	case 0xba:				/* BTS, BTR, BTC imm8 */
		return reg >= 5 ? 1 : -1;
	case 0xc7:				/* CMPXCHG8B, CMPXCHG16B */
		return reg == 1 ? 0 : -1;
	default:
		return op >= 0x90 && op <= 0x9f ? 0 : -1;	/* SETcc */
	}
}

/**
 * vsm_decode_write() - decode an instruction that writes memory, to drop it
 * @bytes: the bytes at RIP
 * @n: how many are valid
 * @w: the result
 *
 * For a write the hypervisor discards (into the decoy page) it needs only
 * the instruction's length, and for MOVS and STOS the element size and
 * REP, since a string write is dropped one page at a time.  Decoded: the
 * plain stores, ALU and shift read-modify-writes, XCHG, CMPXCHG, XADD,
 * bit-test writes, SETcc, POP to memory, MOVNTI and the legacy-SSE
 * stores, with or without LOCK; VEX-encoded stores and anything whose
 * memory operand is only read are refused.
 *
 * Return: 0, or -EINVAL.
 */
int vsm_decode_write(const u8 *bytes, u32 n, struct vsm_write_insn *w)
{
	struct vsm_modrm_mem m;
	struct prefixes p;
	u32 i, opsize;
	int imm;
	u8 op;

	memset(w, 0, sizeof(*w));
	if (n > VSM_INSN_MAX)
		n = VSM_INSN_MAX;
	i = scan_prefixes(bytes, n, &p);
	opsize = (p.rex & 8) ? 8 : p.opsize16 ? 2 : 4;
	if (i >= n)
		return -EINVAL;
	op = bytes[i++];
	if (op == 0xa4 || op == 0xa5 || op == 0xaa || op == 0xab) {
		if (p.addr32)
			return -EINVAL;		/* RDI truncated: not worth it */
		w->string = true;
		w->movs = op <= 0xa5;
		w->size = (op & 1) ? opsize : 1;
		w->rep = p.rep || p.repne;
		w->len = i;
		return 0;
	}
	if (op == 0x0f) {
		if (i + 1 >= n)
			return -EINVAL;
		op = bytes[i++];
		imm = write_imm_size_0f(op, (bytes[i] >> 3) & 7);
	} else {
		if (i >= n)
			return -EINVAL;
		imm = write_imm_size(op, (bytes[i] >> 3) & 7, opsize);
	}
	if (imm < 0 || (bytes[i] >> 6) == 3)
		return -EINVAL;			/* not a write, or to a register */
	if (decode_modrm_mem(bytes, n, &i, p.rex, &m) || i + (u32)imm > n)
		return -EINVAL;
	w->len = i + (u32)imm;
	return 0;
}
