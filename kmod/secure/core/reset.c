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


static bool sw_seal_state;

bool sw_sealed(void)
{
	return __atomic_load_n(&sw_seal_state, __ATOMIC_ACQUIRE);
}

/**
 * sw_seal() - wipe every secret, keep protecting; one way until reset
 * @c: the calling CPU
 *
 * For a restart the hypervisor may not see through to the end, such as
 * kexec: the driver calls it from the reboot notifier of a locked host.
 * Only the secrets go (the .secret sections: the marker, the key store): the
 * hypervisor, its page tables and the audit log keep working, and the host
 * still cannot reach the region.  Any state may ask; at worst it is a
 * denial of service, which root has anyway.  A later call changes nothing.
 *
 * Return: 0.
 */
s64 sw_seal(struct vsm_sw_cpu *c)
{
	bool expected = false;

	if (!__atomic_compare_exchange_n(&sw_seal_state, &expected, true, false,
					 __ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		return 0;
	sw_keys_seal();
	memset(__secret_start, 0, __secret_end - __secret_start);
	memset(__secret_bss_start, 0, __secret_bss_end - __secret_bss_start);
	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	sw_audit(c, VSM_AEV_SECRETS_WIPED, (__secret_end - __secret_start) +
		 (__secret_bss_end - __secret_bss_start), 0, 0);
	return 0;
}

/**
 * sw_wipe_secrets() - erase everything the secure world keeps
 *
 * The decoy page and the guests' sink, then all of the image's data and bss: the audit log, the
 * boot parameters, the secret marker, and later key material.  Code,
 * read-only data, page tables and this CPU's stack stay: the CPU is still
 * running on them until the reset.  Nothing after this may use data.
 */
void sw_wipe_secrets(void)
{
	char *data = __rodata_end;

	memset(sw_va(vsm_boot.decoy_pa), 0, VSM_PAGE_SIZE);
	memset(sw_va(vsm_boot.l2_sink_pa), 0, VSM_PAGE_SIZE);
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
