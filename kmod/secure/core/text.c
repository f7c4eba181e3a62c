// SPDX-License-Identifier: GPL-2.0
/*
 * Kernel text and read-only data, write-protected through nested paging
 * from the lock on (with the pin parameter).  The one legitimate writer
 * is the kernel switching its own jump labels and static calls: at the
 * lock the secure world takes the sites from the kernel's __jump_table,
 * static_call_sites and static-call trampolines, and a write into the
 * protected ranges is emulated here only if every byte it touches belongs
 * to a site and leaves each site in one of its legal states
 * (textpatch.c).  Any other write (ftrace, kprobes, livepatch, BPF
 * trampolines, or an attacker) depends on the code-integrity mode: enforce
 * skips it, so the text stays as it was, and audits the refusal; audit
 * mode, or no policy, performs it and audits it as a text patch.
 */
#include "../include/sw.h"
#include "../../common/insn.h"
#include "../../common/own.h"
#include "../../common/paging.h"
#include "../../common/textpatch.h"

/* The most bytes one emulated instruction may write (REP MOVS). */
#define TEXT_WRITE_MAX	64
/* Sites one write may touch. */
#define TOUCHED_MAX	4

static struct vsm_patch_site sites[VSM_PATCH_SITES_MAX];
static u32 nr_sites;
static u32 text_lock;

static bool in_range(u64 pa, u64 start, u64 end)
{
	return pa >= start && pa < end;
}

/* Is @gpa host read-only (the write-protected kernel image)? */
bool sw_text_protected(u64 gpa)
{
	return sw_own_state(gpa) == VSM_OWN_HOST_RO;
}

/* Read @len bytes of host RAM at @pa (not the region). */
static bool read_pa(u64 pa, u8 *buf, u32 len)
{
	if (!sw_host_ram(pa, len))
		return false;
	memcpy(buf, (const void *)(uintptr_t)pa, len);
	return true;
}

static struct vsm_code_ranges code_ranges;

/* The page tables to look module code up in (under text_lock, or at the lock). */
static u64 lookup_cr3;

/* A static call into the module area must reach approved module code. */
static bool module_code(void *ctx, u64 va)
{
	return sw_exec_approved_va(*(const u64 *)ctx, va);
}

/* The site's bytes, if it lies wholly in the kernel text. */
static bool site_bytes(u64 cr3, u64 va, u64 *pa, u8 *bytes)
{
	return !sw_guest_translate(cr3, va, pa) &&
	       in_range(*pa, vsm_boot.text_pa, vsm_boot.text_end) &&
	       *pa + VSM_PATCH_SITE_MAX_LEN <= vsm_boot.text_end &&
	       read_pa(*pa, bytes, VSM_PATCH_SITE_MAX_LEN);
}

/*
 * Static calls: the call sites in static_call_sites (a 32-bit offset to
 * the site, one to the key), and the trampolines, each five bytes of code
 * followed by the signature 0f b9 cc, 4-byte aligned.
 */
static u32 take_static_calls(u64 cr3, u32 n)
{
	static const u8 sig[3] = { 0x0f, 0xb9, 0xcc };
	u8 b[8];
	u64 va, pa;
	s32 off;

	for (va = vsm_boot.sc_sites; va + 8 <= vsm_boot.sc_sites_end &&
	     n < VSM_PATCH_SITES_MAX; va += 8) {
		if (sw_guest_fetch(cr3, va, (u8 *)&off, 4) != 4 ||
		    !site_bytes(cr3, va + (s64)off, &pa, b))
			continue;	/* init sites are gone with the init text */
		if (!vsm_static_call_site_init(&sites[n], pa, b, &code_ranges))
			n++;
	}
	for (va = vsm_boot.sc_tramps; va + 8 <= vsm_boot.sc_tramps_end &&
	     n < VSM_PATCH_SITES_MAX; va += 4) {
		if (sw_guest_fetch(cr3, va, b, 8) != 8 || memcmp(b + 5, sig, 3) ||
		    !site_bytes(cr3, va, &pa, b))
			continue;
		if (!vsm_static_call_site_init(&sites[n], pa, b, &code_ranges))
			n++;
	}
	return n;
}

