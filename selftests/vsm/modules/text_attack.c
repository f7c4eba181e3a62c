// SPDX-License-Identifier: GPL-2.0
/*
 * vsm_text_attack - plays a compromised kernel that rewrites kernel code
 * or read-only data through a writable alias of its pages (vmap), the way
 * text_poke() reaches them.  For the selftests only.
 *
 * mode=text: overwrite 4 bytes inside schedule() with INT3s.
 * mode=rodata: overwrite the first byte of hex_asc (a const string).
 * mode=jump jt=ADDR ejt=ADDR stext=ADDR etext=ADDR: at the first
 * jump-label site in the kernel text (the addresses of __start___jump_table,
 * __stop___jump_table, _stext and _etext, from /proc/kallsyms), write a
 * JMP to another target (a forged static branch).  No kprobe is used to
 * find them: registering one patches kernel text itself.
 *
 * Each reads the bytes back through the kernel's own mapping; where the
 * attack worked it puts the old bytes back.  Loading succeeds only if
 * nothing changed; what was seen is logged.
 *
 * mode=scall sct=ADDR sct_end=ADDR: at the first static-call trampoline
 * (between __static_call_text_start and __static_call_text_end), write a
 * JMP into data (a forged static call).
 *
 * mode=execmap: make a page of code ("ret") executable outside any module,
 * as a kernel write primitive would: map it with vmap() (which maps it
 * NX), clear NX in its page-table entry, call it, and keep it mapped until
 * rmmod: for the secure world's exec scan to find.  Logs its physical
 * address.
 *
 * mode=textpoke tp=ADDR (text_poke, from /proc/kallsyms): write 4 INT3s
 * inside schedule() with the kernel's own text_poke(), as ftrace and
 * kprobes do.  After the lock in enforce mode the secure world refuses
 * the write; text_poke() BUG()s when its write did not land, so vsm's
 * guard must stop it before: loading succeeds only if the text is
 * unchanged (and the module lives to say so).
 *
 * mode=modkey: switch a static key of this module on and off (its
 * jump-label site is in its own text, write-protected once frozen): the
 * branch must follow.  mode=modtext, mode=modrodata: overwrite 4 bytes of
 * this module's own code, or of one of its const strings, through a
 * writable alias of the page (vmalloc_to_page() and vmap()).  Loading
 * succeeds only if the key switched, or the bytes are unchanged.
 *
 * mode=deputy region=PA region_size=BYTES rodata=ADDR erodata=ADDR (__start_rodata and
 * __end_rodata, from /proc/kallsyms), with a policy loaded: after the
 * lock, ask the secure world itself to write kernel text and read-only
 * data on the module's behalf, as a confused deputy: hypercall output
 * buffers (CPU statistics, the audit log, the key store's in-place
 * request, the policy read back) in the page of panic() and the page of
 * hex_asc, across either edge of the read-only data, and in the secure
 * region; input buffers in the region and one word into it from either
 * side; and the same into a page of this module's own code and one of its
 * read-only data (frozen on the locked host).  Loading succeeds only if each
 * was refused with -EFAULT and the pages are unchanged, while the same
 * calls with ordinary buffers still work and an input buffer in the
 * kernel text is still read.  Logs the physical addresses used, for the
 * audit check.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/jump_label.h>
#include <linux/slab.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/processor.h>
#include <asm/sections.h>
#include <asm/tlbflush.h>

static char *mode = "text";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "text, rodata, jump, scall, execmap, textpoke, modkey, modtext, modrodata or deputy");
static unsigned long jt, ejt, stext, etext, sct, sct_end, region, rodata, erodata, tp;
module_param(tp, ulong, 0444);
module_param(region, ulong, 0444);
static unsigned long region_size;
module_param(region_size, ulong, 0444);
module_param(rodata, ulong, 0444);
module_param(erodata, ulong, 0444);
module_param(sct, ulong, 0444);
module_param(sct_end, ulong, 0444);
module_param(jt, ulong, 0444);
module_param(ejt, ulong, 0444);
module_param(stext, ulong, 0444);
module_param(etext, ulong, 0444);

/* A writable alias of the kernel image page holding @addr. */
static void *alias_of(unsigned long addr, struct page **page)
{
	*page = virt_to_page(__va(__pa_symbol(addr)));
	return vmap(page, 1, VM_MAP, PAGE_KERNEL);
}

