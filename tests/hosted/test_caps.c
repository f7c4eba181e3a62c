// SPDX-License-Identifier: GPL-2.0
/*
 * Capability decoding: vendor detection, SVM and VMX features, firmware
 * locks, and CPUs that lack the leaves or MSRs.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/caps.h"

#define W(a, b, c, d) ((u32)(a) | (u32)(b) << 8 | (u32)(c) << 16 | (u32)(d) << 24)

static void set_vendor(struct vsm_cpu_raw *raw, const char *s)
{
	raw->leaf0.eax = 0xd;
	raw->leaf0.ebx = W(s[0], s[1], s[2], s[3]);
	raw->leaf0.edx = W(s[4], s[5], s[6], s[7]);
	raw->leaf0.ecx = W(s[8], s[9], s[10], s[11]);
}

static void msr(struct vsm_msr_val *m, u64 val)
{
	m->ok = true;
	m->val = val;
}

/* An AMD EPYC as QEMU TCG shows it with -cpu EPYC,+svm,+npt. */
static struct vsm_cpu_raw amd_epyc_tcg(void)
{
	struct vsm_cpu_raw raw;

	memset(&raw, 0, sizeof(raw));
	set_vendor(&raw, "AuthenticAMD");
	raw.leaf1.ecx = (1U << 1) | (1U << 25) | (1U << 30) | (1U << 31);
	raw.ext0.eax = 0x8000001f;
	raw.ext1.ecx = 1U << 2;
	raw.ext1.edx = (1U << 20) | (1U << 26);
	raw.ext8.eax = 0x3028;
	raw.svm.eax = 1;
	raw.svm.ebx = 0x10;
	raw.svm.edx = 1U << 0;
	msr(&raw.vm_cr, 0);
	return raw;
}

/* An Intel Skylake-X as Bochs shows it: VMX with EPT, no MBEC. */
static struct vsm_cpu_raw intel_skylake_x(void)
{
	struct vsm_cpu_raw raw;

	memset(&raw, 0, sizeof(raw));
	set_vendor(&raw, "GenuineIntel");
	raw.leaf1.ecx = (1U << 5) | (1U << 1) | (1U << 25);
	raw.ext0.eax = 0x80000008;
	raw.ext1.edx = (1U << 20) | (1U << 26);
	raw.ext8.eax = 0x3027;
	msr(&raw.feature_control, 0x5);
	msr(&raw.vmx_basic, (1ULL << 55) | 0x12345);
	msr(&raw.vmx_procbased, (1ULL << 63) | 0x0401e172);
	msr(&raw.vmx_true_procbased, (1ULL << 63) | 0x04006172);
	msr(&raw.vmx_procbased2,
	    ((1ULL << 1) | (1ULL << 5) | (1ULL << 7)) << 32);
	msr(&raw.vmx_ept_vpid_cap, (1ULL << 16) | (1ULL << 17));
	return raw;
}

TEST(vendor_strings)
{
	struct vsm_cpuid_regs r;
	struct vsm_cpu_raw raw;

	memset(&raw, 0, sizeof(raw));
	set_vendor(&raw, "AuthenticAMD");
	EXPECT_EQ(vsm_decode_vendor(&raw.leaf0), VSM_VENDOR_AMD);
	set_vendor(&raw, "HygonGenuine");
	EXPECT_EQ(vsm_decode_vendor(&raw.leaf0), VSM_VENDOR_AMD);
	set_vendor(&raw, "GenuineIntel");
	EXPECT_EQ(vsm_decode_vendor(&raw.leaf0), VSM_VENDOR_INTEL);
	set_vendor(&raw, "CentaurHauls");
	EXPECT_EQ(vsm_decode_vendor(&raw.leaf0), VSM_VENDOR_UNKNOWN);
	/* The words must be in EBX, EDX, ECX order. */
	r = raw.leaf0;
	set_vendor(&raw, "GenuineIntel");
	r.ebx = raw.leaf0.ebx;
	r.ecx = raw.leaf0.edx;
	r.edx = raw.leaf0.ecx;
	EXPECT_EQ(vsm_decode_vendor(&r), VSM_VENDOR_UNKNOWN);
}

