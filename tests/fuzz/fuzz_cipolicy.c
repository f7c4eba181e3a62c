// SPDX-License-Identifier: GPL-2.0
/*
 * The code-integrity policy parser on hostile images: no crash, no read
 * past the image, and what it accepts is self-consistent.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../../kmod/common/cipolicy.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const u8 module[] = "\177ELF fuzz";
	struct vsm_ci_policy p, q;
	struct vsm_ci_verdict v;
	u8 *copy = malloc(size ? size : 1);
	u32 i;

	memcpy(copy, data, size);
	if (!vsm_ci_policy_parse(copy, size, &p, NULL)) {
		if (p.size > size || p.size < VSM_CI_HDR_SIZE ||
		    p.nr_certs > VSM_CI_NR_CERTS ||
		    (size_t)p.nr_hashes * VSM_CI_HASH_LEN > p.size - VSM_CI_HDR_SIZE)
			abort();
		for (i = 0; i < p.nr_certs; i++)
			if (p.spki[i].p < copy || p.spki[i].p + p.spki[i].len > copy + p.size)
				abort();
		vsm_ci_judge_file(&p, module, sizeof(module), &v);
		if (v.result == VSM_CI_RES_NO_POLICY)
			abort();
		q = p;
		vsm_ci_policy_check_update(&q, copy, &p);
	}
	free(copy);
	return 0;
}
