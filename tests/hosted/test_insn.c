// SPDX-License-Identifier: GPL-2.0
/*
 * Guest page walks and intercepted-instruction lengths.
 */
#include <string.h>

#include "fake_ram.h"
#include "unit.h"
#include "../../kmod/common/insn.h"
#include "../../kmod/common/paging.h"
#include "../../kmod/common/sw_abi.h"

#define MEM_SIZE (64 * 4096)

static u8 guest[MEM_SIZE] __aligned(4096);

static struct fake_ram ram = { guest, MEM_SIZE };
static const struct vsm_guest_mem mem = { fake_ram_read, &ram };

static void set_pte(u64 table, unsigned int idx, u64 val)
{
	fake_ram_set(&ram, table, idx, val);
}

/*
 * Guest tables: PML4 at 0x1000; kernel VA 0xffffffff81000000 mapped by
 * 4 KiB pages 0x10000 (first) and 0x11000 (second); VA 0x40000000 by a
 * 1 GiB page at 0; VA 0x200000 by a 2 MiB page at 0.
 */
static void build_guest(void)
{
	u64 va = 0xffffffff81000000ULL;

	memset(guest, 0, sizeof(guest));
	set_pte(0x1000, (va >> 39) & 511, 0x2000 | VSM_PTE_P);
	set_pte(0x2000, (va >> 30) & 511, 0x3000 | VSM_PTE_P);
	set_pte(0x3000, (va >> 21) & 511, 0x4000 | VSM_PTE_P);
	set_pte(0x4000, (va >> 12) & 511, 0x10000 | VSM_PTE_P);
	set_pte(0x4000, ((va >> 12) & 511) + 1, 0x11000 | VSM_PTE_P);
	set_pte(0x1000, 0, 0x5000 | VSM_PTE_P);
	set_pte(0x5000, 1, 0 | VSM_PTE_P | VSM_PTE_PS);
	set_pte(0x5000, 0, 0x6000 | VSM_PTE_P);
	set_pte(0x6000, 1, 0 | VSM_PTE_P | VSM_PTE_PS);
}

TEST(guest_translate_all_page_sizes)
{
	u64 gpa;

	build_guest();
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000 | 0x5, 0xffffffff81000123ULL, &gpa), 0);
	EXPECT_EQ(gpa, 0x10123);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0xffffffff81001ff0ULL, &gpa), 0);
	EXPECT_EQ(gpa, 0x11ff0);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0x40000000ULL + 0x1234, &gpa), 0);
	EXPECT_EQ(gpa, 0x1234);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0x200000ULL + 0x77, &gpa), 0);
	EXPECT_EQ(gpa, 0x77);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 0xffffffff81002000ULL, &gpa), -EFAULT);
	/* A table pointing outside readable memory. */
	set_pte(0x1000, 5, 0x7ffff000 | VSM_PTE_P);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 5ULL << 39, &gpa), -EFAULT);
	/* A PS bit in the PML4 is not a 512 GiB page. */
	set_pte(0x1000, 6, 0x0 | VSM_PTE_P | VSM_PTE_PS);
	EXPECT_EQ(vsm_guest_translate(&mem, 0x1000, 6ULL << 39, &gpa), -EFAULT);
}

TEST(guest_fetch_across_pages)
{
	u8 buf[4];

	build_guest();
	guest[0x10ffe] = 0x0f;
	guest[0x10fff] = 0x01;
	guest[0x11000] = 0xd9;
	guest[0x11001] = 0x90;
	EXPECT_EQ(vsm_guest_fetch(&mem, 0x1000, 0xffffffff81000ffeULL, buf, 4), 0);
	EXPECT_EQ(buf[0], 0x0f);
	EXPECT_EQ(buf[2], 0xd9);
	EXPECT_EQ(buf[3], 0x90);
	EXPECT_EQ(vsm_guest_fetch(&mem, 0x1000, 0xffffffff81001ffeULL, buf, 4), -EFAULT);
}

