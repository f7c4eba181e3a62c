/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vsm_ci_return: where the module-load probe sends a refused
 * module_sig_check() (RAX already holds -EPERM): straight back to its
 * caller.
 */
#include <linux/linkage.h>
#include <asm/linkage.h>

SYM_FUNC_START(vsm_ci_return)
	RET
SYM_FUNC_END(vsm_ci_return)
