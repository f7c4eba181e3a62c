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

/*
 * Values of vsm_info.dma.  Only VSM_DMA_PROTECTED means a device cannot
 * read or write the secure region; every other value says why not.
 * VSM_DMA_NOT_REPORTED is what a module from before the field returns.
 */
#define VSM_DMA_NOT_REPORTED		0
#define VSM_DMA_PROTECTED		1 /* vsm owns the IOMMU (AMD-Vi the host left off) */
#define VSM_DMA_NO_IOMMU		2 /* no IOMMU in ACPI (IVRS / DMAR) */
#define VSM_DMA_HOST_IOMMU		3 /* the host's IOMMU driver enabled it */
#define VSM_DMA_IOMMU_IDLE		4 /* an IOMMU is there, off; vsm did not take it */

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
 * @dma: out: VSM_DMA_*, what keeps devices' DMA away from the secure
 *	region (Documentation/dma.rst); must be zero on input (was
 *	@reserved0)
 * @nr_protected_cpus: out: CPUs running under the hypervisor
 * @nested_pages: out: pages of shadow nested page tables per CPU when the
 *	host is offered nested virtualization (KVM runs under vsm); 0 when
 *	SVM is hidden from the host
 * @region_base: out: physical base of the secure region (0 if none)
 * @region_size: out: its size in bytes
 * @cpu_bytes: out: secure memory each CPU takes: its state and its pool of
 *	@nested_pages shadow nested page tables (0 if no region); must be
 *	zero on input
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
	__u32 dma;
	__u32 nr_protected_cpus;
	__u32 nested_pages;
	__u64 region_base;
	__u64 region_size;
	__u64 cpu_bytes;
	__u64 reserved[3];
};

/* The fewest shadow-table pages per CPU nested virtualization runs with. */
#define VSM_NESTED_PAGES_MIN	16

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
#define VSM_EXIT_CLASS_CR_WRITE		9	/* pinned: CR0 (not TS/MP), CR4 */
#define VSM_EXIT_CLASS_DT_WRITE		10	/* pinned: LGDT, LIDT */
#define VSM_EXIT_CLASS_TLB_FLUSH	11	/* pinned: CR4.PGE toggled to flush the TLB */
#define VSM_EXIT_CLASS_L2		12	/* exits of a guest of the host's KVM */
#define VSM_EXIT_CLASS_L2_REFLECTED	13	/* of those, passed to the host's KVM */
#define VSM_EXIT_CLASS_L2_NPF		14	/* of those, shadow nested page faults */
#define VSM_EXIT_CLASS_SNPT_REBUILD	15	/* shadow nested tables dropped (not an exit) */
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
#define VSM_AUDIT_LOCKED		4	/* kernel image bytes write-protected, patch sites */
#define VSM_AUDIT_REFUSED		5	/* VSM_REFUSED_*, detail, detail */
#define VSM_AUDIT_RECORDS_LOST		6	/* oldest seq kept, total lost */
#define VSM_AUDIT_HOST_SHUTDOWN		7	/* host RIP */
#define VSM_AUDIT_PROTECTED_ACCESS	8	/* address, host RIP, NPF code */
#define VSM_AUDIT_SECRETS_WIPED		9	/* bytes wiped (restart, kexec) */
#define VSM_AUDIT_KEY_OP		10	/* domain, key, VSM_KEY_OP_* | result << 32 */
#define VSM_AUDIT_MODULE		11	/* VSM_CI_* verdict, reason or signer, SHA-256 prefix */
#define VSM_AUDIT_CI_POLICY		12	/* serial, mode, hashes | certs << 32 */
#define VSM_AUDIT_TEXT_PATCH		13	/* PA, RIP, first 8 bytes: allowed, not enforcing */
#define VSM_AUDIT_EXEC_MAPPING		14	/* VA, PA: executable, not approved code */
#define VSM_AUDIT_EXEC_SCAN		15	/* leaves, unapproved ranges, bytes */
#define VSM_AUDIT_DMA			16	/* VSM_DMA_*, IOMMU base when taken */
#define VSM_AUDIT_DMA_FAULT		17	/* device | code << 16 | flags << 32, address, 1: write */
#define VSM_AUDIT_MODULE_CODE		18	/* module code frozen: arg[0] = base VA, arg[1] = pages write-protected, arg[2] = patch sites | pages left writable << 32 | split tables in use << 48; thawed (arg[2] = VSM_MODULE_THAWED): arg[1] = pages made writable again */
#define VSM_MODULE_THAWED		(1ULL << 63)

