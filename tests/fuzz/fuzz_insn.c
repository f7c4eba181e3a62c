// SPDX-License-Identifier: GPL-2.0
/*
 * Fuzz the guest page walk and the instruction decoders with hostile guest
 * memory: the first 64 KiB of "guest RAM" come from the input, CR3 and RIP
 * too.  Nothing may read outside guest RAM, and a decoded length is always
 * within the architectural limit.
 */
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/insn.h"

#define RAM (64 * 1024)

static u8 ram[RAM];

static int read_ram(void *ctx, u64 gpa, void *buf, u32 len)
{
	if (gpa >= RAM || len > RAM - gpa)
		return -EFAULT;
	memcpy(buf, ram + gpa, len);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 cpuid[] = { 0x0f, 0xa2 };
	const struct vsm_guest_mem mem = { .read = read_ram };
	u64 cr3, rip;
	u8 bytes[VSM_INSN_MAX];
	struct vsm_sys_insn sys;
	struct vsm_store_insn st;
	struct vsm_write_insn wr;
	int len;

	if (size < 16)
		return 0;
	memcpy(&cr3, data, 8);
	memcpy(&rip, data + 8, 8);
	memset(ram, 0, sizeof(ram));
	memcpy(ram, data + 16, size - 16 < RAM ? size - 16 : RAM);
	if (vsm_guest_fetch(&mem, cr3 % RAM, rip, bytes, sizeof(bytes)))
		memcpy(bytes, data, size < sizeof(bytes) ? size : sizeof(bytes));
	len = vsm_insn_length(bytes, sizeof(bytes), cpuid, sizeof(cpuid));
	if (len > VSM_INSN_MAX)
		abort();
	len = vsm_io_insn_length(bytes, data[0] % 16, data[1] & 1);
	if (len > VSM_INSN_MAX || (len > 0 && len > data[0] % 16))
		abort();
	/* The decoder never reads or claims past what it was given. */
	if (!vsm_decode_sys_insn(bytes, data[2] % 16, &sys) &&
	    (sys.len == 0 || sys.len > data[2] % 16 || sys.reg >= 16 ||
	     sys.mem.base >= 16 || sys.mem.index >= 16 ||
	     (sys.op == VSM_SYS_MOV_TO_CR && sys.reg < 0)))
		abort();
	if (!vsm_decode_store(bytes, data[3] % 16, &st) &&
	    (st.len == 0 || st.len > data[3] % 16 || st.reg >= 16 ||
	     st.mem.base >= 16 || st.mem.index >= 16 ||
	     (st.size != 1 && st.size != 2 && st.size != 4 && st.size != 8)))
		abort();
	/* Nor does the decoder of writes to drop; a string's element fits. */
	if (!vsm_decode_write(bytes, data[4] % 16, &wr) &&
	    (wr.len == 0 || wr.len > data[4] % 16 ||
	     (wr.string && wr.size != 1 && wr.size != 2 && wr.size != 4 && wr.size != 8)))
		abort();
	return 0;
}
