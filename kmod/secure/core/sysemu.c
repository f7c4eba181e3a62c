// SPDX-License-Identifier: GPL-2.0
/*
 * Emulation of the host's accesses to pinned CPU state, for both vendors:
 * MOV to CR0/CR4 and LMSW (judged by the pin policy), LGDT and LIDT (only
 * the pinned table), and, for VMX, whose descriptor-table exiting cannot
 * be limited to loads, SGDT, SIDT, SLDT, STR, LLDT and LTR.  The vendor
 * code describes the CPU in a struct sw_sysregs, calls sw_emulate_sys()
 * and writes back what it changed.  Faults are returned, and injected by
 * the vendor code.
 */
#include "../include/sw.h"
#include "../include/x86.h"
#include "../../common/cr_pin.h"
#include "../../common/insn.h"

#define SEL_TI		VSM_BIT(2)
#define DESC_TYPE_LDT	0x2
#define DESC_TYPE_TSS	0x9	/* available 64-bit TSS; busy is 0xb */
#define DESC_BUSY	0x2
#define DESC_S		VSM_BIT(4)
#define DESC_P		VSM_BIT(7)

/* The linear address of @insn's memory operand. */
static u64 operand_address(const struct sw_sysregs *s, const struct vsm_sys_insn *insn)
{
	u64 seg_base = insn->mem.seg == 4 ? s->r.fs_base : s->r.gs_base;

	return vsm_modrm_address(&insn->mem, s->r.gpr, s->r.rip + insn->len, seg_base);
}

static bool read_operand(const struct sw_sysregs *s, const struct vsm_sys_insn *insn,
			 void *buf, u32 len)
{
	return sw_guest_fetch(s->r.cr3, operand_address(s, insn), buf, len) == (int)len;
}

/* The most bytes one emulated store writes (SGDT, SIDT: 10). */
#define STORE_MAX	16

/*
 * Store @len bytes at the host's linear address @la, as the host's store
 * would: only into host RAM the host may write (not host read-only).
 * Each byte is translated once, and exactly the checked addresses are
 * written, under one writer count: another CPU changing the host's page
 * tables, or the ownership table, cannot move the write after the check.
 */
static bool write_linear(struct vsm_sw_cpu *c, u64 cr3, u64 la, const u8 *buf, u32 len)
{
	u64 pa[STORE_MAX];
	u32 i;

	if (len > STORE_MAX)
		return false;
	for (i = 0; i < len; i++)
		if (sw_guest_translate(cr3, la + i, &pa[i]))
			return false;
	if (!sw_host_write_begin(pa, len, 1))
		return false;
	sw_host_store_bytes(c, pa, buf, len);
	sw_host_write_done();
	return true;
}

/* Is @va canonical for the host's paging (4 or 5 levels)? */
static bool canonical(const struct sw_sysregs *s, u64 va)
{
	unsigned int bits = s->cr4 & X86_CR4_LA57 ? 57 : 48;

	return (u64)((s64)(va << (64 - bits)) >> (64 - bits)) == va;
}

static bool write_operand(struct vsm_sw_cpu *c, const struct sw_sysregs *s, const struct vsm_sys_insn *insn,
			  const void *buf, u32 len)
{
	return write_linear(c, s->r.cr3, operand_address(s, insn), buf, len);
}

/* MOV to CR0/CR4 or LMSW: the value written; false if unreadable. */
static bool cr_value(const struct sw_sysregs *s, const struct vsm_sys_insn *insn,
		     u64 old, u64 *val)
{
	u16 msw;

	if (insn->op == VSM_SYS_MOV_TO_CR) {
		*val = s->r.gpr[insn->reg];
		return true;
	}
	/* LMSW writes CR0 bits 0..3 and cannot clear PE. */
	if (insn->reg >= 0)
		msw = (u16)s->r.gpr[insn->reg];
	else if (!read_operand(s, insn, &msw, sizeof(msw)))
		return false;
	*val = (old & ~0xeULL) | (msw & 0xf);
	return true;
}