/* What a VSM_AUDIT_KEY_OP record did (arg[2] low 32 bits). */
#define VSM_KEY_OP_DOMAIN_CREATE	1
#define VSM_KEY_OP_DOMAIN_BIND		2
#define VSM_KEY_OP_DOMAIN_DESTROY	3
#define VSM_KEY_OP_CREATE		4
#define VSM_KEY_OP_IMPORT		5
#define VSM_KEY_OP_DELETE		6
#define VSM_KEY_OP_LIST			7
#define VSM_KEY_OP_SEAL			8
#define VSM_KEY_OP_OPEN			9
#define VSM_KEY_OP_SIGN			10
#define VSM_KEY_OP_VERIFY		11
#define VSM_KEY_OP_DERIVE		12
#define VSM_KEY_OP_WRAP			13
#define VSM_KEY_OP_UNWRAP		14
#define VSM_KEY_OP_RANDOM		15
#define VSM_KEY_OP_UNBIND		16

/* What a VSM_AUDIT_REFUSED record refused (arg[0]). */
#define VSM_REFUSED_DEVIRT		1	/* leave the hypervisor, locked */
#define VSM_REFUSED_MSR_WRITE		2	/* arg[1] = MSR, arg[2] = value */
#define VSM_REFUSED_SUSPEND		3	/* host-reported; arg[1] = PM event */
#define VSM_REFUSED_CPU_OFFLINE		4	/* host-reported; arg[1] = CPU */
#define VSM_REFUSED_PINNED		5	/* pinned state: arg[1] = MSR or VSM_PINNED_*, arg[2] = value */
#define VSM_REFUSED_CI_POLICY		6	/* a policy load; arg[1] = -errno, arg[2] = serial */
#define VSM_REFUSED_TEXT_WRITE		7	/* kernel text/rodata; arg[1] = PA, arg[2] = RIP */
#define VSM_REFUSED_HC_BUFFER		8	/* hypercall buffer the host may not read (write: arg[2] bit 63); arg[1] = PA, arg[2] = length */
#define VSM_REFUSED_DECOY_WRITE		9	/* a write into a contained page not stepped over (#GP); arg[1] = PA, arg[2] = RIP */

/* arg[1] of a VSM_REFUSED_PINNED record for pinned state that is no MSR. */
#define VSM_PINNED_CR0			0x100000000ULL	/* arg[2] = value written */
#define VSM_PINNED_CR4			0x100000004ULL	/* arg[2] = value written */
#define VSM_PINNED_GDTR			0x200000000ULL	/* arg[2] = base loaded */
#define VSM_PINNED_IDTR			0x200000001ULL	/* arg[2] = base loaded */

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

/*
 * Code integrity: which kernel modules may load (Documentation/
 * code-integrity.rst).  A policy is a binary image, written by vsmctl:
 * struct vsm_ci_policy_header; @nr_hashes SHA-256 digests of module files
 * (32 bytes each, strictly ascending); @nr_certs certificates, each a
 * struct vsm_ci_cert followed by @len bytes of DER X.509 and zero padding
 * to a multiple of 8 bytes.  @size counts all of that.  A kernel-module
 * style signature may follow (sign-file: PKCS#7, "~Module signature
 * appended~"); after the lock a policy is only accepted with a valid
 * signature by a VSM_CI_CERT_POLICY certificate of the policy in force,
 * and a higher @serial.
 */