/* Take the patch sites in the kernel text: jump labels and static calls. */
static void take_sites(u64 cr3)
{
	u64 va, n = 0;

	for (va = vsm_boot.jump_table; va + 16 <= vsm_boot.jump_table_end &&
	     n < VSM_PATCH_SITES_MAX; va += 16) {
		u8 e[16], code[VSM_PATCH_SITE_MAX_LEN];
		s32 code_off, target_off;
		u64 code_va, target_va, pa;

		if (sw_guest_fetch(cr3, va, e, sizeof(e)) != sizeof(e))
			continue;
		memcpy(&code_off, e, 4);
		memcpy(&target_off, e + 4, 4);
		code_va = va + (s64)code_off;
		target_va = va + 4 + (s64)target_off;
		/* Sites in freed init text are not in the range: left out. */
		if (sw_guest_translate(cr3, code_va, &pa) ||
		    !in_range(pa, vsm_boot.text_pa, vsm_boot.text_end) ||
		    pa + sizeof(code) > vsm_boot.text_end || !read_pa(pa, code, sizeof(code)))
			continue;
		if (!vsm_patch_site_init(&sites[n], pa, code_va, target_va, code, sizeof(code)))
			n++;
	}
	code_ranges.va_minus_pa = vsm_boot.text_va - vsm_boot.text_pa;
	code_ranges.text_va = vsm_boot.text_va;
	code_ranges.text_va_end = vsm_boot.text_va + (vsm_boot.text_end - vsm_boot.text_pa);
	code_ranges.modules_va = vsm_boot.modules_va;
	code_ranges.modules_va_end = vsm_boot.modules_end;
	code_ranges.module_code = module_code;
	code_ranges.ctx = &lookup_cr3;
	lookup_cr3 = cr3;
	if (vsm_boot.text_va)
		n = take_static_calls(cr3, (u32)n);
	nr_sites = vsm_patch_sites_sort(sites, (u32)n);
}

/*
 * Make the nested leaf entries of [@start, @end) follow the ownership
 * table: the write bit stays only on a leaf whose pages are all host
 * read-write.  The driver mapped the range with pages that end where it
 * ends.  Returns the bytes write-protected.
 */
static u64 protect_range(u64 start, u64 end)
{
	u64 gpa = start, done = 0;

	while (gpa < end) {
		u64 *table = sw_va(vsm_boot.npt_root), *e = NULL, size = VSM_PAGE_SIZE;
		unsigned int level;

		for (level = VSM_PT_LEVELS; level >= 1; level--) {
			e = &table[(gpa >> VSM_PT_SHIFT(level)) & 511];
			if (!(*e & VSM_PTE_P))
				break;
			if (level == 1 || (*e & VSM_PTE_PS)) {
				size = VSM_PT_SIZE(level);
				break;
			}
			table = sw_va(*e & VSM_PTE_ADDR);
		}
		if (e && (*e & VSM_PTE_P) && !(gpa & (size - 1)) && gpa + size <= end &&
		    !(sw_own_uniform(gpa, size) && sw_own_state(gpa) == VSM_OWN_HOST_RW)) {
			__atomic_and_fetch(e, ~VSM_PTE_RW, __ATOMIC_RELEASE);
			done += size;
		} else {
			size = VSM_PAGE_SIZE;	/* left writable: counted as missing */
		}
		gpa += size;
	}
	return done;
}

