// SPDX-License-Identifier: GPL-2.0
/*
 * Module code, frozen: the HVCI half of code integrity for modules.  When
 * the check let a module load, the driver describes its layout at
 * MODULE_STATE_COMING (VSM_CI_OP_FREEZE, right after the text's APPROVE);
 * the secure world records the physical page behind every virtual page
 * of its text and read-only data, and from the lock on (at once, on a
 * locked host) those pages are host read-only: HOST_RO in the ownership
 * table, no write bit in the nested map (large pages split from a pool of
 * secure page-table pages), the module's jump-label and static-call sites
 * taken into core/text.c so that the kernel can still switch them.  At
 * MODULE_STATE_GOING (VSM_CI_OP_THAW) the order is the one the model
 * checks (tests/model/own.pml): the approval is dropped, the sites, then
 * HOST_RO -> HOST_RW, then the write bit comes back.  Everything acts on
 * the pages recorded at the freeze, never on a translation made later.
 */
#include "../include/sw.h"
#include "../../common/own.h"
#include "../../common/paging.h"
#include "../../common/textpatch.h"

#define MODULES_MAX		512
#define FROZEN_PAGES_MAX	8192	/* 32 MiB of module code and read-only data */
#define MODULE_BYTES_MAX	(32ULL << 20)
#define MODULE_SITES_MAX	8192	/* jump entries, static-call sites: each */
#define SITES_MAX		4096	/* patch sites one module may have */

/* The low bits of a recorded page: what this record did with it. */
#define PAGE_PROTECTED	VSM_BIT64(0)	/* HOST_RO, read-only in the nested map */
#define PAGE_KEEP_RW	VSM_BIT64(1)	/* holds part of a site it cannot take */

/**
 * struct frozen - one module's code
 * @desc: what the driver said, copied
 * @first: its first page in pages[]
 * @nr: pages of text and read-only data
 * @text: of which text
 * @applied: write-protected (the host is locked)
 */
struct frozen {
	struct vsm_ci_module desc;
	u32 first;
	u32 nr;
	u32 text;
	bool applied;
};

static struct frozen mods[MODULES_MAX];
static u32 nr_mods;
static u64 pages[FROZEN_PAGES_MAX];
static u32 nr_pages;
/* Scratch, under mod_lock: a module's sites, or its pages sorted. */
static union {
	struct vsm_patch_site sites[SITES_MAX];
	u64 pages[FROZEN_PAGES_MAX];
} scratch;
#define msites scratch.sites
static u32 mod_lock;
static u32 split_used;
static u64 npt_epoch;

static void *split_alloc(void *ctx, u64 *pa)
{
	if (split_used >= vsm_boot.split_pool_pages)
		return NULL;
	*pa = vsm_boot.split_pool_pa + (u64)split_used++ * VSM_PAGE_SIZE;
	memset(sw_va(*pa), 0, VSM_PAGE_SIZE);
	return sw_va(*pa);
}

static void *split_va(void *ctx, u64 pa)
{
	return sw_va(pa);
}

static const struct vsm_pt_ops split_ops = { split_alloc, split_va, NULL };

/**
 * sw_npt_changed() - the nested map lost a right: every CPU flushes
 *
 * The calling CPU's next entry, and every other CPU's next exit, flush
 * its TLB of nested translations (sw_npt_stale()); the driver makes every
 * CPU exit right after (a ping on each).
 */
void sw_npt_changed(void)
{
	__atomic_add_fetch(&npt_epoch, 1, __ATOMIC_ACQ_REL);
}

/**
 * sw_npt_stale() - must this CPU flush its nested translations now?
 * @c: this CPU, at an exit
 *
 * Return: true once after each sw_npt_changed().
 */
bool sw_npt_stale(struct vsm_sw_cpu *c)
{
	u64 now = __atomic_load_n(&npt_epoch, __ATOMIC_ACQUIRE);

	if (c->npt_epoch == now)
		return false;
	c->npt_epoch = now;
	return true;
}

static u64 page_of(u64 e)
{
	return e & ~(u64)VSM_PAGE_SIZE_MASK;
}

