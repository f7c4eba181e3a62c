// SPDX-License-Identifier: GPL-2.0
/*
 * Vendor-neutral part of the capability report: vendor, address width and
 * the x86 feature bits the secure world will rely on.  The SVM and VMX
 * details are decoded in svm/caps.c and vmx/caps.c.
 */
#include "caps.h"

/* CPUID 0 vendor strings, as the EBX, EDX, ECX words the CPU returns. */
#define VENDOR_WORD(a, b, c, d) \
	((u32)(a) | (u32)(b) << 8 | (u32)(c) << 16 | (u32)(d) << 24)

#define LEAF1_ECX_PCLMULQDQ	VSM_BIT(1)
#define LEAF1_ECX_VMX		VSM_BIT(5)
#define LEAF1_ECX_AES		VSM_BIT(25)
#define LEAF1_ECX_RDRAND	VSM_BIT(30)
#define LEAF1_ECX_HYPERVISOR	VSM_BIT(31)
#define LEAF7_EBX_RDSEED	VSM_BIT(18)
#define EXT1_EDX_NX		VSM_BIT(20)
#define EXT1_EDX_PAGE1GB	VSM_BIT(26)

/* Architectural default when CPUID 0x80000008 is missing. */
#define DEFAULT_PHYS_ADDR_BITS	36

static bool vendor_is(const struct vsm_cpuid_regs *leaf0, const char *s)
{
	return leaf0->ebx == VENDOR_WORD(s[0], s[1], s[2], s[3]) &&
	       leaf0->edx == VENDOR_WORD(s[4], s[5], s[6], s[7]) &&
	       leaf0->ecx == VENDOR_WORD(s[8], s[9], s[10], s[11]);
}

/**
 * vsm_decode_vendor() - tell the virtualization vendor from CPUID leaf 0
 * @leaf0: CPUID leaf 0 registers
 *
 * Hygon CPUs implement AMD's SVM and are reported as AMD.
 *
 * Return: the enum vsm_vendor value.
 */
enum vsm_vendor vsm_decode_vendor(const struct vsm_cpuid_regs *leaf0)
{
	if (vendor_is(leaf0, "AuthenticAMD") || vendor_is(leaf0, "HygonGenuine"))
		return VSM_VENDOR_AMD;
	if (vendor_is(leaf0, "GenuineIntel"))
		return VSM_VENDOR_INTEL;
	return VSM_VENDOR_UNKNOWN;
}

static u64 decode_x86_features(const struct vsm_cpu_raw *raw)
{
	u32 ecx1 = raw->leaf1.ecx;
	u64 caps = 0;

	if (ecx1 & LEAF1_ECX_PCLMULQDQ)
		caps |= VSM_CAP_PCLMULQDQ;
	if (ecx1 & LEAF1_ECX_AES)
		caps |= VSM_CAP_AESNI;
	if (ecx1 & LEAF1_ECX_RDRAND)
		caps |= VSM_CAP_RDRAND;
	if (ecx1 & LEAF1_ECX_HYPERVISOR)
		caps |= VSM_CAP_HYPERVISOR;
	if (raw->leaf0.eax >= 7 && (raw->leaf7.ebx & LEAF7_EBX_RDSEED))
		caps |= VSM_CAP_RDSEED;
	if (raw->ext0.eax >= VSM_CPUID_EXT_BASE + 1) {
		if (raw->ext1.edx & EXT1_EDX_NX)
			caps |= VSM_CAP_NX;
		if (raw->ext1.edx & EXT1_EDX_PAGE1GB)
			caps |= VSM_CAP_PAGE_1G;
	}
	return caps;
}

/**
 * vsm_decode_caps() - fill the capability fields of a struct vsm_info
 * @raw: CPUID leaves and MSR values of the boot CPU
 * @info: the report; vendor, phys_addr_bits, caps, fw_locks and the
 *	vendor revision fields are overwritten, nothing else is touched
 */
void vsm_decode_caps(const struct vsm_cpu_raw *raw, struct vsm_info *info)
{
	info->vendor = vsm_decode_vendor(&raw->leaf0);
	info->caps = decode_x86_features(raw);
	info->fw_locks = 0;
	info->svm_revision = 0;
	info->svm_nr_asids = 0;
	info->vmcs_revision = 0;

	if (raw->ext0.eax >= VSM_CPUID_EXT_ADDR && (raw->ext8.eax & 0xff))
		info->phys_addr_bits = raw->ext8.eax & 0xff;
	else
		info->phys_addr_bits = DEFAULT_PHYS_ADDR_BITS;

	if (info->vendor == VSM_VENDOR_AMD)
		vsm_svm_decode_caps(raw, info);
	else if (info->vendor == VSM_VENDOR_INTEL)
		vsm_vmx_decode_caps(raw, info);
}
