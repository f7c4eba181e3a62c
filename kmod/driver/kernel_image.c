// SPDX-License-Identifier: GPL-2.0
/*
 * Where the running kernel's text, read-only data and jump-label table
 * are, for write-protecting them at the lock.  Linux does not export these
 * symbols to modules; kallsyms has them, and kallsyms_lookup_name() is
 * found through a kprobe on it (the probe is removed at once).
 */
#include <linux/kprobes.h>
#include <linux/mm.h>
#include <linux/printk.h>

#include "kernel_image.h"

static unsigned long lookup(unsigned long (*kln)(const char *), const char *name)
{
	unsigned long addr = kln(name);

	if (!addr)
		pr_warn("kernel text protection: no symbol %s\n", name);
	return addr;
}

/**
 * vsm_kernel_image_find() - the kernel's protected ranges
 * @k: filled in; all zero if something is missing
 *
 * Return: 0, or -ENOENT (text protection stays off; the message says why).
 */
int vsm_kernel_image_find(struct vsm_kernel_image *k)
{
	struct kprobe kp = { .symbol_name = "kallsyms_lookup_name" };
	unsigned long (*kln)(const char *name);
	unsigned long text, etext, rodata, erodata, jt, ejt;

	memset(k, 0, sizeof(*k));
	if (register_kprobe(&kp)) {
		pr_warn("kernel text protection: kallsyms_lookup_name not found; off\n");
		return -ENOENT;
	}
	kln = (void *)kp.addr;
	unregister_kprobe(&kp);
	text = lookup(kln, "_text");
	etext = lookup(kln, "_etext");
	rodata = lookup(kln, "__start_rodata");
	erodata = lookup(kln, "__end_rodata");
	jt = lookup(kln, "__start___jump_table");
	ejt = lookup(kln, "__stop___jump_table");
	if (!text || !etext || !rodata || !erodata || !jt || !ejt ||
	    etext <= text || erodata <= rodata || rodata < etext || ejt < jt)
		return -ENOENT;
	k->text.start = __pa_symbol(text) & PAGE_MASK;
	k->text.end = __pa_symbol(PFN_ALIGN(etext));
	k->rodata.start = __pa_symbol(rodata) & PAGE_MASK;
	k->rodata.end = __pa_symbol(PFN_ALIGN(erodata));
	k->jump_table = jt;
	k->jump_table_end = ejt;
	k->text_va = text;
	/* Without these, static calls stay unlisted (refused when enforcing). */
	k->sc_sites = kln("__start_static_call_sites");
	k->sc_sites_end = kln("__stop_static_call_sites");
	k->sc_tramps = kln("__static_call_text_start");
	k->sc_tramps_end = kln("__static_call_text_end");
	k->text_poke_memcpy = kln("text_poke_memcpy");
	return 0;
}
