// SPDX-License-Identifier: GPL-2.0
/*
 * Lifecycle of the hypervisor: launch on every online CPU (and on CPUs
 * that come online later), devirtualize on unload, and refuse whatever
 * would silently drop protection: suspend, hibernation, CPU offline.
 * Reboot and kexec devirtualize and wipe the secure region first.
 */
#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/percpu.h>
#include <linux/reboot.h>
#include <linux/suspend.h>
#include <asm/processor-flags.h>
#include <asm/special_insns.h>

#include "hv.h"
#include "kvm_guard.h"
#include "region.h"
#include "vendor.h"
#include "vsm.h"

static unsigned int secure_size_kib;
module_param(secure_size_kib, uint, 0444);
MODULE_PARM_DESC(secure_size_kib,
		 "Secure region size in KiB: 0 sizes it for the machine's CPUs (default), or a multiple of 2048 up to 2097152");

static bool protect = true;
module_param(protect, bool, 0444);
MODULE_PARM_DESC(protect,
		 "Launch the hypervisor at load (default Y); N only reports capabilities");

static bool lock;
module_param(lock, bool, 0444);
MODULE_PARM_DESC(lock,
		 "Lock right after launch (default N): no unload, no leaving the hypervisor, until reboot");

static bool pin = true;
module_param(pin, bool, 0444);
MODULE_PARM_DESC(pin,
		 "Pin CPU state (syscall MSRs, EFER bits) at the lock (default Y); N only to kexec a locked host");

static bool nested = true;
module_param(nested, bool, 0444);
MODULE_PARM_DESC(nested,
		 "Offer SVM to the host so that KVM runs its guests under vsm (default Y); N hides SVM");

static bool vmx = true;
module_param(vmx, bool, 0444);
MODULE_PARM_DESC(vmx,
		 "Protect Intel hosts with VMX and EPT (default Y; no nested VMX yet, so KVM cannot run under vsm there); N only reports capabilities");

static u32 nested_pages;	/* per CPU; 0: SVM hidden */
static const struct vsm_vendor_ops *vendor;
static struct vsm_region region;
static struct vsm_kernel_image image;
static enum cpuhp_state hp_state;
static bool hp_registered;
static bool notifiers_registered;
static bool allow_devirt;	/* set while tearing down on purpose */
static DEFINE_MUTEX(hv_lock);
static DEFINE_PER_CPU(bool, cpu_protected);
static enum vsm_state hv_state = VSM_STATE_LOADED;

static int vsm_cpu_online(unsigned int cpu)
{
	unsigned long flags;
	int ret;

	local_irq_save(flags);
	ret = vendor->cpu_launch(&region, cpu);
	local_irq_restore(flags);
	if (!ret)
		this_cpu_write(cpu_protected, true);
	return ret;
}

static int vsm_cpu_offline(unsigned int cpu)
{
	unsigned long flags;
	int ret;

	if (!READ_ONCE(allow_devirt)) {
		pr_err("CPU %u cannot go offline while the host is protected (it would leave the hypervisor); %s\n",
		       cpu, READ_ONCE(hv_state) == VSM_STATE_LOCKED ?
		       "locked until reboot" : "unload vsm first");
		if (this_cpu_read(cpu_protected))
			vsm_hv_call(VSM_HC_NOTE_REFUSAL, VSM_REFUSED_CPU_OFFLINE, cpu, 0);
		return -EBUSY;
	}
	if (!this_cpu_read(cpu_protected))
		return 0;
	local_irq_save(flags);
	ret = vendor->cpu_devirt();
	local_irq_restore(flags);
	if (ret) {
		pr_err("CPU %u: leaving the hypervisor was refused (%d); vsm stays loaded\n", cpu, ret);
		return ret;
	}
	this_cpu_write(cpu_protected, false);
	return 0;
}

static int vsm_pm_notify(struct notifier_block *nb, unsigned long action, void *p)
{
	switch (action) {
	case PM_SUSPEND_PREPARE:
	case PM_HIBERNATION_PREPARE:
	case PM_RESTORE_PREPARE:
		pr_err("suspend and hibernation are refused while the host is protected: the secure world cannot survive them; unload vsm first\n");
		if (vsm_hv_state() != VSM_STATE_LOADED)
			vsm_hv_call(VSM_HC_NOTE_REFUSAL, VSM_REFUSED_SUSPEND, action, 0);
		return notifier_from_errno(-EBUSY);
	default:
		return NOTIFY_DONE;
	}
}

static struct notifier_block vsm_pm_nb = { .notifier_call = vsm_pm_notify };