TEST(amd_epyc_tcg_features)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	memset(&info, 0xa5, sizeof(info));
	vsm_decode_caps(&raw, &info);
	EXPECT_EQ(info.vendor, VSM_VENDOR_AMD);
	EXPECT_EQ(info.phys_addr_bits, 40);
	EXPECT_EQ(info.svm_revision, 1);
	EXPECT_EQ(info.svm_nr_asids, 16);
	EXPECT_EQ(info.vmcs_revision, 0);
	EXPECT_EQ(info.fw_locks, 0);
	EXPECT_EQ(info.caps, VSM_CAP_SVM | VSM_CAP_NPT | VSM_CAP_NPT_1G |
		  VSM_CAP_PAGE_1G | VSM_CAP_NX | VSM_CAP_RDRAND | VSM_CAP_AESNI |
		  VSM_CAP_PCLMULQDQ | VSM_CAP_HYPERVISOR);
}

TEST(amd_all_svm_features)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	raw.svm.edx = 0xffffffff;
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_NRIP_SAVE);
	EXPECT(info.caps & VSM_CAP_DECODE_ASSISTS);
	EXPECT(info.caps & VSM_CAP_VMCB_CLEAN);
	EXPECT(info.caps & VSM_CAP_FLUSH_BY_ASID);
	EXPECT(info.caps & VSM_CAP_GMET);
	EXPECT(!(info.caps & (VSM_CAP_VMX | VSM_CAP_EPT | VSM_CAP_MBEC)));
}

TEST(amd_svm_disabled_by_firmware)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	msr(&raw.vm_cr, 1ULL << 4);
	vsm_decode_caps(&raw, &info);
	EXPECT_EQ(info.fw_locks, VSM_FW_SVM_DISABLED);
	EXPECT(info.caps & VSM_CAP_SVM);
}

TEST(amd_without_svm_reports_no_svm_features)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	raw.ext1.ecx = 0;
	msr(&raw.vm_cr, 1ULL << 4);
	vsm_decode_caps(&raw, &info);
	EXPECT(!(info.caps & (VSM_CAP_SVM | VSM_CAP_NPT | VSM_CAP_VGIF)));
	EXPECT_EQ(info.fw_locks, 0);
	EXPECT_EQ(info.svm_nr_asids, 0);
}

TEST(amd_npt_1g_needs_pdpe1gb)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	raw.ext1.edx &= ~(1U << 26);
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_NPT);
	EXPECT(!(info.caps & (VSM_CAP_NPT_1G | VSM_CAP_PAGE_1G)));
}

TEST(amd_short_extended_range)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	/* Leaves above the maximum must be ignored, whatever they hold. */
	raw.ext0.eax = 0x80000001;
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_SVM);
	EXPECT(!(info.caps & VSM_CAP_NPT));
	EXPECT_EQ(info.phys_addr_bits, 36);
	EXPECT_EQ(info.svm_revision, 0);
}

TEST(intel_skylake_x_features)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	memset(&info, 0xa5, sizeof(info));
	vsm_decode_caps(&raw, &info);
	EXPECT_EQ(info.vendor, VSM_VENDOR_INTEL);
	EXPECT_EQ(info.phys_addr_bits, 39);
	EXPECT_EQ(info.vmcs_revision, 0x12345);
	EXPECT_EQ(info.svm_revision, 0);
	EXPECT_EQ(info.fw_locks, 0);
	EXPECT_EQ(info.caps, VSM_CAP_VMX | VSM_CAP_VMX_TRUE_CTLS | VSM_CAP_EPT |
		  VSM_CAP_EPT_2M | VSM_CAP_EPT_1G | VSM_CAP_VPID |
		  VSM_CAP_UNRESTRICTED_GUEST | VSM_CAP_PAGE_1G | VSM_CAP_NX |
		  VSM_CAP_AESNI | VSM_CAP_PCLMULQDQ);
}

