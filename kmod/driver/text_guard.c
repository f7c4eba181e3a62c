// SPDX-License-Identifier: GPL-2.0
/*
 * The guard on text_poke(): every write the kernel makes into its own
 * text after boot (jump labels, static calls, ftrace, kprobes, livepatch,
 * BPF trampolines) goes through text_poke(), which copies the bytes
 * through a temporary alias and then BUG()s if the text does not hold
 * them.  From the lock on, in enforce mode, the secure world refuses
 * every such write but a legal jump-label or static-call switch, so a
 * refusal would end in that BUG: a root user enabling a kprobe or the
 * function tracer would crash the host.  So, from the lock on, in enforce
 * mode:
 *
 * - registering or enabling a kprobe in the kernel text, and starting an
 *   ftrace user (the function tracer, fprobes, livepatch, BPF
 *   trampolines), fail with -EPERM before anything is patched;
 * - every other text_poke() into the kernel text or module memory (whose
 *   approved code is frozen, kmod/secure/core/modules.c) is shown to the secure
 *   world first (VSM_CI_OP_TEXT_CHECK, the same judgement as at the
 *   write); a refused one returns before it writes: the kernel image
 *   stays as it was, the refusal is audited, and the kernel runs on, on
 *   stale text (a kprobe armed before the lock that stays armed, ftrace
 *   noting that a call site did not change and turning itself off), as
 *   Documentation/code-integrity.rst describes.
 *
 * The guard is no security boundary: a kernel that skips it only gets
 * its write refused (and its own BUG).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kprobes.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/printk.h>
#include <linux/vmalloc.h>
#include <asm/io.h>
#include <linux/ptrace.h>
#include <linux/string.h>

#include "ci.h"
#include "hv.h"
#include "kernel_image.h"
#include "text_guard.h"
#include "../common/sw_abi.h"

static struct vsm_kernel_image guard_image;

/* The physical address of @va if it lies in the kernel's text. */
static bool text_pa(unsigned long va, size_t len, u64 *pa)
{
	unsigned long base = guard_image.text_va & PAGE_MASK;
	u64 size = guard_image.text.end - guard_image.text.start;
	u64 off = va - base;

	if (va < base || off >= size || len > size - off)
		return false;
	*pa = guard_image.text.start + off;
	return true;
}

/* Is @va in the module area (module code is frozen, core/modules.c)? */
static bool module_va(unsigned long va, size_t len)
{
	return va >= MODULES_VADDR && va < MODULES_END && len <= MODULES_END - va;
}

/*
 * Ask the secure world about a write into module memory, one physically
 * contiguous part at a time (module pages are vmalloc'd one by one).
 */
static long module_check(unsigned long addr, const u8 *src, size_t len)
{
	while (len) {
		struct page *page = vmalloc_to_page((void *)addr);
		size_t part = min_t(size_t, len, PAGE_SIZE - offset_in_page(addr));
		u64 bytes = 0;
		long ret;

		if (!page)
			return 0;	/* not mapped: text_poke() faults itself */
		memcpy(&bytes, src, part);
		ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_TEXT_CHECK,
				  (page_to_phys(page) + offset_in_page(addr)) |
				  (u64)part << VSM_CI_TEXT_LEN_SHIFT, bytes);
		if (ret == -EPERM)
			return ret;
		addr += part;
		src += part;
		len -= part;
	}
	return 0;
}

/* Is every write into the kernel text but a patch-site switch refused now? */
static bool text_locked(void)
{
	return vsm_hv_call(VSM_HC_CI, VSM_CI_OP_TEXT_CHECK, 0, 0) == -EPERM;
}

/* Make the probed function return @err at once. */
static int refuse(struct pt_regs *regs, long err)
{
	regs->ax = err;
	instruction_pointer_set(regs, (unsigned long)vsm_ci_return);
	return 1;
}

/*
 * Before __text_poke(func, addr, src, len), which text_poke() calls (and
 * may be inlined into its callers in alternative.c, so the probe is on
 * the static function all of them reach).  Only the copy is judged; the
 * memset variant writes BPF and module memory, never the kernel's text.
 */