/*
 * Write @len bytes at @addr through a writable vmap() alias of @page, the
 * page that holds it, and read them back through @addr; put the old bytes
 * back if the write landed.
 */
static int poke_page(struct page *page, unsigned long addr, const u8 *bytes, size_t len)
{
	u8 old[8], now[8];
	void *alias;

	if (!page)
		return -ENOENT;
	alias = vmap(&page, 1, VM_MAP, PAGE_KERNEL);
	if (!alias)
		return -ENOMEM;
	memcpy(old, (void *)addr, len);
	memcpy(alias + offset_in_page(addr), bytes, len);
	memcpy(now, (void *)addr, len);
	pr_info("%s: %*ph at %pS (physical %#llx), wrote %*ph, read back %*ph\n", mode,
		(int)len, old, (void *)addr, (unsigned long long)page_to_phys(page) +
		offset_in_page(addr), (int)len, bytes, (int)len, now);
	if (memcmp(now, old, len)) {
		memcpy(alias + offset_in_page(addr), old, len);
		vunmap(alias);
		return -EIO;
	}
	vunmap(alias);
	return 0;
}

/* Write @len bytes at kernel image address @addr through an alias. */
static int poke(unsigned long addr, const u8 *bytes, size_t len)
{
	return poke_page(virt_to_page(__va(__pa_symbol(addr))), addr, bytes, len);
}

static DEFINE_STATIC_KEY_FALSE(vsm_test_key);
static const char module_const[] = "vsm: this module's read-only data";

/* Code of this module for modtext to overwrite; never called. */
static noinline int module_victim(int x)
{
	return x * 3 + 1;
}

/* The key's site, in this module's (frozen) text, not in its init text. */
static noinline bool module_key_on(void)
{
	return static_branch_unlikely(&vsm_test_key);
}

/* This module's static key: on, then off; its site must switch. */
static int switch_module_key(void)
{
	bool on, off;

	static_branch_enable(&vsm_test_key);
	on = module_key_on();
	static_branch_disable(&vsm_test_key);
	off = !module_key_on();
	pr_info("modkey: branch %s when on, %s when off\n", on ? "taken" : "NOT taken",
		off ? "not taken" : "TAKEN");
	return on && off ? 0 : -EIO;
}

/* Overwrite @len bytes of this module at @addr through a vmap() alias. */
static int poke_module(unsigned long addr, const u8 *bytes, size_t len)
{
	return poke_page(vmalloc_to_page((void *)addr), addr, bytes, len);
}

/* The first jump-label site in the kernel text: forge its target. */
static int forge_jump(void)
{
	unsigned long va, code;
	u8 jmp[5] = { 0xe9, 0x78, 0x56, 0x34, 0x12 };

	if (!jt || !ejt || !stext || !etext)
		return -ENOENT;
	for (va = jt; va + 16 <= ejt; va += 16) {
		code = va + *(s32 *)va;
		if (code >= stext && code + 5 <= etext &&
		    !memcmp((void *)code, "\x0f\x1f\x44\x00\x00", 5))
			return poke(code, jmp, sizeof(jmp));
	}
	return -ENOENT;
}

/* The first static-call trampoline: point it at data. */
static int forge_static_call(void)
{
	static u64 not_code;
	unsigned long va;
	u8 jmp[5] = { 0xe9 };
	s32 rel;

	for (va = sct; sct && va + 8 <= sct_end; va += 4) {
		if (memcmp((void *)va + 5, "\x0f\xb9\xcc", 3))
			continue;
		rel = (s32)((unsigned long)&not_code - (va + 5));
		memcpy(jmp + 1, &rel, 4);
		return poke(va, jmp, sizeof(jmp));
	}
	return -ENOENT;
}

/* 4 INT3s into schedule() through text_poke() itself. */
static int text_poke_attack(void)
{
	void *(*text_poke_fn)(void *addr, const void *opcode, size_t len) = (void *)tp;
	static const u8 int3s[4] = { 0xcc, 0xcc, 0xcc, 0xcc };
	void *addr = (void *)schedule + 16;
	u8 old[4], now[4];

	if (!tp)
		return -ENOENT;
	memcpy(old, addr, sizeof(old));
	text_poke_fn(addr, int3s, sizeof(int3s));
	memcpy(now, addr, sizeof(now));
	pr_info("%s: %*ph at %pS, text_poke() of %*ph returned, read back %*ph\n", mode,
		4, old, addr, 4, int3s, 4, now);
	if (memcmp(now, old, sizeof(old))) {
		text_poke_fn(addr, old, sizeof(old));
		return -EIO;
	}
	return 0;
}

