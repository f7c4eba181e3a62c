// SPDX-License-Identifier: GPL-2.0
/*
 * Code integrity, the driver's half: the policy ioctls, and the hook that
 * shows every module image to the secure world before Linux checks its
 * signature.  The hook is a kprobe on module_sig_check(), which sees the
 * whole file (signature included) in struct load_info; when the secure
 * world refuses, the probe makes module_sig_check() return -EPERM, so the
 * load fails as a bad signature would.  The secure world reads the image
 * itself, through the host's page tables; the driver passes only where it
 * is.  What this does not yet guarantee (a kernel that skips the hook) is
 * in Documentation/code-integrity.rst.
 */
#include <linux/capability.h>
#include <linux/io.h>
#include <linux/kprobes.h>
#include <linux/module.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/utsname.h>

#include "ci.h"
#include "hv.h"
#include "vsm.h"
#include "../common/cipolicy.h"
#include "../common/sw_abi.h"

static_assert(sizeof(struct vsm_ci_policy_header) == VSM_CI_HDR_SIZE);
static_assert(sizeof(struct vsm_ci_cert) == VSM_CI_CERT_HDR_SIZE);
static_assert(sizeof(struct vsm_ci_policy_io) == VSM_CI_POLICY_IO_SIZE_VER0);
static_assert(sizeof(struct vsm_ci_exec_scan) == VSM_CI_EXEC_SCAN_SIZE_VER0);
static_assert(VSM_CI_POLICY_MAX == VSM_CI_MAX);
static_assert(VSM_CI_CERTS_MAX == VSM_CI_NR_CERTS);
static_assert(VSM_CI_CERT_MAX == VSM_CI_CERT_BYTES);
static_assert(VSM_CI_MODE_AUDIT == VSM_CI_AUDIT && VSM_CI_MODE_ENFORCE == VSM_CI_ENFORCE);
static_assert(VSM_CI_CERT_MODULE == VSM_CI_KIND_MODULE);
static_assert(VSM_CI_CERT_POLICY == VSM_CI_KIND_POLICY);
static_assert(VSM_CI_REFUSED == VSM_CI_RES_REFUSED && VSM_CI_AUDIT_ONLY == VSM_CI_RES_AUDIT_ONLY);
static_assert(VSM_CI_ALLOWED_SIGNER == VSM_CI_RES_SIGNER && VSM_CI_ALLOWED_HASH == VSM_CI_RES_HASH);
static_assert(VSM_CI_WHY_UNSIGNED == VSM_CI_WHY_NO_SIGNATURE);
static_assert(VSM_CI_WHY_SIGNER == VSM_CI_WHY_NO_SIGNER);
static_assert(VSM_CI_WHY_BAD_SIGNATURE == VSM_CI_WHY_MALFORMED);
static_assert(VSM_CI_WHY_UNREADABLE == VSM_CI_WHY_NO_READ);
static_assert(sizeof(struct vsm_ci_module) == VSM_CI_MODULE_SIZE);

/*
 * The start of struct load_info (kernel/module/internal.h), which Linux
 * does not export; the layout is that of Linux 6.1, checked at start.
 */
#define LOAD_INFO_KERNEL	"6.1."
struct vsm_load_info_head {
	const char *name;
	struct module *mod;
	void *hdr;
	unsigned long len;
};

static bool hook_armed;

/* Before module_sig_check(info, flags): judge the image. */
static int ci_pre(struct kprobe *p, struct pt_regs *regs)
{
	const struct vsm_load_info_head *info = (const void *)regs->di;
	long ret;

	ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_CHECK, (unsigned long)info->hdr, info->len);
	if (ret != -EPERM)
		return 0;
	pr_warn_ratelimited("refused a module loaded by %s[%d]: the code-integrity policy does not allow it (vsmctl audit shows its SHA-256 prefix; add its hash or signer to the policy to allow it)\n",
			    current->comm, task_pid_nr(current));
	regs->ax = (unsigned long)-EPERM;
	instruction_pointer_set(regs, (unsigned long)vsm_ci_return);
	return 1;
}

static void ping_cpu(void *unused)
{
	vsm_hv_call(VSM_HC_PING, 0, 0, 0);
}

/*
 * Describe the module's layout to the secure world, which write-protects
 * its text and read-only data from the lock on (at once when locked);
 * every CPU then takes one exit, at which it flushes its nested TLB.
 */
