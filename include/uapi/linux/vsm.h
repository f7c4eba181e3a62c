/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * vsm - virtualization-based secure mode for KVM hosts: user-space ABI.
 *
 * Every ioctl argument is an extensible structure that starts with a
 * struct vsm_hdr.  The rules (Documentation/abi.rst has the full text):
 *
 *  - @size is set by the caller to the size of the structure it was
 *    compiled with.  The kernel dispatches on the ioctl's type and number
 *    only; the size bits of the command are ignored and @size is
 *    authoritative.  A @size below the first published size of that
 *    structure, or above VSM_ARG_MAX_SIZE, is rejected with -EINVAL.
 *  - Input bytes beyond the structure the kernel knows must be zero
 *    (-E2BIG otherwise), so new fields can be added with zero meaning
 *    "old behaviour".
 *  - @flags: every bit not defined for that ioctl must be zero (-EINVAL).
 *  - Fields named reserved* must be zero on input (-EINVAL).
 *  - On output the kernel writes min(@size, its own size) bytes, sets
 *    @size to the number of bytes it wrote and zeroes the rest of the
 *    caller's structure.
 *  - Bad pointers give -EFAULT; unknown commands give -ENOTTY.
 */
#ifndef _UAPI_LINUX_VSM_H
#define _UAPI_LINUX_VSM_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Bumped only for incompatible changes; additions keep the version. */
#define VSM_ABI_VERSION		1

/* Largest argument structure the kernel accepts. */
#define VSM_ARG_MAX_SIZE	4096

/**
 * struct vsm_hdr - common header of every ioctl argument structure
 * @size: in: size of the caller's structure in bytes;
 *	out: number of bytes the kernel wrote
 * @flags: per-ioctl request flags; undefined bits must be zero
 */
struct vsm_hdr {
	__u32 size;
	__u32 flags;
};

/**
 * enum vsm_state - lifecycle of the secure mode
 * @VSM_STATE_LOADED: module loaded, hypervisor not running
 * @VSM_STATE_PROTECTED: hypervisor running on every CPU, still unloadable
 * @VSM_STATE_LOCKED: protected, and one-way locked until reboot
 */
enum vsm_state {
	VSM_STATE_LOADED = 1,
	VSM_STATE_PROTECTED = 2,
	VSM_STATE_LOCKED = 3,
};

/**
 * enum vsm_vendor - virtualization vendor of the boot CPU
 * @VSM_VENDOR_UNKNOWN: neither AMD nor Intel (vsm cannot protect it)
 * @VSM_VENDOR_AMD: AMD (or Hygon): SVM with nested paging
 * @VSM_VENDOR_INTEL: Intel: VMX with EPT
 */
enum vsm_vendor {
	VSM_VENDOR_UNKNOWN = 0,
	VSM_VENDOR_AMD = 1,
	VSM_VENDOR_INTEL = 2,
};

/*
 * Hardware capabilities, as bits of vsm_info.caps.  A bit is set when the
 * boot CPU offers the feature (and, for VMX controls, when its capability
 * MSRs allow setting it).  Firmware locks are reported separately.
 */
#define VSM_CAP_SVM			(1ULL << 0)  /* AMD SVM */
#define VSM_CAP_NPT			(1ULL << 1)  /* AMD nested paging */
#define VSM_CAP_NRIP_SAVE		(1ULL << 2)  /* AMD next-RIP on exits */
#define VSM_CAP_DECODE_ASSISTS		(1ULL << 3)  /* AMD decode assists */
#define VSM_CAP_VMCB_CLEAN		(1ULL << 4)  /* AMD VMCB clean bits */
#define VSM_CAP_FLUSH_BY_ASID		(1ULL << 5)  /* AMD TLB flush by ASID */
#define VSM_CAP_VGIF			(1ULL << 6)  /* AMD virtual GIF */
#define VSM_CAP_GMET			(1ULL << 7)  /* AMD guest-mode execute trap */
#define VSM_CAP_VMX			(1ULL << 8)  /* Intel VMX */
#define VSM_CAP_EPT			(1ULL << 9)  /* Intel EPT */
#define VSM_CAP_EPT_1G			(1ULL << 10) /* Intel EPT 1 GiB pages */
#define VSM_CAP_UNRESTRICTED_GUEST	(1ULL << 11) /* Intel */
#define VSM_CAP_VPID			(1ULL << 12) /* Intel VPID */
#define VSM_CAP_MBEC			(1ULL << 13) /* Intel mode-based exec */
#define VSM_CAP_PAGE_1G			(1ULL << 14) /* 1 GiB pages (PDPE1GB) */
#define VSM_CAP_NX			(1ULL << 15) /* no-execute pages */
#define VSM_CAP_RDRAND			(1ULL << 16)
#define VSM_CAP_RDSEED			(1ULL << 17)
#define VSM_CAP_AESNI			(1ULL << 18)
#define VSM_CAP_PCLMULQDQ		(1ULL << 19)
#define VSM_CAP_HYPERVISOR		(1ULL << 20) /* already a guest */
#define VSM_CAP_VMX_TRUE_CTLS		(1ULL << 21) /* Intel true controls */
#define VSM_CAP_EPT_2M			(1ULL << 22) /* Intel EPT 2 MiB pages */
#define VSM_CAP_NPT_1G			(1ULL << 23) /* AMD NPT 1 GiB pages */

