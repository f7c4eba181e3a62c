// SPDX-License-Identifier: GPL-2.0
/*
 * Containing host accesses to the secure region.  The nested page tables
 * leave every secure page out, with prepared 4 KiB entries.  The first
 * time the host touches a secure page, the secure world audits the address
 * and the host's RIP, and points that entry at the decoy page, read-only
 * and not executable: from then on the host reads zeros there, and each
 * write it makes is stepped over (dropped).  Secure memory is never read
 * or written for the host, and the host does not crash.
 */
#include "../include/sw.h"
#include "../../common/insn.h"
#include "../../common/own.h"
#include "../../common/paging.h"

static void *table_va(void *ctx, u64 pa)
{
	return sw_va(pa);
}

/**
 * sw_npt_entry() - the prepared 4 KiB nested entry of @gpa
 * @gpa: a host-physical address the nested map leaves out
 *
 * Return: the entry, or NULL where a large page or no table covers it.
 */
u64 *sw_npt_entry(u64 gpa)
{
	u64 *table = sw_va(vsm_boot.npt_root);
	unsigned int level;

	for (level = VSM_PT_LEVELS; level > 1; level--) {
		u64 e = table[(gpa >> VSM_PT_SHIFT(level)) & 511];

		if (!(e & VSM_PTE_P) || (e & VSM_PTE_PS))
			return NULL;
		table = table_va(NULL, e & VSM_PTE_ADDR);
	}
	return &table[(gpa >> VSM_PT_SHIFT(1)) & 511];
}

static const struct vsm_pt_ops npt_ops = { NULL, table_va, NULL };

/**
 * sw_npt_spurious() - a nested fault the nested map no longer explains
 * @gpa: the address
 * @write: the access was a write
 * @fetch: an instruction fetch
 *
 * A CPU may fault through a translation it cached before a right came
 * back (module code thawed, a decoy just mapped by another CPU): the
 * caller flushes this CPU's nested translations and lets the host retry.
 *
 * Return: true if the leaf for @gpa now allows the access.
 */
bool sw_npt_spurious(u64 gpa, bool write, bool fetch)
{
	u64 e = vsm_pt_lookup(&npt_ops, sw_va(vsm_boot.npt_root), gpa, NULL);

	return e && arch_npt_leaf_allows(e, write, fetch);
}

/* Set in a decoy entry once a write through it has been audited. */
#define DECOY_WRITE_AUDITED	VSM_BIT64(11)

/*
 * Drop the write the host's instruction at RIP makes into the decoy: step
 * over it, or for MOVS and STOS over the elements that land in the page
 * (a REP string that goes on past the page re-executes for the rest).
 */
static int drop_write(struct vsm_host_regs *r)
{
	struct vsm_write_insn w;
	u8 insn[VSM_INSN_MAX];
	u64 count, room, off, done, delta;
	int n;

	n = sw_guest_fetch(r->cr3, r->rip, insn, sizeof(insn));
	if (n <= 0 || vsm_decode_write(insn, (u32)n, &w))
		return -EINVAL;
	if (!w.string) {
		r->rip += w.len;
		return 0;
	}
	count = w.rep ? r->gpr[VSM_GPR_RCX] : 1;
	off = r->gpr[VSM_GPR_RDI] & VSM_PAGE_SIZE_MASK;
	if (r->rflags & VSM_RFLAGS_DF)
		room = off / w.size + 1;
	else
		room = (VSM_PAGE_SIZE - off + w.size - 1) / w.size;
	done = count < room ? count : room;
	delta = done * w.size;
	if (r->rflags & VSM_RFLAGS_DF)
		delta = -delta;
	r->gpr[VSM_GPR_RDI] += delta;
	if (w.movs)
		r->gpr[VSM_GPR_RSI] += delta;
	if (w.rep)
		r->gpr[VSM_GPR_RCX] -= done;
	if (!w.rep || !r->gpr[VSM_GPR_RCX])
		r->rip += w.len;
	return 0;
}

/**
 * sw_contain_access() - handle a nested page fault of the host
 * @c: this CPU
 * @r: the host's registers (RIP and string registers move for a write)
 * @gpa: the address the host touched
 * @code: the nested page fault error code (bit 1: write)
 * @fetch: it was an instruction fetch
 *
 * The decoy is mapped read-only and never executable: a write through it
 * is dropped (drop_write()) and audited once per page, so no two contained
 * accessors can pass data through it.
 *
 * Return: 0 when contained (the host goes on, reaching the decoy or past
 * the dropped write; @r is to be written back), -EFAULT for an address
 * that is not the secure world's in the ownership table (nothing else is
 * unmapped, so this is an emulator or hardware oddity) and -EINVAL for a
 * write the secure world cannot step over (audited) or an instruction
 * fetch from secure memory (the decoy is never executable): the caller
 * injects #GP.
 */
int sw_contain_access(struct vsm_sw_cpu *c, struct vsm_host_regs *r, u64 gpa, u64 code,
		      bool fetch)
{
	u64 page = gpa & ~VSM_PAGE_SIZE_MASK;
	u64 expected = 0, decoy, e;
	u64 *pte;

	if (!vsm_own_host_hidden(sw_own_state(gpa)))
		return -EFAULT;
	pte = sw_npt_entry(gpa);
	if (!pte)
		return -EFAULT;
	decoy = arch_npt_leaf_read_only(vsm_boot.decoy_pa);
	if (code & VSM_BIT64(1))
		decoy |= DECOY_WRITE_AUDITED;
	/* Several CPUs may fault on the same page: one audits it. */
	if (__atomic_compare_exchange_n(pte, &expected, decoy, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE)) {
		sw_audit(c, VSM_AEV_PROTECTED_ACCESS, page, r->rip, code);
		return 0;	/* the host retries; a write faults again */
	}
	if ((expected & VSM_PTE_ADDR) != vsm_boot.decoy_pa)
		return 0;	/* not the decoy yet: retry */
	if (fetch)
		return -EINVAL;	/* executing secure memory: never */
	if (!(code & VSM_BIT64(1)))
		return 0;	/* another CPU mapped the decoy meanwhile */
	if (drop_write(r)) {
		sw_audit(c, VSM_AEV_REFUSED, VSM_AEV_REFUSED_DECOY_WRITE, page, r->rip);
		return -EINVAL;
	}
	e = expected;
	if (!(e & DECOY_WRITE_AUDITED) &&
	    __atomic_compare_exchange_n(pte, &e, e | DECOY_WRITE_AUDITED, false,
					__ATOMIC_ACQ_REL, __ATOMIC_ACQUIRE))
		sw_audit(c, VSM_AEV_PROTECTED_ACCESS, page, r->rip, code);
	return 0;
}