#define VSM_CI_MAGIC			"VSMCIPL1"
#define VSM_CI_POLICY_MAX		(128 * 1024)	/* with the signature */
#define VSM_CI_CERTS_MAX		16
#define VSM_CI_CERT_MAX			4096

#define VSM_CI_MODE_AUDIT		1	/* allow, and audit what enforce refuses */
#define VSM_CI_MODE_ENFORCE		2	/* refuse */

#define VSM_CI_CERT_MODULE		1	/* signs modules */
#define VSM_CI_CERT_POLICY		2	/* signs policies loaded after the lock */

/**
 * struct vsm_ci_policy_header - start of a code-integrity policy
 * @magic: VSM_CI_MAGIC, without its NUL
 * @size: bytes of the policy (header, hashes, certificates), without any
 *	appended signature
 * @mode: VSM_CI_MODE_AUDIT or VSM_CI_MODE_ENFORCE
 * @serial: version of the policy; after the lock it must grow
 * @nr_hashes: number of SHA-256 digests
 * @nr_certs: number of certificates, at most VSM_CI_CERTS_MAX
 * @reserved: zero
 */
struct vsm_ci_policy_header {
	__u8 magic[8];
	__u32 size;
	__u32 mode;
	__u64 serial;
	__u32 nr_hashes;
	__u32 nr_certs;
	__u64 reserved;
};

/**
 * struct vsm_ci_cert - one certificate of a policy
 * @kind: VSM_CI_CERT_MODULE or VSM_CI_CERT_POLICY
 * @len: bytes of DER that follow, 1 to VSM_CI_CERT_MAX
 */
struct vsm_ci_cert {
	__u32 kind;
	__u32 len;
};

/* arg[0] of a VSM_AUDIT_MODULE record: what became of the module. */
#define VSM_CI_NO_POLICY		0	/* allowed: no policy loaded */
#define VSM_CI_ALLOWED_HASH		1	/* allowed: its hash is listed */
#define VSM_CI_ALLOWED_SIGNER		2	/* allowed: arg[1] = the certificate */
#define VSM_CI_AUDIT_ONLY		3	/* allowed in audit mode; enforce would refuse */
#define VSM_CI_REFUSED			4	/* refused (enforce mode) */

/* arg[1] of VSM_CI_AUDIT_ONLY and VSM_CI_REFUSED: why. */
#define VSM_CI_WHY_UNSIGNED		1	/* no signature, hash not listed */
#define VSM_CI_WHY_SIGNER		2	/* signed; no listed key verifies it */
#define VSM_CI_WHY_BAD_SIGNATURE	3	/* malformed or unsupported signature */
#define VSM_CI_WHY_UNREADABLE		4	/* the image could not be read */

/**
 * struct vsm_ci_policy_io - VSM_IOC_CI_POLICY_SET and VSM_IOC_CI_POLICY_GET
 * @hdr: common header; no flags are defined
 * @policy_ptr: user address of the policy image
 * @policy_size: SET: its size; GET: in, the capacity at @policy_ptr; out,
 *	the size of the policy in force (0 if none), written only if it fits
 * @reserved0: must be zero
 * @reserved: must be zero
 */
struct vsm_ci_policy_io {
	struct vsm_hdr hdr;
	__u64 policy_ptr;
	__u32 policy_size;
	__u32 reserved0;
	__u64 reserved[2];
};

#define VSM_CI_POLICY_IO_SIZE_VER0	40

/**
 * struct vsm_ci_exec_scan - VSM_IOC_CI_EXEC_SCAN
 * @hdr: common header; no flags are defined
 * @unapproved: out: executable kernel ranges outside approved code
 * @reserved0: must be zero
 * @reserved: must be zero
 */
struct vsm_ci_exec_scan {
	struct vsm_hdr hdr;
	__u32 unapproved;
	__u32 reserved0;
	__u64 reserved[2];
};