/**
 * sw_text_lock() - write-protect the kernel image, once, at the lock
 * @c: the locking CPU
 *
 * Each range becomes host read-only in the ownership table first, so that
 * from here on no hypercall writes it on the host's behalf; then its
 * nested entries lose the write bit.  A range the table refuses
 * (overlapping, unaligned or secure: the driver lied) keeps its write bit
 * and is left out of the bytes the lock's record counts, so that the
 * table and the nested map never disagree.  Every CPU flushes its nested
 * TLB entries when it pins its state, which the driver makes happen before
 * the lock ioctl returns.
 *
 * Return: bytes protected (0 if the driver gave no ranges).
 */
u64 sw_text_lock(struct vsm_sw_cpu *c)
{
	u64 done = 0;

	if (!vsm_boot.text_end || !vsm_boot.rodata_end)
		return 0;
	take_sites(arch_host_cr3(c));
	if (!sw_own_protect(vsm_boot.text_pa, vsm_boot.text_end - vsm_boot.text_pa))
		done += protect_range(vsm_boot.text_pa, vsm_boot.text_end);
	if (!sw_own_protect(vsm_boot.rodata_pa, vsm_boot.rodata_end - vsm_boot.rodata_pa))
		done += protect_range(vsm_boot.rodata_pa, vsm_boot.rodata_end);
	return done;
}

/**
 * sw_text_sites_add() - take more patch sites (a module's)
 * @add: the sites, sorted (vsm_patch_sites_sort())
 * @n: how many
 *
 * They are merged in, so that adding a module's sites costs one pass over
 * the table.
 *
 * Return: 0, or -ENOSPC if the table would overflow (nothing is added).
 */
int sw_text_sites_add(const struct vsm_patch_site *add, u32 n)
{
	u32 i, j, k;

	sw_spin_lock(&text_lock);
	if (n > VSM_PATCH_SITES_MAX - nr_sites) {
		sw_spin_unlock(&text_lock);
		return -ENOSPC;
	}
	/* Merge from the top down, in place. */
	i = nr_sites;
	j = n;
	k = nr_sites + n;
	while (j) {
		if (i && sites[i - 1].pa > add[j - 1].pa)
			sites[--k] = sites[--i];
		else
			sites[--k] = add[--j];
	}
	/* Sorted now: this only drops duplicates and overlaps. */
	nr_sites = vsm_patch_sites_sort(sites, nr_sites + n);
	sw_spin_unlock(&text_lock);
	return 0;
}

/* Is @page one of the @n sorted @pages? */
static bool page_in(const u64 *pages, u32 n, u64 page)
{
	u32 lo = 0, hi = n;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (pages[mid] == page)
			return true;
		if (pages[mid] < page)
			lo = mid + 1;
		else
			hi = mid;
	}
	return false;
}

/**
 * sw_text_sites_drop() - forget the patch sites on some pages
 * @pages: page addresses, sorted
 * @n: how many
 */
void sw_text_sites_drop(const u64 *pages, u32 n)
{
	u32 i, kept = 0;

	sw_spin_lock(&text_lock);
	for (i = 0; i < nr_sites; i++)
		if (!page_in(pages, n, sites[i].pa & ~VSM_PAGE_SIZE_MASK))
			sites[kept++] = sites[i];
	nr_sites = kept;
	sw_spin_unlock(&text_lock);
}

/**
 * sw_text_code_ranges() - where static calls may go, for new sites
 * @cr3: the page tables module code is looked up in
 * @ranges: filled in (the caller sets va_minus_pa for each site)
 */
void sw_text_code_ranges(u64 cr3, struct vsm_code_ranges *ranges)
{
	sw_spin_lock(&text_lock);
	*ranges = code_ranges;
	lookup_cr3 = cr3;
	sw_spin_unlock(&text_lock);
}

/* How many jump-label sites are known (for the lock's audit record). */
u32 sw_text_sites(void)
{
	return nr_sites;
}

/* One site a write touches: its bytes as they will be. */
struct touched {
	int site;
	u8 bytes[VSM_PATCH_SITE_MAX_LEN];
};

