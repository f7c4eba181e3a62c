// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_attack - plays a compromised kernel (or a patched vsm driver).  For
 * the selftests only.
 *
 * mode=devirt (default): on every CPU, ask the secure world directly, with
 * VMMCALL, to leave the hypervisor.  Loading succeeds only if every CPU
 * refused with -EPERM (the host must be locked).
 *
 * mode=touch|memremap|vmap region=PA size=BYTES: read and write every page
 * of the secure region through Linux's direct map, through memremap(), or
 * through a new uncached kernel mapping of its pages built with vmap().
 * Loading succeeds only if no read showed the secure world's marker or
 * image header, no write stayed (each read back is of the decoy, zero)
 * and the host survived; what was read is logged.
 *
 * mode=writes region=PA size=BYTES: write the region's second page with every kind
 * of instruction a kernel writes memory with (stores, atomics, REP
 * strings forward and backward, memset(), memcpy()); loading succeeds
 * only if the page reads zero after each and the host went on.
 *
 * mode=ioremap: ask ioremap() for the region; Linux refuses RAM (with a
 * one-time warning).  Loading succeeds only if it was refused.
 *
 * mode=usermap: offer /dev/vsm_attack, whose mmap() maps the region into
 * the calling process (remap_pfn_range), for vsm_usermap to attack from
 * user space.  Stays loaded until rmmod.
 *
 * mode=findram region=PA size=BYTES: offer /dev/vsm_findram, whose ioctl
 * (any command; the argument points to a NUL-terminated hex pattern of 1
 * to 64 bytes) searches every page of System RAM, except the secure region
 * (the host cannot read it) and KFENCE's guard pages, and returns how many
 * places hold the pattern; for the key store's no-leak test.  An ioctl
 * rather than a module load per search, so that as little as possible
 * runs between the caller's last key operation and the search.
 *
 * mode=scan: only read the region (no write), through memremap(), and fail
 * with -EIO if it shows the marker (the image itself is no secret); for a
 * kernel booted by kexec on a formerly protected host, which must keep the
 * region out of its RAM (memmap=SIZE$BASE): the hypervisor stays.
 *
 * mode=triple: make this CPU triple-fault (an empty IDT, then INT3: #GP,
 * #DF, shutdown), as a crashing or hostile kernel would to reset the
 * machine with secrets in RAM.  Never returns; the hypervisor must wipe
 * the secure region before the machine resets.
 *
 * mode=init target=CPU: send an INIT IPI to that CPU, which would reset it
 * out of the hypervisor if the hypervisor let it, then ask it to run a
 * function.  Loading succeeds only if it still runs Linux within a second.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/bitops.h>
#include <linux/gfp.h>
#include <linux/ioport.h>
#include <linux/kfence.h>
#include <linux/sched.h>
#include <linux/io.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/smp.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <linux/workqueue.h>
#include <linux/delay.h>
#include <asm/apic.h>
#include <asm/desc.h>
#include <asm/processor.h>

#include "hypercall.h"

#define VSM_HC_DEVIRT	3

#define VSM_SW_MAGIC	0x31574d53564d5356ULL	/* kmod/common/sw_abi.h */
#define PATTERN		0x5a5a5a5a5a5a5a5aULL

static char *mode = "devirt";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "devirt, touch, writes, memremap, vmap, ioremap, usermap, findram, scan, init or triple");
static int target = 1;
module_param(target, int, 0444);
static unsigned long region;
module_param(region, ulong, 0444);
static unsigned long size;
module_param(size, ulong, 0444);

static atomic_t refused = ATOMIC_INIT(0);
static atomic_t other = ATOMIC_INIT(0);

static void try_devirt(void *unused)
{
	long ret = vsm_attack_devirt(boot_cpu_data.x86_vendor == X86_VENDOR_INTEL);

	pr_info("cpu %d: devirtualize hypercall returned %ld\n",
		smp_processor_id(), ret);
	if (ret == -EPERM)
		atomic_inc(&refused);
	else
		atomic_inc(&other);
}

/* kmod/common/sw_abi.h: VSM_SECRET_MARKER */
static const char marker[] = "vsm-secure-world-marker:0f3c9a51";

/*
 * The marker is the secret; the image header only proves the read reached
 * the secure image, which is not secret but must not be visible while the
 * region is protected.  After a kexec (@secret_only) only secrets count.
 */
static bool secret_only;

static bool page_shows_secret(const u8 *p)
{
	unsigned long i;

	if (!secret_only && *(const u64 *)p == VSM_SW_MAGIC)
		return true;
	for (i = 0; i + sizeof(marker) - 1 <= PAGE_SIZE; i++)
		if (!memcmp(p + i, marker, sizeof(marker) - 1))
			return true;
	return false;
}