/* Bits of vsm_info.fw_locks: virtualization disabled by firmware. */
#define VSM_FW_SVM_DISABLED		(1U << 0) /* VM_CR.SVMDIS set */
#define VSM_FW_VMX_DISABLED		(1U << 1) /* FEATURE_CONTROL locked, VMX off */

/**
 * struct vsm_info - VSM_IOC_GET_INFO: module state and CPU capabilities
 * @hdr: common header; no flags are defined (must be 0)
 * @abi_version: out: VSM_ABI_VERSION of the running module
 * @state: out: enum vsm_state
 * @vendor: out: enum vsm_vendor
 * @phys_addr_bits: out: physical address width (CPUID 0x80000008)
 * @caps: out: VSM_CAP_* bits
 * @fw_locks: out: VSM_FW_* bits
 * @nr_cpus: out: number of online CPUs
 * @svm_revision: out: SVM revision (CPUID 0x8000000A EAX), AMD only
 * @svm_nr_asids: out: number of ASIDs (CPUID 0x8000000A EBX), AMD only
 * @vmcs_revision: out: VMCS revision identifier (IA32_VMX_BASIC), Intel only
 * @reserved0: must be zero
 * @nr_protected_cpus: out: CPUs running under the hypervisor
 * @reserved1: must be zero
 * @region_base: out: physical base of the secure region (0 if none)
 * @region_size: out: its size in bytes
 * @reserved: must be zero
 */
struct vsm_info {
	struct vsm_hdr hdr;
	__u32 abi_version;
	__u32 state;
	__u32 vendor;
	__u32 phys_addr_bits;
	__u64 caps;
	__u32 fw_locks;
	__u32 nr_cpus;
	__u32 svm_revision;
	__u32 svm_nr_asids;
	__u32 vmcs_revision;
	__u32 reserved0;
	__u32 nr_protected_cpus;
	__u32 reserved1;
	__u64 region_base;
	__u64 region_size;
	__u64 reserved[4];
};

/* First published size of struct vsm_info; smaller requests get -EINVAL. */
#define VSM_INFO_SIZE_VER0	112

/* Exit classes: indexes of vsm_cpu_stats.exits. */
#define VSM_EXIT_CLASS_CPUID		0
#define VSM_EXIT_CLASS_VMMCALL		1	/* hypercalls */
#define VSM_EXIT_CLASS_MSR_READ		2
#define VSM_EXIT_CLASS_MSR_WRITE	3
#define VSM_EXIT_CLASS_VMRUN		4
#define VSM_EXIT_CLASS_NPF		5	/* nested page faults */
#define VSM_EXIT_CLASS_SHUTDOWN		6
#define VSM_EXIT_CLASS_OTHER		7
#define VSM_EXIT_CLASS_IO		8	/* reset ports only */
#define VSM_EXIT_CLASS_MAX		16	/* capacity of exits[] */

/* vsm_cpu_stats.state */
#define VSM_CPU_UNPROTECTED		0
#define VSM_CPU_PROTECTED		1