static long freeze_module(struct module *mod)
{
	struct vsm_ci_module *d = kzalloc(sizeof(*d), GFP_KERNEL);
	long ret;

	if (!d)
		return -ENOMEM;
	d->base = (unsigned long)mod->core_layout.base;
	d->text_size = PAGE_ALIGN(mod->core_layout.text_size);
	d->ro_size = PAGE_ALIGN(mod->core_layout.ro_size);
#ifdef CONFIG_JUMP_LABEL
	d->jump_entries = (unsigned long)mod->jump_entries;
	d->nr_jump_entries = mod->num_jump_entries;
#endif
#ifdef CONFIG_HAVE_STATIC_CALL_INLINE
	d->static_call_sites = (unsigned long)mod->static_call_sites;
	d->nr_static_call_sites = mod->num_static_call_sites;
#endif
	ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_FREEZE, virt_to_phys(d), sizeof(*d));
	kfree(d);
	/* Locked, the pages were write-protected: every CPU flushes. */
	if (!ret && vsm_hv_state() == VSM_STATE_LOCKED)
		on_each_cpu(ping_cpu, NULL, 1);
	return ret;
}

/*
 * A module the check let in gets its text approved as executable; the
 * secure world takes one approval per allowed check, so a caller cannot
 * approve more than was checked.  Its code is frozen then too, and
 * thawed, approval first, when it goes.
 */
static int ci_module_event(struct notifier_block *nb, unsigned long state, void *data)
{
	struct module *mod = data;
	long ret = 0;

	switch (state) {
	case MODULE_STATE_COMING:
		/* One approval covers the module's text, init text included. */
		ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_APPROVE,
				  (unsigned long)mod->core_layout.base,
				  PAGE_ALIGN(mod->core_layout.text_size));
		if (!ret && mod->init_layout.text_size)
			vsm_hv_call(VSM_HC_CI, VSM_CI_OP_APPROVE_MORE,
				    (unsigned long)mod->init_layout.base,
				    PAGE_ALIGN(mod->init_layout.text_size));
		if (!ret) {
			long fret = freeze_module(mod);

			if (fret)
				pr_warn("module %s: its code is not write-protected (%ld)\n",
					mod->name, fret);
		}
		break;
	case MODULE_STATE_LIVE:
		/* Init text is freed from here on. */
		if (mod->init_layout.text_size)
			vsm_hv_call(VSM_HC_CI, VSM_CI_OP_RETRACT,
				    (unsigned long)mod->init_layout.base,
				    PAGE_ALIGN(mod->init_layout.text_size));
		break;
	case MODULE_STATE_GOING:
		/* Approval dropped, then the pages writable again (the model's order). */
		vsm_hv_call(VSM_HC_CI, VSM_CI_OP_RETRACT, (unsigned long)mod->core_layout.base,
			    PAGE_ALIGN(mod->core_layout.text_size));
		vsm_hv_call(VSM_HC_CI, VSM_CI_OP_THAW, (unsigned long)mod->core_layout.base, 0);
		break;
	}
	if (ret)
		pr_warn("module %s: its text is not approved as executable (%ld); exec scans will report it\n",
			mod->name, ret);
	return NOTIFY_DONE;
}

static struct notifier_block ci_module_nb = {
	.notifier_call = ci_module_event,
};

static struct kprobe ci_probe = {
	.symbol_name = "module_sig_check",
	.pre_handler = ci_pre,
};

/**
 * vsm_ci_start() - show every module load to the secure world from now on
 *
 * Return: 0 or the kprobe's error (the host stays protected without it).
 */
int vsm_ci_start(void)
{
	int ret;

	if (strncmp(init_utsname()->release, LOAD_INFO_KERNEL, strlen(LOAD_INFO_KERNEL))) {
		pr_err("code integrity: struct load_info of Linux %s is unknown to this build (it knows %sx); modules are not checked (use a vsm built for this kernel series)\n",
		       init_utsname()->release, LOAD_INFO_KERNEL);
		return -EOPNOTSUPP;
	}
	ret = register_kprobe(&ci_probe);
	if (ret) {
		pr_err("code integrity: cannot hook module loading (%d); modules are not checked\n",
		       ret);
		return ret;
	}
	ret = register_module_notifier(&ci_module_nb);
	if (ret) {
		unregister_kprobe(&ci_probe);
		pr_err("code integrity: cannot follow module loads (%d); modules are not checked\n",
		       ret);
		return ret;
	}
	hook_armed = true;
	return 0;
}

