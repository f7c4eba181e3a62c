/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Finding the host kernel's executable mappings: a walk of the kernel half
 * of the host's page tables that reports each supervisor-executable leaf.
 * Pure logic, shared by the secure world and the hosted tests.
 */
#ifndef VSM_COMMON_EXECSCAN_H
#define VSM_COMMON_EXECSCAN_H

#include "insn.h"

/**
 * typedef vsm_exec_visit_fn - called for each executable leaf
 * @ctx: the caller's context
 * @va: virtual address of the leaf
 * @pa: physical address it maps
 * @size: 4 KiB, 2 MiB or 1 GiB
 */
typedef void (*vsm_exec_visit_fn)(void *ctx, u64 va, u64 pa, u64 size);

int vsm_exec_scan(const struct vsm_guest_mem *mem, u64 cr3, vsm_exec_visit_fn visit,
		  void *ctx);

#endif /* VSM_COMMON_EXECSCAN_H */