static void hv_stop_locked(void);

static int vsm_reboot_notify(struct notifier_block *nb, unsigned long action,
			     void *p)
{
	mutex_lock(&hv_lock);
	if (hv_state == VSM_STATE_PROTECTED) {
		pr_info("reboot: leaving the hypervisor and wiping the secure region\n");
		hv_stop_locked();
	} else if (hv_state == VSM_STATE_LOCKED) {
		/*
		 * A kexec ends here too, and no reset follows it for the
		 * hypervisor to see: drop the secrets now.
		 */
		long ret = vsm_hv_call(VSM_HC_SEAL, 0, 0, 0);

		if (ret)
			pr_err("reboot: the secure world did not wipe its secrets (%ld)\n", ret);
		else
			pr_info("reboot: locked: secrets wiped, the hypervisor stays until the machine resets\n");
	}
	mutex_unlock(&hv_lock);
	return NOTIFY_DONE;
}

static struct notifier_block vsm_reboot_nb = { .notifier_call = vsm_reboot_notify };

/*
 * Say why nested SVM has fewer shadow pages than it could, or none, and
 * how to give it more.
 */
static void report_pools(const struct vsm_region *r)
{
	u32 pages = r->pool_pages;

	if (!pages && r->automatic)
		pr_warn("automatic sizing takes at most 1/%u of RAM (%zu KiB), too little for shadow nested page tables for %u CPUs: SVM stays hidden from the host (KVM cannot load); load vsm with secure_size_kib=%zu to give them room\n",
			VSM_REGION_RAM_SHARE, r->size >> 10, nr_cpu_ids,
			r->full_size >> 10);
	else if (!pages)
		pr_warn("secure_size_kib=%zu leaves no room for shadow nested page tables for %u CPUs: SVM stays hidden from the host (KVM cannot load); load vsm with secure_size_kib=0 (automatic, the default) or secure_size_kib=%zu\n",
			r->size >> 10, nr_cpu_ids, r->full_size >> 10);
	else if (r->capped)
		pr_info("automatic sizing takes at most 1/%u of RAM: %u shadow nested page-table pages per CPU instead of %u; secure_size_kib=%zu gives the full pools\n",
			VSM_REGION_RAM_SHARE, pages, VSM_SNPT_POOL_MAX,
			r->full_size >> 10);
}

/* Secure memory each CPU takes: its area and its shadow page-table pool. */
static size_t region_cpu_bytes(const struct vsm_region *r)
{
	return (VSM_CPU_PAGES + r->pool_pages) * VSM_PAGE_SIZE;
}

static int check_host(void)
{
	if (__read_cr4() & X86_CR4_LA57) {
		pr_err("5-level paging is not supported yet: boot with no5lvl to use vsm\n");
		return -EOPNOTSUPP;
	}
	if (!vendor->nested_kvm && vsm_kvm_loaded()) {
		pr_err("KVM (%s) is loaded: unload it first; vsm hides %s from the host until nested %s is supported\n",
		       vendor->kvm_module, vendor->name, vendor->name);
		return -EBUSY;
	}
	if (!nested && vsm_kvm_loaded()) {
		pr_err("KVM (%s) is loaded: unload it first, or load vsm with nested=Y (the default) to keep KVM working under vsm\n",
		       vendor->kvm_module);
		return -EBUSY;
	}
	if (secure_size_kib % (VSM_REGION_ALIGN >> 10) ||
	    secure_size_kib > VSM_REGION_MAX >> 10) {
		pr_err("secure_size_kib=%u is not supported: use 0 (automatic, the default) or a multiple of %lu up to %lu\n",
		       secure_size_kib, VSM_REGION_ALIGN >> 10, VSM_REGION_MAX >> 10);
		return -EINVAL;
	}
	return 0;
}

/**
 * vsm_hv_kernel_image() - the kernel image the lock write-protects
 *
 * Return: it, or NULL when nothing will be write-protected (pin=0, or the
 * image was not found).
 */
const struct vsm_kernel_image *vsm_hv_kernel_image(void)
{
	return image.text.end ? &image : NULL;
}

/**
 * vsm_hv_start() - launch the hypervisor under every online CPU
 * @caps: the boot CPU's capabilities
 *
 * Return: 0 (also when protection is unavailable on this CPU, or disabled
 * with protect=N: the module then only reports), or a negative errno.
 */
