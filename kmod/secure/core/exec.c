// SPDX-License-Identifier: GPL-2.0
/*
 * Executable kernel memory outside approved code: a detector, for CPUs
 * without supervisor-only execute control in nested paging (no GMET or
 * MBEC), where the secure world cannot keep unapproved pages from being
 * executed.  Approved are the kernel's text, what was executable when the
 * host locked (the host is trusted until then), and the text of each
 * module the code-integrity check let load afterwards (one approval per
 * allowed module).  A scan walks the kernel half of the host's page
 * tables and audits every supervisor-executable page outside that set.
 *
 * An approval is of a page *at an address*: physical page and virtual
 * page together.  A page approved at the lock (a kprobe slot, say) can be
 * freed later without the secure world hearing of it; approved by
 * physical page alone, it would stay approved wherever it was mapped next
 * (the likely cause of a scan that missed a freshly allocated page a
 * module had mapped executable).
 */
#include "../include/sw.h"
#include "../../common/execscan.h"

#define APPROVED_MAX	16384	/* pages */
#define FINDINGS_AUDITED 8
/* The low bits of the virtual page number kept in a key (64 GiB apart alias). */
#define KEY_VPN_BITS	24

static u64 approved[APPROVED_MAX];	/* keys (key_of()), sorted */
static u32 nr_approved;
static u32 tokens;
static bool more;	/* APPROVE_MORE allowed: the last call was an APPROVE */
static u32 exec_lock;

static int host_read(void *ctx, u64 pa, void *buf, u32 len)
{
	if (!sw_host_ram(pa, len))
		return -EFAULT;
	memcpy(buf, (const void *)(uintptr_t)pa, len);
	return 0;
}

static const struct vsm_guest_mem host_pt = { host_read, NULL };

static bool in_text(u64 pa)
{
	return pa >= vsm_boot.text_pa && pa < vsm_boot.text_end;
}

/*
 * A page at an address, in one number: the page frame (physical addresses
 * of up to 52 bits leave 40 bits) above the low bits of the virtual page.
 */
static u64 key_of(u64 va, u64 pa)
{
	return (pa >> 12) << KEY_VPN_BITS | ((va >> 12) & ((1ULL << KEY_VPN_BITS) - 1));
}

