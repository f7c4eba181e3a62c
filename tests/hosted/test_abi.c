// SPDX-License-Identifier: GPL-2.0
/*
 * ABI argument checks: sizes, flags and reserved fields.
 */
#include <string.h>

#include "unit.h"
#include "../../kmod/common/abi.h"

static struct vsm_info good_request(void)
{
	struct vsm_info req;

	memset(&req, 0, sizeof(req));
	req.hdr.size = sizeof(req);
	return req;
}

TEST(info_size_matches_published_ver0)
{
	EXPECT_EQ(sizeof(struct vsm_info), VSM_INFO_SIZE_VER0);
	EXPECT_EQ(sizeof(struct vsm_info) % 8, 0);
}

TEST(mem_is_zero)
{
	unsigned char buf[33] = { 0 };

	EXPECT(vsm_mem_is_zero(buf, 0));
	EXPECT(vsm_mem_is_zero(buf, sizeof(buf)));
	buf[32] = 1;
	EXPECT(!vsm_mem_is_zero(buf, sizeof(buf)));
	EXPECT(vsm_mem_is_zero(buf, 32));
	buf[0] = 0x80;
	EXPECT(!vsm_mem_is_zero(buf, 1));
}

TEST(arg_size_bounds)
{
	EXPECT_EQ(vsm_check_arg_size(0, 16), -EINVAL);
	EXPECT_EQ(vsm_check_arg_size(15, 16), -EINVAL);
	EXPECT_EQ(vsm_check_arg_size(16, 16), 0);
	EXPECT_EQ(vsm_check_arg_size(VSM_ARG_MAX_SIZE, 16), 0);
	EXPECT_EQ(vsm_check_arg_size(VSM_ARG_MAX_SIZE + 1, 16), -EINVAL);
	EXPECT_EQ(vsm_check_arg_size(0xffffffffU, 16), -EINVAL);
}

TEST(hdr_flags)
{
	struct vsm_hdr h = { .size = 16, .flags = 0 };

	EXPECT_EQ(vsm_check_hdr(&h, 16, 0), 0);
	h.flags = 1;
	EXPECT_EQ(vsm_check_hdr(&h, 16, 0), -EINVAL);
	EXPECT_EQ(vsm_check_hdr(&h, 16, 1), 0);
	h.flags = 0x80000000U;
	EXPECT_EQ(vsm_check_hdr(&h, 16, 1), -EINVAL);
}

TEST(info_request_good)
{
	struct vsm_info req = good_request();

	EXPECT_EQ(vsm_check_info_request(&req), 0);
	/* Output fields are ignored on input. */
	req.caps = ~0ULL;
	req.state = 77;
	EXPECT_EQ(vsm_check_info_request(&req), 0);
}

TEST(info_request_rejects_flags_and_reserved)
{
	struct vsm_info req;
	unsigned int i;

	req = good_request();
	req.hdr.flags = 1;
	EXPECT_EQ(vsm_check_info_request(&req), -EINVAL);
	req = good_request();
	req.dma = 1;
	EXPECT_EQ(vsm_check_info_request(&req), -EINVAL);
	req = good_request();
	req.cpu_bytes = 4096;
	EXPECT_EQ(vsm_check_info_request(&req), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(req.reserved); i++) {
		req = good_request();
		req.reserved[i] = 1ULL << 63;
		EXPECT_EQ(vsm_check_info_request(&req), -EINVAL);
	}
}

TEST(info_request_rejects_bad_sizes)
{
	struct vsm_info req = good_request();

	req.hdr.size = VSM_INFO_SIZE_VER0 - 1;
	EXPECT_EQ(vsm_check_info_request(&req), -EINVAL);
	req.hdr.size = VSM_ARG_MAX_SIZE + 8;
	EXPECT_EQ(vsm_check_info_request(&req), -EINVAL);
	req.hdr.size = VSM_ARG_MAX_SIZE;
	EXPECT_EQ(vsm_check_info_request(&req), 0);
}
