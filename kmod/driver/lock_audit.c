// SPDX-License-Identifier: GPL-2.0
/*
 * VSM_IOC_LOCK and VSM_IOC_AUDIT_READ: the one-way lock and the audit log,
 * both kept by the secure world and reached by hypercalls.
 */
#include <linux/build_bug.h>
#include <linux/capability.h>
#include <linux/gfp.h>
#include <linux/module.h>
#include <linux/smp.h>
#include <linux/uaccess.h>
#include <asm/io.h>

#include "hv.h"
#include "vsm.h"
#include "../common/abi.h"
#include "../common/audit.h"
#include "../common/sw_abi.h"

static_assert(sizeof(struct vsm_lock) == VSM_LOCK_SIZE_VER0);
/* What the secure world writes is what user space reads. */
static_assert(sizeof(struct vsm_audit_record) == sizeof(struct vsm_audit_entry));
static_assert(offsetof(struct vsm_audit_record, arg) ==
	      offsetof(struct vsm_audit_entry, arg));
static_assert(offsetof(struct vsm_audit_record, hash) ==
	      offsetof(struct vsm_audit_entry, hash));
static_assert(VSM_AUDIT_LOG_START == VSM_AEV_LOG_START);
static_assert(VSM_AUDIT_CPU_PROTECTED == VSM_AEV_CPU_PROTECTED);
static_assert(VSM_AUDIT_CPU_RELEASED == VSM_AEV_CPU_RELEASED);
static_assert(VSM_AUDIT_LOCKED == VSM_AEV_LOCKED);
static_assert(VSM_AUDIT_REFUSED == VSM_AEV_REFUSED);
static_assert(VSM_AUDIT_RECORDS_LOST == VSM_AEV_RECORDS_LOST);
static_assert(VSM_AUDIT_HOST_SHUTDOWN == VSM_AEV_HOST_SHUTDOWN);
static_assert(VSM_AUDIT_PROTECTED_ACCESS == VSM_AEV_PROTECTED_ACCESS);
static_assert(VSM_AUDIT_SECRETS_WIPED == VSM_AEV_SECRETS_WIPED);
static_assert(VSM_AUDIT_KEY_OP == VSM_AEV_KEY_OP);
static_assert(VSM_AUDIT_MODULE == VSM_AEV_MODULE);
static_assert(VSM_AUDIT_CI_POLICY == VSM_AEV_CI_POLICY);
static_assert(VSM_AUDIT_TEXT_PATCH == VSM_AEV_TEXT_PATCH);
static_assert(VSM_AUDIT_EXEC_MAPPING == VSM_AEV_EXEC_MAPPING);
static_assert(VSM_AUDIT_EXEC_SCAN == VSM_AEV_EXEC_SCAN);
static_assert(VSM_AUDIT_DMA == VSM_AEV_DMA);
static_assert(VSM_AUDIT_DMA_FAULT == VSM_AEV_DMA_FAULT);
static_assert(VSM_AUDIT_MODULE_CODE == VSM_AEV_MODULE_CODE);
static_assert(VSM_MODULE_THAWED == VSM_AEV_MODULE_THAWED);
static_assert(VSM_REFUSED_CI_POLICY == VSM_AEV_REFUSED_CI_POLICY);
static_assert(VSM_REFUSED_TEXT_WRITE == VSM_AEV_REFUSED_TEXT_WRITE);
static_assert(VSM_REFUSED_HC_BUFFER == VSM_AEV_REFUSED_HC_BUFFER);
static_assert(VSM_REFUSED_DECOY_WRITE == VSM_AEV_REFUSED_DECOY_WRITE);
static_assert(VSM_REFUSED_DEVIRT == VSM_AEV_REFUSED_DEVIRT);
static_assert(VSM_REFUSED_MSR_WRITE == VSM_AEV_REFUSED_MSR_WRITE);
static_assert(VSM_REFUSED_SUSPEND == VSM_AEV_REFUSED_SUSPEND);
static_assert(VSM_REFUSED_CPU_OFFLINE == VSM_AEV_REFUSED_CPU_OFFLINE);
static_assert(VSM_REFUSED_PINNED == VSM_AEV_REFUSED_PINNED);
static_assert(VSM_PINNED_CR0 == VSM_AEV_PINNED_CR0);
static_assert(VSM_PINNED_CR4 == VSM_AEV_PINNED_CR4);
static_assert(VSM_PINNED_GDTR == VSM_AEV_PINNED_GDTR);
static_assert(VSM_PINNED_IDTR == VSM_AEV_PINNED_IDTR);
static_assert(sizeof(struct vsm_audit_read) == VSM_AUDIT_READ_SIZE_VER0);

#define RECORDS_PER_PAGE	(PAGE_SIZE / sizeof(struct vsm_audit_record))

/**
 * vsm_ioctl_lock() - handle VSM_IOC_LOCK
 * @uarg: user pointer to struct vsm_lock
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_lock(void __user *uarg)
{
	struct vsm_lock req;
	int ret;

	ret = vsm_copy_arg_from_user(&req, sizeof(req), VSM_LOCK_SIZE_VER0, uarg);
	if (ret)
		return ret;
	ret = vsm_check_lock_request(&req);
	if (ret)
		return ret;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	return vsm_hv_lock();
}

/* One hypercall's worth of records into the user array. */
static long read_page(u64 cursor, void *page, u32 max,
		      struct vsm_audit_record __user *dst)
{
	long n;

	preempt_disable();
	n = vsm_hv_call(VSM_HC_AUDIT_READ, cursor, virt_to_phys(page), max);
	preempt_enable();
	if (n <= 0)
		return n;
	if (copy_to_user(dst, page, n * sizeof(struct vsm_audit_record)))
		return -EFAULT;
	return n;
}

/**
 * vsm_ioctl_audit_read() - handle VSM_IOC_AUDIT_READ
 * @uarg: user pointer to struct vsm_audit_read
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_audit_read(void __user *uarg)
{
	struct vsm_audit_record __user *dst;
	struct vsm_audit_read req;
	struct vsm_audit_record *page;
	u32 usize, done = 0;
	long n = 0;
	int ret;

	ret = vsm_copy_arg_from_user(&req, sizeof(req), VSM_AUDIT_READ_SIZE_VER0, uarg);
	if (ret)
		return ret;
	ret = vsm_check_audit_read_request(&req);
	if (ret)
		return ret;
	if (vsm_hv_state() == VSM_STATE_LOADED)
		return -ENODEV;
	usize = req.hdr.size;
	dst = u64_to_user_ptr(req.records_ptr);
	page = (void *)__get_free_page(GFP_KERNEL | __GFP_ZERO);
	if (!page)
		return -ENOMEM;
	req.first_seq = 0;
	while (done < req.nr_records) {
		u32 want = min_t(u32, req.nr_records - done, RECORDS_PER_PAGE);

		n = read_page(req.cursor, page, want, dst + done);
		if (n <= 0)
			break;
		if (!done)
			req.first_seq = page[0].seq;
		req.cursor = page[n - 1].seq + 1;
		done += n;
		if (n < want)
			break;
	}
	free_page((unsigned long)page);
	if (n < 0)
		return n;
	req.nr_records = done;
	return vsm_copy_arg_to_user(uarg, usize, &req, sizeof(req));
}
