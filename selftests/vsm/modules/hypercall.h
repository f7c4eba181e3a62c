/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hypercall.S: VSM_HC_DEVIRT, keeping the callee-saved registers.
 */
#ifndef VSM_ATTACK_HYPERCALL_H
#define VSM_ATTACK_HYPERCALL_H

#include <linux/types.h>

long vsm_attack_devirt(bool intel);

#endif /* VSM_ATTACK_HYPERCALL_H */
