// SPDX-License-Identifier: GPL-2.0
/*
 * DMA protection: what keeps devices' DMA away from the secure region.
 *
 * Today vsm takes no IOMMU (Documentation/dma.rst), so it only finds out
 * and says so: no IOMMU in ACPI (IVRS for AMD-Vi, DMAR for VT-d), an
 * IOMMU the host's driver has enabled, or one nobody enabled.  The answer
 * is logged once at load, reported by VSM_IOC_GET_INFO (vsm_info.dma) and
 * with dma=require makes the load refuse unless DMA is protected.
 */
#include <linux/acpi.h>
#include <linux/io.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/string.h>

#include "vsm.h"

static char *dma = "report";
module_param(dma, charp, 0444);
MODULE_PARM_DESC(dma, "report (default): say whether DMA is protected; require: refuse to load unless it is");

static u32 dma_state = VSM_DMA_NOT_REPORTED;
static bool require;
/* The one AMD-Vi unit nobody enabled, for the secure world to take. */
static u64 amdvi_base;

#define AMD_IOMMU_CONTROL	0x18	/* MMIO control register */
#define AMD_IOMMU_EN		BIT(0)
#define VTD_GSTS		0x1c	/* global status register */
#define VTD_GSTS_TES		BIT(31)	/* translation enabled */

/* Is the register at @off of the unit at @base showing @bit? */
static bool reg_has(u64 base, unsigned int off, u32 bit)
{
	void __iomem *regs = ioremap(base, PAGE_SIZE);
	bool on;

	if (!regs)
		return true;	/* cannot tell: do not call it idle */
	on = readl(regs + off) & bit;
	iounmap(regs);
	return on;
}

/*
 * The IOMMUs of IVRS (AMD-Vi) or DMAR (VT-d): the number of units, and in
 * *@enabled those whose translation is on.
 */
static unsigned int amd_units(const struct acpi_table_header *t, unsigned int *enabled)
{
	const u8 *p = (const u8 *)t + sizeof(struct acpi_table_ivrs);
	const u8 *end = (const u8 *)t + t->length;
	const struct acpi_ivrs_hardware_10 *h;
	unsigned int n = 0;
	bool several = false;

	for (; p + sizeof(struct acpi_ivrs_header) <= end; p += h->header.length) {
		h = (const void *)p;
		if (h->header.length < sizeof(struct acpi_ivrs_header) ||
		    p + h->header.length > end)
			break;
		/* IVHD types 0x10, 0x11, 0x40 all start with the base. */
		if (h->header.type != 0x10 && h->header.type != 0x11 &&
		    h->header.type != 0x40)
			continue;
		if (h->header.length < sizeof(*h))
			break;
		n++;
		pr_info("dma: AMD-Vi IOMMU at %#llx (device %04x, segment %u)\n",
			h->base_address, h->header.device_id, h->pci_segment_group);
		if (reg_has(h->base_address, AMD_IOMMU_CONTROL, AMD_IOMMU_EN))
			(*enabled)++;
		/*
		 * One unit may be described by several IVHD types (0x10 and
		 * 0x11 or 0x40): a second base address is a second unit.
		 */
		if (n == 1 && !h->pci_segment_group)
			amdvi_base = h->base_address;
		else if (h->base_address != amdvi_base || h->pci_segment_group)
			several = true;
	}
	if (several)
		amdvi_base = 0;
	return n;
}

static unsigned int vtd_units(const struct acpi_table_header *t, unsigned int *enabled)
{
	const u8 *p = (const u8 *)t + sizeof(struct acpi_table_dmar);
	const u8 *end = (const u8 *)t + t->length;
	const struct acpi_dmar_hardware_unit *h;
	unsigned int n = 0;

	for (; p + sizeof(struct acpi_dmar_header) <= end; p += h->header.length) {
		h = (const void *)p;
		if (h->header.length < sizeof(struct acpi_dmar_header) ||
		    p + h->header.length > end)
			break;
		if (h->header.type != ACPI_DMAR_TYPE_HARDWARE_UNIT)
			continue;
		if (h->header.length < sizeof(*h))
			break;
		n++;
		pr_info("dma: VT-d unit at %#llx (segment %u)\n", h->address, h->segment);
		if (reg_has(h->address, VTD_GSTS, VTD_GSTS_TES))
			(*enabled)++;
	}
	return n;
}