/*
 * Read every page at @va (a mapping of the region), then write to it and
 * read the word back unless @read_only.  A write that stays is a failure:
 * the decoy drops writes, so that no two contained accessors can pass data.
 */
static int scan_region(u8 *va, const char *how, bool read_only)
{
	unsigned long off, leaks = 0, zeros = 0, others = 0, kept = 0;

	for (off = 0; off < size; off += PAGE_SIZE) {
		u64 *p = (u64 *)(va + off);

		if (page_shows_secret(va + off))
			leaks++;
		else if (!READ_ONCE(p[0]))
			zeros++;
		else
			others++;
		if (read_only)
			continue;
		WRITE_ONCE(p[1], PATTERN);
		if (READ_ONCE(p[1]) == PATTERN)
			kept++;
	}
	pr_info("%s: read%s %lu pages: %lu showed the secure image, %lu read zero, %lu other, %lu writes kept\n",
		how, read_only ? "" : " and wrote", size >> PAGE_SHIFT, leaks, zeros, others, kept);
	return leaks || kept ? -EIO : 0;
}

/*
 * The instructions a kernel writes memory with, aimed at one secure page
 * (@va, already contained): every write must be dropped (the page reads
 * zero after each) and the host go on past it.  String writes run forward
 * and backward and cross into the next page, where the rest of a REP
 * continues.  Returns how many left a trace.
 */
static int write_forms(u8 *va)
{
	static u8 src[2 * PAGE_SIZE];
	unsigned long *word = (unsigned long *)(va + 64), cnt, old;
	void *dst;
	int kept = 0, i;

	memset(src, 0xa5, sizeof(src));
#define DROPPED(what) do {						\
		if (memchr_inv(va, 0, PAGE_SIZE)) {			\
			pr_err("write forms: %s left a trace\n", what);	\
			kept++;						\
		}							\
	} while (0)
	WRITE_ONCE(*(u8 *)va, 0x11);
	DROPPED("a byte store");
	WRITE_ONCE(*(u16 *)(va + 2), 0x2222);
	DROPPED("a 16-bit store");
	WRITE_ONCE(*(u32 *)(va + 4), 0x33333333);
	DROPPED("a 32-bit store");
	WRITE_ONCE(*word, PATTERN);
	DROPPED("a 64-bit store");
	asm volatile("movq $-1, %0" : "=m"(*word));
	DROPPED("a store of an immediate");
	atomic64_inc((atomic64_t *)word);
	DROPPED("lock incq");
	atomic64_add_return(5, (atomic64_t *)word);
	DROPPED("lock xaddq");
	old = 0;
	try_cmpxchg(word, &old, PATTERN);
	DROPPED("lock cmpxchgq");
	xchg(word, PATTERN);
	DROPPED("xchg");
	set_bit(3, word);
	DROPPED("lock btsq");
	asm volatile("orq $0x70, %0" : "+m"(*word));
	DROPPED("or to memory");
	asm volatile("notq %0" : "+m"(*word));
	DROPPED("not of memory");
	asm volatile("movnti %1, %0" : "=m"(*word) : "r"(PATTERN));
	DROPPED("movnti");
	/* REP STOSB over the whole page, forward. */
	dst = va;
	cnt = PAGE_SIZE;
	asm volatile("rep stosb" : "+D"(dst), "+c"(cnt) : "a"(0x5a) : "memory");
	DROPPED("rep stosb");
	if (cnt || dst != va + PAGE_SIZE)
		kept++, pr_err("write forms: rep stosb left rcx %lu, rdi +%ld\n",
			       cnt, (long)(dst - (void *)va));
	/* REP MOVSQ from a buffer. */
	for (i = 0; i < 2; i++) {
		const void *s = src;

		dst = va;
		cnt = PAGE_SIZE / 8;
		asm volatile("rep movsq" : "+D"(dst), "+S"(s), "+c"(cnt) : : "memory");
		DROPPED("rep movsq");
		if (cnt || s != src + PAGE_SIZE)
			kept++, pr_err("write forms: rep movsq left rcx %lu\n", cnt);
	}
	/* REP STOSQ backward, from the last word. */
	dst = va + PAGE_SIZE - 8;
	cnt = PAGE_SIZE / 8;
	asm volatile("std; rep stosq; cld" : "+D"(dst), "+c"(cnt) : "a"(PATTERN) : "memory");
	DROPPED("std; rep stosq");
	if (cnt || dst != (void *)va - 8)
		kept++, pr_err("write forms: backward rep stosq left rcx %lu\n", cnt);
	/* REP STOSB across into the next (secure) page. */
	dst = va + PAGE_SIZE - 100;
	cnt = 200;
	asm volatile("rep stosb" : "+D"(dst), "+c"(cnt) : "a"(0x5a) : "memory");
	DROPPED("rep stosb across pages");
	if (cnt || dst != va + PAGE_SIZE + 100 || memchr_inv(va + PAGE_SIZE, 0, PAGE_SIZE))
		kept++, pr_err("write forms: rep stosb across pages left rcx %lu\n", cnt);
	memset(va, 0x77, PAGE_SIZE);
	DROPPED("memset()");
	memcpy(va, src, PAGE_SIZE);
	DROPPED("memcpy()");