int vsm_hv_start(const struct vsm_info *caps)
{
	int ret;

	if (!protect) {
		pr_info("protect=N: not launching the hypervisor\n");
		return 0;
	}
	vendor = caps->vendor == VSM_VENDOR_AMD ? &vsm_svm_ops :
		 caps->vendor == VSM_VENDOR_INTEL && vmx ? &vsm_vmx_ops : NULL;
	if (!vendor) {
		pr_warn("%s hosts are not protected yet: only reporting capabilities%s\n",
			caps->vendor == VSM_VENDOR_INTEL ? "with vmx=N, Intel" : "this CPU's",
			lock ? " (lock=1 has nothing to lock)" : "");
		return 0;
	}
	ret = vendor->check(caps);
	if (!ret)
		ret = check_host();
	if (ret)
		return ret;

	/* With pin=N (kexec after the lock) the text stays writable too. */
	if (pin && vsm_kernel_image_find(&image))
		pr_warn("kernel text will not be write-protected at the lock\n");
	mutex_lock(&hv_lock);
	ret = vsm_region_create(&region, (size_t)secure_size_kib << 10,
				nested && vendor->nested_kvm,
				caps->phys_addr_bits, vendor,
				pin && image.text.end ? &image : NULL);
	if (ret)
		goto out;
	/* Read by the secure world only; the host cannot change it later. */
	region.boot->pin_at_lock = pin;
	/* The host cannot read the region once it is protected: keep a copy. */
	nested_pages = nested && vendor->nested_kvm ? region.pool_pages : 0;
	region.boot->nested = !!nested_pages;
	if (nested && vendor->nested_kvm)
		report_pools(&region);
	if (nested_pages) {
		ret = vsm_kvm_guard_start();
		if (ret)
			goto free_region;
	}
	if (!pin)
		pr_warn("pin=N: CPU state will not be pinned at the lock\n");
	ret = register_pm_notifier(&vsm_pm_nb);
	if (ret)
		goto free_region;
	ret = register_reboot_notifier(&vsm_reboot_nb);
	if (ret)
		goto unregister_pm;

	notifiers_registered = true;
	WRITE_ONCE(allow_devirt, true);	/* a failed launch rolls back */
	ret = cpuhp_setup_state(CPUHP_AP_ONLINE_DYN, "vsm:online",
				vsm_cpu_online, vsm_cpu_offline);
	WRITE_ONCE(allow_devirt, false);
	if (ret < 0)
		goto unregister_reboot;
	hp_state = ret;
	hp_registered = true;
	hv_state = VSM_STATE_PROTECTED;
	if (region.amdvi) {	/* the driver's copy: the region is hidden now */
		preempt_disable();
		vsm_dma_taken(vsm_hv_call(VSM_HC_DMA, VSM_DMA_OP_TAKE, 0, 0));
		preempt_enable();
	}
	pr_info("%s hypervisor running on %u CPUs; secure region %zu KiB at %pa\n",
		vendor->name, num_online_cpus(), region.size >> 10, &region.pa);
	pr_info("secure memory per CPU: %zu KiB (%llu KiB CPU state + %u pages of shadow nested page tables) for %u possible CPUs\n",
		region_cpu_bytes(&region) >> 10, VSM_CPU_PAGES * VSM_PAGE_SIZE >> 10,
		region.pool_pages, nr_cpu_ids);
	if (nested_pages)
		pr_info("nested SVM for KVM: %u pages of shadow nested page tables per CPU\n",
			nested_pages);
	mutex_unlock(&hv_lock);
	if (lock)
		return vsm_hv_lock();
	return 0;

unregister_reboot:
	notifiers_registered = false;
	unregister_reboot_notifier(&vsm_reboot_nb);
unregister_pm:
	unregister_pm_notifier(&vsm_pm_nb);
free_region:
	vsm_kvm_guard_stop();
	vsm_region_destroy(&region);
out:
	mutex_unlock(&hv_lock);
	return ret;
}

static void hv_stop_locked(void)
{
	bool keep = false;

	if (hp_registered && vsm_dma_state() == VSM_DMA_PROTECTED) {
		long ret;

		preempt_disable();
		ret = vsm_hv_call(VSM_HC_DMA, VSM_DMA_OP_RELEASE, 0, 0);
		preempt_enable();
		vsm_dma_released(ret);
		/* An IOMMU that may still walk the region's tables keeps them. */
		keep = ret && ret != -EIO;
	}
	if (hp_registered) {
		WRITE_ONCE(allow_devirt, true);
		cpuhp_remove_state(hp_state);
		WRITE_ONCE(allow_devirt, false);
		hp_registered = false;
	}
	vsm_kvm_guard_stop();
	if (keep)
		pr_err("dma: the IOMMU was not given back: the secure region is leaked, not freed\n");
	else
		vsm_region_destroy(&region);
	nested_pages = 0;
	hv_state = VSM_STATE_LOADED;
}

