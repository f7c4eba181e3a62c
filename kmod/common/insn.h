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
bool vsm_io_resets_machine(u16 port, u32 value, u32 size);

#define VSM_PORT_KBC_CMD	0x64
#define VSM_PORT_RESET_CTRL	0xcf9

#endif /* VSM_COMMON_INSN_H */
