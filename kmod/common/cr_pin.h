/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Which writes of CR0 and CR4 a pinned host may make: the pure policy,
 * shared by the SVM and VMX code and tested in user space.
 */
#ifndef VSM_COMMON_CR_PIN_H
#define VSM_COMMON_CR_PIN_H

#include "types.h"

#define X86_CR0_PE		VSM_BIT64(0)
#define X86_CR0_MP		VSM_BIT64(1)
#define X86_CR0_EM		VSM_BIT64(2)
#define X86_CR0_TS		VSM_BIT64(3)
#define X86_CR0_ET		VSM_BIT64(4)
#define X86_CR0_NE		VSM_BIT64(5)
#define X86_CR0_WP		VSM_BIT64(16)
#define X86_CR0_AM		VSM_BIT64(18)
#define X86_CR0_NW		VSM_BIT64(29)
#define X86_CR0_CD		VSM_BIT64(30)
#define X86_CR0_PG		VSM_BIT64(31)

#define X86_CR4_VME		VSM_BIT64(0)
#define X86_CR4_PVI		VSM_BIT64(1)
#define X86_CR4_TSD		VSM_BIT64(2)
#define X86_CR4_DE		VSM_BIT64(3)
#define X86_CR4_PSE		VSM_BIT64(4)
#define X86_CR4_PAE		VSM_BIT64(5)
#define X86_CR4_MCE		VSM_BIT64(6)
#define X86_CR4_PGE		VSM_BIT64(7)
#define X86_CR4_PCE		VSM_BIT64(8)
#define X86_CR4_UMIP		VSM_BIT64(11)
#define X86_CR4_LA57		VSM_BIT64(12)
#define X86_CR4_PCIDE		VSM_BIT64(17)
#define X86_CR4_SMEP		VSM_BIT64(20)
#define X86_CR4_SMAP		VSM_BIT64(21)
#define X86_CR4_CET		VSM_BIT64(23)

/* CR0 bits that are pinned when set at pin time. */
#define VSM_CR0_PINNABLE	(X86_CR0_PE | X86_CR0_PG | X86_CR0_WP)
/* CR4 bits that harden the host, pinned when set at pin time. */
#define VSM_CR4_PINNABLE	(X86_CR4_PAE | X86_CR4_PGE | X86_CR4_UMIP | \
				 X86_CR4_SMEP | X86_CR4_SMAP | X86_CR4_CET)
/* CR4 bits a pinned host may still set (every x86-64 CPU has them). */
#define VSM_CR4_HOST_MAY_SET	(X86_CR4_TSD | X86_CR4_DE | X86_CR4_MCE | \
				 X86_CR4_PGE | X86_CR4_PCE)

/**
 * enum vsm_cr_verdict - what becomes of a CR write
 * @VSM_CR_WRITE: write the value the policy returned
 * @VSM_CR_IGNORE: it would change a pinned bit: skip it (and audit)
 * @VSM_CR_FAULT: architecturally invalid, or a bit the policy does not
 *	let the host set: inject #GP
 */
enum vsm_cr_verdict {
	VSM_CR_WRITE,
	VSM_CR_IGNORE,
	VSM_CR_FAULT,
};

/**
 * struct vsm_cr_write - one CR write, as the policy sees it
 * @old: the register now
 * @val: the value the host writes
 * @pinned: the pinned bits (each must stay set)
 * @result: the value to write, for VSM_CR_WRITE
 * @flush: the write must flush the host's TLB, for VSM_CR_WRITE
 */
struct vsm_cr_write {
	u64 old;
	u64 val;
	u64 pinned;
	u64 result;
	bool flush;
};

enum vsm_cr_verdict vsm_cr0_write(struct vsm_cr_write *w);
enum vsm_cr_verdict vsm_cr4_write(struct vsm_cr_write *w);

#endif /* VSM_COMMON_CR_PIN_H */
