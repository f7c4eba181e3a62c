// SPDX-License-Identifier: GPL-2.0
/*
 * The reset paths the hypervisor sees (a host triple fault, the reset
 * control register at 0xCF9, the keyboard controller's reset command):
 * secure memory is wiped before the machine resets, so nothing of it
 * survives into the next boot (RAM keeps its contents across a warm
 * reset).
 */
#include "../include/sw.h"
#include "../include/x86.h"

/* Linker script: the image's writable data and bss. */
extern char __rodata_end[], __mem_end[];

/**
 * sw_wipe_secrets() - erase everything the secure world keeps
 *
 * The decoy page, then all of the image's data and bss: the audit log, the
 * boot parameters, the secret marker, and later key material.  Code,
 * read-only data, page tables and this CPU's stack stay: the CPU is still
 * running on them until the reset.  Nothing after this may use data.
 */
void sw_wipe_secrets(void)
{
	char *data = __rodata_end;

	memset(sw_va(vsm_boot.decoy_pa), 0, VSM_PAGE_SIZE);
	memset(data, 0, __mem_end - data);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
}

/**
 * sw_reset_machine() - wipe, then perform the reset the host asked for
 * @c: this CPU
 * @how: what the host did, for the console
 * @port: the reset port
 * @value: the value that resets
 */
void __noreturn sw_reset_machine(struct vsm_sw_cpu *c, const char *how,
				 u16 port, u8 value)
{
	sw_wipe_secrets();
	sw_puts("\nvsm: ");
	sw_puts(how);
	sw_puts(": secure memory wiped, resetting\n");
	sw_outb(port, value);
	cpu_halt_forever();
}
