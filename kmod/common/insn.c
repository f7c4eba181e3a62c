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