/**
 * struct vsm_cpu_stats - one CPU in VSM_IOC_STATS
 * @cpu: CPU number
 * @state: VSM_CPU_PROTECTED or VSM_CPU_UNPROTECTED
 * @exits: exits of the host to the hypervisor on this CPU, by
 *	VSM_EXIT_CLASS_*; entries beyond vsm_stats.nr_exit_classes are zero
 */
struct vsm_cpu_stats {
	__u32 cpu;
	__u32 state;
	__u64 exits[VSM_EXIT_CLASS_MAX];
};

/**
 * struct vsm_stats - VSM_IOC_STATS: exit counters and memory layout
 * @hdr: common header; no flags are defined
 * @nr_cpus: in: entries of the array at @cpus_ptr; out: number of possible
 *	CPUs (min(in, out) entries were written)
 * @nr_exit_classes: out: exit classes the module counts
 * @cpus_ptr: in: user address of an array of struct vsm_cpu_stats, or 0
 * @region_base: out: physical base of the secure region
 * @region_size: out: its size in bytes
 * @ram_bytes: out: bytes of System RAM
 * @npt_bytes_4k: out: bytes of RAM mapped by 4 KiB nested pages
 * @npt_bytes_2m: out: bytes of RAM mapped by 2 MiB nested pages
 * @npt_bytes_1g: out: bytes of RAM mapped by 1 GiB nested pages
 * @npt_bytes_unmapped: out: bytes of RAM the host cannot reach (the
 *	secure region)
 * @npt_tables: out: pages of nested page tables
 * @sw_tables: out: pages of the secure world's own page tables
 * @reserved: must be zero
 */
struct vsm_stats {
	struct vsm_hdr hdr;
	__u32 nr_cpus;
	__u32 nr_exit_classes;
	__u64 cpus_ptr;
	__u64 region_base;
	__u64 region_size;
	__u64 ram_bytes;
	__u64 npt_bytes_4k;
	__u64 npt_bytes_2m;
	__u64 npt_bytes_1g;
	__u64 npt_bytes_unmapped;
	__u64 npt_tables;
	__u64 sw_tables;
	__u64 reserved[4];
};

#define VSM_STATS_SIZE_VER0	128
#define VSM_STATS_MAX_CPUS	8192

/**
 * struct vsm_ping - VSM_IOC_PING: one round trip to the secure world
 * @hdr: common header; no flags are defined
 * @value: in: any number below 2^63; out: @value + 1, computed by the
 *	secure world
 * @cpu: out: the CPU the hypercall ran on
 * @reserved0: must be zero
 * @reserved: must be zero
 */
struct vsm_ping {
	struct vsm_hdr hdr;
	__u64 value;
	__u32 cpu;
	__u32 reserved0;
	__u64 reserved[2];
};

#define VSM_PING_SIZE_VER0	40

/* Audit record types (vsm_audit_record.type); arguments in comments. */
#define VSM_AUDIT_LOG_START		1	/* region base, size */
#define VSM_AUDIT_CPU_PROTECTED		2	/* - */
#define VSM_AUDIT_CPU_RELEASED		3	/* - */
#define VSM_AUDIT_LOCKED		4	/* - */
#define VSM_AUDIT_REFUSED		5	/* VSM_REFUSED_*, detail, detail */
#define VSM_AUDIT_RECORDS_LOST		6	/* oldest seq kept, total lost */
#define VSM_AUDIT_HOST_SHUTDOWN		7	/* host RIP */
#define VSM_AUDIT_PROTECTED_ACCESS	8	/* address, host RIP, NPF code */
#define VSM_AUDIT_SECRETS_WIPED		9	/* bytes wiped (restart, kexec) */

/* What a VSM_AUDIT_REFUSED record refused (arg[0]). */
#define VSM_REFUSED_DEVIRT		1	/* leave the hypervisor, locked */
#define VSM_REFUSED_MSR_WRITE		2	/* arg[1] = MSR, arg[2] = value */

/**
 * struct vsm_audit_record - one record of the secure world's audit log
 * @seq: sequence number, from 1, without gaps
 * @tsc: time stamp counter when the record was made
 * @cpu: CPU the event happened on
 * @type: VSM_AUDIT_*
 * @reserved: zero
 * @arg: event-specific values
 * @hash: SHA-256 of the previous record's @hash (32 zero bytes before the
 *	first record) followed by the bytes of this record before @hash, in
 *	this little-endian layout: a hash chain, so that a reader can check
 *	that nothing was changed, removed or reordered
 */
