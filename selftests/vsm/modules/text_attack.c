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
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/io.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/string.h>
#include <linux/vmalloc.h>
#include <asm/pgtable.h>
#include <asm/sections.h>
#include <asm/tlbflush.h>

static char *mode = "text";
module_param(mode, charp, 0444);
MODULE_PARM_DESC(mode, "text, rodata, jump, scall or execmap");
static unsigned long jt, ejt, stext, etext, sct, sct_end;
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

/* Write @len bytes at kernel image address @addr through an alias. */
static int poke(unsigned long addr, const u8 *bytes, size_t len)
{
	struct page *page;
	u8 old[8], now[8];
	void *alias = alias_of(addr, &page);

	if (!alias)
		return -ENOMEM;
	memcpy(old, (void *)addr, len);
	memcpy(alias + offset_in_page(addr), bytes, len);
	memcpy(now, (void *)addr, len);
	pr_info("%s: %*ph at %pS, wrote %*ph, read back %*ph\n", mode, (int)len, old,
		(void *)addr, (int)len, bytes, (int)len, now);
	if (memcmp(now, old, len)) {
		memcpy(alias + offset_in_page(addr), old, len);
		vunmap(alias);
		return -EIO;
	}
	vunmap(alias);
	return 0;
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
