/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guard that turns a refused text_poke() into no write instead of a BUG.
 */
#ifndef VSM_DRIVER_TEXT_GUARD_H
#define VSM_DRIVER_TEXT_GUARD_H

struct vsm_kernel_image;

int vsm_text_guard_start(const struct vsm_kernel_image *img);
void vsm_text_guard_stop(void);

#endif /* VSM_DRIVER_TEXT_GUARD_H */