#undef DROPPED
	return kept;
}

/* mode=writes: write_forms() on the region's second page, which is secret data. */
static int writes_region(void)
{
	int kept, before;
	u8 *va = phys_to_virt(region + PAGE_SIZE);

	if (size < 3 * PAGE_SIZE)
		return -EINVAL;
	/* Touch it first: the decoy is mapped read-only on the first access. */
	before = memchr_inv(va, 0, PAGE_SIZE) ? 1 : 0;
	kept = write_forms(va);
	pr_info("write forms: %d left a trace (page read %s before)\n",
		kept, before ? "non-zero" : "zero");
	return kept || before ? -EIO : 0;
}

/* The detector must see a marker where there is one, or the test proves nothing. */
static bool detector_works(void)
{
	u8 *page = (u8 *)__get_free_page(GFP_KERNEL | __GFP_ZERO);
	bool ok;

	if (!page)
		return false;
	memcpy(page + 1000, marker, sizeof(marker) - 1);
	ok = page_shows_secret(page);
	free_page((unsigned long)page);
	return ok;
}

/* A new kernel mapping of the region's pages, uncached, that Linux never checks. */
static int vmap_region(void)
{
	unsigned long i, n = size >> PAGE_SHIFT;
	struct page **pages;
	void *va;
	int ret;

	pages = kvmalloc_array(n, sizeof(*pages), GFP_KERNEL);
	if (!pages)
		return -ENOMEM;
	for (i = 0; i < n; i++)
		pages[i] = pfn_to_page(PHYS_PFN(region) + i);
	va = vmap(pages, n, VM_MAP, pgprot_noncached(PAGE_KERNEL));
	kvfree(pages);
	if (!va)
		return -ENOMEM;
	ret = scan_region(va, "vmap uncached", false);
	vunmap(va);
	return ret;
}

static int ioremap_region(void)
{
	void __iomem *va = ioremap(region, size);

	if (!va) {
		pr_info("ioremap: refused\n");
		return 0;
	}
	pr_err("ioremap: mapped the region\n");
	iounmap(va);
	return -EIO;
}

static int usermap_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;

	if (vma->vm_pgoff || len > size)
		return -EINVAL;
	return remap_pfn_range(vma, vma->vm_start, PHYS_PFN(region), len,
			       vma->vm_page_prot);
}

static const struct file_operations usermap_fops = {
	.owner = THIS_MODULE,
	.mmap = usermap_mmap,
};

static struct miscdevice usermap_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vsm_attack",
	.fops = &usermap_fops,
	.mode = 0600,
};

static bool usermap_registered;

static int touch_region(void)
{
	void *va;
	int ret;

	if (!region || !size || (region | size) & ~PAGE_MASK)
		return -EINVAL;
	if (!detector_works()) {
		pr_err("the marker detector does not work\n");
		return -EINVAL;
	}
	if (!strcmp(mode, "touch"))
		return scan_region(phys_to_virt(region), "direct map", false);
	if (!strcmp(mode, "writes"))
		return writes_region();
	if (!strcmp(mode, "scan")) {
		/* The kexec'd kernel keeps the region out of its RAM (memmap=). */
		void *va = memremap(region, size, MEMREMAP_WB);
		int ret;

		if (!va)
			return -ENOMEM;
		secret_only = true;
		ret = scan_region(va, "scan", true);
		memunmap(va);
		return ret;
	}
	if (!strcmp(mode, "vmap"))
		return vmap_region();
	if (!strcmp(mode, "ioremap"))
		return ioremap_region();
	if (!strcmp(mode, "usermap")) {
		ret = misc_register(&usermap_dev);
		usermap_registered = !ret;
		return ret;
	}
	if (strcmp(mode, "memremap"))
		return -EINVAL;
	va = memremap(region, size, MEMREMAP_WB);
	if (!va)
		return -ENOMEM;
	ret = scan_region(va, "memremap", false);
	memunmap(va);
	return ret;
}

struct findram {
	const u8 *pat;
	size_t len;
	unsigned long hits;
};