TEST(intel_mbec)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	raw.vmx_procbased2.val |= (1ULL << 22) << 32;
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_MBEC);
	/* A control is only usable if its allowed-1 bit is set. */
	raw.vmx_procbased2.val = (1ULL << 22) | (1ULL << 1);
	vsm_decode_caps(&raw, &info);
	EXPECT(!(info.caps & (VSM_CAP_MBEC | VSM_CAP_EPT)));
}

TEST(intel_secondary_controls_from_true_msr)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	/* With true controls, the true MSR decides about secondary controls. */
	raw.vmx_procbased.val &= ~(1ULL << 63);
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_EPT);
	raw.vmx_true_procbased.val &= ~(1ULL << 63);
	vsm_decode_caps(&raw, &info);
	EXPECT(!(info.caps & (VSM_CAP_EPT | VSM_CAP_VPID | VSM_CAP_EPT_1G)));
	/* Without true controls, the plain MSR decides. */
	raw = intel_skylake_x();
	raw.vmx_basic.val &= ~(1ULL << 55);
	raw.vmx_procbased.val &= ~(1ULL << 63);
	vsm_decode_caps(&raw, &info);
	EXPECT(!(info.caps & (VSM_CAP_EPT | VSM_CAP_VMX_TRUE_CTLS)));
}

TEST(intel_vmx_locked_off_by_firmware)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	raw.feature_control.val = 0x1;
	vsm_decode_caps(&raw, &info);
	EXPECT_EQ(info.fw_locks, VSM_FW_VMX_DISABLED);
	/* Unlocked: the driver may still enable VMX itself. */
	raw.feature_control.val = 0x0;
	vsm_decode_caps(&raw, &info);
	EXPECT_EQ(info.fw_locks, 0);
}

TEST(intel_missing_msrs)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	raw.vmx_procbased2.ok = false;
	raw.vmx_ept_vpid_cap.ok = false;
	raw.feature_control.ok = false;
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_VMX);
	EXPECT(!(info.caps & (VSM_CAP_EPT | VSM_CAP_VPID)));
	EXPECT_EQ(info.fw_locks, 0);
	raw = intel_skylake_x();
	raw.vmx_ept_vpid_cap.ok = false;
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_EPT);
	EXPECT(!(info.caps & (VSM_CAP_EPT_1G | VSM_CAP_EPT_2M)));
}

TEST(intel_without_vmx)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	raw.leaf1.ecx &= ~(1U << 5);
	vsm_decode_caps(&raw, &info);
	EXPECT(!(info.caps & (VSM_CAP_VMX | VSM_CAP_EPT | VSM_CAP_VPID)));
	EXPECT_EQ(info.vmcs_revision, 0);
}

TEST(unknown_vendor_gets_no_virtualization_caps)
{
	struct vsm_cpu_raw raw = intel_skylake_x();
	struct vsm_info info;

	set_vendor(&raw, "CentaurHauls");
	raw.ext1.ecx = 1U << 2;
	vsm_decode_caps(&raw, &info);
	EXPECT_EQ(info.vendor, VSM_VENDOR_UNKNOWN);
	EXPECT(!(info.caps & (VSM_CAP_VMX | VSM_CAP_SVM)));
	EXPECT(info.caps & VSM_CAP_NX);
}

TEST(rdseed_needs_leaf7)
{
	struct vsm_cpu_raw raw = amd_epyc_tcg();
	struct vsm_info info;

	raw.leaf7.ebx = 1U << 18;
	vsm_decode_caps(&raw, &info);
	EXPECT(info.caps & VSM_CAP_RDSEED);
	raw.leaf0.eax = 6;
	vsm_decode_caps(&raw, &info);
	EXPECT(!(info.caps & VSM_CAP_RDSEED));
}