#define VSM_CI_EXEC_SCAN_SIZE_VER0	32

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

/* Key store (Documentation/keys.rst). */

/* Largest secret a domain is created or bound with. */
#define VSM_DOMAIN_SECRET_MAX	64
#define VSM_DOMAIN_SECRET_MIN	16
#define VSM_KEY_LABEL_LEN	32
/* Largest message, associated data or key material in one call. */
#define VSM_KEY_DATA_MAX	16384
#define VSM_KEY_AAD_MAX		4096

/**
 * struct vsm_domain_create - VSM_IOC_DOMAIN_CREATE: a new key domain
 * @hdr: common header; no flags are defined
 * @domain_id: out: the new domain's id (never 0)
 * @secret_len: length of @secret, VSM_DOMAIN_SECRET_MIN to
 *	VSM_DOMAIN_SECRET_MAX; whoever presents it later may bind to the domain
 * @max_keys: most keys the domain may hold (1 to the global limit)
 * @max_bytes: most bytes of key material it may hold (1 to the global limit)
 * @ops_per_sec: most key operations per second, 0 for no limit
 * @reserved: must be zero
 * @secret: the authorization secret (the kernel wipes its copy)
 */
struct vsm_domain_create {
	struct vsm_hdr hdr;
	__u32 domain_id;
	__u32 secret_len;
	__u32 max_keys;
	__u32 max_bytes;
	__u32 ops_per_sec;
	__u32 reserved;
	__u8 secret[VSM_DOMAIN_SECRET_MAX];
};

#define VSM_DOMAIN_CREATE_SIZE_VER0	96

/**
 * struct vsm_domain_bind - VSM_IOC_DOMAIN_BIND: bind this open file to a domain
 * @hdr: common header; no flags are defined
 * @domain_id: the domain
 * @secret_len: length of @secret
 * @secret: the domain's authorization secret (the kernel wipes its copy)
 */
struct vsm_domain_bind {
	struct vsm_hdr hdr;
	__u32 domain_id;
	__u32 secret_len;
	__u8 secret[VSM_DOMAIN_SECRET_MAX];
};

#define VSM_DOMAIN_BIND_SIZE_VER0	80

/* Key types. */
#define VSM_KEY_AES256_GCM	1	/* 32 bytes; AEAD */
#define VSM_KEY_HMAC_SHA256	2	/* 16 to 64 bytes; MAC */
#define VSM_KEY_SECRET		3	/* 16 to 64 bytes; derivation only */

/* Key usages (struct vsm_key_create @usage). */
#define VSM_KEY_USE_ENCRYPT	(1U << 0)
#define VSM_KEY_USE_DECRYPT	(1U << 1)
#define VSM_KEY_USE_SIGN	(1U << 2)
#define VSM_KEY_USE_VERIFY	(1U << 3)
#define VSM_KEY_USE_DERIVE	(1U << 4)
#define VSM_KEY_USE_WRAP	(1U << 5)	/* wraps other keys */
#define VSM_KEY_USE_UNWRAP	(1U << 6)	/* unwraps blobs made with WRAP */
#define VSM_KEY_USE_ALL		0x7fU

/* Key attributes (struct vsm_key_create @attrs). */
#define VSM_KEY_ATTR_EXPORTABLE	(1U << 0)	/* may leave as a wrapped blob */
#define VSM_KEY_ATTR_ALL	0x1U

/* struct vsm_key_create @hdr.flags */
#define VSM_KEY_CREATE_IMPORT	(1U << 0)	/* material from @material_ptr */

