// SPDX-License-Identifier: GPL-2.0
/*
 * KVM on a protected host runs on the hypervisor's emulated SVM: its VMs
 * live inside the secure world's nested-virtualization state, which
 * leaving the hypervisor would pull out from under them.  So while a KVM
 * vendor module is loaded, vsm holds a reference on itself and cannot be
 * unloaded; unloading KVM (which needs every VM gone) releases it.
 */
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/string.h>

#include "kvm_guard.h"

#define KVM_MISC_MINOR	232	/* /dev/kvm, registered by kvm_init() */

static DEFINE_MUTEX(guard_lock);
static bool held;
static bool registered;

static bool is_kvm_vendor(const char *name)
{
	return !strcmp(name, "kvm_amd") || !strcmp(name, "kvm_intel");
}

static void hold(bool on)
{
	mutex_lock(&guard_lock);
	if (on && !held) {
		__module_get(THIS_MODULE);
		pr_info("KVM is loaded: vsm stays loaded until KVM is unloaded\n");
	} else if (!on && held) {
		module_put(THIS_MODULE);
	}
	held = on;
	mutex_unlock(&guard_lock);
}

static int kvm_guard_notify(struct notifier_block *nb, unsigned long state,
			    void *data)
{
	struct module *mod = data;

	if (!is_kvm_vendor(mod->name))
		return NOTIFY_DONE;
	if (state == MODULE_STATE_COMING)
		hold(true);
	else if (state == MODULE_STATE_GOING)
		hold(false);
	return NOTIFY_DONE;
}

static struct notifier_block kvm_guard_nb = { .notifier_call = kvm_guard_notify };

/**
 * vsm_kvm_loaded() - is a KVM vendor module (kvm_amd, kvm_intel) loaded?
 *
 * kvm_init() registers /dev/kvm with its fixed minor; if that minor is
 * taken, a vendor module is loaded.
 *
 * Return: true if so.
 */
bool vsm_kvm_loaded(void)
{
	static const struct file_operations fops = { .owner = THIS_MODULE };
	struct miscdevice probe = {
		.minor = KVM_MISC_MINOR,
		.name = "vsm-kvm-probe",
		.fops = &fops,
	};

	if (misc_register(&probe))
		return true;
	misc_deregister(&probe);
	return false;
}

/**
 * vsm_kvm_guard_start() - hold vsm loaded whenever KVM is
 *
 * Return: 0 or the notifier registration's error.
 */
int vsm_kvm_guard_start(void)
{
	int ret = register_module_notifier(&kvm_guard_nb);

	if (ret)
		return ret;
	registered = true;
	if (vsm_kvm_loaded())
		hold(true);
	return 0;
}

/**
 * vsm_kvm_guard_stop() - stop watching (vsm is going: KVM is not loaded)
 */
void vsm_kvm_guard_stop(void)
{
	if (registered)
		unregister_module_notifier(&kvm_guard_nb);
	registered = false;
	hold(false);
}