/*
 * The physical address of text at @va and, in @b, its first
 * VSM_PATCH_SITE_MAX_LEN bytes.  A site may run into the next page only
 * if that is the next physical page; otherwise both pages are marked to
 * stay writable (-EAGAIN), so that the kernel can still switch it.
 */
static int text_at(const struct frozen *m, u64 va, u64 *pa, u8 *b)
{
	u64 off = va - m->desc.base, idx = off >> 12, in = va & VSM_PAGE_SIZE_MASK;
	u64 *p = &pages[m->first + idx];

	if (va < m->desc.base || idx >= m->text)
		return -EINVAL;
	*pa = page_of(*p) + in;
	if (in + VSM_PATCH_SITE_MAX_LEN > VSM_PAGE_SIZE &&
	    (idx + 1 >= m->text || page_of(p[1]) != page_of(*p) + VSM_PAGE_SIZE)) {
		p[0] |= PAGE_KEEP_RW;
		if (idx + 1 < m->text)
			p[1] |= PAGE_KEEP_RW;
		return -EAGAIN;
	}
	memcpy(b, (const void *)(uintptr_t)*pa, VSM_PATCH_SITE_MAX_LEN);
	return 0;
}

/* Jump-label sites: struct jump_entry, a code and a target offset first. */
static u32 take_jump_labels(const struct frozen *m, u64 cr3, u32 n)
{
	u64 i;

	for (i = 0; i < m->desc.nr_jump_entries && n < SITES_MAX; i++) {
		u64 va = m->desc.jump_entries + 16 * i, code_va, pa;
		u8 e[8], b[VSM_PATCH_SITE_MAX_LEN];
		s32 code_off, target_off;

		if (sw_guest_fetch(cr3, va, e, sizeof(e)) != sizeof(e))
			continue;
		memcpy(&code_off, e, 4);
		memcpy(&target_off, e + 4, 4);
		code_va = va + (s64)code_off;
		/* Sites in init text are gone with it: left out. */
		if (text_at(m, code_va, &pa, b))
			continue;
		if (!vsm_patch_site_init(&msites[n], pa, code_va, va + 4 + (s64)target_off,
					 b, sizeof(b)))
			n++;
	}
	return n;
}

/*
 * Static calls: the call sites (struct static_call_site, an offset to the
 * site first), and the trampolines of static calls the module defines,
 * found by their signature (five bytes of code, then 0f b9 cc, 4-byte
 * aligned) as at the lock.
 */
static u32 take_static_calls(const struct frozen *m, u64 cr3, u32 n)
{
	static const u8 sig[3] = { 0x0f, 0xb9, 0xcc };
	struct vsm_code_ranges code;
	u64 i, off;

	sw_text_code_ranges(cr3, &code);
	for (i = 0; i < m->desc.nr_static_call_sites && n < SITES_MAX; i++) {
		u64 va = m->desc.static_call_sites + 8 * i, site_va, pa;
		u8 b[VSM_PATCH_SITE_MAX_LEN];
		s32 site_off;

		if (sw_guest_fetch(cr3, va, (u8 *)&site_off, 4) != 4)
			continue;
		site_va = va + (s64)site_off;
		if (text_at(m, site_va, &pa, b))
			continue;
		code.va_minus_pa = site_va - pa;
		if (!vsm_static_call_site_init(&msites[n], pa, b, &code))
			n++;
	}
	for (i = 0; i < m->text && n < SITES_MAX; i++) {
		u64 page = page_of(pages[m->first + i]);
		const u8 *p = (const u8 *)(uintptr_t)page;

		code.va_minus_pa = m->desc.base + i * VSM_PAGE_SIZE - page;
		for (off = 0; off + 8 <= VSM_PAGE_SIZE && n < SITES_MAX; off += 4)
			if (!memcmp(p + off + 5, sig, 3) &&
			    !vsm_static_call_site_init(&msites[n], page + off, p + off, &code))
				n++;
	}
	return n;
}