static int findram_range(struct resource *res, void *arg)
{
	unsigned long start_pfn = PFN_UP(res->start);
	unsigned long nr = PFN_DOWN(res->end + 1) - start_pfn;
	struct findram *f = arg;
	unsigned long pfn, off;

	for (pfn = start_pfn; pfn < start_pfn + nr; pfn++) {
		phys_addr_t pa = PFN_PHYS(pfn);
		const u8 *va = pfn_to_kaddr(pfn);
		/* A copy may run into the next page when that is RAM too. */
		unsigned long room = pfn + 1 < start_pfn + nr ? PAGE_SIZE : PAGE_SIZE - f->len + 1;

		if (pa >= region && pa < region + size)
			continue;
		if (is_kfence_address(va))
			continue;
		for (off = 0; off < room; off++) {
			if (va[off] != f->pat[0] || va + off == f->pat)
				continue;
			if (!memcmp(va + off, f->pat, f->len)) {
				if (f->hits < 4)
					pr_info("findram: pattern at %pa + %#lx\n", &pa, off);
				f->hits++;
			}
		}
		cond_resched();
	}
	return 0;
}

static long findram_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	struct findram f = { };
	char hex[129];
	long len;
	u8 *pat;
	int ret;

	len = strncpy_from_user(hex, (const char __user *)arg, sizeof(hex));
	if (len < 0)
		return len;
	if (len == sizeof(hex) || !len || len % 2)
		return -EINVAL;
	f.len = len / 2;
	pat = kmalloc(f.len, GFP_KERNEL);
	if (!pat)
		return -ENOMEM;
	ret = hex2bin(pat, hex, f.len);
	if (!ret) {
		f.pat = pat;
		walk_iomem_res_desc(IORES_DESC_NONE, IORESOURCE_SYSTEM_RAM | IORESOURCE_BUSY,
				    0, -1, &f, findram_range);
		pr_info("findram: %lu places hold the pattern\n", f.hits);
	}
	kfree_sensitive(pat);
	return ret ? -EINVAL : (long)f.hits;
}

static const struct file_operations findram_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = findram_ioctl,
};

static struct miscdevice findram_dev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "vsm_findram",
	.fops = &findram_fops,
	.mode = 0600,
};

static bool findram_registered;

static int findram(void)
{
	int ret;

	if (!region || !size)
		return -EINVAL;
	ret = misc_register(&findram_dev);
	findram_registered = !ret;
	return ret;
}

static atomic_t alive = ATOMIC_INIT(0);

static void mark_alive(void *unused)
{
	atomic_set(&alive, 1);
}

/* Runs on a kworker bound to another CPU than the target. */
static long send_init(void *unused)
{
	int i;

	apic->icr_write(APIC_INT_ASSERT | APIC_DM_INIT, per_cpu(x86_cpu_to_apicid, target));
	pr_info("INIT sent to cpu %d\n", target);
	mdelay(100);
	smp_call_function_single(target, mark_alive, NULL, 0);
	for (i = 0; i < 1000 && !atomic_read(&alive); i++)
		mdelay(1);
	pr_info("cpu %d %s\n", target, atomic_read(&alive) ? "still runs Linux" : "does not answer");
	return atomic_read(&alive) ? 0 : -EIO;
}

static int triple_fault(void)
{
	struct desc_ptr none = { .size = 0, .address = 0 };

	pr_info("triple-faulting cpu %d\n", raw_smp_processor_id());
	local_irq_disable();
	native_load_idt(&none);
	asm volatile("int3");
	return -EIO;	/* not reached */
}

static int __init vsm_attack_init(void)
{
	if (!strcmp(mode, "triple"))
		return triple_fault();
	if (!strcmp(mode, "findram"))
		return findram();
	if (!strcmp(mode, "init")) {
		if (target < 0 || target >= nr_cpu_ids || !cpu_online(target) ||
		    num_online_cpus() < 2)
			return -EINVAL;
		return work_on_cpu(target ? 0 : 1, send_init, NULL);
	}
	if (strcmp(mode, "devirt"))
		return touch_region();
	on_each_cpu(try_devirt, NULL, 1);
	pr_info("%d CPUs refused, %d did not\n", atomic_read(&refused),
		atomic_read(&other));
	return atomic_read(&other) ? -EINVAL : 0;
}

static void __exit vsm_attack_exit(void)
{
	if (usermap_registered)
		misc_deregister(&usermap_dev);
	if (findram_registered)
		misc_deregister(&findram_dev);
}

module_init(vsm_attack_init);
module_exit(vsm_attack_exit);
MODULE_DESCRIPTION("vsm selftest: a hostile kernel module");
MODULE_LICENSE("GPL");