static struct page *exec_page;
static void *exec_map;

static int exec_map_page(void)
{
	void (*fn)(void);
	unsigned int level;
	pte_t *pte;

	exec_page = alloc_page(GFP_KERNEL);
	if (!exec_page)
		return -ENOMEM;
	exec_map = vmap(&exec_page, 1, VM_MAP, PAGE_KERNEL);
	if (!exec_map) {
		__free_page(exec_page);
		return -ENOMEM;
	}
	memset(exec_map, 0xc3, PAGE_SIZE);	/* ret */
	pte = lookup_address((unsigned long)exec_map, &level);
	if (!pte || level != PG_LEVEL_4K) {
		vunmap(exec_map);
		__free_page(exec_page);
		exec_map = NULL;
		return -EFAULT;
	}
	set_pte(pte, pte_mkexec(*pte));
	preempt_disable();
	__flush_tlb_all();
	fn = exec_map;
	fn();
	preempt_enable();
	pr_info("execmap: code at %p, physical %#llx, ran\n", exec_map,
		(unsigned long long)page_to_phys(exec_page));
	return 0;
}

/* The hypercall ABI (kmod/common/sw_abi.h), as a hostile module sees it. */
#define HC_GET_STATS	2	/* RBX: CPU, RCX: PA */
#define HC_AUDIT_READ	5	/* RBX: cursor, RCX: PA, RDX: records */
#define HC_KEY		7	/* RBX: PA of a request, RCX: its size */
#define HC_CI		9	/* RBX: op, RCX: PA, RDX: size */
#define CI_OP_LOAD	1
#define CI_OP_GET	2	/* RCX: PA, RDX: capacity -> policy size */
#define STATS_SIZE	136	/* struct vsm_hc_cpu_stats */
#define AUDIT_ENTRY	88	/* struct vsm_audit_entry */

static long hypercall(unsigned long nr, unsigned long a0, unsigned long a1,
		      unsigned long a2)
{
	long ret;

	if (boot_cpu_data.x86_vendor == X86_VENDOR_INTEL)
		asm volatile("vmcall" : "=a"(ret) : "a"(nr), "b"(a0), "c"(a1), "d"(a2)
			     : "memory");
	else
		asm volatile("vmmcall" : "=a"(ret) : "a"(nr), "b"(a0), "c"(a1), "d"(a2)
			     : "memory");
	return ret;
}

/* An 8-aligned offset in the page for @len bytes, at or before @addr's. */
static unsigned long offset_for(unsigned long addr, size_t len)
{
	unsigned long off = offset_in_page(addr) & ~7UL;

	return off + len > PAGE_SIZE ? PAGE_SIZE - ALIGN(len, 8) : off;
}

/* Put back what an accepted write changed, 8 bytes at a time (audited). */
static void restore(unsigned long addr, const u8 *old)
{
	struct page *page;
	u64 *alias = alias_of(addr, &page);
	unsigned int i;

	if (!alias)
		return;
	for (i = 0; i < PAGE_SIZE / 8; i++)
		if (memcmp(&alias[i], old + 8 * i, 8))
			WRITE_ONCE(alias[i], *(const u64 *)(old + 8 * i));
	vunmap(alias);
}

/*
 * Ask for a write into the kernel image page holding @addr: refused with
 * -EFAULT, the page unchanged.
 */
static bool deputy_into(const char *what, unsigned long addr, unsigned long nr,
			unsigned long a0, unsigned long off, unsigned long a2, u8 *old)
{
	unsigned long page = addr & PAGE_MASK;
	phys_addr_t pa = __pa_symbol(page) + off;
	long ret;
	bool same;

	memcpy(old, (void *)page, PAGE_SIZE);
	if (nr == HC_GET_STATS)
		ret = hypercall(nr, a0, pa, 0);
	else if (nr == HC_KEY)
		ret = hypercall(nr, pa, a2, 0);
	else
		ret = hypercall(nr, a0, pa, a2);
	same = !memcmp(old, (void *)page, PAGE_SIZE);
	pr_info("deputy: %s at %#llx: %ld, page %s\n", what, (unsigned long long)pa, ret,
		same ? "unchanged" : "CHANGED");
	if (!same)
		restore(page, old);
	return ret == -EFAULT && same;
}

