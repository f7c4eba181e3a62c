// SPDX-License-Identifier: LGPL-2.1-or-later
/*
 * libvsm - a small C library over the /dev/vsm ioctl interface.
 *
 * Functions return 0 or a negative errno value; they never print.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/ioctl.h>

#include "libvsm.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

static const struct vsm_cap_name cap_names[] = {
	{ VSM_CAP_SVM, "svm" },
	{ VSM_CAP_NPT, "npt" },
	{ VSM_CAP_NPT_1G, "npt_1g" },
	{ VSM_CAP_NRIP_SAVE, "nrip_save" },
	{ VSM_CAP_DECODE_ASSISTS, "decode_assists" },
	{ VSM_CAP_VMCB_CLEAN, "vmcb_clean" },
	{ VSM_CAP_FLUSH_BY_ASID, "flush_by_asid" },
	{ VSM_CAP_VGIF, "vgif" },
	{ VSM_CAP_GMET, "gmet" },
	{ VSM_CAP_VMX, "vmx" },
	{ VSM_CAP_VMX_TRUE_CTLS, "vmx_true_ctls" },
	{ VSM_CAP_EPT, "ept" },
	{ VSM_CAP_EPT_2M, "ept_2m" },
	{ VSM_CAP_EPT_1G, "ept_1g" },
	{ VSM_CAP_UNRESTRICTED_GUEST, "unrestricted_guest" },
	{ VSM_CAP_VPID, "vpid" },
	{ VSM_CAP_MBEC, "mbec" },
	{ VSM_CAP_PAGE_1G, "page_1g" },
	{ VSM_CAP_NX, "nx" },
	{ VSM_CAP_RDRAND, "rdrand" },
	{ VSM_CAP_RDSEED, "rdseed" },
	{ VSM_CAP_AESNI, "aesni" },
	{ VSM_CAP_PCLMULQDQ, "pclmulqdq" },
	{ VSM_CAP_HYPERVISOR, "hypervisor" },
};

/**
 * vsm_open() - open the vsm device
 * @path: device path, or NULL for VSM_DEVICE_PATH
 *
 * Return: a file descriptor, or a negative errno.
 */
int vsm_open(const char *path)
{
	int fd = open(path ? path : VSM_DEVICE_PATH, O_RDWR | O_CLOEXEC);

	return fd < 0 ? -errno : fd;
}

/**
 * vsm_get_info() - VSM_IOC_GET_INFO
 * @fd: open vsm device
 * @info: filled in on success
 *
 * Return: 0 or a negative errno.
 */
int vsm_get_info(int fd, struct vsm_info *info)
{
	memset(info, 0, sizeof(*info));
	info->hdr.size = sizeof(*info);
	return ioctl(fd, VSM_IOC_GET_INFO, info) ? -errno : 0;
}

const char *vsm_state_name(uint32_t state)
{
	switch (state) {
	case VSM_STATE_LOADED:
		return "loaded";
	case VSM_STATE_PROTECTED:
		return "protected";
	case VSM_STATE_LOCKED:
		return "locked";
	default:
		return "unknown";
	}
}

const char *vsm_vendor_name(uint32_t vendor)
{
	switch (vendor) {
	case VSM_VENDOR_AMD:
		return "amd";
	case VSM_VENDOR_INTEL:
		return "intel";
	default:
		return "unknown";
	}
}

/**
 * vsm_cap_names() - the table of capability names, in display order
 * @count: set to the number of entries
 *
 * Return: the table.
 */
const struct vsm_cap_name *vsm_cap_names(size_t *count)
{
	*count = ARRAY_LEN(cap_names);
	return cap_names;
}