/* Protect one page: HOST_RO first, then the nested write bit goes. */
static bool protect_page(u64 page)
{
	u64 *e;

	if (sw_own_protect(page, VSM_PAGE_SIZE))
		return false;	/* not HOST_RW (shared with the image?), or no room */
	e = vsm_pt_leaf_4k(&split_ops, sw_va(vsm_boot.npt_root), page);
	if (!e) {
		sw_own_unprotect(page, VSM_PAGE_SIZE);
		return false;
	}
	__atomic_and_fetch(e, ~VSM_PTE_RW, __ATOMIC_RELEASE);
	return true;
}

/* Write-protect a recorded module (under mod_lock, the host locked). */
static void apply(struct vsm_sw_cpu *c, struct frozen *m)
{
	u64 cr3 = arch_host_cr3(c);
	u32 i, n, done = 0, left = 0;
	bool keep_text;

	/* Its sites first: a switch right after the protection is legal. */
	n = take_jump_labels(m, cr3, 0);
	n = take_static_calls(m, cr3, n);
	n = vsm_patch_sites_sort(msites, n);
	/* Sites it cannot take: its text stays writable, so they still switch. */
	keep_text = n == SITES_MAX || (n && sw_text_sites_add(msites, n));
	if (keep_text)
		n = 0;
	for (i = 0; i < m->nr; i++) {
		u64 *p = &pages[m->first + i];

		if (!(*p & PAGE_KEEP_RW) && !(keep_text && i < m->text) &&
		    protect_page(page_of(*p))) {
			*p |= PAGE_PROTECTED;
			done++;
		} else {
			left++;
		}
	}
	m->applied = true;
	sw_npt_changed();
	sw_audit(c, VSM_AEV_MODULE_CODE, m->desc.base, done,
		 n | (u64)left << 32 | (u64)split_used << 48);
}

/* May @d describe a module? */
static int desc_valid(const struct vsm_ci_module *d)
{
	if ((d->base | d->text_size | d->ro_size) & VSM_PAGE_SIZE_MASK ||
	    !d->text_size || d->text_size > d->ro_size || d->ro_size > MODULE_BYTES_MAX)
		return -EINVAL;
	if (d->base < vsm_boot.modules_va || d->base >= vsm_boot.modules_end ||
	    d->ro_size > vsm_boot.modules_end - d->base)
		return -EINVAL;
	if (d->nr_jump_entries > MODULE_SITES_MAX || d->nr_static_call_sites > MODULE_SITES_MAX)
		return -E2BIG;
	return 0;
}

static struct frozen *find(u64 base)
{
	u32 i;

	for (i = 0; i < nr_mods; i++)
		if (mods[i].desc.base == base)
			return &mods[i];
	return NULL;
}

/**
 * sw_module_freeze() - record a module's code, protect it if locked
 * @c: the calling CPU
 * @pa: physical address of a struct vsm_ci_module
 * @size: its size
 *
 * Its text must be approved (VSM_CI_OP_APPROVE, just before), at the
 * addresses it has now; every page must be host read-write RAM.
 *
 * Return: 0; -EINVAL (layout), -E2BIG (too many sites), -EFAULT (a page
 * not mapped, or not the host's to write), -EPERM (text not approved),
 * -EEXIST (overlaps a recorded module), -ENOSPC (no room to record it).
 */