/*
 * The same for a page of this module (frozen on a locked host): its
 * physical page from the vmalloc mapping, compared through the module's
 * own mapping.
 */
static bool deputy_into_module(const char *what, unsigned long addr, unsigned long nr,
			       unsigned long a0, unsigned long off, unsigned long a2, u8 *old)
{
	void *page = (void *)(addr & PAGE_MASK);
	struct page *pg = vmalloc_to_page(page);
	phys_addr_t pa;
	long ret;
	bool same;

	if (!pg)
		return false;
	pa = page_to_phys(pg) + off;
	memcpy(old, page, PAGE_SIZE);
	if (nr == HC_GET_STATS)
		ret = hypercall(nr, a0, pa, 0);
	else
		ret = hypercall(nr, pa, a2, 0);
	same = !memcmp(old, page, PAGE_SIZE);
	pr_info("deputy: %s at %#llx: %ld, page %s\n", what, (unsigned long long)pa, ret,
		same ? "unchanged" : "CHANGED");
	return ret == -EFAULT && same;
}

/*
 * A key request of one page at @edge + @delta, across the edge of the
 * read-only data: refused, the bytes on either side unchanged.
 */
static bool deputy_edge(const char *what, phys_addr_t edge, long delta)
{
	phys_addr_t pa = edge + delta;
	u64 before[2], after[2];
	long ret;

	before[0] = *(u64 *)__va(pa);
	before[1] = *(u64 *)__va(edge);
	ret = hypercall(HC_KEY, pa, PAGE_SIZE, 0);
	after[0] = *(u64 *)__va(pa);
	after[1] = *(u64 *)__va(edge);
	pr_info("deputy: %s at %#llx: %ld, edge bytes %s\n", what, (unsigned long long)pa, ret,
		memcmp(before, after, sizeof(before)) ? "CHANGED" : "unchanged");
	return ret == -EFAULT && !memcmp(before, after, sizeof(before));
}

