/* SPDX-License-Identifier: GPL-2.0 */
/* The guest code of vsm_svm_intr_probe.ko (svm_intr_probe_guest.S). */
#ifndef VSM_SVM_INTR_PROBE_H
#define VSM_SVM_INTR_PROBE_H

#include <asm/svm.h>

/* A flat 4 GiB segment for the probes' guests. */
static inline void vsm_probe_seg(struct vmcb_seg *s, u16 sel, u16 attrib)
{
	s->selector = sel;
	s->attrib = attrib;
	s->limit = 0xffffffff;
	s->base = 0;
}

extern unsigned long vsm_probe_hits[256];
extern const char vsm_probe_guest[], vsm_probe_loop[], vsm_probe_loop_end[];
extern const char vsm_probe_isr_0[], vsm_probe_isr_1[], vsm_probe_isr_2[],
	vsm_probe_isr_3[], vsm_probe_isr_4[], vsm_probe_isr_5[],
	vsm_probe_isr_6[], vsm_probe_isr_7[], vsm_probe_isr_8[],
	vsm_probe_isr_13[], vsm_probe_isr_14[], vsm_probe_isr_65[],
	vsm_probe_isr_32[], vsm_probe_isr_236[], vsm_probe_isr_251[],
	vsm_probe_isr_252[], vsm_probe_isr_253[], vsm_probe_isr_254[],
	vsm_probe_isr_255[];

#endif
