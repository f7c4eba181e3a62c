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
#include "../../kmod/common/audit.h"

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

/**
 * vsm_get_stats() - VSM_IOC_STATS
 * @fd: open vsm device
 * @stats: filled in on success; stats->nr_cpus is the number of possible
 *	CPUs, of which min(@nr_cpus, stats->nr_cpus) entries were written
 * @cpus: array of @nr_cpus entries, or NULL
 * @nr_cpus: entries in @cpus
 *
 * Return: 0 or a negative errno.
 */
int vsm_get_stats(int fd, struct vsm_stats *stats, struct vsm_cpu_stats *cpus,
		  uint32_t nr_cpus)
{
	memset(stats, 0, sizeof(*stats));
	stats->hdr.size = sizeof(*stats);
	stats->nr_cpus = cpus ? nr_cpus : 0;
	stats->cpus_ptr = (uintptr_t)cpus;
	return ioctl(fd, VSM_IOC_STATS, stats) ? -errno : 0;
}

/**
 * vsm_ping() - VSM_IOC_PING: a round trip through the secure world
 * @fd: open vsm device
 * @value: below 2^63
 * @result: set to @value + 1 as computed by the secure world
 * @cpu: set to the CPU the call ran on (may be NULL)
 *
 * Return: 0 or a negative errno (-ENODEV: the host is not protected).
 */
int vsm_ping(int fd, uint64_t value, uint64_t *result, uint32_t *cpu)
{
	struct vsm_ping p;

	memset(&p, 0, sizeof(p));
	p.hdr.size = sizeof(p);
	p.value = value;
	if (ioctl(fd, VSM_IOC_PING, &p))
		return -errno;
	*result = p.value;
	if (cpu)
		*cpu = p.cpu;
	return 0;
}

/**
 * vsm_exit_class_name() - stable name of a VSM_EXIT_CLASS_* index
 * @cls: the index
 *
 * Return: the name, or NULL past the last class.
 */
const char *vsm_exit_class_name(unsigned int cls)
{
	static const char *const names[] = {
		[VSM_EXIT_CLASS_CPUID] = "cpuid",
		[VSM_EXIT_CLASS_VMMCALL] = "hypercall",
		[VSM_EXIT_CLASS_MSR_READ] = "msr_read",
		[VSM_EXIT_CLASS_MSR_WRITE] = "msr_write",
		[VSM_EXIT_CLASS_VMRUN] = "vmrun",
		[VSM_EXIT_CLASS_NPF] = "npf",
		[VSM_EXIT_CLASS_SHUTDOWN] = "shutdown",
		[VSM_EXIT_CLASS_OTHER] = "other",
		[VSM_EXIT_CLASS_IO] = "io",
		[VSM_EXIT_CLASS_CR_WRITE] = "cr_write",
		[VSM_EXIT_CLASS_DT_WRITE] = "dt_write",
		[VSM_EXIT_CLASS_TLB_FLUSH] = "tlb_flush",
		[VSM_EXIT_CLASS_L2] = "l2",
		[VSM_EXIT_CLASS_L2_REFLECTED] = "l2_reflected",
		[VSM_EXIT_CLASS_L2_NPF] = "l2_npf",
		[VSM_EXIT_CLASS_SNPT_REBUILD] = "snpt_rebuild",
	};

	return cls < ARRAY_LEN(names) ? names[cls] : NULL;
}

/**
 * vsm_lock() - VSM_IOC_LOCK: lock until the next reboot (irreversible)
 * @fd: open vsm device
 *
 * Return: 0 or a negative errno.
 */
int vsm_lock(int fd)
{
	struct vsm_lock l;

	memset(&l, 0, sizeof(l));
	l.hdr.size = sizeof(l);
	return ioctl(fd, VSM_IOC_LOCK, &l) ? -errno : 0;
}

/**
 * vsm_audit_read() - VSM_IOC_AUDIT_READ
 * @fd: open vsm device
 * @cursor: in: first sequence number wanted; out: where to go on
 * @recs: destination array
 * @nr: in: its capacity; out: records read
 * @first_seq: set to the first record's sequence number (may be NULL)
 *
 * Return: 0 or a negative errno.
 */
const char *vsm_dma_name(uint32_t dma)
{
	switch (dma) {
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

int vsm_audit_read(int fd, uint64_t *cursor, struct vsm_audit_record *recs,
		   uint32_t *nr, uint64_t *first_seq)
{
	struct vsm_audit_read r;

	memset(&r, 0, sizeof(r));
	r.hdr.size = sizeof(r);
	r.cursor = *cursor;
	r.nr_records = *nr;
	r.records_ptr = (uintptr_t)recs;
	if (ioctl(fd, VSM_IOC_AUDIT_READ, &r))
		return -errno;
	*cursor = r.cursor;
	*nr = r.nr_records;
	if (first_seq)
		*first_seq = r.first_seq;
	return 0;
}

/**
 * vsm_audit_verify_chain() - check the hash chain of consecutive records
 * @recs: records in order
 * @n: how many
 * @prev_hash: hash of the record before recs[0], or NULL to trust recs[0]
 * @bad: index of the first record that does not verify
 *
 * Return: 0, -EINVAL (sequence gap) or -EBADMSG (hash mismatch).
 */
/*
 * The UAPI record and the secure world's entry are the same bytes (the
 * driver also checks that the type numbers agree).
 */
_Static_assert(sizeof(struct vsm_audit_record) == sizeof(struct vsm_audit_entry),
	       "audit record size");
_Static_assert(offsetof(struct vsm_audit_record, hash) ==
	       offsetof(struct vsm_audit_entry, hash), "audit record layout");

int vsm_audit_verify_chain(const struct vsm_audit_record *recs, uint32_t n,
			   const uint8_t *prev_hash, uint32_t *bad)
{
	return vsm_audit_verify((const struct vsm_audit_entry *)recs, n,
				prev_hash, bad);
}

const char *vsm_audit_type_name(uint32_t type)
{
	static const char *const names[] = {
		[VSM_AUDIT_LOG_START] = "log_start",
		[VSM_AUDIT_CPU_PROTECTED] = "cpu_protected",
		[VSM_AUDIT_CPU_RELEASED] = "cpu_released",
		[VSM_AUDIT_LOCKED] = "locked",
		[VSM_AUDIT_REFUSED] = "refused",
		[VSM_AUDIT_RECORDS_LOST] = "records_lost",
		[VSM_AUDIT_HOST_SHUTDOWN] = "host_shutdown",
		[VSM_AUDIT_PROTECTED_ACCESS] = "protected_access",
		[VSM_AUDIT_SECRETS_WIPED] = "secrets_wiped",
		[VSM_AUDIT_KEY_OP] = "key_op",
		[VSM_AUDIT_MODULE] = "module",
		[VSM_AUDIT_CI_POLICY] = "ci_policy",
		[VSM_AUDIT_TEXT_PATCH] = "text_patch",
		[VSM_AUDIT_EXEC_MAPPING] = "exec_mapping",
		[VSM_AUDIT_EXEC_SCAN] = "exec_scan",
		[VSM_AUDIT_DMA] = "dma",
		[VSM_AUDIT_DMA_FAULT] = "dma_fault",
		[VSM_AUDIT_MODULE_CODE] = "module_code",
	};

	return type < ARRAY_LEN(names) && names[type] ? names[type] : "unknown";
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
