// SPDX-License-Identifier: GPL-2.0
/*
 * The one-way lock: once set, nothing the host asks can turn it off until
 * the machine resets.
 */
#include "../include/sw.h"

static bool sw_lock_state;

bool sw_locked(void)
{
	return __atomic_load_n(&sw_lock_state, __ATOMIC_ACQUIRE);
}

/**
 * sw_lock() - lock, once; later calls change nothing
 * @c: the calling CPU
 *
 * Return: 0.
 */
s64 sw_lock(struct vsm_sw_cpu *c)
{
	bool expected = false;

	if (__atomic_compare_exchange_n(&sw_lock_state, &expected, true, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		u64 text = 0;

		if (vsm_boot.pin_at_lock) {
			/* Approved code first: static calls may point into it. */
			sw_exec_baseline(c);
			text = sw_text_lock(c);
			sw_modules_lock(c);
			/*
			 * After the ownership table changed: this drops every
			 * shadow nested table, and one built before the change
			 * could still map kernel text writable.
			 */
			arch_lock_intercepts();
		}
		/* Devices follow the new table too (core/amdvi.c). */
		sw_amdvi_lock(c);
		/* arg 0: bytes of kernel image write-protected; arg 1: jump labels */
		sw_audit(c, VSM_AEV_LOCKED, text, sw_text_sites(), 0);
	}
	return 0;
}