/**
 * struct vsm_key_create - VSM_IOC_KEY_CREATE: generate or import a key
 * @hdr: common header; flags: VSM_KEY_CREATE_IMPORT
 * @type: VSM_KEY_*
 * @usage: VSM_KEY_USE_* bits the key may ever be used for (not zero)
 * @attrs: VSM_KEY_ATTR_* bits
 * @key_id: out: the new key's id in the bound domain
 * @material_ptr: import: user address of the key material, else zero
 * @material_len: import: its length (the type's size), else zero
 * @reserved: must be zero
 * @label: free text, NUL-padded; shown by VSM_IOC_KEY_LIST
 */
struct vsm_key_create {
	struct vsm_hdr hdr;
	__u32 type;
	__u32 usage;
	__u32 attrs;
	__u32 key_id;
	__u64 material_ptr;
	__u32 material_len;
	__u32 reserved;
	__u8 label[VSM_KEY_LABEL_LEN];
};

#define VSM_KEY_CREATE_SIZE_VER0	72

/**
 * struct vsm_key_delete - VSM_IOC_KEY_DELETE: zeroise and forget a key
 * @hdr: common header; no flags are defined
 * @key_id: the key
 * @reserved: must be zero
 */
struct vsm_key_delete {
	struct vsm_hdr hdr;
	__u32 key_id;
	__u32 reserved;
};

#define VSM_KEY_DELETE_SIZE_VER0	16

/**
 * struct vsm_key_info - one key's attributes, as VSM_IOC_KEY_LIST reports them
 * @key_id: id
 * @type: VSM_KEY_*
 * @usage: VSM_KEY_USE_* bits
 * @attrs: VSM_KEY_ATTR_* bits
 * @bytes: length of the key material (never the material itself)
 * @reserved: zero
 * @label: its label
 */
struct vsm_key_info {
	__u32 key_id;
	__u32 type;
	__u32 usage;
	__u32 attrs;
	__u32 bytes;
	__u32 reserved;
	__u8 label[VSM_KEY_LABEL_LEN];
};

/**
 * struct vsm_key_list - VSM_IOC_KEY_LIST: the bound domain's keys
 * @hdr: common header; no flags are defined
 * @nr_keys: in: capacity of the array at @keys_ptr (at most
 *	VSM_KEY_LIST_MAX); out: number of keys the domain holds (more than
 *	the capacity means the list was cut short)
 * @reserved: must be zero
 * @keys_ptr: user address of an array of struct vsm_key_info
 */
struct vsm_key_list {
	struct vsm_hdr hdr;
	__u32 nr_keys;
	__u32 reserved;
	__u64 keys_ptr;
};

#define VSM_KEY_LIST_SIZE_VER0	24
#define VSM_KEY_LIST_MAX	256

/* struct vsm_aead @hdr.flags */
#define VSM_AEAD_OPEN		(1U << 0)	/* decrypt and verify */
#define VSM_AEAD_CALLER_IV	(1U << 1)	/* seal with @iv, not a fresh one */

#define VSM_AEAD_IV_LEN		12
#define VSM_AEAD_TAG_LEN	16

/**
 * struct vsm_aead - VSM_IOC_AEAD: AES-256-GCM seal or open with a stored key
 * @hdr: common header; flags: VSM_AEAD_OPEN, VSM_AEAD_CALLER_IV (seal only)
 * @key_id: a VSM_KEY_AES256_GCM key with ENCRYPT (seal) or DECRYPT (open)
 * @len: length of @in_ptr and @out_ptr (0 to VSM_KEY_DATA_MAX)
 * @aad_ptr: user address of the associated data
 * @aad_len: its length (0 to VSM_KEY_AAD_MAX)
 * @reserved: must be zero
 * @in_ptr: user address of the plaintext (seal) or ciphertext (open)
 * @out_ptr: user address for the result; written only on success
 * @iv: seal: out, a fresh random IV (in, with VSM_AEAD_CALLER_IV);
 *	open: in, the IV used to seal
 * @reserved2: must be zero
 * @tag: seal: out; open: in
 */
