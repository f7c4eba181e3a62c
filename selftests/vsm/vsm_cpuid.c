// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_cpuid - does each online CPU run under vsm?  Asks CPUID leaf
 * 0x40000f00 on every CPU and prints one line per CPU.
 *
 * Usage: vsm_cpuid [present|absent|vmx-hidden]
 * With an argument, exits 0 only if every CPU matches it (vmx-hidden: the
 * signature leaf answers and CPUID.1:ECX.VMX reads 0).
 */
#define _GNU_SOURCE
#include <cpuid.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static int cpu_has_vsm(int cpu)
{
	unsigned int a, b, c, d;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		return -1;
	__cpuid(0x40000f00, a, b, c, d);
	return a == 0x40000f01 && !memcmp(&b, "VSMV", 4) &&
	       !memcmp(&c, "SMVS", 4) && !memcmp(&d, "MVSM", 4);
}

/* CPUID.1:ECX bit 5 on the CPU this runs on. */
static int cpu_shows_vmx(void)
{
	unsigned int a, b, c, d;

	__cpuid(1, a, b, c, d);
	return !!(c & (1U << 5));
}

int main(int argc, char **argv)
{
	long n = sysconf(_SC_NPROCESSORS_CONF);
	int want = -1, bad = 0, cpu, has, vmx_hidden = 0;

	if (argc > 1 && !strcmp(argv[1], "vmx-hidden"))
		vmx_hidden = 1;
	if (argc > 1)
		want = vmx_hidden || !strcmp(argv[1], "present");
	for (cpu = 0; cpu < n; cpu++) {
		has = cpu_has_vsm(cpu);
		if (has < 0)
			continue;	/* offline */
		printf("cpu %d: %s%s\n", cpu, has ? "vsm" : "no hypervisor signature",
		       cpu_shows_vmx() ? ", vmx" : "");
		if (want >= 0 && has != want)
			bad++;
		if (vmx_hidden && cpu_shows_vmx())
			bad++;
	}
	return bad ? 1 : 0;
}