s64 sw_module_freeze(struct vsm_sw_cpu *c, u64 pa, u64 size)
{
	u64 cr3 = arch_host_cr3(c), i, p;
	struct vsm_ci_module d;
	struct frozen *m;
	s64 ret;
	u32 n;

	if (size != sizeof(d))
		return -EINVAL;
	ret = sw_check_host_span(c, pa, size, sizeof(d), false);
	if (ret)
		return ret;
	/* Copy once; everything below reads only the secure copy. */
	memcpy(&d, (const void *)(uintptr_t)pa, sizeof(d));
	ret = desc_valid(&d);
	if (ret)
		return ret;
	n = (u32)(d.ro_size >> 12);
	sw_spin_lock(&mod_lock);
	ret = -ENOSPC;
	if (nr_mods == MODULES_MAX || n > FROZEN_PAGES_MAX - nr_pages)
		goto out;
	ret = -EEXIST;
	for (i = 0; i < nr_mods; i++)
		if (d.base < mods[i].desc.base + mods[i].desc.ro_size &&
		    mods[i].desc.base < d.base + d.ro_size)
			goto out;
	for (i = 0; i < n; i++) {
		u64 va = d.base + i * VSM_PAGE_SIZE;

		ret = -EFAULT;
		if (sw_guest_translate(cr3, va, &p) || !sw_host_writable(page_of(p), VSM_PAGE_SIZE))
			goto out;
		ret = -EPERM;
		if (i < (d.text_size >> 12) && !sw_exec_page_approved(va, p))
			goto out;
		pages[nr_pages + i] = page_of(p);
	}
	m = &mods[nr_mods++];
	m->desc = d;
	m->first = nr_pages;
	m->nr = n;
	m->text = (u32)(d.text_size >> 12);
	m->applied = false;
	nr_pages += n;
	ret = 0;
	if (sw_text_protected(vsm_boot.text_pa))
		apply(c, m);
out:
	sw_spin_unlock(&mod_lock);
	return ret;
}

/**
 * sw_modules_lock() - the lock: protect every module recorded so far
 * @c: the locking CPU, after the kernel image was protected
 */
void sw_modules_lock(struct vsm_sw_cpu *c)
{
	u32 i;

	sw_spin_lock(&mod_lock);
	for (i = 0; i < nr_mods; i++)
		if (!mods[i].applied)
			apply(c, &mods[i]);
	sw_spin_unlock(&mod_lock);
}

/* Shell sort of @n page addresses. */
static void sort_pages(u64 *a, u32 n)
{
	u32 gap, i, j;

	for (gap = n / 2; gap; gap /= 2)
		for (i = gap; i < n; i++) {
			u64 t = a[i];

			for (j = i; j >= gap && a[j - gap] > t; j -= gap)
				a[j] = a[j - gap];
			a[j] = t;
		}
}

/**
 * sw_module_thaw() - a module goes: its code becomes ordinary memory
 * @c: the calling CPU
 * @base: its base, as frozen
 *
 * Return: 0, or -ENOENT if no module is recorded there.
 */
s64 sw_module_thaw(struct vsm_sw_cpu *c, u64 base)
{
	struct frozen *m;
	u32 i, at, back = 0;

	sw_spin_lock(&mod_lock);
	m = find(base);
	if (!m) {
		sw_spin_unlock(&mod_lock);
		return -ENOENT;
	}
	for (i = 0; i < m->text; i++)
		sw_exec_retract_page(base + (u64)i * VSM_PAGE_SIZE, page_of(pages[m->first + i]));
	if (m->applied) {
		for (i = 0; i < m->text; i++)
			scratch.pages[i] = page_of(pages[m->first + i]);
		sort_pages(scratch.pages, m->text);
		sw_text_sites_drop(scratch.pages, m->text);
	}
	for (i = 0; i < m->nr; i++) {
		u64 page = page_of(pages[m->first + i]), *e;

		if (!(pages[m->first + i] & PAGE_PROTECTED) || sw_own_unprotect(page, VSM_PAGE_SIZE))
			continue;
		e = vsm_pt_leaf_4k(&split_ops, sw_va(vsm_boot.npt_root), page);
		if (e)
			__atomic_or_fetch(e, VSM_PTE_RW, __ATOMIC_RELEASE);
		back++;
	}
	if (m->applied)
		sw_audit(c, VSM_AEV_MODULE_CODE, base, back, VSM_AEV_MODULE_THAWED);
	/* Close the gaps in pages[] and mods[]. */
	at = m->first;
	for (i = at; i + m->nr < nr_pages; i++)
		pages[i] = pages[i + m->nr];
	nr_pages -= m->nr;
	for (i = 0; i < nr_mods; i++)
		if (mods[i].first > at)
			mods[i].first -= m->nr;
	for (i = (u32)(m - mods); i + 1 < nr_mods; i++)
		mods[i] = mods[i + 1];
	nr_mods--;
	sw_spin_unlock(&mod_lock);
	return 0;
}