TEST(insn_length_with_prefixes)
{
	static const u8 cpuid[] = { 0x0f, 0xa2 };
	static const u8 vmmcall[] = { 0x0f, 0x01, 0xd9 };
	static const u8 plain[] = { 0x0f, 0xa2, 0x90 };
	static const u8 prefixed[] = { 0x66, 0x2e, 0x48, 0x0f, 0xa2 };
	static const u8 rex_not_last[] = { 0x48, 0x66, 0x0f, 0xa2 };
	static const u8 call[] = { 0x0f, 0x01, 0xd9 };
	static const u8 other[] = { 0x0f, 0x01, 0xd8 };
	u8 long_run[16];

	EXPECT_EQ(vsm_insn_length(plain, 3, cpuid, 2), 2);
	EXPECT_EQ(vsm_insn_length(prefixed, 5, cpuid, 2), 5);
	EXPECT_EQ(vsm_insn_length(rex_not_last, 4, cpuid, 2), -EINVAL);
	EXPECT_EQ(vsm_insn_length(call, 3, vmmcall, 3), 3);
	EXPECT_EQ(vsm_insn_length(other, 3, vmmcall, 3), -EINVAL);
	EXPECT_EQ(vsm_insn_length(plain, 1, cpuid, 2), -EINVAL);
	/* More than 15 bytes is not an instruction. */
	memset(long_run, 0x66, sizeof(long_run));
	long_run[14] = 0x0f;
	long_run[15] = 0xa2;
	EXPECT_EQ(vsm_insn_length(long_run, 16, cpuid, 2), -EINVAL);
	long_run[13] = 0x0f;
	long_run[14] = 0xa2;
	EXPECT_EQ(vsm_insn_length(long_run, 16, cpuid, 2), 15);
}

TEST(io_insn_lengths)
{
	static const u8 out_imm[] = { 0xe6, 0x64 };
	static const u8 out_dx[] = { 0xee };
	static const u8 out_dx16[] = { 0x66, 0xef };
	static const u8 in_imm[] = { 0xe4, 0x64 };
	static const u8 in_dx32[] = { 0xed };
	static const u8 cut[] = { 0xe6 };
	static const u8 nop[] = { 0x90, 0xee };

	EXPECT_EQ(vsm_io_insn_length(out_imm, 2, false), 2);
	EXPECT_EQ(vsm_io_insn_length(out_dx, 1, false), 1);
	EXPECT_EQ(vsm_io_insn_length(out_dx16, 2, false), 2);
	EXPECT_EQ(vsm_io_insn_length(in_imm, 2, true), 2);
	EXPECT_EQ(vsm_io_insn_length(in_dx32, 1, true), 1);
	/* Direction must match what the exit said. */
	EXPECT_EQ(vsm_io_insn_length(out_dx, 1, true), -EINVAL);
	EXPECT_EQ(vsm_io_insn_length(in_imm, 2, false), -EINVAL);
	EXPECT_EQ(vsm_io_insn_length(cut, 1, false), -EINVAL);
	EXPECT_EQ(vsm_io_insn_length(nop, 2, false), -EINVAL);
}

TEST(io_reset_writes)
{
	EXPECT(vsm_io_resets_machine(0xcf9, 0x06, 1));
	EXPECT(vsm_io_resets_machine(0xcf9, 0x0e, 1));
	EXPECT(vsm_io_resets_machine(0xcf9, 0x04, 1));
	EXPECT(!vsm_io_resets_machine(0xcf9, 0x02, 1));
	EXPECT(vsm_io_resets_machine(0x64, 0xfe, 1));
	EXPECT(!vsm_io_resets_machine(0x64, 0xd1, 1));
	EXPECT(!vsm_io_resets_machine(0x60, 0xfe, 1));
	EXPECT(!vsm_io_resets_machine(0x80, 0x06, 1));
	/* PCI configuration address writes span 0xCF9 but do not reset. */
	EXPECT(!vsm_io_resets_machine(0xcf9, 0x06, 2));
	EXPECT(!vsm_io_resets_machine(0xcf8, 0x80000604, 4));
}

/* "0f 22 e0" to bytes; returns how many. */
static u32 hex(const char *hex_bytes, u8 b[VSM_INSN_MAX])
{
	u32 n = 0;
	unsigned int v;

	while (n < VSM_INSN_MAX && strlen(hex_bytes) >= 3 * n + 2 &&
	       sscanf(hex_bytes + 3 * n, "%2x", &v) == 1)
		b[n++] = (u8)v;
	return n;
}