static int find(u64 key, u32 *at)
{
	u32 lo = 0, hi = nr_approved;

	while (lo < hi) {
		u32 mid = lo + (hi - lo) / 2;

		if (approved[mid] == key) {
			*at = mid;
			return 1;
		}
		if (approved[mid] < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	*at = lo;
	return 0;
}

static bool approve_page(u64 va, u64 pa)
{
	u64 key = key_of(va, pa);
	u32 at;

	if (find(key, &at))
		return true;
	if (nr_approved == APPROVED_MAX)
		return false;
	for (u32 i = nr_approved; i > at; i--)
		approved[i] = approved[i - 1];
	approved[at] = key;
	nr_approved++;
	return true;
}

static void retract_page(u64 va, u64 pa)
{
	u32 at;

	if (!find(key_of(va, pa), &at))
		return;
	for (u32 i = at; i + 1 < nr_approved; i++)
		approved[i] = approved[i + 1];
	nr_approved--;
}

static bool page_ok(u64 va, u64 pa)
{
	u32 at;

	return in_text(pa) || find(key_of(va, pa), &at);
}

/**
 * sw_exec_approved_va() - is the code at a host virtual address approved?
 * @cr3: the host's page tables
 * @va: the address
 *
 * Return: true for kernel text, or a page approved as executable.
 */
bool sw_exec_approved_va(u64 cr3, u64 va)
{
	u64 pa;
	bool ok;

	if (sw_guest_translate(cr3, va, &pa))
		return false;
	sw_spin_lock(&exec_lock);
	ok = page_ok(va, pa);
	sw_spin_unlock(&exec_lock);
	return ok;
}

/**
 * sw_exec_page_approved() - is this page approved at this address?
 * @va: its virtual address
 * @pa: its physical address
 *
 * Return: true if so (kernel text counts).
 */
bool sw_exec_page_approved(u64 va, u64 pa)
{
	bool ok;

	sw_spin_lock(&exec_lock);
	ok = page_ok(va & ~VSM_PAGE_SIZE_MASK, pa & ~VSM_PAGE_SIZE_MASK);
	sw_spin_unlock(&exec_lock);
	return ok;
}

/**
 * sw_exec_retract_page() - drop the approval of a page at an address
 * @va: its virtual address
 * @pa: its physical address, as approved
 */
void sw_exec_retract_page(u64 va, u64 pa)
{
	sw_spin_lock(&exec_lock);
	retract_page(va & ~VSM_PAGE_SIZE_MASK, pa & ~VSM_PAGE_SIZE_MASK);
	sw_spin_unlock(&exec_lock);
}

/* What a scan found. */
struct findings {
	struct vsm_sw_cpu *c;
	bool baseline;
	u32 ranges;
	u64 bytes;
	u64 last_va;	/* end of the range being merged */
	u64 last_pa;
};

static void visit(void *ctx, u64 va, u64 pa, u64 size)
{
	struct findings *f = ctx;
	u64 off;

	for (off = 0; off < size; off += VSM_PAGE_SIZE) {
		if (f->baseline) {
			if (!in_text(pa + off))
				approve_page(va + off, pa + off);
			continue;
		}
		if (page_ok(va + off, pa + off))
			continue;
		f->bytes += VSM_PAGE_SIZE;
		/* Adjacent pages are one finding. */
		if (f->ranges && va + off == f->last_va && pa + off == f->last_pa) {
			f->last_va += VSM_PAGE_SIZE;
			f->last_pa += VSM_PAGE_SIZE;
			continue;
		}
		if (f->ranges < FINDINGS_AUDITED)
			sw_audit(f->c, VSM_AEV_EXEC_MAPPING, va + off, pa + off, 0);
		f->ranges++;
		f->last_va = va + off + VSM_PAGE_SIZE;
		f->last_pa = pa + off + VSM_PAGE_SIZE;
	}
}

/**
 * sw_exec_baseline() - approve what is executable now, at the lock
 * @c: the locking CPU
 */
void sw_exec_baseline(struct vsm_sw_cpu *c)
{
	struct findings f = { .c = c, .baseline = true };

	sw_spin_lock(&exec_lock);
	vsm_exec_scan(&host_pt, arch_host_cr3(c), visit, &f);
	sw_spin_unlock(&exec_lock);
}

/* An allowed module may have its text approved once (ci.c). */
void sw_exec_grant(void)
{
	sw_spin_lock(&exec_lock);
	if (tokens < 8)
		tokens++;
	sw_spin_unlock(&exec_lock);
}

/**
 * sw_exec_approve() - approve (or retract) the pages of a module's text
 * @c: this CPU
 * @va: its host virtual address
 * @size: its size
 * @op: VSM_CI_OP_APPROVE (needs a grant from an allowed module check),
 *	VSM_CI_OP_APPROVE_MORE (the same module's init text, right after)
 *	or VSM_CI_OP_RETRACT
 *
 * Return: 0; -EPERM without a grant; -EFAULT if a page is not mapped;
 * -ENOSPC if the approved set is full.
 */
s64 sw_exec_approve(struct vsm_sw_cpu *c, u64 va, u64 size, u64 op)
{
	bool approve = op != VSM_CI_OP_RETRACT;
	u64 off, pa;
	s64 ret = 0;

	if (!size || size > (64ULL << 20) || (va & VSM_PAGE_SIZE_MASK))
		return -EINVAL;
	sw_spin_lock(&exec_lock);
	if ((op == VSM_CI_OP_APPROVE && !tokens) || (op == VSM_CI_OP_APPROVE_MORE && !more)) {
		ret = -EPERM;
		goto out;
	}
	for (off = 0; off < size; off += VSM_PAGE_SIZE) {
		if (sw_guest_translate(arch_host_cr3(c), va + off, &pa)) {
			ret = -EFAULT;
			continue;
		}
		if (!approve)
			retract_page(va + off, pa);
		else if (!approve_page(va + off, pa))
			ret = -ENOSPC;
	}
	if (op == VSM_CI_OP_APPROVE)
		tokens--;
	more = op == VSM_CI_OP_APPROVE;
out:
	sw_spin_unlock(&exec_lock);
	return ret;
}

/**
 * sw_exec_scan() - audit executable kernel memory outside approved code
 * @c: this CPU
 *
 * Return: the number of unapproved ranges (each of the first few audited
 * as an exec_mapping record, the total in an exec_scan record), or
 * -EFAULT if the walk could not read every table.
 */
s64 sw_exec_scan(struct vsm_sw_cpu *c)
{
	struct findings f = { .c = c };
	int leaves;

	sw_spin_lock(&exec_lock);
	leaves = vsm_exec_scan(&host_pt, arch_host_cr3(c), visit, &f);
	sw_spin_unlock(&exec_lock);
	sw_audit(c, VSM_AEV_EXEC_SCAN, leaves < 0 ? 0 : (u64)leaves, f.ranges, f.bytes);
	return leaves < 0 ? -EFAULT : (s64)f.ranges;
}