struct vsm_aead {
	struct vsm_hdr hdr;
	__u32 key_id;
	__u32 len;
	__u64 aad_ptr;
	__u32 aad_len;
	__u32 reserved;
	__u64 in_ptr;
	__u64 out_ptr;
	__u8 iv[VSM_AEAD_IV_LEN];
	__u32 reserved2;
	__u8 tag[VSM_AEAD_TAG_LEN];
};

#define VSM_AEAD_SIZE_VER0	80

/* struct vsm_mac @hdr.flags */
#define VSM_MAC_VERIFY		(1U << 0)	/* check @tag instead of making it */

#define VSM_MAC_TAG_MAX		32
#define VSM_MAC_TAG_MIN		16

/**
 * struct vsm_mac - VSM_IOC_MAC: HMAC-SHA256 sign or verify with a stored key
 * @hdr: common header; flags: VSM_MAC_VERIFY
 * @key_id: a VSM_KEY_HMAC_SHA256 key with SIGN or VERIFY
 * @tag_len: VSM_MAC_TAG_MIN to VSM_MAC_TAG_MAX bytes (truncated MACs)
 * @msg_ptr: user address of the message
 * @msg_len: its length (0 to VSM_KEY_DATA_MAX)
 * @reserved: must be zero
 * @tag: sign: out; verify: in (compared in constant time)
 */
struct vsm_mac {
	struct vsm_hdr hdr;
	__u32 key_id;
	__u32 tag_len;
	__u64 msg_ptr;
	__u32 msg_len;
	__u32 reserved;
	__u8 tag[VSM_MAC_TAG_MAX];
};

#define VSM_MAC_SIZE_VER0	64

/**
 * struct vsm_key_derive - VSM_IOC_KEY_DERIVE: HKDF-SHA256 into a new key
 * @hdr: common header; no flags are defined
 * @key_id: parent: a SECRET or HMAC key with DERIVE
 * @type: the new key's VSM_KEY_* type
 * @usage: the new key's usage, a subset of the parent's
 * @attrs: the new key's attributes, a subset of the parent's
 * @new_key_id: out: the derived key
 * @salt_len: length of the salt (0 to VSM_KEY_AAD_MAX)
 * @salt_ptr: user address of the salt
 * @info_ptr: user address of the context information
 * @info_len: its length (0 to VSM_KEY_AAD_MAX)
 * @reserved: must be zero
 * @label: the new key's label
 */
struct vsm_key_derive {
	struct vsm_hdr hdr;
	__u32 key_id;
	__u32 type;
	__u32 usage;
	__u32 attrs;
	__u32 new_key_id;
	__u32 salt_len;
	__u64 salt_ptr;
	__u64 info_ptr;
	__u32 info_len;
	__u32 reserved;
	__u8 label[VSM_KEY_LABEL_LEN];
};

#define VSM_KEY_DERIVE_SIZE_VER0	88

/* struct vsm_key_wrap @hdr.flags */
#define VSM_KEY_UNWRAP		(1U << 0)	/* blob in, new key out */

/* A blob is this much longer than the key material it carries. */
#define VSM_KEY_BLOB_OVERHEAD	88	/* 60 header, 12 IV, 16 tag */
#define VSM_KEY_BLOB_MAX	(64 + VSM_KEY_BLOB_OVERHEAD)

/**
 * struct vsm_key_wrap - VSM_IOC_KEY_WRAP: export a key as a blob, or import one
 * @hdr: common header; flags: VSM_KEY_UNWRAP
 * @key_id: wrap: in, an EXPORTABLE key; unwrap: out, the new key
 * @wrapping_key_id: 0 for the secure world's storage key, else an
 *	AES-256-GCM key of the domain with WRAP (wrap) or UNWRAP (unwrap)
 * @blob_ptr: user address of the blob buffer
 * @blob_len: wrap: in, buffer size, out, blob length; unwrap: in, blob length
 * @reserved: must be zero
 */