static int decode(const char *hex_bytes, struct vsm_sys_insn *insn)
{
	u8 b[VSM_INSN_MAX];

	return vsm_decode_sys_insn(b, hex(hex_bytes, b), insn);
}

TEST(decode_mov_to_cr)
{
	struct vsm_sys_insn insn;

	/* mov %rax,%cr4 */
	EXPECT_EQ(decode("0f 22 e0", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_MOV_TO_CR);
	EXPECT_EQ(insn.cr, 4);
	EXPECT_EQ(insn.reg, VSM_GPR_RAX);
	EXPECT_EQ(insn.len, 3);
	/* mov %rdi,%cr0 */
	EXPECT_EQ(decode("0f 22 c7", &insn), 0);
	EXPECT_EQ(insn.cr, 0);
	EXPECT_EQ(insn.reg, VSM_GPR_RDI);
	/* mov %r9,%cr4 (REX.B), and REX.R naming CR8 */
	EXPECT_EQ(decode("41 0f 22 e1", &insn), 0);
	EXPECT_EQ(insn.reg, VSM_GPR_R9);
	EXPECT_EQ(insn.cr, 4);
	EXPECT_EQ(insn.len, 4);
	EXPECT_EQ(decode("44 0f 22 c0", &insn), 0);
	EXPECT_EQ(insn.cr, 8);
	/* "mod" is ignored: 0f 22 20 is mov %rax,%cr4 too */
	EXPECT_EQ(decode("0f 22 20", &insn), 0);
	EXPECT_EQ(insn.reg, VSM_GPR_RAX);
	EXPECT_EQ(insn.cr, 4);
	/* a REX followed by a legacy prefix does not count */
	EXPECT_EQ(decode("41 66 0f 22 e1", &insn), 0);
	EXPECT_EQ(insn.reg, VSM_GPR_RCX);
	/* LOCK mov to CR0 is mov to CR8 on AMD: refused */
	EXPECT_EQ(decode("f0 0f 22 c0", &insn), -EINVAL);
	/* truncated, and not the instruction */
	EXPECT_EQ(decode("0f 22", &insn), -EINVAL);
	EXPECT_EQ(decode("0f 20 e0", &insn), -EINVAL);
}

TEST(decode_lidt_lgdt_lmsw)
{
	struct vsm_sys_insn insn;
	u64 gprs[16] = { 0 };

	gprs[VSM_GPR_RDI] = 0x1000;
	gprs[VSM_GPR_RBX] = 0x20;
	/* lidt (%rdi) */
	EXPECT_EQ(decode("0f 01 1f", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_LIDT);
	EXPECT_EQ(insn.reg, VSM_MODRM_NONE);
	EXPECT_EQ(insn.len, 3);
	EXPECT_EQ(vsm_modrm_address(&insn.mem, gprs, 0, 0), 0x1000);
	/* lgdt 0x8(%rdi,%rbx,4) */
	EXPECT_EQ(decode("0f 01 54 9f 08", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_LGDT);
	EXPECT_EQ(insn.len, 5);
	EXPECT_EQ(vsm_modrm_address(&insn.mem, gprs, 0, 0), 0x1000 + 0x80 + 8);
	/* lidt 0x100(%rip) */
	EXPECT_EQ(decode("0f 01 1d 00 01 00 00", &insn), 0);
	EXPECT_EQ(insn.len, 7);
	EXPECT_EQ(insn.mem.base, VSM_MODRM_RIP);
	EXPECT_EQ(vsm_modrm_address(&insn.mem, gprs, 0xffffffff81000007ULL, 0),
		  0xffffffff81000107ULL);
	/* lidt %gs:-0x10(%r13) : GS override, REX.B, negative disp8 */
	EXPECT_EQ(decode("65 41 0f 01 5d f0", &insn), 0);
	EXPECT_EQ(insn.mem.base, VSM_GPR_R13);
	EXPECT_EQ(insn.mem.seg, 5);
	gprs[VSM_GPR_R13] = 0x100;
	EXPECT_EQ(vsm_modrm_address(&insn.mem, gprs, 0, 0x10000), 0x100f0);
	/* lidt 0x1234 (SIB, no base, no index: absolute disp32) */
	EXPECT_EQ(decode("0f 01 1c 25 34 12 00 00", &insn), 0);
	EXPECT_EQ(insn.len, 8);
	EXPECT_EQ(vsm_modrm_address(&insn.mem, gprs, 0, 0), 0x1234);
	/* 67: 32-bit addresses wrap */
	gprs[VSM_GPR_RDI] = 0xfffffffffULL;
	EXPECT_EQ(decode("67 0f 01 1f", &insn), 0);
	EXPECT_EQ(vsm_modrm_address(&insn.mem, gprs, 0, 0), 0xffffffffULL);
	/* lmsw %ax, and lmsw (%rbx) */
	EXPECT_EQ(decode("0f 01 f0", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_LMSW);
	EXPECT_EQ(insn.reg, VSM_GPR_RAX);
	EXPECT_EQ(decode("0f 01 33", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_LMSW);
	EXPECT_EQ(insn.reg, VSM_MODRM_NONE);
	/* register forms of /2 and /3 are other instructions (e.g. xgetbv) */
	EXPECT_EQ(decode("0f 01 d0", &insn), -EINVAL);
	EXPECT_EQ(decode("0f 01 d8", &insn), -EINVAL);
	/* a cut-off displacement is refused */
	EXPECT_EQ(decode("0f 01 9f 00 01", &insn), -EINVAL);
}

TEST(decode_table_stores_and_system_segments)
{
	struct vsm_sys_insn insn;

	/* sgdt (%rdi), sidt 0x10(%rsp) */
	EXPECT_EQ(decode("0f 01 07", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_SGDT);
	EXPECT_EQ(insn.mem.base, VSM_GPR_RDI);
	EXPECT_EQ(decode("0f 01 4c 24 10", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_SIDT);
	EXPECT_EQ(insn.mem.base, VSM_GPR_RSP);
	EXPECT_EQ(insn.mem.disp, 0x10);
	EXPECT_EQ(insn.len, 5);
	/* register forms of /0 and /1 are VMCALL, MONITOR...: refused */
	EXPECT_EQ(decode("0f 01 c1", &insn), -EINVAL);
	EXPECT_EQ(decode("0f 01 c8", &insn), -EINVAL);
	/* sldt %eax, str (%rbx), lldt %r10w, ltr %ax */
	EXPECT_EQ(decode("0f 00 c0", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_SLDT);
	EXPECT_EQ(insn.reg, VSM_GPR_RAX);
	EXPECT_EQ(decode("0f 00 0b", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_STR);
	EXPECT_EQ(insn.reg, VSM_MODRM_NONE);
	EXPECT_EQ(insn.mem.base, VSM_GPR_RBX);
	EXPECT_EQ(decode("41 0f 00 d2", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_LLDT);
	EXPECT_EQ(insn.reg, VSM_GPR_R10);
	EXPECT_EQ(insn.len, 4);
	EXPECT_EQ(decode("0f 00 d8", &insn), 0);
	EXPECT_EQ(insn.op, VSM_SYS_LTR);
	/* verr, verw (/4, /5) are not decoded */
	EXPECT_EQ(decode("0f 00 e0", &insn), -EINVAL);
	EXPECT_EQ(decode("0f 00 e8", &insn), -EINVAL);
}

static int decode_st(const char *hex_bytes, struct vsm_store_insn *insn)
{
	u8 b[VSM_INSN_MAX];

	return vsm_decode_store(b, hex(hex_bytes, b), insn);
}

TEST(decode_store_mov)
{
	struct vsm_store_insn s;

	EXPECT_EQ(decode_st("88 07", &s), 0);			/* mov %al,(%rdi) */
	EXPECT_EQ(s.op, VSM_STORE_MOV_REG);
	EXPECT_EQ(s.size, 1);
	EXPECT_EQ(s.reg, VSM_GPR_RAX);
	EXPECT_EQ(s.mem.base, VSM_GPR_RDI);
	EXPECT_EQ(s.len, 2);
	EXPECT_EQ(decode_st("89 0f", &s), 0);			/* mov %ecx,(%rdi) */
	EXPECT_EQ(s.size, 4);
	EXPECT_EQ(s.reg, VSM_GPR_RCX);
	EXPECT_EQ(decode_st("48 89 0f", &s), 0);
	EXPECT_EQ(s.size, 8);
	EXPECT_EQ(decode_st("66 89 0f", &s), 0);
	EXPECT_EQ(s.size, 2);
	EXPECT_EQ(decode_st("44 88 47 01", &s), 0);		/* mov %r8b,0x1(%rdi) */
	EXPECT_EQ(s.reg, VSM_GPR_R8);
	EXPECT_EQ(s.mem.disp, 1);
	EXPECT(!s.high_byte);
	EXPECT_EQ(s.len, 4);
	EXPECT_EQ(decode_st("88 27", &s), 0);			/* mov %ah,(%rdi) */
	EXPECT(s.high_byte);
	EXPECT_EQ(decode_st("40 88 27", &s), 0);		/* mov %spl,(%rdi) */
	EXPECT(!s.high_byte);
	EXPECT_EQ(decode_st("c6 07 cc", &s), 0);		/* movb $0xcc,(%rdi) */
	EXPECT_EQ(s.op, VSM_STORE_MOV_IMM);
	EXPECT_EQ(s.imm, 0xcc);
	EXPECT_EQ(s.len, 3);
	EXPECT_EQ(decode_st("48 c7 07 ff ff ff ff", &s), 0);	/* movq $-1,(%rdi) */
	EXPECT_EQ(s.imm, ~0ULL);
	EXPECT_EQ(s.size, 8);
	EXPECT_EQ(decode_st("66 c7 47 08 34 12", &s), 0);	/* movw $0x1234,8(%rdi) */
	EXPECT_EQ(s.imm, 0x1234);
	EXPECT_EQ(s.len, 6);
}

TEST(decode_store_movs_and_refusals)
{
	struct vsm_store_insn s;

	EXPECT_EQ(decode_st("f3 a4", &s), 0);
	EXPECT_EQ(s.op, VSM_STORE_MOVS);
	EXPECT(s.rep);
	EXPECT_EQ(s.size, 1);
	EXPECT_EQ(decode_st("f3 48 a5", &s), 0);
	EXPECT_EQ(s.size, 8);
	EXPECT_EQ(s.len, 3);
	EXPECT_EQ(decode_st("a5", &s), 0);
	EXPECT(!s.rep);
	EXPECT_EQ(s.size, 4);
	EXPECT_EQ(decode_st("f0 89 0f", &s), -EINVAL);	/* LOCK */
	EXPECT_EQ(decode_st("89 c8", &s), -EINVAL);	/* to a register */
	EXPECT_EQ(decode_st("c6 0f 01", &s), -EINVAL);	/* C6 /1 */
	EXPECT_EQ(decode_st("87 0f", &s), -EINVAL);	/* XCHG */
	EXPECT_EQ(decode_st("f3 89 0f", &s), -EINVAL);	/* REP MOV */
	EXPECT_EQ(decode_st("c7 07 01 02", &s), -EINVAL);	/* cut immediate */
	EXPECT_EQ(decode_st("89", &s), -EINVAL);
}

static int decode_wr(const char *hex_bytes, struct vsm_write_insn *w)
{
	u8 b[VSM_INSN_MAX];

	return vsm_decode_write(b, hex(hex_bytes, b), w);
}

TEST(decode_write_lengths)
{
	static const struct {
		const char *bytes;
		u32 len;
	} ok[] = {
		{ "88 07", 2 },				/* mov %al,(%rdi) */
		{ "48 89 4c 24 08", 5 },		/* mov %rcx,0x8(%rsp) */
		{ "c6 05 10 00 00 00 01", 7 },		/* movb $1,0x10(%rip) */
		{ "48 c7 07 ff ff ff ff", 7 },		/* movq $-1,(%rdi) */
		{ "66 c7 47 08 34 12", 6 },		/* movw $0x1234,8(%rdi) */
		{ "f0 48 ff 07", 4 },			/* lock incq (%rdi) */
		{ "f0 48 0f c1 07", 5 },		/* lock xadd %rax,(%rdi) */
		{ "f0 48 0f b1 0f", 5 },		/* lock cmpxchg %rcx,(%rdi) */
		{ "48 87 07", 3 },			/* xchg %rax,(%rdi) */
		{ "f0 48 0f ab 07", 5 },		/* lock bts %rax,(%rdi) */
		{ "f0 48 0f ba 2f 03", 6 },		/* lock btsq $3,(%rdi) */
		{ "48 83 0f 70", 4 },			/* orq $0x70,(%rdi) */
		{ "48 81 87 00 01 00 00 00 10 00 00", 11 },	/* addq $0x1000,0x100(%rdi) */
		{ "66 81 07 34 12", 5 },		/* addw $0x1234,(%rdi) */
		{ "48 f7 17", 3 },			/* notq (%rdi) */
		{ "48 d1 27", 3 },			/* shlq (%rdi) */
		{ "48 c1 27 04", 4 },			/* shlq $4,(%rdi) */
		{ "48 0f c3 07", 4 },			/* movnti %rax,(%rdi) */
		{ "0f 11 07", 3 },			/* movups %xmm0,(%rdi) */
		{ "f3 0f 7f 07", 4 },			/* movdqu %xmm0,(%rdi) */
		{ "0f 94 07", 3 },			/* sete (%rdi) */
		{ "f0 48 0f c7 0f", 5 },		/* lock cmpxchg16b (%rdi) */
		{ "8f 07", 2 },				/* pop (%rdi) */
		{ "65 48 89 04 25 28 00 00 00", 9 },	/* mov %rax,%gs:0x28 */
		{ "48 89 84 c8 00 10 00 00", 8 },	/* mov %rax,0x1000(%rax,%rcx,8) */
	};
	static const char *const refused[] = {
		"48 39 07",		/* cmp: only reads */
		"48 83 3f 00",		/* cmpq $0: only reads */
		"48 8b 07",		/* a load */
		"48 89 c7",		/* to a register */
		"ff 17",		/* call *(%rdi) */
		"ff 37",		/* push (%rdi): reads it */
		"f6 07 01",		/* test: only reads */
		"0f ba 27 03",		/* bt: only reads */
		"c5 fa 7f 07",		/* VEX vmovdqu: not decoded */
		"48 c7 07 ff ff",	/* cut immediate */
		"48 89 84 c8 00 10",	/* cut displacement */
		"0f",
		"",
	};
	struct vsm_write_insn w;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(ok); i++) {
		EXPECT_EQ(decode_wr(ok[i].bytes, &w), 0);
		EXPECT_EQ(w.len, ok[i].len);
		EXPECT(!w.string);
	}
	for (i = 0; i < ARRAY_SIZE(refused); i++)
		EXPECT_EQ(decode_wr(refused[i], &w), -EINVAL);
}

TEST(decode_write_strings)
{
	struct vsm_write_insn w;

	EXPECT_EQ(decode_wr("f3 aa", &w), 0);		/* rep stosb */
	EXPECT(w.string && w.rep && !w.movs);
	EXPECT_EQ(w.size, 1);
	EXPECT_EQ(w.len, 2);
	EXPECT_EQ(decode_wr("f3 48 ab", &w), 0);	/* rep stosq */
	EXPECT_EQ(w.size, 8);
	EXPECT_EQ(w.len, 3);
	EXPECT_EQ(decode_wr("66 ab", &w), 0);		/* stosw */
	EXPECT(!w.rep);
	EXPECT_EQ(w.size, 2);
	EXPECT_EQ(decode_wr("f3 a4", &w), 0);		/* rep movsb */
	EXPECT(w.movs && w.rep);
	EXPECT_EQ(decode_wr("f2 a5", &w), 0);		/* repne movsd: repeats too */
	EXPECT(w.rep);
	EXPECT_EQ(w.size, 4);
	EXPECT_EQ(decode_wr("67 f3 aa", &w), -EINVAL);	/* 32-bit addresses */
}