static int deputy_attack(void)
{
	unsigned long text = (unsigned long)panic, ro = (unsigned long)hex_asc;
	u8 *old = kmalloc(PAGE_SIZE, GFP_KERNEL);
	void *buf = kzalloc(PAGE_SIZE, GFP_KERNEL);
	bool ok = true;
	long ret;

	if (!old || !buf || !region || !region_size) {
		kfree(old);
		kfree(buf);
		return -EINVAL;
	}
	ok &= deputy_into("stats into kernel text", text, HC_GET_STATS, 0,
			  offset_for(text, STATS_SIZE), 0, old);
	ok &= deputy_into("stats into rodata", ro, HC_GET_STATS, 0,
			  offset_for(ro, STATS_SIZE), 0, old);
	ok &= deputy_into("audit records into kernel text", text, HC_AUDIT_READ, 0,
			  offset_for(text, AUDIT_ENTRY), 1, old);
	ok &= deputy_into("audit records into rodata", ro, HC_AUDIT_READ, 0,
			  offset_for(ro, AUDIT_ENTRY), 1, old);
	ok &= deputy_into("key request into rodata", ro, HC_KEY, 0, 0, PAGE_SIZE, old);
	ok &= deputy_into("key request into kernel text", text, HC_KEY, 0, 0, PAGE_SIZE, old);
	/* One page from 8 bytes before rodata, and from its last 8 bytes on. */
	if (rodata && erodata) {
		ok &= deputy_edge("key request from just before rodata",
				  __pa_symbol(rodata) & PAGE_MASK, -8);
		ok &= deputy_edge("key request from the end of rodata",
				  __pa_symbol(PFN_ALIGN(erodata)), -8);
	} else {
		ok = false;
	}

	/* This module's own code and read-only data, frozen as it loaded. */
	ok &= deputy_into_module("key request into this module's text",
				 (unsigned long)module_victim, HC_KEY, 0, 0, PAGE_SIZE, old);
	ok &= deputy_into_module("stats into this module's rodata",
				 (unsigned long)module_const, HC_GET_STATS, 0,
				 offset_for((unsigned long)module_const, STATS_SIZE), 0, old);

	/* The policy in force, read back into kernel text (a policy is loaded). */
	ok &= deputy_into("policy read back into kernel text", text, HC_CI, CI_OP_GET, 0,
			  PAGE_SIZE, old);

	ret = hypercall(HC_GET_STATS, 0, region, 0);
	pr_info("deputy: stats into the secure region at %#lx: %ld\n", region, ret);
	ok &= ret == -EFAULT;
	ret = hypercall(HC_AUDIT_READ, 0, region + PAGE_SIZE, 1);
	pr_info("deputy: audit records into the secure region: %ld\n", ret);
	ok &= ret == -EFAULT;
	ret = hypercall(HC_CI, CI_OP_LOAD, region, PAGE_SIZE);
	pr_info("deputy: policy read from the secure region: %ld\n", ret);
	ok &= ret == -EFAULT;
	/* Inputs one word into the region from either side, and one just outside. */
	ret = hypercall(HC_CI, CI_OP_LOAD, region - 8, 16);
	pr_info("deputy: policy read from 8 bytes before the region on: %ld\n", ret);
	ok &= ret == -EFAULT;
	ret = hypercall(HC_CI, CI_OP_LOAD, region + region_size - 8, 16);
	pr_info("deputy: policy read from the region's last 8 bytes on: %ld\n", ret);
	ok &= ret == -EFAULT;
	ret = hypercall(HC_CI, CI_OP_LOAD, region - 16, 16);
	pr_info("deputy: policy read from the 16 bytes before the region: %ld (not a policy)\n",
		ret);
	ok &= ret != -EFAULT && ret < 0;

	/* The same calls with buffers the host may use still work. */
	ret = hypercall(HC_GET_STATS, 0, virt_to_phys(buf), 0);
	pr_info("deputy: stats into an ordinary page: %ld, cpu %u\n", ret, ((u32 *)buf)[1]);
	ok &= ret == 0;
	ret = hypercall(HC_AUDIT_READ, 0, virt_to_phys(buf), 1);
	pr_info("deputy: audit records into an ordinary page: %ld\n", ret);
	ok &= ret == 1;
	ret = hypercall(HC_CI, CI_OP_GET, virt_to_phys(buf), PAGE_SIZE);
	pr_info("deputy: policy read back into an ordinary page: %ld bytes\n", ret);
	ok &= ret > 0;
	ret = hypercall(HC_CI, CI_OP_LOAD, __pa_symbol(text & PAGE_MASK), PAGE_SIZE);
	pr_info("deputy: policy read from kernel text: %ld (not a policy)\n", ret);
	ok &= ret != -EFAULT && ret < 0;

	kfree(old);
	kfree(buf);
	return ok ? 0 : -EIO;
}

static int __init vsm_text_attack_init(void)
{
	static const u8 int3s[4] = { 0xcc, 0xcc, 0xcc, 0xcc };

	if (!strcmp(mode, "text"))
		return poke((unsigned long)schedule + 16, int3s, sizeof(int3s));
	if (!strcmp(mode, "rodata"))
		return poke((unsigned long)hex_asc, (const u8 *)"X", 1);
	if (!strcmp(mode, "jump"))
		return forge_jump();
	if (!strcmp(mode, "scall"))
		return forge_static_call();
	if (!strcmp(mode, "execmap"))
		return exec_map_page();
	if (!strcmp(mode, "deputy"))
		return deputy_attack();
	if (!strcmp(mode, "textpoke"))
		return text_poke_attack();
	if (!strcmp(mode, "modkey"))
		return switch_module_key();
	if (!strcmp(mode, "modtext"))
		return poke_module((unsigned long)module_victim + 4, int3s, sizeof(int3s));
	if (!strcmp(mode, "modrodata"))
		return poke_module((unsigned long)module_const, (const u8 *)"X", 1);
	return -EINVAL;
}

static void __exit vsm_text_attack_exit(void)
{
	if (exec_map) {
		vunmap(exec_map);
		__free_page(exec_page);
	}
}

module_init(vsm_text_attack_init);
module_exit(vsm_text_attack_exit);
MODULE_DESCRIPTION("vsm selftest: a kernel module that rewrites kernel text");
MODULE_LICENSE("GPL");