struct vsm_key_wrap {
	struct vsm_hdr hdr;
	__u32 key_id;
	__u32 wrapping_key_id;
	__u64 blob_ptr;
	__u32 blob_len;
	__u32 reserved;
};

#define VSM_KEY_WRAP_SIZE_VER0	32

/**
 * struct vsm_random - VSM_IOC_RANDOM: bytes from the secure world's DRBG
 * @hdr: common header; no flags are defined
 * @len: bytes wanted (1 to VSM_KEY_DATA_MAX)
 * @reserved: must be zero
 * @ptr: user address for them
 */
struct vsm_random {
	struct vsm_hdr hdr;
	__u32 len;
	__u32 reserved;
	__u64 ptr;
};

#define VSM_RANDOM_SIZE_VER0	24

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

/**
 * VSM_IOC_CI_POLICY_SET - load a code-integrity policy (CAP_SYS_ADMIN)
 *
 * Argument: struct vsm_ci_policy_io.  The secure world copies the image,
 * checks it and replaces the policy in force; every attempt is audited.
 * Errors: -EPERM (capability; or locked and the image is not signed by a
 * policy key of the policy in force, or its serial does not grow),
 * -EINVAL (malformed image; the kernel log says why), -EMSGSIZE (above
 * VSM_CI_POLICY_MAX), -ENODEV (not protected), -EFAULT, -E2BIG.
 */
#define VSM_IOC_CI_POLICY_SET	_IOWR(VSM_IOC_MAGIC, 0x05, struct vsm_ci_policy_io)

/**
 * VSM_IOC_CI_POLICY_GET - read back the policy in force
 *
 * Argument: struct vsm_ci_policy_io.  Errors: -ENODEV, -EFAULT, -EINVAL,
 * -E2BIG.
 */
#define VSM_IOC_CI_POLICY_GET	_IOWR(VSM_IOC_MAGIC, 0x06, struct vsm_ci_policy_io)

/**
 * VSM_IOC_CI_EXEC_SCAN - look for executable kernel memory outside approved code
 *
 * Argument: struct vsm_ci_exec_scan.  The secure world walks the kernel
 * half of the caller's page tables and audits every supervisor-executable
 * page that is neither kernel text, nor executable when the host locked,
 * nor the text of a module the code-integrity check allowed.  Before the
 * lock nothing is approved but kernel text and modules loaded since vsm.
 * Errors: -ENODEV, -EFAULT (page tables unreadable), -EINVAL, -E2BIG.
 */
#define VSM_IOC_CI_EXEC_SCAN	_IOWR(VSM_IOC_MAGIC, 0x07, struct vsm_ci_exec_scan)

/*
 * Key store ioctls.  All but VSM_IOC_DOMAIN_CREATE and VSM_IOC_RANDOM need
 * a file bound with VSM_IOC_DOMAIN_BIND (-EACCES otherwise), see only the
 * bound domain's keys (-ENOKEY for any other id) and need a protected host
 * (-ENODEV).  Every call is audited.  Common errors: -EFAULT, -EINVAL,
 * -E2BIG; each ioctl lists the others.  Documentation/keys.rst has the
 * full reference.
 */

/**
 * VSM_IOC_DOMAIN_CREATE - create a key domain (CAP_SYS_ADMIN)
 *
 * Argument: struct vsm_domain_create.  Errors: -EPERM, -ENOSPC (no free
 * domain), -EINVAL (secret length, quotas above the global limits).
 */
#define VSM_IOC_DOMAIN_CREATE	_IOWR(VSM_IOC_MAGIC, 0x10, struct vsm_domain_create)

/**
 * VSM_IOC_DOMAIN_BIND - bind the open file to a domain, once
 *
 * Argument: struct vsm_domain_bind.  Errors: -EACCES (wrong secret or no
 * such domain: the two are not told apart), -EBUSY (already bound),
 * -ENOSPC (too many bound files).
 */
#define VSM_IOC_DOMAIN_BIND	_IOWR(VSM_IOC_MAGIC, 0x11, struct vsm_domain_bind)