static int emulate_cr(struct vsm_sw_cpu *c, struct sw_sysregs *s,
		      const struct vsm_sys_insn *insn)
{
	u32 cr = insn->op == VSM_SYS_LMSW ? 0 : insn->cr;
	struct vsm_cr_write w = { 0 };
	int verdict;

	if (cr != 0 && cr != 4) {
		sw_count_exit(c, VSM_EXIT_CR_WRITE);
		return -X86_UD_VECTOR;
	}
	w.old = cr ? s->cr4 : s->cr0;
	if (!cr_value(s, insn, w.old, &w.val)) {
		sw_count_exit(c, VSM_EXIT_CR_WRITE);
		return -X86_GP_VECTOR;
	}
	verdict = sw_pin_cr_write(c, cr, &w);
	/*
	 * Linux without INVPCID flushes global pages by clearing CR4.PGE and
	 * setting it again: both writes leave CR4 as it was (PGE is pinned).
	 */
	sw_count_exit(c, verdict == VSM_CR_WRITE && cr == 4 && w.result == w.old ?
		      VSM_EXIT_TLB_FLUSH : VSM_EXIT_CR_WRITE);
	if (verdict == VSM_CR_FAULT)
		return -X86_GP_VECTOR;
	if (verdict == VSM_CR_WRITE) {
		if (cr)
			s->cr4 = w.result;
		else
			s->cr0 = w.result;
		s->changed |= cr ? SW_SYS_CR4 : SW_SYS_CR0;
		s->flush = w.flush;
	}
	return 0;
}

/* LGDT or LIDT: only the pinned table may be loaded again. */
static int emulate_dt_load(struct vsm_sw_cpu *c, struct sw_sysregs *s,
			   const struct vsm_sys_insn *insn)
{
	bool idt = insn->op == VSM_SYS_LIDT;
	u8 desc[10];
	u64 base = 0;
	u16 limit;
	int i;

	if (!read_operand(s, insn, desc, sizeof(desc)))
		return -X86_GP_VECTOR;
	limit = desc[0] | desc[1] << 8;
	for (i = 9; i >= 2; i--)
		base = base << 8 | desc[i];
	/* In 64-bit mode the CPU refuses a non-canonical base. */
	if (!canonical(s, base))
		return -X86_GP_VECTOR;
	/* Refused: ignored (and audited), as the pin policy says. */
	if (!sw_pin_allows_dt(c, idt, base, limit, s->r.cr3))
		return 0;
	if (idt) {
		s->idtr_base = base;
		s->idtr_limit = limit;
	} else {
		s->gdtr_base = base;
		s->gdtr_limit = limit;
	}
	s->changed |= idt ? SW_SYS_IDTR : SW_SYS_GDTR;
	return 0;
}

/* SGDT or SIDT: 2 bytes of limit, 8 of base. */
static int emulate_dt_store(struct vsm_sw_cpu *c, const struct sw_sysregs *s, const struct vsm_sys_insn *insn)
{
	bool idt = insn->op == VSM_SYS_SIDT;
	u64 base = idt ? s->idtr_base : s->gdtr_base;
	u16 limit = idt ? s->idtr_limit : s->gdtr_limit;
	u8 desc[10];
	int i;

	desc[0] = (u8)limit;
	desc[1] = (u8)(limit >> 8);
	for (i = 2; i < 10; i++, base >>= 8)
		desc[i] = (u8)base;
	return write_operand(c, s, insn, desc, sizeof(desc)) ? 0 : -X86_GP_VECTOR;
}

/* SLDT or STR: the selector, zero-extended into a register or 2 bytes. */
static int emulate_sel_store(struct vsm_sw_cpu *c, struct sw_sysregs *s, const struct vsm_sys_insn *insn)
{
	u16 sel = insn->op == VSM_SYS_SLDT ? s->ldtr.selector : s->tr.selector;

	if (insn->reg >= 0) {
		s->r.gpr[insn->reg] = sel;
		s->changed |= SW_SYS_GPRS;
		return 0;
	}
	return write_operand(c, s, insn, &sel, sizeof(sel)) ? 0 : -X86_GP_VECTOR;
}

/*
 * LLDT or LTR: load the system segment @sel names from the GDT, as the CPU
 * would (an LDT or an available TSS, present; LTR marks it busy).
 */
