/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shadow nested paging for a guest of the host (L2), the pure part: walk
 * the nested page tables the host's hypervisor (L1, e.g. KVM) built for it,
 * and combine what they allow with what vsm's own nested page tables allow
 * the host, so that a shadow entry never reaches further than either.
 * Shared by the secure world and the hosted tests.
 */
#ifndef VSM_COMMON_SNPT_H
#define VSM_COMMON_SNPT_H

#include "insn.h"

/* Why a walk of L1's tables failed: bits of the #NPF error code to reflect. */
#define VSM_SNPT_FAULT_PRESENT	VSM_BIT64(0)	/* the entry was present */
#define VSM_SNPT_FAULT_WRITE	VSM_BIT64(1)
#define VSM_SNPT_FAULT_USER	VSM_BIT64(2)	/* always: nested walks are user walks */
#define VSM_SNPT_FAULT_RSVD	VSM_BIT64(3)
#define VSM_SNPT_FAULT_FETCH	VSM_BIT64(4)

/* What the access is. */
#define VSM_SNPT_ACC_WRITE	VSM_BIT(0)
#define VSM_SNPT_ACC_FETCH	VSM_BIT(1)

/**
 * struct vsm_snpt_leaf - where L1's tables send an L2-physical address
 * @l1_pa: the L1-physical address
 * @size: the leaf's page size in L1's tables (4 KiB, 2 MiB or 1 GiB)
 * @write: writes allowed on the way down
 * @exec: instruction fetches allowed on the way down
 */
struct vsm_snpt_leaf {
	u64 l1_pa;
	u64 size;
	bool write;
	bool exec;
};

int vsm_snpt_walk(const struct vsm_guest_mem *l1, u64 ncr3, u64 l2_pa, u32 access,
		  struct vsm_snpt_leaf *leaf, u64 *fault);

/**
 * struct vsm_snpt_host - what vsm's own nested tables give the host
 * @pa: the L1-physical address looked up
 * @present: the host may reach it at all (false for the secure region)
 * @write: and write it
 * @size: the largest aligned block around @pa with the same answer
 */
struct vsm_snpt_host {
	u64 pa;
	bool present;
	bool write;
	u64 size;
};

u64 vsm_snpt_entry(const struct vsm_snpt_leaf *leaf, u64 l2_pa,
		   const struct vsm_snpt_host *host, u64 *size);

#endif /* VSM_COMMON_SNPT_H */