/**
 * vsm_hv_stop() - devirtualize every CPU, wipe and free the secure region
 */
void vsm_hv_stop(void)
{
	bool running;

	mutex_lock(&hv_lock);
	running = hv_state != VSM_STATE_LOADED;
	if (running)
		hv_stop_locked();
	mutex_unlock(&hv_lock);
	/* Not from the reboot notifier: a chain cannot be left from inside. */
	if (notifiers_registered) {
		unregister_reboot_notifier(&vsm_reboot_nb);
		unregister_pm_notifier(&vsm_pm_nb);
		notifiers_registered = false;
	}
	if (running)
		pr_info("hypervisor stopped on every CPU\n");
}

/**
 * vsm_hv_lock() - protected -> locked, one way until reboot
 *
 * The secure world refuses from now on to leave any CPU; the module pins
 * itself so it cannot be unloaded.
 *
 * Return: 0 (also when already locked), -ENODEV when not protected, or the
 * secure world's error.
 */
/* Any exit pins a locked CPU's state; a ping is the cheapest one. */
static void pin_this_cpu(void *unused)
{
	vsm_hv_call(VSM_HC_PING, 0, 0, 0);
}

int vsm_hv_lock(void)
{
	long ret;

	mutex_lock(&hv_lock);
	if (hv_state == VSM_STATE_LOCKED) {
		mutex_unlock(&hv_lock);
		return 0;
	}
	if (hv_state != VSM_STATE_PROTECTED) {
		mutex_unlock(&hv_lock);
		return -ENODEV;
	}
	preempt_disable();
	ret = vsm_hv_call(VSM_HC_LOCK, 0, 0, 0);
	preempt_enable();
	if (!ret) {
		__module_get(THIS_MODULE);
		hv_state = VSM_STATE_LOCKED;
		/* Pin every CPU before the ioctl returns, not at its next exit. */
		on_each_cpu(pin_this_cpu, NULL, 1);
		pr_notice("locked: the module cannot be unloaded and the hypervisor stays on every CPU until the machine resets\n");
	}
	mutex_unlock(&hv_lock);
	return ret;
}

enum vsm_state vsm_hv_state(void)
{
	return READ_ONCE(hv_state);
}

bool vsm_hv_cpu_protected(unsigned int cpu)
{
	return per_cpu(cpu_protected, cpu);
}

/**
 * vsm_hv_call() - issue a hypercall on this CPU
 * @nr: VSM_HC_*
 * @a0: first argument
 * @a1: second argument
 * @a2: third argument
 *
 * Return: the secure world's result, or -ENODEV when this CPU is not
 * protected (the caller must keep preemption disabled).
 */
long vsm_hv_call(unsigned long nr, unsigned long a0, unsigned long a1,
		 unsigned long a2)
{
	if (!vendor || !this_cpu_read(cpu_protected))
		return -ENODEV;
	return vendor->hypercall(nr, a0, a1, a2);
}

/**
 * vsm_hv_cpu_bytes() - secure memory each CPU takes, for the reports
 *
 * Return: bytes of the per-CPU area and shadow page-table pool of one
 * CPU, or 0 when the hypervisor is not running.
 */
u64 vsm_hv_cpu_bytes(void)
{
	u64 bytes = 0;

	mutex_lock(&hv_lock);
	if (hv_state != VSM_STATE_LOADED)
		bytes = region_cpu_bytes(&region);
	mutex_unlock(&hv_lock);
	return bytes;
}

/**
 * vsm_hv_region_info() - where the secure region is, for the reports
 * @pa: physical base, or 0 when not running
 * @size: bytes
 * @cov: nested paging coverage of RAM
 * @sw_tables: page-table pages of the secure world's own map
 * @snpt_pages: shadow nested page-table pages per CPU (0: no nested SVM)
 */
void vsm_hv_region_info(u64 *pa, u64 *size, struct vsm_pt_coverage *cov,
			u64 *sw_tables, u32 *snpt_pages)
{
	mutex_lock(&hv_lock);
	if (hv_state == VSM_STATE_LOADED) {
		*pa = 0;
		*size = 0;
		*snpt_pages = 0;
		memset(cov, 0, sizeof(*cov));
		*sw_tables = 0;
	} else {
		*pa = region.pa;
		*size = region.size;
		*snpt_pages = nested_pages;
		*cov = region.npt_cov;
		*sw_tables = region.sw_tables;
	}
	mutex_unlock(&hv_lock);
}