static u32 probe(u32 vendor)
{
	struct acpi_table_header *t;
	unsigned int n = 0, enabled = 0;
	bool amd = vendor == VSM_VENDOR_AMD;

	if (acpi_disabled ||
	    ACPI_FAILURE(acpi_get_table(amd ? ACPI_SIG_IVRS : ACPI_SIG_DMAR, 0, &t)))
		return VSM_DMA_NO_IOMMU;
	n = amd ? amd_units(t, &enabled) : vtd_units(t, &enabled);
	acpi_put_table(t);
	/* One unit, off, on segment 0: the secure world can own it. */
	if (enabled)
		amdvi_base = 0;
	if (!n)
		return VSM_DMA_NO_IOMMU;
	return enabled ? VSM_DMA_HOST_IOMMU : VSM_DMA_IOMMU_IDLE;
}

/**
 * vsm_dma_state_name() - the words vsmctl and the kernel log use
 * @state: VSM_DMA_*
 *
 * Return: a constant string.
 */
const char *vsm_dma_state_name(u32 state)
{
	switch (state) {
	case VSM_DMA_PROTECTED:
		return "protected";
	case VSM_DMA_NO_IOMMU:
		return "absent: no IOMMU";
	case VSM_DMA_HOST_IOMMU:
		return "absent: host drives the IOMMU";
	case VSM_DMA_IOMMU_IDLE:
		return "absent: IOMMU off, not taken by vsm";
	default:
		return "not reported";
	}
}

/**
 * vsm_dma_init() - find out whether DMA can reach the secure region
 * @vendor: VSM_VENDOR_* of the boot CPU
 *
 * Finds the IOMMUs; vsm_dma_report() says the answer once the hypervisor
 * runs (and has perhaps taken an IOMMU the host left off).
 *
 * Return: 0, -EINVAL (bad dma=).
 */
int vsm_dma_init(u32 vendor)
{
	require = !strcmp(dma, "require");
	if (!require && strcmp(dma, "report")) {
		pr_err("dma=%s: use report or require\n", dma);
		return -EINVAL;
	}
	dma_state = probe(vendor);
	return 0;
}

/**
 * vsm_dma_amdvi_base() - the AMD-Vi unit the secure world may take
 *
 * Return: its register base, or 0 when there is none to take (no IVRS, a
 * unit the host enabled, several units).
 */
u64 vsm_dma_amdvi_base(void)
{
	return amdvi_base;
}

/**
 * vsm_dma_taken() - the secure world answered VSM_DMA_OP_TAKE
 * @ret: its result
 */
void vsm_dma_taken(long ret)
{
	if (!ret) {
		dma_state = VSM_DMA_PROTECTED;
		return;
	}
	pr_warn("dma: the secure world did not take the AMD-Vi IOMMU at %#llx (%ld)\n",
		amdvi_base, ret);
}

/**
 * vsm_dma_released() - the secure world gave the IOMMU back (unload)
 * @ret: its result: 0, or -EIO when a register did not read back
 */
void vsm_dma_released(long ret)
{
	if (dma_state != VSM_DMA_PROTECTED)
		return;
	dma_state = VSM_DMA_IOMMU_IDLE;
	if (ret)
		pr_err("dma: the AMD-Vi IOMMU at %#llx is not as the host left it (%ld)\n",
		       amdvi_base, ret);
	else
		pr_info("dma: the AMD-Vi IOMMU at %#llx is back as the host left it (off)\n",
			amdvi_base);
}

/**
 * vsm_dma_report() - say once, after the launch, whether DMA is protected
 *
 * Return: 0, or -ENODEV with dma=require where it is not.
 */
int vsm_dma_report(void)
{
	if (dma_state == VSM_DMA_PROTECTED) {
		pr_info("dma: protected: the secure world owns the AMD-Vi IOMMU at %#llx\n",
			amdvi_base);
		return 0;
	}
	pr_warn("dma: %s: devices' DMA can reach the secure region (Documentation/dma.rst)\n",
		vsm_dma_state_name(dma_state));
	if (require) {
		pr_err("dma=require: refusing to load, DMA is not protected on this host\n");
		return -ENODEV;
	}
	return 0;
}

/**
 * vsm_dma_state() - the answer of vsm_dma_init()
 *
 * Return: VSM_DMA_*.
 */
u32 vsm_dma_state(void)
{
	return dma_state;
}