static int emulate_sel_load(struct vsm_sw_cpu *c, struct sw_sysregs *s,
			    const struct vsm_sys_insn *insn)
{
	bool ltr = insn->op == VSM_SYS_LTR;
	struct vsm_seg_state *seg = ltr ? &s->tr : &s->ldtr;
	u64 la, base;
	u16 sel;
	u8 d[16];

	if (insn->reg >= 0)
		sel = (u16)s->r.gpr[insn->reg];
	else if (!read_operand(s, insn, &sel, sizeof(sel)))
		return -X86_GP_VECTOR;
	if (!ltr && !(sel & ~3)) {
		/* A null LDT selector leaves LDTR unusable. */
		memset(seg, 0, sizeof(*seg));
		seg->selector = sel;
		s->changed |= SW_SYS_LDTR;
		return 0;
	}
	if ((sel & SEL_TI) || (u32)(sel & ~7) + 15 > s->gdtr_limit)
		return -X86_GP_VECTOR;
	la = s->gdtr_base + (sel & ~7);
	if (sw_guest_fetch(s->r.cr3, la, d, sizeof(d)) != (int)sizeof(d) ||
	    (d[5] & DESC_S) || (d[5] & 0xf) != (ltr ? DESC_TYPE_TSS : DESC_TYPE_LDT))
		return -X86_GP_VECTOR;
	/* The upper half's type field must be zero. */
	if (d[13] & 0x1f)
		return -X86_GP_VECTOR;
	if (!(d[5] & DESC_P))
		return -X86_NP_VECTOR;
	base = d[2] | d[3] << 8 | (u64)d[4] << 16 | (u64)d[7] << 24 |
	       (u64)(d[8] | d[9] << 8 | d[10] << 16 | (u32)d[11] << 24) << 32;
	/* As the CPU: a non-canonical base is #GP (and would fail VM entry). */
	if (!canonical(s, base))
		return -X86_GP_VECTOR;
	if (ltr) {
		d[5] |= DESC_BUSY;
		if (!write_linear(c, s->r.cr3, la + 5, &d[5], 1))
			return -X86_GP_VECTOR;
	}
	seg->selector = sel;
	seg->attrib = d[5] | (u16)(d[6] >> 4) << 8;
	seg->limit = d[0] | d[1] << 8 | (u32)(d[6] & 0xf) << 16;
	if (d[6] & 0x80)	/* G: 4 KiB granularity */
		seg->limit = seg->limit << 12 | 0xfff;
	seg->base = base;
	s->changed |= ltr ? SW_SYS_TR : SW_SYS_LDTR;
	return 0;
}

/**
 * sw_emulate_sys() - emulate the host's access to pinned CPU state
 * @c: this CPU
 * @s: the host's state; on success RIP is past the instruction and what
 *	changed is flagged in @s->changed (a refused write changes nothing
 *	but RIP: it is ignored and audited)
 * @allowed: the instructions this exit may be (VSM_BIT(enum vsm_sys_op)
 *	each); the bytes at RIP must decode to one of them
 *
 * Only the kernel writes pinned state, in 64-bit mode: anything else, or
 * bytes that are none of @allowed, is an invalid opcode for the host.
 *
 * Return: 0, or the negated vector of the exception to inject.
 */
int sw_emulate_sys(struct vsm_sw_cpu *c, struct sw_sysregs *s, u32 allowed)
{
	struct vsm_sys_insn insn;
	u8 bytes[VSM_INSN_MAX];
	int n, ret;

	s->changed = 0;
	s->flush = false;
	n = s->kernel64 ? sw_guest_fetch(s->r.cr3, s->r.rip, bytes, sizeof(bytes)) : 0;
	if (!n || vsm_decode_sys_insn(bytes, n, &insn) || !(allowed & VSM_BIT(insn.op))) {
		sw_count_exit(c, VSM_EXIT_OTHER);
		return -X86_UD_VECTOR;
	}
	switch (insn.op) {
	case VSM_SYS_MOV_TO_CR:
	case VSM_SYS_LMSW:
		ret = emulate_cr(c, s, &insn);
		break;
	case VSM_SYS_LGDT:
	case VSM_SYS_LIDT:
		sw_count_exit(c, VSM_EXIT_DT_WRITE);
		ret = emulate_dt_load(c, s, &insn);
		break;
	case VSM_SYS_SGDT:
	case VSM_SYS_SIDT:
		sw_count_exit(c, VSM_EXIT_OTHER);
		ret = emulate_dt_store(c, s, &insn);
		break;
	case VSM_SYS_SLDT:
	case VSM_SYS_STR:
		sw_count_exit(c, VSM_EXIT_OTHER);
		ret = emulate_sel_store(c, s, &insn);
		break;
	default:
		sw_count_exit(c, VSM_EXIT_DT_WRITE);
		ret = emulate_sel_load(c, s, &insn);
		break;
	}
	if (!ret)
		s->r.rip += insn.len;
	return ret;
}