struct vsm_audit_record {
	__u64 seq;
	__u64 tsc;
	__u32 cpu;
	__u16 type;
	__u16 reserved;
	__u64 arg[4];
	__u8 hash[32];
};

/**
 * struct vsm_lock - VSM_IOC_LOCK: protected -> locked, until reboot
 * @hdr: common header; no flags are defined
 * @reserved: must be zero
 */
struct vsm_lock {
	struct vsm_hdr hdr;
	__u64 reserved[2];
};

#define VSM_LOCK_SIZE_VER0	24

/**
 * struct vsm_audit_read - VSM_IOC_AUDIT_READ: records from a cursor on
 * @hdr: common header; no flags are defined
 * @cursor: in: first sequence number wanted (1 for everything kept);
 *	out: the sequence number to ask for next time
 * @nr_records: in: capacity of the array at @records_ptr (at most
 *	VSM_AUDIT_READ_MAX); out: records written
 * @reserved0: must be zero
 * @records_ptr: in: user address of an array of struct vsm_audit_record
 * @first_seq: out: sequence number of the first record written; above the
 *	cursor asked for when older records were lost (the log keeps the
 *	newest ones)
 * @reserved: must be zero
 */
struct vsm_audit_read {
	struct vsm_hdr hdr;
	__u64 cursor;
	__u32 nr_records;
	__u32 reserved0;
	__u64 records_ptr;
	__u64 first_seq;
	__u64 reserved[2];
};

#define VSM_AUDIT_READ_SIZE_VER0	56
#define VSM_AUDIT_READ_MAX		4096

#define VSM_IOC_MAGIC		0xB2	/* free in ioctl-number.rst */

/**
 * VSM_IOC_GET_INFO - report module state and hardware capabilities
 *
 * Argument: struct vsm_info.  Errors: -EFAULT, -EINVAL (size, flags or
 * reserved fields), -E2BIG (non-zero bytes beyond the kernel's structure).
 */
#define VSM_IOC_GET_INFO	_IOWR(VSM_IOC_MAGIC, 0x00, struct vsm_info)

/**
 * VSM_IOC_STATS - per-CPU exit counters and the secure region's layout
 *
 * Argument: struct vsm_stats.  Errors: -EFAULT, -EINVAL (size, flags,
 * reserved fields, nr_cpus above VSM_STATS_MAX_CPUS), -E2BIG.
 */
#define VSM_IOC_STATS		_IOWR(VSM_IOC_MAGIC, 0x01, struct vsm_stats)

/**
 * VSM_IOC_PING - a hypercall round trip on the calling CPU
 *
 * Argument: struct vsm_ping.  Errors: -EFAULT, -EINVAL (size, flags,
 * reserved fields, @value of 2^63 or more), -E2BIG, -ENODEV (the host is
 * not protected).
 */
#define VSM_IOC_PING		_IOWR(VSM_IOC_MAGIC, 0x02, struct vsm_ping)

/**
 * VSM_IOC_LOCK - lock the secure mode until the next reboot
 *
 * Argument: struct vsm_lock.  Needs CAP_SYS_ADMIN.  Afterwards the module
 * cannot be unloaded and the hypervisor refuses to leave any CPU.  Locking
 * a locked host succeeds and changes nothing.  Errors: -EPERM, -ENODEV (not
 * protected), -EINVAL, -EFAULT, -E2BIG.
 */
#define VSM_IOC_LOCK		_IOWR(VSM_IOC_MAGIC, 0x03, struct vsm_lock)

/**
 * VSM_IOC_AUDIT_READ - read the audit log from a cursor
 *
 * Argument: struct vsm_audit_read.  Errors: -EFAULT, -EINVAL (size, flags,
 * reserved fields, nr_records 0 or above VSM_AUDIT_READ_MAX), -E2BIG,
 * -ENODEV (not protected: there is no log).
 */
#define VSM_IOC_AUDIT_READ	_IOWR(VSM_IOC_MAGIC, 0x04, struct vsm_audit_read)

#endif /* _UAPI_LINUX_VSM_H */
