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

/**
 * sw_wipe_secrets() - erase everything the secure world keeps for the host
 *
 * Today that is the audit log and the decoy page; key material joins it
 * when the key store lands.  Code, page tables and stacks stay: the CPU is
 * still running on them until the reset.
 */
void sw_wipe_secrets(void)
{
	sw_audit_wipe();
	memset(sw_va(vsm_boot.decoy_pa), 0, VSM_PAGE_SIZE);
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
