// SPDX-License-Identifier: GPL-2.0
/*
 * Exit storms: an exit that repeats for ever at one place (an event the
 * CPU keeps pending, an access that keeps faulting) shows up as a host
 * that hangs on a busy CPU, with nothing in its log.  Both vendors feed
 * every exit here; 2^20 in a row with one reason at one guest RIP are
 * reported on COM1 once per storm (Linux owns the port, but a CPU stuck
 * like this is the case console.c exists for).  A guest's tight loop of
 * CPUIDs is reported too: harmless.
 */
#include "../include/sw.h"

#define STORM_REPORT	(1U << 20)

/**
 * sw_exit_storm() - count this exit against the last one
 * @c: this CPU
 * @reason: the vendor's exit reason (VMX) or exit code (SVM)
 * @rip: the guest RIP it happened at
 *
 * Return: true once per storm, when the caller should report it with
 * sw_report_storm() (only then is anything beyond @reason and @rip read).
 */
bool sw_exit_storm(struct vsm_sw_cpu *c, u64 reason, u64 rip)
{
	if (rip != c->storm_rip || (u32)reason != c->storm_reason) {
		c->storm_rip = rip;
		c->storm_reason = (u32)reason;
		c->storm_count = 0;
		return false;
	}
	return ++c->storm_count == STORM_REPORT;
}

/**
 * sw_report_storm() - say on COM1 that one exit keeps repeating
 * @c: this CPU
 * @reason: see sw_exit_storm()
 * @rip: see sw_exit_storm()
 * @info: three vendor words worth printing (qualification, address, the
 *	event being delivered)
 */
void sw_report_storm(struct vsm_sw_cpu *c, u64 reason, u64 rip, const u64 info[3])
{
	int i;

	sw_puts("\nvsm: cpu ");
	sw_put_hex(c->cpu);
	sw_puts(": 2^20 exits in a row, reason ");
	sw_put_hex(reason);
	sw_puts(" at guest rip ");
	sw_put_hex(rip);
	sw_puts(", info");
	for (i = 0; i < 3; i++) {
		sw_puts(" ");
		sw_put_hex(info[i]);
	}
	sw_puts("\n");
}