/* The bytes an emulated store writes, and where (virtual). */
static bool store_bytes(struct vsm_host_regs *r, const struct vsm_store_insn *st,
			u8 *data, u64 *dst, u32 *len)
{
	u64 val, count;

	if (st->op == VSM_STORE_MOVS) {
		count = st->rep ? r->gpr[VSM_GPR_RCX] : 1;
		if ((r->rflags & VSM_RFLAGS_DF) || count * st->size > TEXT_WRITE_MAX)
			return false;
		*len = (u32)(count * st->size);
		*dst = r->gpr[VSM_GPR_RDI];
		return !*len || sw_guest_fetch(r->cr3, r->gpr[VSM_GPR_RSI], data, *len) == (int)*len;
	}
	if (st->op == VSM_STORE_MOV_REG)
		val = st->high_byte ? r->gpr[st->reg - 4] >> 8 : r->gpr[st->reg];
	else
		val = st->imm;
	for (u32 i = 0; i < st->size; i++)
		data[i] = (u8)(val >> (8 * i));
	*len = st->size;
	*dst = vsm_modrm_address(&st->mem, r->gpr, r->rip + st->len,
				 st->mem.seg == 4 ? r->fs_base : r->gs_base);
	return true;
}

/* Stage byte @b at @pa into the touched sites; false if it is no site's. */
static bool stage(struct touched *t, u32 *nt, u64 pa, u8 b)
{
	int s = vsm_patch_site_find(sites, nr_sites, pa);
	u32 i;

	if (s < 0)
		return false;
	for (i = 0; i < *nt && t[i].site != s; i++)
		;
	if (i == *nt) {
		if (*nt == TOUCHED_MAX || !read_pa(sites[s].pa, t[i].bytes, sites[s].size))
			return false;
		t[i].site = s;
		(*nt)++;
	}
	t[i].bytes[pa - sites[s].pa] = b;
	return true;
}

/* What a write into the protected image is. */
enum text_write_kind {
	WRITE_JUMP_LABEL,	/* a legal jump-label or static-call switch */
	WRITE_OTHER,		/* anything else into host RAM */
	WRITE_BAD,		/* unmapped, or into the secure region */
};

/*
 * Would writing @data[i] at @pa[i] leave every patch site it touches in a
 * legal state, touching no other protected byte?  Under text_lock, with
 * lookup_cr3 set.
 */
static bool patch_legal(const u8 *data, const u64 *pa, u32 len)
{
	struct touched t[TOUCHED_MAX];
	u32 i, nt = 0;

	for (i = 0; i < len; i++)
		if (sw_text_protected(pa[i]) && !stage(t, &nt, pa[i], data[i]))
			return false;
	for (i = 0; i < nt; i++)
		if (!vsm_patch_site_valid_in(&sites[t[i].site], t[i].bytes, &code_ranges))
			return false;
	return true;
}

/* Where the write goes (@pa), and what it is. */
static int classify(struct vsm_host_regs *r, const u8 *data, u64 dst, u32 len, u64 *pa)
{
	u32 i;

	lookup_cr3 = r->cr3;
	for (i = 0; i < len; i++)
		if (sw_guest_translate(r->cr3, dst + i, &pa[i]) || !sw_host_ram(pa[i], 1))
			return WRITE_BAD;
	return patch_legal(data, pa, len) ? WRITE_JUMP_LABEL : WRITE_OTHER;
}

/**
 * sw_text_check() - would a write into the kernel image be carried out?
 * @c: the calling CPU
 * @pa: where (physical; the bytes are contiguous)
 * @len: how many bytes, 1 to VSM_CI_TEXT_MAX
 * @bytes: the bytes, the first in the low byte
 *
 * The same judgement sw_text_write() makes, asked before the write by
 * the driver's guard on text_poke(): only in enforce mode can a write be
 * refused, and only one that is not a legal switch of known patch sites.
 * A refusal is audited as a refused text write whose RIP is 0 (no
 * instruction ran).  With @pa and @len 0 it asks whether any write but a
 * patch-site switch would be refused now (locked, enforcing), so that the
 * driver can refuse kprobes and ftrace with an error before they patch.
 *
 * Return: 0, -EPERM (refused), -EINVAL (length), -EFAULT (not host RAM).
 */