/* vsm_ci_stop() - stop checking modules (unload, before the lock). */
void vsm_ci_stop(void)
{
	if (hook_armed) {
		unregister_module_notifier(&ci_module_nb);
		unregister_kprobe(&ci_probe);
	}
	hook_armed = false;
}

/* Copy and check a struct vsm_ci_policy_io; the host must be protected. */
static int get_io(struct vsm_ci_policy_io *io, const void __user *uarg)
{
	int ret = vsm_copy_arg_from_user(io, sizeof(*io), VSM_CI_POLICY_IO_SIZE_VER0, uarg);

	if (ret)
		return ret;
	if (io->hdr.flags || io->reserved0 || io->reserved[0] || io->reserved[1])
		return -EINVAL;
	if (vsm_hv_state() == VSM_STATE_LOADED)
		return -ENODEV;
	return 0;
}

/* The log names the reason and the remedy: the ioctl returns a number. */
static void explain_refusal(long ret)
{
	if (ret == -EPERM)
		pr_warn("code-integrity policy refused: locked, and it is not signed by a policy key of the policy in force with a higher serial (sign it with sign-file, raise its serial)\n");
	else if (ret == -EINVAL)
		pr_warn("code-integrity policy refused: malformed (`vsmctl policy check FILE` says why)\n");
}

/**
 * vsm_ioctl_ci_policy_set() - handle VSM_IOC_CI_POLICY_SET
 * @uarg: user pointer to struct vsm_ci_policy_io
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_ci_policy_set(void __user *uarg)
{
	struct vsm_ci_policy_io io;
	void *buf;
	long ret;

	ret = get_io(&io, uarg);
	if (ret)
		return ret;
	if (!capable(CAP_SYS_ADMIN))
		return -EPERM;
	if (io.policy_size > VSM_CI_POLICY_MAX)
		return -EMSGSIZE;
	buf = kmalloc(max_t(u32, io.policy_size, 1), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	if (copy_from_user(buf, u64_to_user_ptr(io.policy_ptr), io.policy_size)) {
		kfree(buf);
		return -EFAULT;
	}
	preempt_disable();
	ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_LOAD, virt_to_phys(buf), io.policy_size);
	preempt_enable();
	if (ret)
		explain_refusal(ret);
	kfree(buf);
	return ret;
}

/**
 * vsm_ioctl_ci_policy_get() - handle VSM_IOC_CI_POLICY_GET
 * @uarg: user pointer to struct vsm_ci_policy_io
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_ci_policy_get(void __user *uarg)
{
	struct vsm_ci_policy_io io;
	u32 usize, cap;
	void *buf;
	long ret;

	ret = get_io(&io, uarg);
	if (ret)
		return ret;
	usize = io.hdr.size;
	cap = min_t(u32, io.policy_size, VSM_CI_POLICY_MAX);
	buf = kzalloc(max_t(u32, cap, 1), GFP_KERNEL);
	if (!buf)
		return -ENOMEM;
	preempt_disable();
	ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_GET, virt_to_phys(buf), cap);
	preempt_enable();
	if (ret >= 0 && ret <= cap &&
	    copy_to_user(u64_to_user_ptr(io.policy_ptr), buf, ret))
		ret = -EFAULT;
	kfree(buf);
	if (ret < 0)
		return ret;
	io.policy_size = ret;
	return vsm_copy_arg_to_user(uarg, usize, &io, sizeof(io));
}

/**
 * vsm_ioctl_ci_exec_scan() - handle VSM_IOC_CI_EXEC_SCAN
 * @uarg: user pointer to struct vsm_ci_exec_scan
 *
 * Return: 0 or a negative errno as documented in include/uapi/linux/vsm.h.
 */
int vsm_ioctl_ci_exec_scan(void __user *uarg)
{
	struct vsm_ci_exec_scan req;
	u32 usize;
	long ret;

	ret = vsm_copy_arg_from_user(&req, sizeof(req), VSM_CI_EXEC_SCAN_SIZE_VER0, uarg);
	if (ret)
		return ret;
	if (req.hdr.flags || req.reserved0 || req.reserved[0] || req.reserved[1])
		return -EINVAL;
	if (vsm_hv_state() == VSM_STATE_LOADED)
		return -ENODEV;
	usize = req.hdr.size;
	preempt_disable();
	ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_SCAN, 0, 0);
	preempt_enable();
	if (ret < 0)
		return ret;
	req.unapproved = ret;
	return vsm_copy_arg_to_user(uarg, usize, &req, sizeof(req));
}
