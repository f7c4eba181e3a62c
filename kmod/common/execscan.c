// SPDX-License-Identifier: GPL-2.0
/*
 * Supervisor-executable mappings in the kernel half of a 4-level page
 * table: present all the way down, NX clear at every level, and not a
 * user page (U/S set at every level).  Entries the walk cannot read are
 * counted, never guessed.
 */
#include "execscan.h"
#include "paging.h"

#define CR3_ADDR	0x000ffffffffff000ULL
#define KERNEL_HALF	256	/* PML4 slots 256..511 */

struct walk {
	const struct vsm_guest_mem *mem;
	vsm_exec_visit_fn visit;
	void *ctx;
	int leaves;
	int unreadable;
};

static u64 canonical(u64 va)
{
	return va & (1ULL << 47) ? va | 0xffff000000000000ULL : va;
}

static void walk_table(struct walk *w, u64 table, unsigned int level, u64 va, bool user)
{
	unsigned int i, first = level == VSM_PT_LEVELS ? KERNEL_HALF : 0;

	for (i = first; i < 512; i++) {
		u64 e, at = va | (u64)i << VSM_PT_SHIFT(level);
		bool u;

		if (w->mem->read(w->mem->ctx, table + i * 8, &e, sizeof(e))) {
			w->unreadable++;
			continue;
		}
		if (!(e & VSM_PTE_P) || (e & VSM_PTE_NX))
			continue;
		u = user && (e & VSM_PTE_US);
		if (level == 1 || (level <= 3 && (e & VSM_PTE_PS))) {
			u64 size = VSM_PT_SIZE(level);

			if (!u) {
				w->visit(w->ctx, canonical(at), e & VSM_PTE_ADDR & ~(size - 1), size);
				w->leaves++;
			}
			continue;
		}
		walk_table(w, e & VSM_PTE_ADDR, level - 1, at, u);
	}
}

/**
 * vsm_exec_scan() - report the supervisor-executable leaves of the kernel half
 * @mem: reads the host's physical memory
 * @cr3: the page tables
 * @visit: called for each leaf
 * @ctx: passed to @visit
 *
 * Return: the number of leaves reported, or -EFAULT if some table entries
 * could not be read (the leaves found are still reported).
 */
int vsm_exec_scan(const struct vsm_guest_mem *mem, u64 cr3, vsm_exec_visit_fn visit,
		  void *ctx)
{
	struct walk w = { mem, visit, ctx, 0, 0 };

	walk_table(&w, cr3 & CR3_ADDR, VSM_PT_LEVELS, 0, true);
	return w.unreadable ? -EFAULT : w.leaves;
}