s64 sw_text_check(struct vsm_sw_cpu *c, u64 pa, u64 len, u64 bytes)
{
	u64 at[VSM_CI_TEXT_MAX];
	u8 data[VSM_CI_TEXT_MAX];
	bool legal;
	u32 i;

	if (!len && !pa)
		return sw_ci_enforcing() && sw_text_protected(vsm_boot.text_pa) ? -EPERM : 0;
	if (!len || len > VSM_CI_TEXT_MAX)
		return -EINVAL;
	if (!sw_host_ram(pa, len))
		return -EFAULT;
	if (!sw_ci_enforcing())
		return 0;
	for (i = 0; i < len; i++) {
		at[i] = pa + i;
		data[i] = (u8)(bytes >> (8 * i));
	}
	sw_spin_lock(&text_lock);
	lookup_cr3 = arch_host_cr3(c);
	legal = patch_legal(data, at, (u32)len);
	sw_spin_unlock(&text_lock);
	if (legal)
		return 0;
	sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_TEXT_WRITE, pa, 0);
	return -EPERM;
}

/* The first 8 bytes written, for the audit record. */
static u64 first_bytes(const u8 *data, u32 len)
{
	u64 v = 0;
	u32 i;

	for (i = 0; i < len && i < 8; i++)
		v |= (u64)data[i] << (8 * i);
	return v;
}

/**
 * sw_text_write() - a host write into the write-protected kernel image
 * @c: this CPU
 * @r: the host's registers; RIP (and RSI, RDI, RCX for MOVS) are advanced
 * @gpa: the address that faulted
 *
 * Return: 0 when the instruction was emulated or skipped (a refused write
 * is audited and has no effect); -EINVAL when it could not be decoded
 * (audited; the caller injects #GP).
 */
int sw_text_write(struct vsm_sw_cpu *c, struct vsm_host_regs *r, u64 gpa)
{
	struct vsm_store_insn st;
	u8 insn[VSM_INSN_MAX], data[TEXT_WRITE_MAX];
	u64 dst, pa[TEXT_WRITE_MAX];
	u32 len = 0;
	int n, kind = WRITE_BAD;

	n = sw_guest_fetch(r->cr3, r->rip, insn, sizeof(insn));
	if (vsm_decode_store(insn, n, &st)) {
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_TEXT_WRITE, gpa, r->rip);
		return -EINVAL;
	}
	sw_spin_lock(&text_lock);
	if (store_bytes(r, &st, data, &dst, &len))
		kind = classify(r, data, dst, len, pa);
	if (kind == WRITE_OTHER && sw_ci_enforcing())
		kind = WRITE_BAD;
	/* Host read-only text: written here, mediated, under text_lock. */
	if (kind != WRITE_BAD)
		sw_host_store_bytes(c, pa, data, len);
	sw_spin_unlock(&text_lock);
	if (kind == WRITE_BAD)
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_TEXT_WRITE, gpa, r->rip);
	else if (kind == WRITE_OTHER)
		sw_audit(c, VSM_AEV_TEXT_PATCH, gpa, r->rip, first_bytes(data, len));
	if (st.op == VSM_STORE_MOVS) {
		u64 count = st.rep ? r->gpr[VSM_GPR_RCX] : 1;

		r->gpr[VSM_GPR_RSI] += count * st.size;
		r->gpr[VSM_GPR_RDI] += count * st.size;
		if (st.rep)
			r->gpr[VSM_GPR_RCX] = 0;
	}
	r->rip += st.len;
	return 0;
}