static int guard_pre(struct kprobe *p, struct pt_regs *regs)
{
	unsigned long addr = regs->si;
	const void *src = (const void *)regs->dx;
	size_t len = regs->cx;
	u64 pa, bytes = 0;
	long ret;

	if (regs->di != guard_image.text_poke_memcpy || !len || len > VSM_CI_TEXT_MAX)
		return 0;
	if (module_va(addr, len)) {
		/* Module code is frozen only from the lock on: no need to ask before. */
		if (vsm_hv_state() != VSM_STATE_LOCKED || module_check(addr, src, len) != -EPERM)
			return 0;
		pr_warn_ratelimited("refused a write of %zu byte(s) into frozen module code at %pS: the code-integrity policy enforces (vsmctl audit records it)\n",
				    len, (void *)addr);
		return refuse(regs, addr);
	}
	if (!text_pa(addr, len, &pa))
		return 0;
	memcpy(&bytes, src, len);
	ret = vsm_hv_call(VSM_HC_CI, VSM_CI_OP_TEXT_CHECK,
			  pa | (u64)len << VSM_CI_TEXT_LEN_SHIFT, bytes);
	if (ret != -EPERM)
		return 0;
	pr_warn_ratelimited("refused a write of %zu byte(s) into the locked kernel text at %pS: the code-integrity policy enforces (vsmctl audit records it)\n",
			    len, (void *)addr);
	/* __text_poke() returns its address; it never wrote. */
	return refuse(regs, addr);
}

/*
 * Before arch_prepare_kprobe(p), arch_prepare_kprobe_ftrace(p) and
 * enable_kprobe(p): a kprobe in the locked kernel text would be armed by a
 * refused write (also one registered before the lock and enabled after);
 * registering or enabling it fails with -EPERM instead.
 */
static int kprobe_pre(struct kprobe *self, struct pt_regs *regs)
{
	const struct kprobe *p = (const struct kprobe *)regs->di;
	u64 pa;

	if ((!text_pa((unsigned long)p->addr, 1, &pa) && !module_va((unsigned long)p->addr, 1)) ||
	    !text_locked())
		return 0;
	pr_warn_ratelimited("refused a kprobe at %pS: kernel and module code are locked and the code-integrity policy enforces\n",
			    p->addr);
	return refuse(regs, -EPERM);
}

/*
 * Before ftrace_startup(ops, command): a new ftrace user would patch the
 * kernel's call sites; register_ftrace_function() fails with -EPERM.
 */
static int ftrace_pre(struct kprobe *self, struct pt_regs *regs)
{
	if (!text_locked())
		return 0;
	pr_warn_ratelimited("refused to start an ftrace user (function tracer, fprobe, livepatch or BPF trampoline): the kernel text is locked and the code-integrity policy enforces\n");
	return refuse(regs, -EPERM);
}

/*
 * Never called (a pre-handler that returns 1 skips it): its presence keeps
 * the kprobe from being jump-optimized, and an optimized kprobe ignores a
 * changed RIP.  The ftrace code is built without fentry, so its probes are
 * INT3-based and would be optimized.
 */
static void no_post(struct kprobe *p, struct pt_regs *regs, unsigned long flags)
{
}

#define GUARD(sym, pre) { .symbol_name = sym, .pre_handler = pre, .post_handler = no_post }

static struct kprobe guard_probes[] = {
	GUARD("__text_poke", guard_pre),
	GUARD("arch_prepare_kprobe", kprobe_pre),
	GUARD("arch_prepare_kprobe_ftrace", kprobe_pre),
	GUARD("enable_kprobe", kprobe_pre),
	GUARD("ftrace_startup", ftrace_pre),
	/* The function tracer ignores ftrace_startup()'s error. */
	GUARD("function_trace_init", ftrace_pre),
};
static bool guard_registered[ARRAY_SIZE(guard_probes)];

/**
 * vsm_text_guard_start() - guard text_poke(), kprobes and ftrace
 * @img: the kernel image the lock write-protects
 *
 * Return: 0, or an error if the text_poke() guard itself is missing (then
 * a refused write BUG()s, as without vsm's guard); a missing kprobe or
 * ftrace guard is only logged (their writes are still caught, later).
 */
int vsm_text_guard_start(const struct vsm_kernel_image *img)
{
	unsigned int i;
	int ret;

	guard_image = *img;
	if (!img->text_poke_memcpy) {
		pr_err("cannot guard text_poke() (no text_poke_memcpy): after the lock in enforce mode, a kprobe or tracer on the kernel text will crash the host\n");
		return -ENOENT;
	}
	for (i = 0; i < ARRAY_SIZE(guard_probes); i++) {
		ret = register_kprobe(&guard_probes[i]);
		guard_registered[i] = !ret;
		if (ret && !i) {
			pr_err("cannot guard text_poke() (%d): after the lock in enforce mode, a kprobe or tracer on the kernel text will crash the host\n",
			       ret);
			return ret;
		}
		if (ret)
			pr_warn("cannot guard %s (%d): after the lock in enforce mode its users are not refused, their writes are skipped\n",
				guard_probes[i].symbol_name, ret);
	}
	return 0;
}

/* vsm_text_guard_stop() - remove the guards (unload, before the lock). */
void vsm_text_guard_stop(void)
{
	unsigned int i = ARRAY_SIZE(guard_probes);

	while (i--) {
		if (guard_registered[i])
			unregister_kprobe(&guard_probes[i]);
		guard_registered[i] = false;
	}
}