/**
 * VSM_IOC_DOMAIN_DESTROY - zeroise every key of the bound domain and remove it
 *
 * Argument: struct vsm_hdr.  Files still bound to it get -EACCES afterwards.
 */
#define VSM_IOC_DOMAIN_DESTROY	_IOWR(VSM_IOC_MAGIC, 0x12, struct vsm_hdr)

/**
 * VSM_IOC_KEY_CREATE - generate a key in the secure world, or import one
 *
 * Argument: struct vsm_key_create.  Errors: -EDQUOT (the domain's quota),
 * -ENOSPC (the global key table), -ENODEV (no hardware random source for a
 * generated key), -EINVAL (type, usage, attributes, material length).
 */
#define VSM_IOC_KEY_CREATE	_IOWR(VSM_IOC_MAGIC, 0x13, struct vsm_key_create)

/** VSM_IOC_KEY_DELETE - zeroise a key.  Errors: -ENOKEY. */
#define VSM_IOC_KEY_DELETE	_IOWR(VSM_IOC_MAGIC, 0x14, struct vsm_key_delete)

/** VSM_IOC_KEY_LIST - attributes of the bound domain's keys, never material */
#define VSM_IOC_KEY_LIST	_IOWR(VSM_IOC_MAGIC, 0x15, struct vsm_key_list)

/**
 * VSM_IOC_AEAD - AES-256-GCM seal or open
 *
 * Argument: struct vsm_aead.  Errors: -ENOKEY, -EACCES (usage),
 * -EBADMSG (open: the tag does not match; nothing is written), -EINVAL
 * (key type, flags), -E2BIG (lengths), -EBUSY (rate limit).
 */
#define VSM_IOC_AEAD		_IOWR(VSM_IOC_MAGIC, 0x16, struct vsm_aead)

/**
 * VSM_IOC_MAC - HMAC-SHA256 sign or verify
 *
 * Argument: struct vsm_mac.  Errors: -ENOKEY, -EACCES, -EBADMSG (verify:
 * mismatch), -EINVAL (key type, tag length), -E2BIG, -EBUSY.
 */
#define VSM_IOC_MAC		_IOWR(VSM_IOC_MAGIC, 0x17, struct vsm_mac)

/**
 * VSM_IOC_KEY_DERIVE - HKDF-SHA256 from a stored key into a new one
 *
 * Argument: struct vsm_key_derive.  Errors: -ENOKEY, -EACCES (parent
 * lacks DERIVE, or the new usage or attributes are not a subset),
 * -EDQUOT, -ENOSPC, -EINVAL, -E2BIG.
 */
#define VSM_IOC_KEY_DERIVE	_IOWR(VSM_IOC_MAGIC, 0x18, struct vsm_key_derive)

/**
 * VSM_IOC_KEY_WRAP - wrap a key into a blob, or unwrap a blob into a key
 *
 * Argument: struct vsm_key_wrap.  A blob is authenticated, bound to its
 * attributes and to the domain, and valid until the machine restarts
 * (the storage key lives only in the secure world).  Errors: -ENOKEY,
 * -EACCES (not EXPORTABLE, wrapping key usage), -EKEYREJECTED (a blob
 * that is damaged, of another domain or of another boot), -ENOSPC (wrap:
 * buffer too small, @blob_len says how much is needed), -EDQUOT.
 */
#define VSM_IOC_KEY_WRAP	_IOWR(VSM_IOC_MAGIC, 0x19, struct vsm_key_wrap)

/**
 * VSM_IOC_RANDOM - random bytes from the secure world
 *
 * Argument: struct vsm_random.  Errors: -ENODEV (no hardware random
 * source, or not protected).
 */
#define VSM_IOC_RANDOM		_IOWR(VSM_IOC_MAGIC, 0x1a, struct vsm_random)

#endif /* _UAPI_LINUX_VSM_H */
